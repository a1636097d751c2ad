"""The booking actions against the local stand-in of the scheduling service.

The stand-in's free times are on Monday 7 January 2030 (CET); the clinic's clock is pinned to
the Tuesday before, in the same zone, so "Monday" means that day and titles read as the
stand-in's own times.
"""

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import booking
from actions.booking import (
    ActionBookAppointment,
    ActionCancelAppointment,
    ValidateBookingForm,
    booking_service,
    handoff_summary,
    option_slots,
    topics_asked,
)
from adapters.outbox import DELIVERED, FAILED, PENDING
from clinic.triage.referral import DURATION_REASON, NERVE_REASON, SEVERITY_REASON
from tests.actions.conftest import make_tracker
from tests.adapters.fake_scheduling import CET, TOKEN, FakeScheduling, SlotRecord

NOW = datetime(2030, 1, 1, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
FORM = ValidateBookingForm()

C1 = {"id": "slot-1", "title": "Monday 7 January at 9am"}
C2 = {"id": "slot-2", "title": "Monday 7 January at 9:30am"}
C3 = {"id": "slot-3", "title": "Monday 7 January at 11am"}
C4 = {"id": "slot-4", "title": "Monday 7 January at 2pm"}
ALL = [C1, C2, C3, C4]

REASONS = f"{DURATION_REASON} {SEVERITY_REASON} {NERVE_REASON}"
CHECKIN = {
    "pain_duration_days": 30,
    "pain_severity": 8,
    "nerve_symptoms": {
        "numbness": True,
        "tingling": False,
        "weakness": False,
        "locations": ["foot"],
        "unspecified": False,
    },
    "red_flags_denied": True,
    "triage_outcome": "consult",
    "triage_reasons": REASONS,
}
SUMMARY = (
    "Pain for 30 days; severity 8/10; numbness in foot; red flags asked and denied; "
    f"outcome: consultation recommended; reasons: {REASONS} "
    "Topics asked about: sciatica, otc medication. Preferred times: Monday morning."
)
REFERENCE = re.compile(r"JPC-[A-HJ-NP-Z2-9]{6}")


def bot(utter_action: str | None) -> dict[str, Any]:
    metadata = {"utter_action": utter_action} if utter_action else {}
    return {"event": "bot", "text": "...", "data": {}, "metadata": metadata}


CONVERSATION: list[dict[str, Any]] = [
    {"event": "action", "name": "action_listen"},
    {"event": "user", "text": "what is sciatica", "metadata": {}},
    bot("utter_faq/sciatica"),
    {"event": "user", "text": "can I take ibuprofen", "metadata": {}},
    bot("utter_faq/otc_medication"),
    bot("utter_faq/sciatica"),  # asked twice, listed once
    bot("utter_ask_patient_name"),
    bot(None),
    {"event": "user", "text": "x", "metadata": {"utter_action": "utter_faq/not_a_bot_turn"}},
    {"event": "bot", "text": "no metadata at all"},
]


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [message["response"] for message in dispatcher.messages]


def options(page: int, *shown: dict[str, str]) -> dict[str, Any]:
    """The button slots for one page, as validate_* returns them."""
    values: dict[str, Any] = {"slot_option_count": str(len(shown)), "slot_offer_page": float(page)}
    for number in (1, 2, 3):
        option = shown[number - 1] if number <= len(shown) else None
        values[f"slot_option_{number}"] = option["id"] if option else None
        values[f"slot_option_{number}_title"] = option["title"] if option else None
    return values


def as_events(values: dict[str, Any]) -> list[SlotSet]:
    return [SlotSet(name, value) for name, value in values.items()]


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
    """Point the actions at the stand-in and a fresh outbox, and pin the clinic's clock."""
    monkeypatch.setenv("SCHEDULING_HOST", "127.0.0.1")
    monkeypatch.setenv("SCHEDULING_PORT", str(stand_in.port))
    monkeypatch.setenv("SCHEDULING_API_TOKEN", TOKEN)
    monkeypatch.setenv("SCHEDULING_RETRIES", "0")  # fail fast in outage tests
    monkeypatch.setenv("SCHEDULING_TIMEOUT_S", "2")
    monkeypatch.setenv("OUTBOX_DATABASE_URL", f"sqlite:///{tmp_path / 'outbox.db'}")
    monkeypatch.setenv("CLINIC_TIMEZONE", "Europe/Paris")
    monkeypatch.setenv("PHONE_REGION", "GB")
    monkeypatch.delenv("REFERRAL_RULES_FILE", raising=False)
    monkeypatch.setattr(booking, "clinic_now", lambda: NOW)
    booking_service.cache_clear()
    yield
    booking_service.cache_clear()


# --- patient_name and patient_contact -----------------------------------------------------


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("my name is anne-marie o'brien", "Anne-Marie O'Brien"),
        ("JOHN smith", "John Smith"),
        ("Ludwig van Beethoven", "Ludwig van Beethoven"),
    ],
)
def test_a_name_is_tidied(dispatcher: CollectingDispatcher, value: str, name: str) -> None:
    assert FORM.validate_patient_name(value, dispatcher, make_tracker(text=value), {}) == {
        "patient_name": name
    }
    assert dispatcher.messages == []


@pytest.mark.parametrize("value", ["12345", "no", "bob@example.com", "my name is", ""])
def test_a_bad_name_is_asked_again(dispatcher: CollectingDispatcher, value: str) -> None:
    assert FORM.validate_patient_name(value, dispatcher, make_tracker(text=value), {}) == {
        "patient_name": None
    }
    assert responses(dispatcher) == ["utter_wrong_patient_name"]


@pytest.mark.parametrize(
    ("value", "contact"),
    [
        ("07700 900123", "+447700900123"),
        ("call me on 07700 900123 please", "+447700900123"),
        ("+44 20 7946 0018", "+442079460018"),
        ("Bob@Example.com", "bob@example.com"),
        ("email me at bob@example.com.", "bob@example.com"),
    ],
)
def test_a_contact_is_normalised(
    dispatcher: CollectingDispatcher, value: str, contact: str
) -> None:
    assert FORM.validate_patient_contact(value, dispatcher, make_tracker(text=value), {}) == {
        "patient_contact": contact
    }
    assert dispatcher.messages == []


def test_a_local_number_is_read_in_the_configured_region(
    dispatcher: CollectingDispatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PHONE_REGION", "us")
    value = "(201) 555-0123"
    assert FORM.validate_patient_contact(value, dispatcher, make_tracker(text=value), {}) == {
        "patient_contact": "+12015550123"
    }


@pytest.mark.parametrize("value", ["banana", "12", "07700 900", "bob@", "2026"])
def test_a_bad_contact_is_asked_again(dispatcher: CollectingDispatcher, value: str) -> None:
    assert FORM.validate_patient_contact(value, dispatcher, make_tracker(text=value), {}) == {
        "patient_contact": None
    }
    assert responses(dispatcher) == ["utter_wrong_patient_contact"]


# --- preferred_time -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "candidates", "shown"),
    [
        ("Monday", ALL, [C1, C2, C3]),
        ("Monday morning", [C1, C2, C3], [C1, C2, C3]),
        ("next week after 10", [C3, C4], [C3, C4]),
        ("Monday afternoon", [C4], [C4]),
    ],
)
async def test_matching_free_times_are_offered(
    dispatcher: CollectingDispatcher,
    running: FakeScheduling,
    value: str,
    candidates: list[dict[str, str]],
    shown: list[dict[str, str]],
) -> None:
    result = await FORM.validate_preferred_time(value, dispatcher, make_tracker(text=value), {})
    assert result == {
        "preferred_time": value,
        "slot_candidates": candidates,
        "chosen_slot_id": None,
        **options(0, *shown),
    }
    assert dispatcher.messages == []
    [search] = running.requests_to("GET", "/Slot")
    assert search.headers["Authorization"] == f"Bearer {TOKEN}"


async def test_free_times_are_looked_up_from_now_in_the_window(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    await FORM.validate_preferred_time("Monday", dispatcher, make_tracker(text="Monday"), {})
    [search] = running.requests_to("GET", "/Slot")
    assert search.query == {
        "status": ["free"],
        "start": ["ge2030-01-01T10:00:00+01:00", "lt2030-01-15T10:00:00+01:00"],
        "_count": ["100"],
    }


async def test_at_most_thirty_candidates_are_kept(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    first = datetime(2030, 1, 7, 8, tzinfo=CET)
    starts = [first + timedelta(minutes=15 * n) for n in range(40)]
    stand_in.slots = {
        f"s{n}": SlotRecord(f"s{n}", start, start + timedelta(minutes=15), "dr-okafor", "Okafor")
        for n, start in enumerate(starts)
    }
    stand_in.start()
    result = await FORM.validate_preferred_time(
        "Monday", dispatcher, make_tracker(text="Monday"), {}
    )
    assert [c["id"] for c in result["slot_candidates"]] == [f"s{n}" for n in range(30)]
    assert result["slot_option_1_title"] == "Monday 7 January at 8am"
    assert result["slot_option_3_title"] == "Monday 7 January at 8:30am"


async def test_no_matching_time_asks_for_another(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    value = "Tuesday"
    result = await FORM.validate_preferred_time(value, dispatcher, make_tracker(text=value), {})
    assert result == {"preferred_time": None}
    assert responses(dispatcher) == ["utter_no_matching_slots"]


@pytest.mark.parametrize("value", ["banana", "yes please", ""])
async def test_an_unreadable_time_is_asked_again(
    dispatcher: CollectingDispatcher, running: FakeScheduling, value: str
) -> None:
    result = await FORM.validate_preferred_time(value, dispatcher, make_tracker(text=value), {})
    assert result == {"preferred_time": None}
    assert responses(dispatcher) == ["utter_wrong_preferred_time"]
    assert running.received == []  # nothing to look up


@pytest.mark.parametrize("problem", ["down", "http-503", "wrong-token"])
async def test_an_unreachable_calendar_keeps_name_and_contact(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    stand_in: FakeScheduling,
    problem: str,
) -> None:
    if problem != "down":
        stand_in.start()
    if problem == "http-503":
        stand_in.fail_next("status", "GET", status=503)
    if problem == "wrong-token":
        monkeypatch.setenv("SCHEDULING_API_TOKEN", "not-the-token")
    slots = {"patient_name": "Anne-Marie O'Brien", "patient_contact": "+447700900123"}
    tracker = make_tracker(
        text="Monday morning",
        slots=dict(slots),
        events=[
            {"event": "user", "text": "Monday morning"},
            {"event": "slot", "name": "preferred_time", "value": "Monday morning"},
        ],
        active_loop="booking_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert events == [SlotSet("preferred_time", None)]
    assert responses(dispatcher) == ["utter_scheduling_unavailable"]
    assert {name: tracker.get_slot(name) for name in slots} == slots


# --- chosen_slot_id -----------------------------------------------------------------------


def offered(page: int = 0, candidates: list[dict[str, str]] = ALL) -> Any:
    return make_tracker(
        slots={"slot_candidates": candidates, "slot_offer_page": float(page)},
        active_loop="booking_form",
    )


@pytest.mark.parametrize(
    ("value", "chosen"),
    [
        ("slot-1", C1),  # a button
        ("slot-3", C3),
        ("the first one", C1),
        ("the second one", C2),
        ("the third one", C3),
        ("second", C2),
        ("2", C2),
        ("Third please", C3),
        ("one", C1),
    ],
    ids=lambda value: value if isinstance(value, str) else value["id"],
)
def test_an_offered_time_is_chosen(
    dispatcher: CollectingDispatcher, value: str, chosen: dict[str, str]
) -> None:
    assert FORM.validate_chosen_slot_id(value, dispatcher, offered(), {}) == {
        "chosen_slot_id": chosen["id"],
        "chosen_slot_title": chosen["title"],
    }
    assert dispatcher.messages == []


def test_the_choice_is_read_on_the_page_shown(dispatcher: CollectingDispatcher) -> None:
    assert FORM.validate_chosen_slot_id("the first one", dispatcher, offered(page=1), {}) == {
        "chosen_slot_id": "slot-4",
        "chosen_slot_title": C4["title"],
    }


@pytest.mark.parametrize("value", ["none", "None of these", "none of them"])
def test_none_of_these_shows_the_next_page(dispatcher: CollectingDispatcher, value: str) -> None:
    assert FORM.validate_chosen_slot_id(value, dispatcher, offered(), {}) == {
        "chosen_slot_id": None,
        **options(1, C4),
    }
    assert dispatcher.messages == []


@pytest.mark.parametrize(("page", "candidates"), [(1, ALL), (0, [C1, C2, C3]), (0, [C1])])
def test_none_on_the_last_page_asks_for_other_times(
    dispatcher: CollectingDispatcher, page: int, candidates: list[dict[str, str]]
) -> None:
    tracker = offered(page, candidates)
    assert FORM.validate_chosen_slot_id("none", dispatcher, tracker, {}) == {
        "chosen_slot_id": None,
        "preferred_time": None,
    }
    assert responses(dispatcher) == ["utter_no_more_slots"]


@pytest.mark.parametrize(
    ("value", "page"),
    [
        ("banana", 0),
        ("", 0),
        ("slot-4", 0),  # a real time, but not one of the buttons shown
        ("slot-1", 1),  # a button from the page before
        ("2", 1),  # the last page has one time only
        ("the fifth", 0),
    ],
)
def test_an_unclear_choice_is_asked_again(
    dispatcher: CollectingDispatcher, value: str, page: int
) -> None:
    assert FORM.validate_chosen_slot_id(value, dispatcher, offered(page), {}) == {
        "chosen_slot_id": None
    }
    assert responses(dispatcher) == ["utter_wrong_chosen_slot_id"]


# --- ActionBookAppointment ----------------------------------------------------------------


def confirmed(
    slot: dict[str, str] = C2, contact: str = "+447700900123", confirmed: Any = True
) -> Any:
    return make_tracker(
        intent="affirm",
        slots={
            **CHECKIN,
            "patient_name": "Anne-Marie O'Brien",
            "patient_contact": contact,
            "preferred_time": "Monday morning",
            "slot_candidates": ALL,
            "slot_offer_page": 0.0,
            "chosen_slot_id": slot["id"],
            "chosen_slot_title": slot["title"],
            "booking_confirmed": confirmed,
        },
        events=CONVERSATION,
    )


def reference_in(events: list[dict[str, Any]]) -> str:
    [reference] = [e["value"] for e in events if e["name"] == "booking_reference"]
    assert REFERENCE.fullmatch(reference)
    return str(reference)


@pytest.mark.parametrize("answer", [False, None])
async def test_a_declined_booking_books_nothing(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    running: FakeScheduling,
    answer: bool | None,
) -> None:
    events = await ActionBookAppointment().run(dispatcher, confirmed(confirmed=answer), domain)
    assert events == [
        SlotSet("booking_outcome", "declined"),
        SlotSet("chosen_slot_id", None),
        SlotSet("booking_confirmed", None),
    ]
    assert running.received == []
    assert dispatcher.messages == []


async def test_a_confirmed_booking_is_booked_with_the_hand_off_summary(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    events = await ActionBookAppointment().run(dispatcher, confirmed(), domain)
    reference = reference_in(events)
    assert events == [
        SlotSet("booking_outcome", "booked"),
        SlotSet("booking_reference", reference),
        SlotSet("booking_time_text", "Monday 7 January at 9:30am"),
        SlotSet("chosen_slot_id", None),
        SlotSet("booking_confirmed", None),
    ]
    assert dispatcher.messages == []

    [post] = running.requests_to("POST", "/Appointment")
    assert running.bookings_made == 1
    assert post.headers["Idempotency-Key"] == reference
    assert post.body["identifier"] == [
        {"system": "urn:clinic:booking-reference", "value": reference}
    ]
    assert post.body["slot"] == [{"reference": "Slot/slot-2"}]
    [patient] = post.body["contained"]
    assert patient["name"] == [{"text": "Anne-Marie O'Brien"}]
    assert patient["telecom"] == [{"system": "phone", "value": "+447700900123"}]
    assert post.body["reasonCode"] == [{"text": REASONS}]
    assert post.body["comment"] == SUMMARY
    assert running.slots["slot-2"].status == "busy"

    row = await booking_service().get(reference)
    assert row is not None
    assert (row.status, row.request.summary) == (DELIVERED, SUMMARY)


async def test_the_booked_time_is_the_one_the_service_gave(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    stale = {"id": "slot-2", "title": "a title from an older page"}
    events = await ActionBookAppointment().run(dispatcher, confirmed(stale), domain)
    assert SlotSet("booking_time_text", "Monday 7 January at 9:30am") in events


async def test_an_email_contact_and_no_reasons_are_booked_as_such(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    tracker = confirmed(contact="bob@example.com")
    tracker.slots["triage_reasons"] = ""
    await ActionBookAppointment().run(dispatcher, tracker, domain)
    [post] = running.requests_to("POST", "/Appointment")
    assert post.body["contained"][0]["telecom"] == [{"system": "email", "value": "bob@example.com"}]
    assert post.body["reasonCode"] == [{"text": "Joint pain consultation"}]


async def test_a_booking_during_an_outage_is_kept_and_delivered_later(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], stand_in: FakeScheduling
) -> None:
    events = await ActionBookAppointment().run(dispatcher, confirmed(), domain)
    reference = reference_in(events)
    assert events == [
        SlotSet("booking_outcome", "pending"),
        SlotSet("booking_reference", reference),
        SlotSet("booking_time_text", C2["title"]),
        SlotSet("chosen_slot_id", None),
        SlotSet("booking_confirmed", None),
    ]
    row = await booking_service().get(reference)
    assert row is not None
    assert (row.status, row.request.slot_id, row.request.summary) == (PENDING, "slot-2", SUMMARY)

    stand_in.start()
    assert await booking_service().deliver_pending() == 1
    assert [a["comment"] for a in stand_in.appointments_for(reference)] == [SUMMARY]


async def test_a_taken_time_offers_the_others_again(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    running.slots["slot-1"].status = "busy"  # someone else was quicker
    events = await ActionBookAppointment().run(dispatcher, confirmed(C1), domain)
    assert events == [
        SlotSet("booking_outcome", "slot_taken"),
        SlotSet("slot_candidates", [C2, C3, C4]),
        SlotSet("chosen_slot_id", None),
        SlotSet("booking_confirmed", None),
        *as_events(options(0, C2, C3, C4)),
    ]
    assert dispatcher.messages == []
    assert running.bookings_made == 0


async def test_a_refused_booking_is_kept_for_staff(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    gone = {"id": "slot-99", "title": "Monday 7 January at 4pm"}  # unknown to the service
    events = await ActionBookAppointment().run(dispatcher, confirmed(gone), domain)
    reference = reference_in(events)
    assert events[0] == SlotSet("booking_outcome", "pending")
    row = await booking_service().get(reference)
    assert row is not None
    assert row.status == FAILED
    assert row.last_error is not None and "slot-99" in row.last_error


# --- ActionCancelAppointment --------------------------------------------------------------


def cancel_request(reference: str | None) -> Any:
    entities = [{"entity": "booking_reference", "value": reference}] if reference else []
    return make_tracker(
        text=f"cancel {reference or 'my appointment'}",
        intent="cancel_appointment",
        entities=entities,
    )


async def test_cancelling_without_a_reference_asks_for_it(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    events = await ActionCancelAppointment().run(dispatcher, cancel_request(None), domain)
    assert events == [SlotSet("cancel_outcome", "missing_reference")]
    assert running.received == []


async def test_an_unknown_reference_is_not_found(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    events = await ActionCancelAppointment().run(dispatcher, cancel_request("jpc-zzzzzz"), domain)
    assert events == [
        SlotSet("cancel_outcome", "not_found"),
        SlotSet("booking_reference", "JPC-ZZZZZZ"),
    ]
    [lookup] = running.requests_to("GET", "/Appointment")
    assert lookup.query == {"identifier": ["urn:clinic:booking-reference|JPC-ZZZZZZ"]}


async def test_a_booked_appointment_is_cancelled(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    reference = reference_in(await ActionBookAppointment().run(dispatcher, confirmed(), domain))
    events = await ActionCancelAppointment().run(
        dispatcher, cancel_request(reference.lower()), domain
    )
    assert events == [
        SlotSet("cancel_outcome", "cancelled"),
        SlotSet("booking_reference", reference),
    ]
    [appointment] = running.appointments_for(reference)
    assert appointment["status"] == "cancelled"
    assert running.slots["slot-2"].status == "free"


async def test_a_booking_still_in_the_outbox_is_cancelled(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], stand_in: FakeScheduling
) -> None:
    reference = reference_in(await ActionBookAppointment().run(dispatcher, confirmed(), domain))
    events = await ActionCancelAppointment().run(dispatcher, cancel_request(reference), domain)
    assert events == [
        SlotSet("cancel_outcome", "cancelled"),
        SlotSet("booking_reference", reference),
    ]
    row = await booking_service().get(reference)
    assert row is not None and row.status == "cancelled"
    stand_in.start()
    await booking_service().deliver_pending()
    assert stand_in.bookings_made == 0  # never delivered after the cancellation


@pytest.mark.parametrize("problem", ["down", "http-500", "http-400"])
async def test_a_service_error_while_cancelling_says_unavailable(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    stand_in: FakeScheduling,
    problem: str,
) -> None:
    if problem != "down":
        stand_in.start()
        stand_in.fail_next("status", "GET", status=int(problem.removeprefix("http-")))
    events = await ActionCancelAppointment().run(dispatcher, cancel_request("JPC-ABC234"), domain)
    assert events == [
        SlotSet("cancel_outcome", "unavailable"),
        SlotSet("booking_reference", "JPC-ABC234"),
    ]


# --- helpers ------------------------------------------------------------------------------


def test_topics_asked_lists_each_faq_answer_once_in_order() -> None:
    assert topics_asked(make_tracker(events=CONVERSATION)) == ["sciatica", "otc_medication"]
    assert topics_asked(make_tracker()) == []


@pytest.mark.parametrize(
    ("candidates", "page", "shown"),
    [
        (ALL, 0, [C1, C2, C3]),
        (ALL, 1, [C4]),
        (ALL, 2, []),
        ([C1, C2], 0, [C1, C2]),
        ([], 0, []),
    ],
)
def test_option_slots_fill_the_three_buttons(
    candidates: list[dict[str, str]], page: int, shown: list[dict[str, str]]
) -> None:
    assert option_slots(candidates, page) == as_events(options(page, *shown))


def test_handoff_summary_has_everything_staff_need() -> None:
    assert handoff_summary(confirmed()) == SUMMARY


def test_handoff_summary_with_nothing_answered() -> None:
    assert handoff_summary(make_tracker()) == (
        "Duration not given; severity not given; nerve symptoms not given; "
        "red flags not asked; outcome: self-care advice given"
    )


def test_handoff_summary_of_an_emergency() -> None:
    tracker = make_tracker(slots={**CHECKIN, "red_flags_denied": False, "preferred_time": "asap"})
    assert handoff_summary(tracker) == (
        "Pain for 30 days; severity 8/10; numbness in foot; RED FLAGS: reported, not specified; "
        "outcome: emergency advice given Preferred times: asap."
    )


def test_handoff_summary_follows_the_configured_rules(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rules = tmp_path / "referral.yml"
    rules.write_text("min_days_for_referral: 90\nsevere_from: 10\nrefer_on_nerve_symptoms: false\n")
    monkeypatch.setenv("REFERRAL_RULES_FILE", str(rules))
    assert "outcome: self-care advice given" in handoff_summary(make_tracker(slots=CHECKIN))


async def test_a_callback_needs_a_name_and_contact(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    from actions.booking import ActionRequestCallback

    events = await ActionRequestCallback().run(dispatcher, make_tracker(), domain)
    assert events == [SlotSet("callback_outcome", "missing_contact")]


async def test_a_callback_request_is_stored_with_a_reference(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    from actions.booking import ActionRequestCallback, booking_service
    from adapters.callbacks import CallbackStore

    tracker = make_tracker(
        slots={
            "patient_name": "Anna Smith",
            "patient_contact": "+447700900123",
            "preferred_time": "friday evening",
        }
    )
    events = await ActionRequestCallback().run(dispatcher, tracker, domain)
    reference = events[1]["value"]
    assert events[0] == SlotSet("callback_outcome", "saved")
    assert events[1] == SlotSet("booking_reference", reference)
    [stored] = await CallbackStore(booking_service().engine).all()
    assert (stored.reference, stored.name, stored.contact) == (
        reference,
        "Anna Smith",
        "+447700900123",
    )
    assert stored.preferred_times == "friday evening"
