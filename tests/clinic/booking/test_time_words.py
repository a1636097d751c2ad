import datetime as dt

import pytest

from clinic.booking.time_words import (
    asks_for_the_latest,
    read_time_preference,
    time_of_day_words,
    without_time_of_day,
)

NOW = dt.datetime(2026, 12, 4, 15, 0, tzinfo=dt.timezone.utc)


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


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("since about september", None),
        (
            "sorry i meant the legs started in september. for appointments any afternoon",
            "afternoon",
        ),
        ("it began 2 weeks ago, mornings are best", "morning"),
    ],
)
def test_when_the_trouble_began_is_not_when_to_come(text: str, part: str | None) -> None:
    preference = read_time_preference(text, NOW)
    if part is None:
        assert preference is None
    else:
        assert preference is not None and preference.part_of_day == part


def test_numbered_points_are_no_clock_times() -> None:
    text = (
        "3 things: 1) what is sciatica 2) can i get an appointment friday 3) do you do injections"
    )
    preference = read_time_preference(text, NOW)
    assert preference is not None
    assert preference.weekdays == frozenset({4})
    assert preference.after is None and preference.before is None


def test_a_pain_score_out_of_ten_is_no_date() -> None:
    assert read_time_preference("its pretty bad tbh, like 8/10 when i sneeze", NOW) is None
    assert read_time_preference("10/12 at 3pm", NOW) is not None


@pytest.mark.parametrize(
    ("text", "weekday", "after", "before"),
    [
        ("THURSDAY LATE. i cant do monday morning", 3, dt.time(16), None),
        ("late on thursday", 3, dt.time(16), None),
        ("wednesday 11ish? any doctor", 2, dt.time(10), dt.time(12)),
    ],
)
def test_late_on_a_day_and_an_hour_ish(
    text: str, weekday: int, after: dt.time, before: dt.time | None
) -> None:
    preference = read_time_preference(text, NOW)
    assert preference is not None
    assert preference.weekdays == frozenset({weekday})
    assert (preference.after, preference.before) == (after, before)


@pytest.mark.parametrize(
    ("text", "latest"),
    [
        ("whats the latest you have on a thursday", True),
        ("last appointment on friday?", True),
        ("as late as possible on monday", True),
        ("ooh actually thursday would be better, late as poss", True),
        ("late afternoon", False),
        ("thursday, last time i was there it was busy", False),
        ("asap, latest on thursday. mornings are best", False),  # a deadline
        ("friday at the latest", False),
    ],
)
def test_asking_for_the_latest_times_is_recognised(text: str, latest: bool) -> None:
    assert asks_for_the_latest(text) is latest


@pytest.mark.parametrize(
    "text",
    [
        "tuesday week",
        "a week on tuesday",
        "can I see a physio tuesday afternoon? not this one, the week after",
        "Tuesday. but not this one, the following one",
    ],
)
def test_the_weekday_after_the_coming_one_is_that_date(text: str) -> None:
    # NOW is Friday 4 December: the coming Tuesday is the 8th, the one after it the 15th.
    pref = read_time_preference(text, NOW)
    assert pref is not None
    assert pref.earliest.date() == dt.date(2026, 12, 15)
    assert pref.latest.date() == dt.date(2026, 12, 16)


@pytest.mark.parametrize(
    "text", ["asap, latest on thursday. mornings", "thursday at the latest, mornings"]
)
def test_a_day_at_the_latest_is_a_deadline(text: str) -> None:
    # NOW is Friday 4 December: any morning up to and including Thursday 10th.
    pref = read_time_preference(text, NOW)
    assert pref is not None
    assert pref.latest.date() == dt.date(2026, 12, 11)
    assert pref.weekdays is None
    assert pref.part_of_day == "morning"


def test_working_in_the_morning_rules_out_mornings() -> None:
    pref = read_time_preference("monday or tuesday, I work in morning, so after 2", NOW)
    assert pref is not None
    assert pref.part_of_day is None
    assert pref.after == dt.time(14, 0)


def test_today_said_to_be_too_quick_is_not_asked_for() -> None:
    monday = dt.datetime(2026, 12, 7, 10, 0, tzinfo=dt.timezone.utc)
    text = "Goodness, today is a bit quick, I need a lift. Wednesday afternoon would be better."
    preference = read_time_preference(text, monday)
    assert preference is not None
    assert preference.weekdays == frozenset({2})
    assert preference.part_of_day == "afternoon"


def test_after_the_school_drop_off_is_the_morning() -> None:
    text = "any morning after school drop off so after 9.30, not wednesdays"
    preference = read_time_preference(text, NOW)
    assert preference is not None
    assert preference.after == dt.time(9, 30)
    after_school = read_time_preference("after school please", NOW)
    assert after_school is not None and after_school.after == dt.time(15, 30)


def test_a_date_taken_by_an_event_of_three_words_is_not_asked_for() -> None:
    text = "no, the 17th is my daughters nativity play. anything the thursday before, after 5?"
    preference = read_time_preference(text, NOW)
    assert preference is not None
    assert preference.weekdays == frozenset({3})
    assert preference.after == dt.time(17, 0)
    assert preference.latest - preference.earliest > dt.timedelta(days=1)  # not the 17th alone


def test_second_thoughts_are_no_second_of_the_month() -> None:
    text = "hmm actually on 2nd thoughts id rather see a consultant first, same day if poss"
    assert read_time_preference(text, NOW) is None
    second = read_time_preference("the 2nd please", NOW)
    assert second is not None and second.earliest.day == 2


MONDAY = dt.datetime(2026, 12, 7, 17, 0, tzinfo=dt.timezone.utc)
NEXT_WEEK = (dt.date(2026, 12, 14), dt.date(2026, 12, 21))


@pytest.mark.parametrize(
    "text",
    [
        "Could I have an appointment with her any afternoon next week?",
        "can we have an appt any afternoon next week",
    ],
)
def test_asking_to_have_an_appointment_is_no_engagement(text: str) -> None:
    pref = read_time_preference(text, MONDAY)
    assert pref is not None
    assert (pref.earliest.date(), pref.latest.date()) == (
        dt.date(2026, 12, 14),
        dt.date(2026, 12, 21),
    )
    assert pref.part_of_day == "afternoon"


def test_an_appointment_one_already_has_still_rules_that_day_out() -> None:
    pref = read_time_preference("I have a dentist appointment on Monday", MONDAY)
    assert pref is not None and pref.weekdays is not None and 0 not in pref.weekdays


@pytest.mark.parametrize(
    "text",
    [
        "the week beginning the 14th",
        "week commencing 14th",
        "w/c 14 December",
        "the week of the 16th",
    ],
)
def test_the_week_beginning_a_date_is_that_whole_week(text: str) -> None:
    pref = read_time_preference(text, MONDAY)
    assert pref is not None
    assert (pref.earliest.date(), pref.latest.date()) == (
        dt.date(2026, 12, 14),
        dt.date(2026, 12, 21),
    )


@pytest.mark.parametrize(
    "text", ["I'm away until Sunday", "not back till the 13th", "I'm back on Monday the 14th"]
)
def test_away_until_a_day_is_free_after_it(text: str) -> None:
    pref = read_time_preference(text, MONDAY)
    assert pref is not None
    assert pref.earliest.date() == dt.date(2026, 12, 14)


def test_the_week_and_the_afternoon_after_lunch_are_read_together() -> None:
    pref = read_time_preference(
        "No, I meant the week beginning the 14th, I'm away until Sunday. Afternoons, after lunch.",
        MONDAY,
    )
    assert pref is not None
    assert (pref.earliest.date(), pref.latest.date()) == (
        dt.date(2026, 12, 14),
        dt.date(2026, 12, 21),
    )
    assert pref.after == dt.time(13, 0)


def test_a_day_taken_by_a_club_is_ruled_out() -> None:
    pref = read_time_preference("No, wait, Wednesday is my bowls club. Make it Tuesday.", MONDAY)
    assert pref is not None and pref.weekdays == frozenset({1})


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("I'm away on the 17th, Monday 21st?", dt.date(2026, 12, 21)),
        ("on holiday on the 16th, what about the 18th", dt.date(2026, 12, 18)),
    ],
)
def test_a_day_away_is_ruled_out_and_the_other_day_asked_for(text: str, day: dt.date) -> None:
    pref = read_time_preference(text, MONDAY)
    assert pref is not None
    assert (pref.earliest.date(), pref.latest.date()) == (day, day + dt.timedelta(days=1))


@pytest.mark.parametrize("text", ["I'm away on Thursday", "away thursday"])
def test_a_weekday_away_is_ruled_out(text: str) -> None:
    pref = read_time_preference(text, MONDAY)
    assert pref is not None
    assert pref.weekdays == frozenset({0, 1, 2, 4, 5, 6})


@pytest.mark.parametrize(
    "text", ["i'm at work in the day, fri 18th?", "I work during the day so fri 18th"]
)
def test_at_work_in_the_day_asks_for_the_evening(text: str) -> None:
    pref = read_time_preference(text, MONDAY)
    assert pref is not None
    assert pref.earliest.date() == dt.date(2026, 12, 18)
    assert pref.part_of_day == "evening"


def test_working_all_day_on_a_named_day_rules_that_day_out_only() -> None:
    pref = read_time_preference("working all day friday, thursday?", MONDAY)
    assert pref is not None
    assert pref.weekdays == frozenset({3}) and pref.part_of_day is None


@pytest.mark.parametrize(
    "text",
    [
        "tuesday is tomorrow? is too soon for me, maybe friday morning?",
        "tuesday is too soon, friday?",
    ],
)
def test_a_day_said_to_be_too_soon_is_ruled_out(text: str) -> None:
    pref = read_time_preference(text, MONDAY)
    assert pref is not None
    assert pref.weekdays == frozenset({4})


@pytest.mark.parametrize(
    "text", ["hmm actually can it be 6 instead? traffic", "could we make it 6?"]
)
def test_can_it_be_an_hour_asks_for_that_hour(text: str) -> None:
    pref = read_time_preference(text, MONDAY)
    assert pref is not None
    assert (pref.after, pref.before) == (dt.time(18, 0), dt.time(19, 0))


def test_a_day_taken_by_the_dentist_is_ruled_out() -> None:
    text = "any on friday instead? thursday i just remembered i have the dentist"
    pref = read_time_preference(text, MONDAY)
    assert pref is not None and pref.weekdays == frozenset({4})


@pytest.mark.parametrize("text", ["is there anything the week of the 11th jan?", "w/c 11 jan"])
def test_the_week_of_a_date_with_a_short_month(text: str) -> None:
    pref = read_time_preference(text, MONDAY)
    assert pref is not None
    assert (pref.earliest.date(), pref.latest.date()) == (
        dt.date(2027, 1, 11),
        dt.date(2027, 1, 18),
    )


@pytest.mark.parametrize(
    ("text", "weekdays"),
    [
        ("none of these, tomorrow I cant. wednesday?", frozenset({2})),
        ("friday we cant make it, monday?", frozenset({0})),
        ("tuesday I can't do mornings, afternoon?", frozenset({1})),
    ],
)
def test_a_day_said_not_to_suit_is_ruled_out(text: str, weekdays: frozenset[int]) -> None:
    pref = read_time_preference(text, MONDAY)
    assert pref is not None and pref.weekdays == weekdays
