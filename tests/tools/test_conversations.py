"""Loading the scripted conversations, and the report's table."""

from pathlib import Path

import pytest

from tools.conversations import (
    ConversationFileError,
    ConversationResult,
    TurnResult,
    format_failures,
    format_table,
    load_conversations,
    pass_rate,
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "conversations.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_conversations_reads_ids_groups_and_turns(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "- id: a\n  group: g\n  turns:\n    - user: hi\n      expect: [greet, fallback]\n",
    )
    [conversation] = load_conversations(path)
    assert (conversation.id, conversation.group) == ("a", "g")
    assert conversation.turns[0].user == "hi"
    assert conversation.turns[0].expect == ("greet", "fallback")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "just text",
        "- id: a\n  turns: []\n  group: g\n",
        "- id: a\n  group: g\n  turns:\n    - user: hi\n      expect: []\n",
        "- id: a\n  turns:\n    - user: hi\n      expect: [greet]\n",
        "- [unclosed\n",
    ],
)
def test_a_malformed_file_is_refused_with_a_clear_error(tmp_path: Path, text: str) -> None:
    with pytest.raises(ConversationFileError):
        load_conversations(write(tmp_path, text))


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConversationFileError):
        load_conversations(tmp_path / "nope.yml")


def turn(passed: bool) -> TurnResult:
    return TurnResult(
        "hi",
        "greet",
        ("greet",),
        "greet" if passed else "fallback",
        passed,
        "" if passed else "got fallback",
        ("utter_greet",),
        ("Hello",),
        (),
    )


def test_the_table_and_failures_count_whole_conversations() -> None:
    results = [
        ConversationResult("a", "g", "s1", (turn(True), turn(True))),
        ConversationResult("b", "g", "s2", (turn(True), turn(False))),
    ]
    assert pass_rate(results) == 0.5
    assert "1/2" in format_table(results)
    failures = format_failures(results)
    assert failures.startswith("b #2 'hi' (greet)")
    assert "got fallback" in failures


def test_a_fixture_changed_by_an_earlier_conversation_is_booked_again(tmp_path: Path) -> None:
    from datetime import datetime, timedelta
    from types import SimpleNamespace
    from typing import cast

    from sqlalchemy import create_engine, insert, select

    from scheduling_service import storage
    from tools.conversations import Conversation, Turn, restore_bookings
    from tools.stack import AssistantStack

    engine = create_engine(f"sqlite:///{tmp_path / 'scheduling.db'}")
    storage.metadata.create_all(engine)
    start = datetime.utcnow() + timedelta(days=3)
    with engine.begin() as connection:
        for slot_id, status in (("s1", storage.BUSY), ("s2", storage.FREE)):
            connection.execute(
                insert(storage.slot_table).values(
                    id=slot_id,
                    clinician_id="c",
                    clinician_name="Dr C",
                    start_utc=start,
                    end_utc=start + timedelta(minutes=30),
                    status=status,
                )
            )
        connection.execute(
            insert(storage.appointment_table).values(
                id="a1",
                idempotency_key="JPC-AB12CD",
                booking_reference="JPC-AB12CD",
                slot_id="s1",  # taken again since, by someone else
                status=storage.CANCELLED,
                start_utc=start,
                end_utc=start,
                clinician_id="c",
                clinician_name="Dr C",
                created_utc=start,
                resource="{}",
            )
        )
    conversation = Conversation(
        "x", "cancel", (Turn("cancel jpc ab12cd please", ("ask_identity",)),)
    )
    restore_bookings(cast(AssistantStack, SimpleNamespace(log_dir=tmp_path)), conversation)
    with engine.begin() as connection:
        booking = connection.execute(select(storage.appointment_table)).first()
        slot = connection.execute(
            select(storage.slot_table).where(storage.slot_table.c.id == "s2")
        ).first()
    assert booking is not None and slot is not None
    assert (booking.status, booking.slot_id, slot.status) == (storage.BOOKED, "s2", storage.BUSY)
