import datetime as dt

import pytest

from clinic.dates import read_date

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
