"""When the patient would like the appointment, from an answer such as "Tuesday morning".

The answer becomes a window of dates (`earliest` to `latest`, `latest` excluded) and
filters the slot's start must pass: weekdays, a part of the day, and clock bounds. When
nothing ends the window, it runs HORIZON past its start, the span the scheduling service
is asked about. Times never fall before `now`: "today" starts at `now`, not midnight.

What a preference is and which slots it allows is in `time_preference`; how answers are
read, in `time_words`; how offered times are shown, in `offers`. This module is what the
actions use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from clinic.booking.offers import (
    MAX_OFFER_TITLE,
    describe_offer,
    describe_slot,
    group_by_day,
    latest_of_each_day,
    offer_titles,
)
from clinic.booking.time_preference import (
    HORIZON,
    PARTS_OF_DAY,
    PartOfDay,
    TimePreference,
    matches,
    search_windows,
)
from clinic.booking.time_words import asks_for_the_latest, read_time_preference, time_of_day_words

__all__ = [
    "HORIZON",
    "MAX_OFFER_TITLE",
    "PARTS_OF_DAY",
    "PartOfDay",
    "TimePreference",
    "asks_for_the_latest",
    "describe_offer",
    "describe_slot",
    "group_by_day",
    "latest_of_each_day",
    "matches",
    "offer_titles",
    "parse_time_preference",
    "search_windows",
    "time_of_day_words",
]


def parse_time_preference(text: str, now: dt.datetime) -> TimePreference | None:
    """The patient's preferred times, or None when the answer says nothing about time.

    `now` must be timezone-aware: the results carry its tzinfo, and "tomorrow" and
    "next week" are counted in its calendar.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    return read_time_preference(text, now)


def on_any_day(pref: TimePreference, now: dt.datetime) -> TimePreference:
    """The same time of day on any day from `now`.

    Where to look when the days asked for have nothing ("Monday after 5" when only
    Thursday runs late). Alternatives, each with its own days, are dropped with the days.
    """
    return replace(
        pref,
        earliest=now,
        latest=now + HORIZON,
        weekdays=None,
        alternatives=(),
    )


def on_the_same_weekdays(pref: TimePreference, now: dt.datetime) -> TimePreference | None:
    """The same weekdays and time of day in any week from `now`; None without weekdays.

    "Thursday next week after 4", when that Thursday is too soon or full: the Thursdays
    after it come first, not a Wednesday the patient may have ruled out.
    """
    if not pref.weekdays or pref.alternatives:
        return None
    return replace(on_any_day(pref, now), weekdays=pref.weekdays)


def anytime_from(now: dt.datetime) -> TimePreference:
    """Any time from `now`, as far ahead as patients may book."""
    return TimePreference(earliest=now, latest=now + HORIZON)
