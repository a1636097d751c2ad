"""The clinic's weekly schedule (clinic_config/schedule.yml) and the slots it yields.

Slots are computed in the clinic's local wall-clock time, so "09:00" stays 09:00 across
daylight-saving changes; stored times are UTC. Slot ids are derived from the clinician
and the local start time, so materialising the same day twice yields the same ids.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CLINICIAN_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_RANGE = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")
UTC = timezone.utc
_KEYS = {"timezone", "slot_minutes", "days_ahead", "opening_hours", "closed_dates", "clinicians"}
_CLINICIAN_KEYS = {"id", "name", "role", "short_role", "days"}


class ScheduleError(ValueError):
    """The schedule file is missing or does not describe a usable schedule."""


@dataclass(frozen=True)
class Clinician:
    """Someone patients can be booked with; `days` are the weekdays they work.

    `name` is the person ("Dr Ngozi Okafor"), `role` what they do ("consultant
    rheumatologist"), and `short_role` the role in a word or two for buttons ("consultant";
    the role itself when the schedule gives none).
    """

    id: str
    name: str
    role: str
    short_role: str
    days: frozenset[str]


@dataclass(frozen=True)
class SlotSpec:
    """One bookable slot as the schedule defines it (start and end are timezone-aware)."""

    id: str
    clinician_id: str
    clinician_name: str
    start: datetime
    end: datetime


@dataclass(frozen=True)
class ClinicSchedule:
    """The clinic's opening hours, slot length, booking window and clinicians."""

    timezone: ZoneInfo
    slot_minutes: int
    days_ahead: int
    opening_hours: dict[str, tuple[tuple[time, time], ...]]
    closed_dates: frozenset[date]
    clinicians: tuple[Clinician, ...]

    def clinician(self, clinician_id: str) -> Clinician | None:
        """The clinician with this id, or None if the schedule no longer lists them."""
        return next((found for found in self.clinicians if found.id == clinician_id), None)

    def today(self, now: datetime) -> date:
        """The clinic's local date at the aware instant `now`."""
        return now.astimezone(self.timezone).date()

    def window(self, today: date) -> tuple[date, date]:
        """The first and last local dates patients may book on, seen from `today`."""
        return today, today + timedelta(days=self.days_ahead)

    def local_midnight(self, day: date) -> datetime:
        """The start of `day` in the clinic's time zone, as an aware datetime."""
        return datetime.combine(day, time(0), tzinfo=self.timezone)

    def slots(self, first: date, last: date) -> Iterator[SlotSpec]:
        """Every slot from local date `first` to `last` inclusive, in start order per day.

        Wall-clock times that do not exist (the hour skipped when clocks go forward) are
        left out; times that happen twice (clocks going back) are offered once, at the
        first occurrence, so ids stay unique.
        """
        length = timedelta(minutes=self.slot_minutes)
        day = first
        while day <= last:
            if day not in self.closed_dates:
                weekday = WEEKDAYS[day.weekday()]
                for opens, closes in self.opening_hours.get(weekday, ()):
                    yield from self._day_slots(day, weekday, opens, closes, length)
            day += timedelta(days=1)

    def _day_slots(
        self, day: date, weekday: str, opens: time, closes: time, length: timedelta
    ) -> Iterator[SlotSpec]:
        start = datetime.combine(day, opens)
        end_of_range = datetime.combine(day, closes)
        while start + length <= end_of_range:
            local = start.replace(tzinfo=self.timezone)
            if _exists(local, self.timezone):
                start_utc = local.astimezone(UTC)
                end = (start_utc + length).astimezone(self.timezone)
                for clinician in self.clinicians:
                    if weekday in clinician.days:
                        yield SlotSpec(
                            id=f"{clinician.id}-{start:%Y%m%dT%H%M}",
                            clinician_id=clinician.id,
                            clinician_name=clinician.name,
                            start=local,
                            end=end,
                        )
            start += length


def _exists(local: datetime, zone: tzinfo) -> bool:
    """Whether a wall-clock time really happens (it does not inside a spring-forward gap)."""
    return local.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == local.replace(tzinfo=None)


def load_schedule(path: Path) -> ClinicSchedule:
    """Read and check the schedule file, explaining exactly what is wrong if it is unusable."""
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ScheduleError(f"Cannot read the schedule file {path}: {error}") from error
    except yaml.YAMLError as error:
        raise ScheduleError(f"The schedule file {path} is not valid YAML: {error}") from error
    try:
        return parse_schedule(content)
    except ScheduleError as error:
        raise ScheduleError(f"{path}: {error}") from error


def parse_schedule(content: Any) -> ClinicSchedule:
    """Build a schedule from the parsed YAML mapping."""
    if not isinstance(content, dict):
        raise ScheduleError("the schedule must be a mapping of settings")
    unknown = sorted(set(content) - _KEYS)
    if unknown:
        raise ScheduleError(f"unknown setting(s) {', '.join(map(str, unknown))}")
    zone = _timezone(content.get("timezone"))
    slot_minutes = _whole(content, "slot_minutes", 5, 8 * 60)
    days_ahead = _whole(content, "days_ahead", 0, 366)
    hours = _opening_hours(content.get("opening_hours"), slot_minutes)
    closed = _closed_dates(content.get("closed_dates") or [])
    clinicians = _clinicians(content.get("clinicians"), frozenset(hours))
    return ClinicSchedule(zone, slot_minutes, days_ahead, hours, closed, clinicians)


def _timezone(raw: Any) -> ZoneInfo:
    if not isinstance(raw, str) or not raw:
        raise ScheduleError("timezone must be an IANA time zone name such as Europe/London")
    try:
        return ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ScheduleError(f"unknown timezone {raw!r}") from error


def _whole(content: dict[str, Any], name: str, low: int, high: int) -> int:
    raw = content.get(name)
    if not isinstance(raw, int) or isinstance(raw, bool) or not low <= raw <= high:
        raise ScheduleError(f"{name} must be a whole number from {low} to {high}, got {raw!r}")
    return raw


def _opening_hours(raw: Any, slot_minutes: int) -> dict[str, tuple[tuple[time, time], ...]]:
    if not isinstance(raw, dict):
        raise ScheduleError("opening_hours must map weekdays to lists of 'HH:MM-HH:MM' ranges")
    hours: dict[str, tuple[tuple[time, time], ...]] = {}
    for weekday, ranges in raw.items():
        if weekday not in WEEKDAYS:
            raise ScheduleError(f"opening_hours: {weekday!r} is not a weekday ({WEEKDAYS})")
        if not isinstance(ranges, list):
            raise ScheduleError(f"opening_hours.{weekday} must be a list of ranges")
        parsed = sorted(_time_range(f"opening_hours.{weekday}", item) for item in ranges)
        for (_, previous_end), (start, _) in itertools.pairwise(parsed):
            if start < previous_end:
                raise ScheduleError(f"opening_hours.{weekday} has overlapping ranges")
        if parsed:
            hours[weekday] = tuple(parsed)
    if not hours:
        raise ScheduleError("opening_hours must open on at least one weekday")
    return hours


def _time_range(where: str, raw: Any) -> tuple[time, time]:
    match = _RANGE.match(raw) if isinstance(raw, str) else None
    if match is None:
        raise ScheduleError(f"{where}: {raw!r} is not a range like '09:00-12:30'")
    hour1, minute1, hour2, minute2 = (int(part) for part in match.groups())
    try:
        start, end = time(hour1, minute1), time(hour2, minute2)
    except ValueError as error:
        raise ScheduleError(f"{where}: {raw!r} is not a valid time range") from error
    if end <= start:
        raise ScheduleError(f"{where}: {raw!r} ends before it starts")
    return start, end


def _closed_dates(raw: Any) -> frozenset[date]:
    if not isinstance(raw, list):
        raise ScheduleError("closed_dates must be a list of YYYY-MM-DD dates")
    closed = set()
    for item in raw:
        if isinstance(item, date) and not isinstance(item, datetime):
            closed.add(item)
            continue
        try:
            closed.add(date.fromisoformat(str(item)))
        except ValueError as error:
            raise ScheduleError(f"closed_dates: {item!r} is not a YYYY-MM-DD date") from error
    return frozenset(closed)


def _clinicians(raw: Any, open_days: frozenset[str]) -> tuple[Clinician, ...]:
    if not isinstance(raw, list) or not raw:
        raise ScheduleError("clinicians must be a non-empty list of {id, name, role}")
    clinicians: list[Clinician] = []
    for index, item in enumerate(raw):
        where = f"clinicians[{index}]"
        if not isinstance(item, dict):
            raise ScheduleError(f"{where} must have id, name, role and optionally short_role, days")
        unknown = sorted(map(str, set(item) - _CLINICIAN_KEYS))
        if unknown:
            raise ScheduleError(
                f"{where} has unknown setting(s) {', '.join(unknown)} "
                "(known: id, name, role, short_role, days)"
            )
        ident = item.get("id")
        if not isinstance(ident, str) or not _CLINICIAN_ID.match(ident):
            raise ScheduleError(
                f"{where}.id must be lower-case letters, digits and hyphens, got {ident!r}"
            )
        where = f"clinicians[{index}] ({ident})"
        name = _text(item.get("name"), f"{where}.name")
        if "role" not in item:
            raise ScheduleError(
                f"{where} has no role: add one such as 'role: consultant rheumatologist' "
                "(name is the person only, e.g. 'Dr Ngozi Okafor')"
            )
        role = _text(item["role"], f"{where}.role")
        short_role = role
        if "short_role" in item:
            short_role = _text(item["short_role"], f"{where}.short_role")
        days = item.get("days", list(open_days))
        if not isinstance(days, list) or not set(days) <= set(WEEKDAYS):
            raise ScheduleError(f"{where}.days must be a list of weekdays, got {days!r}")
        if any(existing.id == ident for existing in clinicians):
            raise ScheduleError(f"{where}.id {ident!r} is used twice")
        clinicians.append(Clinician(ident, name, role, short_role, frozenset(days)))
    return tuple(clinicians)


def _text(raw: Any, where: str) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise ScheduleError(f"{where} must be a non-empty text, got {raw!r}")
    return " ".join(raw.split())
