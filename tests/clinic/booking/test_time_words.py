import pytest

from clinic.booking.time_words import time_of_day_words, without_time_of_day


@pytest.mark.parametrize(
    ("text", "days", "time_of_day"),
    [
        ("Tuesday after 4:30", "tuesday", "after 4:30"),
        ("tuesday or wednesday afternoon next week", "tuesday or wednesday next week", "afternoon"),
        ("3 December", "3 december", ""),
        ("any day after 5pm", "any day", "after 5pm"),
    ],
)
def test_an_answer_splits_into_its_days_and_its_time_of_day(
    text: str, days: str, time_of_day: str
) -> None:
    assert without_time_of_day(text) == days
    assert time_of_day_words(text) == time_of_day
