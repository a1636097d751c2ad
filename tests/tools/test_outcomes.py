"""The outcome of a first message, decided from tracker events as Rasa 3.6 writes them."""

from __future__ import annotations

from typing import Any

import pytest

from tools.outcomes import (
    FALLBACK,
    LOOP_OUTCOMES,
    Weight,
    classify_utterance,
    first_message_outcome,
    first_message_verdict,
    first_turn_events,
)


def user(text: str = "hi") -> dict[str, Any]:
    return {"event": "user", "text": text, "parse_data": {}}


def bot(utter_action: str | None, text: str = "...") -> dict[str, Any]:
    metadata = {"utter_action": utter_action} if utter_action else {}
    return {"event": "bot", "text": text, "data": {}, "metadata": metadata}


def action(name: str) -> dict[str, Any]:
    return {"event": "action", "name": name, "policy": "RulePolicy", "confidence": 1.0}


def active_loop(name: str | None) -> dict[str, Any]:
    return {"event": "active_loop", "name": name}


SESSION_START = [
    action("action_session_start"),
    {"event": "session_started"},
    bot("utter_intro"),
    action("action_listen"),
]

CASES: list[tuple[str, list[dict[str, Any]], str]] = [
    (
        "faq answered by the response selector",
        [*SESSION_START, user(), action("utter_faq"), bot("utter_faq/sciatica")],
        "faq/sciatica",
    ),
    (
        "faq answered by a custom action",
        [user(), action("action_answer_faq"), bot("utter_faq/osteoarthritis")],
        "faq/osteoarthritis",
    ),
    ("emergency", [user(), bot("utter_emergency")], "emergency"),
    (
        "symptom check-in form starts",
        [
            user(),
            action("symptom_checkin_form"),
            active_loop("symptom_checkin_form"),
            bot("utter_ask_pain_location"),
        ],
        "assessment",
    ),
    (
        "booking form seen only as an active_loop event",
        [user(), active_loop("booking_form"), bot("utter_ask_preferred_day")],
        "request_appointment",
    ),
    ("cannot answer", [user(), bot("utter_cannot_answer")], FALLBACK),
    ("out of scope", [user(), bot("utter_out_of_scope")], FALLBACK),
    (
        "did you mean is a clarification, not an answer",
        [user(), action("action_answer_faq"), bot("utter_did_you_mean")],
        FALLBACK,
    ),
    ("ask to rephrase", [user(), bot("utter_ask_rephrase")], FALLBACK),
    (
        "default fallback",
        [user(), action("action_default_fallback"), bot("utter_default")],
        FALLBACK,
    ),
    ("unknown response", [user(), bot("utter_iamabot")], FALLBACK),
    ("free text without a response name", [user(), bot(None, "Sorry?")], FALLBACK),
    ("no reply at all", [user(), action("action_listen")], FALLBACK),
    ("no user message", SESSION_START, FALLBACK),
    ("only the intro line", [user(), bot("utter_intro")], FALLBACK),
    ("greeting alone is a fallback", [user(), bot("utter_intro"), bot("utter_greet")], FALLBACK),
    (
        "greeting before an answer does not hide the answer",
        [user(), bot("utter_greet"), bot("utter_faq/sciatica")],
        "faq/sciatica",
    ),
    (
        "unlisted preamble before a form does not hide the form",
        [
            user(),
            bot("utter_booking_preamble"),
            action("booking_form"),
            active_loop("booking_form"),
        ],
        "request_appointment",
    ),
    (
        "first decisive utterance wins",
        [user(), bot("utter_cannot_answer"), bot("utter_faq/sciatica")],
        FALLBACK,
    ),
    (
        "first of two answers wins",
        [user(), bot("utter_faq/sciatica"), bot("utter_faq/osteoarthritis")],
        "faq/sciatica",
    ),
    (
        "emergency before a form wins",
        [user(), bot("utter_emergency"), action("symptom_checkin_form")],
        "emergency",
    ),
    (
        "a deactivated loop says nothing",
        [user(), active_loop(None), bot("utter_faq/sciatica")],
        "faq/sciatica",
    ),
    (
        "events before the first user message are ignored",
        [bot("utter_faq/sciatica"), user(), bot("utter_cannot_answer")],
        FALLBACK,
    ),
    (
        "only the first turn counts",
        [user("one"), bot("utter_cannot_answer"), user("two"), bot("utter_faq/sciatica")],
        FALLBACK,
    ),
    (
        "later turns never rescue an empty first turn",
        [user("one"), action("action_listen"), user("two"), bot("utter_faq/sciatica")],
        FALLBACK,
    ),
    ("bare faq prefix is not an answer", [user(), bot("utter_faq/")], FALLBACK),
]


@pytest.mark.parametrize(
    ("events", "expected"),
    [(events, expected) for _, events, expected in CASES],
    ids=[name for name, _, _ in CASES],
)
def test_first_message_outcome(events: list[dict[str, Any]], expected: str) -> None:
    assert first_message_outcome(events) == expected


def test_verdict_keeps_the_evidence_in_order() -> None:
    events = [*SESSION_START, user(), action("action_answer_faq"), bot("utter_faq/sciatica")]
    verdict = first_message_verdict(events)
    assert verdict.outcome == "faq/sciatica"
    assert verdict.evidence == ("action_answer_faq", "utter_faq/sciatica")


def test_first_turn_events_stop_at_the_next_user_message() -> None:
    events = [bot("utter_intro"), user("a"), bot("utter_greet"), user("b"), bot("utter_goodbye")]
    assert first_turn_events(events) == [bot("utter_greet")]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("utter_faq/when_to_see_specialist", ("faq/when_to_see_specialist", Weight.DECISIVE)),
        ("utter_emergency", ("emergency", Weight.DECISIVE)),
        ("utter_intro", ("", Weight.IGNORED)),
        ("utter_greet", (FALLBACK, Weight.WEAK)),
        ("utter_something_new", (FALLBACK, Weight.WEAK)),
        (None, (FALLBACK, Weight.WEAK)),
    ],
)
def test_classify_utterance(name: str | None, expected: tuple[str, Weight]) -> None:
    assert classify_utterance(name) == expected


def test_forms_in_the_table() -> None:
    assert LOOP_OUTCOMES["symptom_checkin_form"] == "assessment"
    assert LOOP_OUTCOMES["booking_form"] == "request_appointment"
