"""The "did this help?" buttons under an FAQ answer, and the replies to the patient's word."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.faq import ActionAnswerChosenFaq, ActionAnswerFaq
from actions.feedback import FEEDBACK_BUTTONS, ActionFaqFeedback, say_entry
from actions.unclear import ActionUnclear
from clinic.faq.catalogue import FaqCatalogue, FaqEntry
from tests.actions.conftest import make_tracker

FEEDBACK = [dict(button) for button in FEEDBACK_BUTTONS]


def bot(name: str) -> dict[str, Any]:
    return {"event": "bot", "text": "...", "metadata": {"utter_action": name}}


def user(text: str) -> dict[str, Any]:
    return {"event": "user", "text": text}


def answered_then(text: str) -> list[dict[str, Any]]:
    """A conversation where sciatica was just answered and the patient wrote `text`."""
    return [user("what is sciatica"), bot("utter_faq/sciatica"), user(text)]


async def test_a_clear_answer_carries_the_feedback_buttons(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(slots={"last_faq_key": "sciatica"})
    events = await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert events == [SlotSet("last_faq_key", "sciatica")]
    assert [(m["response"], m["buttons"]) for m in dispatcher.messages] == [
        ("utter_faq/sciatica", FEEDBACK)
    ]


async def test_the_answers_own_buttons_come_first_when_rasa_renders_it(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    # Rasa's RemoteAction puts the response's buttons first and extends them with the
    # action's: "read next" links, then the two feedback buttons.
    tracker = make_tracker(slots={"last_faq_key": "sciatica"})
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    own = domain["responses"]["utter_faq/sciatica"][0]["buttons"]
    rendered = [*own, *dispatcher.messages[0]["buttons"]]
    assert [button["title"] for button in rendered[-2:]] == ["Yes, that helped", "No, it didn't"]
    assert len(rendered) == len(own) + 2


@pytest.mark.parametrize(
    ("slots", "active_loop"),
    [
        ({"last_faq_key": "sciatica"}, "symptom_checkin_form"),
        ({"last_faq_key": "sciatica"}, "booking_form"),
        ({"last_faq_key": "sciatica", "emergency_state": "raised"}, None),
    ],
)
async def test_no_feedback_buttons_in_a_form_or_an_emergency(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    slots: dict[str, Any],
    active_loop: str | None,
) -> None:
    tracker = make_tracker(slots=slots, active_loop=active_loop)
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [(m["response"], m["buttons"]) for m in dispatcher.messages] == [
        ("utter_faq/sciatica", [])
    ]


async def test_an_unknown_key_is_declined_without_buttons(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(slots={"last_faq_key": "retired_topic"})
    assert await ActionAnswerFaq().run(dispatcher, tracker, domain) == []
    assert [(m["response"], m["buttons"]) for m in dispatcher.messages] == [
        ("utter_cannot_answer", [])
    ]


async def test_a_chosen_answer_carries_them_too(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        intent="choose_faq", entities=[{"entity": "faq_key", "value": "osteoarthritis"}]
    )
    await ActionAnswerChosenFaq().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["buttons"] == FEEDBACK


async def test_a_followup_answered_in_context_carries_them_too(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="is it serious?",
        intent="nlu_fallback",
        slots={"last_faq_key": "sciatica"},
        events=answered_then("is it serious?"),
    )
    await ActionUnclear().run(dispatcher, tracker, domain)
    assert [(m["response"], m["buttons"]) for m in dispatcher.messages] == [
        ("utter_faq/when_to_see_specialist", FEEDBACK)
    ]


@pytest.mark.parametrize(
    ("text", "intent", "events", "response"),
    [
        ("/faq_helpful", "faq_helpful", answered_then("/faq_helpful"), "utter_faq_helped"),
        ("thanks that helped", "faq_helpful", answered_then("x"), "utter_faq_helped"),
        ("thank you", "thank", answered_then("x"), "utter_faq_helped"),
        # typed "thanks that helped" re-read as the button it matches: a turn with no reply
        ("/faq_helpful", "faq_helpful", [*answered_then("thanks that helped"), user("x")],
         "utter_faq_helped"),
        ("thank you", "thank", [user("hi"), bot("utter_greet"), user("x")],
         "utter_you_are_welcome"),
        # helped with nothing answered just before: ordinary thanks
        ("thanks that helped", "faq_helpful", [user("hi"), bot("utter_greet"), user("x")],
         "utter_you_are_welcome"),
        ("/faq_not_helpful", "faq_not_helpful", answered_then("x"), "utter_faq_not_helpful"),
        ("that didnt answer my question", "faq_not_helpful", answered_then("x"),
         "utter_faq_not_helpful"),
        ("not really", "deny", answered_then("x"), "utter_faq_not_helpful"),
        ("that's not what i meant", "something_else", answered_then("x"),
         "utter_faq_not_helpful"),
        # "no thanks" after an answer only says nothing more is wanted
        ("no thanks", "deny", answered_then("x"), "utter_anything_else"),
        # without an answer just before, the reply the intent's own rule gives
        ("no", "deny", [user("hi"), bot("utter_greet"), user("x")], "utter_anything_else"),
        ("something else", "something_else", [user("hi"), bot("utter_greet"), user("x")],
         "utter_ask_rephrase"),
        # "yeah" under "did that help?"
        ("yeah", "affirm", answered_then("x"), "utter_faq_helped"),
        ("yeah", "affirm", [user("hi"), bot("utter_greet"), user("x")], "utter_anything_else"),
    ],
)  # fmt: skip
async def test_the_reply_to_the_patients_word(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    text: str,
    intent: str,
    events: list[dict[str, Any]],
    response: str,
) -> None:
    tracker = make_tracker(text=text, intent=intent, events=events)
    assert await ActionFaqFeedback().run(dispatcher, tracker, domain) == []
    assert [m["response"] for m in dispatcher.messages] == [response]


async def test_not_helpful_offers_the_clinics_phone_and_another_try(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    from clinic.contact import load_contact
    from clinic.settings import PROJECT_ROOT

    contact = load_contact(PROJECT_ROOT / "clinic_config" / "contact.yml")
    tracker = make_tracker(text="not helpful", intent="faq_not_helpful", events=answered_then("x"))
    await ActionFaqFeedback().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["phone"] == contact.phone and message["hours"] == contact.hours
    buttons = domain["responses"]["utter_faq_not_helpful"][0]["buttons"]
    assert {button["payload"] for button in buttons} == {"/something_else", "/request_callback"}


async def test_a_yes_that_asks_to_book_under_an_answer_starts_the_booking(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    from rasa_sdk.events import FollowupAction

    from actions.feedback import ActionFaqFeedback

    tracker = make_tracker(text="OK. Yes please book it", intent="affirm")
    assert await ActionFaqFeedback().run(dispatcher, tracker, domain) == [
        FollowupAction("booking_form")
    ]
    assert [m["response"] for m in dispatcher.messages] == ["utter_start_booking"]


async def test_book_it_read_as_thanks_starts_the_booking(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    from rasa_sdk.events import FollowupAction

    from actions.feedback import ActionFaqFeedback

    tracker = make_tracker(text="ok fine book it then", intent="faq_helpful")
    assert await ActionFaqFeedback().run(dispatcher, tracker, domain) == [
        FollowupAction("booking_form")
    ]


async def test_book_it_said_with_thanks_in_a_form_is_left_to_the_form(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    from actions.feedback import ActionFaqFeedback

    tracker = make_tracker(
        text="ok book it then. thanks", intent="thank", active_loop="booking_form"
    )
    assert await ActionFaqFeedback().run(dispatcher, tracker, domain) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_you_are_welcome"]


async def test_a_goodbye_with_the_thanks_after_an_answer_is_not_asked_for_more(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    events = [user("what is sciatica"), bot("utter_faq/sciatica"), user("x")]
    text = "that helped, thank you. goodbye"
    tracker = make_tracker(text=text, intent="faq_helpful", events=events)
    assert await ActionFaqFeedback().run(dispatcher, tracker, domain) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_faq_helped_goodbye"]


@pytest.mark.parametrize("intent", ["deny", "something_else", "affirm"])
async def test_deciding_to_book_under_an_answer_books_whatever_it_was_read_as(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], intent: str
) -> None:
    events = [user("do I need a specialist?"), bot("utter_faq/when_to_see_specialist"), user("x")]
    text = "what other question? ok I book. monday morning please"
    tracker = make_tracker(text=text, intent=intent, events=events)
    assert await ActionFaqFeedback().run(dispatcher, tracker, domain) == [
        FollowupAction("booking_form")
    ]
    assert [m["response"] for m in dispatcher.messages] == ["utter_start_booking"]


@pytest.mark.parametrize(
    ("earlier", "text", "key", "expected"),
    [
        # breastfeeding said a turn before: no answer that reads as a yes to ibuprofen
        (
            "should I rest or keep moving? I'm breastfeeding",
            "can i take ibuprofen",
            "otc_medication",
            "utter_scope_pregnancy",
        ),
        # said in the message itself
        (
            "hello",
            "which stretches are ok when pregnant?",
            "home_exercise_stretching",
            "utter_scope_pregnancy",
        ),
        # information, not advice, is still given
        ("I'm 24 weeks pregnant", "what actually is sciatica", "sciatica", "utter_faq/sciatica"),
        (
            "I'm breastfeeding",
            "what should I tell the specialist?",
            "symptoms_to_report",
            "utter_faq/symptoms_to_report",
        ),
        # nobody pregnant
        ("hello", "can i take ibuprofen", "otc_medication", "utter_faq/otc_medication"),
        # the writer pregnant, now asking about someone else's medicine
        (
            "i am 24 weeks pregnant, is it sciatica?",
            "my mum takes methotrexate for her arthritis, is that one of the prescription options?",
            "prescription_medication",
            "utter_faq/prescription_medication",
        ),
        # someone else pregnant, and asked about: still the pregnancy reply
        (
            "my wife is 20 weeks pregnant and her back is bad",
            "can she take ibuprofen?",
            "otc_medication",
            "utter_scope_pregnancy",
        ),
        # someone else pregnant, the writer asking about themselves
        (
            "my wife is 20 weeks pregnant and her back is bad",
            "sometimes my heart flutters when i do my back exercises, is that the exercise?",
            "exercise_benefits",
            "utter_faq/exercise_benefits",
        ),
        (
            "my wife is 20 weeks pregnant and her back is bad",
            "what stretches are safe?",
            "home_exercise_stretching",
            "utter_scope_pregnancy",
        ),
        # whether to work, no advice asked: that the guide does not say
        (
            "i'm also 5 months pregnant, is back pain normal in pregnancy?",
            "and can i still work with osteoarthritis in my back? office job",
            "daily_function",
            "utter_topic_not_covered",
        ),
        (
            "i'm also 5 months pregnant, is back pain normal in pregnancy?",
            "can i still work if i do my stretches?",
            "daily_function",
            "utter_scope_pregnancy",
        ),
        # said not to be pregnant
        (
            "she's 60, not pregnant",
            "can she take ibuprofen?",
            "otc_medication",
            "utter_faq/otc_medication",
        ),
    ],
)
async def test_advice_on_medicines_or_exercise_is_not_given_once_pregnancy_is_told(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    earlier: str,
    text: str,
    key: str,
    expected: str,
) -> None:
    tracker = make_tracker(
        text=text,
        ranking=[(key, 0.95)],
        slots={"last_faq_key": key},
        events=[user(earlier), bot("utter_faq/exercise_benefits"), user(text)],
    )
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [expected]


def test_only_a_specialist_can_tell_is_said_once_before_two_conditions() -> None:
    dispatcher = CollectingDispatcher()
    text = "is it osteoarthritis or degenerative disc disease that I have?"
    for key in ("osteoarthritis", "degenerative_disc_disease"):
        entry = FaqEntry(key, "What is it?", "Conditions", "condition", None, "...")
        say_entry(dispatcher, text, entry)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_cannot_diagnose",
        "utter_faq/osteoarthritis",
        "utter_faq/degenerative_disc_disease",
    ]


def test_an_activity_the_guide_does_not_name_comes_before_the_exercise_answer(
    domain: dict[str, Any],
) -> None:
    entry = FaqCatalogue.from_domain(domain).get("strength_training")
    assert entry is not None
    dispatcher = CollectingDispatcher()
    say_entry(dispatcher, "so deadlifts are fine this week then?", entry)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_activity_not_covered",
        "utter_faq/strength_training",
    ]
    plain = CollectingDispatcher()
    say_entry(plain, "how does strength training help?", entry)
    assert [m["response"] for m in plain.messages] == ["utter_faq/strength_training"]


@pytest.mark.parametrize(
    ("key", "text", "caveat"),
    [
        (
            "exercise_benefits",
            "what exercises should I avoid with a herniated disc?",
            "utter_avoid_not_covered",
        ),
        (
            "exercise_benefits",
            "what exercises are safe for a herniated disc",
            "utter_avoid_not_covered",
        ),
        ("exercise_benefits", "Can exercise make it worse?", "utter_avoid_not_covered"),
        (
            "home_exercise_stretching",
            "How many times a week should I do core exercises for my back pain?",
            "utter_exercise_amount_not_covered",
        ),
        (
            "physical_therapy",
            "how many physical therapy sessions does it usually take for my disc?",
            "utter_exercise_amount_not_covered",
        ),
        (
            "degenerative_disc_disease",
            "can degenerative disc disease be reversed?",
            "utter_cure_not_covered",
        ),
        (
            "daily_function",
            "so thats a yes i can keep lifting boxes? theyre like 20kg",
            "utter_activity_not_covered",
        ),
        ("otc_medication", "what about co-codamol, is that ok?", "utter_medicine_not_named"),
        # the answer says all that was asked
        ("exercise_benefits", "how does exercise help my back?", None),
        ("degenerative_disc_disease", "what is degenerative disc disease?", None),
    ],
)
def test_an_answer_that_alone_would_say_more_than_the_guide_has_its_caveat_first(
    domain: dict[str, Any], key: str, text: str, caveat: str | None
) -> None:
    entry = FaqCatalogue.from_domain(domain).get(key)
    assert entry is not None
    dispatcher = CollectingDispatcher()
    say_entry(dispatcher, text, entry)
    said = [m["response"] for m in dispatcher.messages]
    assert said == [*([caveat] if caveat else []), entry.response_name]
    # Once a turn: a second answer in the same reply does not repeat it.
    say_entry(dispatcher, text, entry)
    assert [m["response"] for m in dispatcher.messages].count(caveat) == (1 if caveat else 0)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "and medication? my GP gave me naproxen but it upsets my stomach",
            "utter_side_effect_not_covered",
        ),
        ("ibuprofen makes me feel sick, what else?", "utter_side_effect_not_covered"),
        ("can anti-inflammatories help my back?", "utter_faq/otc_medication"),
    ],
)
def test_a_medicine_that_disagrees_gets_who_to_ask_not_the_answer(text: str, said: str) -> None:
    dispatcher = CollectingDispatcher()
    entry = FaqEntry("otc_medication", "Can medicine help?", "Treatment", "treatment", None, "...")
    say_entry(dispatcher, text, entry)
    assert [m["response"] for m in dispatcher.messages] == [said]
