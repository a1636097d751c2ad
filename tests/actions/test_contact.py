"""Giving the clinic's contact details, and what happens when the contact file cannot be read."""

import re
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk.events import ActiveLoop, FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.contact import ActionContact, contact_details, give_contact
from tests.actions.conftest import make_tracker

DETAILS = {
    "phone": "020 7946 0999",
    "hours": "9am to 5pm",
    "address": "1 Test Lane, London",
    "emergency_number": "999",  # the default when the file names none
}
# Every response give_contact is asked to say.
CONTACT_RESPONSES = [
    "utter_contact",
    "utter_offer_contact",
    "utter_form_way_out",
    "utter_clinic_info",
    "utter_reference_needed",
    "utter_contact_in_emergency",
]


@pytest.fixture(autouse=True)
def contact_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    path = tmp_path / "contact.yml"
    path.write_text(
        "# staff edit this\n"
        'phone: " 020 7946 0999 "\n'
        'hours: "9am to 5pm"\n'
        'address: "1 Test Lane, London"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("CLINIC_CONTACT_FILE", str(path))
    return path


BROKEN = {
    "missing": None,
    "no address": 'phone: "020 7946 0999"\nhours: "9am to 5pm"\n',
    "empty phone": 'phone: "  "\nhours: "9am to 5pm"\naddress: "1 Test Lane"\n',
    "a number, not text": 'phone: 2079460999\nhours: "9am to 5pm"\naddress: "1 Test Lane"\n',
    "not YAML": "phone: [unclosed\n",
    "a list": "- 020 7946 0999\n",
}


@pytest.fixture(params=sorted(BROKEN))
def broken_contact_file(request: pytest.FixtureRequest, contact_file: Path) -> Path:
    content = BROKEN[request.param]
    if content is None:
        contact_file.unlink()
    else:
        contact_file.write_text(content, encoding="utf-8")
    return contact_file


def placeholders(domain: dict[str, Any], response: str) -> set[str]:
    return {
        name
        for variant in domain["responses"][response]
        for name in re.findall(r"{(\w+)}", variant.get("text") or "")
    }


def test_the_details_are_read_from_the_contact_file() -> None:
    assert contact_details() == DETAILS


def test_the_clinic_s_own_contact_file_is_complete(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLINIC_CONTACT_FILE")
    details = contact_details()
    assert sorted(details) == ["address", "emergency_number", "hours", "out_of_hours", "phone"]
    assert all(details.values())


def test_a_contact_file_that_cannot_be_read_gives_no_details(broken_contact_file: Path) -> None:
    assert contact_details() == {}


@pytest.mark.parametrize("response", CONTACT_RESPONSES)
def test_the_details_fill_every_placeholder_of_the_contact_responses(
    domain: dict[str, Any], dispatcher: CollectingDispatcher, response: str
) -> None:
    give_contact(dispatcher, response)
    [message] = dispatcher.messages
    assert message["response"] == response
    assert placeholders(domain, response) <= set(message)
    assert {name: message[name] for name in DETAILS} == DETAILS


@pytest.mark.parametrize("response", CONTACT_RESPONSES)
def test_without_details_the_patient_is_pointed_to_the_website(
    dispatcher: CollectingDispatcher, broken_contact_file: Path, response: str
) -> None:
    give_contact(dispatcher, response)
    assert dispatcher.messages == [
        {
            "text": None,
            "buttons": [],
            "elements": [],
            "custom": {},
            "template": "utter_contact_unavailable",
            "response": "utter_contact_unavailable",
            "image": None,
            "attachment": None,
        }
    ]


async def test_asking_for_a_person_gives_the_details(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(text="can I talk to a person", intent="request_human")
    assert await ActionContact().run(dispatcher, tracker, domain) == []
    [message] = dispatcher.messages
    assert message["response"] == "utter_contact"
    assert {name: message[name] for name in DETAILS} == DETAILS


async def test_when_the_team_will_ring_after_a_call_back_is_arranged_says_it_stands(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="Thank you dear. Roughly when will they ring, do you know?",
        intent="ask_clinic_info",
        slots={"callback_outcome": "saved", "booking_reference": "JPC-YM7KS3"},
    )
    assert await ActionContact().run(dispatcher, tracker, domain) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_callback_already"]


async def test_a_new_number_after_a_call_back_is_arranged_goes_to_the_request(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="you cant call an email lol. number is 07700 900733. after 5 only",
        intent="request_human",
        slots={"callback_outcome": "saved", "patient_contact": "sam@example.com"},
    )
    events = await ActionContact().run(dispatcher, tracker, domain)
    assert events == [FollowupAction("action_request_callback")]
    assert dispatcher.messages == []


async def test_a_complaint_gets_an_apology_with_the_details(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "waiting 3 weeks for a call back, this is ridiculous, can I speak to a person"
    tracker = make_tracker(text=text, intent="request_human")
    assert await ActionContact().run(dispatcher, tracker, domain) == []
    [message] = dispatcher.messages
    assert message["response"] == "utter_sorry_for_the_trouble"
    assert message["phone"] == DETAILS["phone"]


async def test_rather_phoning_while_booking_leaves_the_booking(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="actually whats your phone number, id rather just ring",
        intent="request_human",
        active_loop="booking_form",
    )
    events = await ActionContact().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_contact",
        "utter_stopped_booking",
    ]
    assert ActiveLoop(None) in events
    assert FollowupAction("action_listen") in events


async def test_asking_for_the_number_while_booking_keeps_the_booking(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="whats your phone number?", intent="request_human", active_loop="booking_form"
    )
    assert await ActionContact().run(dispatcher, tracker, domain) == []


async def test_asking_for_a_person_without_a_contact_file(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], broken_contact_file: Path
) -> None:
    tracker = make_tracker(text="can I talk to a person", intent="request_human")
    assert await ActionContact().run(dispatcher, tracker, domain) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_contact_unavailable"]


@pytest.mark.parametrize(
    ("intent", "response"),
    [("request_human", "utter_contact"), ("ask_clinic_info", "utter_clinic_info")],
)
async def test_a_question_about_the_clinic_is_pointed_to_its_team(
    domain: dict[str, Any], intent: str, response: str
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="do you do massages?", intent=intent)
    await ActionContact().run(dispatcher, tracker, domain)
    assert dispatcher.messages == [{**dispatcher.messages[0], "response": response, **DETAILS}]


async def test_asked_for_an_out_of_hours_number_the_patient_hears_where_to_turn(
    domain: dict[str, Any], contact_file: Path
) -> None:
    contact_file.write_text(
        contact_file.read_text(encoding="utf-8")
        + 'out_of_hours: "Call NHS 111 when we are closed."\n',
        encoding="utf-8",
    )
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="is there an out of hours number?", intent="request_human")
    await ActionContact().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["response"] == "utter_contact_out_of_hours"
    assert message["out_of_hours"] == "Call NHS 111 when we are closed."
    assert placeholders(domain, "utter_contact_out_of_hours") <= set(message)


async def test_without_out_of_hours_advice_the_details_are_given(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(text="is there an out of hours number?", intent="request_human")
    await ActionContact().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_contact"]


async def test_a_question_about_the_clinic_with_a_request_to_book_starts_the_booking(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "id like to book for my father please, he's 84. is there step-free access?"
    tracker = make_tracker(text=text, intent="ask_clinic_info")
    events = await ActionContact().run(dispatcher, tracker, domain)
    assert [message["response"] for message in dispatcher.messages] == [
        "utter_clinic_info",
        "utter_start_booking",
    ]
    assert events == [FollowupAction("booking_form")]


async def test_a_booking_asked_for_beside_a_scope_question_is_left_to_the_team(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "can i book in for a hip injection? how much is it"
    tracker = make_tracker(text=text, intent="ask_clinic_info")
    tracker.latest_message["scope"] = "other_joint"
    assert await ActionContact().run(dispatcher, tracker, domain) == []


async def test_a_long_message_with_a_question_for_the_team_is_answered_in_full(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "hi, long story sorry. this time its been about 2 months. the pain goes from my lower "
        "back down my left leg, and sometimes my toes feel tingly. A doctor friend used the "
        "word stenosis. What does stenosis mean and can you help me?"
    )
    tracker = make_tracker(text=text, intent="ask_clinic_info")
    tracker.latest_message["question_answers"] = [{"faq_key": "spinal_stenosis", "confidence": 0.8}]
    events = await ActionContact().run(dispatcher, tracker, domain)
    said = [message["response"] for message in dispatcher.messages]
    assert said == ["utter_clinic_info", "utter_faq/spinal_stenosis", "utter_start_checkin"]
    assert FollowupAction("symptom_checkin_form") in events


async def test_a_question_for_the_guide_beside_one_for_the_team_is_answered_too(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "how much does a physio session cost with you and does PT help disc problems?"
    tracker = make_tracker(text=text, intent="ask_clinic_info")
    answers = [{"faq_key": "physical_therapy", "confidence": 0.9}]
    tracker.latest_message["question_answers"] = answers
    tracker.latest_message["other_questions"] = ["ask_clinic_info"]
    await ActionContact().run(dispatcher, tracker, domain)
    said = [message["response"] for message in dispatcher.messages]
    # The team's details once, not again after the answer.
    assert said == ["utter_clinic_info", "utter_faq/physical_therapy"]


async def test_the_details_asked_for_while_arranging_a_call_back_leave_out_the_offer_of_one(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="what are your opening hours", intent="ask_clinic_info", active_loop="callback_form"
    )
    await ActionContact().run(dispatcher, tracker, domain)
    assert [message["response"] for message in dispatcher.messages] == ["utter_contact_details"]


async def test_a_worry_in_a_long_message_for_the_team_gets_its_reply_too(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "hi there, im 52 and my back has been sore for about 6 weeks, maybe 4/10. i googled it "
        "and got convinced its a tumour because my dad had cancer. could it be cancer? and how "
        "much does a consultation cost?"
    )
    tracker = make_tracker(text=text, intent="ask_clinic_info")
    tracker.latest_message["scope"] = "fear_of_serious_illness"
    await ActionContact().run(dispatcher, tracker, domain)
    said = [message["response"] for message in dispatcher.messages]
    assert said[:2] == ["utter_clinic_info", "utter_scope_fear_of_serious_illness"]
    assert said[-1] == "utter_start_checkin"


async def test_whether_to_be_seen_read_as_a_question_for_the_team_says_yes_from_the_answers(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="wait so do i need 2 see sum1 or not?? the pins n needles r still there",
        intent="ask_clinic_info",
        slots={"nerve_symptoms": {"numbness": False, "tingling": True, "weakness": False}},
    )
    assert await ActionContact().run(dispatcher, tracker, domain) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_criterion_met_offer"]
    # Nothing told that meets a criterion: the team's details, as before.
    plain = CollectingDispatcher()
    nothing = make_tracker(text="do i need to see someone?", intent="ask_clinic_info")
    await ActionContact().run(plain, nothing, domain)
    assert [m["response"] for m in plain.messages] == ["utter_clinic_info"]


async def test_when_to_be_seen_asked_beside_the_cost_gets_the_guides_answer_too(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "How much does a consultation cost and when should I get one for back pain?"
    tracker = make_tracker(text=text, intent="ask_clinic_info")
    await ActionContact().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_clinic_info",
        "utter_faq/when_to_see_specialist",
    ]
