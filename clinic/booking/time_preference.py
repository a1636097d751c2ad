"""What a time preference is, and which slot starts and search windows it allows.

Parts of the day (PARTS_OF_DAY; `matches` and `search_windows` both use it, so the slots
searched for are the slots accepted). A slot belongs to a part when it starts in it:

- morning: 08:00 to 12:00 ("morning", "first thing", "am");
- lunchtime: 11:30 to 14:00 ("lunchtime", "lunch time", "at/around lunch", "midday", "noon",
  "around noon"; "12 noon" and "at noon" are the clock time, 12:00 to 13:00);
- afternoon: 13:00 to 17:00, so a 12:00 or 12:30 start is lunchtime, not afternoon;
- evening: 17:00 to midnight ("evening", "tonight"; "after 5" is the clock bound 17:00).

"Early" and "late" halve a part at PART_SPLITS: "late afternoon" is from 15:00 (the clinic
closes at 17:00 on most days, so later would leave almost nothing), "early morning" before
10:00, "early evening" before 19:00.

Two parts ("morning or afternoon") become clock bounds spanning both, open where they reach
the start of the morning or the end of the evening: "morning or afternoon" is before 17:00,
"afternoon or evening" from 13:00. "Not mornings" is from noon and "not evenings" before
17:00; "not at lunchtime" and "not afternoons" cannot be expressed and are ignored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

PartOfDay = Literal["morning", "lunchtime", "afternoon", "evening"]

HORIZON = dt.timedelta(days=14)
NOON = dt.time(12, 0)
EVENING = dt.time(17, 0)
PARTS_OF_DAY: dict[PartOfDay, tuple[dt.time, dt.time | None]] = {
    "morning": (dt.time(8, 0), NOON),
    "lunchtime": (dt.time(11, 30), dt.time(14, 0)),
    "afternoon": (dt.time(13, 0), EVENING),
    "evening": (EVENING, None),
}
"""When a slot in each part of the day may start: [first, last); None is midnight."""
PART_SPLITS: dict[PartOfDay, dt.time] = {
    "morning": dt.time(10, 0),
    "afternoon": dt.time(15, 0),
    "evening": dt.time(19, 0),
}
"""Where "early" of a part ends and "late" begins."""

Range = tuple[dt.datetime, dt.datetime]
ALL_DAYS = frozenset(range(7))
WORKING_DAYS = frozenset(range(5))
WEEKEND = frozenset({5, 6})


@dataclass(frozen=True)
class TimePreference:
    """Which appointment starts the patient would take.

    A start matches when it is in [earliest, latest), on one of `weekdays` (0 is Monday;
    None allows all), in `part_of_day` (None allows all), at or after `after` and before
    `before`. Clock times are read in `earliest`'s time zone.

    An answer with alternatives that one set of filters cannot hold ("after 5pm or on a
    Saturday") has them in `alternatives`, each a preference of its own: a start then
    matches when it is in [earliest, latest) and matches any of them. The filters of a
    preference with alternatives are unused (None).
    """

    earliest: dt.datetime
    latest: dt.datetime
    weekdays: frozenset[int] | None = None
    part_of_day: PartOfDay | None = None
    after: dt.time | None = None
    before: dt.time | None = None
    alternatives: tuple[TimePreference, ...] = ()


def matches(pref: TimePreference, start: dt.datetime) -> bool:
    """Whether a slot starting at `start` suits the preference.

    A naive `start` is taken to be in the preference's time zone; an aware one is
    converted to it first, so weekdays and clock times are the clinic's.
    """
    zone = pref.earliest.tzinfo
    local = start.replace(tzinfo=zone) if start.tzinfo is None else start.astimezone(zone)
    if not pref.earliest <= local < pref.latest:
        return False
    if pref.alternatives:
        return any(matches(alternative, local) for alternative in pref.alternatives)
    if pref.weekdays is not None and local.weekday() not in pref.weekdays:
        return False
    first, last = _clock_bounds(pref)
    clock = local.time()
    return first <= clock and (last is None or clock < last)


def allows_day(pref: TimePreference, day: dt.date) -> bool:
    """Whether the preference allows some time on `day`, whatever the time of day.

    "Tuesday 9:30" allows no time on a Monday, so a Monday's offers are not what was asked.
    """
    zone = pref.earliest.tzinfo
    midnight = dt.datetime.combine(day, dt.time(0), tzinfo=zone)
    if not (midnight < pref.latest and midnight + dt.timedelta(days=1) > pref.earliest):
        return False
    if pref.alternatives:
        return any(allows_day(alternative, day) for alternative in pref.alternatives)
    return pref.weekdays is None or day.weekday() in pref.weekdays


def search_windows(pref: TimePreference, max_days: int = 14) -> list[Range]:
    """Where to look for slots: one [start, end) per allowed day, soonest first.

    Each day in [earliest, latest) on an allowed weekday gives the part of it the
    preference accepts (part of day and clock bounds), in the preference's time zone;
    days where nothing is left (today's morning, when it is already afternoon) give none.
    At most `max_days` windows. A slot starts in one of them exactly when `matches` accepts
    it, so the scheduling service can be asked about each day the patient wants.
    """
    if max_days < 1:
        raise ValueError(f"max_days must be at least 1, got {max_days}")
    if pref.alternatives:
        return _windows_of_alternatives(pref, max_days)
    zone = pref.earliest.tzinfo
    first, last = _clock_bounds(pref)
    if last is not None and last <= first:
        return []
    windows: list[Range] = []
    day = pref.earliest.date()
    while len(windows) < max_days:
        midnight = dt.datetime.combine(day, dt.time(0), tzinfo=zone)
        if midnight >= pref.latest:
            break
        next_day = day + dt.timedelta(days=1)
        if pref.weekdays is None or day.weekday() in pref.weekdays:
            start = max(pref.earliest, dt.datetime.combine(day, first, tzinfo=zone))
            if last is None:
                end = dt.datetime.combine(next_day, dt.time(0), tzinfo=zone)
            else:
                end = dt.datetime.combine(day, last, tzinfo=zone)
            end = min(pref.latest, end)
            if start < end:
                windows.append((start, end))
        day = next_day
    return windows


def _windows_of_alternatives(pref: TimePreference, max_days: int) -> list[Range]:
    """Every alternative's windows inside [earliest, latest), overlaps joined, soonest first.

    Windows that only touch stay apart, so each is still one day's (at most).
    """
    pieces = sorted(
        (max(start, pref.earliest), min(end, pref.latest))
        for alternative in pref.alternatives
        for start, end in search_windows(alternative, max_days)
    )
    windows: list[Range] = []
    for start, end in pieces:
        if start >= end:
            continue
        if windows and start < windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows[:max_days]


def _clock_bounds(pref: TimePreference) -> tuple[dt.time, dt.time | None]:
    """The clock times a start may take: [first, last), last None for midnight."""
    first, last = PARTS_OF_DAY[pref.part_of_day] if pref.part_of_day else (dt.time(0), None)
    if pref.after is not None:
        first = max(first, pref.after)
    if pref.before is not None:
        last = pref.before if last is None else min(last, pref.before)
    return first, last
