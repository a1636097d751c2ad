import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from clinic.dates import read_clock, read_date, read_relative

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


LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("tomorrow", dt.datetime(2026, 11, 25, 10, 0, tzinfo=LONDON)),
        ("the day after tomorrow", dt.datetime(2026, 11, 26, 10, 0, tzinfo=LONDON)),
        ("in 3 days", dt.datetime(2026, 11, 27, 10, 0, tzinfo=LONDON)),
        ("in three weeks", dt.datetime(2026, 12, 15, 10, 0, tzinfo=LONDON)),
        ("in a week", dt.datetime(2026, 12, 1, 10, 0, tzinfo=LONDON)),
        ("blue", None),
    ],
)
def test_relative_words_count_from_now_in_its_zone(
    fragment: str, expected: dt.datetime | None
) -> None:
    assert read_relative(fragment, dt.datetime(2026, 11, 24, 10, 0, tzinfo=LONDON)) == expected


def test_relative_words_keep_the_wall_clock_across_a_clock_change() -> None:
    # British Summer Time starts on Sunday 29 March 2026.
    later = read_relative("in 7 days", dt.datetime(2026, 3, 25, 10, 0, tzinfo=LONDON))
    assert later == dt.datetime(2026, 4, 1, 10, 0, tzinfo=LONDON)
    assert later is not None and later.utcoffset() == dt.timedelta(hours=1)


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
