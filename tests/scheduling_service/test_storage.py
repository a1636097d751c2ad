"""Slot materialisation and booking rules at the storage level (SQLite)."""

from __future__ import annotations

import copy
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from scheduling_service import storage
from scheduling_service.schedule import ClinicSchedule, parse_schedule
from tests.scheduling_service.conftest import MONDAY_8AM, TEST_SCHEDULE, appointment_body

WINDOW = (date(2026, 11, 30), date(2026, 12, 6))
SINCE = MONDAY_8AM - timedelta(hours=8)


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = storage.make_engine(f"sqlite:///{tmp_path / 'nested' / 'scheduling.db'}")
    storage.create_tables(engine)
    return engine


def statuses(engine: Engine) -> dict[str, str]:
    table = storage.slot_table
    with engine.connect() as connection:
        return dict(connection.execute(select(table.c.id, table.c.status)).all())


def new(slot_id: str, key: str, reference: str) -> storage.NewAppointment:
    return storage.NewAppointment(key, reference, slot_id, appointment_body(slot_id, reference))


def test_materialising_twice_changes_nothing(engine: Engine, schedule: ClinicSchedule) -> None:
    specs = list(schedule.slots(*WINDOW))
    assert storage.materialise(engine, specs, SINCE) == (40, 0)
    assert storage.materialise(engine, specs, SINCE) == (0, 0)
    assert len(statuses(engine)) == 40
    storage.create_tables(engine)  # starting again keeps the data
    assert len(statuses(engine)) == 40


def test_a_changed_schedule_withdraws_free_slots_but_keeps_booked_ones(
    engine: Engine, schedule: ClinicSchedule
) -> None:
    storage.materialise(engine, list(schedule.slots(*WINDOW)), SINCE)
    storage.book(engine, new("physio-b-20261130T0900", "k", "BK-1"), MONDAY_8AM)
    content = copy.deepcopy(TEST_SCHEDULE)
    content["clinicians"] = content["clinicians"][:1]  # physio-b leaves
    smaller = parse_schedule(content)
    added, withdrawn = storage.materialise(engine, list(smaller.slots(*WINDOW)), SINCE)
    assert (added, withdrawn) == (0, 13)  # 14 physio-b slots, one of them booked
    remaining = statuses(engine)
    assert remaining["physio-b-20261130T0900"] == storage.BUSY
    assert not any(k.startswith("physio-b") for k in remaining if k != "physio-b-20261130T0900")


def test_past_slots_are_kept_as_history(engine: Engine, schedule: ClinicSchedule) -> None:
    storage.materialise(engine, list(schedule.slots(*WINDOW)), SINCE)
    later = SINCE + timedelta(days=1)
    storage.materialise(engine, list(schedule.slots(date(2026, 12, 1), date(2026, 12, 7))), later)
    assert "dr-a-20261130T0900" in statuses(engine)


def test_concurrent_bookings_in_threads_take_the_slot_once(
    engine: Engine, schedule: ClinicSchedule
) -> None:
    storage.materialise(engine, list(schedule.slots(*WINDOW)), SINCE)
    slot = "dr-a-20261130T1000"

    def attempt(index: int) -> str:
        try:
            _, created = storage.book(engine, new(slot, f"k{index}", f"BK-{index}"), MONDAY_8AM)
        except storage.BookingConflictError:
            return "conflict"
        return "created" if created else "replayed"

    with ThreadPoolExecutor(max_workers=10) as pool:
        outcomes = sorted(pool.map(attempt, range(10)))
    assert outcomes == ["conflict"] * 9 + ["created"]


def test_a_sqlite_file_gets_its_folder(tmp_path: Path) -> None:
    storage.make_engine(f"sqlite:///{tmp_path / 'a' / 'b' / 'db.sqlite'}")
    assert (tmp_path / "a" / "b").is_dir()
