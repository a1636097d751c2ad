from dataclasses import asdict, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa

from action_server.io.outbox import (
    CANCELLED,
    DELIVERED,
    FAILED,
    PENDING,
    Booked,
    BookingClosed,
    BookingLookup,
    BookingService,
    Cancelled,
    CancelPending,
    Pending,
    UnknownBooking,
    booking_outbox,
    create_outbox_engine,
    request_from_payload,
)
from action_server.io.scheduling_client import (
    BookingRequest,
    NotFound,
    SchedulingClient,
    SchedulingUnavailable,
    SlotTaken,
)
from startup.settings import load_settings
from tests.action_server.io.conftest import make_client
from tests.action_server.io.fake_scheduling import FakeScheduling
from tests.action_server.io.test_scheduling_client import booking


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'outbox.db'}"


def new_service(db_url: str, stand_in: FakeScheduling) -> BookingService:
    """A client that gives up fast (one retry), as a fresh process would build it."""
    return BookingService(create_outbox_engine(db_url), make_client(stand_in.url, retries=1))


@pytest.fixture
def service(db_url: str, stand_in: FakeScheduling) -> BookingService:
    return new_service(db_url, stand_in)


# --- submit ------------------------------------------------------------------------------


async def test_submit_books_and_records_delivery(
    running: FakeScheduling, service: BookingService
) -> None:
    request = booking("slot-2")
    outcome = await service.submit(request)
    assert isinstance(outcome, Booked)
    assert outcome.reference == request.reference
    assert outcome.appointment.slot_id == "slot-2"
    row = await service.get(request.reference)
    assert row is not None
    assert (row.status, row.attempts, row.appointment_id) == (DELIVERED, 1, outcome.appointment.id)
    assert row.request == request
    assert row.delivered_at is not None and row.delivered_at.tzinfo is not None


async def test_submitting_the_same_request_again_books_once(
    running: FakeScheduling, service: BookingService
) -> None:
    request = booking()
    first = await service.submit(request)
    again = await service.submit(request)
    assert first == again
    assert running.bookings_made == 1
    with pytest.raises(ValueError, match="already used for another request"):
        await service.submit(replace(request, slot_id="slot-3"))


async def test_outage_pending_survives_restart_then_delivered_once(
    stand_in: FakeScheduling, db_url: str
) -> None:
    request = booking("slot-1")
    outcome = await new_service(db_url, stand_in).submit(request)  # the service is down
    assert outcome == Pending(request.reference)

    restarted = new_service(db_url, stand_in)  # a new process on the same database
    row = await restarted.get(request.reference)
    assert row is not None and row.status == PENDING
    assert row.request == request
    assert "unavailable" in (row.last_error or "")
    assert await restarted.deliver_pending() == 0  # still down: nothing lost, nothing sent

    stand_in.start()
    assert await restarted.deliver_pending() == 1
    assert await restarted.deliver_pending() == 0
    assert stand_in.bookings_made == 1
    row = await restarted.get(request.reference)
    assert row is not None and row.status == DELIVERED and row.last_error is None
    assert stand_in.appointments[row.appointment_id or ""]["status"] == "booked"


async def test_lost_answer_during_outage_is_delivered_once(
    running: FakeScheduling, service: BookingService
) -> None:
    """The service booked but every answer was lost; the outbox replays the key later."""
    running.fail_next("drop", "POST", times=2)  # first attempt + one retry
    request = booking("slot-3")
    assert await service.submit(request) == Pending(request.reference)
    assert running.bookings_made == 1

    assert await service.deliver_pending() == 1
    assert running.bookings_made == 1
    assert len(running.appointments_for(request.reference)) == 1
    row = await service.get(request.reference)
    assert row is not None and row.status == DELIVERED and row.appointment_id == "appt-1"


async def test_slot_taken_propagates_and_is_recorded(
    running: FakeScheduling, service: BookingService
) -> None:
    await service.submit(booking("slot-1"))
    request = booking("slot-1")
    with pytest.raises(SlotTaken):
        await service.submit(request)
    row = await service.get(request.reference)
    assert row is not None and row.status == FAILED
    assert "already booked" in (row.last_error or "")
    with pytest.raises(BookingClosed, match="new reference"):
        await service.submit(request)


async def test_unknown_slot_propagates(running: FakeScheduling, service: BookingService) -> None:
    with pytest.raises(NotFound):
        await service.submit(booking("slot-99"))
    assert [row.status for row in await service.rows()] == [FAILED]


async def test_slot_taken_while_pending_is_kept_for_staff(
    stand_in: FakeScheduling, service: BookingService
) -> None:
    late = booking("slot-1")
    other = booking("slot-2")
    assert isinstance(await service.submit(late), Pending)
    assert isinstance(await service.submit(other), Pending)
    stand_in.start()
    stand_in.slots["slot-1"].status = "busy"  # booked by phone in the meantime

    assert await service.deliver_pending() == 1  # one refusal does not stop the round
    failed = await service.get(late.reference)
    assert failed is not None and failed.status == FAILED
    assert "already booked" in (failed.last_error or "")
    assert [row.reference for row in await service.rows(DELIVERED)] == [other.reference]


async def test_wrong_token_keeps_the_booking_pending(
    running: FakeScheduling, service: BookingService, db_url: str
) -> None:
    bad = BookingService(
        service.engine, SchedulingClient(running.url, "wrong", retries=0, backoff_base_s=0.01)
    )
    request = booking()
    assert await bad.submit(request) == Pending(request.reference)
    row = await bad.get(request.reference)
    assert row is not None and "SCHEDULING_API_TOKEN" in (row.last_error or "")
    assert await service.deliver_pending() == 1  # once the token is fixed


# --- cancel ------------------------------------------------------------------------------


async def test_cancel_delivered(running: FakeScheduling, service: BookingService) -> None:
    request = booking("slot-4")
    booked = await service.submit(request)
    assert isinstance(booked, Booked)
    outcome = await service.cancel(request.reference)
    assert isinstance(outcome, Cancelled)
    assert outcome.appointment is not None and outcome.appointment.status == "cancelled"
    assert running.slots["slot-4"].status == "free"
    row = await service.get(request.reference)
    assert row is not None and row.status == CANCELLED and not row.needs_remote_cancel
    assert await service.cancel(request.reference) == Cancelled(request.reference, None)


async def test_cancel_pending_never_sent(stand_in: FakeScheduling, service: BookingService) -> None:
    """A row saved by a process that died before sending it: cancelled locally, no call."""
    request = booking("slot-1")
    service._insert(request)
    assert await service.cancel(request.reference) == Cancelled(request.reference, None)
    stand_in.start()
    assert await service.deliver_pending() == 0
    assert stand_in.received == []
    row = await service.get(request.reference)
    assert row is not None and row.status == CANCELLED


async def test_cancel_pending_during_outage_is_never_delivered(
    stand_in: FakeScheduling, service: BookingService
) -> None:
    request = booking("slot-1")
    assert isinstance(await service.submit(request), Pending)
    # It was sent once (unanswered), so the service must still be checked for it.
    assert await service.cancel(request.reference) == CancelPending(request.reference)

    stand_in.start()
    assert await service.deliver_pending() == 0
    assert stand_in.bookings_made == 0
    assert stand_in.requests_to("POST", "/Appointment") == []
    row = await service.get(request.reference)
    assert row is not None and row.status == CANCELLED and not row.needs_remote_cancel


async def test_cancel_pending_whose_lost_answer_had_booked(
    running: FakeScheduling, service: BookingService
) -> None:
    running.fail_next("drop", "POST", times=2)
    request = booking("slot-2")
    assert isinstance(await service.submit(request), Pending)
    assert running.slots["slot-2"].status == "busy"

    outcome = await service.cancel(request.reference)
    assert isinstance(outcome, Cancelled)
    assert outcome.appointment is not None and outcome.appointment.status == "cancelled"
    assert running.slots["slot-2"].status == "free"
    assert await service.deliver_pending() == 0
    assert running.bookings_made == 1


async def test_cancel_delivered_during_outage_is_finished_by_the_worker(
    stand_in: FakeScheduling, service: BookingService
) -> None:
    stand_in.start()
    request = booking("slot-3")
    booked = await service.submit(request)
    assert isinstance(booked, Booked)
    stand_in.stop()

    assert await service.cancel(request.reference) == CancelPending(request.reference)
    row = await service.get(request.reference)
    assert row is not None and row.status == CANCELLED and row.needs_remote_cancel

    stand_in.start()
    await service.deliver_pending()
    assert stand_in.appointments[booked.appointment.id]["status"] == "cancelled"
    row = await service.get(request.reference)
    assert row is not None and not row.needs_remote_cancel


async def test_cancel_a_reference_only_the_service_knows(
    running: FakeScheduling, service: BookingService
) -> None:
    request = booking("slot-1")
    await make_client(running.url).book(request)
    outcome = await service.cancel(request.reference)
    assert isinstance(outcome, Cancelled) and outcome.appointment is not None
    with pytest.raises(UnknownBooking):
        await service.cancel("JPC-ZZZZZZ")


async def test_cancel_failed_booking(running: FakeScheduling, service: BookingService) -> None:
    await service.submit(booking("slot-1"))
    request = booking("slot-1")
    with pytest.raises(SlotTaken):
        await service.submit(request)
    assert await service.cancel(request.reference) == Cancelled(request.reference, None)
    row = await service.get(request.reference)
    assert (
        row is not None and row.status == CANCELLED and "already booked" in (row.last_error or "")
    )


# --- storage -----------------------------------------------------------------------------


async def test_table_layout(service: BookingService) -> None:
    columns = {
        column["name"] for column in sa.inspect(service.engine).get_columns("booking_outbox")
    }
    assert {
        "reference",
        "payload",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "delivered_at",
        "appointment_id",
    } <= columns


async def test_in_memory_database_is_shared_across_threads(running: FakeScheduling) -> None:
    service = BookingService(create_outbox_engine("sqlite://"), make_client(running.url))
    request = booking()
    assert isinstance(await service.submit(request), Booked)
    assert [row.reference for row in await service.rows(DELIVERED)] == [request.reference]


def test_from_settings_creates_the_database_folder(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "outbox.db"
    settings = load_settings({"OUTBOX_DATABASE_URL": f"sqlite:///{path}"})
    service = BookingService.from_settings(settings)
    assert path.exists()
    assert service.client.base_url == settings.scheduling.url
    service.engine.dispose()


@pytest.mark.parametrize(
    ("phone", "email"),
    [("+4520304050", None), (None, "m@x.dk"), ("+4520304050", "m@x.dk")],
)
def test_payload_round_trips(tmp_path: Path, phone: str | None, email: str | None) -> None:
    engine = create_outbox_engine(f"sqlite:///{tmp_path / 'o.db'}")
    service = BookingService(engine, make_client("http://127.0.0.1:1"))
    request: BookingRequest = booking(phone=phone, email=email)
    assert service._insert(request).request == request


@pytest.mark.parametrize(
    ("system", "value", "phone", "email"),
    [("phone", "+447700900123", "+447700900123", None), ("email", "m@x.dk", None, "m@x.dk")],
)
async def test_rows_queued_with_one_contact_are_still_read_and_delivered(
    running: FakeScheduling,
    service: BookingService,
    system: str,
    value: str,
    phone: str | None,
    email: str | None,
) -> None:
    """A row written before bookings carried both contacts, with contact_system/_value."""
    request = booking("slot-2", phone=phone, email=email)
    old_payload = {
        key: item for key, item in asdict(request).items() if key not in ("phone", "email")
    }
    old_payload.update(contact_system=system, contact_value=value)
    with service.engine.begin() as connection:
        connection.execute(
            booking_outbox.insert().values(
                reference=request.reference,
                payload=old_payload,
                status=PENDING,
                attempts=0,
                created_at=datetime.now(timezone.utc),
                needs_remote_cancel=False,
            )
        )
    assert request_from_payload(old_payload) == request
    row = await service.get(request.reference)
    assert row is not None and row.request == request
    assert await service.deliver_pending() == 1
    [post] = running.requests_to("POST", "/Appointment")
    assert post.body["contained"][0]["telecom"] == [{"system": system, "value": value}]


# --- lookup ------------------------------------------------------------------------------


async def test_lookup_of_a_delivered_booking_asks_the_service_for_its_time(
    running: FakeScheduling, service: BookingService
) -> None:
    request = booking("slot-2", email="m@x.dk")
    await service.submit(request)
    assert await service.lookup(request.reference) == BookingLookup(
        request.reference,
        "booked",
        running.slots["slot-2"].start,
        (("phone", "+4520304050"), ("email", "m@x.dk")),
        "Maria Jensen",
        "Dr. Amara Okafor (consultant rheumatologist)",
    )
    assert len(running.requests_to("GET", "/Appointment")) == 1


async def test_lookup_of_a_booking_cancelled_on_the_service_says_cancelled(
    running: FakeScheduling, service: BookingService
) -> None:
    request = booking("slot-2")
    booked = await service.submit(request)
    assert isinstance(booked, Booked)
    await make_client(running.url).cancel(booked.appointment.id)  # by staff, on the service
    found = await service.lookup(request.reference)
    assert found is not None and found.status == "cancelled"
    assert found.telecom == (("phone", "+4520304050"),)


async def test_lookup_of_a_queued_booking_needs_no_service(
    stand_in: FakeScheduling, service: BookingService
) -> None:
    request = booking("slot-1", email="m@x.dk")
    assert isinstance(await service.submit(request), Pending)  # the service is down
    assert await service.lookup(request.reference) == BookingLookup(
        request.reference,
        "pending",
        None,
        (("phone", "+4520304050"), ("email", "m@x.dk")),
        "Maria Jensen",
    )


async def test_lookup_of_refused_and_cancelled_bookings(
    running: FakeScheduling, service: BookingService
) -> None:
    await service.submit(booking("slot-1"))
    refused = booking("slot-1")
    with pytest.raises(SlotTaken):
        await service.submit(refused)
    cancelled = booking("slot-3")
    await service.submit(cancelled)
    await service.cancel(cancelled.reference)
    running.stop()  # neither needs the service
    assert [
        (found.status, found.start, found.name)
        for found in [
            await service.lookup(refused.reference),
            await service.lookup(cancelled.reference),
        ]
        if found is not None
    ] == [("failed", None, "Maria Jensen"), ("cancelled", None, "Maria Jensen")]


async def test_lookup_of_a_booking_only_the_service_knows(
    running: FakeScheduling, service: BookingService
) -> None:
    request = booking("slot-4", email="m@x.dk")
    await make_client(running.url).book(request)  # another instance's outbox
    assert await service.lookup(request.reference) == BookingLookup(
        request.reference,
        "booked",
        running.slots["slot-4"].start,
        (("phone", "+4520304050"), ("email", "m@x.dk")),
        "Maria Jensen",
        "Dr. Erik Lindqvist (sports and exercise medicine doctor)",
    )
    assert await service.get(request.reference) is None


async def test_lookup_of_a_delivered_booking_the_service_lost_is_pending(
    running: FakeScheduling, service: BookingService
) -> None:
    request = booking("slot-2")
    await service.submit(request)
    running.appointments.clear()
    found = await service.lookup(request.reference)
    assert found == BookingLookup(
        request.reference, "pending", None, (("phone", "+4520304050"),), "Maria Jensen"
    )


async def test_lookup_of_an_unknown_reference_is_none(
    running: FakeScheduling, service: BookingService
) -> None:
    assert await service.lookup("JPC-ZZZZZZ") is None
    [search] = running.requests_to("GET", "/Appointment")
    assert search.query == {"identifier": ["urn:clinic:booking-reference|JPC-ZZZZZZ"]}


@pytest.mark.parametrize("known", [True, False])
async def test_lookup_raises_when_the_service_is_needed_and_down(
    running: FakeScheduling, service: BookingService, known: bool
) -> None:
    reference = "JPC-ZZZZZZ"
    if known:
        request = booking("slot-2")
        await service.submit(request)
        reference = request.reference
    running.stop()
    with pytest.raises(SchedulingUnavailable):
        await service.lookup(reference)


async def test_settled_bookings_past_the_retention_period_are_deleted(
    stand_in: FakeScheduling, db_url: str
) -> None:
    service = new_service(db_url, stand_in)
    waiting = booking("slot-1")
    assert await service.submit(waiting) == Pending(waiting.reference)  # the service is down
    stand_in.start()
    delivered = booking("slot-2", reference="JPC-SETTLD")
    assert isinstance(await service.submit(delivered), Booked)
    assert await service.forget_settled(timedelta(days=30)) == 0, "nothing is old enough yet"
    assert await service.forget_settled(timedelta(seconds=0)) == 1
    assert await service.get(delivered.reference) is None
    pending = await service.get(waiting.reference)
    assert pending is not None and pending.status == PENDING, "a pending booking is kept"
    # The booking itself lives on in the scheduling service, which the lookup now asks.
    found = await service.lookup(delivered.reference)
    assert found is not None and found.status == "booked"
