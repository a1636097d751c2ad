from __future__ import annotations

from typing import Any

from rasa_sdk.events import AllSlotsReset
from rasa_sdk.executor import CollectingDispatcher

from actions.privacy import ActionForgetMe, ActionMyData
from tests.actions.conftest import make_tracker


async def test_what_the_conversation_holds_is_listed_with_how_long_it_is_kept(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="what do you know about me",
        intent="ask_my_data",
        slots={"patient_name": "Anna Kowalska", "patient_email": "anna@example.com"},
    )
    assert await ActionMyData().run(dispatcher, tracker, domain) == []
    [message] = dispatcher.messages
    assert message["response"] == "utter_personal_data"
    assert message["details"] == "your name, Anna Kowalska; your email, anna@example.com"
    assert message["days"] == 30


async def test_a_conversation_without_details_says_so(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(text="what do you know about me", intent="ask_my_data")
    await ActionMyData().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_no_personal_data"]


async def test_forgetting_clears_every_value_and_says_so(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(text="yes", intent="affirm", slots={"patient_name": "Anna"})
    assert await ActionForgetMe().run(dispatcher, tracker, domain) == [AllSlotsReset()]
    assert [m["response"] for m in dispatcher.messages] == ["utter_forgotten"]
    assert ActionForgetMe().name() == "action_forget_me"
