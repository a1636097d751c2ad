"""The clinic schedule: opening hours, days, slot length, ids and daylight-saving changes."""

from __future__ import annotations

import copy
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from scheduling_service.schedule import (
    ClinicSchedule,
    ScheduleError,
    SlotSpec,
    load_schedule,
    parse_schedule,
)
from scheduling_service.settings import PROJECT_ROOT
from tests.scheduling_service.conftest import MONDAY_8AM, TEST_SCHEDULE

DR_A = {"id": "a", "name": "A", "role": "consultant"}


def slots_on(schedule: ClinicSchedule, day: date) -> list[SlotSpec]:
    return list(schedule.slots(day, day))


def with_changes(**changes: Any) -> dict[str, Any]:
    content = copy.deepcopy(TEST_SCHEDULE)
    content.update(changes)
    return content


def test_the_clinic_schedule_file_is_valid_and_sensible() -> None:
    schedule = load_schedule(PROJECT_ROOT / "clinic_config" / "schedule.yml")
    assert schedule.timezone.key == "Europe/London"
    assert schedule.slot_minutes == 30
    assert [
        (clinician.id, clinician.name, clinician.role, clinician.short_role)
        for clinician in schedule.clinicians
    ] == [
        ("dr-okafor", "Dr Ngozi Okafor", "consultant rheumatologist", "consultant"),
        (
            "dr-lindqvist",
            "Dr Erik Lindqvist",
            "sports and exercise medicine doctor",
            "sports doctor",
        ),
        ("physio-hughes", "Rhian Hughes", "advanced practice physiotherapist", "physio"),
    ]
    monday = slots_on(schedule, date(2026, 11, 30))
    assert len(monday) == 2 * 14  # two clinicians work Mondays, 7 + 7 half-hours each
    assert slots_on(schedule, date(2026, 12, 5)) == []  # Saturday
    assert slots_on(schedule, date(2026, 12, 25)) == []  # Christmas Day


def test_slots_follow_opening_hours_and_slot_length(schedule: ClinicSchedule) -> None:
    monday = [
        slot for slot in slots_on(schedule, date(2026, 11, 30)) if slot.clinician_id == "dr-a"
    ]
    assert [slot.start.strftime("%H:%M") for slot in monday] == [
        "09:00", "09:30", "10:00", "10:30", "11:00", "11:30",
        "13:00", "13:30", "14:00", "14:30",
    ]  # fmt: skip
    assert all((slot.end - slot.start).total_seconds() == 30 * 60 for slot in monday)
    assert monday[0].id == "dr-a-20261130T0900"
    assert monday[0].clinician_name == "Dr Ada"


def test_a_slot_must_fit_inside_the_opening_range() -> None:
    schedule = parse_schedule(with_changes(slot_minutes=40))
    tuesday = slots_on(schedule, date(2026, 12, 1))
    starts = [slot.start.strftime("%H:%M") for slot in tuesday]
    assert starts == ["09:00", "09:40", "10:20", "11:00"]  # 11:40-12:20 would overrun


def test_closed_days_and_clinician_days(schedule: ClinicSchedule) -> None:
    assert slots_on(schedule, date(2026, 12, 2)) == []  # closed date (a Wednesday)
    assert slots_on(schedule, date(2026, 12, 6)) == []  # Sunday: no opening hours
    tuesday = slots_on(schedule, date(2026, 12, 1))
    assert {slot.clinician_id for slot in tuesday} == {"dr-a"}  # physio-b works Mon and Fri
    friday = slots_on(schedule, date(2026, 12, 4))
    assert {slot.clinician_id for slot in friday} == {"dr-a", "physio-b"}


def test_the_booking_window_starts_today_in_the_clinic(schedule: ClinicSchedule) -> None:
    today = schedule.today(MONDAY_8AM)
    assert schedule.window(today) == (date(2026, 11, 30), date(2026, 12, 6))
    assert schedule.local_midnight(today).isoformat() == "2026-11-30T00:00:00+00:00"


def test_wall_clock_hours_hold_in_summer_and_winter(schedule: ClinicSchedule) -> None:
    winter = slots_on(schedule, date(2026, 11, 30))[0]
    summer = slots_on(schedule, date(2027, 6, 7))[0]
    assert winter.start.isoformat() == "2026-11-30T09:00:00+00:00"
    assert summer.start.isoformat() == "2027-06-07T09:00:00+01:00"
    assert summer.end.isoformat() == "2027-06-07T09:30:00+01:00"


def night_clinic() -> ClinicSchedule:
    """Open across the small hours on Sundays, when the clocks change."""
    hours = {"sunday": ["00:30-03:00"]}
    clinicians = [{"id": "a", "name": "A", "role": "night nurse"}]
    return parse_schedule(with_changes(opening_hours=hours, clinicians=clinicians))


def test_times_skipped_when_clocks_go_forward_are_not_offered() -> None:
    slots = slots_on(night_clinic(), date(2027, 3, 28))
    assert [slot.start.isoformat() for slot in slots] == [
        "2027-03-28T00:30:00+00:00",
        "2027-03-28T02:00:00+01:00",
        "2027-03-28T02:30:00+01:00",
    ]


def test_times_repeated_when_clocks_go_back_are_offered_once() -> None:
    slots = slots_on(night_clinic(), date(2026, 10, 25))
    assert [slot.start.isoformat() for slot in slots] == [
        "2026-10-25T00:30:00+01:00",
        "2026-10-25T01:00:00+01:00",
        "2026-10-25T01:30:00+01:00",
        "2026-10-25T02:00:00+00:00",
        "2026-10-25T02:30:00+00:00",
    ]
    assert len({slot.id for slot in slots}) == len(slots)


def test_slot_ids_are_deterministic_and_url_safe(schedule: ClinicSchedule) -> None:
    first = list(schedule.slots(date(2026, 11, 30), date(2026, 12, 6)))
    again = list(parse_schedule(TEST_SCHEDULE).slots(date(2026, 11, 30), date(2026, 12, 6)))
    assert [slot.id for slot in first] == [slot.id for slot in again]
    assert len({slot.id for slot in first}) == len(first) == 40
    assert all(slot.id.replace("-", "").isalnum() for slot in first)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"timezone": "Mars/Olympus"}, "unknown timezone"),
        ({"slot_minutes": 0}, "slot_minutes must be a whole number"),
        ({"days_ahead": "two weeks"}, "days_ahead must be a whole number"),
        ({"opening_hours": {"funday": ["09:00-10:00"]}}, "'funday' is not a weekday"),
        ({"opening_hours": {"monday": ["9-5"]}}, "is not a range like '09:00-12:30'"),
        ({"opening_hours": {"monday": ["25:00-26:00"]}}, "not a valid time range"),
        ({"opening_hours": {"monday": ["12:00-09:00"]}}, "ends before it starts"),
        ({"opening_hours": {"monday": ["09:00-12:00", "11:00-13:00"]}}, "overlapping"),
        ({"opening_hours": {"monday": []}}, "open on at least one weekday"),
        ({"closed_dates": ["Christmas"]}, "is not a YYYY-MM-DD date"),
        ({"clinicians": []}, "clinicians must be a non-empty list"),
        ({"clinicians": ["dr-a"]}, "clinicians[0] must have id, name, role"),
        ({"clinicians": [{**DR_A, "id": "Dr A"}]}, "lower-case letters, digits"),
        ({"clinicians": [{**DR_A, "name": ""}]}, "clinicians[0] (a).name must be a non-empty text"),
        ({"clinicians": [{**DR_A, "days": ["someday"]}]}, "list of weekdays"),
        ({"clinicians": [DR_A, {**DR_A, "name": "B"}]}, "clinicians[1] (a).id 'a' is used twice"),
        (
            {"clinicians": [{"id": "a", "name": "Dr A, consultant"}]},
            "clinicians[0] (a) has no role: add one such as 'role: consultant rheumatologist'",
        ),
        ({"clinicians": [{**DR_A, "role": " "}]}, "clinicians[0] (a).role must be a non-empty"),
        ({"clinicians": [{**DR_A, "short_role": 3}]}, "(a).short_role must be a non-empty text"),
        ({"clinicians": [{**DR_A, "title": "Dr"}]}, "clinicians[0] has unknown setting(s) title"),
        ({"opening_hour": {}}, "unknown setting(s) opening_hour"),
    ],
)
def test_schedule_mistakes_are_explained(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ScheduleError, match=re.escape(message)):
        parse_schedule(with_changes(**changes))


def test_roles_are_tidied_and_the_short_role_defaults_to_the_role(
    schedule: ClinicSchedule,
) -> None:
    dr_a, physio_b = schedule.clinicians
    assert (dr_a.name, dr_a.role, dr_a.short_role) == (
        "Dr Ada",
        "consultant rheumatologist",
        "consultant",
    )
    assert (physio_b.role, physio_b.short_role) == ("physio", "physio")
    tidy = parse_schedule(
        with_changes(clinicians=[{"id": "a", "name": " Dr  A ", "role": " sports\n doctor "}])
    )
    assert (tidy.clinicians[0].name, tidy.clinicians[0].short_role) == ("Dr A", "sports doctor")
    assert schedule.clinician("physio-b") is physio_b
    assert schedule.clinician("gone") is None


def test_unreadable_files_are_explained(tmp_path: Path) -> None:
    with pytest.raises(ScheduleError, match="Cannot read the schedule file"):
        load_schedule(tmp_path / "missing.yml")
    broken = tmp_path / "broken.yml"
    broken.write_text("timezone: [unclosed", encoding="utf-8")
    with pytest.raises(ScheduleError, match="not valid YAML"):
        load_schedule(broken)
    empty = tmp_path / "empty.yml"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(ScheduleError, match=r"empty.yml: the schedule must be a mapping"):
        load_schedule(empty)
