from typing import Any

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.faq import ActionAnswerFaq, ActionAnswerFollowup, choose_faq_payload
from tests.actions.conftest import make_tracker


async def test_a_confident_answer_is_given_and_remembered(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="what is sciatica", ranking=[("sciatica", 0.95), ("osteoarthritis", 0.02)]
    )
    events = await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_faq/sciatica"]
    assert events == [SlotSet("last_faq_key", "sciatica")]


async def test_an_uncertain_answer_asks_did_you_mean_with_readable_questions(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="pills for my back",
        ranking=[("otc_medication", 0.45), ("prescription_medication", 0.4), ("sciatica", 0.01)],
    )
    events = await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert events == []
    [message] = dispatcher.messages
    assert message["response"] == "utter_did_you_mean"
    titles = [button["title"] for button in message["buttons"]]
    payloads = [button["payload"] for button in message["buttons"]]
    questions = {
        key: domain["responses"][f"utter_faq/{key}"][0]["metadata"]["question"]
        for key in ("otc_medication", "prescription_medication")
    }
    assert titles == [
        questions["otc_medication"],
        questions["prescription_medication"],
        "Something else",
    ]
    assert payloads == [
        '/choose_faq{"faq_key": "otc_medication"}',
        '/choose_faq{"faq_key": "prescription_medication"}',
        "/something_else",
    ]


async def test_an_unlikely_answer_falls_back(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(text="zzz", ranking=[("sciatica", 0.1), ("osteoarthritis", 0.09)])
    assert await ActionAnswerFaq().run(dispatcher, tracker, domain) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_cannot_answer"]


async def test_a_chosen_button_gives_that_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text=choose_faq_payload("osteoarthritis"),
        intent="choose_faq",
        entities=[{"entity": "faq_key", "value": "osteoarthritis"}],
    )
    events = await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_faq/osteoarthritis"]
    assert events == [SlotSet("last_faq_key", "osteoarthritis")]


@pytest.mark.parametrize("entities", [[], [{"entity": "faq_key", "value": "no_such_topic"}]])
async def test_a_bad_or_missing_choice_is_answered_kindly(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], entities: list
) -> None:
    tracker = make_tracker(text="/choose_faq", intent="choose_faq", entities=entities)
    assert await ActionAnswerFaq().run(dispatcher, tracker, domain) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_cannot_answer"]


def test_payloads_are_valid_json() -> None:
    assert choose_faq_payload("sciatica") == '/choose_faq{"faq_key": "sciatica"}'


@pytest.mark.parametrize(
    ("text", "last", "response", "events"),
    [
        ("what can I do about it?", "sciatica", "utter_faq/treatment_options",
         [SlotSet("last_faq_key", "treatment_options")]),
        ("which exercises help?", "herniated_disc", "utter_faq/home_exercise_stretching",
         [SlotSet("last_faq_key", "home_exercise_stretching")]),
        ("tell me more", None, "utter_capabilities", []),
    ],
)  # fmt: skip
async def test_followups_use_the_previous_answer(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    text: str,
    last: str | None,
    response: str,
    events: list,
) -> None:
    tracker = make_tracker(text=text, intent="ask_followup", slots={"last_faq_key": last})
    assert await ActionAnswerFollowup().run(dispatcher, tracker, domain) == events
    assert [m["response"] for m in dispatcher.messages] == [response]


async def test_tell_me_more_follows_the_answers_own_link(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    link = domain["responses"]["utter_faq/sciatica"][0]["metadata"]["tell_me_more"]
    tracker = make_tracker(
        text="tell me more", intent="ask_followup", slots={"last_faq_key": "sciatica"}
    )
    await ActionAnswerFollowup().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [f"utter_faq/{link}"]
