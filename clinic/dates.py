"""Dates as the clinic writes them ("10/3" is the 10th of March), read with dateparser."""

from __future__ import annotations

import datetime as dt
from typing import Literal


def read_date(
    fragment: str, today: dt.date, prefer: Literal["past", "future"]
) -> dt.datetime | None:
    """Dateparser's reading of `fragment` relative to `today`, day before month, offline.

    "March" alone means the 1st of March; `prefer` picks the past or the future reading of
    a date without a year. Callers settle the year themselves where dateparser's choice
    is not the one a patient means.
    """
    import dateparser  # imported here: it takes a moment and most answers never need it

    parsed: dt.datetime | None = dateparser.parse(
        fragment,
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": prefer,
            "RELATIVE_BASE": dt.datetime(today.year, today.month, today.day),
            "PREFER_DAY_OF_MONTH": "first",
            "DATE_ORDER": "DMY",
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    return parsed
