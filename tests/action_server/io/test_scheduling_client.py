import re
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from action_server.io.scheduling_client import (
    REFERENCE_ALPHABET,
    BookedAppointment,
    BookingRequest,
    NotFound,
    SchedulingClient,
    SchedulingError,
    SchedulingUnavailable,
    Slot,
    SlotTaken,
    new_booking_reference,
    parse_fhir_datetime,
)
from startup.settings import load_settings
from tests.action_server.io.conftest import make_client
from tests.action_server.io.fake_scheduling import CET, FakeScheduling, day_of_slots

MONDAY = datetime(2030, 1, 7, tzinfo=CET)


def booking(
    slot_id: str = "slot-1",
    reference: str | None = None,
    *,
    phone: str | None = "+4520304050",
    email: str | None = None,
) -> BookingRequest:
    return BookingRequest(
        reference=reference or new_booking_reference(),
        slot_id=slot_id,
        name="Maria Jensen",
        phone=phone,
        email=email,
        reason="Knee pain when climbing stairs",
        summary="Right knee pain for 3 months, worse on stairs; no red flags.",
    )


# --- references ------------------------------------------------------------------------


def test_references_are_short_readable_and_unguessable() -> None:
    references = {new_booking_reference() for _ in range(2000)}
    assert len(references) == 2000
    for reference in references:
        assert re.fullmatch(r"JPC-[A-HJ-NP-Z2-9]{6}", reference), reference
    assert not set("0O1I") & set(REFERENCE_ALPHABET)


def test_fhir_timestamps_with_z_are_understood() -> None:
    assert parse_fhir_datetime("2030-01-07T08:00:00Z") == datetime(
        2030, 1, 7, 8, tzinfo=timezone.utc
    )
    with pytest.raises(ValueError, match="no UTC offset"):
        parse_fhir_datetime("2030-01-07T08:00:00")


# --- success paths -----------------------------------------------------------------------


async def test_health(running: FakeScheduling, client: SchedulingClient) -> None:
    assert await client.health()
    assert "Authorization" in running.received[-1].headers  # sent, though /health ignores it


async def test_health_is_false_when_down(client: SchedulingClient) -> None:
    assert not await client.health()


async def test_free_slots_in_a_window(running: FakeScheduling, client: SchedulingClient) -> None:
    slots = await client.free_slots(
        MONDAY.replace(hour=9, minute=15), until=MONDAY.replace(hour=14), limit=5
    )
    assert slots == [
        Slot(
            "slot-2",
            MONDAY.replace(hour=9, minute=30),
            MONDAY.replace(hour=10),
            "Dr. Amara Okafor",
            "consultant rheumatologist",
            "consultant",
        ),
        Slot(
            "slot-3",
            MONDAY.replace(hour=11),
            MONDAY.replace(hour=11, minute=30),
            "Dr. Erik Lindqvist",
            "sports and exercise medicine doctor",
            "sports and exercise medicine doctor",  # no short role given: the role itself
        ),
    ]
    query = running.requests_to("GET", "/Slot")[-1].query
    assert query["status"] == ["free"]
    assert query["start"] == ["ge2030-01-07T09:15:00+01:00", "lt2030-01-07T14:00:00+01:00"]
    assert query["_count"] == ["5"]


async def test_free_slots_respects_the_limit_and_open_end(
    running: FakeScheduling, client: SchedulingClient
) -> None:
    slots = await client.free_slots(MONDAY, None, limit=2)
    assert [slot.id for slot in slots] == ["slot-1", "slot-2"]
    assert len(running.requests_to("GET", "/Slot")[-1].query["start"]) == 1


async def test_free_slots_needs_aware_datetimes(client: SchedulingClient) -> None:
    with pytest.raises(ValueError, match="start_from must be timezone-aware"):
        await client.free_slots(datetime(2030, 1, 7, 9), None, 3)
    with pytest.raises(ValueError, match="limit must be at least 1"):
        await client.free_slots(MONDAY, None, 0)


async def test_book_sends_fhir_appointment_with_idempotency_key(
    running: FakeScheduling, client: SchedulingClient
) -> None:
    request = booking("slot-3")
    appointment = await client.book(request)
    assert appointment == BookedAppointment(
        id="appt-1",
        reference=request.reference,
        status="booked",
        slot_id="slot-3",
        start=MONDAY.replace(hour=11),
        end=MONDAY.replace(hour=11, minute=30),
        telecom=(("phone", "+4520304050"),),
        patient_name="Maria Jensen",
        clinician_name="Dr. Erik Lindqvist",
        clinician_role="sports and exercise medicine doctor",
    )
    sent = running.requests_to("POST", "/Appointment")[0]
    assert sent.headers["Idempotency-Key"] == request.reference
    assert sent.headers["Authorization"] == "Bearer test-scheduling-token"
    assert sent.body == {
        "resourceType": "Appointment",
        "status": "booked",
        "identifier": [{"system": "urn:clinic:booking-reference", "value": request.reference}],
        "slot": [{"reference": "Slot/slot-3"}],
        "contained": [
            {
                "resourceType": "Patient",
                "id": "patient",
                "name": [{"text": "Maria Jensen"}],
                "telecom": [{"system": "phone", "value": "+4520304050"}],
            }
        ],
        "participant": [{"actor": {"reference": "#patient"}, "status": "accepted"}],
        "reasonCode": [{"text": "Knee pain when climbing stairs"}],
        "comment": "Right knee pain for 3 months, worse on stairs; no red flags.",
    }


async def test_both_contacts_are_sent_and_read_back(
    running: FakeScheduling, client: SchedulingClient
) -> None:
    request = booking("slot-2", phone="+447700900123", email="maria@example.com")
    booked = await client.book(request)
    [post] = running.requests_to("POST", "/Appointment")
    assert post.body["contained"][0]["telecom"] == [
        {"system": "phone", "value": "+447700900123"},
        {"system": "email", "value": "maria@example.com"},
    ]
    expected = (("phone", "+447700900123"), ("email", "maria@example.com"))
    assert booked.telecom == expected
    found = await client.find_by_reference(request.reference)
    assert found is not None and found.telecom == expected
    assert (await client.get_appointment(booked.id)).telecom == expected
    assert (await client.cancel(booked.id)).telecom == expected


async def test_an_email_alone_is_enough(running: FakeScheduling, client: SchedulingClient) -> None:
    booked = await client.book(booking(phone=None, email="maria@example.com"))
    assert booked.telecom == (("email", "maria@example.com"),)


@pytest.mark.parametrize(("phone", "email"), [(None, None), ("", ""), ("", None)])
def test_a_booking_needs_a_phone_or_an_email(phone: str | None, email: str | None) -> None:
    with pytest.raises(ValueError, match="needs a phone number or an email address"):
        booking(phone=phone, email=email)


async def test_telecom_is_read_from_the_contained_patient(
    running: FakeScheduling, client: SchedulingClient
) -> None:
    running.appointments["a-1"] = {
        "resourceType": "Appointment",
        "id": "a-1",
        "status": "booked",
        "contained": [
            {"resourceType": "Practitioner", "id": "dr", "telecom": [{"system": "phone"}]},
            {
                "resourceType": "Patient",
                "id": "patient",
                "telecom": [
                    {"system": "email", "value": "a@b.com"},
                    {"system": "phone"},  # no value: not a way to reach anyone
                    "garbage",
                ],
            },
        ],
    }
    running.appointments["a-2"] = {"resourceType": "Appointment", "id": "a-2", "status": "booked"}
    assert (await client.get_appointment("a-1")).telecom == (("email", "a@b.com"),)
    assert (await client.get_appointment("a-2")).telecom == ()


async def test_booking_twice_with_one_reference_books_once(
    running: FakeScheduling, client: SchedulingClient
) -> None:
    request = booking()
    assert await client.book(request) == await client.book(request)
    assert running.bookings_made == 1


async def test_find_get_and_cancel(running: FakeScheduling, client: SchedulingClient) -> None:
    request = booking("slot-2")
    booked = await client.book(request)
    assert await client.find_by_reference(request.reference) == booked
    assert await client.find_by_reference("JPC-NOPE22") is None
    assert await client.get_appointment(booked.id) == booked

    cancelled = await client.cancel(booked.id)
    assert cancelled.status == "cancelled"
    assert cancelled.id == booked.id
    assert (await client.cancel(booked.id)).status == "cancelled"  # idempotent
    assert "slot-2" in [slot.id for slot in await client.free_slots(MONDAY, None, 10)]
    with pytest.raises(NotFound):
        await client.cancel("appt-404")


async def test_free_slots_in_asks_each_window_in_turn(
    running: FakeScheduling, client: SchedulingClient
) -> None:
    """Monday is full of free times; the Wednesday afternoon asked for is still found."""
    running.slots.update({slot.id: slot for slot in day_of_slots(MONDAY, range(9, 17))})
    wednesday = MONDAY + timedelta(days=2)
    running.slots.update({slot.id: slot for slot in day_of_slots(wednesday, range(13, 17))})
    windows = [
        (wednesday.replace(hour=13), wednesday.replace(hour=17)),
        (wednesday.replace(hour=9), wednesday.replace(hour=10)),  # nothing free then
    ]
    slots = await client.free_slots_in(windows, per_window=3, limit=10)
    assert [slot.start for slot in slots] == [wednesday.replace(hour=h) for h in (13, 14, 15)]
    assert slots[0].clinician_role == "consultant rheumatologist"
    queries = [request.query for request in running.requests_to("GET", "/Slot")]
    assert queries == [
        {
            "status": ["free"],
            "start": ["ge2030-01-09T13:00:00+01:00", "lt2030-01-09T17:00:00+01:00"],
            "_count": ["3"],
        },
        {
            "status": ["free"],
            "start": ["ge2030-01-09T09:00:00+01:00", "lt2030-01-09T10:00:00+01:00"],
            "_count": ["3"],
        },
    ]


async def test_free_slots_in_stops_at_the_limit_and_lists_each_slot_once(
    running: FakeScheduling, client: SchedulingClient
) -> None:
    morning = (MONDAY.replace(hour=9), MONDAY.replace(hour=12))
    afternoon = (MONDAY.replace(hour=12), MONDAY.replace(hour=18))
    # The same window twice finds the same slots: each is listed once.
    slots = await client.free_slots_in([morning, morning, afternoon], per_window=5, limit=4)
    assert [slot.id for slot in slots] == ["slot-1", "slot-2", "slot-3", "slot-4"]
    assert len(running.requests_to("GET", "/Slot")) == 3
    # Enough after the first window: the others are never asked about.
    slots = await client.free_slots_in([morning, afternoon], per_window=5, limit=2)
    assert [slot.id for slot in slots] == ["slot-1", "slot-2"]
    assert len(running.requests_to("GET", "/Slot")) == 4


async def test_free_slots_in_sorts_by_start_whatever_the_window_order(
    running: FakeScheduling, client: SchedulingClient
) -> None:
    afternoon = (MONDAY.replace(hour=12), MONDAY.replace(hour=18))
    morning = (MONDAY.replace(hour=9), MONDAY.replace(hour=10))
    slots = await client.free_slots_in([afternoon, morning], per_window=5, limit=10)
    assert [slot.id for slot in slots] == ["slot-1", "slot-2", "slot-4"]
    assert await client.free_slots_in([], per_window=5, limit=10) == []


async def test_free_slots_in_checks_its_arguments(client: SchedulingClient) -> None:
    window = (MONDAY, MONDAY + timedelta(hours=1))
    with pytest.raises(ValueError, match="per_window must be at least 1"):
        await client.free_slots_in([window], per_window=0, limit=1)
    with pytest.raises(ValueError, match="limit must be at least 1"):
        await client.free_slots_in([window], per_window=1, limit=0)
    with pytest.raises(ValueError, match="window start must be timezone-aware"):
        await client.free_slots_in([(datetime(2030, 1, 7), window[1])], per_window=1, limit=1)
    with pytest.raises(ValueError, match="is empty"):
        await client.free_slots_in([(window[1], window[0])], per_window=1, limit=1)


async def test_one_connection_pool_in_a_with_block(running: FakeScheduling) -> None:
    client = make_client(running.url)
    async with client:
        assert await client.health()
        assert await client.free_slots(MONDAY, None, 1)
    assert await client.health()  # usable again afterwards, one call at a time


def test_client_from_settings() -> None:
    settings = load_settings(
        {
            "SCHEDULING_HOST": "10.0.0.5",
            "SCHEDULING_PORT": "7000",
            "SCHEDULING_API_TOKEN": "tok",
            "SCHEDULING_TIMEOUT_S": "2",
            "SCHEDULING_RETRIES": "1",
        }
    )
    client = SchedulingClient.from_settings(settings)
    assert client.base_url == "http://10.0.0.5:7000"
    assert (client.timeout_s, client.retries) == (2, 1)
    assert "tok" not in repr(client)


# --- retries -----------------------------------------------------------------------------


async def test_get_retried_after_two_503s(
    running: FakeScheduling, client: SchedulingClient
) -> None:
    running.fail_next("status", "GET", times=2, status=503)
    assert len(await client.free_slots(MONDAY, None, 4)) == 4
    assert len(running.requests_to("GET", "/Slot")) == 3


async def test_post_retried_after_two_503s_books_once(
    running: FakeScheduling, client: SchedulingClient
) -> None:
    running.fail_next("status", "POST", times=2, status=503)
    await client.book(booking())
    assert len(running.requests_to("POST", "/Appointment")) == 3
    assert running.bookings_made == 1


async def test_lost_answer_then_retry_never_books_twice(
    running: FakeScheduling, client: SchedulingClient
) -> None:
    """The service books, then the connection drops: the retry replays the key and gets 200."""
    request = booking("slot-4")
    running.fail_next("drop", "POST")
    appointment = await client.book(request)
    posts = running.requests_to("POST", "/Appointment")
    assert len(posts) == 2
    assert {post.headers["Idempotency-Key"] for post in posts} == {request.reference}
    assert running.bookings_made == 1
    assert running.appointments_for(request.reference) == [running.appointments[appointment.id]]
    assert appointment.slot_id == "slot-4"


async def test_answer_too_late_then_retry_never_books_twice(running: FakeScheduling) -> None:
    client = make_client(running.url, timeout_s=0.2)
    running.fail_next("delay", "POST", delay_s=1.0)
    request = booking()
    appointment = await client.book(request)
    assert len(running.requests_to("POST", "/Appointment")) == 2
    assert running.bookings_made == 1
    assert appointment.reference == request.reference


async def test_cancel_is_retried(running: FakeScheduling, client: SchedulingClient) -> None:
    booked = await client.book(booking())
    running.fail_next("drop", "PATCH")
    assert (await client.cancel(booked.id)).status == "cancelled"
    assert len([r for r in running.received if r.method == "PATCH"]) == 2


# --- failures ----------------------------------------------------------------------------


async def test_timeouts_give_up_after_the_retries(running: FakeScheduling) -> None:
    client = make_client(running.url, timeout_s=0.2, retries=2)
    running.fail_next("delay", "GET", times=3, delay_s=2.0)
    started = time.monotonic()
    with pytest.raises(SchedulingUnavailable, match=r"after 3 attempt\(s\): no answer within"):
        await client.free_slots(MONDAY, None, 1)
    assert time.monotonic() - started < 1.5
    assert len(running.requests_to("GET", "/Slot")) == 3


async def test_persistent_5xx_is_unavailable(
    running: FakeScheduling, client: SchedulingClient
) -> None:
    running.fail_next("status", "GET", times=4, status=502)
    with pytest.raises(SchedulingUnavailable, match="HTTP 502"):
        await client.find_by_reference("JPC-ABCDEF")
    assert len(running.requests_to("GET", "/Appointment")) == 4


async def test_connection_refused_is_unavailable(client: SchedulingClient) -> None:
    with pytest.raises(SchedulingUnavailable, match="unavailable for POST /Appointment"):
        await client.book(booking())


async def test_slot_taken(running: FakeScheduling, client: SchedulingClient) -> None:
    await client.book(booking("slot-1"))
    with pytest.raises(SlotTaken, match="already booked") as caught:
        await client.book(booking("slot-1"))
    assert caught.value.status_code == 409
    assert len(running.requests_to("POST", "/Appointment")) == 2  # a 409 is not retried


async def test_unknown_slot_is_not_found(running: FakeScheduling, client: SchedulingClient) -> None:
    with pytest.raises(NotFound, match="no slot slot-99"):
        await client.book(booking("slot-99"))


async def test_invalid_booking_is_a_plain_scheduling_error(
    running: FakeScheduling, client: SchedulingClient
) -> None:
    with pytest.raises(SchedulingError, match="HTTP 400") as caught:
        await client.book(replace(booking(), name=""))
    assert type(caught.value) is SchedulingError
    assert caught.value.status_code == 400


async def test_wrong_token_is_explained_and_not_retried(running: FakeScheduling) -> None:
    client = SchedulingClient(running.url, "wrong", retries=3, backoff_base_s=0.01)
    with pytest.raises(SchedulingError, match="check SCHEDULING_API_TOKEN") as caught:
        await client.free_slots(MONDAY, MONDAY + timedelta(days=1), 3)
    assert caught.value.status_code == 401
    assert len(running.received) == 1


def test_nothing_is_opened_at_construction() -> None:
    client = SchedulingClient("http://127.0.0.1:1", "t")
    assert client._shared is None
    with pytest.raises(ValueError, match="timeout_s must be greater than 0"):
        SchedulingClient("http://127.0.0.1:1", "t", timeout_s=0)
