import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from clinic.booking.moving import moved_time

BOOKED = dt.datetime(2026, 12, 4, 10, 0, tzinfo=ZoneInfo("Europe/London"))  # a Friday


@pytest.mark.parametrize(
    ("wish", "expected"),
    [
        ("to the week after, same time?", "Friday 11 December at 10am"),
        ("a week later at the same time please", "Friday 11 December at 10am"),
        ("the following week", "Friday 11 December"),
        ("the week after, in the afternoon", "Friday 11 December afternoon"),
        ("two weeks later same time", "Friday 18 December at 10am"),
        ("the day after, same time", "Saturday 5 December at 10am"),
        # days named for the week after: those days of that week
        (
            "rather than cancel can I move it to the following week? Monday or Tuesday morning",
            "Monday 7 December or Tuesday 8 December morning",
        ),
        ("to tuesday afternoon", None),
        ("same time but on monday", None),
        ("", None),
    ],
)
def test_moved_time(wish: str, expected: str | None) -> None:
    assert moved_time(wish, BOOKED) == expected
