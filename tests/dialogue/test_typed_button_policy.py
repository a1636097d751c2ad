from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    Event,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from dialogue.typed_button_policy import ACTION_READ_TYPED_BUTTON, TypedButtonPolicy

OFFER = [
    {"title": "Yes, book a consultation", "payload": "/request_appointment"},
    {"title": "Not now", "payload": "/deny"},
]


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load("domain.yml")


def predicted(domain: Domain, events: list[Event]) -> str | None:
    policy = TypedButtonPolicy.create(
        TypedButtonPolicy.get_default_config(),
        LocalModelStorage(Path("unused")),
        Resource("typed_buttons"),
        ExecutionContext(None, None),
    )
    tracker = DialogueStateTracker.from_events("patient", events, slots=domain.slots)
    prediction = policy.predict_action_probabilities(tracker, domain)
    if max(prediction.probabilities) == 0:
        return None
    return domain.action_names_or_texts[prediction.max_confidence_index]


def offered_then(text: str, intent: str, *before: Event, buttons: Any = OFFER) -> list[Event]:
    return [
        *before,
        ActionExecuted("action_listen"),
        UserUttered("my back hurts", {"name": "describe_own_pain"}),
        ActionExecuted("utter_offer_booking"),
        BotUttered("Would you like to book a consultation?", {"buttons": buttons}),
        ActionExecuted("action_listen"),
        UserUttered(text, {"name": intent}),
    ]


def test_a_typed_yes_to_the_booking_offer_is_read_as_the_button(domain: Domain) -> None:
    events = offered_then("yes, asap please, any time", "nlu_fallback")
    assert predicted(domain, events) == ACTION_READ_TYPED_BUTTON


@pytest.mark.parametrize(
    ("text", "intent", "events_before"),
    [
        # already read as the button
        ("yes book me in", "request_appointment", []),
        # not an answer to the buttons
        ("what is sciatica", "faq", []),
        # a red flag is never re-read
        ("yes and I can't feel my groin", "report_emergency", []),
        # the emergency state and forms read their own answers
        ("yes", "nlu_fallback", [SlotSet("emergency_state", "urgent")]),
        ("yes", "nlu_fallback", [ActiveLoop("booking_form")]),
    ],
)
def test_the_policy_stands_aside(
    domain: Domain, text: str, intent: str, events_before: list[Event]
) -> None:
    assert predicted(domain, offered_then(text, intent, *events_before)) is None


def test_after_its_own_action_the_policy_stands_aside(domain: Domain) -> None:
    events = [
        *offered_then("yes, asap please", "nlu_fallback"),
        ActionExecuted(ACTION_READ_TYPED_BUTTON),
    ]
    assert predicted(domain, events) is None


def test_buttons_from_an_earlier_turn_are_not_answered_again(domain: Domain) -> None:
    events = [
        *offered_then("not now", "deny"),
        ActionExecuted("utter_no_booking"),
        BotUttered("That's fine."),
        ActionExecuted("action_listen"),
        UserUttered("yes please", {"name": "nlu_fallback"}),
    ]
    assert predicted(domain, events) is None
