"""Retention: appointments lose the patient's personal details a while after they are over.

Run on SQLite and on a real PostgreSQL: the rules at the storage level, the service's own
rounds, the command, and a database made before the removal time was recorded.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, MetaData, Table, select
from sqlalchemy.engine import Engine

from scheduling_service import retention, storage
from scheduling_service.schedule import ClinicSchedule
from tests.scheduling_service.conftest import MONDAY_8AM, Api, Clock, appointment_body
from tests.scheduling_service.postgres import PostgresUnavailableError

DAYS_30 = timedelta(days=30)
# Monday's first slots (see TEST_SCHEDULE): 09:00-09:30 UTC on 30 November 2026.
FIRST = "dr-a-20261130T0900"
SECOND = "physio-b-20261130T0900"
THIRD = "dr-a-20261130T0930"
FIRST_ENDS = datetime.fromisoformat("2026-11-30T09:30:00+00:00")
PERSONAL = ("Alex Example", "07700 900123", "Right knee pain", "worse on stairs")


@pytest.fixture
def engine(
    database_url: str | PostgresUnavailableError, schedule: ClinicSchedule
) -> Iterator[Engine]:
    """A database of each kind with Monday's week of slots."""
    if isinstance(database_url, PostgresUnavailableError):
        pytest.fail(f"This test needs PostgreSQL: {database_url}", pytrace=False)
    engine = storage.make_engine(database_url)
    storage.create_tables(engine)
    first, last = schedule.window(schedule.today(MONDAY_8AM))
    storage.materialise(engine, list(schedule.slots(first, last)), MONDAY_8AM - timedelta(hours=8))
    yield engine
    engine.dispose()


def book(engine: Engine, slot_id: str, reference: str) -> storage.AppointmentRecord:
    new = storage.NewAppointment(
        f"key-{reference}", reference, slot_id, appointment_body(slot_id, reference)
    )
    record, created = storage.book(engine, new, MONDAY_8AM)
    assert created
    return record


def stored(engine: Engine, appointment_id: str) -> storage.AppointmentRecord:
    record = storage.get_appointment(engine, appointment_id)
    assert record is not None
    return record


def personal_details_in(resource: dict[str, Any]) -> list[str]:
    text = json.dumps(resource)
    return [detail for detail in PERSONAL if detail in text]


def assert_redacted(record: storage.AppointmentRecord, reference: str) -> None:
    resource = record.resource
    assert personal_details_in(resource) == []
    assert resource["contained"] == [{"resourceType": "Patient", "id": "patient"}]
    assert resource["participant"] == [{"actor": {"reference": "#patient"}, "status": "accepted"}]
    assert resource["identifier"] == [
        {"system": "urn:clinic:booking-reference", "value": reference}
    ]
    assert resource["meta"]["security"][0]["code"] == "REDACTED"
    assert "reasonCode" not in resource and "comment" not in resource


def test_an_appointment_is_redacted_only_once_over_for_the_whole_period(engine: Engine) -> None:
    record = book(engine, FIRST, "BK-1")
    assert personal_details_in(record.resource) == list(PERSONAL)

    assert retention.purge(engine, DAYS_30, FIRST_ENDS + DAYS_30 - timedelta(minutes=1)) == 0
    assert personal_details_in(stored(engine, record.id).resource) == list(PERSONAL)

    assert retention.purge(engine, DAYS_30, FIRST_ENDS + DAYS_30 + timedelta(minutes=1)) == 1
    kept = stored(engine, record.id)
    assert_redacted(kept, "BK-1")
    # What the clinic still needs to count and to explain the slot's history.
    assert (kept.status, kept.slot_id, kept.start, kept.clinician_id) == (
        storage.BOOKED,
        FIRST,
        record.start,
        "dr-a",
    )
    assert storage.find_by_reference(engine, "BK-1") == kept
    # Done once: a later round finds nothing left to do.
    assert retention.purge(engine, DAYS_30, FIRST_ENDS + DAYS_30 * 2) == 0


def test_a_cancelled_appointment_is_kept_for_the_period_after_its_cancellation(
    engine: Engine,
) -> None:
    # Booked for next Friday and cancelled at once: over at its cancellation.
    friday = book(engine, "dr-a-20261204T0900", "BK-2")
    storage.cancel(engine, friday.id, MONDAY_8AM)
    assert friday.end > MONDAY_8AM
    assert retention.purge(engine, DAYS_30, MONDAY_8AM + DAYS_30 - timedelta(minutes=1)) == 0
    # Still whole, so a patient asking about it can prove it is theirs and hear it is off.
    assert personal_details_in(stored(engine, friday.id).resource) == list(PERSONAL)
    assert retention.purge(engine, DAYS_30, MONDAY_8AM + DAYS_30 + timedelta(minutes=1)) == 1
    redacted = stored(engine, friday.id)
    assert_redacted(redacted, "BK-2")
    assert redacted.status == storage.CANCELLED


def test_appointments_still_in_the_period_are_left_alone(engine: Engine) -> None:
    old = book(engine, FIRST, "BK-old")
    later = book(engine, "dr-a-20261204T0900", "BK-later")  # Friday 4 December
    now = FIRST_ENDS + DAYS_30 + timedelta(hours=1)
    assert retention.purge(engine, DAYS_30, now) == 1
    assert_redacted(stored(engine, old.id), "BK-old")
    assert personal_details_in(stored(engine, later.id).resource) == list(PERSONAL)


def test_many_appointments_are_redacted_in_batches(engine: Engine) -> None:
    slots = [FIRST, SECOND, THIRD, "physio-b-20261130T0930", "dr-a-20261130T1000"]
    records = [book(engine, slot, f"BK-{index}") for index, slot in enumerate(slots)]
    now = MONDAY_8AM + DAYS_30 + timedelta(days=1)
    removed = storage.remove_personal_data(engine, now - DAYS_30, now, retention.redact, batch=2)
    assert removed == 5
    for index, record in enumerate(records):
        assert_redacted(stored(engine, record.id), f"BK-{index}")


def test_redaction_keeps_only_what_says_nothing_about_the_patient() -> None:
    resource = {
        **appointment_body(FIRST, "BK-9"),
        "description": "Alex's knee",
        "patientInstruction": "Bring your scan, Alex",
        "identifier": [
            {"system": "urn:clinic:booking-reference", "value": "BK-9"},
            {"system": "urn:nhs:number", "value": "943 476 5919"},
        ],
        "participant": [
            {"actor": {"reference": "#patient", "display": "Alex Example"}, "status": "accepted"},
            "not a participant",
        ],
        "serviceType": [{"text": "physio"}],
    }
    assert retention.redact(resource) == {
        "resourceType": "Appointment",
        "status": "booked",
        "slot": [{"reference": f"Slot/{FIRST}"}],
        "serviceType": [{"text": "physio"}],
        "identifier": [{"system": "urn:clinic:booking-reference", "value": "BK-9"}],
        "participant": [{"actor": {"reference": "#patient"}, "status": "accepted"}, {}],
        "contained": [{"resourceType": "Patient", "id": "patient"}],
        "meta": {"security": [retention.REDACTED]},
    }


@pytest.fixture
def quick_api(
    monkeypatch: pytest.MonkeyPatch,
    database_url: str | PostgresUnavailableError,
    request: pytest.FixtureRequest,
) -> Api:
    """The service with a retention round every 50 ms instead of every hour (each database)."""
    monkeypatch.setattr(retention, "INTERVAL_S", 0.05)
    api: Api = request.getfixturevalue("api")
    return api


def test_the_running_service_redacts_in_its_own_rounds(quick_api: Api, clock: Clock) -> None:
    booked = quick_api.book(FIRST, key="k-1", reference="BK-1")
    assert booked.status_code == 201, booked.text
    path = booked.headers["location"]
    assert "Alex Example" in quick_api.get(path).text

    clock.now = FIRST_ENDS + DAYS_30 + timedelta(minutes=1)
    assert quick_api.client is not None
    loop = quick_api.client._loop
    deadline = time.monotonic() + 10
    while "Alex Example" in (body := quick_api.get(path).text):
        assert time.monotonic() < deadline, "The service did not redact the appointment"
        loop.run_until_complete(asyncio.sleep(0.05))  # let the server's rounds run
    resource = json.loads(body)
    assert personal_details_in(resource) == []
    assert resource["status"] == "booked" and resource["start"].startswith("2026-11-30T09:00")
    assert resource["meta"]["security"][0]["code"] == "REDACTED"


def test_the_command_redacts_once_with_the_configured_period(
    engine: Engine,
    database_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    record = book(engine, FIRST, "BK-1")
    monkeypatch.setenv("SCHEDULING_DATABASE_URL", database_url)
    # Longer than the time since Monday 30 November 2026: nothing is due yet.
    monkeypatch.setenv("RETENTION_DAYS", "36500")
    assert retention.main([]) == 0
    assert "from 0 appointment(s)" in capsys.readouterr().out
    # The slot ended more than a day ago (the clock of this machine is past it).
    assert retention.main(["--days", "1"]) == 0
    assert "from 1 appointment(s) over for more than 1 days" in capsys.readouterr().out
    assert_redacted(stored(engine, record.id), "BK-1")
    assert retention.main(["--days", "0"]) == 2


def test_a_database_from_before_retention_gains_the_column(
    database_url: str | PostgresUnavailableError, tmp_path: Path
) -> None:
    if isinstance(database_url, PostgresUnavailableError):
        pytest.fail(f"This test needs PostgreSQL: {database_url}", pytrace=False)
    engine = storage.make_engine(database_url)
    old = MetaData()
    table = Table(
        "appointment",
        old,
        *(
            Column(column.name, column.type, nullable=column.nullable)
            for column in storage.appointment_table.columns
            if column.name != "personal_data_removed_utc"
        ),
    )
    old.create_all(engine)
    body = appointment_body(FIRST, "BK-1")
    with engine.begin() as connection:
        connection.execute(
            table.insert().values(
                id="a1",
                idempotency_key="k1",
                booking_reference="BK-1",
                slot_id=FIRST,
                status=storage.BOOKED,
                start_utc=datetime(2026, 11, 30, 9, 0),
                end_utc=datetime(2026, 11, 30, 9, 30),
                clinician_id="dr-a",
                clinician_name="Dr Ada",
                created_utc=datetime(2026, 11, 29, 9, 0),
                resource=json.dumps(body),
            )
        )
    storage.create_tables(engine)
    storage.create_tables(engine)  # and again: nothing left to add
    assert retention.purge(engine, DAYS_30, FIRST_ENDS + DAYS_30 * 2) == 1
    assert_redacted(stored(engine, "a1"), "BK-1")
    with engine.connect() as connection:
        removed_at = connection.execute(
            select(storage.appointment_table.c.personal_data_removed_utc)
        ).scalar_one()
    assert removed_at == datetime(2027, 1, 29, 9, 30)
    engine.dispose()
