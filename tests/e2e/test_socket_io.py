"""The widget's socket.io channel against the real servers: sessions belong to their browser.

A session id is issued with a signature; a second client that names someone else's
session id without it gets a session of its own, and its messages never reach the other
conversation. Only allowed origins may open a websocket.
"""

from __future__ import annotations

import queue
import time
import uuid
from typing import Any

import pytest
import socketio

from tests.e2e.conftest import running
from tools.stack import AssistantStack, StackError

pytestmark = pytest.mark.e2e


class Browser:
    """One socket.io client over a websocket, as the widget uses the channel."""

    def __init__(self, url: str, origin: str) -> None:
        self.url, self.origin = url, origin
        # The websocket library sends its own Origin; name the page's instead.
        self.client = socketio.Client(
            reconnection=False, websocket_extra_options={"origin": origin}
        )
        self.replies: list[dict[str, Any]] = []
        self.confirmed: queue.Queue[dict[str, Any]] = queue.Queue()
        self.client.on("bot_uttered", self.replies.append)
        self.client.on("session_confirm", self.confirmed.put)

    def open(self, request: dict[str, Any]) -> dict[str, Any]:
        self.client.connect(self.url, transports=["websocket"])
        self.client.emit("session_request", request)
        return self.confirmed.get(timeout=10)

    def say(self, text: str, session_id: str) -> list[dict[str, Any]]:
        before = len(self.replies)
        self.client.emit("user_uttered", {"message": text, "session_id": session_id})
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and len(self.replies) == before:
            time.sleep(0.05)
        time.sleep(0.5)  # the rest of this turn's replies
        return self.replies[before:]

    def close(self) -> None:
        self.client.disconnect()


def browser(assistant: AssistantStack, origin: str | None = None) -> Browser:
    return Browser(assistant.rasa_url, origin or f"http://127.0.0.1:{assistant.demo_port}")


def said(assistant: AssistantStack, sender: str) -> list[str]:
    return [e.get("text") for e in assistant.tracker(sender)["events"] if e["event"] == "user"]


def test_a_stolen_session_id_opens_a_session_of_its_own(
    started: AssistantStack | StackError,
) -> None:
    assistant = running(started)
    patient, stranger, forger = browser(assistant), browser(assistant), browser(assistant)
    try:
        own = patient.open({"session_id": uuid.uuid4().hex})
        assert own["session_secret"]
        assert patient.say("what is sciatica", own["session_id"])
        hijack = stranger.open({"session_id": own["session_id"]})
        assert hijack["session_id"] != own["session_id"]
        assert stranger.say("my name is mallory", own["session_id"]), "answered, in its own"
        time.sleep(1)
        assert said(assistant, own["session_id"]) == ["what is sciatica"]
        assert "my name is mallory" in said(assistant, hijack["session_id"])
        assert not any("mallory" in str(reply).lower() for reply in patient.replies)
        forged = forger.open({"session_id": own["session_id"], "session_secret": "0" * 64})
        assert forged["session_id"] != own["session_id"]
    finally:
        for client in (patient, stranger, forger):
            client.close()


def test_the_browser_with_the_secret_resumes_its_conversation(
    started: AssistantStack | StackError,
) -> None:
    assistant = running(started)
    first = browser(assistant)
    own = first.open({})
    assert first.say("hello", own["session_id"])
    first.close()
    again = browser(assistant)
    try:
        assert again.open(own)["session_id"] == own["session_id"]
        assert again.say("what is sciatica", own["session_id"])
    finally:
        again.close()
    assert said(assistant, own["session_id"]) == ["hello", "what is sciatica"]


def test_a_websocket_from_a_foreign_origin_is_refused(
    started: AssistantStack | StackError,
) -> None:
    assistant = running(started)
    with pytest.raises(socketio.exceptions.ConnectionError):
        browser(assistant, "https://evil.example").open({})


def test_an_empty_socket_message_gets_a_polite_reply(
    started: AssistantStack | StackError,
) -> None:
    assistant = running(started)
    client = browser(assistant)
    try:
        own = client.open({})
        [reply] = client.say("   ", own["session_id"])
        assert reply["text"] == "I didn't get a message. What would you like to ask?"
    finally:
        client.close()
