"""The emergency actions: the advice, the state, and a person when asked for."""

from typing import Any

import pytest
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.emergency import ActionEmergency, ActionEmergencyFollowup
from tests.actions.conftest import make_tracker


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [message["response"] for message in dispatcher.messages]


async def test_a_red_flag_ends_any_form_with_the_urgent_reply(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="i cant control my bladder", intent="report_emergency", active_loop="booking_form"
    )
    events = await ActionEmergency().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency"]
    assert SlotSet("emergency_state", "urgent") in events
    assert ActiveLoop(None) in events


async def test_past_thoughts_of_self_harm_get_the_helpline_and_a_check(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "i had thoughts of hurting myself but that was years ago, im ok now"
    tracker = make_tracker(text=text, intent="report_crisis")
    events = await ActionEmergency().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_crisis_confirm_clear"]
    assert "helpline" in dispatcher.messages[0]
    assert SlotSet("emergency_state", "clearing_crisis") in events


@pytest.mark.parametrize(
    ("state", "advice"),
    [("urgent", "utter_emergency_reminder"), ("crisis", "utter_crisis_reminder")],
)
async def test_asking_for_a_person_in_the_emergency_state_gives_the_clinic_too(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], state: str, advice: str
) -> None:
    tracker = make_tracker(
        text="will someone call me?", intent="request_callback", slots={"emergency_state": state}
    )
    await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [advice, "utter_contact"]


async def test_other_messages_in_the_emergency_state_get_the_advice_only(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="can i just book for next week",
        intent="request_appointment",
        slots={"emergency_state": "urgent"},
    )
    await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_reminder"]
