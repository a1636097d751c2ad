"""A durable outbox for bookings, so a booking the assistant accepted is never lost.

`BookingService.submit` commits the request to the `booking_outbox` table before it talks to
the scheduling service. If the service is down the row stays `pending` and the outbox worker
(`python -m action_server.io.outbox_worker`) delivers it later. Delivery can be repeated
safely: the booking reference is the service's idempotency key.

Statuses: pending -> delivered | failed (the service refused it; `last_error` says why, for
staff) | cancelled (the patient cancelled). `needs_remote_cancel` marks a cancelled booking whose
appointment may still exist on the service; the worker cancels it there when it can.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.engine.url import make_url
from sqlalchemy.pool import StaticPool

from action_server.io.scheduling_client import (
    BookedAppointment,
    BookingRequest,
    NotFound,
    SchedulingClient,
    SchedulingError,
    SchedulingUnavailable,
)
from startup.settings import Settings

logger = logging.getLogger(__name__)

T = TypeVar("T")

PENDING = "pending"
DELIVERED = "delivered"
FAILED = "failed"
CANCELLED = "cancelled"
STATUSES = (PENDING, DELIVERED, FAILED, CANCELLED)
# The service may answer these again once an operator fixes the token or the load drops,
# so the booking stays pending instead of being marked failed.
RETRYABLE_STATUS_CODES = frozenset({401, 403, 408, 429})

metadata = sa.MetaData()

booking_outbox = sa.Table(
    "booking_outbox",
    metadata,
    sa.Column("reference", sa.String(32), primary_key=True),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("status", sa.String(16), nullable=False, default=PENDING, index=True),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("last_error", sa.Text, nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("appointment_id", sa.String(64), nullable=True),
    sa.Column("needs_remote_cancel", sa.Boolean, nullable=False, default=False),
    sa.CheckConstraint(
        "status IN ('pending', 'delivered', 'failed', 'cancelled')", name="ck_outbox_status"
    ),
)


class UnknownBooking(LookupError):  # noqa: N818 - reads as the situation it names
    """Neither the outbox nor the scheduling service knows this booking reference."""


class BookingClosed(SchedulingError):  # noqa: N818
    """The reference was already used for a booking that failed or was cancelled."""


@dataclass(frozen=True)
class Booked:
    """The service confirmed the appointment."""

    reference: str
    appointment: BookedAppointment


@dataclass(frozen=True)
class Pending:
    """Saved in the outbox; the service was unreachable. Tell the patient the team will confirm."""

    reference: str


BookingOutcome = Booked | Pending


@dataclass(frozen=True)
class Cancelled:
    """Cancelled; `appointment` is the cancelled one, or None if nothing had been booked yet."""

    reference: str
    appointment: BookedAppointment | None


@dataclass(frozen=True)
class CancelPending:
    """Cancelled in the outbox; the service was unreachable and will be updated by the worker."""

    reference: str


CancelOutcome = Cancelled | CancelPending


Notify = Callable[[BookingRequest, str], Awaitable[None]]
"""Told of a queued booking that was settled: the request and "booked" or "failed"."""


@dataclass(frozen=True)
class BookingLookup:
    """How a booking stands, and who made it, for the patient who asks about it."""

    reference: str
    status: str
    """booked, pending (queued in the outbox), failed (the service refused it) or cancelled."""
    start: datetime | None
    telecom: tuple[tuple[str, str], ...]
    """The (system, value) contacts the booking was made with, to check the asker is the patient."""
    name: str | None = None
    """The name it was booked under, so that moving it asks nothing twice."""
    clinician: str | None = None
    """Who it is with, "Dr Ngozi Okafor (consultant rheumatologist)", when the service says."""


@dataclass(frozen=True)
class OutboxRow:
    """One row of `booking_outbox`, for staff tools and tests."""

    reference: str
    request: BookingRequest
    status: str
    attempts: int
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None
    appointment_id: str | None
    needs_remote_cancel: bool


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _utc(value: datetime | None) -> datetime | None:
    """SQLite hands datetimes back without their zone; everything here is written in UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=timezone.utc)


def request_from_payload(payload: Mapping[str, Any]) -> BookingRequest:
    """The BookingRequest a row's `payload` holds, whichever version of it wrote the row.

    Rows queued before bookings carried both contacts hold one `contact_system` and
    `contact_value`; they are read as that phone number or email address.
    """
    fields = dict(payload)
    system = fields.pop("contact_system", None)
    value = fields.pop("contact_value", None)
    if system is not None and value:
        fields.setdefault("phone" if system == "phone" else "email", value)
    return BookingRequest(**fields)


def _row(mapping: Any) -> OutboxRow:
    created_at = _utc(mapping["created_at"])
    assert created_at is not None
    return OutboxRow(
        reference=mapping["reference"],
        request=request_from_payload(mapping["payload"]),
        status=mapping["status"],
        attempts=mapping["attempts"],
        last_error=mapping["last_error"],
        created_at=created_at,
        delivered_at=_utc(mapping["delivered_at"]),
        appointment_id=mapping["appointment_id"],
        needs_remote_cancel=bool(mapping["needs_remote_cancel"]),
    )


def create_outbox_engine(database_url: str) -> Engine:
    """An engine for the outbox with its table created (and the SQLite file's folder).

    SQLite waits for another process's write lock (the worker and the action server share the
    file) instead of failing at once.
    """
    url = make_url(database_url)
    kwargs: dict[str, Any] = {"future": True}
    if url.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 15}
        if url.database in (None, "", ":memory:"):
            kwargs["poolclass"] = StaticPool  # one shared in-memory database for all threads
        else:
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, **kwargs)
    metadata.create_all(engine)
    return engine


class BookingService:
    """Books through the outbox: record first, deliver now if possible, retry later if not.

    DB work runs in a thread so a slow disk never stalls the action server's event loop.
    """

    def __init__(self, engine: Engine, client: SchedulingClient) -> None:
        self.engine = engine
        self.client = client

    @classmethod
    def from_settings(cls, settings: Settings) -> BookingService:
        """The service on the configured outbox database and scheduling service."""
        return cls(
            create_outbox_engine(settings.outbox_database_url),
            SchedulingClient.from_settings(settings),
        )

    # --- public API ----------------------------------------------------------------------

    async def submit(self, request: BookingRequest) -> BookingOutcome:
        """Save the booking, then try to deliver it.

        Returns Booked, or Pending when the service is unreachable. Raises SlotTaken (offer
        other slots), NotFound (unknown slot) or SchedulingError (rejected); the row is then
        marked failed with the reason, and a new attempt needs a new reference. Submitting the
        same request again is harmless.
        """
        row = await self._db(self._insert, request)
        if row.status in (FAILED, CANCELLED):
            raise BookingClosed(
                f"booking {request.reference} is already {row.status}"
                + (f" ({row.last_error})" if row.last_error else "")
                + "; start a new booking with a new reference"
            )
        outcome = await self._deliver(request)
        return outcome if outcome is not None else await self._settled_outcome(request.reference)

    async def deliver_pending(self, notify: Notify | None = None) -> int:
        """Deliver every pending booking, oldest first; returns how many were delivered.

        Stops at the first sign the service is down (the rest wait for the next round), and
        then finishes cancellations the service could not be told about earlier. `notify`
        hears of each booking settled here, "booked" or "failed", to tell the patient.
        """
        delivered = 0
        for row in await self._db(self._rows_with_status, PENDING):
            try:
                outcome = await self._deliver(row.request)
            except BookingClosed:
                continue  # cancelled while in flight: nothing to tell
            except SchedulingError:
                # Refused: the row is marked failed with the reason, for staff.
                if notify is not None:
                    await notify(row.request, "failed")
                continue
            if isinstance(outcome, Pending):
                return delivered
            if isinstance(outcome, Booked):
                delivered += 1
                if notify is not None:
                    await notify(row.request, "booked")
        await self._finish_remote_cancellations()
        return delivered

    async def cancel(self, reference: str) -> CancelOutcome:
        """Cancel a booking whatever its state.

        A pending booking is marked cancelled so it is never delivered; a delivered one is
        cancelled on the service. If the service is unreachable the cancellation is recorded
        and the worker completes it (CancelPending). A reference this outbox never saw is
        looked up on the service. Raises UnknownBooking if no one knows it.
        """
        row = await self._db(self._get, reference)
        if row is None:
            return await self._cancel_unknown_to_outbox(reference)
        if row.status == PENDING:
            attempts = await self._db(self._cancel_pending_row, reference)
            if attempts is None:  # delivered or refused meanwhile: start over with that state
                return await self.cancel(reference)
            if attempts == 0:
                logger.info("Cancelled booking %s before it was ever sent", reference)
                return Cancelled(reference, None)
            # An earlier attempt may have booked it even though its answer never arrived.
        elif row.status == DELIVERED:
            await self._db(
                self._transition, reference, DELIVERED, status=CANCELLED, needs_remote_cancel=True
            )
        elif row.status == FAILED:
            await self._db(self._transition, reference, FAILED, status=CANCELLED)
            return Cancelled(reference, None)
        elif not row.needs_remote_cancel:
            return Cancelled(reference, None)  # already cancelled everywhere
        return await self._cancel_remotely(reference)

    async def lookup(self, reference: str) -> BookingLookup | None:
        """The booking under `reference`, from the outbox or else the service; None if unknown.

        Raises SchedulingError when the service is needed and cannot be reached.
        """
        row = await self._db(self._get, reference)
        if row is not None and row.status != DELIVERED:
            status = {PENDING: "pending", FAILED: "failed"}.get(row.status, "cancelled")
            return BookingLookup(reference, status, None, row.request.telecom, row.request.name)
        appointment = await self.client.find_by_reference(reference)
        if appointment is None:
            if row is None:
                return None
            return BookingLookup(reference, "pending", None, row.request.telecom, row.request.name)
        status = "booked" if appointment.status == "booked" else "cancelled"
        clinician = appointment.clinician_name
        if clinician and appointment.clinician_role:
            clinician = f"{clinician} ({appointment.clinician_role})"
        telecom, name = (
            (row.request.telecom, row.request.name)
            if row is not None
            else (appointment.telecom, appointment.patient_name)
        )
        return BookingLookup(reference, status, appointment.start, telecom, name, clinician)

    async def forget_settled(self, older_than: timedelta) -> int:
        """Delete settled bookings made longer ago than `older_than`; how many went.

        Settled is delivered, failed or cancelled; with them go the personal details.

        A delivered booking lives on in the scheduling service, which lookups then ask; a
        pending one is never deleted, and nor is one still to be cancelled remotely.
        """
        return await self._db(self._delete_settled_before, _now() - older_than)

    async def get(self, reference: str) -> OutboxRow | None:
        """The outbox row for `reference`, if any."""
        return await self._db(self._get, reference)

    async def rows(self, status: str | None = None) -> list[OutboxRow]:
        """All outbox rows (or those with `status`), oldest first."""
        return await self._db(self._rows_with_status, status)

    # --- delivery ------------------------------------------------------------------------

    async def _deliver(self, request: BookingRequest) -> BookingOutcome | None:
        """One delivery attempt of a pending row; None if the row is no longer pending.

        Raises the service's refusals (SlotTaken, NotFound, SchedulingError) after marking the
        row failed; an unreachable service or a token problem keeps it pending.
        """
        reference = request.reference
        # Count the attempt before sending: a cancel that sees attempts > 0 knows to check the
        # service for a booking whose answer was lost.
        if not await self._db(self._count_attempt, reference):
            return None
        try:
            appointment = await self.client.book(request)
        except SchedulingError as error:
            unavailable = isinstance(error, SchedulingUnavailable)
            if unavailable or error.status_code in RETRYABLE_STATUS_CODES:
                await self._db(self._keep_pending, reference, str(error))
                log = logger.warning if unavailable else logger.error
                log("Booking %s kept pending: %s", reference, error)
                return Pending(reference)
            await self._db(
                self._transition, reference, PENDING, status=FAILED, last_error=str(error)
            )
            logger.warning("Booking %s failed: %s", reference, error)
            raise

        marked = await self._db(
            self._transition,
            reference,
            PENDING,
            status=DELIVERED,
            delivered_at=_now(),
            appointment_id=appointment.id,
            last_error=None,
        )
        if not marked:
            row = await self._db(self._get, reference)
            if row is not None and row.status == CANCELLED:
                # The patient cancelled while this booking was in flight: undo it on the service.
                await self._db(self._update, reference, appointment_id=appointment.id)
                await self._cancel_remotely(reference)
                raise BookingClosed(f"booking {reference} was cancelled while being delivered")
        logger.info(
            "Delivered booking %s as appointment %s at %s",
            reference,
            appointment.id,
            appointment.start,
        )
        return Booked(reference, appointment)

    async def _settled_outcome(self, reference: str) -> BookingOutcome:
        """Another process finished this booking first; report what it got."""
        row = await self._db(self._get, reference)
        if row is None or row.status in (FAILED, CANCELLED):
            status = row.status if row else "unknown"
            raise BookingClosed(f"booking {reference} is {status}")
        if row.status == PENDING:  # the other process is still trying
            return Pending(reference)
        try:  # delivered: the idempotent replay returns the same appointment
            return Booked(reference, await self.client.book(row.request))
        except SchedulingUnavailable:
            return Pending(reference)

    # --- cancellation --------------------------------------------------------------------

    async def _cancel_remotely(self, reference: str) -> CancelOutcome:
        """Cancel on the service whatever was booked under `reference`, then clear the flag."""
        row = await self._db(self._get, reference)
        assert row is not None
        appointment: BookedAppointment | None
        try:
            if row.appointment_id is not None:
                appointment = await self.client.cancel(row.appointment_id)
            else:
                found = await self.client.find_by_reference(reference)
                appointment = await self.client.cancel(found.id) if found else None
        except NotFound:
            appointment = None
        except SchedulingUnavailable as error:
            await self._db(
                self._update,
                reference,
                needs_remote_cancel=True,
                last_error=f"cancellation not yet sent: {error}",
            )
            logger.warning("Cancellation of %s recorded, service unreachable: %s", reference, error)
            return CancelPending(reference)
        await self._db(
            self._update,
            reference,
            needs_remote_cancel=False,
            appointment_id=appointment.id if appointment else row.appointment_id,
        )
        logger.info("Cancelled booking %s on the scheduling service", reference)
        return Cancelled(reference, appointment)

    async def _cancel_unknown_to_outbox(self, reference: str) -> CancelOutcome:
        """A reference this outbox never saw may still have been booked by another instance."""
        found = await self.client.find_by_reference(reference)
        if found is None:
            raise UnknownBooking(f"no booking with reference {reference}")
        return Cancelled(reference, await self.client.cancel(found.id))

    async def _finish_remote_cancellations(self) -> None:
        """Tell the service about cancellations it missed; stop at the first sign it is down."""
        for row in await self._db(self._rows_needing_remote_cancel):
            if isinstance(await self._cancel_remotely(row.reference), CancelPending):
                return

    # --- database (runs in a worker thread) ----------------------------------------------

    async def _db(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return await asyncio.to_thread(function, *args, **kwargs)

    def _insert(self, request: BookingRequest) -> OutboxRow:
        payload = asdict(request)
        with self.engine.begin() as connection:
            existing = self._select(connection, request.reference)
            if existing is None:
                connection.execute(
                    booking_outbox.insert().values(
                        reference=request.reference,
                        payload=payload,
                        status=PENDING,
                        attempts=0,
                        created_at=_now(),
                        needs_remote_cancel=False,
                    )
                )
                existing = self._select(connection, request.reference)
                assert existing is not None
            elif existing.request != request:
                raise ValueError(
                    f"booking reference {request.reference} is already used for another request"
                )
            return existing

    @staticmethod
    def _select(connection: Connection, reference: str) -> OutboxRow | None:
        found = (
            connection.execute(
                sa.select(booking_outbox).where(booking_outbox.c.reference == reference)
            )
            .mappings()
            .first()
        )
        return _row(found) if found else None

    def _get(self, reference: str) -> OutboxRow | None:
        with self.engine.connect() as connection:
            return self._select(connection, reference)

    def _rows_with_status(self, status: str | None) -> list[OutboxRow]:
        query = sa.select(booking_outbox).order_by(booking_outbox.c.created_at)
        if status is not None:
            query = query.where(booking_outbox.c.status == status)
        with self.engine.connect() as connection:
            return [_row(found) for found in connection.execute(query).mappings()]

    def _delete_settled_before(self, cutoff: datetime) -> int:
        query = booking_outbox.delete().where(
            booking_outbox.c.status != PENDING,
            booking_outbox.c.needs_remote_cancel.is_(False),
            booking_outbox.c.created_at < cutoff,
        )
        with self.engine.begin() as connection:
            return int(connection.execute(query).rowcount or 0)

    def _rows_needing_remote_cancel(self) -> list[OutboxRow]:
        query = (
            sa.select(booking_outbox)
            .where(booking_outbox.c.needs_remote_cancel.is_(True))
            .order_by(booking_outbox.c.created_at)
        )
        with self.engine.connect() as connection:
            return [_row(found) for found in connection.execute(query).mappings()]

    def _count_attempt(self, reference: str) -> bool:
        """Count one delivery attempt; False if the row is no longer pending."""
        with self.engine.begin() as connection:
            result = connection.execute(
                booking_outbox.update()
                .where(booking_outbox.c.reference == reference)
                .where(booking_outbox.c.status == PENDING)
                .values(attempts=booking_outbox.c.attempts + 1)
            )
            return result.rowcount == 1

    def _cancel_pending_row(self, reference: str) -> int | None:
        """Mark a pending row cancelled; the attempts made so far, or None if not pending.

        Reading attempts in the same transaction as the status change makes it exact:
        `_count_attempt` only counts pending rows, so no attempt can start after this.
        """
        with self.engine.begin() as connection:
            changed = connection.execute(
                booking_outbox.update()
                .where(booking_outbox.c.reference == reference)
                .where(booking_outbox.c.status == PENDING)
                .values(status=CANCELLED)
            )
            if changed.rowcount != 1:
                return None
            row = self._select(connection, reference)
            assert row is not None
            if row.attempts:
                connection.execute(
                    booking_outbox.update()
                    .where(booking_outbox.c.reference == reference)
                    .values(needs_remote_cancel=True)
                )
            return row.attempts

    def _keep_pending(self, reference: str, error: str) -> None:
        """Record why delivery must wait.

        If the patient cancelled meanwhile, the unanswered request may still have booked the
        slot, so the row is flagged for a cancellation on the service.
        """
        with self.engine.begin() as connection:
            connection.execute(
                booking_outbox.update()
                .where(booking_outbox.c.reference == reference)
                .values(last_error=error)
            )
            connection.execute(
                booking_outbox.update()
                .where(booking_outbox.c.reference == reference)
                .where(booking_outbox.c.status == CANCELLED)
                .values(needs_remote_cancel=True)
            )

    def _transition(self, reference: str, from_status: str, **values: Any) -> bool:
        """Update the row only if it is still in `from_status` (no lost races between processes)."""
        with self.engine.begin() as connection:
            result = connection.execute(
                booking_outbox.update()
                .where(booking_outbox.c.reference == reference)
                .where(booking_outbox.c.status == from_status)
                .values(**values)
            )
            return result.rowcount == 1

    def _update(self, reference: str, **values: Any) -> None:
        with self.engine.begin() as connection:
            connection.execute(
                booking_outbox.update()
                .where(booking_outbox.c.reference == reference)
                .values(**values)
            )
