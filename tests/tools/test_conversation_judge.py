"""The turn judge: what the assistant did in a turn, and whether it was expected."""

from typing import Any

import pytest

from tools.conversation_judge import (
    SILENT,
    offered_times_fit,
    read_turn,
    split_turns,
    turn_passes,
    without_reverted,
)


def bot(name: str | None, text: str = "", buttons: list[str] | None = None) -> dict[str, Any]:
    return {
        "event": "bot",
        "text": text,
        "metadata": {"utter_action": name} if name else {},
        "data": {"buttons": [{"title": t, "payload": t} for t in buttons or []]},
    }


USER = {"event": "user", "text": "hi"}


def test_split_turns_gives_the_events_after_each_user_message() -> None:
    events = [bot("utter_intro"), USER, bot("utter_greet"), USER, {"event": "action"}]
    assert split_turns(events) == [[bot("utter_greet")], [{"event": "action"}]]


def test_the_first_decisive_reply_names_the_turn_and_preambles_do_not() -> None:
    turn = [bot("utter_start_checkin"), bot("utter_ask_pain_duration_days")]
    assert read_turn(turn).label == "ask_duration"
    assert read_turn([bot("utter_faq/sciatica"), bot("utter_ask_pain_severity")]).label == (
        "faq(sciatica)"
    )


def test_a_preamble_alone_or_an_unknown_reply_is_weak_and_nothing_at_all_is_silent() -> None:
    assert read_turn([bot("utter_greet")]).label == "greet"
    assert read_turn([bot(None, "free text")]).label == "unlisted"
    assert read_turn([]).label == SILENT
    assert turn_passes(["fallback"], read_turn([])) == (False, "no reply")


def test_turn_passes_on_any_expected_outcome() -> None:
    reply = read_turn([bot("utter_emergency_reminder")])
    assert turn_passes(["emergency", "emergency_check"], reply)[0]
    passed, reason = turn_passes(["faq(sciatica)"], reply)
    assert not passed
    assert reason == "got emergency"


@pytest.mark.parametrize(
    ("want", "buttons", "fits"),
    [
        ("tuesday morning", ["Tue 8 Dec, 9am - Dr Okafor", "Tue 8 Dec, 11:30am - Physio"], True),
        ("tuesday morning", ["Tue 8 Dec, 9am - Dr Okafor", "Wednesday 9 Dec, 9am"], False),
        ("tuesday afternoon", ["Tuesday 8 December at 12pm"], False),
        ("tuesday afternoon", ["Tuesday 8 December at 2:30pm"], True),
        ("thursday after 5pm", ["Thursday 10 December at 5pm", "Thursday at 6:30pm"], True),
        ("thursday after 5pm", ["Thursday 10 December at 4:30pm"], False),
        ("friday lunchtime", ["Friday 11 December at 12:30pm"], True),
        ("any", ["Monday 7 December at 9am", "None of these"], True),
        ("any", ["Monday 7 December at 9am", "Monday 7 December at 9am"], False),
        ("any", ["None of these"], False),
        ("any", ["Monday soon"], False),
    ],
)
def test_offered_times_fit(want: str, buttons: list[str], fits: bool) -> None:
    assert offered_times_fit(want, buttons)[0] is fits


def test_offer_slots_is_judged_on_the_buttons_of_the_offer() -> None:
    reply = read_turn(
        [bot("utter_ask_chosen_slot_id", "Here are some times", ["Monday 7 December at 9am"])]
    )
    assert turn_passes(['offer_slots("monday morning")'], reply) == (True, "")
    passed, reason = turn_passes(['offer_slots("friday morning")'], reply)
    assert not passed
    assert "not on friday" in reason


def test_a_message_taken_back_and_logged_again_is_one_turn() -> None:
    events: list[dict[str, Any]] = [
        {"event": "user", "text": "back pain"},
        {"event": "bot", "metadata": {"utter_action": "utter_offer_booking"}},
        {"event": "user", "text": "yes please"},
        {"event": "action", "name": "action_read_typed_button"},
        {"event": "rewind"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "yes please"},
        {"event": "bot", "metadata": {"utter_action": "utter_start_booking"}},
    ]
    assert [e["text"] for e in without_reverted(events) if e["event"] == "user"] == [
        "back pain",
        "yes please",
    ]
    turns = split_turns(events)
    assert len(turns) == 2
    assert any(e.get("event") == "bot" for e in turns[1]), "the reply belongs to the turn"


def test_a_message_rasas_fallback_reverts_keeps_its_reply() -> None:
    events: list[dict[str, Any]] = [
        {"event": "user", "text": "ok"},
        {"event": "action", "name": "action_default_fallback"},
        {"event": "bot", "metadata": {"utter_action": "utter_default"}},
        {"event": "rewind"},
        {"event": "user", "text": "what can you do"},
    ]
    turns = split_turns(events)
    assert len(turns) == 2
    assert any(e.get("event") == "bot" for e in turns[0])
