import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from clinic.booking.preferences import (
    PartOfDay,
    TimePreference,
    describe_slot,
    matches,
    parse_time_preference,
)

LONDON = ZoneInfo("Europe/London")
# Tuesday 24 November 2026, 10:00.
NOW = dt.datetime(2026, 11, 24, 10, 0, tzinfo=LONDON)
IN_A_FORTNIGHT = NOW + dt.timedelta(days=14)
WORKING_DAYS = frozenset(range(5))


def at(month: int, day: int, hour: int = 0, minute: int = 0, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def t(hour: int, minute: int = 0) -> dt.time:
    return dt.time(hour, minute)


def soon(
    weekdays: frozenset[int] | None = None,
    part_of_day: PartOfDay | None = None,
    after: dt.time | None = None,
    before: dt.time | None = None,
) -> TimePreference:
    """From now, for the default fortnight."""
    return TimePreference(NOW, IN_A_FORTNIGHT, weekdays, part_of_day, after, before)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # weekdays and parts of the day: every such day in the next fortnight
        ("Tuesday morning", soon(weekdays=frozenset({1}), part_of_day="morning")),
        ("Friday", soon(weekdays=frozenset({4}))),
        ("any weekday afternoon", soon(weekdays=WORKING_DAYS, part_of_day="afternoon")),
        ("mornings are best", soon(part_of_day="morning")),
        ("Thursday or Friday afternoon", soon(weekdays=frozenset({3, 4}), part_of_day="afternoon")),
        ("mon-wed", soon(weekdays=frozenset({0, 1, 2}))),
        ("weekends", soon(weekdays=frozenset({5, 6}))),
        ("first thing", soon(part_of_day="morning")),
        # no preference
        ("as soon as possible", soon()),
        ("asap", soon()),
        ("anytime", soon()),
        ("Any time.", soon()),
        ("whenever", soon()),
        ("I don't mind", soon()),
        # named days
        ("tomorrow", TimePreference(at(11, 25), at(11, 26))),
        ("tomorrow afternoon", TimePreference(at(11, 25), at(11, 26), part_of_day="afternoon")),
        ("today", TimePreference(NOW, at(11, 25))),
        ("3 December", TimePreference(at(12, 3), at(12, 4))),
        ("December 3rd", TimePreference(at(12, 3), at(12, 4))),
        ("3/12", TimePreference(at(12, 3), at(12, 4))),
        ("on the 3rd", TimePreference(at(12, 3), at(12, 4))),
        ("the 24th", TimePreference(NOW, at(11, 25))),
        ("the 31st", TimePreference(at(12, 31), at(1, 1, year=2027))),
        ("24 November", TimePreference(NOW, at(11, 25))),
        ("this Friday", TimePreference(at(11, 27), at(11, 28))),
        ("Tuesday 1 December", TimePreference(at(12, 1), at(12, 2))),
        ("Tuesday, the 1st", TimePreference(at(12, 1), at(12, 2))),
        ("in 3 days", TimePreference(at(11, 27), at(11, 28))),
        (
            "3rd december at 10am",
            TimePreference(at(12, 3), at(12, 4), after=t(10), before=t(11)),
        ),
        # spans
        ("next week after 3pm", TimePreference(at(11, 30), at(12, 7), after=t(15))),
        ("this week", TimePreference(NOW, at(11, 30))),
        ("next month", TimePreference(at(12, 1), at(1, 1, year=2027))),
        ("early december", TimePreference(at(12, 1), at(12, 11))),
        ("early next week", TimePreference(at(11, 30), at(12, 3))),
        ("the week after next", TimePreference(at(12, 7), at(12, 14))),
        ("in 2 weeks", TimePreference(at(12, 8), at(12, 15))),
        ("within the next 3 days", TimePreference(NOW, NOW + dt.timedelta(days=3))),
        ("Friday next week", TimePreference(at(11, 30), at(12, 7), weekdays=frozenset({4}))),
        ("this weekend", TimePreference(at(11, 28), at(11, 30), weekdays=frozenset({5, 6}))),
        # open-ended spans get the default fortnight from their start
        ("next Friday", TimePreference(at(11, 25), at(12, 9), weekdays=frozenset({4}))),
        ("after the 5th", TimePreference(at(12, 6), at(12, 20))),
        ("from the 5th", TimePreference(at(12, 5), at(12, 19))),
        ("before the 10th", TimePreference(NOW, at(12, 10))),
        ("by Friday", TimePreference(NOW, at(11, 28))),
        # clock times: a bare hour is a clinic hour
        ("after 3", soon(after=t(15))),
        ("before 11am", soon(before=t(11))),
        ("between 2 and 4pm", soon(after=t(14), before=t(16))),
        # "10-2" could be 10 to 2 or 10 February: ask again
        ("10-2", None),
        ("from 10 to 2", soon(after=t(10), before=t(14))),
        ("at 10.30", soon(after=t(10, 30), before=t(11, 30))),
        ("around 3pm", soon(after=t(14), before=t(16))),
        ("12 noon", soon(after=t(12), before=t(13))),
        ("after lunch", soon(after=t(13))),
        ("morning or afternoon", soon(before=t(17))),
        (
            "weekday mornings before 11",
            soon(weekdays=WORKING_DAYS, part_of_day="morning", before=t(11)),
        ),
        # negation
        ("not Mondays", soon(weekdays=frozenset(range(1, 7)))),
        ("any day except Monday", soon(weekdays=frozenset(range(1, 7)))),
        ("Wednesdays are bad", soon(weekdays=frozenset({0, 1, 3, 4, 5, 6}))),
        ("I'm busy on Monday, Tuesday is fine", soon(weekdays=frozenset({1}))),
        ("can't do mornings", soon(after=t(12))),
        ("not evenings", soon(before=t(17))),
        ("not before 10 on Friday", soon(weekdays=frozenset({4}), after=t(10))),
        ("not today", TimePreference(at(11, 25), at(12, 9))),
        ("not sure, maybe Friday", soon(weekdays=frozenset({4}))),
        # a date and a weekday that disagree: either will do
        ("tomorrow or Thursday", soon(weekdays=frozenset({2, 3}))),
        # nothing about time, or only the past
        ("blue", None),
        ("hmm", None),
        ("", None),
        ("no", None),
        ("I am", None),
        ("10", None),
        ("3 December 2020", None),
    ],
)
def test_parse_time_preference(text: str, expected: TimePreference | None) -> None:
    assert parse_time_preference(text, NOW) == expected


def test_results_keep_the_time_zone_across_a_clock_change() -> None:
    # Wednesday 25 March 2026; British Summer Time starts on Sunday 29 March.
    now = dt.datetime(2026, 3, 25, 10, 0, tzinfo=LONDON)
    pref = parse_time_preference("next week", now)
    assert pref is not None
    assert pref.earliest == dt.datetime(2026, 3, 30, tzinfo=LONDON)
    assert pref.earliest.utcoffset() == dt.timedelta(hours=1)
    asap = parse_time_preference("asap", now)
    assert asap is not None
    assert asap.latest.hour == 10
    assert asap.latest.tzinfo is LONDON


def test_now_must_be_timezone_aware() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        parse_time_preference("tomorrow", dt.datetime(2026, 11, 24, 10, 0))


TUESDAY_MORNING = TimePreference(
    earliest=NOW, latest=IN_A_FORTNIGHT, weekdays=frozenset({1}), part_of_day="morning"
)
NEXT_WEEK_AFTERNOONS = TimePreference(
    earliest=at(11, 30), latest=at(12, 7), part_of_day="afternoon"
)
EVENINGS = TimePreference(earliest=NOW, latest=IN_A_FORTNIGHT, part_of_day="evening")
TEN_TO_TWO = TimePreference(earliest=NOW, latest=IN_A_FORTNIGHT, after=t(10), before=t(14))


@pytest.mark.parametrize(
    ("pref", "start", "expected"),
    [
        # the window: earliest included, latest excluded
        (TUESDAY_MORNING, NOW, True),
        (TUESDAY_MORNING, NOW - dt.timedelta(minutes=1), False),
        (TUESDAY_MORNING, at(12, 1, 9, 30), True),
        (TUESDAY_MORNING, IN_A_FORTNIGHT, False),
        (TUESDAY_MORNING, IN_A_FORTNIGHT - dt.timedelta(minutes=30), True),
        # weekday
        (TUESDAY_MORNING, at(12, 2, 9, 30), False),
        # morning ends before noon
        (TUESDAY_MORNING, at(12, 1, 11, 59), True),
        (TUESDAY_MORNING, at(12, 1, 12, 0), False),
        # afternoon is 12:00 to 17:00
        (NEXT_WEEK_AFTERNOONS, at(11, 30, 12, 0), True),
        (NEXT_WEEK_AFTERNOONS, at(11, 30, 11, 59), False),
        (NEXT_WEEK_AFTERNOONS, at(12, 6, 16, 59), True),
        (NEXT_WEEK_AFTERNOONS, at(12, 6, 17, 0), False),
        (NEXT_WEEK_AFTERNOONS, at(12, 7, 13, 0), False),
        (NEXT_WEEK_AFTERNOONS, at(11, 27, 13, 0), False),
        # evening from 17:00
        (EVENINGS, at(11, 25, 17, 0), True),
        (EVENINGS, at(11, 25, 16, 59), False),
        # after is included, before is not
        (TEN_TO_TWO, at(11, 25, 10, 0), True),
        (TEN_TO_TWO, at(11, 25, 9, 59), False),
        (TEN_TO_TWO, at(11, 25, 13, 59), True),
        (TEN_TO_TWO, at(11, 25, 14, 0), False),
        # an aware start in another zone is read in the preference's: 7:00 in New York is
        # noon in London
        (
            NEXT_WEEK_AFTERNOONS,
            dt.datetime(2026, 12, 1, 7, 0, tzinfo=ZoneInfo("America/New_York")),
            True,
        ),
        (TUESDAY_MORNING, dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.timezone.utc), True),
        # a naive start is taken to be in the preference's zone
        (TUESDAY_MORNING, dt.datetime(2026, 12, 1, 9, 30), True),
    ],
)
def test_matches(pref: TimePreference, start: dt.datetime, expected: bool) -> None:
    assert matches(pref, start) is expected


def test_a_parsed_preference_matches_the_slots_it_describes() -> None:
    pref = parse_time_preference("next week after 3pm", NOW)
    assert pref is not None
    assert matches(pref, at(11, 30, 15, 0))
    assert matches(pref, at(12, 6, 16, 30))
    assert not matches(pref, at(11, 30, 14, 30))
    assert not matches(pref, at(11, 27, 15, 30))
    assert not matches(pref, at(12, 7, 15, 30))


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (at(12, 1, 9, 30), "Tuesday 1 December at 9:30am"),
        (at(12, 1, 9, 0), "Tuesday 1 December at 9am"),
        (at(11, 27, 12, 0), "Friday 27 November at 12pm"),
        (at(11, 27, 12, 15), "Friday 27 November at 12:15pm"),
        (at(11, 28, 17, 5), "Saturday 28 November at 5:05pm"),
        (at(12, 13, 0, 0), "Sunday 13 December at 12am"),
        (at(1, 4, 10, 45, year=2027), "Monday 4 January at 10:45am"),
    ],
)
def test_describe_slot(start: dt.datetime, expected: str) -> None:
    assert describe_slot(start) == expected
