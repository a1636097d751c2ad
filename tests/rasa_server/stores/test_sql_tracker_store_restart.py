"""With CONVERSATION_STORE=sql on PostgreSQL, a conversation survives a restart of Rasa.

The real servers are started twice (`tools.stack.running_assistant`), each time with a new,
empty Redis of their own, so what the second Rasa remembers can only come from
PostgreSQL. Then the patient has the conversation forgotten, through the same store.
Needs a trained model in models/, like the end-to-end tests.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa

from tests.scheduling_service.postgres import PostgresUnavailableError, running_postgres
from tools.stack import StackError, running_assistant


@pytest.fixture(scope="module")
def database_url() -> Iterator[str]:
    try:
        with running_postgres() as cluster:
            yield cluster.create_database()
    except PostgresUnavailableError as error:
        pytest.fail(f"This test needs PostgreSQL: {error}", pytrace=False)


def user_texts(events: list[dict[str, Any]]) -> list[str]:
    return [event["text"] for event in events if event.get("event") == "user"]


def stored_events(url: str, sender: str) -> int:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return int(
                connection.execute(
                    sa.text("SELECT count(*) FROM events WHERE sender_id = :sender"),
                    {"sender": sender},
                ).scalar_one()
            )
    finally:
        engine.dispose()


def test_a_conversation_survives_a_rasa_restart_and_can_still_be_forgotten(
    database_url: str,
) -> None:
    env = {"CONVERSATION_STORE": "sql", "CONVERSATION_DATABASE_URL": database_url}
    sender = f"restart-{uuid.uuid4().hex[:8]}"
    try:
        with running_assistant(extra_env=env) as first:
            first.send(sender, "could someone call me back on 07700 900222")
            before = first.tracker(sender)["events"]
        assert stored_events(database_url, sender) == len(before)

        with running_assistant(extra_env=env) as second:
            after = second.tracker(sender)["events"]
            assert user_texts(after) == user_texts(before) != []
            reply = second.send(sender, "what do you know about me")
            assert "+447700900222" in " ".join(m.get("text", "") for m in reply), reply

            asked = second.send(sender, "please delete my data")
            assert "Shall I delete this conversation now?" in asked[-1]["text"]
            done = second.send(sender, "/affirm")
            assert "deleted" in done[-1]["text"]
            assert stored_events(database_url, sender) == 0
            events = second.tracker(sender)["events"]
            assert not any("07700" in str(event) for event in events), events
    except StackError as error:
        pytest.fail(f"Could not start the assistant: {error}", pytrace=False)
