"""Slots and appointments in SQL (SQLAlchemy 1.4 Core), on SQLite or PostgreSQL.

Double bookings are prevented by the database, not by the process: a slot is taken
with a conditional `UPDATE ... WHERE status = 'free'` whose row count decides who won,
inside the same transaction that inserts the appointment, and a partial unique index
allows only one booked appointment per slot. Retries are made safe by a unique
idempotency key. On SQLite every write transaction starts with `BEGIN IMMEDIATE`, so
concurrent writers queue on the database lock instead of failing when they upgrade a
read lock. Times are stored as naive UTC.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Index,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection, Engine, Row, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.elements import ColumnElement

from scheduling_service.schedule import SlotSpec

UTC = timezone.utc
FREE = "free"
BUSY = "busy"
BOOKED = "booked"
CANCELLED = "cancelled"

_WRITE_OPTION = "clinic_write"
_SQLITE_BUSY_TIMEOUT_S = 30.0

metadata = MetaData()

slot_table = Table(
    "slot",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("clinician_id", String(64), nullable=False),
    Column("clinician_name", String(200), nullable=False),
    Column("start_utc", DateTime, nullable=False, index=True),
    Column("end_utc", DateTime, nullable=False),
    Column("status", String(16), nullable=False),
)

appointment_table = Table(
    "appointment",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("idempotency_key", String(200), nullable=False, unique=True),
    Column("booking_reference", String(100), nullable=False, unique=True),
    # No foreign key: a slot withdrawn from the schedule may be deleted, while its
    # (cancelled) appointments keep their copy of the time and clinician.
    Column("slot_id", String(100), nullable=False, index=True),
    Column("status", String(16), nullable=False),
    Column("start_utc", DateTime, nullable=False),
    Column("end_utc", DateTime, nullable=False),
    Column("clinician_id", String(64), nullable=False),
    Column("clinician_name", String(200), nullable=False),
    Column("created_utc", DateTime, nullable=False),
    Column("cancelled_utc", DateTime, nullable=True),
    Column("resource", Text, nullable=False),
    # When the patient's personal details were removed from `resource` (retention.py).
    Column("personal_data_removed_utc", DateTime, nullable=True),
)

# The last line of defence against double booking: one *booked* appointment per slot.
Index(
    "ux_appointment_booked_slot",
    appointment_table.c.slot_id,
    unique=True,
    sqlite_where=appointment_table.c.status == BOOKED,
    postgresql_where=appointment_table.c.status == BOOKED,
)


class SlotNotFoundError(LookupError):
    """The slot asked for does not exist."""


class BookingConflictError(Exception):
    """The booking cannot be made as asked (slot taken or started, reference reused)."""


class IdempotencyKeyReusedError(ValueError):
    """The idempotency key was first used to book another slot: not a replay."""


def _replay(existing: AppointmentRecord, new: NewAppointment) -> AppointmentRecord:
    """The first appointment made with this key, if the request asks for the same slot."""
    if existing.slot_id != new.slot_id:
        raise IdempotencyKeyReusedError(
            f"Idempotency-Key {new.idempotency_key!r} was used to book another slot."
        )
    return existing


@dataclass(frozen=True)
class SlotRecord:
    """A stored slot."""

    id: str
    clinician_id: str
    clinician_name: str
    start: datetime
    end: datetime
    status: str


@dataclass(frozen=True)
class AppointmentRecord:
    """A stored appointment; `resource` is the Appointment as the client sent it."""

    id: str
    status: str
    slot_id: str
    clinician_id: str
    clinician_name: str
    start: datetime
    end: datetime
    created: datetime
    resource: dict[str, Any]


@dataclass(frozen=True)
class NewAppointment:
    """A checked booking request."""

    idempotency_key: str
    booking_reference: str
    slot_id: str
    resource: dict[str, Any]


Comparison = Callable[[Any, datetime], ColumnElement[bool]]
"""A start-time bound, e.g. `operator.ge`, applied to the slot's start column."""


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite files get their folder, a lock timeout and WAL."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, future=True, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        future=True,
        connect_args={"timeout": _SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not pysqlite, decide when transactions begin (see `_on_begin`).
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA journal_mode=WAL")

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(_WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def create_tables(engine: Engine) -> None:
    """Create the tables and indexes that do not exist yet, and add columns added since.

    Added columns are nullable, so a database made by an earlier version only gains them.
    """
    metadata.create_all(engine)
    with _write(engine) as connection:
        for table in metadata.sorted_tables:
            present = {column["name"] for column in inspect(connection).get_columns(table.name)}
            for column in table.columns:
                if column.name not in present and column.nullable:
                    kind = column.type.compile(dialect=connection.dialect)
                    connection.exec_driver_sql(
                        f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}'
                    )


@contextmanager
def _write(engine: Engine) -> Iterator[Connection]:
    """A transaction that will write: committed on success, rolled back on any error."""
    with engine.connect() as connection:
        connection.execution_options(**{_WRITE_OPTION: True})
        with connection.begin():
            yield connection


def _naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC)


def materialise(engine: Engine, specs: Iterable[SlotSpec], since: datetime) -> tuple[int, int]:
    """Make the stored slots from `since` on match `specs`; return (added, withdrawn).

    Missing slots are added. Free slots the schedule no longer produces are withdrawn;
    busy ones are left alone. Running it twice changes nothing the second time.
    """
    wanted = {spec.id: spec for spec in specs}
    table = slot_table
    with _write(engine) as connection:
        # Look a little earlier too: a changed time zone moves existing ids in UTC.
        rows = connection.execute(
            select(table.c.id, table.c.status, table.c.start_utc).where(
                table.c.start_utc >= _naive(since - timedelta(days=2))
            )
        ).all()
        existing = {row.id for row in rows}
        added = [
            {
                "id": spec.id,
                "clinician_id": spec.clinician_id,
                "clinician_name": spec.clinician_name,
                "start_utc": _naive(spec.start),
                "end_utc": _naive(spec.end),
                "status": FREE,
            }
            for slot_id, spec in wanted.items()
            if slot_id not in existing
        ]
        withdrawn = [
            {"withdrawn_id": row.id}
            for row in rows
            if row.status == FREE and row.id not in wanted and _aware(row.start_utc) >= since
        ]
        if added:
            connection.execute(insert(table), added)
        if withdrawn:
            connection.execute(
                delete(table).where(
                    table.c.id == bindparam("withdrawn_id"), table.c.status == FREE
                ),
                withdrawn,
            )
    return len(added), len(withdrawn)


def _slot(row: Row) -> SlotRecord:
    return SlotRecord(
        id=row.id,
        clinician_id=row.clinician_id,
        clinician_name=row.clinician_name,
        start=_aware(row.start_utc),
        end=_aware(row.end_utc),
        status=row.status,
    )


def search_slots(
    engine: Engine,
    *,
    status: str | None,
    bounds: Sequence[tuple[Comparison, datetime]],
    count: int,
) -> tuple[int, list[SlotRecord]]:
    """The number of matching slots, and the first `count` of them by start time."""
    table = slot_table
    conditions: list[ColumnElement[bool]] = []
    if status is not None:
        conditions.append(table.c.status == status)
    conditions.extend(compare(table.c.start_utc, _naive(value)) for compare, value in bounds)
    with engine.connect() as connection:
        total = connection.execute(
            select(func.count()).select_from(table).where(*conditions)
        ).scalar_one()
        rows = connection.execute(
            select(table).where(*conditions).order_by(table.c.start_utc, table.c.id).limit(count)
        ).all()
    return int(total), [_slot(row) for row in rows]


def _appointment(row: Row) -> AppointmentRecord:
    return AppointmentRecord(
        id=row.id,
        status=row.status,
        slot_id=row.slot_id,
        clinician_id=row.clinician_id,
        clinician_name=row.clinician_name,
        start=_aware(row.start_utc),
        end=_aware(row.end_utc),
        created=_aware(row.created_utc),
        resource=json.loads(row.resource),
    )


def _find_one(engine: Engine, condition: ColumnElement[bool]) -> AppointmentRecord | None:
    with engine.connect() as connection:
        row = connection.execute(select(appointment_table).where(condition)).first()
    return None if row is None else _appointment(row)


def get_appointment(engine: Engine, appointment_id: str) -> AppointmentRecord | None:
    """The appointment with this id, if any."""
    return _find_one(engine, appointment_table.c.id == appointment_id)


def find_by_reference(engine: Engine, reference: str) -> AppointmentRecord | None:
    """The appointment with this booking reference, if any."""
    return _find_one(engine, appointment_table.c.booking_reference == reference)


def book(engine: Engine, new: NewAppointment, now: datetime) -> tuple[AppointmentRecord, bool]:
    """Book the slot; return the appointment and whether this call created it.

    A repeated idempotency key returns the first appointment (created=False) whatever
    the slot's state now. Raises SlotNotFoundError, or BookingConflictError if the slot is taken
    or has started, or the booking reference already belongs to another appointment, or
    IdempotencyKeyReusedError if the key first booked another slot.
    """
    existing = _find_one(engine, appointment_table.c.idempotency_key == new.idempotency_key)
    if existing is not None:
        return _replay(existing, new), False
    appointments, slots = appointment_table, slot_table
    appointment_id = uuid.uuid4().hex
    try:
        with _write(engine) as connection:
            replay = connection.execute(
                select(appointments.c.id).where(
                    appointments.c.idempotency_key == new.idempotency_key
                )
            ).first()
            if replay is None:
                slot = connection.execute(select(slots).where(slots.c.id == new.slot_id)).first()
                if slot is None:
                    raise SlotNotFoundError(new.slot_id)
                if _aware(slot.start_utc) <= now:
                    raise BookingConflictError(f"Slot {new.slot_id} has already started.")
                taken = connection.execute(
                    update(slots)
                    .where(slots.c.id == new.slot_id, slots.c.status == FREE)
                    .values(status=BUSY)
                )
                if taken.rowcount != 1:
                    raise BookingConflictError(f"Slot {new.slot_id} is already booked.")
                connection.execute(
                    insert(appointments).values(
                        id=appointment_id,
                        idempotency_key=new.idempotency_key,
                        booking_reference=new.booking_reference,
                        slot_id=new.slot_id,
                        status=BOOKED,
                        start_utc=slot.start_utc,
                        end_utc=slot.end_utc,
                        clinician_id=slot.clinician_id,
                        clinician_name=slot.clinician_name,
                        created_utc=_naive(now),
                        resource=json.dumps(new.resource, ensure_ascii=False),
                    )
                )
    except BookingConflictError:
        # A concurrent request with the same key may have taken the slot: that is a replay.
        existing = _find_one(engine, appointment_table.c.idempotency_key == new.idempotency_key)
        if existing is None:
            raise
        return _replay(existing, new), False
    except IntegrityError:
        return _replay(_after_integrity_error(engine, new), new), False
    if replay is not None:
        return _replay(_must_exist(get_appointment(engine, replay.id)), new), False
    return _must_exist(get_appointment(engine, appointment_id)), True


def _after_integrity_error(engine: Engine, new: NewAppointment) -> AppointmentRecord:
    """Explain a unique-constraint race: a concurrent replay, a reused reference, or the slot."""
    existing = _find_one(engine, appointment_table.c.idempotency_key == new.idempotency_key)
    if existing is not None:
        return existing
    if find_by_reference(engine, new.booking_reference) is not None:
        raise BookingConflictError(
            f"Booking reference {new.booking_reference} already belongs to another appointment."
        )
    raise BookingConflictError(f"Slot {new.slot_id} is already booked.")


def _must_exist(record: AppointmentRecord | None) -> AppointmentRecord:
    if record is None:  # pragma: no cover - the row was just written
        raise LookupError("The appointment disappeared after it was written.")
    return record


def cancel(engine: Engine, appointment_id: str, now: datetime) -> AppointmentRecord | None:
    """Cancel the appointment and free its slot; cancelling again changes nothing."""
    appointments, slots = appointment_table, slot_table
    with _write(engine) as connection:
        row = connection.execute(
            select(appointments.c.slot_id).where(appointments.c.id == appointment_id)
        ).first()
        if row is None:
            return None
        cancelled = connection.execute(
            update(appointments)
            .where(appointments.c.id == appointment_id, appointments.c.status == BOOKED)
            .values(status=CANCELLED, cancelled_utc=_naive(now))
        )
        if cancelled.rowcount == 1:
            connection.execute(
                update(slots)
                .where(slots.c.id == row.slot_id, slots.c.status == BUSY)
                .values(status=FREE)
            )
    return get_appointment(engine, appointment_id)


Redaction = Callable[[dict[str, Any]], dict[str, Any]]
"""The stored Appointment resource without the patient's personal details."""


def remove_personal_data(
    engine: Engine, over_before: datetime, now: datetime, redact: Redaction, batch: int = 500
) -> int:
    """Redact the resources of appointments over before `over_before`; return how many.

    An appointment is over when its slot has ended, or when it was cancelled. Each one is
    redacted once (its removal time is recorded), in batches of `batch` rows per
    transaction, so the database is never held for long.
    """
    table = appointment_table
    cutoff = _naive(over_before)
    due = (
        table.c.personal_data_removed_utc.is_(None),
        or_(
            table.c.end_utc < cutoff,
            (table.c.status == CANCELLED) & (table.c.cancelled_utc < cutoff),
        ),
    )
    removed = 0
    while True:
        with _write(engine) as connection:
            rows = connection.execute(
                select(table.c.id, table.c.resource).where(*due).order_by(table.c.id).limit(batch)
            ).all()
            if rows:
                connection.execute(
                    update(table)
                    .where(table.c.id == bindparam("redacted_id"), *due)
                    .values(
                        resource=bindparam("redacted_resource"),
                        personal_data_removed_utc=_naive(now),
                    ),
                    [
                        {
                            "redacted_id": row.id,
                            "redacted_resource": json.dumps(
                                redact(json.loads(row.resource)), ensure_ascii=False
                            ),
                        }
                        for row in rows
                    ],
                )
        removed += len(rows)
        if len(rows) < batch:
            return removed
