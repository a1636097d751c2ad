import datetime as dt

import pytest

from clinic.dates import read_clock, read_date, read_day

TODAY = dt.date(2026, 11, 24)


@pytest.mark.parametrize(
    ("fragment", "prefer", "expected"),
    [
        ("10/3", "past", dt.date(2026, 3, 10)),  # day before month
        ("March", "past", dt.date(2026, 3, 1)),  # a month alone is its 1st
        ("3 December", "future", dt.date(2026, 12, 3)),
        ("3 December", "past", dt.date(2025, 12, 3)),
    ],
)
def test_dates_are_read_as_the_clinic_writes_them(
    fragment: str, prefer: str, expected: dt.date
) -> None:
    parsed = read_date(fragment, TODAY, prefer=prefer)  # type: ignore[arg-type]
    assert parsed is not None and parsed.date() == expected


def test_words_that_are_no_date_give_none() -> None:
    assert read_date("blue", TODAY, prefer="past") is None


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("tomorrow", dt.date(2026, 11, 25)),
        ("the day after tomorrow", dt.date(2026, 11, 26)),
        ("in 3 days", dt.date(2026, 11, 27)),
        ("in three weeks", dt.date(2026, 12, 15)),
        ("in a week", dt.date(2026, 12, 1)),
        ("in 2 months", dt.date(2027, 1, 24)),  # calendar months, not 30 days
        ("blue", None),
    ],
)
def test_relative_days_count_from_today(fragment: str, expected: dt.date | None) -> None:
    assert read_day(fragment, TODAY) == expected


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("3pm", dt.time(15, 0)),
        ("3 pm", dt.time(15, 0)),
        ("3:00", dt.time(3, 0)),  # as written: the clinic's reading of a bare 3 is the caller's
        ("10.30", dt.time(10, 30)),
        ("9:30 am", dt.time(9, 30)),
        ("12 noon", dt.time(12, 0)),
        ("12am", dt.time(0, 0)),
        ("15:30", dt.time(15, 30)),
        # no time of day
        ("3", None),
        ("3 December", None),
        ("25:00", None),
        ("9:75", None),
        ("13pm", None),
    ],
)
def test_clock_times(fragment: str, expected: dt.time | None) -> None:
    assert read_clock(fragment) == expected
