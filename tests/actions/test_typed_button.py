from __future__ import annotations

from typing import Any

from rasa_sdk.events import ActionExecuted, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.typed_button import ActionReadTypedButton
from tests.actions.conftest import make_tracker

TOPICS = [
    {"title": "Back conditions", "payload": '/choose_faq{"faq_key": "back_pain_causes"}'},
    {"title": "Talk to a specialist", "payload": "/request_human"},
]


def bot(buttons: list[dict[str, str]]) -> dict[str, Any]:
    return {"event": "bot", "text": "...", "data": {"buttons": buttons}}


def user(text: str) -> dict[str, Any]:
    return {"event": "user", "text": text}


async def test_the_message_is_logged_again_as_the_button_it_stands_for(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "ok back conditions please"
    tracker = make_tracker(text=text, intent="nlu_fallback", events=[bot(TOPICS), user(text)])
    events = await ActionReadTypedButton().run(dispatcher, tracker, domain)
    assert events[:2] == [UserUtteranceReverted(), ActionExecuted("action_listen")]
    [again] = events[2:]
    assert again["event"] == "user" and again["text"] == text, "the patient's words are kept"
    assert again["parse_data"]["intent"] == {"name": "choose_faq", "confidence": 1.0}
    assert again["parse_data"]["entities"] == [{"entity": "faq_key", "value": "back_pain_causes"}]
    assert dispatcher.messages == []


async def test_a_message_that_is_no_longer_a_button_still_gets_a_reply(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(text="what is sciatica", events=[bot(TOPICS), user("what is sciatica")])
    assert await ActionReadTypedButton().run(dispatcher, tracker, domain) == []
    assert [message["response"] for message in dispatcher.messages] == ["utter_default"]
