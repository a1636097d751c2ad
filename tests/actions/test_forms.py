"""A form's reply to an answer it cannot use: a kind re-ask, then a way out."""

import re
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.forms import (
    UNKNOWN_CONTACT,
    ActionAnswerBesideStop,
    ActionDeclineBooking,
    ActionNothingToStop,
    answer_clear_question,
    reject,
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


def bot(utter_action: str) -> dict[str, Any]:
    return {"event": "bot", "text": "...", "data": {}, "metadata": {"utter_action": utter_action}}


def after(*replies: str, before: tuple[str, ...] = ()) -> Tracker:
    """The patient's latest answer, after `replies` to the answer before it."""
    events = [user("first"), *map(bot, before), user("second"), *map(bot, replies), user("third")]
    return make_tracker(text="third", events=events, active_loop="booking_form")


def wrong_responses(domain: dict[str, Any]) -> list[str]:
    return sorted(name for name in domain["responses"] if name.startswith("utter_wrong_"))


def placeholders(domain: dict[str, Any], response: str) -> set[str]:
    return {
        name
        for variant in domain["responses"][response]
        for name in re.findall(r"{(\w+)}", variant.get("text") or "")
    }


@pytest.mark.parametrize(
    "tracker",
    [
        after(),
        after("utter_wrong_patient_contact"),  # another question's re-ask
        after("utter_ask_patient_name", before=("utter_wrong_patient_name",)),  # not just before
        make_tracker(text="only message", events=[user("only message")]),
    ],
)
def test_the_first_unusable_answer_is_asked_again(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> None:
    assert reject(dispatcher, tracker, "patient_name") == {"patient_name": None}
    [message] = dispatcher.messages
    assert message["response"] == "utter_wrong_patient_name"
    assert {name: message[name] for name in DETAILS} == DETAILS


def test_a_second_unusable_answer_in_a_row_gets_a_way_out(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = after("utter_wrong_patient_name", "utter_ask_patient_name")
    assert reject(dispatcher, tracker, "patient_name") == {"patient_name": None}
    [message] = dispatcher.messages
    assert message["response"] == "utter_form_way_out"
    assert {name: message[name] for name in DETAILS} == DETAILS


def test_without_a_contact_file_the_re_ask_points_to_the_website(
    dispatcher: CollectingDispatcher, contact_file: Path
) -> None:
    contact_file.unlink()
    assert reject(dispatcher, after(), "patient_name") == {"patient_name": None}
    [message] = dispatcher.messages
    assert message["response"] == "utter_wrong_patient_name"
    # Never a raw "{phone}" in a re-ask that names the clinic's number.
    assert {name: message[name] for name in DETAILS} == UNKNOWN_CONTACT


def test_without_a_contact_file_the_way_out_points_to_the_website(
    dispatcher: CollectingDispatcher, contact_file: Path
) -> None:
    contact_file.unlink()
    tracker = after("utter_wrong_patient_name", "utter_ask_patient_name")
    assert reject(dispatcher, tracker, "patient_name") == {"patient_name": None}
    assert [m["response"] for m in dispatcher.messages] == ["utter_contact_unavailable"]


def test_every_re_ask_in_the_domain_is_filled(domain: dict[str, Any]) -> None:
    """Each utter_wrong_<slot> names only the clinic's details, which reject always passes."""
    for response in wrong_responses(domain):
        dispatcher = CollectingDispatcher()
        reject(dispatcher, after(), response.removeprefix("utter_wrong_"))
        [message] = dispatcher.messages
        assert placeholders(domain, response) <= set(message), response


def test_a_re_ask_that_names_the_phone_is_filled_without_a_contact_file(
    domain: dict[str, Any], contact_file: Path
) -> None:
    contact_file.unlink()
    needing = [r for r in wrong_responses(domain) if placeholders(domain, r)]
    assert needing  # utter_wrong_manage_reference and utter_wrong_manage_identity
    for response in needing:
        dispatcher = CollectingDispatcher()
        reject(dispatcher, after(), response.removeprefix("utter_wrong_"))
        for message in dispatcher.messages:
            assert placeholders(domain, message["response"]) <= set(message), response


def test_a_follow_up_to_an_answer_given_mid_form_is_answered_not_refused(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    from tests.actions.conftest import make_tracker

    events: list[dict[str, Any]] = [
        {"event": "user", "text": "meds?"},
        {"event": "bot", "metadata": {"utter_action": "utter_faq/sciatica"}},
        {"event": "bot", "metadata": {"utter_action": "utter_ask_pain_duration_days"}},
        {"event": "user", "text": "what about chores"},
    ]
    tracker = make_tracker(
        text="what about chores", slots={"last_faq_key": "sciatica"}, events=events
    )
    result = reject(dispatcher, tracker, "pain_duration_days", domain)
    assert result == {"pain_duration_days": None, "last_faq_key": "daily_function"}
    assert [m["response"] for m in dispatcher.messages] == ["utter_faq/daily_function"]


def test_a_question_one_answer_clearly_fits_is_answered_mid_form(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="is yoga ok?",
        intent="inform",
        ranking=[("home_exercise_stretching", 0.8), ("exercise_benefits", 0.1)],
        events=[user("is yoga ok?")],
        active_loop="symptom_checkin_form",
    )
    result = reject(dispatcher, tracker, "pain_duration_days", domain)
    assert result == {"pain_duration_days": None, "last_faq_key": "home_exercise_stretching"}
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_activity_not_covered",  # yoga, which the guide does not name
        "utter_faq/home_exercise_stretching",
    ]


@pytest.mark.parametrize(
    ("text", "ranking"),
    [
        ("about three weeks", [("home_exercise_stretching", 0.8)]),  # not a question
        ("is yoga ok?", [("home_exercise_stretching", 0.3), ("exercise_benefits", 0.25)]),
    ],
)
def test_an_answer_or_an_unclear_question_is_asked_again(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    text: str,
    ranking: list[tuple[str, float]],
) -> None:
    tracker = make_tracker(text=text, intent="inform", ranking=ranking, events=[user(text)])
    assert reject(dispatcher, tracker, "pain_duration_days", domain) == {"pain_duration_days": None}
    assert [m["response"] for m in dispatcher.messages] == ["utter_wrong_pain_duration_days"]


async def test_a_stop_with_nothing_to_stop_answers_the_question_said_with_it(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="stop. can i do deadlifts with a herniated disc",
        intent="stop",
        ranking=[("strength_training", 0.85), ("herniated_disc", 0.05)],
    )
    events = await ActionNothingToStop().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_activity_not_covered",  # deadlifts, which the guide does not name
        "utter_faq/strength_training",
    ]
    assert events == [SlotSet("last_faq_key", "strength_training")]


async def test_a_bare_stop_with_nothing_to_stop_offers_more_help(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="stop", intent="stop")
    assert await ActionNothingToStop().run(dispatcher, tracker, domain) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_anything_else"]


async def test_leaving_it_for_now_is_not_read_as_a_question(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="ok cool thx ill leave it for now",
        intent="stop",
        ranking=[("otc_medication", 0.85)],
    )
    assert await ActionNothingToStop().run(dispatcher, tracker, domain) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_anything_else"]


async def test_no_pain_with_a_question_the_guide_does_not_answer_says_so(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    text = "is it normal for my back to click when i bend over? it doesnt hurt"
    tracker = make_tracker(text=text, intent="stop")
    assert await ActionNothingToStop().run(dispatcher, tracker, domain) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_not_covered"]


async def test_a_stop_with_a_question_about_the_clinic_gets_its_details(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    text = "i dont have pain right now lol, i asked about your opening hours"
    tracker = make_tracker(text=text, intent="stop")
    assert await ActionNothingToStop().run(dispatcher, tracker, domain) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_contact"]


async def test_leaving_a_booking_with_a_question_answers_it(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    text = "i didnt ask to book yet. what are your opening hours"
    tracker = make_tracker(text=text, intent="stop")
    assert await ActionAnswerBesideStop().run(dispatcher, tracker, domain) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_contact"]


async def test_leaving_a_booking_with_a_bare_stop_adds_nothing(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="stop", intent="stop")
    assert await ActionAnswerBesideStop().run(dispatcher, tracker, domain) == []
    assert dispatcher.messages == []


def _after_the_offer(text: str) -> Any:
    events: list[dict[str, Any]] = [
        {"event": "user", "text": "no"},
        {
            "event": "bot",
            "text": "...",
            "metadata": {"utter_action": "utter_consultation_recommended"},
        },
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_offer_booking"}},
        {"event": "user", "text": text},
    ]
    return make_tracker(text=text, intent="deny", events=events)


async def test_a_no_to_the_booking_offer_is_respected(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    assert await ActionDeclineBooking().run(dispatcher, _after_the_offer("no thanks"), domain) == [
        # the wait for the patient's next message, also when it runs after another reply
        FollowupAction("action_listen")
    ]
    assert [m["response"] for m in dispatcher.messages] == ["utter_no_booking"]


async def test_a_question_said_with_the_no_is_answered_too(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    tracker = _after_the_offer("no its ok. can i still go to work?")
    await ActionDeclineBooking().run(dispatcher, tracker, domain)
    said = [m["response"] for m in dispatcher.messages]
    assert said[0] == "utter_no_booking" and len(said) == 2


async def test_a_medicine_question_said_with_the_no_gets_its_scope_reply(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    text = "not now. my mum takes naproxen for her hip, and how many can i take a day?"
    await ActionDeclineBooking().run(dispatcher, _after_the_offer(text), domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_no_booking",
        "utter_scope_medicine_use",
    ]


async def test_leaving_a_booking_to_be_checked_first_starts_the_check_in(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    text = "no im not booking yet!! i want you to check my symptoms first"
    tracker = make_tracker(text=text, intent="stop")
    events = await ActionAnswerBesideStop().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_start_checkin"]
    assert events == [FollowupAction("symptom_checkin_form")]


@pytest.mark.parametrize(
    ("text", "intent", "said"),
    [
        ("will i need surgery?", "out_of_scope", ["utter_not_covered"]),
        # the question beyond the guide, with a story after it
        (
            "can i keep working? im a delivery driver, in and out the van all day",
            "faq",
            ["utter_not_covered"],
        ),
        # the team's question is left to the team's reply
        ("how much does it cost?", "ask_clinic_info", []),
    ],
)
def test_a_question_beyond_the_guide_in_a_form_is_said_to_be_so(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    text: str,
    intent: str,
    said: list[str],
) -> None:
    tracker = make_tracker(
        text=text,
        intent=intent,
        ranking=[("when_to_see_specialist", 0.9)],
        active_loop="symptom_checkin_form",
    )
    answered = answer_clear_question(dispatcher, tracker, domain)
    assert [message["response"] for message in dispatcher.messages][: len(said)] == said
    if said:
        assert answered == {}


@pytest.mark.parametrize(
    ("last", "text", "said"),
    [
        ("back_pain_causes", "what can i do about it", "utter_faq/treatment_options"),
        ("sciatica", "any exercises for it?", "utter_faq/home_exercise_stretching"),
    ],
)
def test_a_follow_up_to_the_answer_before_the_form_is_answered_in_it(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], last: str, text: str, said: str
) -> None:
    tracker = make_tracker(
        text=text,
        intent="ask_followup",
        slots={"last_faq_key": last, "requested_slot": "pain_duration_days"},
        active_loop="symptom_checkin_form",
    )
    answered = answer_clear_question(dispatcher, tracker, domain)
    assert [message["response"] for message in dispatcher.messages] == [said]
    assert answered == {"last_faq_key": said.removeprefix("utter_faq/")}


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("like 10 days, btw what are your opening hours?", "utter_contact"),
        ("no nothing like that. do i need a letter from my GP to come?", "utter_clinic_info"),
        (
            "can i take ibuprofen with my blood pressure tablets till then?",
            "utter_scope_medicine_use",
        ),
    ],
)
def test_a_question_for_the_team_or_a_pharmacist_is_not_given_the_nearest_faq(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, reply: str
) -> None:
    tracker = make_tracker(
        text=text,
        intent="inform",
        ranking=[("when_to_see_specialist", 0.9)],
        events=[user(text)],
        active_loop="symptom_checkin_form",
    )
    assert answer_clear_question(dispatcher, tracker, domain, asked=True) == {}
    assert [m["response"] for m in dispatcher.messages] == [reply]


def test_no_second_reply_when_the_message_had_one(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="is yoga ok?",
        intent="inform",
        ranking=[("home_exercise_stretching", 0.8)],
        events=[user("is yoga ok?")],
        active_loop="symptom_checkin_form",
    )
    assert reject(dispatcher, tracker, "pain_duration_days", domain, say_sorry=False) == {
        "pain_duration_days": None
    }
    assert dispatcher.messages == []


async def test_a_stop_that_says_goodbye_is_answered_with_one(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="ok forget it. bye", intent="stop")
    assert await ActionNothingToStop().run(dispatcher, tracker, domain) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_goodbye"]


@pytest.mark.parametrize(
    ("text", "books"),
    [
        ("stop. can i just book for the knee", True),
        ("stop, i don't want to book anything", False),
    ],
)
async def test_a_stop_of_the_checkin_that_asks_to_book_starts_the_booking(
    domain: dict[str, Any], text: str, books: bool
) -> None:
    dispatcher = CollectingDispatcher()
    stopped = {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_stopped_checkin"}}
    tracker = make_tracker(
        text=text, intent="stop", events=[{"event": "user", "text": text}, stopped]
    )
    events = await ActionAnswerBesideStop().run(dispatcher, tracker, domain)
    assert (FollowupAction("booking_form") in events) is books


def test_a_topic_asked_about_on_its_own_gets_its_answer(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    text = "maybe later. so what about medication??"
    ranking = [("home_exercise_stretching", 0.3), ("treatment_options", 0.28)]
    tracker = make_tracker(text=text, intent="stop", ranking=ranking)
    assert answer_clear_question(dispatcher, tracker, domain, asked=True) == {
        "last_faq_key": "otc_medication"
    }
    assert [m["response"] for m in dispatcher.messages] == ["utter_faq/otc_medication"]
