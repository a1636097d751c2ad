"""Cancelling, moving and checking a booking, against the local stand-in of the scheduling service.

Bookings are made through the real outbox first (delivered when the stand-in runs, pending
when it is down), or straight on the stand-in to play a booking another process made.
"""

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from unittest.mock import ANY
from zoneinfo import ZoneInfo

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from action_server.io.outbox import CANCELLED, BookingLookup
from action_server.io.scheduling_client import BookingRequest, new_booking_reference
from actions import booking, manage_booking
from actions.booking import booking_service
from actions.manage_booking import (
    ActionAskManageConfirmed,
    ActionManageBooking,
    ActionStartManageBooking,
    ValidateManageBookingForm,
    booked_here,
    changed_here,
    status_text,
)
from clinic.booking.preferences import describe_slot
from tests.action_server.io.conftest import make_client
from tests.action_server.io.fake_scheduling import TOKEN, FakeScheduling
from tests.actions.conftest import make_tracker

NOW = datetime(2030, 1, 1, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
FORM = ValidateManageBookingForm()
PHONE = "+447700900123"
EMAIL = "anne@example.com"
CLINIC_PHONE = "020 7946 0999"
CONTACT_FILE = f'phone: "{CLINIC_PHONE}"\nhours: "9am to 5pm"\naddress: "1 Test Lane"\n'
DOMAIN_SLOTS = ["manage_reference", "manage_identity", "manage_confirmed"]
CHECKED = ["manage_reference", "manage_identity"]
"""What is asked before anything but a cancellation: no yes is needed to look or to move."""


@pytest.fixture
def stand_in() -> Iterator[FakeScheduling]:
    """Not running yet: a test starts it, or leaves it down to play an outage."""
    fake = FakeScheduling()
    yield fake
    fake.stop()


@pytest.fixture
def running(stand_in: FakeScheduling) -> FakeScheduling:
    return stand_in.start()


@pytest.fixture(autouse=True)
def settings(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, stand_in: FakeScheduling
) -> Iterator[None]:
    """Point the actions at the stand-in, a fresh outbox and a known contact file; pin the clock."""
    contact = tmp_path / "contact.yml"
    contact.write_text(CONTACT_FILE, encoding="utf-8")
    monkeypatch.setenv("SCHEDULING_HOST", "127.0.0.1")
    monkeypatch.setenv("SCHEDULING_PORT", str(stand_in.port))
    monkeypatch.setenv("SCHEDULING_API_TOKEN", TOKEN)
    monkeypatch.setenv("SCHEDULING_RETRIES", "0")
    monkeypatch.setenv("SCHEDULING_TIMEOUT_S", "2")
    monkeypatch.setenv("OUTBOX_DATABASE_URL", f"sqlite:///{tmp_path / 'outbox.db'}")
    monkeypatch.setenv("CLINIC_TIMEZONE", "Europe/Paris")
    monkeypatch.setenv("PHONE_REGION", "GB")
    monkeypatch.setenv("CLINIC_CONTACT_FILE", str(contact))
    monkeypatch.setattr(booking, "clinic_now", lambda: NOW)
    monkeypatch.setattr(manage_booking, "clinic_now", lambda: NOW)
    booking_service.cache_clear()
    yield
    booking_service.cache_clear()


def request(
    slot_id: str = "slot-2",
    phone: str | None = PHONE,
    email: str | None = None,
    reference: str | None = None,
) -> BookingRequest:
    return BookingRequest(
        reference=reference or new_booking_reference(),
        slot_id=slot_id,
        name="Anne-Marie O'Brien",
        phone=phone,
        email=email,
        reason="Back pain",
        summary="Pain for 30 days.",
    )


async def book(
    slot_id: str = "slot-2",
    phone: str | None = PHONE,
    email: str | None = None,
    reference: str | None = None,
) -> str:
    """A booking made through the outbox: delivered if the stand-in runs, else pending."""
    made = request(slot_id, phone, email, reference)
    await booking_service().submit(made)
    return made.reference


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [message["response"] for message in dispatcher.messages]


def user(text: str) -> dict[str, Any]:
    return {"event": "user", "text": text, "metadata": {}}


def bot(utter_action: str) -> dict[str, Any]:
    return {"event": "bot", "text": "...", "data": {}, "metadata": {"utter_action": utter_action}}


def managing(text: str = "", intent: str = "inform", **slots: Any) -> Tracker:
    return make_tracker(text=text, intent=intent, slots=slots, active_loop="manage_booking_form")


# --- status_text ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "start", "text"),
    [
        (
            "booked",
            datetime(2030, 1, 7, 8, 30, tzinfo=timezone.utc),  # 9:30 in the clinic
            "Your appointment JPC-ABC234 is confirmed for Monday 7 January at 9:30am "
            "at 1 Test Lane.",
        ),
        (
            "pending",
            None,
            "Your request JPC-ABC234 is saved and waiting for our booking system. "
            "Our team will confirm it with you.",
        ),
        (
            "failed",
            None,
            "I'm sorry, the time you chose for JPC-ABC234 was taken before we could book it. "
            "Say 'book an appointment' and I'll find you another time.",
        ),
        (
            "cancelled",
            datetime(2030, 1, 7, 8, 30, tzinfo=timezone.utc),
            "Your appointment JPC-ABC234 (it was for Monday 7 January at 9:30am) was already "
            "cancelled before this chat; I haven't changed anything. Say 'book an appointment' "
            "if you'd like a new time.",
        ),
    ],
)
def test_the_status_is_said_in_a_sentence(status: str, start: datetime | None, text: str) -> None:
    assert status_text(BookingLookup("JPC-ABC234", status, start, ())) == text


def slot(name: str, value: Any) -> dict[str, Any]:
    return {"event": "slot", "name": name, "value": value}


MOVED_AND_CANCELLED = [
    slot("manage_reference", "JPC-AAA222"),
    slot("manage_outcome", "cancelled"),
    slot("booking_reference", "JPC-AAA222"),
    slot("manage_reference", "JPC-BBB333"),
    slot("manage_outcome", "reschedule"),
    slot("reschedule_from", "JPC-BBB333"),
    slot("booking_outcome", "rescheduled"),
    slot("booking_reference", "JPC-CCC444"),
    slot("reschedule_from", None),
    # A new booking afterwards moves nothing.
    slot("booking_outcome", "booked"),
    slot("booking_reference", "JPC-DDD555"),
]


def test_a_booking_cancelled_here_or_moved_away_from_says_so() -> None:
    changed = changed_here(make_tracker(events=MOVED_AND_CANCELLED))
    moved = status_text(BookingLookup("JPC-BBB333", "cancelled", None, ()), changed)
    assert moved == (
        "Your old appointment JPC-BBB333 was cancelled when you moved it. Your appointment "
        "now is JPC-CCC444: please use that reference from now on."
    )
    cancelled = status_text(BookingLookup("JPC-AAA222", "cancelled", None, ()), changed)
    assert cancelled == "Your appointment JPC-AAA222 is cancelled, as you asked."


@pytest.mark.parametrize("reference", ["JPC-AAA222", "JPC-BBB333", "JPC-CCC444", "JPC-DDD555"])
def test_every_booking_shown_to_be_theirs_here_needs_no_second_identity_check(
    reference: str,
) -> None:
    tracker = make_tracker(events=MOVED_AND_CANCELLED, slots={"booking_reference": "JPC-DDD555"})
    assert booked_here(tracker, reference)
    assert not booked_here(tracker, "JPC-EEE666"), "another booking is checked as usual"


# --- ActionStartManageBooking -----------------------------------------------------------


@pytest.mark.parametrize(
    ("intent", "task"),
    [
        ("cancel_appointment", "cancel"),
        ("reschedule_appointment", "reschedule"),
        ("change_booking_detail", "reschedule"),
        ("ask_booking_status", "status"),
        ("inform", "reschedule"),  # else from the words, when they say it
        ("nlu_fallback", "reschedule"),
    ],
)
async def test_the_task_comes_from_the_intent_and_the_form_starts_clean(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], intent: str, task: str
) -> None:
    tracker = make_tracker(
        text="i need to move my booking",
        intent=intent,
        slots={"manage_reference": "JPC-OLD234", "manage_identity": True},
    )
    assert await ActionStartManageBooking().run(dispatcher, tracker, domain) == [
        SlotSet("manage_task", task),
        SlotSet("manage_reference", None),
        SlotSet("manage_identity", None),
        SlotSet("manage_confirmed", None),
        SlotSet("manage_outcome", None),
    ]
    assert dispatcher.messages == []


async def test_cancel_said_again_when_asked_whether_to_cancel_is_the_yes(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="ok whatever just cancel it",
        intent="cancel_appointment",
        slots={
            "manage_task": "cancel",
            "manage_reference": "JPC-OLD234",
            "manage_identity": True,
            "requested_slot": "manage_confirmed",
        },
        active_loop="manage_booking_form",
    )
    assert await ActionStartManageBooking().run(dispatcher, tracker, domain) == [
        SlotSet("manage_confirmed", True),
        FollowupAction("manage_booking_form"),
    ]


async def test_wondering_about_cancelling_when_asked_whether_to_cancel_is_no_yes(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="If I cancel and the pain comes back, can I just book again later?",
        intent="cancel_appointment",
        slots={
            "manage_task": "cancel",
            "manage_reference": "JPC-OLD234",
            "manage_identity": True,
            "requested_slot": "manage_confirmed",
        },
        active_loop="manage_booking_form",
    )
    assert await ActionStartManageBooking().run(dispatcher, tracker, domain) == [
        FollowupAction("manage_booking_form")
    ]
    assert [m["response"] for m in dispatcher.messages] == ["utter_can_book_again"]
    assert (
        await ValidateManageBookingForm().extract_manage_confirmed(
            CollectingDispatcher(), tracker, domain
        )
        == {}
    )


async def test_cancel_while_booking_with_nothing_booked_gives_up_the_booking(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(text="cancel", intent="cancel_appointment", active_loop="booking_form")
    events = await ActionStartManageBooking().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_stopped_booking"]
    assert ActiveLoop(None) in events
    assert FollowupAction("action_listen") in events


async def test_no_reference_said_as_the_request_again_gets_the_team_not_the_question(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="i dont have it, i booked by phone",
        intent="ask_booking_status",
        slots={"manage_task": "status", "requested_slot": "manage_reference"},
        active_loop="manage_booking_form",
    )
    events = await ActionStartManageBooking().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_no_reference"]
    assert ActiveLoop(None) in events
    assert SlotSet("manage_task", None) in events


@pytest.mark.parametrize(("not_found", "reference"), [(False, "JPC-8DZNUZ"), (True, None)])
async def test_a_reference_given_earlier_is_the_booking_asked_about_again(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], not_found: bool, reference: str | None
) -> None:
    text = "ok but is it confirmed?? what day is it again"
    reply = "utter_appointment_not_found" if not_found else "utter_stopped_manage"
    tracker = make_tracker(
        text=text,
        intent="ask_booking_status",
        events=[
            {"event": "user", "text": "is my appointment confirmed? JPC-8DZNUZ"},
            {"event": "bot", "text": "...", "metadata": {"utter_action": reply}},
            {"event": "user", "text": text},
        ],
    )
    events = await ActionStartManageBooking().run(dispatcher, tracker, domain)
    assert SlotSet("manage_reference", reference) in events


async def test_another_reference_to_cancel_starts_again(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="no, cancel JPC-NEW234 instead",
        intent="cancel_appointment",
        slots={
            "manage_task": "cancel",
            "manage_reference": "JPC-OLD234",
            "requested_slot": "manage_confirmed",
        },
        active_loop="manage_booking_form",
    )
    events = await ActionStartManageBooking().run(dispatcher, tracker, domain)
    assert SlotSet("manage_reference", "JPC-NEW234") in events
    assert SlotSet("manage_confirmed", None) in events


async def test_a_reference_given_later_carries_on_the_request_before_it(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "oh wait found it, JPC-KQL234"
    events = [
        {
            "event": "user",
            "text": "I need to cancel, I deleted the email",
            "parse_data": {"intent": {"name": "cancel_appointment"}},
        },
        {"event": "user", "text": text, "parse_data": {"intent": {"name": "nlu_fallback"}}},
    ]
    tracker = make_tracker(text=text, intent="nlu_fallback", events=events)
    assert await ActionStartManageBooking().run(dispatcher, tracker, domain) == [
        SlotSet("manage_task", "cancel"),
        SlotSet("manage_reference", "JPC-KQL234"),
        SlotSet("manage_identity", None),
        SlotSet("manage_confirmed", None),
        SlotSet("manage_outcome", None),
        FollowupAction("manage_booking_form"),
    ]


async def test_a_time_asked_for_with_no_booking_spoken_of_starts_a_new_booking(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "Hi there, I work 9-5 so I need something any time after 5 on thursday. Is that possible?"
    )
    tracker = make_tracker(text=text, intent="change_booking_detail")
    events = await ActionStartManageBooking().run(dispatcher, tracker, domain)
    assert events == [SlotSet("manage_task", None), FollowupAction("booking_form")]
    assert responses(dispatcher) == ["utter_start_booking"]


async def test_a_new_time_after_asking_to_be_called_is_for_the_call(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="no NOT monday. thursday after 6",
        intent="change_booking_detail",
        slots={"callback_outcome": "saved", "booking_reference": "JPC-CALL23"},
    )
    events = await ActionStartManageBooking().run(dispatcher, tracker, domain)
    assert events == [SlotSet("manage_task", None), FollowupAction("action_request_callback")]
    assert dispatcher.messages == []


async def test_a_reference_in_the_request_is_kept(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(text="please cancel jpc ab12cd", intent="cancel_appointment")
    events = await ActionStartManageBooking().run(dispatcher, tracker, domain)
    assert SlotSet("manage_reference", "JPC-AB12CD") in events


async def test_a_question_about_the_booking_made_here_needs_no_reference(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="so is my appointment still on?",
        intent="ask_booking_status",
        slots={"booking_reference": "JPC-HERE23"},
    )
    events = await ActionStartManageBooking().run(dispatcher, tracker, domain)
    assert SlotSet("manage_reference", "JPC-HERE23") in events


# --- ValidateManageBookingForm: which questions -----------------------------------------


@pytest.mark.parametrize(
    ("slots", "required"),
    [
        (
            {"manage_reference": "JPC-AB12CD", "booking_reference": "JPC-AB12CD"},
            ["manage_reference"],
        ),
        ({"manage_reference": "JPC-AB12CD", "booking_reference": "JPC-XY34ZW"}, CHECKED),
        ({"manage_reference": "JPC-AB12CD"}, CHECKED),
        ({"booking_reference": "JPC-AB12CD"}, CHECKED),  # no reference yet
        # An outage ended the form (validation cleared the task): nothing more is asked.
        ({"manage_task": None, "manage_reference": "JPC-AB12CD"}, []),
        # Only a cancellation asks for a yes, even for this conversation's own booking.
        ({"manage_task": "cancel"}, DOMAIN_SLOTS),
        (
            {
                "manage_task": "cancel",
                "manage_reference": "JPC-AB12CD",
                "booking_reference": "JPC-AB12CD",
            },
            ["manage_reference", "manage_confirmed"],
        ),
    ],
)
async def test_only_a_booking_made_in_this_conversation_skips_the_identity_question(
    dispatcher: CollectingDispatcher, slots: dict[str, Any], required: list[str]
) -> None:
    tracker = managing(**{"manage_task": "status", **slots})
    assert await FORM.required_slots(DOMAIN_SLOTS, dispatcher, tracker, {}) == required


@pytest.mark.parametrize(
    ("text", "slots", "extracted"),
    [
        ("cancel JPC-AB12CD please", {}, {"manage_reference": "JPC-AB12CD"}),
        (
            "cancel my booking",
            {"booking_reference": "JPC-MINE23"},
            {"manage_reference": "JPC-MINE23"},
        ),
        ("cancel my booking", {}, {}),
        # While a question is open, only what the patient typed counts.
        (
            "I don't know",
            {"booking_reference": "JPC-MINE23", "requested_slot": "manage_reference"},
            {},
        ),
        (
            "it's jpc ab12cd",
            {"requested_slot": "manage_reference"},
            {"manage_reference": "JPC-AB12CD"},
        ),
        ("JPC-XY34ZW", {"manage_reference": "JPC-AB12CD"}, {}),  # already known
    ],
)
async def test_the_reference_is_taken_from_the_request_or_this_conversation(
    dispatcher: CollectingDispatcher, text: str, slots: dict[str, Any], extracted: dict[str, Any]
) -> None:
    tracker = managing(text, **slots)
    assert await FORM.extract_manage_reference(dispatcher, tracker, {}) == extracted


# --- validate_manage_reference ----------------------------------------------------------


async def test_a_reference_typed_over_two_messages_is_found(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    reference = await book(reference="JPC-82LPX3")
    tracker = make_tracker(
        text="LPX3",
        slots={"requested_slot": "manage_reference"},
        active_loop="manage_booking_form",
        events=[{"event": "user", "text": "JPC-82"}, {"event": "user", "text": "LPX3"}],
    )
    result = await FORM.validate_manage_reference("LPX3", dispatcher, tracker, {})
    assert result == {"manage_reference": reference}


async def test_a_known_reference_is_kept_however_it_was_typed(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    reference = await book(reference="JPC-AB23CD")
    typed = "it's jpc ab23cd"
    result = await FORM.validate_manage_reference(typed, dispatcher, managing(typed), {})
    assert result == {"manage_reference": reference}
    assert dispatcher.messages == []


async def test_a_queued_booking_is_found_while_the_service_is_down(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    reference = await book()  # the stand-in is down: pending in the outbox
    result = await FORM.validate_manage_reference(reference, dispatcher, managing(), {})
    assert result == {"manage_reference": reference}


async def test_a_reference_only_the_service_knows_is_found(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    made = request()
    await make_client(running.url).book(made)
    result = await FORM.validate_manage_reference(made.reference, dispatcher, managing(), {})
    assert result == {"manage_reference": made.reference}


async def test_an_unknown_reference_is_asked_again(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    result = await FORM.validate_manage_reference("jpc-zzzzzz", dispatcher, managing(), {})
    assert result == {"manage_reference": None}
    assert responses(dispatcher) == ["utter_appointment_not_found"]
    # With the team's phone, for a patient who cannot find theirs.
    assert dispatcher.messages[0]["phone"]
    [lookup] = running.requests_to("GET", "/Appointment")
    assert lookup.query == {"identifier": ["urn:clinic:booking-reference|JPC-ZZZZZZ"]}


async def test_a_second_unknown_reference_gets_the_team_not_the_question_again(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    tracker = make_tracker(
        text="jpc-zzzzzz",
        intent="inform",
        active_loop="manage_booking_form",
        events=[
            {"event": "active_loop", "name": "manage_booking_form"},
            {"event": "user", "text": "JPC-ZZ99ZZ"},
            {"event": "bot", "metadata": {"utter_action": "utter_appointment_not_found"}},
        ],
    )
    result = await FORM.validate_manage_reference("jpc-zzzzzz", dispatcher, tracker, {})
    assert result == {"manage_reference": None, "requested_slot": None, "manage_task": None}
    assert responses(dispatcher) == ["utter_appointment_not_found_again"]
    assert dispatcher.messages[0]["phone"]


async def test_a_reference_that_found_nothing_in_an_earlier_form_does_not_count(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    tracker = make_tracker(
        text="jpc-zzzzzz",
        intent="inform",
        active_loop="manage_booking_form",
        events=[
            {"event": "bot", "metadata": {"utter_action": "utter_appointment_not_found"}},
            {"event": "active_loop", "name": "manage_booking_form"},
        ],
    )
    await FORM.validate_manage_reference("jpc-zzzzzz", dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_appointment_not_found"]


@pytest.mark.parametrize("value", ["JPC", "12345", ""])
async def test_an_answer_without_a_reference_is_asked_again(
    dispatcher: CollectingDispatcher, running: FakeScheduling, value: str
) -> None:
    result = await FORM.validate_manage_reference(value, dispatcher, managing(value), {})
    assert result == {"manage_reference": None}
    [message] = dispatcher.messages
    assert (message["response"], message["phone"]) == ("utter_wrong_manage_reference", CLINIC_PHONE)
    assert running.received == []


async def test_no_reference_at_all_is_left_for_the_form_to_ask(
    dispatcher: CollectingDispatcher,
) -> None:
    assert await FORM.validate_manage_reference(None, dispatcher, managing(), {}) == {
        "manage_reference": None
    }
    assert dispatcher.messages == []


@pytest.mark.parametrize("problem", ["down", "http-503"])
async def test_an_unreachable_service_stops_the_form(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling, problem: str
) -> None:
    if problem == "http-503":
        stand_in.start()
        stand_in.fail_next("status", "GET", status=503)
    result = await FORM.validate_manage_reference("JPC-AB12CD", dispatcher, managing(), {})
    assert result == {"manage_reference": None, "requested_slot": None, "manage_task": None}
    assert responses(dispatcher) == ["utter_cancel_unavailable"]


async def test_a_reference_of_letters_only_is_tried_on_the_service(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    reference = await book(reference="JPC-EVYYKL")
    result = await FORM.validate_manage_reference("evyykl", dispatcher, managing("evyykl"), {})
    assert result == {"manage_reference": reference}
    assert dispatcher.messages == []


async def test_a_word_of_six_letters_is_not_found_and_asked_again_as_not_understood(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    result = await FORM.validate_manage_reference("cancel", dispatcher, managing("cancel"), {})
    assert result == {"manage_reference": None}
    assert responses(dispatcher) == ["utter_wrong_manage_reference"]


async def test_insisting_on_a_reference_that_found_nothing_gets_the_team(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    said = "that's definitely the reference, my phone is 07700 900123"
    tracker = make_tracker(
        text=said,
        intent="inform",
        active_loop="manage_booking_form",
        events=[
            {"event": "active_loop", "name": "manage_booking_form"},
            {"event": "user", "text": "I'd like to reschedule my appointment JPC-ZZ99ZZ"},
            {"event": "bot", "metadata": {"utter_action": "utter_appointment_not_found"}},
        ],
    )
    result = await FORM.validate_manage_reference(said, dispatcher, tracker, {})
    assert result == {"manage_reference": None, "requested_slot": None, "manage_task": None}
    assert responses(dispatcher) == ["utter_appointment_not_found_again"]


async def test_a_contact_given_before_the_reference_is_kept_for_the_identity_check(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    reference = await book()
    phone = "07700 900123"
    tracker = managing(phone, requested_slot="manage_reference")
    tracker.events.extend([{"event": "action", "name": "action_start_manage_booking"}, user(phone)])
    result = await FORM.validate_manage_reference(phone, dispatcher, tracker, {})
    assert result == {"manage_reference": None}, "the reference is still asked for"
    [message] = dispatcher.messages
    assert (message["response"], message["phone"]) == (
        "utter_reference_before_contact",
        CLINIC_PHONE,
    )
    assert running.requests_to("GET", "/Appointment") == [], "a phone number is not a reference"
    assert await FORM.validate_manage_identity(phone, dispatcher, tracker, {}) == {
        "manage_identity": None
    }, "nothing to check it against yet, and nothing said"
    assert len(dispatcher.messages) == 1

    tracker.events.extend([bot("utter_ask_manage_reference"), user(reference)])
    result = await FORM.validate_manage_reference(reference, CollectingDispatcher(), tracker, {})
    assert result == {
        "manage_reference": reference,
        "manage_identity": True,
        "booking_reference": reference,
    }


async def test_a_contact_from_further_back_than_the_message_before_proves_nothing(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    reference = await book()
    tracker = managing(reference)
    tracker.events.extend(
        [
            user("07700 900123"),
            user("what are your opening hours?"),
            {"event": "action", "name": "action_start_manage_booking"},
            user(reference),
        ]
    )
    result = await FORM.validate_manage_reference(reference, dispatcher, tracker, {})
    assert result == {"manage_reference": reference}


async def test_another_contact_given_first_is_not_taken_as_proof(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    reference = await book()
    tracker = managing(reference)
    tracker.events.extend(
        [
            {"event": "action", "name": "action_start_manage_booking"},
            user("07700 900999"),
            user(reference),
        ]
    )
    result = await FORM.validate_manage_reference(reference, dispatcher, tracker, {})
    assert result == {"manage_reference": reference}


# --- validate_manage_identity -----------------------------------------------------------


@pytest.mark.parametrize(
    ("phone", "email", "answer"),
    [
        (PHONE, None, "07700 900123"),
        (PHONE, None, "it's +44 7700 900123 thanks"),
        (None, EMAIL, "Anne@Example.com"),
        (PHONE, EMAIL, "anne@example.com"),
    ],
)
async def test_the_contact_the_booking_was_made_with_proves_it_is_theirs(
    dispatcher: CollectingDispatcher,
    running: FakeScheduling,
    phone: str | None,
    email: str | None,
    answer: str,
) -> None:
    reference = await book(phone=phone, email=email)
    tracker = managing(answer, manage_reference=reference, requested_slot="manage_identity")
    assert await FORM.validate_manage_identity(answer, dispatcher, tracker, {}) == {
        "manage_identity": True,
        "booking_reference": reference,  # not asked again in this conversation
    }
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    ("task", "answer", "confirmed"),
    [
        ("cancel", "07700 900123, yes cancel it", True),
        ("cancel", "07700 900123 but dont cancel it yet", None),
        ("reschedule", "07700 900123, yes cancel it", None),
    ],
)
async def test_the_go_ahead_given_with_the_contact_is_not_asked_for_again(
    dispatcher: CollectingDispatcher,
    running: FakeScheduling,
    task: str,
    answer: str,
    confirmed: bool | None,
) -> None:
    reference = await book(phone=PHONE)
    tracker = managing(
        answer, manage_reference=reference, requested_slot="manage_identity", manage_task=task
    )
    result = await FORM.validate_manage_identity(answer, dispatcher, tracker, {})
    assert result["manage_identity"] is True
    assert result.get("manage_confirmed") is confirmed


async def test_moving_instead_asked_with_the_contact_moves_the_booking(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    reference = await book(phone=PHONE)
    answer = "07700 900123. actually hmm can i move it instead of cancelling?"
    tracker = managing(
        answer, manage_reference=reference, requested_slot="manage_identity", manage_task="cancel"
    )
    result = await FORM.validate_manage_identity(answer, dispatcher, tracker, {})
    assert result["manage_identity"] is True
    assert result["manage_task"] == "reschedule"


async def test_a_corrected_contact_read_as_a_change_still_cancels(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    reference = await book(email="sam.oneil@example.org")
    answer = "oh right i fixed it to one L. sam.oneil@example.org"
    tracker = managing(
        answer, manage_reference=reference, requested_slot="manage_identity", manage_task="cancel"
    )
    tracker.latest_message["intent"] = {"name": "change_booking_detail", "confidence": 0.9}
    result = await FORM.validate_manage_identity(answer, dispatcher, tracker, {})
    assert result["manage_identity"] is True
    assert "manage_task" not in result


@pytest.mark.parametrize(
    ("email", "answer"),
    [
        (None, "07700 900999"),  # another number
        (None, "900123"),  # the end of the right one
        (EMAIL, "anne@example.org"),
        (EMAIL, "anne@"),
    ],
)
async def test_another_contact_is_refused(
    dispatcher: CollectingDispatcher, running: FakeScheduling, email: str | None, answer: str
) -> None:
    reference = await book(email=email)
    tracker = managing(answer, manage_reference=reference, requested_slot="manage_identity")
    assert await FORM.validate_manage_identity(answer, dispatcher, tracker, {}) == {
        "manage_identity": None
    }
    [message] = dispatcher.messages
    assert (message["response"], message["phone"]) == ("utter_wrong_manage_identity", CLINIC_PHONE)


async def test_a_second_wrong_contact_is_said_not_to_match_either_with_a_way_out(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    reference = await book()
    tracker = managing("07700 900888", manage_reference=reference)
    tracker.events.extend(
        [
            user("07700 900999"),
            bot("utter_wrong_manage_identity"),
            bot("utter_ask_manage_identity"),
            user("07700 900888"),
        ]
    )
    assert await FORM.validate_manage_identity("07700 900888", dispatcher, tracker, {}) == {
        "manage_identity": None
    }
    [message] = dispatcher.messages
    assert message["response"] == "utter_wrong_manage_identity_again"
    assert message["phone"] == CLINIC_PHONE, "the team is the way out"


@pytest.mark.parametrize(
    "answer", ["please, he's in hospital, just cancel it", "how do I cancel it for him then?"]
)
async def test_an_answer_without_a_contact_is_told_why_it_is_needed_and_who_can_help(
    dispatcher: CollectingDispatcher, running: FakeScheduling, answer: str
) -> None:
    reference = await book()
    tracker = managing(answer, manage_reference=reference)
    tracker.events.extend([bot("utter_ask_manage_identity"), user(answer)])
    assert await FORM.validate_manage_identity(answer, dispatcher, tracker, {}) == {
        "manage_identity": None
    }
    [message] = dispatcher.messages
    assert (message["response"], message["phone"]) == ("utter_identity_why", CLINIC_PHONE)


@pytest.mark.parametrize(
    ("before", "answer"),
    [
        (["please, he's in hospital, just cancel it"], "how can I cancel it for him then?"),
        ([], "I don't know it! what am I supposed to do?"),
        ([], "no idea, my brother booked it"),
    ],
)
async def test_no_contact_twice_or_not_known_ends_the_check_with_the_teams_number(
    dispatcher: CollectingDispatcher, running: FakeScheduling, before: list[str], answer: str
) -> None:
    reference = await book()
    booked = len(running.received)
    tracker = managing(answer, manage_reference=reference)
    for text in before:
        tracker.events.extend([user(text), bot("utter_identity_why")])
    tracker.events.append(user(answer))
    assert await FORM.validate_manage_identity(answer, dispatcher, tracker, {}) == {
        "manage_identity": None,
        "requested_slot": None,
        "manage_task": None,
    }
    [message] = dispatcher.messages
    assert (message["response"], message["phone"]) == ("utter_identity_unknown", CLINIC_PHONE)
    changes = [call for call in running.received[booked:] if call.method != "GET"]
    assert changes == [], "nothing was changed"


async def test_an_identity_for_an_unknown_reference_is_refused(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    tracker = managing(PHONE, manage_reference="JPC-ZZZZZZ")
    assert await FORM.validate_manage_identity(PHONE, dispatcher, tracker, {}) == {
        "manage_identity": None
    }
    assert responses(dispatcher) == ["utter_wrong_manage_identity"]


async def test_a_reference_put_right_when_asked_who_booked_is_no_failed_guess(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    text = "oh sorry I think I copied the wrong reference. mine should be zs 23 mn"
    tracker = managing(text, manage_reference="JPC-ZQ78KL")
    assert await FORM.validate_manage_identity(text, dispatcher, tracker, {}) == {
        "manage_reference": "JPC-ZS23MN",
        "manage_identity": None,
    }
    assert responses(dispatcher) == ["utter_reference_changed"]


async def test_an_unreachable_service_asks_for_the_identity_again(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    reference = await book()  # delivered: the service is asked how it stands
    running.stop()
    tracker = managing(PHONE, manage_reference=reference)
    assert await FORM.validate_manage_identity(PHONE, dispatcher, tracker, {}) == {
        "manage_identity": None
    }
    assert responses(dispatcher) == ["utter_cancel_unavailable"]


@pytest.mark.parametrize("value", [None, True])
async def test_an_identity_already_settled_is_kept(
    dispatcher: CollectingDispatcher, running: FakeScheduling, value: bool | None
) -> None:
    tracker = managing(manage_reference="JPC-ZZZZZZ")
    assert await FORM.validate_manage_identity(value, dispatcher, tracker, {}) == {
        "manage_identity": value
    }
    assert running.received == []


# --- the whole form run, as Rasa calls it -----------------------------------------------


async def test_a_booking_made_in_this_conversation_goes_straight_to_the_cancel_question(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    reference = await book()
    text = "actually, cancel my booking"
    tracker = make_tracker(
        text=text,
        intent="cancel_appointment",
        slots={"booking_reference": reference, "manage_task": "cancel"},
        events=[user(text)],
        active_loop="manage_booking_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert events == [
        SlotSet("manage_reference", reference),
        SlotSet("requested_slot", "manage_confirmed"),
    ]
    assert dispatcher.messages == []


async def test_a_booking_from_elsewhere_goes_on_to_the_identity_question(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    reference = await book()
    text = f"cancel {reference}"
    tracker = make_tracker(
        text=text,
        intent="cancel_appointment",
        slots={"manage_task": "cancel"},
        events=[user(text)],
        active_loop="manage_booking_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert events == [SlotSet("manage_reference", reference)]  # Rasa asks manage_identity next


# --- ActionManageBooking ----------------------------------------------------------------


def done(outcome: str, reference: str) -> list[SlotSet]:
    return [
        SlotSet("manage_outcome", outcome),
        SlotSet("manage_identity", None),
        SlotSet("manage_confirmed", None),
        SlotSet("booking_reference", reference),
    ]


def task(name: str, reference: str, **slots: Any) -> Tracker:
    return make_tracker(
        slots={
            "manage_task": name,
            "manage_reference": reference,
            "manage_identity": True,
            "manage_confirmed": True if name == "cancel" else None,
            **slots,
        }
    )


async def test_a_booked_appointment_is_cancelled(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    reference = await book("slot-2")
    events = await ActionManageBooking().run(dispatcher, task("cancel", reference), domain)
    assert events == done("cancelled", reference)
    [appointment] = running.appointments_for(reference)
    assert appointment["status"] == "cancelled"
    assert running.slots["slot-2"].status == "free"


async def test_a_booking_still_in_the_outbox_is_cancelled_and_never_sent(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], stand_in: FakeScheduling
) -> None:
    reference = await book()
    events = await ActionManageBooking().run(dispatcher, task("cancel", reference), domain)
    assert events == done("cancelled", reference)
    row = await booking_service().get(reference)
    assert row is not None and row.status == CANCELLED
    stand_in.start()
    await booking_service().deliver_pending()
    assert stand_in.bookings_made == 0


@pytest.mark.parametrize("name", ["cancel", "status", "reschedule"])
async def test_an_unknown_reference_is_not_found(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling, name: str
) -> None:
    events = await ActionManageBooking().run(dispatcher, task(name, "JPC-ZZZZZZ"), domain)
    assert events == done("said", "JPC-ZZZZZZ")
    # Said here, with the team's details filled in (a rule could not fill them).
    [message] = dispatcher.messages
    assert message["response"] == "utter_appointment_not_found"
    assert message["phone"] and message["hours"]


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("cancel", "down"),
        ("cancel", "http-500"),
        ("cancel", "http-400"),
        ("status", "down"),
        ("reschedule", "http-500"),
    ],
)
async def test_a_service_error_says_unavailable(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    stand_in: FakeScheduling,
    name: str,
    problem: str,
) -> None:
    if problem != "down":
        stand_in.start()
        stand_in.fail_next("status", "GET", status=int(problem.removeprefix("http-")))
    events = await ActionManageBooking().run(dispatcher, task(name, "JPC-ABC234"), domain)
    assert events == done("unavailable", "JPC-ABC234")
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    ("service_up", "status"),
    [
        (
            True,
            "Your appointment {} is confirmed for Monday 7 January at 9:30am with "
            "Dr. Amara Okafor (consultant rheumatologist) at 1 Test Lane.",
        ),
        (False, "Your request {} is saved and waiting for our booking system. "),
    ],
)
async def test_the_status_is_told(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    stand_in: FakeScheduling,
    service_up: bool,
    status: str,
) -> None:
    if service_up:
        stand_in.start()
    reference = await book("slot-2")
    events = await ActionManageBooking().run(dispatcher, task("status", reference), domain)
    assert events == done("said", reference)
    [message] = dispatcher.messages
    assert message["response"] == "utter_booking_status"
    assert message["status"].startswith(status.format(reference))


async def test_a_cancelled_booking_says_so(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    reference = await book()
    await booking_service().cancel(reference)
    await ActionManageBooking().run(dispatcher, task("status", reference), domain)
    status = dispatcher.messages[0]["status"]
    assert status.startswith(f"Your appointment {reference}")
    assert "was already cancelled before this chat; I haven't changed anything" in status


async def test_a_contact_to_add_to_a_booking_is_the_teams_not_a_move(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    reference = await book()
    tracker = task("reschedule", reference)
    tracker.latest_message["text"] = f"I'd like to add my email to booking {reference} please"
    events = await ActionManageBooking().run(dispatcher, tracker, domain)
    assert SlotSet("manage_outcome", "said") in events
    assert responses(dispatcher) == ["utter_contact_change_with_team"]
    [appointment] = running.appointments_for(reference)
    assert appointment["status"] == "booked", "left as it is"


@pytest.mark.parametrize(
    ("phone", "email", "contact"),
    [(PHONE, None, PHONE), (None, EMAIL, EMAIL), (PHONE, EMAIL, f"{PHONE} and {EMAIL}")],
)
async def test_moving_a_booking_carries_over_who_it_is_for(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    running: FakeScheduling,
    phone: str | None,
    email: str | None,
    contact: str,
) -> None:
    reference = await book(phone=phone, email=email)
    tracker = task("reschedule", reference, preferred_time="Monday", chosen_slot_id="slot-1")
    events = await ActionManageBooking().run(dispatcher, tracker, domain)
    assert events == [
        SlotSet("manage_outcome", "reschedule"),
        SlotSet("reschedule_from", reference),
        SlotSet("preferred_time", None),
        SlotSet("chosen_slot_id", None),
        SlotSet("patient_name", "Anne-Marie O'Brien"),
        SlotSet("patient_phone", phone),
        SlotSet("patient_email", email),
        SlotSet("patient_contact", contact),
        # The time being moved, so that "the Friday after" counts from it.
        SlotSet("booking_time_text", ANY),
        SlotSet("manage_identity", None),
        SlotSet("manage_confirmed", None),
        SlotSet("booking_reference", reference),
    ]
    assert dispatcher.messages == []


async def test_moving_a_booking_only_the_service_knows_uses_its_details(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    made = request(email=EMAIL)
    await make_client(running.url).book(made)
    events = await ActionManageBooking().run(dispatcher, task("reschedule", made.reference), domain)
    values = {event["name"]: event["value"] for event in events}
    assert (values["patient_name"], values["patient_contact"]) == (
        "Anne-Marie O'Brien",
        f"{PHONE} and {EMAIL}",
    )


async def test_a_form_stopped_by_an_outage_leaves_the_conversation_booking_alone(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    mine = await book()  # made in this conversation
    running.stop()
    tracker = make_tracker(
        text="is my booking still on?",
        intent="ask_booking_status",
        slots={"booking_reference": mine, "manage_task": "status"},
        events=[user("is my booking still on?")],
        active_loop="manage_booking_form",
    )
    tracker.add_slots(await FORM.run(dispatcher, tracker, domain))
    assert tracker.get_slot("requested_slot") is None  # the form ends here
    events = await ActionManageBooking().run(dispatcher, tracker, domain)
    values = {event["name"]: event["value"] for event in events}
    assert values.get("booking_reference", mine) == mine
    # The rule after an "unavailable" outcome would say utter_cancel_unavailable a second time.
    assert values.get("manage_outcome") != "unavailable"


async def test_cancelling_twice_says_cancelled_twice(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], stand_in: FakeScheduling
) -> None:
    reference = await book()
    for _ in range(2):
        events = await ActionManageBooking().run(dispatcher, task("cancel", reference), domain)
        assert events == done("cancelled", reference)
    assert [row.status for row in await booking_service().rows()] == [CANCELLED]


async def test_an_answer_with_no_contact_in_it_is_asked_again_without_blame(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    reference = await book()
    answer = "is it cancelled?"
    tracker = managing(answer, manage_reference=reference, requested_slot="manage_identity")
    assert await FORM.validate_manage_identity(answer, dispatcher, tracker, {}) == {
        "manage_identity": None
    }
    assert responses(dispatcher) == ["utter_identity_why"], "why it is asked, not 'no match'"


def news(reference: str | None, status: str) -> Tracker:
    entities = [{"entity": "booking_news", "value": status}]
    if reference:
        entities.append({"entity": "booking_reference", "value": reference})
    return make_tracker(intent="EXTERNAL_booking_update", entities=entities)


async def test_a_delivered_booking_is_told_as_confirmed(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    from actions.manage_booking import ActionBookingNews

    reference = await book("slot-2")
    assert await ActionBookingNews().run(dispatcher, news(reference, "booked"), domain) == []
    [message] = dispatcher.messages
    assert message["response"] == "utter_booking_news"
    assert message["status"].startswith(f"Your appointment {reference} is confirmed for")


async def test_a_refused_booking_is_told_with_the_offer_of_another_time(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    from actions.manage_booking import ActionBookingNews

    # Unknown to the outbox and the service by now: the worker's own word is used.
    await ActionBookingNews().run(dispatcher, news("JPC-ABC234", "failed"), domain)
    [message] = dispatcher.messages
    assert message["response"] == "utter_booking_news_failed"
    assert "was taken before we could book it" in message["status"]


async def test_booking_news_without_a_reference_is_not_silent(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    from actions.manage_booking import ActionBookingNews

    assert await ActionBookingNews().run(dispatcher, news(None, "booked"), domain) == []
    assert responses(dispatcher) == ["utter_default"]


async def test_the_booking_being_moved_is_told_and_the_booking_goes_on(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    from actions.manage_booking import ActionStatusWhileBooking

    reference = await book("slot-2")
    tracker = make_tracker(
        text="remind me when it is booked for now?",
        intent="ask_booking_status",
        slots={"reschedule_from": reference},
        active_loop="booking_form",
    )
    assert await ActionStatusWhileBooking().run(dispatcher, tracker, domain) == []
    [message] = dispatcher.messages
    assert message["response"] == "utter_booking_status"
    assert message["status"].startswith(f"Your appointment {reference} is confirmed for")


async def test_a_status_question_before_anything_is_booked_says_so(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    from actions.manage_booking import ActionStatusWhileBooking

    tracker = make_tracker(text="is it booked?", intent="ask_booking_status")
    assert await ActionStatusWhileBooking().run(dispatcher, tracker, domain) == []
    assert responses(dispatcher) == ["utter_status_not_booked_yet"]


async def test_the_booking_system_being_down_is_said_plainly(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], stand_in: FakeScheduling
) -> None:
    from actions.manage_booking import ActionStatusWhileBooking

    tracker = make_tracker(text="when is it?", slots={"reschedule_from": "JPC-ABC234"})
    assert await ActionStatusWhileBooking().run(dispatcher, tracker, domain) == []
    # The stand-in is not running and the outbox has no such booking: nothing can be told.
    assert responses(dispatcher) == ["utter_cancel_unavailable"]


# --- A cancellation is confirmed first ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "extracted"),
    [
        ("yes go ahead", {"manage_confirmed": True}),
        ("Yeah", {"manage_confirmed": True}),
        ("nah leave it", {"manage_confirmed": False}),
        ("wait no, my mum can watch them. keep it!", {"manage_confirmed": False}),
        ("actually don't cancel", {"manage_confirmed": False}),
        ("not sure, when was it?", {}),
    ],
)
async def test_a_yes_or_no_in_words_answers_the_cancel_question(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, extracted: dict[str, Any]
) -> None:
    tracker = managing(text, requested_slot="manage_confirmed", manage_task="cancel")
    assert await FORM.extract_manage_confirmed(dispatcher, tracker, domain) == extracted


async def test_words_count_as_a_yes_only_when_the_cancel_question_is_open(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = managing("yes", requested_slot="manage_identity", manage_task="cancel")
    assert await FORM.extract_manage_confirmed(dispatcher, tracker, domain) == {}


@pytest.mark.parametrize(("asked_just_before", "extracted"), [(True, True), (False, None)])
async def test_a_yes_to_cancel_after_a_question_between_needs_no_second_yes(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    asked_just_before: bool,
    extracted: bool | None,
) -> None:
    # "Shall I cancel ...?", "who was it with again?" (answered), "ok yes cancel it please"
    asked = [
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_ask_manage_confirmed"}}
    ]
    events: list[dict[str, Any]] = [
        {"event": "user", "text": "07700 900123"},
        *(asked if asked_just_before else []),
        {"event": "user", "text": "who was it with again?"},
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_booking_status"}},
        {"event": "user", "text": "ok yes cancel it please"},
    ]
    tracker = make_tracker(
        text="ok yes cancel it please",
        intent="cancel_appointment",
        slots={
            "manage_task": "cancel",
            "manage_reference": "JPC-AB12CD",
            "manage_identity": True,
        },
        events=events,
        active_loop="manage_booking_form",
    )
    found = await FORM.extract_manage_confirmed(dispatcher, tracker, domain)
    assert found.get("manage_confirmed") is extracted


async def test_the_cancel_question_names_the_appointment(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    reference = await book("slot-2")
    tracker = managing(manage_task="cancel", manage_reference=reference)
    assert await ActionAskManageConfirmed().run(dispatcher, tracker, domain) == []
    [message] = dispatcher.messages
    assert message["response"] == "utter_ask_manage_confirmed"
    assert message["reference"] == reference
    assert message["when"].startswith(" on "), message


async def test_the_cancel_question_is_asked_when_the_service_is_down(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], stand_in: FakeScheduling
) -> None:
    tracker = managing(manage_task="cancel", manage_reference="JPC-AB12CD")
    await ActionAskManageConfirmed().run(dispatcher, tracker, domain)
    assert [(m["response"], m["when"]) for m in dispatcher.messages] == [
        ("utter_ask_manage_confirmed", "")
    ]


async def test_a_no_to_the_cancel_question_keeps_the_booking(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    reference = await book("slot-2")
    tracker = task("cancel", reference, manage_confirmed=False)
    events = await ActionManageBooking().run(dispatcher, tracker, domain)
    assert events == done("said", reference)
    assert responses(dispatcher) == ["utter_stopped_manage"]
    [appointment] = running.appointments_for(reference)
    assert appointment["status"] == "booked"


# --- Everything in one message, or no reference at all --------------------------------


async def test_a_contact_given_with_the_reference_is_not_asked_for_again(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    reference = await book(email=EMAIL)
    text = f"I need to move {reference} please, my email is {EMAIL.upper()}"
    tracker = make_tracker(
        text=text,
        intent="reschedule_appointment",
        slots={"manage_task": "reschedule", "manage_reference": reference},
        events=[user(text)],
        active_loop="manage_booking_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert SlotSet("manage_identity", True) in events
    assert SlotSet("requested_slot", None) in events, "nothing more to ask before moving it"
    assert dispatcher.messages == []


async def test_a_contact_given_just_before_the_request_counts_too(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    reference = await book(email=EMAIL)
    earlier = f"can you look it up with my email {EMAIL}?"
    text = f"oh hang on found it in my texts. {reference}. cancel it pls"
    tracker = make_tracker(
        text=text,
        intent="cancel_appointment",
        slots={"manage_task": "cancel", "requested_slot": "manage_reference"},
        events=[
            user(earlier),
            {"event": "bot", "text": "..."},
            {"event": "action", "name": "action_start_manage_booking"},
            user(text),
        ],
        active_loop="manage_booking_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert SlotSet("manage_identity", True) in events


async def test_a_contact_in_the_answer_to_the_reference_question_counts_too(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    reference = await book(email=EMAIL)
    text = f"{reference} {EMAIL}"
    tracker = make_tracker(
        text=text,
        intent="inform",
        slots={"manage_task": "cancel", "requested_slot": "manage_reference"},
        events=[user(text)],
        active_loop="manage_booking_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert SlotSet("manage_identity", True) in events
    assert SlotSet("requested_slot", "manage_confirmed") in events


@pytest.mark.parametrize(
    "text",
    [
        "I don't have the reference, I lost the email",
        "I dont remember, its under rachel green",
        "no idea sorry",
    ],
)
async def test_no_reference_to_give_ends_the_form_with_the_way_to_the_team(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str
) -> None:
    tracker = managing(text, requested_slot="manage_reference", manage_task="cancel")
    result = await FORM.validate_manage_reference(text, dispatcher, tracker, domain)
    assert result == {"manage_reference": None, "requested_slot": None, "manage_task": None}
    assert responses(dispatcher) == ["utter_no_reference"]
    assert "phone" in dispatcher.messages[0], "the clinic's number is in the reply"


# --- A booking already cancelled, questions about it, and moves said relative to it -----


def asked(text: str, intent: str) -> dict[str, Any]:
    return {
        "event": "user",
        "text": text,
        "metadata": {},
        "parse_data": {"intent": {"name": intent, "confidence": 1.0}},
    }


async def test_cancelling_a_booking_already_cancelled_tells_how_it_stands(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    reference = await book()
    await booking_service().cancel(reference)
    tracker = managing(reference, "cancel_appointment", manage_task="cancel")
    result = await FORM.validate_manage_reference(reference, dispatcher, tracker, domain)
    assert result == {"manage_reference": reference, "manage_task": "status"}
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    "text",
    ["so my appointment is cancelled yes?", "will I get an email about the cancellation?"],
)
async def test_a_question_about_a_cancellation_does_not_start_cancelling(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str
) -> None:
    tracker = make_tracker(
        text=text, intent="cancel_appointment", slots={"booking_reference": "JPC-HERE23"}
    )
    events = await ActionStartManageBooking().run(dispatcher, tracker, domain)
    assert SlotSet("manage_task", "status") in events
    assert SlotSet("manage_reference", "JPC-HERE23") in events


async def test_the_number_and_the_status_asked_together_are_both_answered(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    # A call back was arranged since the booking being moved was shown to be theirs.
    tracker = make_tracker(
        text="whats the number? and is my friday 4th appointment still on",
        intent="ask_booking_status",
        slots={"booking_reference": "JPC-CALL23", "reschedule_from": "JPC-MOVE23"},
    )
    events = await ActionStartManageBooking().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_contact"]
    assert dispatcher.messages[0]["phone"] == CLINIC_PHONE
    assert SlotSet("manage_reference", "JPC-MOVE23") in events
    # ... and it needs no second identity check.
    form = managing(
        manage_task="status", manage_reference="JPC-MOVE23", reschedule_from="JPC-MOVE23"
    )
    assert await FORM.required_slots(DOMAIN_SLOTS, dispatcher, form, domain) == ["manage_reference"]


async def test_an_email_question_about_a_cancelled_booking_gets_an_honest_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    reference = await book()
    await booking_service().cancel(reference)
    tracker = make_tracker(
        slots={"manage_task": "status", "manage_reference": reference, "manage_identity": True},
        events=[asked("thanks. will I get an email about the cancellation?", "ask_booking_status")],
    )
    await ActionManageBooking().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_booking_status", "utter_notice_unknown"]
    status = dispatcher.messages[0]["status"]
    assert status.startswith(f"Your appointment {reference}")
    assert "was already cancelled before this chat; I haven't changed anything" in status
    assert dispatcher.messages[1]["phone"] == CLINIC_PHONE


async def test_an_email_question_about_a_booked_appointment_says_it_is_confirmed_there(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    reference = await book()
    tracker = make_tracker(
        slots={"manage_task": "status", "manage_reference": reference, "manage_identity": True},
        events=[asked("do I get a confirmation email for the booking?", "ask_booking_status")],
    )
    await ActionManageBooking().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_booking_status", "utter_notice_booked"]
    assert (dispatcher.messages[1]["contact"], dispatcher.messages[1]["phone"]) == (
        PHONE,
        CLINIC_PHONE,
    )


@pytest.mark.parametrize("text", ["is it confirmed? will i get a text?", "what happens next?"])
async def test_what_happens_next_asked_with_the_status_says_where_it_is_confirmed(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling, text: str
) -> None:
    reference = await book()
    tracker = make_tracker(
        slots={"manage_task": "status", "manage_reference": reference, "manage_identity": True},
        events=[asked(text, "ask_booking_status")],
    )
    await ActionManageBooking().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_booking_status", "utter_notice_booked"]


async def test_the_name_a_booking_is_under_is_told_when_asked(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    reference = await book()
    tracker = make_tracker(
        slots={"manage_task": "status", "manage_reference": reference, "manage_identity": True},
        events=[
            asked(
                "is my appointment confirmed now? and what name is it under", "ask_booking_status"
            )
        ],
    )
    await ActionManageBooking().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_booking_status", "utter_booking_name"]
    assert dispatcher.messages[1]["name"]


async def test_a_move_said_relative_to_the_booking_is_searched_from_it(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    reference = await book()
    lookup = await booking_service().lookup(reference)
    assert lookup is not None and lookup.start is not None
    tracker = make_tracker(
        slots={"manage_task": "reschedule", "manage_reference": reference, "manage_identity": True},
        events=[
            asked(
                "can I move my appointment to the week after, same time?", "reschedule_appointment"
            )
        ],
    )
    events = await ActionManageBooking().run(dispatcher, tracker, domain)
    week_later = lookup.start.astimezone(NOW.tzinfo) + timedelta(days=7)
    assert SlotSet("preferred_time", describe_slot(week_later)) in events


async def test_the_number_asked_with_the_status_while_choosing_a_time_is_given_too(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    from actions.manage_booking import ActionStatusWhileBooking

    reference = await book("slot-2")
    tracker = make_tracker(
        text="i said I'LL ring YOU. whats the number? and is my friday 4th appointment still on",
        intent="ask_booking_status",
        slots={"reschedule_from": reference},
        active_loop="booking_form",
    )
    assert await ActionStatusWhileBooking().run(dispatcher, tracker, domain) == []
    assert responses(dispatcher) == ["utter_contact", "utter_booking_status"]
    assert dispatcher.messages[0]["phone"] == CLINIC_PHONE


async def test_a_status_question_after_asking_for_a_call_is_about_the_call(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        text="Will it be today?",
        intent="ask_booking_status",
        slots={"callback_outcome": "saved", "booking_reference": "JPC-W8JFDL"},
    )
    events = await ActionStartManageBooking().run(dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_callback_already"]
    assert SlotSet("manage_task", None) in events, "no booking is looked up"


async def test_the_old_one_after_a_move_is_the_booking_moved_away_from(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        text="is the old one cancelled?",
        intent="ask_booking_status",
        slots={"booking_reference": "JPC-NEW234", "reschedule_from": None},
        events=[
            {"event": "slot", "name": "reschedule_from", "value": "JPC-OLD234"},
            {"event": "slot", "name": "reschedule_from", "value": None},
        ],
    )
    events = await ActionStartManageBooking().run(dispatcher, tracker, {})
    assert SlotSet("manage_reference", "JPC-OLD234") in events
    assert manage_booking.booked_here(tracker, "JPC-OLD234"), "no identity question again"


async def test_the_identity_with_the_request_again_carries_the_form_on(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    slots = {
        "manage_task": "cancel",
        "manage_reference": "JPC-AB12CD",
        "requested_slot": "manage_identity",
    }
    again = make_tracker(
        text="07700900123 and yes please cancel it",
        intent="cancel_appointment",
        slots=slots,
        active_loop="manage_booking_form",
    )
    assert await ActionStartManageBooking().run(dispatcher, again, domain) == [
        FollowupAction("manage_booking_form")
    ]
    moving = make_tracker(
        text="actually i'd rather just move it to another day than cancel",
        intent="reschedule_appointment",
        slots=slots,
        active_loop="manage_booking_form",
    )
    assert await ActionStartManageBooking().run(dispatcher, moving, domain) == [
        SlotSet("manage_task", "reschedule"),
        SlotSet("manage_confirmed", None),
        FollowupAction("manage_booking_form"),
    ]


async def test_cancel_right_after_a_booking_was_left_unmade_has_nothing_to_find(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    events: list[dict[str, Any]] = [
        {"event": "user", "text": "oh no i have a meeting then. cancel it please"},
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_stopped_booking"}},
        {"event": "user", "text": "Yes, cancel it"},
    ]
    tracker = make_tracker(text="Yes, cancel it", intent="cancel_appointment", events=events)
    assert await ActionStartManageBooking().run(dispatcher, tracker, domain) == [
        SlotSet("manage_task", None),
        SlotSet("manage_reference", None),
    ]
    assert [m["response"] for m in dispatcher.messages] == ["utter_nothing_booked_here"]


async def test_a_third_wrong_contact_ends_the_check_without_opening_the_booking(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    reference = await book()
    tracker = managing("07700 900777", manage_reference=reference)
    tracker.events.extend(
        [
            user("07700 900999"),
            bot("utter_wrong_manage_identity"),
            user("07700 900888"),
            bot("utter_wrong_manage_identity_again"),
            user("07700 900777"),
        ]
    )
    assert await FORM.validate_manage_identity("07700 900777", dispatcher, tracker, {}) == {
        "manage_identity": None,
        "requested_slot": None,
        "manage_task": None,
    }
    assert responses(dispatcher) == ["utter_identity_not_confirmed"]


# --- the form's own run: answers that are not the answer asked for ----------------------


def _asked_for_identity(text: str) -> Tracker:
    tracker = managing(
        text,
        intent="out_of_scope",
        manage_task="cancel",
        manage_reference="JPC-ABC234",
        requested_slot="manage_identity",
        manage_identity=text,
    )
    tracker.events.extend([user(text), {"event": "slot", "name": "manage_identity", "value": text}])
    return tracker


async def test_leaving_the_booking_as_it_is_ends_the_cancelling(
    dispatcher: CollectingDispatcher,
) -> None:
    text = "hmm actually hang on, i think i can make it after all. leave it as it is"
    events = await FORM.run(dispatcher, _asked_for_identity(text), {})
    assert responses(dispatcher) == ["utter_stopped_manage"]
    assert SlotSet("manage_identity", None) in events, "the words are no phone number"
    assert SlotSet("manage_task", None) in events, "nothing is left to do"


async def test_the_clinics_number_asked_for_instead_is_given_and_nothing_taken(
    dispatcher: CollectingDispatcher,
) -> None:
    text = "before that whats your phone number, in case i want to rebook later"
    events = await FORM.run(dispatcher, _asked_for_identity(text), {})
    [message] = dispatcher.messages
    assert (message["response"], message["phone"]) == ("utter_contact", CLINIC_PHONE)
    assert events == [SlotSet("manage_identity", None)], "the question is asked again"


async def test_another_reference_said_when_the_phone_was_asked_is_no_wrong_number(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    reference = await book()
    text = "oh hang on, i think mine is JPC-CW45TY actually, that one was my husbands"
    tracker = managing(text, manage_reference=reference)
    result = await FORM.validate_manage_identity(text, dispatcher, tracker, {})
    assert result == {"manage_identity": None}
    assert dispatcher.messages == [], "no number was tried, so none failed"


async def test_the_same_request_again_without_a_contact_is_the_answer_to_explain(
    dispatcher: CollectingDispatcher,
) -> None:
    slots = {
        "manage_task": "cancel",
        "manage_reference": "JPC-AB12CD",
        "requested_slot": "manage_identity",
    }
    for text, intent, taken in [
        ("how can I cancel it for him then?", "cancel_appointment", True),
        ("actually i'd rather just move it", "reschedule_appointment", False),
    ]:
        tracker = make_tracker(
            text=text, intent=intent, slots=slots, active_loop="manage_booking_form"
        )
        extracted = await FORM.extract_manage_identity(dispatcher, tracker, {})
        assert extracted == ({"manage_identity": text} if taken else {}), text


async def test_a_question_about_the_visit_beside_the_request_gets_the_teams_answer_too(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "hi can u check my booking JPC-AB12CD and also does the clinic have parking"
    tracker = make_tracker(text=text, intent="ask_booking_status")
    events = await ActionStartManageBooking().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_clinic_info"]
    assert SlotSet("manage_task", "status") in events
    assert SlotSet("manage_reference", "JPC-AB12CD") in events


async def test_after_the_check_failed_asking_again_gives_no_more_guesses(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    reference = await book()
    tracker = managing(PHONE, manage_reference=reference)
    tracker.events.extend(
        [
            user("07700 900777"),
            bot("utter_identity_not_confirmed"),
            user(f"cancel {reference}"),
            {"event": "action", "name": "action_start_manage_booking"},
            user(PHONE),
        ]
    )
    assert await FORM.validate_manage_identity(PHONE, dispatcher, tracker, {}) == {
        "manage_identity": None,
        "requested_slot": None,
        "manage_task": None,
    }, "even the right number, after the lock-out"
    assert responses(dispatcher) == ["utter_identity_not_confirmed"]


async def test_a_new_request_after_the_check_failed_is_not_asked_for_a_contact(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    events = [user("07700 900777"), bot("utter_identity_not_confirmed")]
    text = "ok what time is JPC-AB12CD booked for at least?"
    tracker = make_tracker(text=text, intent="ask_booking_status", events=events)
    assert await ActionStartManageBooking().run(dispatcher, tracker, domain) == [
        SlotSet("manage_task", None),
        SlotSet("manage_reference", None),
    ]
    assert responses(dispatcher) == ["utter_identity_not_confirmed"]


async def test_a_booking_told_beside_a_question_for_the_team_is_not_looked_up(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="I'm booked in on Thursday. My husband will be bringing me, is that alright?",
        intent="ask_booking_status",
    )
    assert await ActionStartManageBooking().run(dispatcher, tracker, domain) == [
        SlotSet("manage_task", None),
        SlotSet("manage_reference", None),
    ]
    assert [m["response"] for m in dispatcher.messages] == ["utter_clinic_info"]


async def test_keeping_the_booking_while_a_new_time_is_chosen_ends_the_move(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    from actions.manage_booking import ActionStatusWhileBooking

    reference = await book("slot-2")
    tracker = make_tracker(
        text="Leave it as it was. I'll find a lift. Is it still booked?",
        intent="ask_booking_status",
        slots={"reschedule_from": reference},
        active_loop="booking_form",
    )
    assert await ActionStatusWhileBooking().run(dispatcher, tracker, domain) == [
        ActiveLoop(None),
        SlotSet("requested_slot", None),
        FollowupAction("action_listen"),
    ]
    assert responses(dispatcher) == ["utter_stopped_booking_move", "utter_booking_status"]


async def test_asking_to_keep_the_old_time_while_moving_is_no_new_move(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="No! I don't want to change anything. Keep my 10am appointment please.",
        intent="reschedule_appointment",
        slots={"reschedule_from": "JPC-Q4W8E2"},
        active_loop="booking_form",
    )
    assert await ActionStartManageBooking().run(dispatcher, tracker, domain) == [
        ActiveLoop(None),
        SlotSet("requested_slot", None),
        FollowupAction("action_listen"),
    ]
    assert responses(dispatcher) == ["utter_stopped_booking_move"]


async def test_dont_cancel_move_it_instead_at_the_cancel_question_moves_it(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    from actions.manage_booking import ValidateManageBookingForm

    tracker = make_tracker(
        text="actually no dont cancel, move it to next monday same time instead",
        intent="reschedule_appointment",
        slots={
            "manage_task": "cancel",
            "manage_reference": "JPC-AB12CD",
            "manage_identity": True,
            "requested_slot": "manage_confirmed",
        },
        active_loop="manage_booking_form",
    )
    extracted = await ValidateManageBookingForm().extract_manage_confirmed(
        dispatcher, tracker, domain
    )
    assert extracted == {"manage_task": "reschedule"}


async def test_a_contact_given_with_the_request_counts_as_the_first_that_did_not_match(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    reference = await book()
    answer = "can't you just use mine? nina.k@example.com. she's my best friend"
    tracker = managing(answer, manage_reference=reference)
    tracker.events[:] = [
        user(f"my friend asked me to cancel hers, {reference}. Her email is mia@example.com"),
        {"event": "action", "name": "action_start_manage_booking"},
        bot("utter_wrong_manage_identity"),
        bot("utter_ask_manage_identity"),
        user(answer),
    ]
    assert await FORM.validate_manage_identity(answer, dispatcher, tracker, {}) == {
        "manage_identity": None
    }
    [message] = dispatcher.messages
    assert message["response"] == "utter_wrong_manage_identity_again", "not 'still not getting it'"


async def test_the_clinics_number_asked_for_after_booking_is_no_move(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "sweet. wat ur number in case im late"
    tracker = make_tracker(
        text=text, intent="change_booking_detail", slots={"booking_reference": "JPC-ABC234"}
    )
    events = await ActionStartManageBooking().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_contact"]
    assert events == [SlotSet("manage_task", None)]


async def test_moving_a_booking_cancelled_earlier_says_so_before_booking_anew(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    reference = await book("slot-2")
    await ActionManageBooking().run(CollectingDispatcher(), task("cancel", reference), domain)
    events = await ActionManageBooking().run(dispatcher, task("reschedule", reference), domain)
    assert responses(dispatcher) == ["utter_booking_status"]
    assert "cancelled" in dispatcher.messages[0]["status"]
    assert SlotSet("reschedule_from", None) in events


async def test_a_wrong_contact_in_the_request_itself_is_the_first_try(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    reference = await book()
    text = f"Hello, I need to move my appointment, ref {reference}. I booked with 07700 900888"
    tracker = managing(text, manage_reference=reference)
    tracker.events.extend([user(text), {"event": "action", "name": "action_start_manage_booking"}])
    await FORM.validate_manage_identity("07700 900888", dispatcher, tracker, {})
    assert dispatcher.messages[0]["response"] == "utter_wrong_manage_identity"


async def test_a_question_beside_a_move_gets_what_the_guide_says_first(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "Good morning. I have appointment JPC-AB12CD next week, I want to change to other day "
        "because of my daughter wedding, and also I want ask is swimming good for back pain?"
    )
    tracker = make_tracker(text=text, intent="reschedule_appointment")
    events = await ActionStartManageBooking().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_activity_question_not_covered"]
    assert SlotSet("manage_task", "reschedule") in events


async def test_a_question_about_the_booking_itself_gets_no_article_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "can I move my appointment JPC-AB12CD to friday?"
    tracker = make_tracker(text=text, intent="reschedule_appointment")
    await ActionStartManageBooking().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == []


async def test_a_booking_named_with_nothing_asked_of_it_is_only_looked_at(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(text="about my booking JPC-OLD234", intent="inform")
    events = await ActionStartManageBooking().run(dispatcher, tracker, domain)
    assert SlotSet("manage_task", "status") in events


@pytest.mark.parametrize(
    "text",
    [
        "my appointment is next thursday but my back has got way worse, can I come in sooner?",
        "can you cancel JPC-NB78KD for me. and when i rebook do i need to bring anything, "
        "like my scans?",
    ],
)
async def test_a_question_about_the_booking_or_visit_gets_no_article_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str
) -> None:
    tracker = make_tracker(text=text, intent="cancel_appointment")
    tracker.latest_message["response_selector"] = {
        "faq": {"ranking": [{"intent_response_key": "faq/otc_medication", "confidence": 0.99}]}
    }
    await ActionStartManageBooking().run(dispatcher, tracker, domain)
    assert not [r for r in responses(dispatcher) if r.startswith("utter_faq/")]


async def test_a_named_topic_beside_a_cancel_gets_its_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "please cancel my appointment JPC-AB12CD. also, does physio help with sciatica?"
    tracker = make_tracker(text=text, intent="cancel_appointment")
    await ActionStartManageBooking().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/physical_therapy"]
