"""Dates and clock times as the clinic writes them ("10/3" is the 10th of March), by dateparser.

dateparser is imported on first use, not with this module: loading its language data takes
a third of a second to a second, and most answers ("Tuesday morning", "asap") never need
it. Each reading after that costs one to three milliseconds, so readings, which depend on
the fragment and the day only, are kept once made (docs/decisions/0012-time-preferences.md).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
"""The names the clinic writes, in English whatever the server's locale."""

_ENGLISH = ["en"]
_CLOCK_BASE = dt.datetime(2000, 1, 1)


def _settings(base: dt.datetime, prefer: Literal["past", "future"]) -> dict[str, Any]:
    return {
        "PREFER_DATES_FROM": prefer,
        "RELATIVE_BASE": base,
        "PREFER_DAY_OF_MONTH": "first",
        "DATE_ORDER": "DMY",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }


@functools.lru_cache(maxsize=1024)
def _parse(
    fragment: str,
    base: dt.datetime,
    prefer: Literal["past", "future"],
    parsers: tuple[str, ...] | None = None,
) -> dt.datetime | None:
    """The reading of `fragment`; `parsers` narrows the ways dateparser tries, each costing time.

    Kept once made: callers read from a day's midnight, so a reading holds for the day.
    """
    import dateparser  # imported here: see the module's docstring

    settings = _settings(base, prefer)
    if parsers is not None:
        settings["PARSERS"] = list(parsers)
    parsed: dt.datetime | None = dateparser.parse(fragment, languages=_ENGLISH, settings=settings)
    return parsed


def read_date(
    fragment: str, today: dt.date, prefer: Literal["past", "future"]
) -> dt.datetime | None:
    """Dateparser's reading of `fragment` relative to `today`, day before month, offline.

    "March" alone means the 1st of March; `prefer` picks the past or the future reading of
    a date without a year. Callers settle the year themselves where dateparser's choice
    is not the one a patient means.
    """
    return _parse(fragment, dt.datetime(today.year, today.month, today.day), prefer)


def read_day(fragment: str, today: dt.date) -> dt.date | None:
    """The day "tomorrow", "the day after tomorrow" or "in 3 days" names, seen from `today`.

    Read from midnight, so the answer depends on the day only (and is kept for the day).
    """
    midnight = dt.datetime(today.year, today.month, today.day)
    parsed = _parse(fragment, midnight, "future", parsers=("relative-time",))
    return None if parsed is None else parsed.date()


@functools.lru_cache(maxsize=1)
def _clock_parser() -> DateDataParser:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=_ENGLISH,
        settings={
            **_settings(_CLOCK_BASE, "future"),
            "RETURN_TIME_AS_PERIOD": True,
            # A clock time is absolute; trying the other parsers first costs up to 10 ms.
            "PARSERS": ["absolute-time"],
        },
    )


def read_clock(fragment: str) -> dt.time | None:
    """The time of day in "3pm", "10:30", "9.30 am", "12 noon"; None if it names no time.

    Taken as written: "3:00" is 03:00. Which hour a patient means by a bare "3" is the
    caller's rule, not the calendar's.
    """
    return _read_clock(fragment)


@functools.lru_cache(maxsize=1024)
def _read_clock(fragment: str) -> dt.time | None:
    found = _clock_parser().get_date_data(fragment)
    if found.date_obj is None or found.period != "time":
        return None
    return found.date_obj.time()
