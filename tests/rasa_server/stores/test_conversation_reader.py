"""Every conversation the tracker store saved is read back as its events, for the inbox."""

from __future__ import annotations

import pytest
import redis

from rasa_server.stores.conversation_reader import (
    ConversationStoreError,
    describe,
    read_conversations,
)
from tests.rasa_server.stores.stored_conversations import database_url, save_conversation

START = 1_790_000_000.0


@pytest.fixture
def url(redis_url: str) -> str:
    return database_url(redis_url, 5)


def test_every_saved_conversation_is_read_with_its_messages_and_replies(url: str) -> None:
    save_conversation(url, "a", [("parking?", "utter_cannot_answer")], START)
    save_conversation(
        url, "b", [("sciatica", "utter_faq/sciatica"), ("hours", "utter_default")], START
    )
    conversations = list(read_conversations(url))
    assert len(conversations) == 2
    texts = sorted(
        event["text"] for events in conversations for event in events if event["event"] == "user"
    )
    assert texts == ["hours", "parking?", "sciatica"]
    replies = {
        event["metadata"]["utter_action"]
        for events in conversations
        for event in events
        if event["event"] == "bot"
    }
    assert replies == {"utter_cannot_answer", "utter_faq/sciatica", "utter_default"}


def test_values_that_are_not_conversations_are_left_out(url: str) -> None:
    client = redis.Redis.from_url(url)
    client.set("tracker:broken", "{not json")
    client.set("tracker:no_events", '{"name": "x"}')
    client.set("lock:other", "[]")
    save_conversation(url, "fine", [("hi", "utter_greet")], START)
    assert len(list(read_conversations(url))) == 1


def test_an_unreachable_store_is_named_without_its_password() -> None:
    url = "redis://:secret-pass@127.0.0.1:1/0"
    with pytest.raises(ConversationStoreError, match=r"127\.0\.0\.1:1") as raised:
        list(read_conversations(url))
    assert "secret-pass" not in str(raised.value)
    assert describe(url) == "Redis at 127.0.0.1:1/0"
