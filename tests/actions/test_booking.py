"""The booking actions against the local stand-in of the scheduling service.

The stand-in's free times are on Monday 7 January 2030 (CET); the clinic's clock is pinned to
Tuesday 1 January 2030, 10:00, in the same zone, so "Monday" means the 7th (and the 14th, which
has no free times) and titles read as the stand-in's own times.
"""

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecutionRejected, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from action_server.io.callbacks import CallbackRequest, CallbackStore
from action_server.io.outbox import DELIVERED, FAILED, PENDING
from action_server.io.scheduling_client import BookingRequest, new_booking_reference
from actions import booking, contact
from actions.booking import (
    READ_ANSWER,
    ActionAskBookingConfirmed,
    ActionBookAppointment,
    ActionRequestCallback,
    ActionStoppedBooking,
    ValidateBookingForm,
    ValidateCallbackForm,
    booking_service,
    handoff_summary,
    option_slots,
    topics_asked,
)
from actions.contact import contact_details
from clinic.faq.catalogue import FaqEntry
from clinic.triage.referral import DURATION_REASON, NERVE_REASON, SEVERITY_REASON
from tests.action_server.io.fake_scheduling import (
    CET,
    TOKEN,
    FakeScheduling,
    SlotRecord,
    day_of_slots,
    default_slots,
)
from tests.actions.conftest import make_tracker

NOW = datetime(2030, 1, 1, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
FORM = ValidateBookingForm()
ADDRESS = "1 Test Lane, London"
CONTACT_FILE = f'phone: "020 7946 0999"\nhours: "9am to 5pm"\naddress: "{ADDRESS}"\n'

OKAFOR = ("Dr. Okafor (consultant)", "Dr. Amara Okafor (consultant rheumatologist)")
LINDQVIST = ("Dr. Lindqvist (doctor)", "Dr. Erik Lindqvist (sports and exercise medicine doctor)")
HUGHES = ("Rhian Hughes (physio)", "Rhian Hughes (physiotherapist)")


def offer(slot_id: str, clock: str, who: tuple[str, str], day: int = 7) -> dict[str, str]:
    """A candidate as validate_preferred_time offers it: button title and confirmation text."""
    weekday = {7: "Monday", 8: "Tuesday", 14: "Monday"}[day]
    return {
        "id": slot_id,
        "title": f"{weekday[:3]} {day} Jan, {clock} - {who[0]}",
        "details": f"{weekday} {day} January at {clock} with {who[1]} at {ADDRESS}",
        "minutes": "30",
    }


C1 = offer("slot-1", "9am", OKAFOR)
C2 = offer("slot-2", "9:30am", OKAFOR)
C3 = offer("slot-3", "11am", LINDQVIST)
C4 = offer("slot-4", "2pm", LINDQVIST)
ALL = [C1, C2, C3, C4]
PHYSIO = offer("physio-1", "10am", HUGHES)

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
PHONE = "+447700900123"
EMAIL = "anne@example.com"


def bot(utter_action: str | None) -> dict[str, Any]:
    metadata = {"utter_action": utter_action} if utter_action else {}
    return {"event": "bot", "text": "...", "data": {}, "metadata": metadata}


def user(text: str = "...") -> dict[str, Any]:
    return {"event": "user", "text": text, "metadata": {}}


CONVERSATION: list[dict[str, Any]] = [
    {"event": "action", "name": "action_listen"},
    user("what is sciatica"),
    bot("utter_faq/sciatica"),
    user("can I take ibuprofen"),
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


def offered_values(value: str, *candidates: dict[str, str]) -> dict[str, Any]:
    """What validate_preferred_time returns when it offers `candidates` for `value`."""
    return {
        "preferred_time": value,
        "slot_candidates": list(candidates),
        "chosen_slot_id": None,
        "booking_confirmed": None,
        **options(0, *candidates[:3]),
    }


def as_events(values: dict[str, Any]) -> list[SlotSet]:
    return [SlotSet(name, value) for name, value in values.items()]


def physio_at_ten() -> SlotRecord:
    start = datetime(2030, 1, 7, 10, tzinfo=CET)
    return SlotRecord(
        "physio-1",
        start,
        start + timedelta(minutes=30),
        "pt-hughes",
        "Rhian Hughes",
        clinician_role="physiotherapist",
        clinician_short_role="physio",
    )


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
    monkeypatch.setenv("SCHEDULING_RETRIES", "0")  # fail fast in outage tests
    monkeypatch.setenv("SCHEDULING_TIMEOUT_S", "2")
    monkeypatch.setenv("OUTBOX_DATABASE_URL", f"sqlite:///{tmp_path / 'outbox.db'}")
    monkeypatch.setenv("CLINIC_TIMEZONE", "Europe/Paris")
    monkeypatch.setenv("PHONE_REGION", "GB")
    monkeypatch.setenv("CLINIC_CONTACT_FILE", str(contact))
    monkeypatch.delenv("REFERRAL_RULES_FILE", raising=False)
    monkeypatch.setattr(booking, "clinic_now", lambda: NOW)
    booking_service.cache_clear()
    yield
    booking_service.cache_clear()


# --- preferred_time -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "extracted"),
    [
        ("book me in for Monday afternoon", {"preferred_time": "book me in for Monday afternoon"}),
        ("I'd like an appointment", {}),  # no time said: the form asks
    ],
)
async def test_a_time_in_the_request_itself_is_taken(
    dispatcher: CollectingDispatcher, text: str, extracted: dict[str, Any]
) -> None:
    tracker = make_tracker(text=text, intent="request_appointment")
    assert await FORM.extract_preferred_time(dispatcher, tracker, {}) == extracted


@pytest.mark.parametrize(
    ("first", "extracted"),
    [
        (
            "booking for my father. his back is bad. he can only come after 5",
            {"preferred_time": "he can only come after 5"},
        ),
        # a day told with the story is not when they can come
        ("hurt it last friday, can i book", {}),
        # a request to book told with the story, which started the check-in first
        (
            "book me in monday please, back pain for a month",
            {"preferred_time": "book me in monday please"},
        ),
    ],
)
async def test_when_the_patient_can_come_said_before_the_checkin_is_taken(
    dispatcher: CollectingDispatcher, first: str, extracted: dict[str, Any]
) -> None:
    events: list[dict[str, Any]] = [
        {"event": "user", "text": first, "parse_data": {"intent": {"name": "describe_own_pain"}}},
        {"event": "bot", "text": "One safety question: ..."},
        {"event": "user", "text": "No", "parse_data": {"intent": {"name": "deny"}}},
    ]
    tracker = make_tracker(text="No", intent="deny", events=events)
    assert await FORM.extract_preferred_time(dispatcher, tracker, {}) == extracted


MOVE_REQUEST = "reschedule JPC-ZD7E9N, number 07700 900654, to any afternoon next week"


@pytest.mark.parametrize(
    ("asked", "extracted"),
    [
        (
            MOVE_REQUEST,
            {"preferred_time": " JPC-ZD7E9N, number 07700 900654, to any afternoon next week"},
        ),
        # the day of the booking being moved is not the wish for the new one
        ("i booked for tuesday but want to move it", {}),
        ("I booked for Tuesday but want to move it to Friday", {"preferred_time": " it to Friday"}),
        ("I need to move my appointment", {}),  # no time said: the form asks
    ],
)
async def test_a_time_in_the_request_to_move_a_booking_is_taken(
    dispatcher: CollectingDispatcher, asked: str, extracted: dict[str, Any]
) -> None:
    events: list[dict[str, Any]] = [
        {
            "event": "user",
            "text": asked,
            "parse_data": {"intent": {"name": "reschedule_appointment"}},
        },
        {"event": "bot", "text": "What phone number or email did you book with?"},
        {"event": "user", "text": "07700 900654", "parse_data": {"intent": {"name": "inform"}}},
    ]
    tracker = make_tracker(
        text="07700 900654", intent="inform", events=events, slots={"reschedule_from": "JPC-ZD7E9N"}
    )
    assert await FORM.extract_preferred_time(dispatcher, tracker, {}) == extracted


async def test_the_time_wished_for_wins_over_a_time_that_does_not_suit(
    dispatcher: CollectingDispatcher,
) -> None:
    asked = "i have a dentist tue morning. can i move it to thursday evening? ref JPC-QJGED3"
    events: list[dict[str, Any]] = [
        {
            "event": "user",
            "text": asked,
            "parse_data": {"intent": {"name": "reschedule_appointment"}},
        }
    ]
    tracker = make_tracker(
        text=asked,
        intent="reschedule_appointment",
        events=events,
        slots={"reschedule_from": "JPC-QJGED3"},
    )
    extracted = await FORM.extract_preferred_time(dispatcher, tracker, {})
    assert "thursday evening" in extracted["preferred_time"]
    assert "tue" not in extracted["preferred_time"]


async def test_a_bare_time_after_the_day_asked_for_before_the_safety_question_keeps_the_day(
    dispatcher: CollectingDispatcher,
) -> None:
    events: list[dict[str, Any]] = [
        {
            "event": "user",
            "text": "yes please, friday morning ideally",
            "parse_data": {"intent": {"name": "request_appointment"}},
        },
        {"event": "bot", "text": "I'll help you book straight after one safety question."},
        {"event": "user", "text": "9:30", "parse_data": {"intent": {"name": "inform"}}},
    ]
    tracker = make_tracker(text="9:30", intent="inform", events=events)
    extracted = await FORM.extract_preferred_time(dispatcher, tracker, {})
    assert extracted == {"preferred_time": "yes please, friday morning ideally. 9:30"}


@pytest.mark.parametrize(
    "slots",
    [{"preferred_time": "Tuesday"}, {"requested_slot": "patient_name"}],
)
async def test_a_time_is_not_taken_from_later_answers(
    dispatcher: CollectingDispatcher, slots: dict[str, Any]
) -> None:
    tracker = make_tracker(text="Monday afternoon", slots=slots, active_loop="booking_form")
    assert await FORM.extract_preferred_time(dispatcher, tracker, {}) == {}


@pytest.mark.parametrize(
    ("value", "candidates"),
    [
        ("Monday", ALL),
        ("Monday morning", [C1, C2, C3]),
        ("next week after 10", [C3, C4]),
        ("Monday afternoon", [C4]),
    ],
)
async def test_matching_free_times_are_offered(
    dispatcher: CollectingDispatcher,
    running: FakeScheduling,
    value: str,
    candidates: list[dict[str, str]],
) -> None:
    result = await FORM.validate_preferred_time(value, dispatcher, make_tracker(text=value), {})
    assert result == offered_values(value, *candidates)
    assert dispatcher.messages == []
    assert {r.headers["Authorization"] for r in running.requests_to("GET", "/Slot")} == {
        f"Bearer {TOKEN}"
    }


async def test_each_requested_day_is_searched_on_its_own(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    await FORM.validate_preferred_time(
        "Monday afternoon", dispatcher, make_tracker(text="Monday afternoon"), {}
    )
    assert [r.query for r in running.requests_to("GET", "/Slot")] == [
        {
            "status": ["free"],
            "start": [f"ge2030-01-{day}T13:00:00+01:00", f"lt2030-01-{day}T17:00:00+01:00"],
            "_count": ["12"],
        }
        for day in ("07", "14")
    ]


@pytest.mark.parametrize(
    ("value", "candidates"),
    [
        ("after 5pm or on a Monday", ALL),
        ("Monday before 10 or after 1pm", [C1, C2, C4]),
        ("Monday morning or Tuesday evening", [C1, C2, C3]),
    ],
)
async def test_each_alternative_is_searched(
    dispatcher: CollectingDispatcher,
    running: FakeScheduling,
    value: str,
    candidates: list[dict[str, str]],
) -> None:
    result = await FORM.validate_preferred_time(value, dispatcher, make_tracker(text=value), {})
    assert result == offered_values(value, *candidates)


async def test_alternatives_are_searched_day_by_day(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    value = "after 5pm or on a Monday"
    await FORM.validate_preferred_time(value, dispatcher, make_tracker(text=value), {})
    starts = [r.query["start"] for r in running.requests_to("GET", "/Slot")]
    assert starts[:2] == [
        ["ge2030-01-01T17:00:00+01:00", "lt2030-01-02T00:00:00+01:00"],
        ["ge2030-01-02T17:00:00+01:00", "lt2030-01-03T00:00:00+01:00"],
    ]
    assert ["ge2030-01-07T00:00:00+01:00", "lt2030-01-08T00:00:00+01:00"] in starts


async def test_a_full_day_does_not_hide_a_later_requested_day(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    first = datetime(2030, 1, 7, 8, tzinfo=CET)
    busy_monday = [first + timedelta(minutes=15 * n) for n in range(20)]
    later = datetime(2030, 1, 14, 9, tzinfo=CET)
    stand_in.slots = {
        f"s{n}": SlotRecord(f"s{n}", start, start + timedelta(minutes=15), "dr-okafor", "Okafor")
        for n, start in enumerate([*busy_monday, later])
    }
    stand_in.start()
    result = await FORM.validate_preferred_time(
        "Monday", dispatcher, make_tracker(text="Monday"), {}
    )
    ids = [c["id"] for c in result["slot_candidates"]]
    assert ids == [f"s{n}" for n in range(12)] + ["s20"]  # 12 a day, then the next Monday


async def test_at_most_thirty_candidates_are_kept_and_no_more_days_are_asked(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    stand_in.slots = {}
    for day in range(7, 12):  # Monday to Friday, 20 quarter-hours each
        first = datetime(2030, 1, day, 8, tzinfo=CET)
        for n in range(20):
            start = first + timedelta(minutes=15 * n)
            stand_in.slots[f"d{day}-{n:02d}"] = SlotRecord(
                f"d{day}-{n:02d}", start, start + timedelta(minutes=15), "dr-okafor", "Okafor"
            )
    stand_in.start()
    value = "next week"
    result = await FORM.validate_preferred_time(value, dispatcher, make_tracker(text=value), {})
    ids = [c["id"] for c in result["slot_candidates"]]
    assert len(ids) == 30
    assert ids == [f"d{day}-{n:02d}" for day in (7, 8, 9) for n in range(12)][:30]
    assert result["slot_option_1_title"] == "Mon 7 Jan, 8am - Okafor"
    assert len(stand_in.requests_to("GET", "/Slot")) == 3  # 36 in hand after three days


async def test_the_latest_on_a_day_offers_its_last_times_not_its_first_evening_ones(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    stand_in.slots = {}
    first = datetime(2030, 1, 3, 9, tzinfo=CET)  # a Thursday, open until 7pm
    for n in range(20):  # three clinicians every half hour: more than a day's usual search
        start = first + timedelta(minutes=30 * n)
        for who in ("Okafor", "Lindqvist", "Hughes"):
            stand_in.slots[f"t{n:02d}-{who}"] = SlotRecord(
                f"t{n:02d}-{who}", start, start + timedelta(minutes=30), who.lower(), who
            )
    stand_in.start()
    value = "whats the latest you have on a thursday"
    result = await FORM.validate_preferred_time(value, dispatcher, make_tracker(text=value), {})
    offered = {c["id"].split("-")[0] for c in result["slot_candidates"]}
    assert offered == {"t17", "t18", "t19"}
    assert result["slot_option_1_title"].startswith("Thu 3 Jan, 5:30pm")


async def test_the_first_weekday_asked_for_full_is_said_before_the_next_ones(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    stand_in.slots = {}
    start = datetime(2030, 1, 14, 9, tzinfo=CET)  # the Monday after the coming one (7th)
    stand_in.slots["m14"] = SlotRecord("m14", start, start + timedelta(minutes=30), "ok", "Okafor")
    stand_in.start()
    value = "monday before 10"
    result = await FORM.validate_preferred_time(value, dispatcher, make_tracker(text=value), {})
    assert [c["id"] for c in result["slot_candidates"]] == ["m14"]
    assert dispatcher.messages[0]["response"] == "utter_day_full"
    assert dispatcher.messages[0]["day"] == "Monday 7 January"


async def test_a_full_first_day_is_not_said_when_another_day_asked_is_offered(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    stand_in.slots = {}
    thursday = datetime(2030, 1, 10, 9, tzinfo=CET)  # Monday the 7th is full
    stand_in.slots["t10"] = SlotRecord(
        "t10", thursday, thursday + timedelta(minutes=30), "ok", "Okafor"
    )
    stand_in.start()
    value = "monday or thursday before 10"
    result = await FORM.validate_preferred_time(value, dispatcher, make_tracker(text=value), {})
    assert [c["id"] for c in result["slot_candidates"]] == ["t10"]
    assert "utter_day_full" not in [m.get("response") for m in dispatcher.messages]


async def test_nothing_on_the_day_asked_offers_the_nearest_times_said_so(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    # Only Monday has times: "Tuesday afternoon" gets Monday's afternoon, "Tuesday" any.
    value = "Tuesday afternoon"
    result = await FORM.validate_preferred_time(value, dispatcher, make_tracker(text=value), {})
    assert [c["id"] for c in result["slot_candidates"]] == ["slot-4"]
    # a weekday afternoon is in opening hours: only full, no hours said
    assert responses(dispatcher) == ["utter_nearest_times_open"]
    dispatcher.messages.clear()
    value = "Saturday"
    result = await FORM.validate_preferred_time(value, dispatcher, make_tracker(text=value), {})
    # the weekend is outside them: the hours are said, and the nearest weekday times offered
    assert responses(dispatcher) == ["utter_closed_at_weekends"]
    assert dispatcher.messages[0]["hours"] == contact_details()["hours"]
    assert result["slot_candidates"]
    dispatcher.messages.clear()
    result = await FORM.validate_preferred_time("Tuesday", dispatcher, make_tracker(), {})
    assert [c["id"] for c in result["slot_candidates"]][:2] == ["slot-1", "slot-2"]


async def test_nothing_at_either_time_asked_offers_the_nearest_at_those_times(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    # Only Monday has times: "Tuesday at 2 or half 2" gets Monday's 2pm, not its morning.
    value = "anything on tuesday? like 2 or half 2"
    result = await FORM.validate_preferred_time(value, dispatcher, make_tracker(text=value), {})
    assert [c["id"] for c in result["slot_candidates"]] == ["slot-4"]


async def test_a_date_further_ahead_than_bookable_says_so_and_offers_the_soonest(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    value = "the week of the 11th of february"
    result = await FORM.validate_preferred_time(value, dispatcher, make_tracker(text=value), {})
    assert responses(dispatcher)[0] == "utter_too_far_ahead"
    assert dispatcher.messages[0]["phone"] == contact_details()["phone"]
    assert [c["id"] for c in result["slot_candidates"]][:1] == ["slot-1"]


async def test_no_free_time_at_all_asks_for_another(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    far = datetime(2030, 6, 3, 9, tzinfo=CET)  # beyond the weeks patients may book
    stand_in.slots = {"far": SlotRecord("far", far, far + timedelta(minutes=30), "x", "Far")}
    stand_in.start()
    value = "Tuesday"
    tracker = make_tracker(text=value, slots={"preferred_role": "physio"})
    result = await FORM.validate_preferred_time(value, dispatcher, tracker, {})
    assert result == {"preferred_time": None, "preferred_role": None}
    assert responses(dispatcher) == ["utter_no_matching_slots"]
    # A day the clinic is closed ("tomorrow" on a Friday) is explained by the hours.
    assert dispatcher.messages[-1]["hours"] == contact_details()["hours"]


@pytest.mark.parametrize("value", ["banana", "yes please", ""])
async def test_an_unreadable_time_is_asked_again(
    dispatcher: CollectingDispatcher, running: FakeScheduling, value: str
) -> None:
    result = await FORM.validate_preferred_time(value, dispatcher, make_tracker(text=value), {})
    assert result == {"preferred_time": None}
    assert responses(dispatcher) == ["utter_wrong_preferred_time"]
    assert dispatcher.messages[0]["phone"] == "020 7946 0999"  # the re-ask can name the clinic
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
    slots = {"patient_name": "Anne-Marie O'Brien", "patient_contact": PHONE}
    tracker = make_tracker(
        text="Monday morning",
        slots={**slots, "requested_slot": "preferred_time"},
        events=[
            user("Monday morning"),
            {"event": "slot", "name": "preferred_time", "value": "Monday morning"},
        ],
        active_loop="booking_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert events == [SlotSet("preferred_time", None)]
    assert responses(dispatcher) == ["utter_scheduling_unavailable"]
    assert {name: tracker.get_slot(name) for name in slots} == slots


async def test_the_form_offers_times_for_a_request_that_names_one(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    """The whole validation run on "book me for Monday afternoon", as Rasa calls it."""
    text = "book me for Monday afternoon"
    tracker = make_tracker(
        text=text, intent="request_appointment", events=[user(text)], active_loop="booking_form"
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert events == as_events(offered_values(text, C4))
    assert dispatcher.messages == []


async def test_a_question_beside_the_time_is_pointed_to_the_team(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    value = "Monday. oh also should i bring my mri scan?"
    tracker = make_tracker(text=value, intent="inform")
    result = await FORM.validate_preferred_time(value, dispatcher, tracker, {})
    assert result["preferred_time"] == value and result["slot_candidates"]
    assert responses(dispatcher) == ["utter_clinic_info"]


async def test_a_time_alone_says_nothing_more(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    tracker = make_tracker(text="Monday", intent="inform")
    await FORM.validate_preferred_time("Monday", dispatcher, tracker, {})
    assert responses(dispatcher) == []


# --- the clinician asked for --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "slots", "candidates"),
    [
        ("Monday", {}, [C1, C2, PHYSIO, C3, C4]),
        ("the physio on Monday", {}, [PHYSIO]),
        ("Monday", {"preferred_role": "physio"}, [PHYSIO]),  # asked for earlier
        ("a doctor on Monday", {}, [C1, C2, C3, C4]),
    ],
)
async def test_a_role_narrows_the_offers(
    dispatcher: CollectingDispatcher,
    stand_in: FakeScheduling,
    value: str,
    slots: dict[str, Any],
    candidates: list[dict[str, str]],
) -> None:
    stand_in.slots["physio-1"] = physio_at_ten()
    stand_in.start()
    tracker = make_tracker(text=value, slots=slots)
    result = await FORM.validate_preferred_time(value, dispatcher, tracker, {})
    assert result == offered_values(value, *candidates)


async def test_a_practical_question_while_choosing_is_pointed_to_the_team(
    dispatcher: CollectingDispatcher,
) -> None:
    said = "is there somewhere to park right outside? and can I come in to the appointment with her"
    result = await FORM.validate_chosen_slot_id(said, dispatcher, offered(), {})
    assert result == {"chosen_slot_id": None}
    assert responses(dispatcher) == ["utter_clinic_info"]


async def test_the_kind_asked_for_at_the_same_time_of_day_on_another_day(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    stand_in.slots = {"physio-1": physio_at_ten()}  # Monday 7th, 10am, a physio only
    start = datetime(2030, 1, 8, 10, tzinfo=CET)  # Tuesday 8th, 10am, a doctor
    stand_in.slots["doc-1"] = SlotRecord(
        "doc-1", start, start + timedelta(minutes=30), "dr-okafor", "Dr. Amara Okafor"
    )
    sooner = datetime(2030, 1, 7, 15, tzinfo=CET)  # Monday 3pm, a doctor: not the time asked
    stand_in.slots["doc-0"] = SlotRecord(
        "doc-0", sooner, sooner + timedelta(minutes=30), "dr-okafor", "Dr. Amara Okafor"
    )
    stand_in.start()
    value = "a doctor on monday at 10"
    result = await FORM.validate_preferred_time(value, dispatcher, make_tracker(text=value), {})
    assert [c["id"] for c in result["slot_candidates"]] == ["doc-1"]
    assert responses(dispatcher) == ["utter_role_other_days"]


@pytest.mark.parametrize(
    ("value", "slots"),
    [
        ("Monday, doesn't have to be the physio", {"preferred_role": "physio"}),
        ("monday, any clinician is fine", {"preferred_role": "physio"}),
        ("Monday", {"preferred_role": "any"}),  # said earlier
    ],
)
async def test_any_clinician_will_do_undoes_the_kind_asked_for_before(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling, value: str, slots: dict[str, Any]
) -> None:
    stand_in.slots["physio-1"] = physio_at_ten()
    stand_in.start()
    tracker = make_tracker(text=value, slots=slots)
    result = await FORM.validate_preferred_time(value, dispatcher, tracker, {})
    assert result == {**offered_values(value, C1, C2, PHYSIO, C3, C4), "preferred_role": "any"}


@pytest.mark.parametrize(
    ("text", "moved"),
    [
        ("can I see a doctor on Monday?", True),  # the new time for the booking being moved
        ("I also need another appointment on Monday for my wife", False),
    ],
)
async def test_a_request_to_book_while_moving_a_booking_is_the_new_time_unless_another(
    dispatcher: CollectingDispatcher, running: FakeScheduling, text: str, moved: bool
) -> None:
    tracker = make_tracker(
        text=text, intent="request_appointment", slots={"reschedule_from": "JPC-ABC234"}
    )
    result = await FORM.validate_preferred_time("Monday", dispatcher, tracker, {})
    assert ("reschedule_from" not in result) is moved


async def test_with_no_one_of_that_role_free_everyone_is_offered(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    value = "the physio on Monday"
    result = await FORM.validate_preferred_time(value, dispatcher, make_tracker(text=value), {})
    assert result == offered_values(value, *ALL)
    # ... and the patient is told why the times are with someone else.
    [message] = dispatcher.messages
    assert message["response"] == "utter_role_unavailable"
    assert message["role"] == "physiotherapist"


async def test_two_clinicians_free_at_the_same_time_are_told_apart(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    start = datetime(2030, 1, 7, 9, tzinfo=CET)
    stand_in.slots = {
        slot_id: SlotRecord(
            slot_id,
            start,
            start + timedelta(minutes=30),
            slot_id,
            name,
            clinician_role="consultant rheumatologist",
            clinician_short_role="consultant",
        )
        for slot_id, name in [("b", "Dr. Ngozi Okafor"), ("a", "Dr. Amara Okafor")]
    }
    stand_in.start()
    result = await FORM.validate_preferred_time(
        "Monday", dispatcher, make_tracker(text="Monday"), {}
    )
    assert [(c["id"], c["title"]) for c in result["slot_candidates"]] == [
        ("a", "Mon 7 Jan, 9am - Dr. Amara Okafor (consultant)"),
        ("b", "Mon 7 Jan, 9am - Dr. Ngozi Okafor (consultant)"),
    ]


@pytest.mark.parametrize("problem", ["missing", "incomplete"])
async def test_offers_leave_out_the_address_when_the_contact_file_cannot_be_read(
    dispatcher: CollectingDispatcher,
    running: FakeScheduling,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    problem: str,
) -> None:
    broken = tmp_path / "broken-contact.yml"
    if problem == "incomplete":
        broken.write_text('phone: "020 7946 0999"\nhours: "9 to 5"\n', encoding="utf-8")
    monkeypatch.setenv("CLINIC_CONTACT_FILE", str(broken))
    value = "Monday afternoon"
    result = await FORM.validate_preferred_time(value, dispatcher, make_tracker(text=value), {})
    assert result["slot_candidates"] == [
        {**C4, "details": "Monday 7 January at 2pm with " + LINDQVIST[1]}
    ]


# --- chosen_slot_id -----------------------------------------------------------------------


def offered(page: int = 0, candidates: list[dict[str, str]] = ALL, **slots: Any) -> Tracker:
    return make_tracker(
        slots={
            "slot_candidates": candidates,
            "slot_offer_page": float(page),
            "requested_slot": "chosen_slot_id",
            **slots,
        },
        active_loop="booking_form",
    )


def chosen(candidate: dict[str, str]) -> dict[str, Any]:
    return {
        "chosen_slot_id": candidate["id"],
        "chosen_slot_title": candidate["title"],
        "chosen_slot_details": candidate["details"],
    }


async def test_a_typed_title_chooses_its_time_when_two_days_share_the_clock(
    dispatcher: CollectingDispatcher,
) -> None:
    monday = offer("slot-m", "4:30pm", LINDQVIST)
    next_monday = offer("slot-n", "4:30pm", LINDQVIST, day=14)
    tracker = offered(candidates=[monday, next_monday])
    result = await FORM.validate_chosen_slot_id(monday["title"], dispatcher, tracker, {})
    assert result == chosen(monday)


@pytest.mark.parametrize(
    ("value", "candidate"),
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
        ("2nd pls", C2),
        ("top", C1),
        ("the earliest", C1),
        ("soonest", C1),
        ("the last", C3),
        ("latest", C3),
    ],
    ids=lambda value: value if isinstance(value, str) else value["id"],
)
async def test_an_offered_time_is_chosen(
    dispatcher: CollectingDispatcher, value: str, candidate: dict[str, str]
) -> None:
    result = await FORM.validate_chosen_slot_id(value, dispatcher, offered(), {})
    assert result == chosen(candidate)
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    ("value", "candidate"),
    [
        ("the last one", C3),
        ("the latest one", C3),
        ("the 11am one", C3),
        ("the 9:30 one", C2),
        ("the 11 o'clock one", C3),
        ("the 9 oclock with dr okafor", C1),
        ("the one with Lindqvist", C3),
    ],
)
async def test_the_last_one_or_a_time_with_one_after_it_is_that_time(
    dispatcher: CollectingDispatcher, value: str, candidate: dict[str, str]
) -> None:
    result = await FORM.validate_chosen_slot_id(value, dispatcher, offered(), {})
    assert result == chosen(candidate)


@pytest.mark.parametrize(
    "value", ["do i need a referral from my gp first?", "should i fill in a form first?"]
)
async def test_a_question_in_its_own_right_is_not_a_pick(
    dispatcher: CollectingDispatcher, value: str
) -> None:
    result = await FORM.validate_chosen_slot_id(value, dispatcher, offered(), {})
    assert result == {"chosen_slot_id": None}
    assert responses(dispatcher) == ["utter_clinic_info"]


async def test_which_clinician_is_best_is_a_question_not_a_pick(
    dispatcher: CollectingDispatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def no_schedule(dispatcher: CollectingDispatcher, in_a_form: bool) -> bool:
        return False

    monkeypatch.setattr(booking, "name_the_clinicians", no_schedule)
    value = "which one is best for osteoarthritis, the physio or the consultant?"
    tracker = offered(candidates=[C1, PHYSIO, C3])
    result = await FORM.validate_chosen_slot_id(value, dispatcher, tracker, {})
    assert result == {"chosen_slot_id": None}
    assert responses(dispatcher) == ["utter_clinic_info"]


async def test_asking_for_later_times_does_not_take_a_time_said_beside_it(
    dispatcher: CollectingDispatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    searched: list[str] = []

    async def search(
        self: Any, value: Any, dispatcher: Any, tracker: Any, domain: Any
    ) -> dict[str, Any]:
        searched.append(str(value))
        return {"preferred_time": value}

    monkeypatch.setattr(booking.ValidateBookingForm, "validate_preferred_time", search)
    late = offer("slot-l", "5:30pm", LINDQVIST)
    value = "anything later like 6 or 6:30? i finish at 5:30"
    tracker = offered(candidates=[C4, late], preferred_time="monday evening")
    result = await FORM.validate_chosen_slot_id(value, dispatcher, tracker, {})
    assert result.get("chosen_slot_id") != late["id"]
    assert searched, "the later time is searched"


async def test_a_question_instead_of_a_time_is_pointed_to_the_team(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        text="will i see a doctor or a physio?", slots={"requested_slot": "preferred_time"}
    )
    result = await FORM.validate_preferred_time(
        "will i see a doctor or a physio?", dispatcher, tracker, {}
    )
    assert result == {"preferred_time": None}
    assert responses(dispatcher) == ["utter_clinic_info"]


@pytest.mark.parametrize(
    ("text", "intent", "extracted"),
    [
        ("1:30 please. Is there parking?", "ask_clinic_info", {"chosen_slot_id": "1:30 please."}),
        ("10am. what do i need to bring", "ask_clinic_info", {"chosen_slot_id": "10am."}),
        ("I need an appointment. Is there parking?", "ask_clinic_info", {}),
        ("1:30 please", "inform", {}),  # the slot's own mapping reads a plain answer
    ],
)
async def test_a_choice_said_with_a_question_is_kept(
    dispatcher: CollectingDispatcher, text: str, intent: str, extracted: dict[str, Any]
) -> None:
    tracker = make_tracker(text=text, intent=intent, slots={"requested_slot": "chosen_slot_id"})
    assert await FORM.extract_chosen_slot_id(dispatcher, tracker, {}) == extracted
    # kept, the question is answered as its own rule would have
    assert responses(dispatcher) == (["utter_clinic_info"] if extracted else [])


async def test_asking_for_the_first_one_is_a_pick(dispatcher: CollectingDispatcher) -> None:
    result = await FORM.validate_chosen_slot_id("can i have the first", dispatcher, offered(), {})
    assert result == chosen(C1)


@pytest.mark.parametrize(("value", "candidate"), [("the first one", C4), ("the last", C4)])
async def test_the_choice_is_read_on_the_page_shown(
    dispatcher: CollectingDispatcher, value: str, candidate: dict[str, str]
) -> None:
    result = await FORM.validate_chosen_slot_id(value, dispatcher, offered(page=1), {})
    assert result == chosen(candidate)


async def test_a_candidate_saved_without_details_is_confirmed_by_its_title(
    dispatcher: CollectingDispatcher,
) -> None:
    older = {"id": "slot-1", "title": "Monday 7 January at 9am"}
    result = await FORM.validate_chosen_slot_id("slot-1", dispatcher, offered(0, [older]), {})
    assert result == {
        "chosen_slot_id": "slot-1",
        "chosen_slot_title": older["title"],
        "chosen_slot_details": older["title"],
    }


@pytest.mark.parametrize(
    "value",
    [
        "none",
        "None of these",
        "none of them",
        "anything later?",
        "any other times",
        "got more slots",
    ],
)
async def test_none_of_these_shows_the_next_page(
    dispatcher: CollectingDispatcher, value: str
) -> None:
    result = await FORM.validate_chosen_slot_id(value, dispatcher, offered(), {})
    assert result == {"chosen_slot_id": None, **options(1, C4)}
    assert dispatcher.messages == []


@pytest.mark.parametrize(("page", "candidates"), [(1, ALL), (0, [C1, C2, C3]), (0, [C1])])
async def test_none_on_the_last_page_asks_for_other_times(
    dispatcher: CollectingDispatcher, page: int, candidates: list[dict[str, str]]
) -> None:
    result = await FORM.validate_chosen_slot_id("none", dispatcher, offered(page, candidates), {})
    assert result == {"chosen_slot_id": None, "preferred_time": None}
    assert responses(dispatcher) == ["utter_no_more_slots"]


async def test_a_new_day_instead_of_a_choice_searches_again(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    value = "Monday afternoon"
    result = await FORM.validate_chosen_slot_id(value, dispatcher, offered(), {})
    # The Monday of the times on offer (7 January), not any Monday.
    assert result == offered_values("Monday afternoon 7 jan", C4)
    assert len(running.requests_to("GET", "/Slot")) == 1


@pytest.mark.parametrize(
    ("value", "page"),
    [
        ("banana", 0),
        ("", 0),
        ("2", 1),  # the last page has one time only
        ("the fourth", 0),
    ],
)
async def test_an_unclear_choice_is_asked_again(
    dispatcher: CollectingDispatcher, running: FakeScheduling, value: str, page: int
) -> None:
    result = await FORM.validate_chosen_slot_id(value, dispatcher, offered(page), {})
    assert result == {"chosen_slot_id": None}
    assert responses(dispatcher) == ["utter_wrong_chosen_slot_id"]
    assert running.received == []


async def test_a_button_from_the_page_before_is_not_read_as_an_ordinal(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    result = await FORM.validate_chosen_slot_id("slot-1", dispatcher, offered(page=1), {})
    assert result.get("chosen_slot_id") == C1["id"], "a button pressed from any page counts"


async def test_a_second_unclear_choice_offers_a_way_out(dispatcher: CollectingDispatcher) -> None:
    tracker = offered()
    tracker.events.extend(
        [user("banana"), bot("utter_wrong_chosen_slot_id"), bot("utter_ask_chosen_slot_id")]
    )
    tracker.events.append(user("apple"))
    assert await FORM.validate_chosen_slot_id("apple", dispatcher, tracker, {}) == {
        "chosen_slot_id": None
    }
    [message] = dispatcher.messages
    assert (message["response"], message["phone"], message["hours"]) == (
        "utter_form_way_out",
        "020 7946 0999",
        "9am to 5pm",
    )


# --- patient_name -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("my name is anne-marie o'brien", "Anne-Marie O'Brien"),
        ("JOHN smith", "John Smith"),
        ("Ludwig van Beethoven", "Ludwig van Beethoven"),
    ],
)
async def test_a_name_is_tidied(dispatcher: CollectingDispatcher, value: str, name: str) -> None:
    assert await FORM.validate_patient_name(value, dispatcher, make_tracker(text=value), {}) == {
        "patient_name": name
    }
    assert dispatcher.messages == []


async def test_a_name_with_a_number_we_cannot_use_keeps_the_name(
    dispatcher: CollectingDispatcher,
) -> None:
    value = "Maria Lopez 0612345678"
    assert await FORM.validate_patient_name(value, dispatcher, make_tracker(text=value), {}) == {
        "patient_name": "Maria Lopez"
    }
    assert dispatcher.messages == []


async def test_contact_details_given_for_the_name_are_kept_and_the_name_asked_again(
    dispatcher: CollectingDispatcher,
) -> None:
    value = "bob@example.com"
    assert await FORM.validate_patient_name(value, dispatcher, make_tracker(text=value), {}) == {
        "patient_name": None,
        "patient_contact": "bob@example.com",
        "patient_email": "bob@example.com",
        "patient_phone": None,
    }
    assert dispatcher.messages == [], "asked again without 'sorry'"


@pytest.mark.parametrize("value", ["12345", "no", "Fine", "stop", "my name is", "", "0612345678"])
async def test_a_bad_name_is_asked_again(dispatcher: CollectingDispatcher, value: str) -> None:
    assert await FORM.validate_patient_name(value, dispatcher, make_tracker(text=value), {}) == {
        "patient_name": None
    }
    assert responses(dispatcher) == ["utter_wrong_patient_name"]


@pytest.mark.parametrize(
    ("value", "phone", "email"),
    [
        ("Jo Bloggs, 07700 900123", PHONE, None),
        ("jo bloggs jo@example.com", None, "jo@example.com"),
        ("Jo Bloggs 07700 900123 and jo@example.com", PHONE, "jo@example.com"),
    ],
)
async def test_contact_details_given_with_the_name_are_kept(
    dispatcher: CollectingDispatcher, value: str, phone: str | None, email: str | None
) -> None:
    assert await FORM.validate_patient_name(value, dispatcher, make_tracker(text=value), {}) == {
        "patient_name": "Jo Bloggs",
        "patient_phone": phone,
        "patient_email": email,
        "patient_contact": " and ".join(v for v in (phone, email) if v),
    }
    assert dispatcher.messages == []


async def _after_the_call_was_arranged(text: str) -> tuple[CallbackStore, Tracker]:
    """A saved call-back request (no time given yet), and the patient's next message."""
    store = CallbackStore(booking_service().engine)
    await store.save(CallbackRequest("JPC-ABC234", "Kev Jones", PHONE, "", "summary"))
    tracker = make_tracker(
        text=text,
        intent="nlu_fallback",
        slots={
            "patient_contact": PHONE,
            "callback_outcome": "saved",
            "booking_reference": "JPC-ABC234",
        },
    )
    return store, tracker


async def test_a_time_said_as_a_follow_up_to_the_call_is_added_to_the_request(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    _, tracker = await _after_the_call_was_arranged("ok so monday morning then. thanks")
    await ActionRequestCallback().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["response"] == "utter_callback_time_noted"
    assert message["when"] == "monday morning"
    assert "hours" in message


async def test_the_call_back_keeps_its_own_reference_after_a_booking(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="Do I still need the call back now?",
        intent="request_callback",
        slots={
            "patient_contact": PHONE,
            "callback_outcome": "saved",
            "callback_reference": "JPC-YSBDJY",
            "booking_reference": "JPC-XWHQ95",
        },
    )
    await ActionRequestCallback().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["response"] == "utter_callback_already"
    assert message["callback_reference"] == "JPC-YSBDJY"


async def test_a_question_about_when_the_call_comes_notes_no_time(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    store, tracker = await _after_the_call_was_arranged(
        "so when will they actually call, monday? i'll be at work"
    )
    await ActionRequestCallback().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_callback_already"]
    [stored] = await store.all()
    assert stored.preferred_times == ""


@pytest.mark.parametrize(
    ("text", "slots", "extracted"),
    [
        ("it's Jo Bloggs, 07700 900123", {}, {"patient_name": "Jo Bloggs"}),
        ("07700 900123", {}, {}),  # no name in it
        ("Jo Bloggs", {}, {}),  # no contact in it: a name alone is not a contact answer
        ("Jo Bloggs, 07700 900123", {"patient_name": "Anne Smith"}, {}),
        # said while choosing a time, a full name right before the number is the name
        (
            "Jo Bloggs, 07700 900123",
            {"requested_slot": "chosen_slot_id"},
            {"patient_name": "Jo Bloggs"},
        ),
        ("the 2pm, 07700 900123", {"requested_slot": "chosen_slot_id"}, {}),
        # in lower case, the clause right before the contact details
        (
            "monday 12 with the consultant pls. sam okoro, sam.okoro@example.com",
            {"requested_slot": "chosen_slot_id"},
            {"patient_name": "Sam Okoro"},
        ),
        ("tuesday morning works, 07700 900123", {"requested_slot": "chosen_slot_id"}, {}),
        # in the request that starts the booking
        (
            "Hi, I'm Priya Shah, my number is 07700 900321. I'd like an appointment",
            {"requested_slot": None},
            {"patient_name": "Priya Shah"},
        ),
        # after commas, the clause right before the number
        (
            "can i book with the physio rhian for tuesday 15th, anytime, Mark Evans 07555 010203",
            {"requested_slot": None},
            {"patient_name": "Mark Evans"},
        ),
    ],
)
async def test_a_name_given_with_the_contact_details_is_extracted(
    dispatcher: CollectingDispatcher,
    text: str,
    slots: dict[str, Any],
    extracted: dict[str, Any],
) -> None:
    tracker = make_tracker(
        text=text, slots={"requested_slot": "patient_contact", **slots}, active_loop="booking_form"
    )
    assert await FORM.extract_patient_name(dispatcher, tracker, {}) == extracted


# --- patient_contact ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "phone", "email"),
    [
        ("07700 900123", PHONE, None),
        ("call me on 07700 900123 please", PHONE, None),
        ("+44 20 7946 0018", "+442079460018", None),
        ("Bob@Example.com", None, "bob@example.com"),
        ("email me at bob@example.com.", None, "bob@example.com"),
        ("07700 900123 or bob@example.com", PHONE, "bob@example.com"),
    ],
)
async def test_a_contact_is_normalised(
    dispatcher: CollectingDispatcher, value: str, phone: str | None, email: str | None
) -> None:
    assert await FORM.validate_patient_contact(value, dispatcher, make_tracker(text=value), {}) == {
        "patient_phone": phone,
        "patient_email": email,
        "patient_contact": " and ".join(v for v in (phone, email) if v),
    }
    assert dispatcher.messages == []


async def test_a_question_about_the_visit_beside_the_contact_is_answered(
    dispatcher: CollectingDispatcher,
) -> None:
    value = "bob@example.com please. Will I need to bring anything?"
    result = await FORM.validate_patient_contact(value, dispatcher, make_tracker(text=value), {})
    assert result["patient_email"] == "bob@example.com"
    assert [m["response"] for m in dispatcher.messages] == ["utter_clinic_info"]


async def test_a_new_phone_number_keeps_the_email_already_given(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        slots={"patient_phone": "+447700900999", "patient_email": EMAIL, "patient_contact": "x"}
    )
    assert await FORM.validate_patient_contact("07700 900123", dispatcher, tracker, {}) == {
        "patient_phone": PHONE,
        "patient_email": EMAIL,
        "patient_contact": f"{PHONE} and {EMAIL}",
    }


async def test_contact_details_already_read_are_kept_as_they_are(
    dispatcher: CollectingDispatcher,
) -> None:
    both = f"{PHONE} and {EMAIL}"
    tracker = make_tracker(slots={"patient_phone": PHONE, "patient_email": EMAIL})
    result = await FORM.validate_patient_contact(both, dispatcher, tracker, {})
    assert result == {"patient_contact": both}
    assert dispatcher.messages == []


async def test_a_local_number_is_read_in_the_configured_region(
    dispatcher: CollectingDispatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PHONE_REGION", "us")
    value = "(201) 555-0123"
    result = await FORM.validate_patient_contact(value, dispatcher, make_tracker(text=value), {})
    assert result["patient_phone"] == result["patient_contact"] == "+12015550123"


@pytest.mark.parametrize("value", ["banana", "12", "07700 900", "bob@", "2026"])
async def test_a_bad_contact_is_asked_again(dispatcher: CollectingDispatcher, value: str) -> None:
    assert await FORM.validate_patient_contact(value, dispatcher, make_tracker(text=value), {}) == {
        "patient_contact": None
    }
    assert responses(dispatcher) == ["utter_wrong_patient_contact"]


# --- booking_confirmed --------------------------------------------------------------------

DETAILS = {
    "patient_name": "Anne-Marie O'Brien",
    "patient_phone": PHONE,
    "patient_email": None,
    "patient_contact": PHONE,
}


def at_confirmation(
    text: str, intent: str = "inform", preferred_time: str = "Monday", **slots: Any
) -> Tracker:
    return make_tracker(
        text=text,
        intent=intent,
        slots={
            **DETAILS,
            "preferred_time": preferred_time,
            "slot_candidates": ALL,
            "slot_offer_page": 0.0,
            **chosen(C2),
            "requested_slot": "booking_confirmed",
            **slots,
        },
        active_loop="booking_form",
    )


async def test_another_time_shown_named_at_the_confirmation_is_taken(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    tuesday = offer("slot-5", "11am", LINDQVIST, day=8)
    tracker = at_confirmation(
        "oh wait no sorry, monday i have the school run. can i have the tuesday 11 one instead",
        slot_candidates=[C1, C2, tuesday],
    )
    result = await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {})
    assert result == {
        **chosen(tuesday),
        "booking_confirmed": None,
        "booking_change_asked": None,
    }


@pytest.mark.parametrize(
    ("text", "intent", "slots", "extracted"),
    [
        ("yes", "affirm", {}, {}),  # the domain's mapping sets True
        ("no", "deny", {}, {"booking_confirmed": READ_ANSWER}),
        ("Thursday instead", "inform", {}, {"booking_confirmed": READ_ANSWER}),
        ("no", "deny", {"requested_slot": "patient_name"}, {}),  # not at the confirmation
        # a question about a clinician is for its own rule, then the same confirmation
        ("wait whos dr okafor", "ask_clinic_info", {}, {}),
        (
            "with the consultant instead",
            "change_booking_detail",
            {},
            {"booking_confirmed": READ_ANSWER},
        ),
    ],
)
async def test_every_answer_but_yes_at_the_confirmation_is_read_by_validation(
    dispatcher: CollectingDispatcher,
    text: str,
    intent: str,
    slots: dict[str, Any],
    extracted: dict[str, Any],
) -> None:
    tracker = at_confirmation(text, intent, **slots)
    assert await FORM.extract_booking_confirmed(dispatcher, tracker, {}) == extracted


@pytest.mark.parametrize(("value", "result"), [(True, True), (False, None), ("maybe", None)])
async def test_only_yes_or_an_answer_to_read_is_kept(
    dispatcher: CollectingDispatcher, value: Any, result: bool | None
) -> None:
    tracker = at_confirmation("yes", "affirm")
    assert await FORM.validate_booking_confirmed(value, dispatcher, tracker, {}) == {
        "booking_confirmed": result
    }


@pytest.mark.parametrize(
    "text",
    ["yes please", "Yeah, go ahead", "sure", "si, yes", "lovely, yes", "never mind, just book it"],
)
async def test_a_yes_in_words_books(dispatcher: CollectingDispatcher, text: str) -> None:
    tracker = at_confirmation(text, "inform")
    assert await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {}) == {
        "booking_confirmed": True
    }
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "yes. will the doctor prescribe me something stronger than ibuprofen? its not working",
            "utter_scope_prescription",
        ),
        ("yes thank you. I can take my naproxen in the morning before the visit?", None),
        ("yes please, is there parking?", None),
    ],
)
async def test_a_yes_with_a_question_books_and_the_question_is_answered(
    dispatcher: CollectingDispatcher, text: str, said: str | None
) -> None:
    tracker = at_confirmation(text, "faq")
    assert await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {}) == {
        "booking_confirmed": True
    }
    assert len(dispatcher.messages) == 1, "the question is not left unanswered"
    if said is not None:
        assert dispatcher.messages[0]["response"] == said


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("actually no, I'll keep the one I've already got", READ_ANSWER),
        (
            "actually no, thinking about it I'll just keep the wednesday one I've already got."
            " sorry for the faff",
            READ_ANSWER,
        ),
        # even when the classifier read the "keep" as a yes
        ("no I'll keep my original appointment", True),
    ],
)
async def test_keeping_the_booking_at_a_moves_confirmation_moves_nothing(
    dispatcher: CollectingDispatcher, text: str, value: Any
) -> None:
    tracker = at_confirmation(text, "affirm", reschedule_from="JPC-AB12CD")
    assert await FORM.validate_booking_confirmed(value, dispatcher, tracker, {}) == {
        "booking_confirmed": False
    }


async def test_keeping_the_day_proposed_at_a_moves_confirmation_is_no_decline(
    dispatcher: CollectingDispatcher,
) -> None:
    # The time proposed is on a Monday (C2): "keep Monday 9:30" keeps it, not the old one.
    tracker = at_confirmation("No, then keep Monday 9:30", "deny", reschedule_from="JPC-AB12CD")
    result = await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {})
    assert result.get("booking_confirmed") is not False


async def test_keeping_the_one_proposed_books_it(dispatcher: CollectingDispatcher) -> None:
    tracker = at_confirmation("ok just keep that one", "inform", reschedule_from="JPC-AB12CD")
    assert await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {}) == {
        "booking_confirmed": True
    }


async def test_a_new_name_at_the_confirmation_is_taken_as_said(
    dispatcher: CollectingDispatcher,
) -> None:
    text = (
        "oh hang on, can you put it under my husbands name instead, Declan O'Connor, same"
        " email. its his back really"
    )
    tracker = at_confirmation(text, "change_booking_detail")
    result = await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {})
    assert result["patient_name"] == "Declan O'Connor"
    assert result["booking_confirmed"] is None


async def test_the_name_said_again_with_just_replaces_it(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = at_confirmation("no, the name is just Margaret Doyle", "change_booking_detail")
    result = await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {})
    assert result["patient_name"] == "Margaret Doyle"


async def test_a_new_name_with_a_new_time_keeps_both(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    text = "make it monday 2pm with the doctor instead, and the name is Priya Nair-Shah sorry"
    tracker = at_confirmation(text, "change_booking_detail")
    result = await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {})
    assert result["patient_name"] == "Priya Nair-Shah"
    assert "monday 2pm" in result["preferred_time"]
    # The one time that fits (Monday 2pm, a doctor) is taken as asked, not listed again.
    assert result["chosen_slot_id"] is not None
    assert result["chosen_slot_title"].startswith("Mon"), result["chosen_slot_title"]
    assert "2pm" in result["chosen_slot_title"]


@pytest.mark.parametrize(
    "text", ["yes, but can it be thursday instead?", "ok. actually can we do 10?"]
)
async def test_a_yes_with_a_change_is_the_change(
    dispatcher: CollectingDispatcher, running: FakeScheduling, text: str
) -> None:
    tracker = at_confirmation(text, "change_booking_detail")
    result = await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {})
    assert result.get("booking_confirmed") is not True


@pytest.mark.parametrize(("text", "intent"), [("no", "deny"), ("nope", "inform"), ("nah", "faq")])
async def test_the_first_no_asks_what_to_change_and_the_second_books_nothing(
    dispatcher: CollectingDispatcher, text: str, intent: str
) -> None:
    first = at_confirmation(text, intent)
    assert await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, first, {}) == {
        "booking_confirmed": None,
        "booking_change_asked": True,
    }
    second = at_confirmation(text, intent, booking_change_asked=True)
    assert await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, second, {}) == {
        "booking_confirmed": False
    }
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    "text", ["no change. yes book", "nothing to change, I said yes!", "never mind"]
)
async def test_nothing_to_change_books(dispatcher: CollectingDispatcher, text: str) -> None:
    tracker = at_confirmation(text, "deny", booking_change_asked=True)
    assert await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {}) == {
        "booking_confirmed": True
    }


async def test_an_unclear_answer_asks_what_to_change_then_says_what_can_be_changed(
    dispatcher: CollectingDispatcher,
) -> None:
    text = "hmm I'm not sure"
    first = at_confirmation(text)
    assert await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, first, {}) == {
        "booking_confirmed": None,
        "booking_change_asked": True,
    }
    assert dispatcher.messages == []
    again = at_confirmation(text, booking_change_asked=True)
    assert await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, again, {}) == {
        "booking_confirmed": None,
        "booking_change_asked": True,
    }
    assert responses(dispatcher) == ["utter_wrong_booking_change"]


CHANGED = {"booking_confirmed": None, "booking_change_asked": None}


@pytest.mark.parametrize(
    ("text", "preferred_time", "candidates"),
    [
        # The Monday of the time chosen.
        ("Monday afternoon instead", "Monday afternoon instead 7 jan", [C4]),
        # A time without a day keeps the date of the time chosen.
        ("after 1pm please", "7 jan after 1pm please", [C4]),
        ("at 11 instead", "7 jan at 11 instead", [C3]),
    ],
)
async def test_a_new_time_at_the_confirmation_offers_new_times(
    dispatcher: CollectingDispatcher,
    running: FakeScheduling,
    text: str,
    preferred_time: str,
    candidates: list[dict[str, str]],
) -> None:
    tracker = at_confirmation(text)
    result = await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {})
    assert result == {
        **offered_values(preferred_time, *candidates),
        "preferred_role": None,
        **CHANGED,
    }
    assert dispatcher.messages == []


async def test_a_new_part_of_the_day_replaces_the_one_asked_for_before(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    tracker = at_confirmation("the afternoon instead", preferred_time="Monday morning")
    result = await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {})
    assert result["slot_candidates"] == [C4]


async def test_a_new_date_with_a_month_name_replaces_the_day_asked_for_before(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    start = datetime(2030, 1, 8, 9, tzinfo=CET)
    stand_in.slots["tue"] = SlotRecord(
        "tue", start, start + timedelta(minutes=30), "dr-okafor", "Dr. Amara Okafor"
    )
    stand_in.start()
    tracker = at_confirmation("8 January instead")
    result = await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {})
    assert [c["id"] for c in result["slot_candidates"]] == ["tue"]


@pytest.mark.parametrize(
    ("text", "role", "candidates"),
    [
        ("can I see the physio instead", "physio", [PHYSIO]),
        ("I'd rather see a doctor", "doctor", [C1, C2, C3, C4]),
        # None free then: their next free time, another day or part of the day.
        ("the physio on Monday afternoon", "physio", [PHYSIO]),
    ],
)
async def test_a_clinician_asked_for_at_the_confirmation_searches_again(
    dispatcher: CollectingDispatcher,
    stand_in: FakeScheduling,
    text: str,
    role: str,
    candidates: list[dict[str, str]],
) -> None:
    stand_in.slots["physio-1"] = physio_at_ten()
    stand_in.start()
    tracker = at_confirmation(text)
    result = await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {})
    preferred_time = f"{text} 7 jan" if "Monday" in text else "Monday"
    assert result == {
        **offered_values(preferred_time, *candidates),
        "preferred_role": role,
        **CHANGED,
    }


async def test_a_clinician_asked_for_before_any_time_searches_any_time(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    stand_in.slots["physio-1"] = physio_at_ten()
    stand_in.start()
    tracker = at_confirmation("the physio please", preferred_time="")
    result = await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {})
    assert result["preferred_time"] == "any time"
    assert result["slot_candidates"] == [PHYSIO]


async def test_an_unreachable_calendar_at_the_confirmation_asks_for_the_time_again(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    tracker = at_confirmation("Monday afternoon instead")
    result = await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {})
    assert result == {
        "preferred_time": None,
        "preferred_role": None,
        "chosen_slot_id": None,
        **CHANGED,
    }
    assert responses(dispatcher) == ["utter_scheduling_unavailable"]


@pytest.mark.parametrize(
    ("text", "slots", "change"),
    [
        (
            "my email is Anne@Example.com",
            {},
            {
                "patient_phone": PHONE,
                "patient_email": EMAIL,
                "patient_contact": f"{PHONE} and {EMAIL}",
            },
        ),
        (
            "use 07700 900456 instead",
            {"patient_phone": PHONE, "patient_email": EMAIL},
            {
                "patient_phone": "+447700900456",
                "patient_email": EMAIL,
                "patient_contact": f"+447700900456 and {EMAIL}",
            },
        ),
        ("the name should be jo bloggs", {}, {"patient_name": "Jo Bloggs"}),
        ("change my name", {}, {"patient_name": None}),
        # asked again, the contact that was wrong is not kept beside the new one
        (
            "change my details",
            {},
            {"patient_contact": None, "patient_phone": None, "patient_email": None},
        ),
        ("my phone number is wrong", {}, {"patient_contact": None, "patient_phone": None}),
        ("a different time", {}, {"preferred_time": None, "chosen_slot_id": None}),
    ],
)
async def test_a_change_of_details_at_the_confirmation_is_made(
    dispatcher: CollectingDispatcher,
    running: FakeScheduling,
    text: str,
    slots: dict[str, Any],
    change: dict[str, Any],
) -> None:
    tracker = at_confirmation(text, **slots)
    result = await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {})
    assert result == {**change, **CHANGED}
    assert dispatcher.messages == []
    assert running.received == []


@pytest.mark.parametrize("text", ["my name is spelt wrong", "no, the name is wrong"])
async def test_saying_the_name_is_wrong_asks_for_it_again(
    dispatcher: CollectingDispatcher, text: str
) -> None:
    tracker = at_confirmation(text)
    result = await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {})
    assert result == {"patient_name": None, **CHANGED}


async def test_the_form_reads_a_no_at_the_confirmation_over_the_domain_mapping(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    """Rasa's mapping sets False for "deny"; the first no must only ask what to change."""
    tracker = at_confirmation("no", "deny")
    tracker.events.extend(
        [user("no"), {"event": "slot", "name": "booking_confirmed", "value": False}]
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert events == [SlotSet("booking_confirmed", None), SlotSet("booking_change_asked", True)]


async def test_a_call_back_asked_for_among_the_times_is_rejected_so_its_rule_runs(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "ugh ok just get someone to call me back then. its Kayleigh Brennan 07700 900 551"
    tracker = make_tracker(
        text=text,
        intent="request_callback",
        slots={"slot_candidates": ALL, "slot_offer_page": 0.0, "requested_slot": "chosen_slot_id"},
        active_loop="booking_form",
    )
    assert await FORM.run(dispatcher, tracker, domain) == [ActionExecutionRejected("booking_form")]


async def test_a_stop_is_rejected_by_the_form_so_the_stop_rule_runs(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    # A second booking, whose name and contact the form would read again from earlier
    # messages: they must not count as an answer to the stop.
    tracker = at_confirmation("stop", "stop", booking_reference="JPC-ABC234")
    tracker.events.append(user("stop"))
    assert await FORM.run(dispatcher, tracker, domain) == [ActionExecutionRejected("booking_form")]
    assert dispatcher.messages == []


async def test_the_form_sets_the_new_offers_from_a_change_at_the_confirmation(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    text = "Monday afternoon instead"
    tracker = at_confirmation(text)
    tracker.events.append(user(text))
    events = await FORM.run(dispatcher, tracker, domain)
    text = "Monday afternoon instead 7 jan"  # the Monday of the time chosen
    assert events == as_events(
        {
            "booking_confirmed": None,
            "preferred_time": text,
            "preferred_role": None,
            "chosen_slot_id": None,
            **offered_values(text, C4),
            "booking_change_asked": None,
        }
    )


@pytest.mark.parametrize(
    ("changing", "response"),
    [(None, "utter_ask_booking_confirmed"), (True, "utter_ask_what_to_change")],
)
async def test_the_confirmation_question_follows_a_no(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    changing: bool | None,
    response: str,
) -> None:
    tracker = at_confirmation("", booking_change_asked=changing)
    assert await ActionAskBookingConfirmed().run(dispatcher, tracker, domain) == []
    assert responses(dispatcher) == [response]


async def test_moving_a_booking_is_asked_as_a_move(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = at_confirmation("", reschedule_from="JPC-FG89QS")
    assert await ActionAskBookingConfirmed().run(dispatcher, tracker, domain) == []
    assert responses(dispatcher) == ["utter_ask_move_confirmed"]
    assert dispatcher.messages[0]["old_reference"] == "JPC-FG89QS"


# --- ActionBookAppointment ----------------------------------------------------------------


def confirmed(
    slot: dict[str, str] = C2,
    phone: str | None = PHONE,
    email: str | None = None,
    confirmed: Any = True,
    **slots: Any,
) -> Tracker:
    return make_tracker(
        intent="affirm",
        slots={
            **CHECKIN,
            "patient_name": "Anne-Marie O'Brien",
            "patient_phone": phone,
            "patient_email": email,
            "patient_contact": " and ".join(v for v in (phone, email) if v),
            "preferred_time": "Monday morning",
            "slot_candidates": ALL,
            "slot_offer_page": 0.0,
            **chosen(slot),
            "booking_confirmed": confirmed,
            **slots,
        },
        events=CONVERSATION,
    )


def reference_in(events: list[dict[str, Any]]) -> str:
    [reference] = [e["value"] for e in events if e["name"] == "booking_reference"]
    assert REFERENCE.fullmatch(reference)
    return str(reference)


RESET = [
    SlotSet("chosen_slot_id", None),
    SlotSet("booking_confirmed", None),
    SlotSet("booking_change_asked", None),
    SlotSet("preferred_role", None),
]


def outcome_events(outcome: str, reference: str, when: str) -> list[SlotSet]:
    return [
        SlotSet("booking_outcome", outcome),
        SlotSet("booking_reference", reference),
        SlotSet("booking_time_text", when),
        SlotSet("reschedule_from", None),
        *RESET,
    ]


async def book_directly(slot_id: str = "slot-1") -> str:
    """A booking made earlier (another conversation), through the same outbox."""
    request = BookingRequest(
        reference=new_booking_reference(),
        slot_id=slot_id,
        name="Anne-Marie O'Brien",
        phone=PHONE,
        reason="Back pain",
        summary="Booked earlier.",
    )
    await booking_service().submit(request)
    return request.reference


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
        SlotSet("reschedule_from", None),
        *RESET,
    ]
    assert running.received == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_booking_not_made"]


async def test_a_question_for_the_team_said_with_the_no_is_answered(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    tracker = confirmed(confirmed=False)
    text = "don't book it for now, I'll come back. Do I need a referral from my GP to come to you?"
    tracker.latest_message["text"] = text
    await ActionBookAppointment().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_booking_not_made",
        "utter_clinic_info",
    ]


async def test_a_declined_move_says_the_appointment_moved_from_stays(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    tracker = confirmed(confirmed=False, reschedule_from="JPC-AB12CD")
    await ActionBookAppointment().run(dispatcher, tracker, domain)
    assert running.received == []
    [said] = dispatcher.messages
    assert said["response"] == "utter_stopped_booking_move"
    assert said["reschedule_from"] == "JPC-AB12CD"


async def test_a_confirmed_booking_is_booked_with_the_hand_off_summary(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    events = await ActionBookAppointment().run(dispatcher, confirmed(), domain)
    reference = reference_in(events)
    assert events == outcome_events("booked", reference, C2["details"])
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
    assert patient["telecom"] == [{"system": "phone", "value": PHONE}]
    assert post.body["reasonCode"] == [{"text": REASONS}]
    assert post.body["comment"] == SUMMARY
    assert running.slots["slot-2"].status == "busy"

    row = await booking_service().get(reference)
    assert row is not None
    assert (row.status, row.request.summary) == (DELIVERED, SUMMARY)


async def test_the_booked_time_falls_back_to_the_button_title(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    tracker = confirmed()
    tracker.slots["chosen_slot_details"] = None
    events = await ActionBookAppointment().run(dispatcher, tracker, domain)
    assert SlotSet("booking_time_text", C2["title"]) in events


@pytest.mark.parametrize(
    ("phone", "email", "telecom"),
    [
        (None, EMAIL, [{"system": "email", "value": EMAIL}]),
        (
            PHONE,
            EMAIL,
            [{"system": "phone", "value": PHONE}, {"system": "email", "value": EMAIL}],
        ),
    ],
)
async def test_every_way_to_reach_the_patient_is_booked(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    running: FakeScheduling,
    phone: str | None,
    email: str,
    telecom: list[dict[str, str]],
) -> None:
    tracker = confirmed(phone=phone, email=email, triage_reasons="")
    await ActionBookAppointment().run(dispatcher, tracker, domain)
    [post] = running.requests_to("POST", "/Appointment")
    assert post.body["contained"][0]["telecom"] == telecom
    assert post.body["reasonCode"] == [{"text": "Joint pain consultation"}]


async def test_a_booking_during_an_outage_is_kept_and_delivered_later(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], stand_in: FakeScheduling
) -> None:
    events = await ActionBookAppointment().run(dispatcher, confirmed(), domain)
    reference = reference_in(events)
    assert events == outcome_events("pending", reference, C2["details"])
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
    tracker = confirmed(C1, reschedule_from="JPC-ABC234")
    events = await ActionBookAppointment().run(dispatcher, tracker, domain)
    assert events == [
        SlotSet("booking_outcome", "slot_taken"),
        SlotSet("slot_candidates", [C2, C3, C4]),
        SlotSet("chosen_slot_id", None),
        SlotSet("booking_confirmed", None),
        *as_events(options(0, C2, C3, C4)),
    ]  # the booking to move is kept for the next try
    assert dispatcher.messages == []
    assert running.bookings_made == 0


async def test_a_refused_booking_is_kept_for_staff(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    gone = {**C4, "id": "slot-99"}  # unknown to the service
    events = await ActionBookAppointment().run(dispatcher, confirmed(gone), domain)
    reference = reference_in(events)
    assert events[0] == SlotSet("booking_outcome", "pending")
    row = await booking_service().get(reference)
    assert row is not None
    assert row.status == FAILED
    assert row.last_error is not None and "slot-99" in row.last_error


async def test_moving_a_booking_cancels_the_old_one_once_the_new_one_is_booked(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    old = await book_directly("slot-1")
    events = await ActionBookAppointment().run(
        dispatcher, confirmed(C2, reschedule_from=old), domain
    )
    new = reference_in(events)
    assert new != old
    assert events == outcome_events("rescheduled", new, C2["details"])
    [cancelled] = running.appointments_for(old)
    [booked] = running.appointments_for(new)
    assert (cancelled["status"], booked["status"]) == ("cancelled", "booked")
    assert (running.slots["slot-1"].status, running.slots["slot-2"].status) == ("free", "busy")


@pytest.mark.parametrize("problem", ["unknown", "refused"])
async def test_a_booking_that_cannot_be_moved_from_is_still_booked(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    running: FakeScheduling,
    problem: str,
) -> None:
    old = "JPC-ZZZZZZ"
    if problem == "refused":  # the service refuses to cancel the old appointment
        old = await book_directly("slot-1")
        running.fail_next("status", "PATCH", status=400)
    events = await ActionBookAppointment().run(
        dispatcher, confirmed(C2, reschedule_from=old), domain
    )
    assert events[0] == SlotSet("booking_outcome", "booked")
    assert SlotSet("reschedule_from", None) in events
    assert running.faults == []  # the cancellation was tried
    assert [a["status"] for a in running.appointments_for(old)] == (
        ["booked"] if problem == "refused" else []
    )


async def test_a_move_during_an_outage_does_not_say_the_patient_is_booked(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    old = await book_directly("slot-1")
    running.stop()
    events = await ActionBookAppointment().run(
        dispatcher, confirmed(C2, reschedule_from=old), domain
    )
    assert events[0] == SlotSet("booking_outcome", "pending")


async def test_declining_a_move_keeps_the_old_booking_for_good(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    old = await book_directly("slot-1")
    tracker = confirmed(C2, confirmed=False, reschedule_from=old)
    tracker.add_slots(await ActionBookAppointment().run(dispatcher, tracker, domain))
    # Later in the conversation: "book an appointment", a new time, "yes".
    tracker.add_slots(
        [*as_events(chosen(C3)), SlotSet("booking_confirmed", True)],
    )
    await ActionBookAppointment().run(dispatcher, tracker, domain)
    [kept] = running.appointments_for(old)
    assert kept["status"] == "booked"


# --- callbacks ----------------------------------------------------------------------------


async def test_a_callback_needs_a_contact(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    events = await ActionRequestCallback().run(dispatcher, make_tracker(), domain)
    assert events == [SlotSet("callback_outcome", "missing_contact")]
    assert await CallbackStore(booking_service().engine).all() == []


@pytest.mark.parametrize(
    ("name", "stored_name"), [("Anna Smith", "Anna Smith"), (None, "not given")]
)
async def test_a_callback_request_is_stored_with_a_reference(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    name: str | None,
    stored_name: str,
) -> None:
    tracker = make_tracker(
        slots={
            **CHECKIN,
            "patient_name": name,
            "patient_contact": PHONE,
            "preferred_time": "friday evening",
            "chosen_slot_id": "slot-1",
        },
        events=CONVERSATION,
    )
    events = await ActionRequestCallback().run(dispatcher, tracker, domain)
    reference = reference_in(events)
    assert events == [
        SlotSet("callback_outcome", "saved"),
        SlotSet("booking_reference", reference),
        SlotSet("callback_reference", reference),
        SlotSet("chosen_slot_id", None),
        SlotSet("booking_confirmed", None),
    ]
    assert await CallbackStore(booking_service().engine).all() == [
        CallbackRequest(
            reference=reference,
            name=stored_name,
            contact=PHONE,
            preferred_times="friday evening",
            summary=SUMMARY.replace("Monday morning", "friday evening"),
        )
    ]
    # The confirmation carries the reference, the contact, and when and how to reach the clinic.
    [said] = dispatcher.messages
    assert said["response"] == "utter_callback_requested"
    assert said["booking_reference"] == reference and said["patient_contact"] == PHONE
    assert said["hours"] == contact_details()["hours"]
    assert said["phone"] == contact_details()["phone"]


async def test_a_time_for_the_call_said_afterwards_is_added_to_the_request(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    store = CallbackStore(booking_service().engine)
    await store.save(CallbackRequest("JPC-ABC234", "Doreen Walsh", PHONE, "", "summary"))
    text = "Thank you. Please could they ring after 2 o'clock, I have the hairdresser"
    tracker = make_tracker(
        text=text,
        slots={
            "patient_contact": PHONE,
            "callback_outcome": "saved",
            "booking_reference": "JPC-ABC234",
        },
    )
    events = await ActionRequestCallback().run(dispatcher, tracker, domain)
    assert events == [SlotSet("callback_outcome", "already")]
    [message] = dispatcher.messages
    assert message["response"] == "utter_callback_time_noted"
    [stored] = await store.all()
    assert stored.preferred_times == message["when"] == "after 2 o'clock"


async def test_a_question_for_the_team_beside_the_callback_is_left_to_the_call(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "Can someone call my mum back to book? Does anyone there speak Spanish?"
    tracker = make_tracker(text=text, slots={"patient_contact": PHONE})
    events = await ActionRequestCallback().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_team_answers_on_the_call",
        "utter_callback_requested",
    ]
    assert SlotSet("callback_outcome", "saved") in events


@pytest.mark.parametrize(
    ("text", "slots", "extracted"),
    [
        (
            "call me back on 07700 900123",
            {},
            {"patient_phone": PHONE, "patient_email": None, "patient_contact": PHONE},
        ),
        ("please call me back", {}, {}),
        ("call me back on 07700 900123", {"patient_contact": EMAIL}, {}),
        # asked for, in an answer read as the request again
        (
            "email is better, anne@example.com. after 6pm if you ring",
            {"requested_slot": "patient_contact"},
            {"patient_phone": None, "patient_email": EMAIL, "patient_contact": EMAIL},
        ),
        ("07700 900123", {"requested_slot": "callback_notes"}, {}),  # another question
    ],
)
async def test_a_callback_number_in_the_request_itself_is_taken(
    dispatcher: CollectingDispatcher,
    text: str,
    slots: dict[str, Any],
    extracted: dict[str, Any],
) -> None:
    tracker = make_tracker(text=text, intent="request_callback", slots=slots)
    result = await ValidateCallbackForm().extract_patient_contact(dispatcher, tracker, {})
    assert result == extracted


async def test_a_call_asked_for_with_only_an_email_asks_for_a_number(
    dispatcher: CollectingDispatcher,
) -> None:
    slots = {"patient_contact": EMAIL, "patient_email": EMAIL}
    tracker = make_tracker(text="none work. just get someone to call me", slots=slots)
    result = await ValidateCallbackForm().extract_patient_contact(dispatcher, tracker, {})
    assert result == {"patient_contact": None}
    # Asked to be emailed, or with a number already: the contact stands.
    tracker = make_tracker(text="can someone get in touch by email", slots=slots)
    assert await ValidateCallbackForm().extract_patient_contact(dispatcher, tracker, {}) == {}
    both = {**slots, "patient_phone": PHONE}
    tracker = make_tracker(text="just get someone to call me", slots=both)
    assert await ValidateCallbackForm().extract_patient_contact(dispatcher, tracker, {}) == {}
    # The contact emptied is asked for, not met with "that doesn't look like a number".
    emptied = ValidateCallbackForm().validate_patient_contact(None, dispatcher, tracker, {})
    assert emptied == {"patient_contact": None}
    assert dispatcher.messages == []


async def test_a_number_given_after_the_call_back_was_arranged_replaces_its_contact(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    store = CallbackStore(booking_service().engine)
    await store.save(CallbackRequest("JPC-ABC234", "Sam Okoye", EMAIL, "", "summary"))
    tracker = make_tracker(
        text="you cant call an email lol. number is 07700 900733. after 5 only",
        slots={
            "patient_contact": EMAIL,
            "patient_email": EMAIL,
            "callback_outcome": "saved",
            "booking_reference": "JPC-ABC234",
        },
    )
    events = await ActionRequestCallback().run(dispatcher, tracker, domain)
    [said] = dispatcher.messages
    assert said["response"] == "utter_callback_contact_changed"
    assert said["patient_contact"] == f"+447700900733 and {EMAIL}"
    assert SlotSet("patient_phone", "+447700900733") in events
    [stored] = await store.all()
    assert stored.contact == f"+447700900733 and {EMAIL}"
    assert stored.preferred_times == "after 5 only"


def test_a_question_about_opening_days_is_no_time_for_the_call() -> None:
    from actions.booking import callback_times

    text = "call me back then, same number. and are you open saturday or not"
    request = {
        "event": "user",
        "text": text,
        "parse_data": {"intent": {"name": "request_callback"}},
    }
    tracker = make_tracker(text=text, intent="request_callback", events=[request])
    assert callback_times(tracker) == ""


async def test_same_number_for_the_callback_is_the_one_given_before(
    dispatcher: CollectingDispatcher,
) -> None:
    earlier = "i lost the reference, cant you look it up by my phone number 07700 900123?"
    text = "call me back then, same number. and are you open saturday or not"
    tracker = make_tracker(
        text=text,
        intent="request_callback",
        events=[user(earlier), bot("utter_reference_needed"), user(text)],
    )
    result = await ValidateCallbackForm().extract_patient_contact(dispatcher, tracker, {})
    assert result == {"patient_phone": PHONE, "patient_email": None, "patient_contact": PHONE}


async def test_a_number_given_with_a_question_for_the_team_is_kept_for_the_call_back(
    dispatcher: CollectingDispatcher,
) -> None:
    text = "07700 900123. but what are the hours??"
    tracker = make_tracker(
        text=text,
        intent="ask_clinic_info",
        slots={"requested_slot": "patient_contact"},
        active_loop="callback_form",
    )
    result = await ValidateCallbackForm().extract_patient_contact(dispatcher, tracker, {})
    assert result == {"patient_phone": PHONE, "patient_email": None, "patient_contact": PHONE}


async def test_the_callback_form_reads_contacts_like_the_booking_form(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "07700 900123 or anne@example.com"
    tracker = make_tracker(
        text=text,
        slots={"requested_slot": "patient_contact"},
        events=[user(text), {"event": "slot", "name": "patient_contact", "value": text}],
        active_loop="callback_form",
    )
    events = await ValidateCallbackForm().run(dispatcher, tracker, domain)
    assert events == [
        SlotSet("patient_contact", f"{PHONE} and {EMAIL}"),
        SlotSet("patient_phone", PHONE),
        SlotSet("patient_email", EMAIL),
    ]
    assert ValidateCallbackForm().validate_patient_contact(
        "banana", dispatcher, make_tracker(), domain
    ) == {"patient_contact": None}
    assert responses(dispatcher) == ["utter_wrong_patient_contact"]


async def test_a_number_given_with_the_callback_request_can_book_later(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], running: FakeScheduling
) -> None:
    text = "call me back on 07700 900123"
    tracker = make_tracker(
        text=text, intent="request_callback", events=[user(text)], active_loop="callback_form"
    )
    events = await ValidateCallbackForm().run(dispatcher, tracker, domain)
    later = confirmed(phone=None, email=None)  # the booking form skips the filled contact
    later.add_slots(events)
    assert later.get_slot("patient_contact") == PHONE
    result = await ActionBookAppointment().run(dispatcher, later, domain)
    assert result[0] == SlotSet("booking_outcome", "booked")


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


@pytest.mark.parametrize("value", ["no", "nope", "Neither."])
async def test_no_to_the_offered_times_shows_the_next_ones(
    dispatcher: CollectingDispatcher, value: str
) -> None:
    result = await FORM.validate_chosen_slot_id(value, dispatcher, offered(), {})
    assert result["chosen_slot_id"] is None
    assert result["slot_offer_page"] == 1.0


async def test_a_time_without_a_day_among_the_offers_keeps_the_day(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    tracker = offered(preferred_time="Monday morning")
    result = await FORM.validate_chosen_slot_id("2pm", dispatcher, tracker, {})
    assert result["preferred_time"] == "7 jan 2pm", "the date of the offers, not just its weekday"
    assert [c["id"] for c in result["slot_candidates"]] == [C4["id"]]


async def test_a_bare_hour_among_the_offers_is_that_time(dispatcher: CollectingDispatcher) -> None:
    result = await FORM.validate_chosen_slot_id("11 please", dispatcher, offered(), {})
    assert result["chosen_slot_id"] == C3["id"]


@pytest.mark.parametrize(
    ("answer", "asked", "chosen"),
    [
        # a bare hour that is no option number: that hour, of the kind named
        ("10 physio", "7 jan 10am physio", [PHYSIO]),
        # a kind not among the offers: the same times, of that kind
        ("the physio please", "Monday morning the physio please", [PHYSIO]),
    ],
)
async def test_a_time_or_kind_typed_among_the_offers_searches_again(
    dispatcher: CollectingDispatcher,
    stand_in: FakeScheduling,
    answer: str,
    asked: str,
    chosen: list[dict[str, str]],
) -> None:
    stand_in.slots["physio-1"] = physio_at_ten()
    stand_in.start()
    tracker = offered(candidates=[C1, C2, C3], preferred_time="Monday morning")
    result = await FORM.validate_chosen_slot_id(answer, dispatcher, tracker, {})
    assert result["preferred_time"] == asked
    assert result["preferred_role"] == "physio"
    assert result["slot_candidates"] == chosen


async def test_a_contact_the_classifier_misread_is_still_taken(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        text="mary.obs@example.co.uk",
        intent="request_human",
        slots={"requested_slot": "patient_contact"},
        active_loop="booking_form",
    )
    assert await FORM.extract_patient_contact(dispatcher, tracker, {}) == {
        "patient_contact": "mary.obs@example.co.uk"
    }
    tracker.slots["requested_slot"] = "patient_name"
    assert await FORM.extract_patient_contact(dispatcher, tracker, {}) == {}


async def test_a_named_clinician_gets_only_their_times(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    value = "monday with dr lindqvist"
    result = await FORM.validate_preferred_time(value, dispatcher, make_tracker(text=value), {})
    assert [c["id"] for c in result["slot_candidates"]] == [C3["id"], C4["id"]]
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    "text",
    ["actually dont book it, ill think about it", "never mind", "forget it, no need to book"],
)
async def test_saying_not_to_book_leaves_the_booking_unmade_at_once(
    dispatcher: CollectingDispatcher, text: str
) -> None:
    tracker = at_confirmation(text, "deny")
    assert await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {}) == {
        "booking_confirmed": False
    }


@pytest.mark.parametrize(
    ("answer", "name"),
    [
        ("it's Maria 07700 900123", "Maria"),
        ("Maria Lopez, 07700 900123", "Maria Lopez"),
        ("call me on 07700 900123", None),
        ("07700 900123 or anne@example.com", None),
    ],
)
async def test_a_name_given_with_the_callback_number_is_kept(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], answer: str, name: str | None
) -> None:
    result = ValidateCallbackForm().validate_patient_contact(
        answer, dispatcher, make_tracker(), domain
    )
    assert result.get("patient_name") == name
    assert result["patient_phone"] == PHONE


async def test_a_name_already_given_is_not_replaced_by_the_callback_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(slots={"patient_name": "Anne Jones"})
    result = ValidateCallbackForm().validate_patient_contact(
        "it's Maria 07700 900123", dispatcher, tracker, domain
    )
    assert "patient_name" not in result


REQUEST_WITH_DETAILS = (
    "book me with whoever is free friday at 10am. my name is Maria Lopez, phone 07700 900123"
)


@pytest.mark.parametrize(
    ("text", "name", "contact"),
    [
        (
            REQUEST_WITH_DETAILS,
            {"patient_name": "Maria Lopez"},
            {"patient_contact": REQUEST_WITH_DETAILS},
        ),
        ("I'd like an appointment, I'm called Jo Bloggs", {"patient_name": "Jo Bloggs"}, {}),
        ("book me in for Friday", {}, {}),
        ("can I book? my name is", {}, {}),
    ],
)
async def test_a_name_and_number_in_the_request_itself_are_not_asked_for_again(
    dispatcher: CollectingDispatcher, text: str, name: dict[str, Any], contact: dict[str, Any]
) -> None:
    tracker = make_tracker(text=text, intent="request_appointment", active_loop="booking_form")
    assert await FORM.extract_patient_name(dispatcher, tracker, {}) == name
    assert await FORM.extract_patient_contact(dispatcher, tracker, {}) == contact


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("930 with lindqvist pls. name is Sofia Rossi, number 07400 123987", "Sofia Rossi"),
        (
            "The 11 o'clock please. My name is Margaret Ellis and my telephone is 01632 960555",
            "Margaret Ellis",
        ),
        ("monday 4pm sports doctor then. name Leo Novak, my number 07311 222333", "Leo Novak"),
    ],
)
async def test_a_name_given_with_the_choice_of_time_is_kept(
    dispatcher: CollectingDispatcher, text: str, name: str
) -> None:
    tracker = make_tracker(
        text=text, slots={"requested_slot": "chosen_slot_id"}, active_loop="booking_form"
    )
    assert await FORM.extract_patient_name(dispatcher, tracker, {}) == {"patient_name": name}
    assert await FORM.extract_patient_contact(dispatcher, tracker, {}) == {"patient_contact": text}


async def test_a_name_in_the_choice_of_time_does_not_replace_one_given_before(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        text="my name is Maria Lopez",
        slots={"requested_slot": "chosen_slot_id", "patient_name": "Jo Bloggs"},
        active_loop="booking_form",
    )
    assert await FORM.extract_patient_name(dispatcher, tracker, {}) == {}


@pytest.mark.parametrize(("notice", "earliest"), [(None, "12:00"), ("0", "10:00"), ("30", "10:30")])
async def test_times_sooner_than_the_clinics_notice_are_not_searched(
    dispatcher: CollectingDispatcher,
    running: FakeScheduling,
    monkeypatch: pytest.MonkeyPatch,
    notice: str | None,
    earliest: str,
) -> None:
    if notice is not None:
        monkeypatch.setenv("BOOKING_NOTICE_MINUTES", notice)
    await FORM.validate_preferred_time("today", dispatcher, make_tracker(), {})
    [search, *_] = running.requests_to("GET", "/Slot")
    starts = [value for value in search.query["start"] if value.startswith("ge")]
    assert starts and starts[0][2:].startswith(f"2030-01-01T{earliest}"), starts


async def test_a_time_given_for_the_call_is_stored_and_said_back(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="07588 246810, mornings best. its about my mums sciatica",
        intent="inform",
        slots={"patient_contact": "+447588246810"},
        events=[
            {
                **user("its 8pm you're closed. can someone call me tomorrow?"),
                "parse_data": {"intent": {"name": "request_callback"}},
            },
            user("07588 246810, mornings best. its about my mums sciatica"),
        ],
    )
    await ActionRequestCallback().run(dispatcher, tracker, domain)
    stored = await CallbackStore(booking_service().engine).all()
    assert stored[-1].preferred_times == "tomorrow, mornings best"
    # One confirmation says both when suits them and the reference, not two messages.
    [said] = dispatcher.messages
    assert said["response"] == "utter_callback_requested_for_time"
    assert said["when"] == "tomorrow, mornings best"
    assert said["booking_reference"] == stored[-1].reference
    assert {"hours", "phone", "patient_contact"} <= said.keys()


async def test_a_callback_confirmed_without_the_contact_file_points_to_the_website(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(booking, "contact_details", lambda: {})
    tracker = make_tracker(slots={"patient_contact": PHONE}, events=CONVERSATION)
    await ActionRequestCallback().run(dispatcher, tracker, domain)
    [said] = dispatcher.messages
    assert said["response"] == "utter_callback_requested"
    assert said["phone"] == "the number on our website"


# --- answers among the offers and at the confirmation, in the patient's own words ----------


def tuesday_with_okafor() -> list[SlotRecord]:
    """Dr Okafor on Tuesday 8 January at 9, 10 and 11; Dr Lindqvist has no Tuesday."""
    return day_of_slots(datetime(2030, 1, 8, tzinfo=CET), range(9, 12))


async def test_a_time_on_another_day_is_not_the_same_time_on_the_day_offered(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    stand_in.slots = {slot.id: slot for slot in [*default_slots(), *tuesday_with_okafor()]}
    stand_in.start()
    tracker = offered(preferred_time="next week")
    answer = "tuesday 9.30 with lindqvist if he has it"
    result = await FORM.validate_chosen_slot_id(answer, dispatcher, tracker, {})
    assert result["chosen_slot_id"] is None, "not Monday's 9:30"
    # Dr Lindqvist has no time then: said so, and who is free then is offered.
    assert responses(dispatcher) == ["utter_clinician_unavailable"]
    assert dispatcher.messages[0]["clinician"] == "Dr. Erik Lindqvist"
    assert [c["title"] for c in result["slot_candidates"]] == [
        "Tue 8 Jan, 10am - Dr. Okafor (consultant)"
    ]


async def test_an_email_given_with_the_yes_is_added_and_the_booking_made(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "Yes please. Can you also send the confirmation to my email, d.osei@example.co.uk?"
    tracker = make_tracker(
        text=text,
        slots={"patient_name": "Daniel Osei", "patient_phone": PHONE, "patient_contact": PHONE},
    )
    result = await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, domain)
    assert result["booking_confirmed"] is True
    assert result["patient_contact"] == f"{PHONE} and d.osei@example.co.uk"
    # Said so, so the patient knows it was added.
    assert responses(dispatcher) == ["utter_contact_added"]
    assert dispatcher.messages[0]["contact"] == f"{PHONE} and d.osei@example.co.uk"


async def test_hours_and_parking_asked_with_the_yes_get_the_teams_details(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "Yes. Oh and what are your opening hours, and is there parking?"
    tracker = make_tracker(
        text=text,
        ranking=[("home_exercise_stretching", 0.95)],
        slots={"patient_name": "Gerald Ashworth"},
    )
    result = await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, domain)
    assert result["booking_confirmed"] is True
    # Not the answer on stretches the classifier leaned to.
    assert responses(dispatcher) == ["utter_clinic_info"]


async def test_a_surname_told_with_the_contact_is_added_to_the_name(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "It's 01632 960 471, that's my landline. My surname is Whitfield by the way."
    tracker = make_tracker(text=text, slots={"patient_name": "Margaret"})
    result = await FORM.validate_patient_contact(text, dispatcher, tracker, domain)
    assert result["patient_name"] == "Margaret Whitfield"
    assert result["patient_phone"] == "+441632960471"


def test_a_whole_name_put_at_the_confirmation_replaces_the_one_booked() -> None:
    text = "Could you put Margaret Whitfield please, there are two Margarets on my road"
    tracker = make_tracker(text=text, slots={"patient_name": "Margaret"})
    assert FORM._change(tracker) == {"patient_name": "Margaret Whitfield"}


async def test_a_time_named_by_its_day_and_clock_is_taken_once_found(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    stand_in.slots = {slot.id: slot for slot in [*default_slots(), *tuesday_with_okafor()]}
    stand_in.start()
    tracker = offered(preferred_time="next week")
    answer = "monday is my bridge club. the tuesday at 10 will do nicely"
    result = await FORM.validate_chosen_slot_id(answer, dispatcher, tracker, {})
    assert result["chosen_slot_title"] == "Tue 8 Jan, 10am - Dr. Okafor (consultant)"


async def test_a_clinician_asked_for_among_the_offers_has_their_times_searched(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    tracker = offered(candidates=[C1, C3, C4], preferred_time="Monday")
    answer = "i'd rather see dr okafor not lindqvist"
    result = await FORM.validate_chosen_slot_id(answer, dispatcher, tracker, {})
    assert result["chosen_slot_id"] is None
    assert [c["id"] for c in result["slot_candidates"]] == [C1["id"], C2["id"]]
    assert dispatcher.messages == []


async def test_a_clinician_asked_for_with_a_time_of_their_own_is_searched_then(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    tuesday = datetime(2030, 1, 8, tzinfo=CET)
    stand_in.slots = {
        slot.id: slot for slot in [*default_slots(), *day_of_slots(tuesday, range(9, 16))]
    }
    stand_in.start()
    tracker = offered(candidates=[C1, C2, C3], preferred_time="next Tuesday morning please")
    answer = "Dr Okafor on tuesday afternoon"
    result = await FORM.validate_chosen_slot_id(answer, dispatcher, tracker, {})
    assert [c["title"] for c in result["slot_candidates"]][:3] == [
        "Tue 8 Jan, 1pm - Dr. Okafor (consultant)",
        "Tue 8 Jan, 2pm - Dr. Okafor (consultant)",
        "Tue 8 Jan, 3pm - Dr. Okafor (consultant)",
    ]


async def test_another_day_named_with_hours_is_searched_not_read_as_an_option(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    wednesday = datetime(2030, 1, 9, tzinfo=CET)
    stand_in.slots = {
        slot.id: slot
        for slot in [
            *default_slots(),
            *day_of_slots(wednesday, range(12, 14), "dr-lindqvist"),
        ]
    }
    stand_in.start()
    tracker = offered(candidates=[C1, C2, C3], preferred_time="Monday")
    answer = "ok forget the physio, anyone on wednesday around 12 or 1"
    result = await FORM.validate_chosen_slot_id(answer, dispatcher, tracker, {})
    assert result["chosen_slot_id"] is None
    assert [c["title"] for c in result["slot_candidates"]] == [
        "Wed 9 Jan, 12pm - Dr. Lindqvist (doctor)",
        "Wed 9 Jan, 1pm - Dr. Lindqvist (doctor)",
    ]


async def test_a_clinician_not_free_when_no_one_is_gets_one_clear_message(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    tracker = offered(preferred_time="Monday")
    answer = "is dr okafor free on tuesday afternoon"
    result = await FORM.validate_chosen_slot_id(answer, dispatcher, tracker, {})
    assert result["preferred_time"] is None
    assert responses(dispatcher) == ["utter_no_matching_slots"]


async def test_a_time_offered_and_called_too_soon_is_not_chosen(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    tracker = offered(candidates=[C3, C4], preferred_time="Monday")
    answer = "2pm is too soon, I need to travel 40 minutes. Later please"
    result = await FORM.validate_chosen_slot_id(answer, dispatcher, tracker, {})
    assert result.get("chosen_slot_id") is None
    assert responses(dispatcher) == ["utter_no_matching_slots"]


@pytest.mark.parametrize(("answer", "picked"), [("yes pls", True), ("no", False)])
async def test_yes_to_the_one_time_offered_chooses_it(
    dispatcher: CollectingDispatcher, running: FakeScheduling, answer: str, picked: bool
) -> None:
    tracker = offered(candidates=[C3], preferred_time="Monday")
    result = await FORM.validate_chosen_slot_id(answer, dispatcher, tracker, {})
    assert (result.get("chosen_slot_id") == C3["id"]) is picked


async def test_a_clinician_refused_among_the_offers_is_left_out(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    tracker = offered(preferred_time="Monday")
    result = await FORM.validate_chosen_slot_id("not okafor", dispatcher, tracker, {})
    assert [c["id"] for c in result["slot_candidates"]] == [C3["id"], C4["id"]]


async def test_a_bare_hour_beside_a_name_among_the_offers_is_chosen(
    dispatcher: CollectingDispatcher,
) -> None:
    result = await FORM.validate_chosen_slot_id("okafor 9", dispatcher, offered(), {})
    assert result == chosen(C1)


async def test_a_part_of_the_day_said_again_is_searched_on_the_days_asked(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    tracker = offered(candidates=[C1, C2, C3], preferred_time="Monday morning")
    answer = "those are mornings, i said afternoon"
    result = await FORM.validate_chosen_slot_id(answer, dispatcher, tracker, {})
    assert result["preferred_time"] == "monday, afternoon"
    assert [c["id"] for c in result["slot_candidates"]] == [C4["id"]]


@pytest.mark.parametrize(
    ("text", "slots", "change"),
    [
        (
            "actually can you make it the email gareth.price@example.com instead of the phone",
            {},
            {
                "patient_phone": None,
                "patient_email": "gareth.price@example.com",
                "patient_contact": "gareth.price@example.com",
            },
        ),
        (
            "no, only the email please, not his phone",
            {"patient_email": EMAIL, "patient_contact": f"{PHONE} and {EMAIL}"},
            {"patient_phone": None, "patient_email": EMAIL, "patient_contact": EMAIL},
        ),
        (
            "actually can you use my phone instead of email? 07700 900 246",
            {"patient_phone": None, "patient_email": EMAIL, "patient_contact": EMAIL},
            {
                "patient_phone": "+447700900246",
                "patient_email": None,
                "patient_contact": "+447700900246",
            },
        ),
    ],
)
async def test_a_contact_said_to_replace_the_other_replaces_it(
    dispatcher: CollectingDispatcher,
    running: FakeScheduling,
    text: str,
    slots: dict[str, Any],
    change: dict[str, Any],
) -> None:
    tracker = at_confirmation(text, intent="change_booking_detail", **slots)
    result = await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {})
    # The confirmation is asked again, with the new contact, and nothing is asked for.
    assert result == {**change, **CHANGED}
    assert dispatcher.messages == []


async def test_a_name_answer_keeps_the_name_only(dispatcher: CollectingDispatcher) -> None:
    tracker = make_tracker(slots={"requested_slot": "patient_name"}, active_loop="booking_form")
    value = "Irene Walsh, its for my mum"
    result = await FORM.validate_patient_name(value, dispatcher, tracker, {})
    assert result == {"patient_name": "Irene Walsh"}


def name_interrupted(*between: dict[str, Any]) -> Tracker:
    """The name given with an emergency, which came first; then the booking goes on."""
    answer = {
        "event": "user",
        "text": "Helen Morris. oh and since last night I can't control my bladder properly",
        "parse_data": {"intent": {"name": "report_emergency"}},
    }
    events = [
        bot("utter_ask_patient_name"),
        answer,
        bot("utter_emergency"),
        user("actually that was last year"),
        *between,
        bot("utter_emergency_cleared"),
        user("so can we finish my booking"),
    ]
    return make_tracker(
        text="so can we finish my booking",
        intent="request_appointment",
        events=events,
        slots={"chosen_slot_id": "slot-1"},
        active_loop="booking_form",
    )


async def test_a_name_given_before_an_interruption_is_not_asked_again(
    dispatcher: CollectingDispatcher,
) -> None:
    extracted = await FORM.extract_patient_name(dispatcher, name_interrupted(), {})
    assert extracted == {"patient_name": "Helen Morris"}


@pytest.mark.parametrize(
    "between",
    [
        {"event": "reset_slots"},  # "delete my data"
        {"event": "slot", "name": "patient_name", "value": None},
    ],
)
async def test_a_name_deleted_or_cleared_since_is_not_read_again(
    dispatcher: CollectingDispatcher, between: dict[str, Any]
) -> None:
    assert await FORM.extract_patient_name(dispatcher, name_interrupted(between), {}) == {}


async def test_a_new_day_asked_for_at_the_name_is_searched(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    friday = day_of_slots(datetime(2030, 1, 4, tzinfo=CET), range(9, 12))
    stand_in.slots = {slot.id: slot for slot in [*default_slots(), *friday]}
    stand_in.start()
    value = "hmm actually can we do friday instead"
    tracker = make_tracker(text=value, slots={"requested_slot": "patient_name"})
    result = await FORM.validate_patient_name(value, dispatcher, tracker, {})
    assert result["patient_name"] is None
    assert result["preferred_time"] == value
    assert result["chosen_slot_id"] is None
    assert all(c["title"].startswith("Fri") for c in result["slot_candidates"])


async def test_a_time_in_a_new_request_replaces_the_one_left_behind(
    dispatcher: CollectingDispatcher,
) -> None:
    text = "book me for friday then"
    tracker = make_tracker(
        text=text,
        intent="request_appointment",
        slots={"preferred_time": "thursday after 5", "chosen_slot_id": "s1"},
    )
    assert await FORM.extract_preferred_time(dispatcher, tracker, {}) == {
        "preferred_time": text,
        "chosen_slot_id": None,
    }
    same = make_tracker(text="book me in", intent="request_appointment", slots=tracker.slots)
    assert await FORM.extract_preferred_time(dispatcher, same, {}) == {}


@pytest.mark.parametrize(
    ("text", "slots", "moved"),
    [
        (
            "actually i need to move that, can I see a doctor on Monday?",
            {"booking_reference": "JPC-ABC234"},
            "JPC-ABC234",
        ),
        # nothing booked yet, a plain request, or the reference is a call-back's
        ("can I move that to Monday?", {}, None),
        ("can I book Monday too?", {"booking_reference": "JPC-ABC234"}, None),
        (
            "can I move that to Monday?",
            {"booking_reference": "JPC-ABC234", "callback_outcome": "saved"},
            None,
        ),
    ],
)
async def test_moving_the_booking_just_made_is_a_move_not_a_second_booking(
    dispatcher: CollectingDispatcher,
    running: FakeScheduling,
    text: str,
    slots: dict[str, Any],
    moved: str | None,
) -> None:
    tracker = make_tracker(text=text, intent="request_appointment", slots=slots)
    result = await FORM.validate_preferred_time("Monday", dispatcher, tracker, {})
    assert result.get("reschedule_from") == moved


async def test_a_bare_yes_to_what_to_change_asks_the_confirmation_again(
    dispatcher: CollectingDispatcher,
) -> None:
    # "What would you like to change?" - "yes": no change, and no yes to the booking.
    for value in (True, READ_ANSWER):
        tracker = at_confirmation("yes", "affirm", booking_change_asked=True)
        assert await FORM.validate_booking_confirmed(value, dispatcher, tracker, {}) == {
            "booking_confirmed": None,
            "booking_change_asked": None,
        }


async def test_the_name_typed_again_at_the_confirmation_asks_it_again(
    dispatcher: CollectingDispatcher,
) -> None:
    name = str(DETAILS["patient_name"])
    tracker = at_confirmation(name.lower(), "inform")
    assert await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {}) == {
        "booking_confirmed": None,
        "booking_change_asked": None,
    }


async def test_a_time_in_a_request_made_before_the_safety_question_is_taken(
    dispatcher: CollectingDispatcher,
) -> None:
    request = "ok maybe book then, thursday morning"
    events: list[dict[str, Any]] = [
        {
            "event": "user",
            "text": request,
            "parse_data": {"intent": {"name": "request_appointment"}},
        },
        {"event": "bot", "text": "One safety question: ..."},
        {"event": "user", "text": "no", "parse_data": {"intent": {"name": "deny"}}},
    ]
    tracker = make_tracker(text="no", intent="deny", events=events)
    assert await FORM.extract_preferred_time(dispatcher, tracker, {}) == {"preferred_time": request}


async def test_a_surname_spelt_right_at_the_confirmation_is_changed(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = at_confirmation("no its O'Brian!! with an a", "deny")
    result = await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {})
    assert result["patient_name"] == "Anne-Marie O'Brian"
    assert result["booking_confirmed"] is None


async def test_surprise_beside_a_new_time_is_not_a_question_for_the_team(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    value = "really? nothing monday morning with dr okafor?"
    await FORM.validate_preferred_time(value, dispatcher, make_tracker(text=value), {})
    assert "utter_clinic_info" not in responses(dispatcher)


async def test_none_of_these_with_more_said_takes_no_offered_time(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    answer = "None of these. What is the latest time you have on any day?"
    result = await FORM.validate_chosen_slot_id(answer, dispatcher, offered(), {})
    assert result.get("chosen_slot_id") is None


def test_the_day_of_the_booking_being_moved_is_not_the_new_time() -> None:
    from actions.booking import _new_time_wish

    request = (
        "I need to move my appointment on Tuesday, my reference is JPC-A4J34E. "
        "Could I have Thursday afternoon instead?"
    )
    assert _new_time_wish(request) == "Could I have Thursday afternoon instead?"
    assert _new_time_wish("I booked for Tuesday but want to move it to Friday") == " it to Friday"


def test_every_sentence_of_the_wish_that_names_a_time_is_kept() -> None:
    from actions.booking import _new_time_wish

    request = "great. can i move it to later same day, after 5? i finish work at 4.30"
    assert _new_time_wish(request) == " it to later same day, after 5? i finish work at 4.30"


async def test_a_question_said_with_the_request_is_answered_as_the_booking_starts(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "yes please. also can i take 2 naproxen instead of 1 until then?"
    tracker = make_tracker(text=text, intent="affirm")
    await FORM.run(dispatcher, tracker, domain)
    said = [message.get("response") for message in dispatcher.messages]
    assert said[0] == "utter_scope_prescription", said


async def test_the_request_to_book_itself_is_no_side_question(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(text="can i book a follow up here?", intent="request_appointment")
    await FORM.run(dispatcher, tracker, domain)
    assert "utter_clinic_info" not in [message.get("response") for message in dispatcher.messages]


async def test_the_kind_of_clinician_asked_for_is_no_side_question(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "i want to book. can it be a physio not a doctor, doctors make me nervous lol"
    tracker = make_tracker(
        text=text, intent="request_appointment", ranking=[("physical_therapy", 0.95)]
    )
    await FORM.run(dispatcher, tracker, domain)
    said = [message.get("response") for message in dispatcher.messages]
    assert "utter_faq/physical_therapy" not in said, said


async def test_a_question_the_guide_answers_said_with_the_request_gets_that_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "my GP said maybe osteoarthritis. what is it, and can i book in to see someone?"
    tracker = make_tracker(
        text=text, intent="request_appointment", ranking=[("osteoarthritis", 0.95)]
    )
    await FORM.run(dispatcher, tracker, domain)
    said = [message.get("response") for message in dispatcher.messages]
    assert said[0] == "utter_faq/osteoarthritis", said


async def test_a_name_and_number_told_before_the_booking_are_not_asked_for_again(
    dispatcher: CollectingDispatcher,
) -> None:
    story = (
        "I would like to make an appointment for my husband. His name is George "
        "Papadopoulos, he has had a bad back since the summer. Our number is 07700 900789."
    )
    events: list[dict[str, Any]] = [
        {"event": "session_started"},
        {"event": "user", "text": story},
        {"event": "bot", "text": "..."},
        {"event": "user", "text": "No"},
        {"event": "bot", "text": "..."},
        {"event": "user", "text": "Tuesday 10am is good"},
    ]
    tracker = make_tracker(
        text="Tuesday 10am is good",
        intent="inform",
        events=events,
        slots={"requested_slot": "chosen_slot_id"},
        active_loop="booking_form",
    )
    contact = await FORM.extract_patient_contact(dispatcher, tracker, {})
    name = await FORM.extract_patient_name(dispatcher, tracker, {})
    assert contact == {"patient_contact": story}
    assert name == {"patient_name": "George Papadopoulos"}
    # Nothing from before the patient's data was deleted.
    forgotten = make_tracker(
        text="Tuesday 10am is good",
        events=[{"event": "user", "text": story}, {"event": "restart"}, events[-1]],
        slots={"requested_slot": "chosen_slot_id"},
    )
    assert await FORM.extract_patient_contact(dispatcher, forgotten, {}) == {}


async def test_what_helps_until_the_appointment_asked_while_booking_is_answered(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(text="ok. what can i do till then for the pain?", intent="faq")
    await FORM.run(dispatcher, tracker, domain)
    said = [message.get("response") for message in dispatcher.messages]
    assert said[:1] == ["utter_meanwhile"], said


async def test_why_the_name_is_needed_is_explained(dispatcher: CollectingDispatcher) -> None:
    value = "why do u need my name"
    assert await FORM.validate_patient_name(value, dispatcher, make_tracker(text=value), {}) == {
        "patient_name": None
    }
    assert responses(dispatcher) == ["utter_why_booking_details"]


@pytest.mark.parametrize(
    ("value", "name"),
    [
        ("Harold Finch, my daughters mobile is 07700 900 123 her name is Susan", "Harold Finch"),
        ("my name is not Fine lol its Bogdan Ionescu", "Bogdan Ionescu"),
    ],
)
async def test_the_patients_name_not_another_word_or_person(
    dispatcher: CollectingDispatcher, value: str, name: str
) -> None:
    slots = await FORM.validate_patient_name(value, dispatcher, make_tracker(text=value), {})
    assert slots["patient_name"] == name


@pytest.mark.parametrize(
    ("text", "intent", "expected"),
    [
        ("jay patel. do i need a referral from my gp??", "ask_clinic_info", True),
        ("stop", "stop", False),
        ("Sam Stopford", "goodbye", False),
    ],
)
async def test_a_name_said_before_a_question_is_taken_but_never_a_stop(
    dispatcher: CollectingDispatcher, text: str, intent: str, expected: bool
) -> None:
    tracker = make_tracker(
        text=text,
        intent=intent,
        slots={"requested_slot": "patient_name"},
        active_loop="booking_form",
    )
    taken = await FORM.extract_patient_name(dispatcher, tracker, {})
    assert taken == ({"patient_name": text} if expected else {})


# --- answers beside the form's question --------------------------------------------------


async def test_the_time_asked_back_at_the_confirmation_puts_the_booking_again(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = at_confirmation("great so whats the new time again? want to put it in my calendar")
    assert await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {}) == {
        "booking_confirmed": None
    }
    assert dispatcher.messages == [], "the confirmation, asked again, says the time"


async def test_a_question_said_with_the_name_is_answered_and_the_name_kept(
    dispatcher: CollectingDispatcher,
) -> None:
    text = "Jay Patel. do I need a referral from my GP?"
    tracker = make_tracker(
        text=text,
        intent="ask_clinic_info",
        slots={"requested_slot": "patient_name"},
        active_loop="booking_form",
    )
    assert await FORM.extract_patient_name(dispatcher, tracker, {}) == {"patient_name": text}
    [message] = dispatcher.messages
    assert message["response"] == "utter_clinic_info", "the team can say about referrals"


async def test_a_second_booking_for_someone_else_asks_their_name_and_contact(
    dispatcher: CollectingDispatcher,
) -> None:
    text = "great, can i also book one for my sister?"
    tracker = make_tracker(
        text=text,
        intent="request_appointment",
        slots={**DETAILS, "booking_reference": "JPC-ABC234"},
        events=[
            {"event": "user", "text": text},
            {"event": "slot", "name": "patient_name", "value": DETAILS["patient_name"]},
        ],
    )
    events = await FORM.run(dispatcher, tracker, {"slots": {}, "forms": {}})
    names = [event["value"] for event in events if event.get("name") == "patient_name"]
    assert names == [None], "the first booking's name is not reused"
    assert {"event": "slot", "name": "patient_contact", "value": None, "timestamp": None} in events


async def test_cancel_it_while_moving_a_booking_asks_to_cancel_the_booking(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        text="nah none of those. just cancel it then and ill ring in january",
        intent="stop",
        slots={"reschedule_from": "JPC-ABC234"},
    )
    events = await ActionStoppedBooking().run(dispatcher, tracker, {})
    assert dispatcher.messages == [], "the cancelling form asks its own question"
    assert SlotSet("manage_reference", "JPC-ABC234") in events
    assert SlotSet("manage_task", "cancel") in events


@pytest.mark.parametrize(
    ("text", "slots", "said"),
    [
        ("stop", {"reschedule_from": "JPC-ABC234"}, "utter_stopped_booking_move"),
        (
            "cancel the move, keep it as it is",
            {"reschedule_from": "JPC-ABC234"},
            "utter_stopped_booking_move",
        ),
        ("cancel this, i'll book later", {}, "utter_stopped_booking"),
        # A booking made earlier in the conversation stays, and is named.
        (
            "stop the booking please",
            {"booking_reference": "JPC-ABC234"},
            "utter_stopped_booking_kept",
        ),
    ],
)
async def test_a_stop_leaves_the_booking_form(
    dispatcher: CollectingDispatcher, text: str, slots: dict[str, Any], said: str
) -> None:
    tracker = make_tracker(text=text, intent="stop", slots=slots)
    assert await ActionStoppedBooking().run(dispatcher, tracker, {}) == []
    assert [message["response"] for message in dispatcher.messages] == [said]


async def test_nothing_free_asked_again_offers_the_soonest_times_plainly(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    value = "anything after 8pm at all?"
    events: list[dict[str, Any]] = [
        {"event": "user", "text": "after 8pm please"},
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_no_matching_slots"}},
        {"event": "user", "text": value},
    ]
    tracker = make_tracker(text=value, events=events)
    result = await FORM.validate_preferred_time(value, dispatcher, tracker, {})
    assert responses(dispatcher) == ["utter_none_then_soonest"]
    assert result["slot_candidates"], "the soonest times, not the same question again"
    first = await FORM.validate_preferred_time(
        "after 8pm please", CollectingDispatcher(), make_tracker(text="after 8pm please"), {}
    )
    assert first == {"preferred_time": None, "preferred_role": None}, "asked once before"


@pytest.mark.parametrize(
    ("resumed", "picked"),
    [("utter_booking_resumed", "9:30 wednesday."), (None, None)],
)
async def test_a_time_picked_with_an_alarm_stood_down_is_kept(
    dispatcher: CollectingDispatcher, resumed: str | None, picked: str | None
) -> None:
    alarm = "9:30 wednesday. Moira Sutherland. my husband has chest pain, should he come too?"
    text = "sorry, that was last winter, he is fine now. can you finish my booking please"
    tracker = make_tracker(
        text=text,
        intent="inform",
        slots={"requested_slot": None, "slot_candidates": ALL},
        active_loop="booking_form",
        events=[
            user("book me in please"),
            bot("utter_ask_chosen_slot_id"),
            user(alarm),
            bot("utter_emergency_ambulance"),
            user(text),
            bot(resumed),
        ],
    )
    result = await FORM.extract_chosen_slot_id(dispatcher, tracker, {})
    assert result.get("chosen_slot_id") == picked


@pytest.mark.parametrize(
    ("text", "answered"),
    [
        ("1.30 with Dr Okafor please, she'd like to stay with the same consultant", False),
        ("1:30 please. Is there parking?", True),
    ],
)
async def test_a_choice_with_a_question_is_answered_and_without_one_is_not(
    dispatcher: CollectingDispatcher, text: str, answered: bool
) -> None:
    tracker = make_tracker(
        text=text,
        intent="ask_clinic_info",
        slots={"requested_slot": "chosen_slot_id"},
        active_loop="booking_form",
    )
    assert (await FORM.extract_chosen_slot_id(dispatcher, tracker, {}))["chosen_slot_id"]
    assert bool(dispatcher.messages) is answered


async def test_a_question_about_the_clinic_at_the_confirmation_is_answered_and_put_again(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = at_confirmation("is there wheelchair access? my dad uses a chair", "ask_clinic_info")
    assert await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {}) == {
        "booking_confirmed": None
    }
    assert [message["response"] for message in dispatcher.messages] == ["utter_clinic_info"]


@pytest.mark.parametrize(
    "text",
    [
        "Before I say yes, how long does the appointment last?",
        "I don't want to change anything, I only asked how long the appointment is.",
    ],
)
async def test_how_long_the_appointment_lasts_is_answered_and_the_booking_put_again(
    dispatcher: CollectingDispatcher, text: str
) -> None:
    tracker = at_confirmation(text, booking_change_asked=True)
    assert await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {}) == {
        "booking_confirmed": None,
        "booking_change_asked": None,
    }
    assert dispatcher.messages[0]["response"] == "utter_appointment_length"
    assert dispatcher.messages[0]["minutes"] == "30"


async def test_what_a_clinician_is_asked_at_the_confirmation_is_answered_and_put_again(
    dispatcher: CollectingDispatcher, running: FakeScheduling, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(contact, "clinic_now", lambda: NOW)
    tracker = at_confirmation("wait whats a rheumatologist, is that right for back pain?")
    assert await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {}) == {
        "booking_confirmed": None,
        "booking_change_asked": None,
    }
    assert responses(dispatcher) == ["utter_clinicians"]


async def test_a_question_before_confirming_books_nothing_and_is_answered(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = at_confirmation("Before I confirm - should I keep running until then or stop?")
    assert await FORM.validate_booking_confirmed(True, dispatcher, tracker, {}) == {
        "booking_confirmed": None,
        "booking_change_asked": None,
    }
    assert dispatcher.messages, "the question gets a reply"


async def test_a_yes_then_thanks_books(dispatcher: CollectingDispatcher) -> None:
    tracker = at_confirmation("yes. thank you for being kind earlier")
    result = await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {})
    assert result["booking_confirmed"] is True


async def test_nothing_to_change_puts_the_booking_again(dispatcher: CollectingDispatcher) -> None:
    tracker = at_confirmation("no no, I don't want to change anything", booking_change_asked=True)
    assert await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {}) == {
        "booking_confirmed": None,
        "booking_change_asked": None,
    }


def test_a_doctor_asked_for_at_the_confirmation_keeps_only_the_days_and_times() -> None:
    tracker = at_confirmation(
        "hmm wait, actually would rather see a doctor not physio. same day if poss",
        preferred_time="can i book with the physio, friday afternoon?",
    )
    change = ValidateBookingForm._change(tracker)
    assert change["preferred_role"] == "doctor"
    assert (
        "physio" not in change["preferred_time"] and "friday afternoon" in change["preferred_time"]
    )


def test_a_surname_said_anew_at_the_confirmation_changes_the_name() -> None:
    tracker = at_confirmation("no my surname is Marsh-Evans actually, double barrelled")
    tracker.slots["patient_name"] = "Leanne Marsh"
    assert ValidateBookingForm._change(tracker) == {"patient_name": "Leanne Marsh-Evans"}


async def test_none_of_these_with_a_later_time_keeps_the_day_offered(
    dispatcher: CollectingDispatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    searched: list[str] = []

    async def search(self: Any, value: Any, *args: Any) -> dict[str, Any]:
        searched.append(str(value))
        return {}

    monkeypatch.setattr(ValidateBookingForm, "validate_preferred_time", search)
    answer = "None of these - anything a bit later, like 4ish?"
    await FORM.validate_chosen_slot_id(answer, dispatcher, offered(), {})
    # The offered times were on Monday 7 January: later on that day is searched.
    assert len(searched) == 1 and searched[0].startswith("7 jan")


async def test_none_of_these_with_another_day_keeps_the_part_of_day_asked_before(
    dispatcher: CollectingDispatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    searched: list[str] = []

    async def search(self: Any, value: Any, *args: Any) -> dict[str, Any]:
        searched.append(str(value))
        return {}

    monkeypatch.setattr(ValidateBookingForm, "validate_preferred_time", search)
    tracker = offered(preferred_time="next week? not mondays tho, and afternoons are best")
    answer = "none of those really, have you got anything on the friday?"
    await FORM.validate_chosen_slot_id(answer, dispatcher, tracker, {})
    assert len(searched) == 1 and "friday" in searched[0] and "afternoon" in searched[0]


def test_the_day_after_said_at_the_confirmation_counts_from_the_time_chosen() -> None:
    tracker = at_confirmation("could we make it the monday after instead, same time?")
    change = ValidateBookingForm._change(tracker)
    # Chosen: Monday 7 January at 9:30am.
    assert "mon 14 jan" in change["preferred_time"] and "9:30am" in change["preferred_time"]


async def test_what_helps_meanwhile_asked_instead_of_a_time_is_answered(
    dispatcher: CollectingDispatcher,
) -> None:
    value = "hmm before that, what can i do meanwhile"
    tracker = make_tracker(text=value, slots={"requested_slot": "preferred_time"})
    result = await FORM.validate_preferred_time(value, dispatcher, tracker, {})
    assert result == {"preferred_time": None}
    assert responses(dispatcher) == ["utter_meanwhile"]


async def test_a_clinician_asked_for_at_a_time_they_have_is_taken_at_once(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    tracker = offered(candidates=[C3, C4], preferred_time="Monday")
    result = await FORM.validate_chosen_slot_id("half 9 with dr okafor", dispatcher, tracker, {})
    assert result["chosen_slot_id"] == C2["id"], "Dr Okafor's 9:30, not a list to pick from"
    tracker = offered(candidates=[C3, C4], preferred_time="Monday")
    result = await FORM.validate_chosen_slot_id("dr okafor please", dispatcher, tracker, {})
    assert result["chosen_slot_id"] is None, "no time said: their times are offered"


async def test_the_message_that_asked_for_the_time_is_no_answer_to_the_times_it_found(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    text = "oh go on then, book me the monday 1:30 with the consultant, I'll sort out cost later"
    tracker = offered(preferred_time=text)
    tracker.latest_message["text"] = text
    tracker.events.extend(
        [
            {"event": "user", "text": "forget it then"},
            {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_stopped_booking"}},
            {"event": "user", "text": text},
        ]
    )
    assert await FORM.validate_chosen_slot_id(text, dispatcher, tracker, {}) == {
        "chosen_slot_id": None
    }
    assert dispatcher.messages == [], "its 'later' is no 'anything later?'"


async def test_a_call_back_asked_for_at_the_confirmation_is_left_to_its_rule(
    dispatcher: CollectingDispatcher,
) -> None:
    text = "hmm hold off, I need to check with work. can someone call me tomorrow instead?"
    tracker = at_confirmation(text, intent="request_callback")
    assert await FORM.extract_booking_confirmed(dispatcher, tracker, {}) == {}
    tracker = at_confirmation("no, thursday instead", intent="change_booking_detail")
    assert await FORM.extract_booking_confirmed(dispatcher, tracker, {}) == {
        "booking_confirmed": "read the answer"
    }


@pytest.mark.parametrize(
    ("text", "current", "name"),
    [
        ("my name is spelt wrong, it's Siobhan not Shivaun", "Shivaun Kelly", "Siobhan Kelly"),
        ("Siobhan Kelly - you've lost my surname", "Siobhan", "Siobhan Kelly"),
    ],
)
async def test_a_name_put_right_at_the_confirmation_keeps_the_rest_of_it(
    dispatcher: CollectingDispatcher, running: FakeScheduling, text: str, current: str, name: str
) -> None:
    tracker = at_confirmation(text, patient_name=current)
    result = await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {})
    assert result.get("patient_name") == name


async def test_the_price_asked_again_instead_of_a_time_goes_to_the_team(
    dispatcher: CollectingDispatcher,
) -> None:
    value = "you didnt say the price"
    result = await FORM.validate_preferred_time(value, dispatcher, make_tracker(text=value), {})
    assert result == {"preferred_time": None}
    assert [message["response"] for message in dispatcher.messages] == ["utter_clinic_info"]


async def test_the_price_asked_with_the_request_is_answered_as_the_booking_starts(
    dispatcher: CollectingDispatcher,
) -> None:
    await booking._answer_side_question(
        dispatcher, "ok how much is a consultation and how soon could i get one", NOW
    )
    assert [message["response"] for message in dispatcher.messages] == ["utter_clinic_info"]


@pytest.mark.parametrize(
    ("value", "offered"),
    [
        ("Monday", [C1, C2]),  # the clinician asked for with the request still counts
        ("Monday, anyone is fine", ALL),
    ],
)
async def test_the_clinician_asked_for_with_the_request_is_kept_for_the_time(
    dispatcher: CollectingDispatcher,
    running: FakeScheduling,
    value: str,
    offered: list[dict[str, str]],
) -> None:
    request = {
        "event": "user",
        "text": "I want appointment with Dr Okafor only please",
        "parse_data": {"intent": {"name": "request_appointment"}},
    }
    latest = {"event": "user", "text": value, "parse_data": {"intent": {"name": "inform"}}}
    tracker = make_tracker(text=value, intent="inform", events=[request, latest])
    result = await FORM.validate_preferred_time(value, dispatcher, tracker, {})
    assert result["slot_candidates"] == offered


@pytest.mark.parametrize(
    ("earlier", "offered"),
    [
        # Named in an earlier answer of this booking: still the one to see.
        ("with Dr Okafor please. any day is ok", [C1, C2]),
        # Named by whom a friend saw.
        ("my friend saw Dr Okafor and said she was brilliant", [C1, C2]),
        # Anyone said since: no one in particular.
        ("actually anyone will do", ALL),
    ],
)
async def test_the_clinician_asked_for_earlier_in_the_booking_is_kept_for_a_new_time(
    dispatcher: CollectingDispatcher,
    running: FakeScheduling,
    earlier: str,
    offered: list[dict[str, str]],
) -> None:
    request = {
        "event": "user",
        "text": "can i book an appointment",
        "parse_data": {"intent": {"name": "request_appointment"}},
    }
    said = {"event": "user", "text": earlier, "parse_data": {"intent": {"name": "inform"}}}
    latest = {"event": "user", "text": "Monday", "parse_data": {"intent": {"name": "inform"}}}
    tracker = make_tracker(text="Monday", intent="inform", events=[request, said, latest])
    result = await FORM.validate_preferred_time("Monday", dispatcher, tracker, {})
    assert result["slot_candidates"] == offered


async def test_the_last_digits_put_right_at_the_confirmation_change_only_the_phone(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    tracker = at_confirmation(
        "oh sorry the last digits are 456 not 123",
        patient_phone=PHONE,
        patient_email=EMAIL,
        patient_contact=f"{PHONE} and {EMAIL}",
    )
    result = await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {})
    assert result == {
        "patient_phone": "+447700900456",
        "patient_email": EMAIL,
        "patient_contact": f"+447700900456 and {EMAIL}",
        **CHANGED,
    }
    assert running.received == []


async def test_the_same_doctor_while_moving_is_whoever_the_booking_is_with(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    reference = await book_directly("slot-3")  # with Dr Lindqvist
    value = "Monday, same doctor if possible"
    tracker = make_tracker(text=value, slots={"reschedule_from": reference})
    result = await FORM.validate_preferred_time(value, dispatcher, tracker, {})
    assert result["slot_candidates"] == [C4]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # A move that names no one: whoever the booking is with.
        ("Monday please", [C4]),
        # Someone else or a kind named: theirs, as asked.
        ("Monday with Dr Okafor", [C1, C2]),
    ],
)
async def test_a_move_that_names_no_one_keeps_the_clinician(
    dispatcher: CollectingDispatcher,
    running: FakeScheduling,
    value: str,
    expected: list[dict[str, str]],
) -> None:
    reference = await book_directly("slot-3")  # with Dr Lindqvist
    tracker = make_tracker(text=value, slots={"reschedule_from": reference})
    result = await FORM.validate_preferred_time(value, dispatcher, tracker, {})
    assert result["slot_candidates"] == expected


@pytest.mark.parametrize(
    "said",
    ["is that the same person I was seeing?", "who is my 10am with? id rather keep them if poss"],
)
async def test_asking_if_an_offer_is_the_same_person_while_moving_says_who_it_is_with(
    dispatcher: CollectingDispatcher, running: FakeScheduling, said: str
) -> None:
    reference = await book_directly("slot-3")  # with Dr Lindqvist
    tracker = offered(reschedule_from=reference)
    tracker.latest_message["text"] = said
    result = await FORM.validate_chosen_slot_id(said, dispatcher, tracker, {})
    assert result == {"chosen_slot_id": None}
    [message] = dispatcher.messages
    assert message["response"] == "utter_current_clinician"
    assert "Lindqvist" in message["clinician"]


@pytest.mark.parametrize(
    ("shown_just_before", "text", "moves"),
    [
        (True, "Is Dr Okafor free any sooner? Monday morning would suit me better.", True),
        (False, "Is Dr Okafor free any sooner? Monday morning would suit me better.", False),
        (True, "can I book another one for my husband?", False),
    ],
)
def test_a_sooner_time_asked_right_after_a_booking_was_shown_moves_it(
    shown_just_before: bool, text: str, moves: bool
) -> None:
    shown = [{"event": "bot", "text": "...", "metadata": {"utter_action": "utter_booking_status"}}]
    events: list[dict[str, Any]] = [
        {"event": "user", "text": "07700 900777"},
        *(shown if shown_just_before else []),
        {"event": "user", "text": text},
    ]
    tracker = make_tracker(
        text=text,
        intent="request_appointment",
        slots={"booking_reference": "JPC-LM34NP"},
        events=events,
        active_loop="booking_form",
    )
    expected = {"reschedule_from": "JPC-LM34NP"} if moves else {}
    assert booking._moves_the_booking_made_here(tracker) == expected


async def _sooner_with_lindqvist(
    answer: str, dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> list[str]:
    """The titles offered for `answer` after Dr Lindqvist's Tuesday afternoon.

    He is also free earlier, on Monday at 11am and 2pm.
    """
    tuesday = datetime(2030, 1, 8, tzinfo=CET)
    stand_in.slots = {
        slot.id: slot
        for slot in [*default_slots(), *day_of_slots(tuesday, range(14, 16), "dr-lindqvist")]
    }
    stand_in.start()
    tracker = offered(candidates=[C3, C4], preferred_time="tuesday afternoon ideally")
    result = await FORM.validate_chosen_slot_id(answer, dispatcher, tracker, {})
    return [c["title"] for c in result["slot_candidates"]]


async def test_a_clinician_free_any_sooner_is_searched_from_now_on_any_day(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    answer = "the 8th is a bit far off. is Dr Lindqvist free any sooner? I dont mind which day"
    titles = await _sooner_with_lindqvist(answer, dispatcher, stand_in)
    assert titles[:2] == [
        "Mon 7 Jan, 11am - Dr. Lindqvist (doctor)",
        "Mon 7 Jan, 2pm - Dr. Lindqvist (doctor)",
    ], titles


async def test_a_clinician_free_any_sooner_keeps_the_part_of_the_day_asked(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    answer = "is Dr Lindqvist free any sooner, any weekday morning?"
    titles = await _sooner_with_lindqvist(answer, dispatcher, stand_in)
    assert titles and all("am" in title.split(" - ")[0] for title in titles), titles
    assert "Mon 7 Jan, 11am - Dr. Lindqvist (doctor)" in titles, titles


@pytest.mark.parametrize("scope_reply_given", [False, True])
async def test_a_question_outside_the_guide_is_rejected_once_then_the_question_asked_again(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], scope_reply_given: bool
) -> None:
    # "Do you see shoulders too?" among the offered times: the form first steps aside for
    # the scope reply, then (the reply given) asks its own question again, rather than
    # rejecting a second time and leaving Rasa to its fallback.
    text = "do you see shoulders too?"
    tracker = at_confirmation(text, "out_of_scope")
    tracker.latest_message["scope"] = "other_joint"
    tracker.events.append(user(text))
    if scope_reply_given:
        tracker.events.append({"event": "action", "name": "action_scope_in_booking"})
        tracker.events.append(bot("utter_scope_other_joint"))
    events = await FORM.run(dispatcher, tracker, domain)
    assert events == ([] if scope_reply_given else [ActionExecutionRejected("booking_form")])


@pytest.mark.parametrize(
    ("text", "taken"),
    [
        # The same clinician at the time asked: taken as asked.
        ("actually can it be 9am instead", "slot-1"),
        # Only someone else free then: shown, not swapped in silently.
        ("actually can it be 11am instead", None),
        # Someone else named with the time: theirs.
        ("actually 11am with dr lindqvist instead", "slot-3"),
    ],
)
async def test_a_new_time_at_the_confirmation_keeps_the_clinician_chosen(
    dispatcher: CollectingDispatcher, running: FakeScheduling, text: str, taken: str | None
) -> None:
    tracker = at_confirmation(text, "change_booking_detail")
    result = await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {})
    assert result["chosen_slot_id"] == taken
    assert result["booking_confirmed"] is None


async def test_a_new_time_said_instead_of_the_name_is_taken_and_said(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    # Dr Okafor's 9:30 chosen; asked for the name, the patient asks for his 9am instead.
    text = "oh hang on, can I have 9am instead"
    tracker = make_tracker(
        text=text,
        intent="change_booking_detail",
        slots={"preferred_time": "Monday", **chosen(C2), "requested_slot": "patient_name"},
        active_loop="booking_form",
    )
    result = await FORM.validate_patient_name(text, dispatcher, tracker, {})
    assert result["chosen_slot_id"] == "slot-1"
    assert result["patient_name"] is None
    assert [m["response"] for m in dispatcher.messages] == ["utter_time_changed"]
    assert dispatcher.messages[0]["slot"] == C1["title"]


async def test_a_new_time_said_instead_of_the_contact_is_searched(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    text = "actually can we do 9am instead, something came up"
    tracker = make_tracker(
        text=text,
        intent="change_booking_detail",
        slots={
            "preferred_time": "Monday",
            **chosen(C2),
            "patient_name": "Jordan Blake",
            "requested_slot": "patient_contact",
        },
        active_loop="booking_form",
    )
    result = await FORM.validate_patient_contact(text, dispatcher, tracker, {})
    assert result["chosen_slot_id"] == "slot-1"
    assert result["patient_contact"] is None
    assert "utter_wrong_patient_contact" not in [m["response"] for m in dispatcher.messages]


async def test_a_day_said_beside_far_off_is_searched_not_the_soonest(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    answer = "hmm that's a bit far off. actually not tuesday, monday afternoon would work better"
    titles = await _sooner_with_lindqvist(answer, dispatcher, stand_in)
    assert titles and all(title.startswith("Mon") for title in titles), titles


async def test_a_named_clinician_not_free_then_is_offered_at_that_time_of_day_on_other_days(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    # Dr Lindqvist works Tuesday afternoons only, and Monday at 11am and 2pm.
    titles = await _sooner_with_lindqvist("tuesday morning with dr lindqvist", dispatcher, stand_in)
    assert responses(dispatcher) == ["utter_clinician_other_days"]
    assert titles and all("Lindqvist" in title and "am" in title for title in titles), titles


def test_a_name_told_after_the_call_time_is_not_part_of_it() -> None:
    from actions.booking import callback_times

    events = [
        {
            "event": "user",
            "text": "can someone ring me back",
            "parse_data": {"intent": {"name": "request_callback"}},
        },
        {
            "event": "user",
            "text": "07700 900571, after 4pm is best, name's Dean Harlow",
            "parse_data": {"intent": {"name": "inform"}},
        },
    ]
    told = "07700 900571, after 4pm is best, name's Dean Harlow"
    tracker = make_tracker(text=told, intent="inform", events=events)
    assert callback_times(tracker) == "after 4pm is best"


@pytest.mark.parametrize(
    ("text", "intent", "extracted"),
    [
        (
            "when is it now? and he'd like monday or tuesday afternoon",
            "ask_booking_status",
            {"preferred_time": "when is it now? and he'd like monday or tuesday afternoon"},
        ),
        ("when is it now, remind me?", "ask_booking_status", {}),
        ("monday afternoon please", "inform", {}),  # the form's own mapping reads an answer
    ],
)
async def test_a_time_said_beside_a_question_while_asked_for_one_is_taken(
    dispatcher: CollectingDispatcher, text: str, intent: str, extracted: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text=text,
        intent=intent,
        slots={"requested_slot": "preferred_time"},
        active_loop="booking_form",
    )
    assert await FORM.extract_preferred_time(dispatcher, tracker, {}) == extracted


async def test_keep_the_time_held_while_booking_takes_it(dispatcher: CollectingDispatcher) -> None:
    held = {
        "chosen_slot_id": "dr-lindqvist-20261216T1600",
        "chosen_slot_title": "Wed 16 Dec, 4pm - Dr Lindqvist (sports doctor)",
        "slot_candidates": [
            {
                "id": "dr-okafor-20261218T1330",
                "title": "Fri 18 Dec, 1:30pm - Dr Okafor (consultant)",
            }
        ],
    }
    text = "so thats a no then. just keep the wednesday 4pm one with dr lindqvist please"
    tracker = make_tracker(text=text, intent="stop", slots=held)
    events = await ActionStoppedBooking().run(dispatcher, tracker, {})
    assert SlotSet("chosen_slot_id", "dr-lindqvist-20261216T1600") in events
    assert FollowupAction("booking_form") in events
    assert dispatcher.messages == []
    moving = make_tracker(text=text, intent="stop", slots={**held, "reschedule_from": "JPC-AB12CD"})
    assert await ActionStoppedBooking().run(CollectingDispatcher(), moving, {}) == []


def _asked_for_lindqvist() -> Tracker:
    """Dr Lindqvist's Monday times offered, after a request that named him."""
    request = {
        "event": "user",
        "text": "I'd like to book an appointment with Dr Lindqvist",
        "parse_data": {"intent": {"name": "request_appointment"}},
        "metadata": {},
    }
    return make_tracker(
        slots={
            "slot_candidates": [C3, C4],
            "slot_offer_page": 0.0,
            "requested_slot": "chosen_slot_id",
            "preferred_time": "Monday",
        },
        events=[request],
        active_loop="booking_form",
    )


async def test_the_clinician_asked_for_then_refused_is_not_offered_again(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    stand_in.slots = {slot.id: slot for slot in [*default_slots(), physio_at_ten()]}
    stand_in.start()
    answer = "not Lindqvist, the PHYSIO please"
    result = await FORM.validate_chosen_slot_id(answer, dispatcher, _asked_for_lindqvist(), {})
    titles = [c["title"] for c in result["slot_candidates"]]
    assert titles and all("Hughes" in title for title in titles), titles
    assert "utter_clinician_other_days" not in responses(dispatcher)


def _tuesday(hour: int, clinician: str, name: str, role: str) -> SlotRecord:
    start = datetime(2030, 1, 8, hour, tzinfo=CET)
    end = start + timedelta(minutes=30)
    return SlotRecord(f"{clinician}-{hour}", start, end, clinician, name, clinician_role=role)


async def test_another_day_with_whoever_is_free_drops_the_clinician_asked_for(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    tuesday = [
        _tuesday(9, "dr-okafor", "Dr Ngozi Okafor", "consultant"),
        _tuesday(10, "dr-lindqvist", "Dr Erik Lindqvist", "sports doctor"),
    ]
    stand_in.slots = {slot.id: slot for slot in [*default_slots(), *tuesday]}
    stand_in.start()
    answer = "actually tuesday instead, whoever is free"
    result = await FORM.validate_chosen_slot_id(answer, dispatcher, _asked_for_lindqvist(), {})
    titles = [c["title"] for c in result["slot_candidates"]]
    assert any("Okafor" in title for title in titles), titles
    assert all("Tue" in title for title in titles), titles
    assert result.get("preferred_role") == "any"


async def test_the_clinician_asked_for_when_the_booking_opened_still_counts(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    tuesday = [_tuesday(14, "dr-okafor", "Dr Ngozi Okafor", "consultant")]
    stand_in.slots = {slot.id: slot for slot in [*default_slots(), *tuesday]}
    stand_in.start()
    answer = "none of those, anything on the tuesday afternoon?"
    said = [
        user("Need an appointment. Whats the difference between the doctor and the physio?"),
        bot("utter_clinicians"),
        user("The sports medicine one then, Lindqvist. Monday or Tuesday next week, any time"),
        bot("utter_start_booking"),
        user(answer),
    ]
    said[0]["parse_data"] = {"intent": {"name": "request_appointment"}}
    tracker = make_tracker(
        slots={
            "slot_candidates": [C3, C4],
            "slot_offer_page": 0.0,
            "requested_slot": "chosen_slot_id",
            "preferred_time": "Monday or Tuesday next week, any time",
        },
        events=said,
        active_loop="booking_form",
    )
    result = await FORM.validate_chosen_slot_id(answer, dispatcher, tracker, {})
    titles = [c["title"] for c in result["slot_candidates"]]
    # Not someone else's Tuesday said as if asked for: his other times, said so.
    assert titles and all("Lindqvist" in title for title in titles), titles
    assert responses(dispatcher) == ["utter_clinician_other_days"]


@pytest.mark.parametrize(
    ("text", "taken"),
    [
        ("can i book monday 11am with dr lindqvist please, graham price", True),
        # no day named: the times are listed
        ("11am with dr lindqvist please", False),
    ],
)
async def test_the_one_time_asked_for_by_day_and_clock_is_taken(
    dispatcher: CollectingDispatcher, running: FakeScheduling, text: str, taken: bool
) -> None:
    tracker = make_tracker(
        text=text,
        intent="request_appointment",
        slots={"requested_slot": "preferred_time"},
        active_loop="booking_form",
    )
    result = await FORM.validate_preferred_time(text, dispatcher, tracker, {})
    assert (result.get("chosen_slot_id") == "slot-3") is taken, result.get("chosen_slot_id")


async def test_another_day_and_an_option_number_take_that_days_time(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    tuesday = [offer("slot-t1", "2pm", OKAFOR, day=8), offer("slot-t2", "3pm", OKAFOR, day=8)]
    tracker = offered(candidates=tuesday, preferred_time="monday or tuesday")
    result = await FORM.validate_chosen_slot_id("monday, 1st one", dispatcher, tracker, {})
    assert result.get("chosen_slot_id") == "slot-1", result.get("chosen_slot_id")


async def test_anyone_among_one_clinicians_times_offers_whoever_is_free_then(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    answer = "anyone is fine actually"
    result = await FORM.validate_chosen_slot_id(answer, dispatcher, _asked_for_lindqvist(), {})
    titles = [c["title"] for c in result["slot_candidates"]]
    assert any("Okafor" in title for title in titles), titles
    assert result.get("chosen_slot_id") is None


@pytest.mark.parametrize(
    ("text", "events"),
    [
        # Taken as the time by its words alone: it is none, and the time is asked again.
        ("does Dr Okafor do hips?", [SlotSet("preferred_time", None)]),
    ],
)
async def test_a_question_outside_the_guide_taken_as_the_time_is_no_time(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, events: list[Any]
) -> None:
    tracker = at_confirmation(
        text, "out_of_scope", requested_slot="preferred_time", preferred_time=text
    )
    tracker.latest_message["scope"] = "other_joint"
    tracker.events.extend(
        [
            user(text),
            {"event": "action", "name": "action_scope_in_booking"},
            bot("utter_scope_other_joint_in_booking"),
        ]
    )
    assert await FORM.run(dispatcher, tracker, domain) == events


async def test_a_time_said_again_in_another_language_is_no_side_question(
    dispatcher: CollectingDispatcher,
) -> None:
    text = "lunes por la mañana? monday morning"
    await booking._answer_side_question(dispatcher, text, NOW)
    assert dispatcher.messages == []


async def test_any_of_them_first_picks_the_first_time_shown(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    result = await FORM.validate_chosen_slot_id(
        "any of them, first", dispatcher, _asked_for_lindqvist(), {}
    )
    assert result == chosen(C3)


async def test_when_the_booking_being_moved_is_now_is_said_beside_the_new_time(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    reference = await book_directly("slot-3")  # with Dr Lindqvist
    value = "remind me when it is at the moment? i've lost the email. anyway monday"
    tracker = make_tracker(text=value, intent="inform", slots={"reschedule_from": reference})
    await FORM.validate_preferred_time(value, dispatcher, tracker, {})
    first = dispatcher.messages[0]
    assert first["response"] == "utter_booking_status"
    assert reference in first["status"] and "Lindqvist" in first["status"]


async def test_when_the_booking_being_moved_is_asked_at_the_move_undecided_is_said(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    reference = await book_directly("slot-3")
    said = "Wait, what day is my old appointment? Maybe I keep it."
    tracker = make_tracker(text=said, intent="inform", slots={"reschedule_from": reference})
    result = await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {})
    assert result == {"booking_confirmed": None}
    assert dispatcher.messages[0]["response"] == "utter_booking_status"
    # Decided: the booking is kept.
    kept = make_tracker(
        text="I'll keep my old one", intent="inform", slots={"reschedule_from": reference}
    )
    result = await FORM.validate_booking_confirmed(READ_ANSWER, CollectingDispatcher(), kept, {})
    assert result == {"booking_confirmed": False}


@pytest.mark.parametrize(
    ("value", "said", "who"),
    [
        # The time is what the patient asked for; the clinician only what the booking had.
        ("monday afternoon", "utter_clinician_unavailable", "Lindqvist"),
        # Asked to keep the clinician: their next free afternoons instead.
        ("monday afternoon, same doctor please", "utter_clinician_other_days", "Okafor"),
    ],
)
async def test_a_move_to_a_time_its_clinician_is_not_free_offers_who_is_free_then(
    dispatcher: CollectingDispatcher,
    stand_in: FakeScheduling,
    monkeypatch: pytest.MonkeyPatch,
    value: str,
    said: str,
    who: str,
) -> None:
    # Dr Okafor is free only in Monday's morning and Tuesday's afternoon; Dr Lindqvist
    # on Monday at 2pm.
    tuesday = datetime(2030, 1, 8, tzinfo=CET)
    stand_in.slots = {
        slot.id: slot
        for slot in [*default_slots(), *day_of_slots(tuesday, range(14, 16), "dr-okafor")]
    }
    stand_in.start()

    async def booked_with(reference: Any) -> str:
        return "Dr. Amara Okafor"

    monkeypatch.setattr(booking, "_clinician_of", booked_with)
    tracker = make_tracker(text=value, slots={"reschedule_from": "JPC-AB12CD"})
    result = await FORM.validate_preferred_time(value, dispatcher, tracker, {})
    titles = [c["title"] for c in result["slot_candidates"]]
    assert responses(dispatcher) == [said], titles
    assert titles and all(who in title for title in titles), titles


@pytest.mark.parametrize(
    "text",
    [
        "hmm no actually, can we do a doctor instead of physio? same evening is fine",
        "I think I need a doctor first. Can I switch to Dr Okafor same morning?",
        "could i move it to friday afternoon instead, and maybe with the physio rather than "
        "the doctor?",
    ],
)
async def test_a_change_of_whom_to_see_is_no_side_question(
    dispatcher: CollectingDispatcher, text: str
) -> None:
    def physical_therapy() -> None:
        raise AssertionError("no FAQ answer for a change of clinician")

    await booking._answer_side_question(dispatcher, text, NOW, physical_therapy)
    assert "utter_clinicians" not in [m.get("response") for m in dispatcher.messages]
    assert not any(str(m.get("response", "")).startswith("utter_faq") for m in dispatcher.messages)


async def test_the_kind_of_clinician_asked_about_beside_a_switch_is_no_faq(
    dispatcher: CollectingDispatcher,
) -> None:
    def physical_therapy() -> None:
        raise AssertionError("no FAQ answer for whom to see")

    text = "oh wait she's a physio? I think I'd rather see a consultant first time round."
    await booking._answer_side_question(dispatcher, text, NOW, physical_therapy)
    assert dispatcher.messages == []


async def test_a_whole_name_said_instead_beside_the_contact_is_taken_whole(
    dispatcher: CollectingDispatcher,
) -> None:
    text = "same number, 07700 900123. but the name is wrong, it's Daniel Reyes not Priya Shah"
    tracker = make_tracker(text=text, slots={"patient_name": "Priya Shah"})
    result = await FORM.validate_patient_contact(text, dispatcher, tracker, {})
    assert result["patient_name"] == "Daniel Reyes"
    assert result["patient_phone"] == PHONE


async def test_the_consultant_asked_for_with_the_request_counts_for_the_time_said_after(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    request = {
        "event": "user",
        "text": "ok fine can you book me in with a consultant please",
        "parse_data": {"intent": {"name": "request_appointment"}},
    }
    tracker = make_tracker(text="Monday morning", events=[request])
    result = await FORM.validate_preferred_time("Monday morning", dispatcher, tracker, {})
    titles = [c["title"] for c in result["slot_candidates"]]
    # Dr Okafor is the one consultant: her Monday morning, not Dr Lindqvist's 11am.
    assert titles and all("Okafor" in title for title in titles), titles
    # Asked now for anyone: whoever is free.
    anyone = make_tracker(text="Monday morning, anyone is fine", events=[request])
    result = await FORM.validate_preferred_time(
        "Monday morning, anyone is fine", CollectingDispatcher(), anyone, {}
    )
    assert any("Lindqvist" in c["title"] for c in result["slot_candidates"])


async def test_the_one_time_shown_at_that_hour_with_that_kind_of_clinician_is_taken(
    dispatcher: CollectingDispatcher,
) -> None:
    shown = [
        {"id": "a", "title": "Thu 10 Dec, 5pm - Dr Lindqvist (sports doctor)", "details": "a"},
        {"id": "b", "title": "Thu 10 Dec, 5:30pm - Dr Okafor (consultant)", "details": "b"},
        {"id": "c", "title": "Thu 10 Dec, 6pm - Rhian Hughes (physio)", "details": "c"},
    ]
    answer = "The 5 o'clock with the doctor would be lovely."
    result = await FORM.validate_chosen_slot_id(answer, dispatcher, offered(candidates=shown), {})
    assert result["chosen_slot_id"] == "a"
    # A bare hour with a name and a wish for that kind of clinician: the same.
    soonest = [
        {"id": "d", "title": "Mon 7 Dec, 9am - Dr Lindqvist (sports doctor)", "details": "d"},
        {"id": "e", "title": "Mon 7 Dec, 10am - Dr Okafor (consultant)", "details": "e"},
    ]
    answer = "the 10 with dr okafor pls, id rather see a consultant"
    result = await FORM.validate_chosen_slot_id(
        answer, CollectingDispatcher(), offered(candidates=soonest), {}
    )
    assert result["chosen_slot_id"] == "e"


async def test_a_switch_asked_with_a_question_about_who_is_made_after_its_answer(
    dispatcher: CollectingDispatcher, running: FakeScheduling, domain: dict[str, Any]
) -> None:
    text = "hang on, is Okafor a physio? Can I switch to Dr Lindqvist same morning?"
    tracker = at_confirmation(text, intent="ask_clinic_info")
    tracker.events.extend(
        [
            {"event": "action", "name": "action_contact"},
            {"event": "bot", "text": "You can book with any of our clinicians: ..."},
            {"event": "action", "name": "booking_form"},
        ]
    )
    events = await FORM.run(dispatcher, tracker, domain)
    offered_now = [e["value"] for e in events if e.get("name") == "slot_candidates"]
    assert offered_now and all("Lindqvist" in c["title"] for c in offered_now[-1]), events
    assert SlotSet("chosen_slot_id", None) in events


@pytest.mark.parametrize(
    ("text", "moving", "rejected"),
    [
        ("actually no. just cancel it altogether, ill rebook when i get my new rota", True, True),
        ("i want to cancel my appointment", True, True),
        # A booking being made, not moved: given up by the form's own reading.
        ("actually no. just cancel it", False, False),
    ],
)
async def test_cancelling_while_moving_a_booking_hands_over_to_cancelling_it(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    text: str,
    moving: bool,
    rejected: bool,
) -> None:
    slots = {"reschedule_from": "JPC-AB12CD"} if moving else {}
    tracker = at_confirmation(text, intent="cancel_appointment", **slots)
    events = await FORM.run(dispatcher, tracker, domain)
    assert (ActionExecutionRejected("booking_form") in events) is rejected


async def test_a_named_clinicians_other_times_start_from_the_week_asked_for(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    # Dr Lindqvist: Thursday 3 January at 9 (this week), Monday 7th at 11 (next week).
    this_thursday = datetime(2030, 1, 3, tzinfo=CET)
    stand_in.slots = {
        slot.id: slot
        for slot in [*default_slots(), *day_of_slots(this_thursday, range(9, 10), "dr-lindqvist")]
    }
    stand_in.start()
    value = "next week tuesday morning, with dr lindqvist if possible"
    result = await FORM.validate_preferred_time(value, dispatcher, make_tracker(text=value), {})
    titles = [c["title"] for c in result["slot_candidates"]]
    assert responses(dispatcher) == ["utter_clinician_other_days"]
    assert titles and not any("3 Jan" in title for title in titles), titles


async def test_a_clock_hour_with_a_clinician_is_their_time_not_their_second_offer(
    dispatcher: CollectingDispatcher,
) -> None:
    shown = [
        {"id": "a", "title": "Wed 9 Dec, 1:30pm - Dr Lindqvist (sports doctor)", "details": "a"},
        {"id": "b", "title": "Wed 9 Dec, 2pm - Dr Okafor (consultant)", "details": "b"},
        {"id": "c", "title": "Wed 9 Dec, 2:30pm - Dr Okafor (consultant)", "details": "c"},
    ]
    answer = "2 OCLOCK WITH THE DOCTOR OKAFOR"
    result = await FORM.validate_chosen_slot_id(answer, dispatcher, offered(candidates=shown), {})
    assert result["chosen_slot_id"] == "b"


@pytest.mark.parametrize(
    "text",
    [
        "hi i want to book an appointment, actually no wait, first can you tell me if "
        "osteoarthritis can affect the back",
        "can i book in please, hang on, does osteoarthritis affect the spine?",
    ],
)
async def test_a_question_put_before_the_request_to_book_is_answered(
    dispatcher: CollectingDispatcher, text: str
) -> None:
    entry = FaqEntry(
        key="osteoarthritis",
        question="What is osteoarthritis?",
        section="conditions",
        topic="osteoarthritis",
        tell_me_more=None,
        text="Osteoarthritis is ...",
    )
    await booking._answer_side_question(dispatcher, text, NOW, lambda: entry)
    assert responses(dispatcher) == ["utter_faq/osteoarthritis"]


async def test_a_choice_with_a_question_about_the_booking_being_moved_keeps_both(
    dispatcher: CollectingDispatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []

    async def say_when(dispatcher: CollectingDispatcher, reference: str) -> bool:
        told.append(reference)
        return True

    monkeypatch.setattr(booking, "_say_when_it_is", say_when)
    text = "2pm. but seriously when is my current one"
    tracker = make_tracker(
        text=text,
        intent="ask_booking_status",
        slots={"requested_slot": "chosen_slot_id", "reschedule_from": "JPC-ZB89WX"},
        active_loop="booking_form",
    )
    assert await FORM.extract_chosen_slot_id(dispatcher, tracker, {}) == {"chosen_slot_id": "2pm."}
    assert told == ["JPC-ZB89WX"]
    # "First" beside the question is no choice.
    first = make_tracker(
        text="But what day is my appointment now? Please tell me first",
        intent="ask_booking_status",
        slots={"requested_slot": "chosen_slot_id", "reschedule_from": "JPC-ZB89WX"},
        active_loop="booking_form",
    )
    assert await FORM.extract_chosen_slot_id(CollectingDispatcher(), first, {}) == {}
    # Not moving a booking: the status question is left to its own rule.
    plain = make_tracker(
        text=text, intent="ask_booking_status", slots={"requested_slot": "chosen_slot_id"}
    )
    assert await FORM.extract_chosen_slot_id(CollectingDispatcher(), plain, {}) == {}


async def test_a_booking_started_by_what_a_stop_was_said_with_goes_on(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    # "stop, its fine. can i book one appt for knee and back together?": the check-in's
    # stop rule has run, and started the booking, which asks its first question.
    text = "stop, its fine. can i book one appt for knee and back together?"
    tracker = make_tracker(
        text=text,
        intent="stop",
        events=[
            user(text),
            {"event": "action", "name": "action_deactivate_loop"},
            {"event": "action", "name": "utter_stopped_checkin"},
            {"event": "action", "name": "action_answer_beside_stop"},
            {"event": "followup", "name": "booking_form"},
        ],
        active_loop="booking_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert ActionExecutionRejected("booking_form") not in events


async def test_a_kind_of_clinician_asked_about_is_no_wish_for_them(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    text = "What is sports doctor? I prefer the consultant specialist please, monday morning"
    tracker = make_tracker(text=text)
    result = await FORM.validate_preferred_time(text, dispatcher, tracker, {})
    titles = [c["title"] for c in result["slot_candidates"]]
    # Dr Okafor is the one consultant; the sports doctor was only asked about.
    assert titles and all("Okafor" in title for title in titles), titles


async def test_a_question_about_a_kind_beside_a_new_wish_names_them_and_searches_it(
    dispatcher: CollectingDispatcher, running: FakeScheduling, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(contact, "clinic_now", lambda: NOW)
    text = "What is sports doctor? I prefer the consultant please, monday morning"
    tracker = offered()
    tracker.latest_message["text"] = text
    tracker.latest_message["intent"] = {"name": "inform", "confidence": 0.9}
    result = await FORM.validate_chosen_slot_id(text, dispatcher, tracker, {})
    assert [m["response"] for m in dispatcher.messages][:1] == ["utter_clinicians"]
    titles = [c["title"] for c in result["slot_candidates"]]
    assert titles and all("Okafor" in title for title in titles), titles


async def test_a_new_time_and_a_new_email_at_the_confirmation_are_both_taken(
    dispatcher: CollectingDispatcher, running: FakeScheduling
) -> None:
    text = "make it the 2pm instead, and please also send it to raj.p@example.com"
    tracker = at_confirmation(text)
    result = await FORM.validate_booking_confirmed(READ_ANSWER, dispatcher, tracker, {})
    assert result["patient_email"] == "raj.p@example.com"
    assert result["patient_phone"] == PHONE
    # The 2pm shown (Dr Lindqvist's) is the time now chosen, not the 9:30 before.
    # The new time is searched: the 2pm, not the 9:30 chosen before.
    assert [c["id"] for c in result["slot_candidates"]] == [C4["id"]]


def test_a_name_told_after_the_call_time_without_a_comma_is_not_part_of_it() -> None:
    from actions.booking import callback_times

    told = "07700 900412 after 6pm is best I'm Dan"
    events = [
        {
            "event": "user",
            "text": "can someone call me?",
            "parse_data": {"intent": {"name": "request_callback"}},
        },
        {"event": "user", "text": told, "parse_data": {"intent": {"name": "inform"}}},
    ]
    tracker = make_tracker(text=told, intent="inform", events=events)
    assert callback_times(tracker) == "after 6pm is best"


async def test_a_time_asked_for_that_is_taken_is_said_before_the_nearest_in_its_hour(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    stand_in.slots = {}
    start = datetime(2030, 1, 8, 9, 30, tzinfo=CET)  # a Tuesday: 9am is taken, 9:30 is free
    stand_in.slots["t930"] = SlotRecord(
        "t930", start, start + timedelta(minutes=30), "ok", "Okafor"
    )
    stand_in.start()
    value = "tuesday 9am pls"
    result = await FORM.validate_preferred_time(value, dispatcher, make_tracker(text=value), {})
    assert [c["id"] for c in result["slot_candidates"]] == ["t930"]
    assert dispatcher.messages[0]["response"] == "utter_asked_time_taken"
    assert dispatcher.messages[0]["time"] == "9am"


async def test_a_time_asked_for_that_is_free_is_offered_without_a_word(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    stand_in.slots = {}
    start = datetime(2030, 1, 8, 9, tzinfo=CET)
    stand_in.slots["t900"] = SlotRecord(
        "t900", start, start + timedelta(minutes=30), "ok", "Okafor"
    )
    stand_in.start()
    value = "tuesday 9am pls"
    await FORM.validate_preferred_time(value, dispatcher, make_tracker(text=value), {})
    assert "utter_asked_time_taken" not in [m.get("response") for m in dispatcher.messages]


@pytest.mark.parametrize("answered_by_the_rule", [False, True])
async def test_when_the_booking_being_moved_is_asked_with_a_time_it_is_said_once(
    dispatcher: CollectingDispatcher,
    stand_in: FakeScheduling,
    monkeypatch: pytest.MonkeyPatch,
    answered_by_the_rule: bool,
) -> None:
    told: list[str] = []

    async def say_when(dispatcher: CollectingDispatcher, reference: str) -> bool:
        told.append(reference)
        return True

    monkeypatch.setattr(booking, "_say_when_it_is", say_when)
    stand_in.start()
    text = "remind me when it is at the moment? I want an afternoon next week"
    events: list[dict[str, Any]] = [{"event": "user", "text": text}]
    if answered_by_the_rule:
        events.append({"event": "action", "name": "action_status_while_booking"})
    tracker = make_tracker(
        text=text,
        intent="ask_booking_status",
        slots={"requested_slot": "preferred_time", "reschedule_from": "JPC-ZB89WX"},
        active_loop="booking_form",
        events=events,
    )
    await FORM.validate_preferred_time(text, dispatcher, tracker, {})
    assert told == ([] if answered_by_the_rule else ["JPC-ZB89WX"])


def test_the_week_said_of_the_booking_is_kept_with_the_day_wished_for() -> None:
    wish = booking._new_time_wish(
        "hang on, rather than cancel could I move it to later that week? thursday evening maybe"
    )
    assert "later that week" in wish and "thursday evening" in wish


def test_a_day_after_the_booking_is_not_counted_from_the_day_on_offer() -> None:
    shown = [{"id": "a", "title": "Thu 17 Dec, 5pm - Dr Okafor (consultant)"}]
    text = "no thats this week, I mean the thursday after my appointment, the 17th"
    assert "thursday after my appointment" in booking._about_the_time(text, shown)
    # Counted from the day on offer when no booking is named.
    assert booking._about_the_time("the thursday after", shown).startswith("thu ")


async def test_a_contact_given_with_the_choice_wins_over_one_for_another_booking(
    dispatcher: CollectingDispatcher,
) -> None:
    lookup = "ok. my husband has appointment JPC-XZ23KP, phone +447700900931. I can go in his time?"
    text = "9am is good. Carmen López, telephone +34 612 345 678"
    tracker = make_tracker(
        text=text,
        intent="inform",
        slots={"requested_slot": "chosen_slot_id", "patient_contact": lookup},
        active_loop="booking_form",
        events=[{"event": "user", "text": lookup}, {"event": "user", "text": text}],
    )
    assert await FORM.extract_patient_contact(dispatcher, tracker, {}) == {"patient_contact": text}
    # The contact for the other booking is not read as this patient's at the start.
    start = make_tracker(
        text="ok book appointment for me please, monday 14 in morning",
        intent="request_appointment",
        slots={"requested_slot": "preferred_time"},
        active_loop="booking_form",
        events=[
            {"event": "user", "text": lookup},
            {"event": "user", "text": "ok book appointment for me please, monday 14 in morning"},
        ],
    )
    assert await FORM.extract_patient_contact(dispatcher, start, {}) == {}


async def test_the_latest_on_a_day_closing_early_offers_its_last_times(
    dispatcher: CollectingDispatcher, stand_in: FakeScheduling
) -> None:
    stand_in.slots = {}
    first = datetime(2030, 1, 4, 13, 30, tzinfo=CET)  # a Friday, closing before 4pm
    for n in range(4):
        start = first + timedelta(minutes=30 * n)
        stand_in.slots[f"f{n}"] = SlotRecord(
            f"f{n}", start, start + timedelta(minutes=30), "ok", "Okafor"
        )
    stand_in.start()
    value = "Then the Friday, late as possible please"
    result = await FORM.validate_preferred_time(value, dispatcher, make_tracker(text=value), {})
    assert {c["id"] for c in result["slot_candidates"]} <= {"f1", "f2", "f3"}
    assert "f3" in {c["id"] for c in result["slot_candidates"]}


async def test_a_time_chosen_with_a_request_in_another_sentence_is_taken(
    dispatcher: CollectingDispatcher,
) -> None:
    physio = offer("physio-230", "2:30pm", HUGHES)
    tracker = offered(candidates=[C1, physio, C4], preferred_time="Monday afternoon")
    said = "2:30 with the physio. oh, could you text the confirmation to my phone instead?"
    result = await FORM.validate_chosen_slot_id(said, dispatcher, tracker, {})
    assert result == chosen(physio)


async def test_the_same_number_as_before_is_the_one_given_earlier(
    dispatcher: CollectingDispatcher,
) -> None:
    text = "Harriet Osei, same number as the old booking"
    events = [user("07700 900 912"), user("oops, typo, its 07700 900123"), user(text)]
    tracker = make_tracker(text=text, slots={"requested_slot": "patient_name"}, events=events)
    result = await FORM.extract_patient_contact(dispatcher, tracker, {})
    assert result == {"patient_contact": "oops, typo, its 07700 900123"}
