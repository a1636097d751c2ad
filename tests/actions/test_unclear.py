"""Replies when the assistant cannot answer: a follow-up in context, a decline, then a person."""

from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from actions.did_you_mean import choose_faq_payload
from actions.unclear import (
    UNHELPFUL_RESPONSES,
    ActionDefaultFallback,
    ActionUnclear,
    answer_other_questions,
    answered_faq_just_before,
    decline,
    previous_turn_replies,
    still_about_another_part,
)
from tests.actions.conftest import make_tracker

DETAILS = {"phone": "020 7946 0999", "hours": "9am to 5pm", "address": "1 Test Lane, London"}


@pytest.fixture(autouse=True)
def contact_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "contact.yml"
    path.write_text("".join(f'{key}: "{value}"\n' for key, value in DETAILS.items()))
    monkeypatch.setenv("CLINIC_CONTACT_FILE", str(path))
    return path


def user(text: str) -> dict[str, Any]:
    return {"event": "user", "text": text, "metadata": {}}


def bot(utter_action: str | None) -> dict[str, Any]:
    metadata = {"utter_action": utter_action} if utter_action else {}
    return {"event": "bot", "text": "...", "data": {}, "metadata": metadata}


def after(*replies: str | None, text: str = "what about it?", **slots: Any) -> Tracker:
    """The patient's `text`, right after the assistant said `replies` to their last message."""
    events = [
        {"event": "action", "name": "action_listen"},
        user("an earlier question"),
        bot("utter_faq/sciatica"),  # two turns ago: never counts
        user("the last question"),
        *map(bot, replies),
        {"event": "action", "name": "action_listen"},
        user(text),
    ]
    return make_tracker(text=text, intent="nlu_fallback", slots=slots, events=events)


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [message["response"] for message in dispatcher.messages]


# --- reading the turn before ------------------------------------------------------------


def test_the_replies_to_the_previous_message_are_read_in_order() -> None:
    tracker = after("utter_faq/otc_medication", None, "utter_ask_more")
    assert previous_turn_replies(list(tracker.events)) == [
        "utter_faq/otc_medication",
        "",
        "utter_ask_more",
    ]
    assert answered_faq_just_before(list(tracker.events))


@pytest.mark.parametrize(
    "events",
    [
        [],
        [user("hello")],  # the first message has no turn before it
        [user("hello"), bot("utter_greet"), user("hi again")],
    ],
)
def test_a_turn_without_an_answer_before_it(events: list[dict[str, Any]]) -> None:
    assert not answered_faq_just_before(events)


def test_an_answer_two_turns_ago_is_not_just_before() -> None:
    assert not answered_faq_just_before(list(after("utter_cannot_answer").events))


# --- follow-ups in context --------------------------------------------------------------


@pytest.mark.parametrize(
    ("last", "text", "answer"),
    [
        ("sciatica", "is it serious?", "when_to_see_specialist"),
        ("sciatica", "and medication?", "otc_medication"),
        ("otc_medication", "what if they don't work?", "prescription_medication"),
        ("osteoarthritis", "can I still walk?", "daily_function"),
    ],
)
async def test_a_short_follow_up_is_answered_from_the_answer_before(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], last: str, text: str, answer: str
) -> None:
    tracker = after(f"utter_faq/{last}", text=text, last_faq_key=last)
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == [
        SlotSet("last_faq_key", answer)
    ]
    assert responses(dispatcher) == [f"utter_faq/{answer}"]


@pytest.mark.parametrize(
    "text", ["will it go away?", "how much does it cost?", "do I need surgery"]
)
async def test_a_follow_up_the_guide_does_not_cover_says_so(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str
) -> None:
    tracker = after("utter_faq/sciatica", text=text, last_faq_key="sciatica")
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == []
    assert responses(dispatcher) == ["utter_not_covered"]


@pytest.mark.parametrize(
    "text", ["so thats a yes keep playing?", "so I can carry on lifting then?"]
)
async def test_a_yes_asked_for_after_an_answer_is_not_given(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str
) -> None:
    tracker = after("utter_faq/exercise_benefits", text=text, last_faq_key="exercise_benefits")
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == []
    assert responses(dispatcher) == ["utter_no_yes_or_no"]


@pytest.mark.parametrize(
    "text",
    ["ok what should they do then?", "where do I go?", "and then what", "who should we call"],
)
async def test_what_to_do_right_after_the_warning_signs_is_where_to_go(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str
) -> None:
    tracker = after("utter_warning_signs", text=text)
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == []
    assert responses(dispatcher) == ["utter_warning_signs_what_to_do"]
    assert "999" in domain["responses"]["utter_warning_signs_what_to_do"][0]["text"]


async def test_what_to_do_long_after_the_warning_signs_is_not_read_as_about_them(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after("utter_faq/sciatica", text="what should I do then?", last_faq_key="sciatica")
    decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert "utter_warning_signs_what_to_do" not in responses(dispatcher)


async def test_a_second_follow_up_beyond_the_guide_is_said_to_be_so(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after(
        "utter_faq/spinal_stenosis",
        text="is it serious? will i need surgery",
        last_faq_key="spinal_stenosis",
    )
    decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert responses(dispatcher) == [
        "utter_faq/when_to_see_specialist",
        "utter_other_question_not_covered",
    ]


async def test_carrying_on_right_after_the_checkin_was_stopped_starts_it_again(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after("utter_stopped_checkin", text="sorry I press wrong. I want continue questions")
    events = decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert responses(dispatcher) == ["utter_start_checkin"]
    assert events == [FollowupAction("symptom_checkin_form")]


async def test_another_condition_asked_about_in_a_few_words_gets_its_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after(
        "utter_faq/degenerative_disc_disease",
        text="and the herniated one?",
        last_faq_key="degenerative_disc_disease",
    )
    tracker.latest_message["entities"] = [
        {"entity": "condition", "value": "herniated_disc", "start": 8, "end": 21}
    ]
    events = decline(dispatcher, tracker, domain, "utter_out_of_scope")
    assert responses(dispatcher) == ["utter_faq/herniated_disc"]
    assert events == [SlotSet("last_faq_key", "herniated_disc")]


async def test_a_covered_condition_asked_about_after_another_conditions_reply_gets_its_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "ok so what about osteoarthritis then"
    tracker = after("utter_scope_other_condition", text=text)
    tracker.latest_message["entities"] = [
        {"entity": "condition", "value": "osteoarthritis", "start": 19, "end": 33}
    ]
    events = decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert responses(dispatcher) == ["utter_faq/osteoarthritis"]
    assert events == [SlotSet("last_faq_key", "osteoarthritis")]


@pytest.mark.parametrize(
    ("outcome", "why"),
    [
        ("utter_consultation_recommended", "utter_why_consultation"),
        ("utter_self_care", "utter_why_self_care"),
    ],
)
async def test_why_after_the_checkins_result_gets_its_reasons(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], outcome: str, why: str
) -> None:
    decline(dispatcher, after(outcome, text="why tho"), domain, "utter_cannot_answer")
    assert responses(dispatcher) == [why]


async def test_a_comparison_the_classifier_put_out_of_scope_gets_what_the_guide_says_of_each(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "whats the difference between a herniated disc and degenerative disc disease?"
    tracker = after(text=text)
    tracker.latest_message["entities"] = [
        {"entity": "condition", "value": "herniated_disc", "start": 29, "end": 43},
        {"entity": "condition", "value": "degenerative_disc_disease", "start": 48, "end": 73},
    ]
    decline(dispatcher, tracker, domain, "utter_out_of_scope")
    assert responses(dispatcher) == [
        "utter_comparison_intro",
        "utter_faq/herniated_disc",
        "utter_faq/degenerative_disc_disease",
    ]


async def test_a_clear_question_right_after_a_call_back_is_answered(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "my husband's leg goes a bit numb sometimes with the sciatica, should he mention that?"
    events = [
        user("ring me at lunchtime please"),
        bot("utter_callback_requested"),
        {"event": "action", "name": "action_listen"},
        user(text),
    ]
    tracker = make_tracker(
        text=text,
        intent="nlu_fallback",
        ranking=[("symptoms_to_report", 0.9), ("sciatica", 0.05)],
        slots={"callback_outcome": "saved"},
        events=events,
    )
    events_out = decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert responses(dispatcher) == ["utter_faq/symptoms_to_report"]
    assert FollowupAction("action_request_callback") not in events_out


async def test_several_questions_one_about_the_clinic_get_its_details(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "Hi, hope you're well! Three quick things: 1) what are your opening hours "
        "2) do you treat sciatica 3) can I self-refer or do I need my GP?"
    )
    assert decline(dispatcher, after(text=text), domain, "utter_cannot_answer") == []
    assert responses(dispatcher) == ["utter_contact"]


async def test_the_questions_with_an_answer_are_answered_before_the_clinics_details(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after(text="what is sciatica and what are your opening hours?")
    tracker.latest_message["question_answers"] = [{"faq_key": "sciatica", "confidence": 0.95}]
    events = decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert responses(dispatcher) == ["utter_faq/sciatica", "utter_contact"]
    assert events == [SlotSet("last_faq_key", "sciatica")]


async def test_questions_about_a_condition_the_message_names_are_answered(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "My doctor says I have osteoarthritis in my lower back. I'm 67. What exactly is "
        "happening in my back and can tablets help?"
    )
    tracker = after(text=text)
    tracker.latest_message["entities"] = [
        {"entity": "condition", "value": "osteoarthritis", "start": 20, "end": 34}
    ]
    events = decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert responses(dispatcher) == ["utter_faq/osteoarthritis", "utter_faq/otc_medication"]
    assert events == [SlotSet("last_faq_key", "otc_medication")]


async def test_an_activity_asked_about_beside_the_hours_is_said_to_be_beyond_the_guide(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "thanks. open thursday evenings? and can my 78 yo mum with stenosis do yoga"
    assert decline(dispatcher, after(text=text), domain, "utter_cannot_answer") == []
    assert responses(dispatcher) == ["utter_contact", "utter_activity_question_not_covered"]
    assert dispatcher.messages[1]["activity"] == "yoga"


@pytest.mark.parametrize(
    ("replies", "text"),
    [
        (("utter_callback_requested",), "wait tomorrows saturday, are they even in?"),
        ((), "will they ring after 6 tho? you close at 5"),
    ],
)
async def test_a_question_about_the_call_back_arranged_goes_to_the_call_back(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    replies: tuple[str, ...],
    text: str,
) -> None:
    tracker = after(*replies, text=text, callback_outcome="saved")
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == [
        FollowupAction("action_request_callback")
    ]
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    ("replies", "slots", "text"),
    [
        # Not a follow-up: too long to lean on the answer before.
        (
            ("utter_faq/sciatica",),
            {"last_faq_key": "sciatica"},
            "is it serious if it keeps coming back now and then over the years",
        ),
        (("utter_faq/sciatica",), {"last_faq_key": "sciatica"}, "what colour is the sky"),
        (("utter_faq/sciatica",), {}, "is it serious?"),  # no answer remembered
        (("utter_greet",), {"last_faq_key": "sciatica"}, "is it serious?"),  # not just answered
    ],
)
async def test_anything_else_gets_the_decline_the_caller_names(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    replies: tuple[str, ...],
    slots: dict[str, Any],
    text: str,
) -> None:
    tracker = after(*replies, text=text, **slots)
    assert decline(dispatcher, tracker, domain, "utter_out_of_scope") == []
    assert responses(dispatcher) == ["utter_out_of_scope"]


# --- about a child ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "what can she take for it?",
        "is it serious for a kid",
        "and him?",
        "really? its probably just the bag. can you not just tell me some stretches",
        "its probably just the bag tho isnt it",
    ],
)
async def test_a_follow_up_about_the_child_gets_the_same_advice(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str
) -> None:
    tracker = after("utter_scope_child", text=text, last_faq_key="sciatica")
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == []
    assert responses(dispatcher) == ["utter_scope_child"]


async def test_the_child_advice_is_not_repeated_for_another_question(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after("utter_scope_child", text="what are your opening hours")
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == []
    assert responses(dispatcher) == ["utter_contact"]


async def test_a_mention_of_someone_without_the_child_advice_before_is_not_about_a_child(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after("utter_faq/sciatica", text="what can she take for it?")
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == []
    assert responses(dispatcher) == ["utter_cannot_answer"]


# --- a person after two unhelpful turns -------------------------------------------------


@pytest.mark.parametrize("unhelpful", sorted(UNHELPFUL_RESPONSES))
async def test_a_second_turn_without_help_offers_a_person(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], unhelpful: str
) -> None:
    tracker = after(unhelpful, text="what colour is the sky")
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == []
    [message] = dispatcher.messages
    assert message["response"] == "utter_offer_contact"
    assert {name: message[name] for name in DETAILS} == DETAILS


async def test_without_a_contact_file_the_offer_points_to_the_website(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], contact_file: Path
) -> None:
    contact_file.unlink()
    tracker = after("utter_cannot_answer", text="what colour is the sky")
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == []
    assert responses(dispatcher) == ["utter_contact_unavailable"]


def test_every_unhelpful_reply_is_a_response_of_the_domain(domain: dict[str, Any]) -> None:
    assert set(UNHELPFUL_RESPONSES) <= set(domain["responses"])


async def test_action_unclear_declines_with_cannot_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after("utter_faq/sciatica", text="what colour is the sky")
    assert await ActionUnclear().run(dispatcher, tracker, domain) == []
    assert responses(dispatcher) == ["utter_cannot_answer"]
    assert ActionUnclear().name() == "action_unclear"


async def test_the_patients_own_symptoms_start_the_checkin(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    from rasa_sdk.events import FollowupAction

    from actions.unclear import ActionUnclear

    tracker = after("utter_faq/symptoms_to_report", text="i do have some tingling actually")
    events = await ActionUnclear().run(dispatcher, tracker, domain)
    assert events == [FollowupAction("symptom_checkin_form")]
    assert responses(dispatcher) == ["utter_start_checkin"]


async def test_a_question_about_symptoms_does_not_start_the_checkin(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    from actions.unclear import ActionUnclear

    tracker = after("utter_faq/sciatica", text="can sciatica cause tingling?")
    events = await ActionUnclear().run(dispatcher, tracker, domain)
    assert events == []
    assert responses(dispatcher) == ["utter_cannot_answer"]


async def test_what_now_after_the_checkin_result_gives_the_result_again(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    from actions.unclear import ActionUnclear

    tracker = after(
        "utter_consultation_recommended", "utter_offer_booking", text="so what should i do now"
    )
    assert await ActionUnclear().run(dispatcher, tracker, domain) == []
    assert responses(dispatcher) == ["utter_consultation_recommended", "utter_offer_booking"]


@pytest.mark.parametrize(
    "text",
    [
        "So I don't need an appointment?",
        "so should I book or not? I'd rather not waste your time",
        "hang on, do I actually need to though?",
    ],
)
async def test_asking_whether_an_appointment_is_needed_gives_the_result_again(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str
) -> None:
    from actions.unclear import ActionUnclear

    tracker = after("utter_self_care", "utter_offer_booking", text=text)
    assert await ActionUnclear().run(dispatcher, tracker, domain) == []
    assert responses(dispatcher) == ["utter_self_care", "utter_offer_booking"]


@pytest.mark.parametrize(
    ("text", "response"),
    [
        ("not now. will it go away on its own", "utter_not_covered"),
        ("is it serious?", "utter_urgency_advice"),
        ("is numb toes bad tho", "utter_urgency_advice"),
        ("will it get worse?", "utter_faq/specialist_consultation"),
    ],
)
async def test_a_short_question_after_the_checkin_result_is_about_the_patients_pain(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, response: str
) -> None:
    from actions.unclear import ActionUnclear

    tracker = after("utter_self_care", "utter_offer_booking", text=text)
    await ActionUnclear().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == response


async def test_a_story_of_ones_own_back_pain_starts_the_checkin(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    from rasa_sdk.events import FollowupAction

    from actions.unclear import ActionUnclear

    tracker = after("utter_greet", text="hurt my back lifting a box last week")
    events = await ActionUnclear().run(dispatcher, tracker, domain)
    assert events == [FollowupAction("symptom_checkin_form")]


async def test_a_passing_numbness_without_pain_gets_no_checkin(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    from actions.unclear import ActionUnclear

    text = "my leg went to sleep after sitting cross legged on the floor for an hour, its fine now"
    tracker = after("utter_greet", text=text)
    assert await ActionUnclear().run(dispatcher, tracker, domain) == []
    assert responses(dispatcher) == ["utter_passing_nerve_symptom"]


@pytest.mark.parametrize(
    "text",
    [
        "about 6 weeks",
        "since march",
        "for 2 months now",
        "like 2 wks. wait no its been since bonfire night so like a month",
        "no tingling, no weakness, just an ache about 3/10 for ten days",
    ],
)
async def test_a_bare_duration_starts_the_checkin(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str
) -> None:
    from rasa_sdk.events import FollowupAction

    from actions.unclear import ActionUnclear

    tracker = after("utter_faq/when_to_see_specialist", text=text)
    events = await ActionUnclear().run(dispatcher, tracker, domain)
    assert events == [FollowupAction("symptom_checkin_form")]
    assert responses(dispatcher) == ["utter_start_checkin"]


async def test_a_sentence_that_only_mentions_a_time_does_not_start_it(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    from actions.unclear import ActionUnclear

    tracker = after("utter_faq/sciatica", text="i read about it on a website about two weeks ago")
    assert await ActionUnclear().run(dispatcher, tracker, domain) == []


@pytest.mark.parametrize("text", ["who won the match last night", "tell me a joke", "last night"])
async def test_a_time_in_passing_does_not_start_the_checkin(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str
) -> None:
    from actions.unclear import ActionUnclear

    tracker = after("utter_faq/sciatica", text=text)
    assert await ActionUnclear().run(dispatcher, tracker, domain) == []


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("Hello, I am have pain in back since two week, is need to see doctor or no?", True),
        ("my back hurts, do I need a specialist?", True),
        ("yo do i need 2 see a specialist or nah", True),
        ("hi can you help with lower back pain?", True),
        ("should my mum see a doctor about her back?", False),
        ("when should people see a doctor about back pain?", False),
    ],
)
async def test_asking_whether_ones_own_back_needs_a_doctor_starts_the_checkin(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, starts: bool
) -> None:
    from rasa_sdk.events import FollowupAction

    from actions.unclear import ActionUnclear

    tracker = after("utter_greet", text=text)
    events = await ActionUnclear().run(dispatcher, tracker, domain)
    assert (events == [FollowupAction("symptom_checkin_form")]) is starts


@pytest.mark.parametrize(
    ("text", "events", "said"),
    [
        ("Yes, delete it", [FollowupAction("action_forget_me")], []),
        ("no, keep it", [], ["utter_kept_data"]),
    ],
)
async def test_a_yes_or_no_in_words_answers_the_delete_question(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    text: str,
    events: list[Any],
    said: list[str],
) -> None:
    from actions.unclear import ActionUnclear

    tracker = after("utter_ask_forget_me", text=text)
    assert await ActionUnclear().run(dispatcher, tracker, domain) == events
    assert responses(dispatcher) == said


@pytest.mark.parametrize(
    ("text", "deletes"),
    [("Yes, delete it", True), ("yes", False), ("no, keep it", False)],
)
async def test_the_delete_button_typed_after_a_turn_between_still_deletes(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, deletes: bool
) -> None:
    from actions.unclear import ActionUnclear

    events = [
        {"event": "action", "name": "action_listen"},
        user("please delete my data"),
        bot("utter_ask_forget_me"),
        user("what about the booking i cancelled?"),
        bot("utter_cancelled"),
        {"event": "action", "name": "action_listen"},
        user(text),
    ]
    tracker = make_tracker(text=text, intent="nlu_fallback", events=events)
    result = await ActionUnclear().run(dispatcher, tracker, domain)
    assert (FollowupAction("action_forget_me") in result) is deletes


async def test_a_short_question_after_the_pregnancy_reply_gets_it_again(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    from actions.unclear import still_about_the_scope_before

    tracker = after("utter_scope_pregnancy", text="what about stretches then, are they safe")
    assert still_about_the_scope_before(tracker)
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == []
    assert responses(dispatcher) == ["utter_scope_pregnancy"]


async def test_the_pains_story_after_the_pregnancy_reply_starts_the_checkin(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after(
        "utter_scope_pregnancy", text="ok. its like a 5, no tingling. do i need to see someone?"
    )
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == [
        FollowupAction("symptom_checkin_form")
    ]
    assert responses(dispatcher) == ["utter_start_checkin"]


async def test_the_faq_answer_waits_while_the_pregnancy_reply_stands(
    domain: dict[str, Any],
) -> None:
    from actions.faq import ActionMatchFaq
    from actions.unclear import still_about_the_scope_before

    tracker = after("utter_scope_pregnancy", text="are stretches safe")
    tracker.latest_message["response_selector"] = {
        "faq": {
            "ranking": [{"intent_response_key": "faq/home_exercise_stretching", "confidence": 0.99}]
        }
    }
    events = await ActionMatchFaq().run(CollectingDispatcher(), tracker, domain)
    assert events == [SlotSet("faq_match", "no_match")]
    later = after("utter_faq/sciatica", text="are stretches safe")
    assert not still_about_the_scope_before(later)


async def test_a_question_with_a_story_is_answered_then_the_checkin_starts(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "I've had back pain for 2 months, what exercises can I do?"
    tracker = make_tracker(
        text=text,
        intent="nlu_fallback",
        ranking=[("home_exercise_stretching", 0.9), ("exercise_benefits", 0.05)],
        events=[user(text)],
    )
    events = await ActionUnclear().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/home_exercise_stretching", "utter_start_checkin"]
    assert events == [
        SlotSet("last_faq_key", "home_exercise_stretching"),
        FollowupAction("symptom_checkin_form"),
    ]


async def test_a_question_with_a_story_and_no_clear_answer_starts_the_checkin(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "lower back pain since march. should i stop going to the gym?"
    tracker = make_tracker(
        text=text,
        intent="nlu_fallback",
        ranking=[("strength_training", 0.3), ("exercise_benefits", 0.28)],
        events=[user(text)],
    )
    events = await ActionUnclear().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_start_checkin"]
    assert events == [FollowupAction("symptom_checkin_form")]


async def test_a_question_beyond_the_guide_told_with_the_pain_is_said_to_be_so_first(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "this back pain is literally killing me, I'm dying to get back to my spin classes. "
        "how long does a herniated disc take to heal?"
    )
    tracker = make_tracker(
        text=text,
        intent="out_of_scope",
        entities=[{"entity": "condition", "value": "herniated_disc"}],
        events=[user(text)],
    )
    events = await ActionUnclear().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_question_not_covered", "utter_start_checkin"]
    assert events == [FollowupAction("symptom_checkin_form")]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("k. and does the article say anything about sciatica", ["utter_faq/sciatica"]),
        ("any info on spinal stenosis?", ["utter_faq/spinal_stenosis"]),
        # two conditions: not this reading
        ("does it say anything about sciatica or stenosis", ["utter_cannot_answer"]),
    ],
)
async def test_what_the_guide_says_of_one_condition_named_is_its_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, said: list[str]
) -> None:
    tracker = make_tracker(text=text, intent="nlu_fallback", events=[user(text)])
    await ActionUnclear().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[: len(said)] == said


async def test_how_long_one_has_had_it_after_an_answer_starts_the_checkin(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after(
        "utter_faq/when_to_see_specialist", text="I've had it for 5 weeks, is that long enough?"
    )
    events = await ActionUnclear().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_start_checkin"]
    assert events == [FollowupAction("symptom_checkin_form")]


async def test_a_time_in_a_question_without_an_answer_before_does_not_start_it(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after("utter_greet", text="I've been waiting 2 weeks for my results, is that normal?")
    await ActionUnclear().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_cannot_answer"]


async def test_a_relatives_score_after_an_answer_starts_the_checkin(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after(
        "utter_faq/when_to_see_specialist",
        text="its not bad, he says 3 out of 10, no numbness or anything. so wait?",
    )
    events = await ActionUnclear().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_start_checkin"]
    assert events == [FollowupAction("symptom_checkin_form")]


async def test_rasas_fallback_forgets_a_message_it_could_not_use(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after("utter_greet", text="what colour is the sky")
    events = await ActionDefaultFallback().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_default"]
    assert events == [UserUtteranceReverted()]


async def test_rasas_fallback_keeps_a_message_that_starts_the_checkin(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after("utter_faq/sciatica", text="around 6 weeks")
    events = await ActionDefaultFallback().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_start_checkin"]
    # Reverting it would drop the check-in Rasa runs next, leaving the patient no question.
    assert events == [FollowupAction("symptom_checkin_form")]


HERNIATED_DISC = {"entity": "condition", "value": "herniated_disc", "start": 9, "end": 24}


@pytest.mark.parametrize(
    ("text", "entities", "intent", "expected"),
    [
        (
            "I have a herniated disc, what exercises are safe?",
            [HERNIATED_DISC],
            "nlu_fallback",
            # The guide names no exercise, safe or not: said before its general answer.
            ["utter_avoid_not_covered", "utter_faq/exercise_benefits"],
        ),
        # no article condition named, or not unplaced: declined as before
        ("what exercises are safe?", [], "nlu_fallback", ["utter_cannot_answer"]),
        # not a question: what the guide says of it in general
        (
            "I have a herniated disc",
            [HERNIATED_DISC],
            "nlu_fallback",
            ["utter_report_condition_in_general", "utter_faq/herniated_disc"],
        ),
        (
            "I have a herniated disc, what exercises are safe?",
            [HERNIATED_DISC],
            "out_of_scope",
            ["utter_cannot_answer"],
        ),
    ],
)
async def test_an_unplaced_question_about_an_article_condition_gets_its_clear_answer(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    text: str,
    entities: list[dict[str, Any]],
    intent: str,
    expected: list[str],
) -> None:
    tracker = make_tracker(
        text=text,
        intent=intent,
        entities=entities,
        ranking=[("exercise_benefits", 0.9), ("home_exercise_stretching", 0.05)],
        events=[user(text)],
    )
    await ActionUnclear().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == expected


@pytest.mark.parametrize(
    ("best_guess", "expected"),
    [("faq", ["utter_faq/symptoms_to_report"]), ("out_of_scope", ["utter_cannot_answer"])],
)
async def test_an_unplaced_question_the_classifier_took_for_the_guide_gets_its_clear_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], best_guess: str, expected: list[str]
) -> None:
    text = "what should i tell them when i come in"
    tracker = make_tracker(
        text=text,
        intent="nlu_fallback",
        ranking=[("symptoms_to_report", 0.8), ("specialist_consultation", 0.1)],
        events=[user(text)],
    )
    tracker.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.4},
        {"name": best_guess, "confidence": 0.3},
        {"name": "faq" if best_guess != "faq" else "inform", "confidence": 0.29},
    ]
    await ActionUnclear().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[:1] == expected


@pytest.mark.parametrize(
    "text", ["Thank you dear, I will talk to my son about booking.", "ok thanks, that's all"]
)
async def test_thanks_the_classifier_missed_are_welcomed(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str
) -> None:
    tracker = make_tracker(text=text, intent="nlu_fallback", events=[user(text)])
    await ActionUnclear().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_you_are_welcome"]


@pytest.mark.parametrize(
    "text", ["i have a question about my husband", "hi, quick question", "can I ask something?"]
)
async def test_a_question_announced_is_waited_for(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str
) -> None:
    tracker = make_tracker(text=text, intent="nlu_fallback", events=[user(text)])
    await ActionUnclear().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_ask_away"]


async def test_a_relatives_story_starts_the_checkin_about_them(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "he has had sciatica for 3 months and the tablets arent working anymore"
    tracker = make_tracker(text=text, intent="nlu_fallback", events=[user(text)])
    events = await ActionUnclear().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_start_checkin"]
    assert events == [FollowupAction("symptom_checkin_form")]


def asked(intent: str, text: str) -> dict[str, Any]:
    return {**user(text), "parse_data": {"intent": {"name": intent}}}


async def test_a_reference_found_after_asking_to_cancel_carries_the_cancelling_on(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    from actions.unclear import ActionUnclear

    text = "oh wait found it in my deleted folder, JPC-KQLLCL"
    events = [
        asked("cancel_appointment", "I have to cancel but I deleted the email"),
        bot("utter_ask_manage_reference"),
        asked("inform", "I just told you I don't have it"),
        bot("utter_no_reference"),
        asked("nlu_fallback", text),
    ]
    tracker = make_tracker(text=text, intent="nlu_fallback", events=events)
    assert await ActionUnclear().run(dispatcher, tracker, domain) == [
        FollowupAction("action_start_manage_booking")
    ]
    assert dispatcher.messages == []


async def test_a_reference_with_no_request_about_a_booking_before_is_looked_up(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    # The booking is found and, once shown to be the patient's, how it stands is told.
    from actions.unclear import ActionUnclear

    text = "my code is JPC-KQLLCL"
    tracker = make_tracker(text=text, intent="nlu_fallback", events=[asked("greet", "hi")])
    events = await ActionUnclear().run(dispatcher, tracker, domain)
    assert FollowupAction("action_start_manage_booking") in events
    assert dispatcher.messages == []


async def test_asked_to_find_a_booking_by_email_the_reference_is_explained(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    from actions.unclear import ActionUnclear

    text = "can't you look it up by my email? shan.ob@example.co.uk"
    events = [
        asked("cancel_appointment", "I have to cancel but I deleted the email"),
        asked("nlu_fallback", text),
    ]
    tracker = make_tracker(text=text, intent="nlu_fallback", events=events)
    assert await ActionUnclear().run(dispatcher, tracker, domain) == []
    assert responses(dispatcher) == ["utter_reference_needed"]


async def test_a_message_no_answer_fits_gets_the_answers_of_its_questions(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after(text="what would they do there? and should i take ibuprofen?")
    tracker.latest_message["question_answers"] = [
        {"faq_key": "specialist_consultation", "confidence": 0.7},
        {"faq_key": "otc_medication", "confidence": 0.8},
        {"faq_key": "sciatica", "confidence": 0.9},
    ]
    events = decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert responses(dispatcher) == [
        "utter_faq/specialist_consultation",
        "utter_faq/otc_medication",
        # two answers at most; the third question's is offered, not dropped
        "utter_other_question_choices",
    ]
    # feedback buttons once, under the last answer
    assert dispatcher.messages[0]["buttons"] == []
    assert [b["payload"] for b in dispatcher.messages[-1]["buttons"]] == [
        '/choose_faq{"faq_key": "sciatica"}'
    ]
    assert events == [SlotSet("last_faq_key", "otc_medication")]


# --- a correction after the check-in's result ----------------------------------------------


def _after_the_result(text: str, **slots: Any) -> Any:
    events: list[dict[str, Any]] = [
        {"event": "user", "text": "no"},
        {
            "event": "bot",
            "text": "...",
            "metadata": {"utter_action": "utter_consultation_recommended"},
        },
        {"event": "user", "text": text},
    ]
    return make_tracker(text=text, intent="nlu_fallback", slots=slots, events=events)


async def test_what_to_do_if_it_gets_worse_before_the_visit_is_answered(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "thank you. and if my leg gets worse before wednesday what should I do?"
    tracker = make_tracker(
        text=text, intent="nlu_fallback", slots={"booking_reference": "JPC-Z57CTP"}
    )
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == []
    assert responses(dispatcher) == ["utter_if_it_gets_worse"]


async def test_the_side_of_a_symptom_put_right_keeps_the_result_and_the_offer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tingling = {"numbness": False, "tingling": True, "weakness": False, "locations": []}
    tracker = _after_the_result(
        "Oh dear, I said the left foot but it is actually my right foot. Does that matter?",
        nerve_symptoms=tingling,
        pain_duration_days=21,
    )
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == []
    assert responses(dispatcher) == ["utter_symptom_place_noted", "utter_offer_booking"]


async def test_a_symptom_said_to_be_long_past_is_taken_out_and_the_result_redone(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tingling = {"numbness": False, "tingling": True, "weakness": False, "locations": []}
    tracker = _after_the_result(
        "but the tingling was 5 years ago and only once? i dont have it now",
        nerve_symptoms=tingling,
        pain_duration_days=7,
    )
    events = decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert responses(dispatcher) == ["utter_noted_correction"]
    assert FollowupAction("action_triage_decision") in events
    [symptoms] = [e for e in events if e.get("name") == "nerve_symptoms"]
    assert not symptoms["value"]["tingling"]


async def test_a_new_length_of_time_said_as_a_correction_is_taken(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = _after_the_result(
        "the back ache only started last weekend lol", pain_duration_days=60
    )
    events = decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert FollowupAction("action_triage_decision") in events
    assert any(e.get("name") == "pain_duration_days" and e["value"] < 14 for e in events)


async def test_a_pain_said_not_to_be_severe_after_the_result_is_taken(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = _after_the_result(
        "its not severe its just sore now. rest or keep moving?", pain_severity=9
    )
    events = decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert FollowupAction("action_triage_decision") in events
    assert SlotSet("pain_severity", 4) in events


@pytest.mark.parametrize("reply", ["utter_scope_other_joint", "utter_scope_other_condition"])
async def test_a_follow_up_about_the_joint_the_guide_does_not_cover_gets_the_reply_again(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], reply: str
) -> None:
    from actions.faq import ActionAnswerFollowup

    tracker = after(reply, text="what exercises should i do for it")
    assert await ActionAnswerFollowup().run(dispatcher, tracker, domain) == []
    assert responses(dispatcher) == [reply]
    from actions.unclear import still_about_another_part

    assert still_about_another_part(after(reply, text="and what exercises for my back?")) is None
    # A short question naming nothing new is about the joint too; one naming a condition
    # the guide covers is not.
    assert still_about_another_part(after(reply, text="can i still go to the gym?")) == reply
    named = after(reply, text="what is sciatica?")
    named.latest_message["entities"] = [{"entity": "condition", "value": "sciatica", "start": 8}]
    assert still_about_another_part(named) is None
    # About the clinic, or what the guide says of any joint: not the joint's reply again.
    assert still_about_another_part(after(reply, text="do u do weekends")) is None
    assert still_about_another_part(after(reply, text="does moving help stiffness?")) is None


def test_words_quoted_from_before_the_other_condition_are_not_about_it() -> None:
    from actions.unclear import still_about_another_part

    text = "OK. It says 'mild' - does that mean it's nothing to worry about?"
    events = [
        user("My MRI report says 'mild lumbar spinal stenosis'. What does that mean?"),
        bot("utter_faq/spinal_stenosis"),
        user("Is that related to the aortic stenosis my father has?"),
        bot("utter_scope_other_condition"),
        {"event": "action", "name": "action_listen"},
        user(text),
    ]
    tracker = make_tracker(text=text, intent="nlu_fallback", events=events)
    assert still_about_another_part(tracker) is None
    # Quoting the other condition's own words is still about it.
    again = "is 'aortic stenosis' serious?"
    tracker = make_tracker(text=again, intent="nlu_fallback", events=[*events[:-1], user(again)])
    assert still_about_another_part(tracker) == "utter_scope_other_condition"


def test_a_follow_up_quoting_the_report_after_another_condition_is_about_the_answer(
    domain: dict[str, Any],
) -> None:
    from actions.unclear import answer_in_context

    text = "OK. It says 'mild' - does that mean it's nothing to worry about?"
    events = [
        user("My MRI report says 'mild lumbar spinal stenosis'. What does that mean?"),
        bot("utter_faq/spinal_stenosis"),
        user("Is that related to the aortic stenosis my father has?"),
        bot("utter_scope_other_condition"),
        {"event": "action", "name": "action_listen"},
        user(text),
    ]
    tracker = make_tracker(
        text=text, intent="nlu_fallback", events=events, slots={"last_faq_key": "spinal_stenosis"}
    )
    dispatcher = CollectingDispatcher()
    assert answer_in_context(dispatcher, tracker, domain) is not None
    assert responses(dispatcher) == ["utter_faq/when_to_see_specialist"]


@pytest.mark.parametrize(
    ("reply", "text", "books"),
    [
        ("utter_clinicians", "Dr Okafor then, tuesday or wednesday", True),
        ("utter_offer_booking", "tuesday morning", True),
        # not after an answer: a time is no request to book there
        ("utter_faq/sciatica", "tuesday morning", False),
        ("utter_clinicians", "thanks for that", False),
        (
            "utter_offer_booking",
            "its pretty bad tbh, like 8/10 when i sneeze. is it sciatica",
            False,
        ),
        ("utter_offer_booking", "and the pain is worse in the mornings. normal?", False),
        # asking what is free books wherever it comes
        ("utter_faq/sciatica", "whats the latest you have on a thursday", True),
        ("utter_faq/sciatica", "got anything after 5pm? i work till 4:30", True),
        ("utter_faq/sciatica", "is there anything i can do on monday mornings?", False),
        # asking to book in so many words, with a time, books wherever it comes
        (
            "utter_self_care",
            "ok book me in, wednesday afternoon, i have the knitting club tuesdays",
            True,
        ),
    ],
)
async def test_a_time_or_a_name_after_a_booking_offer_books(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], reply: str, text: str, books: bool
) -> None:
    events = decline(dispatcher, after(reply, text=text), domain, "utter_cannot_answer")
    assert (FollowupAction("booking_form") in events) is books
    assert ("utter_start_booking" in responses(dispatcher)) is books


@pytest.mark.parametrize(
    "text",
    ["what can i do meanwhile", "i mean like painkillers or heat or something till i can come"],
)
async def test_what_helps_until_the_appointment_is_the_guides_advice(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str
) -> None:
    tracker = after("utter_no_booking", text=text, checkin_done=True)
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == []
    assert responses(dispatcher) == ["utter_meanwhile"]


async def test_what_helps_until_a_booked_appointment_is_the_guides_advice(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "no i mean what can i do at home until the 16th"
    tracker = after("utter_booking_confirmed", text=text, booking_reference="JPC-ABC234")
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == []
    assert responses(dispatcher) == ["utter_meanwhile"]


async def test_a_short_medicine_question_after_the_health_condition_reply_gets_it_again(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after(
        "utter_scope_health_condition", text="ok so what can i take instead, paracetamol?"
    )
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == []
    assert responses(dispatcher) == ["utter_scope_health_condition"]


async def test_a_question_after_thanks_is_not_only_thanks(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "Thank you dear. Would exercise help at my age, I am not so steady on my feet"
    tracker = make_tracker(text=text, intent="out_of_scope", events=[user(text)])
    await ActionUnclear().run(dispatcher, tracker, domain)
    assert "utter_you_are_welcome" not in responses(dispatcher)
    assert responses(dispatcher), "the question gets a reply"


@pytest.mark.parametrize(("own_pain", "starts"), [(0.4, True), (0.1, False)])
async def test_a_few_words_of_back_pain_the_classifier_half_took_as_own_pain_start_the_checkin(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], own_pain: float, starts: bool
) -> None:
    tracker = after(None, text="back pain advice pls")
    tracker.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.4},
        {"name": "faq", "confidence": 0.48},
        {"name": "describe_own_pain", "confidence": own_pain},
    ]
    events = decline(dispatcher, tracker, domain, "utter_cannot_answer")
    if starts:
        assert responses(dispatcher) == ["utter_start_checkin"]
        assert events == [FollowupAction("symptom_checkin_form")]
    else:
        assert "utter_start_checkin" not in responses(dispatcher)


async def test_how_long_told_in_a_few_words_after_an_answer_starts_the_checkin(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after("utter_faq/when_to_see_specialist", text="its been like 5 weeks now tbh")
    events = decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert responses(dispatcher) == ["utter_start_checkin"]
    assert events == [FollowupAction("symptom_checkin_form")]


@pytest.mark.parametrize(("text", "answered"), [("both please", True), ("the first", False)])
async def test_both_to_did_you_mean_answers_each_answer_offered(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, answered: bool
) -> None:
    tracker = after("utter_did_you_mean", text=text)
    offer = tracker.events[-3]
    offer["data"] = {
        "buttons": [
            {"title": "What is spinal stenosis?", "payload": choose_faq_payload("spinal_stenosis")},
            {"title": "What is DDD?", "payload": choose_faq_payload("degenerative_disc_disease")},
            {"title": "Something else", "payload": "/something_else"},
        ]
    }
    events = decline(dispatcher, tracker, domain, "utter_cannot_answer")
    both = ["utter_faq/spinal_stenosis", "utter_faq/degenerative_disc_disease"]
    if answered:
        assert responses(dispatcher) == both
        assert events == [SlotSet("last_faq_key", "degenerative_disc_disease")]
    else:
        assert responses(dispatcher) != both


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("and physiotherapy?", "utter_faq/physical_therapy"),
        ("and the exercises?", "utter_faq/home_exercise_stretching"),
    ],
)
async def test_a_topic_asked_about_in_a_few_words_after_any_reply_gets_its_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, answer: str
) -> None:
    tracker = make_tracker(text=text, intent="nlu_fallback", events=[user(text)])
    await ActionUnclear().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [answer]


BOOKED = {
    "booking_outcome": "booked",
    "booking_reference": "JPC-AB12CD",
    "booking_time_text": "Tuesday 8 December at 9:30am",
    "patient_contact": "07700 900333",
}


@pytest.mark.parametrize(
    ("text", "outcome", "response"),
    [
        ("great, what happens next?", "booked", "utter_next_steps_booked"),
        ("wat happens next? do i get a txt", "rescheduled", "utter_next_steps_booked"),
        ("will somebody ring my son?", "pending", "utter_next_steps_pending"),
    ],
)
async def test_what_happens_next_after_a_booking_says_so(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    text: str,
    outcome: str,
    response: str,
) -> None:
    tracker = after("utter_booking_confirmed", text=text, **{**BOOKED, "booking_outcome": outcome})
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == []
    [message] = dispatcher.messages
    assert message["response"] == response
    assert (message["booking_reference"], message["contact"]) == ("JPC-AB12CD", "07700 900333")
    assert message["phone"] == DETAILS["phone"]


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("what happens next?", {}),  # nothing booked here
        ("what happens next?", {**BOOKED, "booking_outcome": "declined"}),
        ("what happens if I miss it?", BOOKED),
    ],
)
async def test_what_happens_next_without_a_booking_made_here_is_not_about_one(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, slots: dict[str, Any]
) -> None:
    decline(dispatcher, after("utter_booking_confirmed", text=text, **slots), domain, "utter_x")
    assert "utter_next_steps_booked" not in responses(dispatcher)


@pytest.mark.parametrize(
    ("reply", "text", "response"),
    [
        ("utter_faq_helped", "no thats all, thank you very much", "utter_goodbye"),
        ("utter_you_are_welcome", "nothing else thanks", "utter_goodbye"),
        ("utter_faq/sciatica", "no thats all, thank you very much", None),
    ],
)
async def test_nothing_else_said_to_anything_else_is_a_goodbye(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    reply: str,
    text: str,
    response: str | None,
) -> None:
    decline(dispatcher, after(reply, text=text), domain, "utter_cannot_answer")
    said = responses(dispatcher)
    assert ("utter_goodbye" in said) is (response is not None)


# --- a story and a question in one message after an answer -----------------------------


async def test_a_duration_opening_a_message_starts_the_checkin_and_answers_the_activity(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after(
        "utter_faq/spinal_stenosis",
        text="Oh, a few months I suppose. But you didn't answer me about the walks.",
        last_faq_key="spinal_stenosis",
    )
    events = decline(dispatcher, tracker, domain, "utter_default")
    assert events == [FollowupAction("symptom_checkin_form")]
    assert responses(dispatcher) == ["utter_activity_question_not_covered", "utter_start_checkin"]
    assert dispatcher.messages[0]["activity"] == "walking"


async def test_a_longer_first_sentence_with_a_time_is_not_read_as_the_duration(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after(
        "utter_faq/spinal_stenosis",
        text="I read a lot about it online last week. What else is there?",
        last_faq_key="spinal_stenosis",
    )
    events = decline(dispatcher, tracker, domain, "utter_default")
    assert FollowupAction("symptom_checkin_form") not in events


async def test_a_part_that_leans_on_the_answer_is_answered_with_the_activity_asked_about(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after(
        "utter_faq/osteoarthritis",
        text=(
            "Thank you. But you did not say whether it will get worse. And would gardening "
            "still be good for me or should I rest it?"
        ),
        last_faq_key="osteoarthritis",
    )
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == [
        SlotSet("last_faq_key", "specialist_consultation")
    ]
    assert responses(dispatcher) == [
        "utter_faq/specialist_consultation",
        "utter_activity_question_not_covered",
    ]
    assert dispatcher.messages[1]["activity"] == "gardening"


@pytest.mark.parametrize(
    "text", ["No, that is all. Goodbye.", "ok bye then", "Thanks again, take care"]
)
async def test_a_goodbye_is_answered_with_one(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str
) -> None:
    tracker = after("utter_faq/sciatica", text=text, last_faq_key="sciatica")
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == []
    assert responses(dispatcher) == ["utter_goodbye"]


async def test_a_question_with_a_goodbye_is_not_only_a_goodbye(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after(text="bye for now, but is yoga ok with sciatica?", last_faq_key="sciatica")
    decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert "utter_goodbye" not in responses(dispatcher)


async def test_a_booking_asked_for_as_a_question_with_a_time_starts_the_booking(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(text="need a consult. tues morning?", intent="nlu_fallback")
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == [
        FollowupAction("booking_form")
    ]
    assert responses(dispatcher) == ["utter_start_booking"]


@pytest.mark.parametrize(
    "text",
    [
        "what happens next? and is there somewhere to park nearby",
        "what happens next? I need bring something, x-ray?",
    ],
)
async def test_a_practical_question_beside_what_happens_next_goes_to_the_team(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str
) -> None:
    tracker = after("utter_booking_confirmed", text=text, **{**BOOKED, "booking_outcome": "booked"})
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == []
    assert responses(dispatcher) == ["utter_next_steps_booked", "utter_clinic_info"]


@pytest.mark.parametrize("text", ["so should i book or not", "ok so do i need one or not"])
async def test_whether_to_book_with_no_checkin_gets_the_guides_criteria_and_the_checkin(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str
) -> None:
    tracker = make_tracker(text=text, intent="nlu_fallback")
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == []
    assert responses(dispatcher) == ["utter_whether_to_book"]


async def test_a_summary_asked_for_is_what_the_check_in_was_told_then_what_to_mention(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after(
        "utter_self_care",
        text="So can you sum up what I should tell him?",
        pain_duration_days=35,
        pain_severity=3,
    )
    events = decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert responses(dispatcher) == ["utter_patient_summary", "utter_faq/symptoms_to_report"]
    assert dispatcher.messages[0]["summary"] == "Pain for about 5 weeks; about 3 out of 10"
    assert events == [SlotSet("last_faq_key", "symptoms_to_report")]
    # Nothing told: not a summary of nothing.
    empty = CollectingDispatcher()
    decline(empty, after("utter_greet", text="can you sum it up?"), domain, "utter_cannot_answer")
    assert "utter_patient_summary" not in responses(empty)


@pytest.mark.parametrize(
    ("text", "again"),
    [
        ("What are the core muscles?", False),
        ("ok and the core muscles, which are they", False),
        ("what exercises should I do for it?", True),
        ("is it serious?", True),
    ],
)
def test_after_another_conditions_reply_only_questions_about_it_get_the_reply_again(
    text: str, again: bool
) -> None:
    tracker = after("utter_scope_other_condition", text=text)
    assert (still_about_another_part(tracker) is not None) is again


async def test_a_time_in_a_question_after_the_result_is_no_correction(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = _after_the_result(
        "not now thanks. my wife jokes she'll call an ambulance if I moan once more haha. "
        "what can I do tonight to ease it?",
        pain_duration_days=4,
    )
    events = decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert "utter_noted_correction" not in responses(dispatcher)
    assert not any(e.get("name") == "pain_duration_days" for e in events)


async def test_how_many_physio_sessions_unplaced_is_said_to_be_beyond_the_guide(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="and how long will the physio take, like how many sessions", intent="nlu_fallback"
    )
    decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert responses(dispatcher) == ["utter_not_covered"]


async def test_whether_it_ends_in_a_wheelchair_asked_after_is_it_serious_is_said_beyond(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after(
        "utter_faq/osteoarthritis",
        text="is that serious? will I end up in a wheelchair?",
        last_faq_key="osteoarthritis",
    )
    decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert responses(dispatcher) == [
        "utter_faq/when_to_see_specialist",
        "utter_whether_it_gets_worse",
    ]


async def test_bed_rest_asked_after_an_answer_is_said_not_covered(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after(
        "utter_faq/when_to_see_specialist",
        text="Should I just rest in bed till it goes",
        last_faq_key="when_to_see_specialist",
    )
    decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert responses(dispatcher) == ["utter_topic_not_covered"]


async def test_a_story_asking_only_what_to_do_starts_the_checkin_without_a_paragraph(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "hello, my english not so good sorry. i have pain in back, low part, 2 month now, "
        "very strong, 8. also my leg have feeling like ants walking. what i must do?"
    )
    tracker = make_tracker(
        text=text,
        intent="nlu_fallback",
        ranking=[("symptoms_to_report", 0.9), ("when_to_see_specialist", 0.05)],
        events=[user(text)],
    )
    events = await ActionUnclear().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_start_checkin"]
    assert events == [FollowupAction("symptom_checkin_form")]


@pytest.mark.parametrize(
    "text",
    [
        "is back pain with a fever an emergency?",
        "is losing bladder control with back pain an emergency?",
        "what do you do if someone cant feel their legs after falling down the stairs",
    ],
)
async def test_whether_a_warning_sign_is_an_emergency_gets_the_warning_signs(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str
) -> None:
    tracker = make_tracker(
        text=text,
        intent="nlu_fallback",
        ranking=[("symptoms_to_report", 0.6)],
        events=[user(text)],
    )
    tracker.latest_message["red_flags_set_aside"] = ["fever"]
    await ActionUnclear().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_warning_signs"]


async def test_a_length_put_right_after_not_now_to_the_booking_still_corrects_the_result(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "Sorry I make mistake before. Pain is since 5 weeks, not 5 days. I confuse the words."
    events: list[dict[str, Any]] = [
        {"event": "user", "text": "No, nothing from this"},
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_self_care"}},
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_offer_booking"}},
        {"event": "user", "text": "Not now"},
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_no_booking"}},
        {"event": "user", "text": text},
    ]
    tracker = make_tracker(
        text=text, intent="nlu_fallback", slots={"pain_duration_days": 5}, events=events
    )
    result = decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert FollowupAction("action_triage_decision") in result
    assert SlotSet("pain_duration_days", 35) in result


def test_what_to_do_after_the_child_reply_is_still_about_the_child() -> None:
    from actions.unclear import still_about_the_scope_before

    events: list[dict[str, Any]] = [
        {"event": "user", "text": "my grandson is 8 and his back hurts after football"},
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_scope_child"}},
        {"event": "user", "text": "ok so what should we do then"},
    ]
    tracker = make_tracker(text="ok so what should we do then", events=events)
    assert still_about_the_scope_before(tracker)


@pytest.mark.parametrize(
    "text",
    [
        "great. if it comes back can i just book again on here?",
        "ok cool. if the pain comes back can i just rebook here?",
    ],
)
async def test_whether_one_can_book_again_here_hears_yes(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str
) -> None:
    tracker = make_tracker(text=text, intent="nlu_fallback", events=[user(text)])
    assert await ActionUnclear().run(dispatcher, tracker, domain) == []
    assert responses(dispatcher) == ["utter_can_book_here"]


async def test_whether_to_be_seen_read_as_unclear_says_yes_from_what_was_told_before(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "ok. so is that a yes? do i need a specialist"
    told = "my back has been killing me for 6 weeks, some days i just want to die"
    events = [user(told), bot("utter_crisis"), user("yes im safe"), bot("utter_crisis_cleared")]
    tracker = make_tracker(
        text=text,
        intent="nlu_fallback",
        ranking=[("when_to_see_specialist", 0.9)],
        events=[*events, {"event": "action", "name": "action_listen"}, user(text)],
    )
    # Too unsure for the classifier, whose best guess was still the guide's question.
    tracker.latest_message["intent_ranking"] = [{"name": "faq"}, {"name": "out_of_scope"}]
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == [
        SlotSet("last_faq_key", "when_to_see_specialist")
    ]
    assert responses(dispatcher) == ["utter_criterion_met_offer"]
    assert dispatcher.messages[0]["triage_reasons"]
    # Without such words before it, the article's general guidance.
    plain = make_tracker(
        text=text,
        intent="nlu_fallback",
        ranking=[("when_to_see_specialist", 0.9)],
        events=[user("hi"), bot("utter_greet"), user(text)],
    )
    plain.latest_message["intent_ranking"] = [{"name": "faq"}]
    other = CollectingDispatcher()
    decline(other, plain, domain, "utter_cannot_answer")
    assert responses(other) == ["utter_faq/when_to_see_specialist"]


async def test_thanks_said_last_after_a_remark_gets_you_are_welcome(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "I'll discuss it with my husband first. Thank you, you've been very helpful."
    tracker = make_tracker(text=text, intent="nlu_fallback", events=[user(text)])
    decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert responses(dispatcher) == ["utter_you_are_welcome"]


@pytest.mark.parametrize(
    "offer",
    ["utter_criterion_met_offer", "utter_offer_booking", "utter_emergency_already_seen_book"],
)
async def test_a_yes_with_more_to_the_booking_just_offered_starts_it(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], offer: str
) -> None:
    tracker = after(offer, text="ye go on. can i see the physio not a doc? saturday if poss")
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == [
        FollowupAction("booking_form")
    ]
    assert responses(dispatcher) == ["utter_start_booking"]
    # Not after another reply.
    other = CollectingDispatcher()
    elsewhere = after("utter_faq/sciatica", text="ye go on. what about stretches?")
    assert FollowupAction("booking_form") not in decline(
        other, elsewhere, domain, "utter_cannot_answer"
    )


async def test_another_joint_put_right_after_an_answer_gets_the_other_joints_reply(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after("utter_faq/otc_medication", text="sorry, I meant for my knee, not my back")
    decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert responses(dispatcher) == ["utter_scope_other_joint"]


async def test_a_covered_condition_told_asking_nothing_gets_the_guides_general_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "I have osteoarthritis in my spine"
    tracker = make_tracker(text=text, intent="nlu_fallback", events=[user(text)])
    events = decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert responses(dispatcher) == [
        "utter_report_condition_in_general",
        "utter_faq/osteoarthritis",
    ]
    assert SlotSet("last_faq_key", "osteoarthritis") in events


async def test_symptoms_denied_after_an_answer_start_the_check_in(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after(
        "utter_faq/exercise_benefits", text="I don't have any weakness or numbness, by the way"
    )
    events = decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert FollowupAction("symptom_checkin_form") in events


async def test_a_score_told_of_oneself_with_a_question_starts_the_check_in(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "I don't have any weakness or tingling. pain is about 3/10 for a week. any stretches?"
    tracker = make_tracker(
        text=text,
        intent="nlu_fallback",
        ranking=[("home_exercise_stretching", 0.9)],
        events=[user(text)],
    )
    tracker.latest_message["intent_ranking"] = [{"name": "faq"}]
    events = decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert FollowupAction("symptom_checkin_form") in events
    assert "utter_cannot_answer" not in responses(dispatcher)


async def test_a_young_age_told_after_the_child_or_adult_reply_gets_the_child_reply(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    from actions.unclear import ActionUnclear

    tracker = after("utter_scope_child_or_adult", text="he's 9")
    assert await ActionUnclear().run(dispatcher, tracker, domain) == []
    assert responses(dispatcher) == ["utter_scope_child"]


async def test_both_naming_two_conditions_answers_what_each_is(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "Both, please: spinal stenosis and osteoarthritis."
    tracker = after("utter_did_you_mean", text=text)
    tracker.latest_message["entities"] = [
        {"entity": "condition", "value": "spinal_stenosis", "start": text.index("spinal")},
        {"entity": "condition", "value": "osteoarthritis", "start": text.index("osteo")},
    ]
    events = decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert responses(dispatcher) == ["utter_faq/spinal_stenosis", "utter_faq/osteoarthritis"]
    assert events == [SlotSet("last_faq_key", "osteoarthritis")]


async def test_a_goodbye_said_last_after_a_complaint_is_a_goodbye(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "i didnt correct anything? anyway no, not now, bye"
    tracker = after("utter_offer_booking", text=text)
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == []
    assert responses(dispatcher) == ["utter_goodbye"]


async def test_which_symptoms_mean_not_to_wait_gets_the_warning_signs(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after(
        "utter_faq/when_to_see_specialist",
        text="no I mean emergencies. what symptoms mean I shouldn't wait?",
    )
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == []
    assert responses(dispatcher) == ["utter_warning_signs"]


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("can you explain in simpler words", ["utter_in_other_words"]),
        ("i dont understand", ["utter_in_other_words"]),
    ],
)
async def test_simpler_words_asked_after_an_answer_get_the_team(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, reply: list[str]
) -> None:
    tracker = after("utter_faq/sciatica", text=text, last_faq_key="sciatica")
    assert decline(dispatcher, tracker, domain, "utter_cannot_answer") == []
    assert responses(dispatcher) == reply


def test_how_long_it_takes_after_the_medicine_reply_is_no_medicine_question() -> None:
    from actions.unclear import medicine_reply_still_about

    tracker = after(
        "utter_scope_medicine_use", text="how long does this kind of thing usually take to go away"
    )
    assert medicine_reply_still_about(tracker) is None
    again = after("utter_scope_medicine_use", text="can I take 2 instead?")
    assert medicine_reply_still_about(again) == "utter_scope_medicine_use"


async def test_an_activity_asked_about_that_nothing_else_answered_gets_the_exercise_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "I walk to the shops each day with my stick. Is walking good for this or should I stop?"
    tracker = after("utter_emergency_only_asked", text=text)
    decline(dispatcher, tracker, domain, "utter_cannot_answer")
    said = responses(dispatcher)
    assert said[0] == "utter_activity_not_covered", said
    assert said[1].startswith("utter_faq/"), said


def test_a_topic_the_guide_leaves_out_is_said_beside_the_answer_found() -> None:
    dispatcher = CollectingDispatcher()
    dispatcher.utter_message(response="utter_faq/exercise_benefits")
    answer_other_questions(dispatcher, after(text="can losing weight help my sciatica"))
    assert responses(dispatcher) == ["utter_faq/exercise_benefits", "utter_topic_not_covered"]
    assert dispatcher.messages[-1]["topic"] == "weight and diet"


def test_a_topic_left_out_is_not_said_twice() -> None:
    dispatcher = CollectingDispatcher()
    dispatcher.utter_message(response="utter_topic_not_covered", topic="weight and diet")
    answer_other_questions(dispatcher, after(text="can losing weight help my sciatica"))
    assert responses(dispatcher) == ["utter_topic_not_covered"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("oh sorry I meant osteoarthritis", ["utter_faq/osteoarthritis"]),
        ("osteoarthritis", ["utter_cannot_answer"]),
    ],
)
async def test_a_correction_naming_a_condition_gets_its_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, expected: list[str]
) -> None:
    tracker = after(text=text)
    start = text.index("osteoarthritis")
    tracker.latest_message["entities"] = [
        {"entity": "condition", "value": "osteoarthritis", "start": start, "end": start + 14}
    ]
    decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert responses(dispatcher)[:1] == expected


@pytest.mark.parametrize(
    ("before", "text", "booked"),
    [
        ("utter_faq/specialist_consultation", "sounds good. thursday?", True),
        ("utter_offer_booking", "tues morning?", True),
        ("utter_faq/specialist_consultation", "what would they do on thursday?", False),
        ("utter_faq/sciatica", "sounds good. thursday?", False),
    ],
)
async def test_a_day_asked_after_a_consultation_was_suggested_is_the_booking(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    before: str,
    text: str,
    booked: bool,
) -> None:
    events = await ActionUnclear().run(dispatcher, after(before, text=text), domain)
    assert (FollowupAction("booking_form") in events) is booked


async def test_whether_to_work_tomorrow_after_the_booking_offer_is_not_a_booking(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after("utter_self_care", "utter_offer_booking", text="so work tomorrow yes or no")
    events = await ActionUnclear().run(dispatcher, tracker, domain)
    assert FollowupAction("booking_form") not in events
    assert "utter_start_booking" not in responses(dispatcher)


@pytest.mark.parametrize(
    ("text", "answered"), [("now", True), ("right now pls", True), ("no", False)]
)
async def test_now_right_after_the_clinics_details_says_when_someone_answers(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, answered: bool
) -> None:
    await ActionUnclear().run(dispatcher, after("utter_contact", text=text), domain)
    assert ("utter_person_now" in responses(dispatcher)) is answered


@pytest.mark.parametrize(("outcome", "redecided"), [("self_care", True), ("consult", False)])
async def test_a_nerve_symptom_told_some_answers_after_self_care_changes_the_result(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], outcome: str, redecided: bool
) -> None:
    text = (
        "actually wait, i just noticed my left foot feels a bit tingly since yesterday. "
        "does that change anything?"
    )
    tracker = after(
        "utter_faq/otc_medication",
        text=text,
        triage_outcome=outcome,
        pain_duration_days=4,
        pain_severity=3,
        nerve_symptoms={"numbness": False, "tingling": False, "weakness": False},
    )
    events = decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert (FollowupAction("action_triage_decision") in events) is redecided
    if redecided:
        [symptoms] = [e for e in events if e.get("name") == "nerve_symptoms"]
        assert symptoms["value"]["tingling"]


async def test_a_covered_topic_weighed_against_surgery_is_answered_and_surgery_is_not(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "maybe later. would physio help or do i need surgery?"
    decline(dispatcher, after("utter_consultation_recommended", text=text), domain, "x")
    assert responses(dispatcher)[:2] == ["utter_faq/physical_therapy", "utter_topic_not_covered"]


async def test_a_covered_condition_asked_about_with_surgery_gets_its_answer_and_surgery_not(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "Does a herniated disc always need surgery?"
    tracker = make_tracker(text=text, intent="out_of_scope", events=[user(text)])
    tracker.latest_message["entities"] = [
        {"entity": "condition", "value": "herniated_disc", "start": 7, "end": 22}
    ]
    decline(dispatcher, tracker, domain, "utter_not_covered")
    assert responses(dispatcher)[:2] == ["utter_faq/herniated_disc", "utter_topic_not_covered"]


async def test_surgery_asked_about_alone_gets_no_other_topics_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "do i need surgery?"
    decline(dispatcher, after("utter_consultation_recommended", text=text), domain, "x")
    assert not [r for r in responses(dispatcher) if r.startswith("utter_faq/")]


def test_a_symptom_asked_about_again_is_no_correction_when_the_slot_holds_its_word() -> None:
    from actions.unclear import checkin_corrections

    told = {"numbness": False, "tingling": True, "weakness": False, "locations": ["leg"]}
    text = "and the tingling in my calf, should i be scared of that?"
    tracker = make_tracker(
        text=text,
        intent="describe_own_pain",
        slots={"nerve_symptoms": "tingling"},  # the entity mapping's word, this turn
        events=[
            {"event": "slot", "name": "nerve_symptoms", "value": told},
            {"event": "user", "text": text},
            {"event": "slot", "name": "nerve_symptoms", "value": "tingling"},
        ],
    )
    assert checkin_corrections(tracker, text) == []


async def test_a_medicine_the_guide_does_not_name_gets_that_said_and_the_prescription_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after("utter_faq/otc_medication", text="what about codeine, can i get that from you")
    decline(dispatcher, tracker, domain, "utter_default")
    assert responses(dispatcher)[:2] == [
        "utter_medicine_not_named",
        "utter_faq/prescription_medication",
    ]


def test_how_long_before_being_seen_is_not_said_to_be_beyond_the_guide() -> None:
    dispatcher = CollectingDispatcher()
    dispatcher.utter_message(response="utter_faq/when_to_see_specialist")
    text = "how long should back pain last before I see a specialist"
    answer_other_questions(dispatcher, after(text=text))
    assert responses(dispatcher) == ["utter_faq/when_to_see_specialist"]


@pytest.mark.parametrize(
    ("before", "said"),
    [("utter_faq/home_exercise_stretching", True), ("utter_faq/sciatica", False)],
)
async def test_which_ones_after_the_stretching_answer_says_the_guide_names_none(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], before: str, said: bool
) -> None:
    decline(dispatcher, after(before, text="which ones?"), domain, "utter_default")
    assert ("utter_topic_not_covered" in responses(dispatcher)) is said


async def test_what_if_it_is_still_this_bad_next_week_gets_when_to_be_seen(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "and if by next week it's still this bad?"
    decline(dispatcher, after("utter_self_care", text=text), domain, "utter_default")
    assert responses(dispatcher)[:1] == ["utter_faq/when_to_see_specialist"]


@pytest.mark.parametrize(("started", "carries_on"), [(True, True), (False, False)])
async def test_carrying_on_a_checkin_left_unfinished_starts_it_again(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], started: bool, carries_on: bool
) -> None:
    text = "like i said, carry on with the questions. no numbness or tingling btw"
    events: list[dict[str, Any]] = [
        *([{"event": "active_loop", "name": "symptom_checkin_form"}] if started else []),
        {"event": "active_loop", "name": None},
        {"event": "user", "text": "yes I'm safe"},
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_crisis_safe"}},
        {"event": "user", "text": text},
    ]
    tracker = make_tracker(
        text=text, intent="nlu_fallback", slots={"pain_duration_days": 90}, events=events
    )
    result = decline(dispatcher, tracker, domain, "utter_default")
    assert (FollowupAction("symptom_checkin_form") in result) is carries_on


async def test_a_supplement_for_a_named_condition_is_not_the_prescription_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "Is glucosamine worth taking for osteoarthritis?"
    tracker = after(text=text)
    start = text.index("osteoarthritis")
    tracker.latest_message["entities"] = [
        {"entity": "condition", "value": "osteoarthritis", "start": start, "end": start + 14}
    ]
    decline(dispatcher, tracker, domain, "utter_default")
    assert "utter_faq/prescription_medication" not in responses(dispatcher)


@pytest.mark.parametrize(
    "text",
    ["its about a 6, worse first thing in the morning", "I do get some tingling in my foot"],
)
async def test_more_of_the_story_after_seeing_a_specialist_was_advised_starts_the_checkin(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str
) -> None:
    tracker = after("utter_criterion_met_offer", text=text)
    events = decline(dispatcher, tracker, domain, "utter_default")
    assert responses(dispatcher) == ["utter_start_checkin"]
    assert events == [FollowupAction("symptom_checkin_form")]


async def test_why_the_pain_is_worse_is_not_asked_of_the_checkins_result(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after("utter_consultation_recommended", text="why is it worse in the mornings tho")
    decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert "utter_why_consultation" not in responses(dispatcher)


async def test_whether_a_named_condition_can_bring_a_warning_sign_gets_both(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "can a slipped disc ever affect your bladder?"
    tracker = make_tracker(text=text, intent="nlu_fallback", events=[user(text)])
    tracker.latest_message["entities"] = [
        {"entity": "condition", "value": "herniated_disc", "start": 6, "end": 18}
    ]
    await ActionUnclear().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/herniated_disc", "utter_warning_signs"]


async def test_how_to_know_if_one_has_the_condition_just_answered_gets_who_can_say(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = after(
        "utter_faq/sciatica", text="how do I know if I have it?", last_faq_key="sciatica"
    )
    events = decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert responses(dispatcher) == ["utter_cannot_diagnose", "utter_faq/symptoms_to_report"]
    assert events == [SlotSet("last_faq_key", "symptoms_to_report")]


async def test_whether_it_is_serious_and_a_condition_after_the_result_gets_both(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "It is dangerous? Maybe it is hernia of disc like my brother have?"
    tracker = after("utter_consultation_recommended", text=text)
    tracker.latest_message["entities"] = [
        {"entity": "condition", "value": "herniated_disc", "start": 35, "end": 48}
    ]
    decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert responses(dispatcher) == [
        "utter_urgency_advice",
        "utter_cannot_diagnose",
        "utter_faq/herniated_disc",
    ]


async def test_thanks_with_a_symptom_denied_after_an_answer_is_thanks(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "good to know, no numbness or anything like that for me. thanks!"
    events = decline(dispatcher, after("utter_faq/symptoms_to_report", text=text), domain, "x")
    assert FollowupAction("symptom_checkin_form") not in events
    assert responses(dispatcher) == ["utter_you_are_welcome"]


async def test_how_to_change_the_booking_later_gets_what_happens_next(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "If I must change this later, how I do it?"
    tracker = after(
        "utter_booked",
        text=text,
        booking_outcome="booked",
        booking_reference="JPC-KSRJCX",
        booking_time_text="Thursday 17 December at 9:30am",
    )
    decline(dispatcher, tracker, domain, "utter_cannot_answer")
    assert responses(dispatcher) == ["utter_next_steps_booked"]


async def test_no_other_reference_after_it_found_nothing_twice_gets_the_team(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "i dont have any other ref, thats what the email said"
    tracker = after("utter_appointment_not_found_again", text=text)
    assert decline(dispatcher, tracker, domain, "utter_default") == []
    assert responses(dispatcher) == ["utter_no_reference"]
