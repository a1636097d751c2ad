"""A new time said relative to the appointment being moved: "the week after, same time".

Such a wish only makes sense beside the booked time, which the patient has and the time
parser (clinic/booking/preferences.py, counting from today) has not; written out as a date
and time, it is searched like any other.
"""

from __future__ import annotations

import datetime as dt
import re

from clinic.booking.preferences import describe_slot

_SHIFTS = (
    (
        re.compile(r"\b(?:two|2)\s+weeks?\s+(?:after|later|on)\b|\bfortnight\s+(?:after|later)\b"),
        14,
    ),
    (
        re.compile(
            r"\b(?:the\s+|a\s+)?(?:week|wk)\s+(?:after|later|on)\b|\bfollowing\s+week\b"
            r"|\bone\s+week\s+later\b|\b(?:push|move)\s+it\s+(?:back\s+)?(?:by\s+)?a\s+week\b"
        ),
        7,
    ),
    (re.compile(r"\b(?:the\s+)?(?:day\s+after|next\s+day|following\s+day|a\s+day\s+later)\b"), 1),
)
_SAME_TIME = re.compile(
    r"\bsame\s+(?:sort\s+of\s+|sorta\s+|kind\s+of\s+|kinda\s+|ish\s+)?(?:time|hour|slot)\b"
    r"|\bat\s+the\s+same\s+time\b"
)
_PART_OF_DAY = re.compile(r"\b(morning|afternoon|evening|lunchtime)\b")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_WEEKDAY = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b")


def moved_time(wish: str, booked: dt.datetime) -> str | None:
    """The new time in words ("Friday 11 December at 10am"), or None if `wish` is not relative.

    `booked` is the appointment's start in the clinic's time. "The week after" keeps the
    weekday a week on; "same time" keeps the time of day.
    """
    lowered = wish.lower()
    days = next((shift for pattern, shift in _SHIFTS if pattern.search(lowered)), None)
    if days is None:
        return None
    new = booked + dt.timedelta(days=days)
    part = _PART_OF_DAY.search(lowered)
    named = [_WEEKDAYS.index(name[:3]) for name in _WEEKDAY.findall(lowered)]
    if named and days >= 7:
        # "The following week? Monday or Tuesday morning": those days of that week, not
        # the booked weekday a week on.
        monday = new.date() - dt.timedelta(days=new.weekday())
        dates = [monday + dt.timedelta(days=weekday) for weekday in dict.fromkeys(named)]
        said = " or ".join(f"{date:%A} {date.day} {date:%B}" for date in dates)
        return f"{said} {part.group(1)}" if part else said
    if _SAME_TIME.search(lowered):
        return describe_slot(new)
    day = f"{new:%A} {new.day} {new:%B}"
    return f"{day} {part.group(1)}" if part else day
