"""Action replies: exactly the verdicts and messages of Rasa's schema check."""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core import events as kinds

from rasa_server.patches import reply_validation

GOOD_REPLY: dict[str, Any] = {
    "events": [{"event": "slot", "name": "faq_match", "value": "clear"}],
    "responses": [{"response": "utter_faq"}],
}
BAD_REPLIES: list[dict[str, Any]] = [
    {"events": [{"event": "not_an_event"}], "responses": []},
    {"events": "slot faq_match clear"},
    {"events": [], "responses": ["hello"]},
]


@pytest.fixture
def original() -> Any:
    """Rasa's own reply validation."""
    return RemoteAction.__dict__["_validate_action_result"]


def action() -> RemoteAction:
    return RemoteAction("action_match_faq", None)


def test_apply_installs_the_cached_validator() -> None:
    reply_validation.apply()
    assert RemoteAction._validate_action_result is reply_validation.validate_action_result
    assert action()._validate_action_result(GOOD_REPLY) is True


@pytest.mark.parametrize("reply", BAD_REPLIES)
def test_a_bad_reply_fails_exactly_as_in_rasa(original: Any, reply: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as rasas:
        original(action(), dict(reply))
    reply_validation.apply()
    with pytest.raises(ValidationError) as ours:
        action()._validate_action_result(dict(reply))
    assert ours.value.message == rasas.value.message
    assert "Failed to validate Action server response" in ours.value.message


def test_the_schema_is_checked_once() -> None:
    assert reply_validation.reply_validator() is reply_validation.reply_validator()


def every_event_kind() -> list[dict[str, Any]]:
    """One event of each kind an action may return, as the action server sends them."""
    made = [
        kinds.UserUttered("hi", {"name": "greet", "confidence": 1.0}),
        kinds.ActionExecuted("action_listen"),
        kinds.SlotSet("faq_match", "clear"),
        kinds.EntitiesAdded([{"entity": "condition", "value": "sciatica"}]),
        kinds.DefinePrevUserUtteredFeaturization(True),
        kinds.ReminderCancelled("a reminder"),
        kinds.ReminderScheduled("remind", datetime(2026, 11, 30, 9, 0)),
        kinds.ActionExecutionRejected("symptom_checkin_form"),
        kinds.LoopInterrupted(True),
        kinds.ActiveLoop("symptom_checkin_form"),
        kinds.AllSlotsReset(),
        kinds.ConversationResumed(),
        kinds.ConversationPaused(),
        kinds.FollowupAction("utter_greet"),
        kinds.StoryExported(),
        kinds.Restarted(),
        kinds.UserUtteranceReverted(),
        kinds.ActionReverted(),
        kinds.BotUttered("hello", {"buttons": []}),
        kinds.SessionStarted(),
        kinds.AgentUttered("hello"),
    ]
    return [event.as_dict() for event in made]


def broken(event: dict[str, Any]) -> list[Any]:
    """Ways an action server could get an event wrong."""
    return [
        {**event, "timestamp": "yesterday"},
        {**event, "event": "no_such_event"},
        {key: value for key, value in event.items() if key != "event"},
        {**event, "event": 7},
        "slot faq_match clear",
    ]


def test_replies_checked_by_event_kind_are_exactly_those_rasas_schema_accepts() -> None:
    full = reply_validation.reply_validator()
    events = every_event_kind()
    replies: list[Any] = [{"events": [event]} for event in events]
    replies += [{"events": events, "responses": [{"response": "utter_faq/sciatica"}]}]
    replies += [{"events": [event, bad]} for event in events for bad in broken(event)]
    replies += [*BAD_REPLIES, {}, {"events": None}, {"responses": "hi"}, ["a list"], None]
    replies += [{"events": [{**kinds.SlotSet("faq_match", "x").as_dict(), "name": 3}]}]
    accepted = [reply for reply in replies if full.is_valid(reply)]
    assert accepted == [*replies[: len(events) + 1], {}]  # the corpus covers both answers
    for reply in replies:
        assert reply_validation.valid_by_event_kind(reply) is full.is_valid(reply), reply


def test_a_valid_reply_skips_the_full_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reply_validation, "reply_validator", None)  # calling it would fail
    reply_validation.apply()
    reply = {"events": every_event_kind(), "responses": [{"response": "utter_greet"}]}
    assert action()._validate_action_result(reply) is True


def test_a_schema_whose_event_kinds_share_a_name_gets_the_full_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    schema = RemoteAction.action_response_format_spec()
    event_kinds = schema["properties"]["events"]["items"]["oneOf"]
    event_kinds.append(copy.deepcopy(event_kinds[0]))
    monkeypatch.setattr(RemoteAction, "action_response_format_spec", staticmethod(lambda: schema))
    reply_validation.reply_validators_by_event.cache_clear()
    try:
        assert reply_validation.reply_validators_by_event() is None
        assert not reply_validation.valid_by_event_kind(GOOD_REPLY)
    finally:
        reply_validation.reply_validators_by_event.cache_clear()
