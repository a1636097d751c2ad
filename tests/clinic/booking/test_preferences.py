import dataclasses
import datetime as dt
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from clinic.booking.preferences import (
    MAX_OFFER_TITLE,
    PARTS_OF_DAY,
    PartOfDay,
    TimePreference,
    describe_offer,
    describe_slot,
    group_by_day,
    matches,
    offer_titles,
    parse_time_preference,
    search_windows,
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
        # a day ruled out, a greeting, the end of the day
        ("monday doesnt work anymore", soon(weekdays=frozenset({1, 2, 3, 4, 5, 6}))),
        ("cant do monday, tuesday?", soon(weekdays=frozenset({1}))),
        (
            "i said monday doesnt work! wednesday afternoon?",
            soon(weekdays=frozenset({2}), part_of_day="afternoon"),
        ),
        (
            "Good evening, I would like to see Dr Okafor tomorrow",
            TimePreference(at(11, 25), at(11, 26)),
        ),
        ("thursday, late as possible", soon(weekdays=frozenset({3}), after=t(16))),
        ("tuesday, anything late-ish?", soon(weekdays=frozenset({1}), after=t(16))),
        # typed in a hurry
        ("nxt wednesdy arvo", parse_time_preference("next wednesday afternoon", NOW)),
        ("thursdy morning", soon(weekdays=frozenset({3}), part_of_day="morning")),
        ("money is tight, any time", soon()),
        # a time said to be too soon: after it, without it
        ("4 o clock is too soon, I need travel 40 minutes. Later please", soon(after=t(16, 1))),
        ("9 is a bit early, anything around 11?", soon(after=t(11))),
        # with a clock time said, "friday 11" is the 11th (Friday 11 December)
        (
            "the 2:30 on friday 11",
            TimePreference(at(12, 11), at(12, 12), after=t(14, 30), before=t(15, 30)),
        ),
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
        # an example of a time that would do: the hour either side
        (
            "anything later that morning, like 11?",
            soon(part_of_day="morning", after=t(10), before=t(12)),
        ),
        ("maybe 2pm", soon(after=t(13), before=t(15))),
        ("9.30 please", soon(after=t(9, 30), before=t(10, 30))),
        # working hours say when the patient cannot come
        ("I work 9 to 5 so only after 5pm", soon(after=t(17))),
        # Not at 5 itself: there is no getting to the clinic the moment work ends.
        ("I work 9-5", soon(after=t(17, 1))),
        ("2.5 weeks", None),
        ("I would like 2 appointments", None),
        ("12 noon", soon(after=t(12), before=t(13))),
        # a bare hour after a day is that day's clock time, not a date
        ("tue 11", soon(weekdays=frozenset({1}), after=t(11), before=t(12))),
        ("friday 2", soon(weekdays=frozenset({4}), after=t(14), before=t(15))),
        ("at noon", soon(after=t(12), before=t(13))),
        ("after midday", soon(after=t(12))),
        ("before noon", soon(before=t(12))),
        ("after lunch", soon(after=t(13))),
        ("after lunch time", soon(after=t(13))),
        ("before lunch", soon(before=t(12))),
        ("morning or afternoon", soon(before=t(17))),
        ("afternoon or evening", soon(after=t(13))),
        ("morning or evening", soon()),
        ("morning or lunchtime", soon(before=t(14))),
        ("lunchtime or afternoon", soon(after=t(11, 30), before=t(17))),
        # lunchtime
        ("lunchtime", soon(part_of_day="lunchtime")),
        ("lunch time", soon(part_of_day="lunchtime")),
        ("around lunch", soon(part_of_day="lunchtime")),
        ("at lunchtime on Friday", soon(weekdays=frozenset({4}), part_of_day="lunchtime")),
        ("midday", soon(part_of_day="lunchtime")),
        ("noon", soon(part_of_day="lunchtime")),
        ("around noon", soon(part_of_day="lunchtime")),
        ("about midday", soon(part_of_day="lunchtime")),
        (
            "tomorrow lunchtime",
            TimePreference(at(11, 25), at(11, 26), part_of_day="lunchtime"),
        ),
        ("not at lunchtime", soon()),
        # evening
        ("after 5", soon(after=t(17))),
        ("evenings", soon(part_of_day="evening")),
        (
            "weekday mornings before 11",
            soon(weekdays=WORKING_DAYS, part_of_day="morning", before=t(11)),
        ),
        # negation
        ("not Mondays", soon(weekdays=frozenset(range(1, 7)))),
        ("any day except Monday", soon(weekdays=frozenset(range(1, 7)))),
        ("Wednesdays are bad", soon(weekdays=frozenset({0, 1, 3, 4, 5, 6}))),
        ("I'm busy on Monday, Tuesday is fine", soon(weekdays=frozenset({1}))),
        (
            "Wednesdays are best, I have the knitting club Tuesdays and Thursdays",
            soon(weekdays=frozenset({2})),
        ),
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
LUNCHTIMES = TimePreference(earliest=NOW, latest=IN_A_FORTNIGHT, part_of_day="lunchtime")
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
        # morning is 08:00 to noon
        (TUESDAY_MORNING, at(12, 1, 11, 59), True),
        (TUESDAY_MORNING, at(12, 1, 12, 0), False),
        (TUESDAY_MORNING, at(12, 1, 8, 0), True),
        (TUESDAY_MORNING, at(12, 1, 7, 30), False),
        # afternoon is 13:00 to 17:00: a 12:00 or 12:30 start is lunchtime
        (NEXT_WEEK_AFTERNOONS, at(11, 30, 13, 0), True),
        (NEXT_WEEK_AFTERNOONS, at(11, 30, 12, 0), False),
        (NEXT_WEEK_AFTERNOONS, at(11, 30, 12, 30), False),
        (NEXT_WEEK_AFTERNOONS, at(11, 30, 12, 59), False),
        (NEXT_WEEK_AFTERNOONS, at(12, 6, 16, 59), True),
        (NEXT_WEEK_AFTERNOONS, at(12, 6, 17, 0), False),
        (NEXT_WEEK_AFTERNOONS, at(12, 7, 13, 0), False),
        (NEXT_WEEK_AFTERNOONS, at(11, 27, 13, 0), False),
        # lunchtime is 11:30 to 14:00
        (LUNCHTIMES, at(11, 25, 11, 30), True),
        (LUNCHTIMES, at(11, 25, 11, 29), False),
        (LUNCHTIMES, at(11, 25, 12, 0), True),
        (LUNCHTIMES, at(11, 25, 13, 30), True),
        (LUNCHTIMES, at(11, 25, 14, 0), False),
        # evening from 17:00 to midnight
        (EVENINGS, at(11, 25, 17, 0), True),
        (EVENINGS, at(11, 25, 16, 59), False),
        (EVENINGS, at(11, 25, 23, 59), True),
        # after is included, before is not
        (TEN_TO_TWO, at(11, 25, 10, 0), True),
        (TEN_TO_TWO, at(11, 25, 9, 59), False),
        (TEN_TO_TWO, at(11, 25, 13, 59), True),
        (TEN_TO_TWO, at(11, 25, 14, 0), False),
        # an aware start in another zone is read in the preference's: 8:00 in New York is
        # 13:00 in London
        (
            NEXT_WEEK_AFTERNOONS,
            dt.datetime(2026, 12, 1, 8, 0, tzinfo=ZoneInfo("America/New_York")),
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


# --- search windows ------------------------------------------------------------------------


def day(month: int, date: int, first: tuple[int, int], last: tuple[int, int] | None):
    """The window on one day from `first` to `last` (None: to midnight), as (hour, minute)."""
    start = at(month, date, *first)
    end = at(month, date, *last) if last else at(month, date) + dt.timedelta(days=1)
    return (start, end)


@pytest.mark.parametrize(
    ("pref", "expected"),
    [
        # today from now, then each Tuesday; the fortnight ends at 10:00 on the last one
        (
            TUESDAY_MORNING,
            [
                day(11, 24, (10, 0), (12, 0)),
                day(12, 1, (8, 0), (12, 0)),
                day(12, 8, (8, 0), (10, 0)),
            ],
        ),
        (
            NEXT_WEEK_AFTERNOONS,
            [day(11, 30, (13, 0), (17, 0))] + [day(12, n, (13, 0), (17, 0)) for n in range(1, 7)],
        ),
        (
            soon(part_of_day="lunchtime", weekdays=frozenset({3})),
            [day(11, 26, (11, 30), (14, 0)), day(12, 3, (11, 30), (14, 0))],
        ),
        (
            soon(part_of_day="evening", weekdays=frozenset({4})),
            [day(11, 27, (17, 0), None), day(12, 4, (17, 0), None)],
        ),
        # clock bounds narrow the part of the day
        (
            soon(weekdays=frozenset({0}), part_of_day="morning", before=t(11)),
            [day(11, 30, (8, 0), (11, 0)), day(12, 7, (8, 0), (11, 0))],
        ),
        (
            soon(weekdays=frozenset({0}), after=t(10), before=t(14)),
            [day(11, 30, (10, 0), (14, 0)), day(12, 7, (10, 0), (14, 0))],
        ),
        (
            soon(weekdays=frozenset({0}), part_of_day="afternoon", after=t(15, 30)),
            [day(11, 30, (15, 30), (17, 0)), day(12, 7, (15, 30), (17, 0))],
        ),
        # bounds that leave nothing
        (soon(part_of_day="morning", after=t(12)), []),
        (soon(after=t(15), before=t(15)), []),
        # a single day
        (TimePreference(at(12, 3), at(12, 4)), [day(12, 3, (0, 0), None)]),
        # nothing left today: the window starts tomorrow
        (
            TimePreference(at(11, 24, 13, 0), at(11, 26), part_of_day="morning"),
            [day(11, 25, (8, 0), (12, 0))],
        ),
    ],
)
def test_search_windows(pref: TimePreference, expected: list[tuple[dt.datetime, dt.datetime]]):
    assert search_windows(pref) == expected


def test_search_windows_come_from_parsed_answers() -> None:
    pref = parse_time_preference("next Tuesday morning", NOW)
    assert pref is not None
    assert search_windows(pref) == [day(12, 1, (8, 0), (12, 0)), day(12, 8, (8, 0), (12, 0))]
    pref = parse_time_preference("Friday lunchtime", NOW)
    assert pref is not None
    assert search_windows(pref) == [day(11, 27, (11, 30), (14, 0)), day(12, 4, (11, 30), (14, 0))]


def test_search_windows_are_capped_at_max_days() -> None:
    every_day = search_windows(soon())
    assert len(every_day) == 14  # the fortnight touches 15 days
    assert every_day[0] == (NOW, at(11, 25))
    assert every_day[-1] == day(12, 7, (0, 0), None)
    assert search_windows(soon(), max_days=3) == every_day[:3]
    assert len(search_windows(soon(), max_days=20)) == 15
    with pytest.raises(ValueError, match="max_days must be at least 1"):
        search_windows(soon(), max_days=0)


def test_search_windows_keep_local_hours_across_a_clock_change() -> None:
    # Wednesday 25 March 2026; British Summer Time starts on Sunday 29 March.
    now = dt.datetime(2026, 3, 25, 10, 0, tzinfo=LONDON)
    pref = parse_time_preference("Friday or Monday morning", now)
    assert pref is not None
    windows = search_windows(pref)
    assert [(start.isoformat(), end.isoformat()) for start, end in windows[:2]] == [
        ("2026-03-27T08:00:00+00:00", "2026-03-27T12:00:00+00:00"),
        ("2026-03-30T08:00:00+01:00", "2026-03-30T12:00:00+01:00"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Tuesday morning",
        "next week after 3pm",
        "weekday afternoons",
        "lunchtime",
        "evenings",
        "asap",
        "tomorrow between 10 and 2",
        "Friday morning or afternoon",
        "not Mondays, not before 10",
        "this weekend",
    ],
)
def test_a_slot_is_in_a_search_window_exactly_when_it_matches(text: str) -> None:
    pref = parse_time_preference(text, NOW)
    assert pref is not None
    windows = search_windows(pref, max_days=100)
    start = NOW.replace(hour=0, minute=0) - dt.timedelta(days=1)
    while start < pref.latest + dt.timedelta(days=1):
        in_window = any(first <= start < last for first, last in windows)
        assert in_window is matches(pref, start), start
        start += dt.timedelta(minutes=15)


def test_parts_of_day_are_as_documented() -> None:
    documented = {
        "morning": (t(8), t(12)),
        "lunchtime": (t(11, 30), t(14)),
        "afternoon": (t(13), t(17)),
        "evening": (t(17), None),
    }
    assert documented == PARTS_OF_DAY


# --- offers ---------------------------------------------------------------------------------


OKAFOR = "Tue 8 Dec, 9:30am - Dr Okafor (consultant)"


@pytest.mark.parametrize(
    ("start", "clinician", "role", "expected"),
    [
        (at(12, 8, 9, 30), "Dr Ngozi Okafor", "consultant", OKAFOR),
        (at(12, 8, 9, 30), "Dr  Ngozi   Okafor", " consultant ", OKAFOR),
        (
            at(12, 9, 14),
            "Dr Erik Lindqvist",
            "sports doctor",
            "Wed 9 Dec, 2pm - Dr Lindqvist (sports doctor)",
        ),
        (at(12, 10, 12), "Rhian Hughes", "physio", "Thu 10 Dec, 12pm - Rhian Hughes (physio)"),
        (at(9, 3, 17, 5, year=2027), "Dr. Amara Okafor", "", "Fri 3 Sep, 5:05pm - Dr. Okafor"),
        (at(12, 8, 9, 30), "", "physio", "Tue 8 Dec, 9:30am - physio"),
        (at(12, 8, 9, 30), "", "", "Tue 8 Dec, 9:30am"),
        # too long for a button: the role's last word, then no role
        (
            at(12, 30, 12, 30),
            "Dr Erik Lindqvist",
            "sports and exercise medicine doctor",
            "Wed 30 Dec, 12:30pm - Dr Lindqvist (doctor)",
        ),
        (
            at(12, 30, 12, 30),
            "Dr Erik Lindqvist-Featherstonehaugh",
            "rheumatologist",
            "Wed 30 Dec, 12:30pm - Dr Lindqvist-Featherstonehaugh",
        ),
    ],
)
def test_describe_offer(start: dt.datetime, clinician: str, role: str, expected: str) -> None:
    assert describe_offer(start, clinician, role) == expected
    assert len(expected) <= MAX_OFFER_TITLE


def test_describe_offer_never_exceeds_the_button_limit() -> None:
    name = "Rhiannon Angharad Llewellyn-Featherstonehaugh-Montgomery-Smythe"
    title = describe_offer(at(12, 30, 12, 30), name, "advanced practice physiotherapist")
    assert len(title) == MAX_OFFER_TITLE
    assert title.startswith("Wed 30 Dec, 12:30pm - Rhiannon Angharad") and title.endswith("\u2026")
    full = describe_offer(at(12, 8, 9, 30), "Dr Ngozi Okafor", "consultant", full_name=True)
    assert full == "Tue 8 Dec, 9:30am - Dr Ngozi Okafor (consultant)"


def test_offer_titles_are_all_different() -> None:
    nine = at(12, 8, 9)
    offers = [
        (nine, "Dr Ann Smith", "consultant"),
        (nine, "Dr Bob Smith", "consultant"),
        (nine, "Dr Ngozi Okafor", "consultant"),
        (nine, "Rhian Hughes", "physio"),
        (nine, "Rhian Hughes", "physio"),  # the same person twice at once: numbered
        (at(12, 8, 9, 30), "Dr Ann Smith", "consultant"),
    ]
    assert offer_titles(offers) == [
        "Tue 8 Dec, 9am - Dr Ann Smith (consultant)",
        "Tue 8 Dec, 9am - Dr Bob Smith (consultant)",
        "Tue 8 Dec, 9am - Dr Okafor (consultant)",
        "Tue 8 Dec, 9am - Rhian Hughes (physio) #1",
        "Tue 8 Dec, 9am - Rhian Hughes (physio) #2",
        "Tue 8 Dec, 9:30am - Dr Smith (consultant)",
    ]
    assert offer_titles([]) == []
    long_name = "Rhiannon Angharad Llewellyn-Featherstonehaugh-Montgomery-Smythe"
    numbered = offer_titles([(nine, long_name, "physio")] * 2)
    assert len(set(numbered)) == 2 and all(len(title) <= MAX_OFFER_TITLE for title in numbered)


def test_group_by_day() -> None:
    class Offer:
        def __init__(self, start: dt.datetime) -> None:
            self.start = start

    late = Offer(dt.datetime(2026, 12, 8, 23, 30, tzinfo=dt.timezone.utc))  # 9 Dec in Athens
    first = Offer(at(12, 8, 9))
    second = Offer(at(12, 8, 14))
    later = Offer(at(12, 10, 9))
    assert group_by_day([later, second, late, first]) == [
        (dt.date(2026, 12, 8), [first, second, late]),
        (dt.date(2026, 12, 10), [later]),
    ]
    athens = ZoneInfo("Europe/Athens")
    assert group_by_day([later, second, late, first], athens) == [
        (dt.date(2026, 12, 8), [first, second]),
        (dt.date(2026, 12, 9), [late]),
        (dt.date(2026, 12, 10), [later]),
    ]
    assert group_by_day([]) == []


def test_a_word_after_a_clock_is_not_an_ordinal() -> None:
    # "5 then" is 5 o'clock, not "the 5th".
    now = dt.datetime(2026, 12, 3, 8, 0, tzinfo=ZoneInfo("Europe/London"))
    pref = parse_time_preference("next thursday after 5 then", now)
    assert pref is not None and pref.after == dt.time(17, 0)
    assert pref.weekdays == frozenset({3})


# --- alternatives ---------------------------------------------------------------------------


def either(*alternatives: TimePreference) -> TimePreference:
    """A preference whose starts may match any of `alternatives`."""
    return TimePreference(
        min(alt.earliest for alt in alternatives),
        max(alt.latest for alt in alternatives),
        alternatives=alternatives,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("after 5pm or on a Saturday", either(soon(after=t(17)), soon(weekdays=frozenset({5})))),
        (
            "any weekday evening or saturday morning",
            either(
                soon(weekdays=WORKING_DAYS, part_of_day="evening"),
                soon(weekdays=frozenset({5}), part_of_day="morning"),
            ),
        ),
        ("before 10 or after 4", either(soon(before=t(10)), soon(after=t(16)))),
        (
            "mornings or Friday afternoon",
            either(
                soon(part_of_day="morning"), soon(weekdays=frozenset({4}), part_of_day="afternoon")
            ),
        ),
        # a time said once after the days is every day's
        ("tuesday or thursday morning", soon(weekdays=frozenset({1, 3}), part_of_day="morning")),
        (
            "Monday or Tuesday after 3, or Friday morning",
            either(
                soon(weekdays=frozenset({0}), after=t(15)),
                soon(weekdays=frozenset({1}), after=t(15)),
                soon(weekdays=frozenset({4}), part_of_day="morning"),
            ),
        ),
        # a day said once before the times is every time's
        (
            "Friday before 10 or after 4pm",
            either(
                soon(weekdays=frozenset({4}), before=t(10)),
                soon(weekdays=frozenset({4}), after=t(16)),
            ),
        ),
        (
            "tomorrow morning or Thursday after 5",
            either(
                TimePreference(at(11, 25), at(11, 26), part_of_day="morning"),
                soon(weekdays=frozenset({3}), after=t(17)),
            ),
        ),
        (
            "Friday 3pm or Saturday 10am",
            either(
                soon(weekdays=frozenset({4}), after=t(15), before=t(16)),
                soon(weekdays=frozenset({5}), after=t(10), before=t(11)),
            ),
        ),
        (
            "Monday 9am or 11am",
            either(
                soon(weekdays=frozenset({0}), after=t(9), before=t(10)),
                soon(weekdays=frozenset({0}), after=t(11), before=t(12)),
            ),
        ),
        ("after 2pm on Tuesday or Wednesday", soon(weekdays=frozenset({1, 2}), after=t(14))),
        (
            "either Tuesday or Thursday morning",
            soon(weekdays=frozenset({1, 3}), part_of_day="morning"),
        ),
        # "any time" is said, so nothing is shared into it
        (
            "weekdays after 6 or weekends any time",
            either(soon(weekdays=WORKING_DAYS, after=t(18)), soon(weekdays=frozenset({5, 6}))),
        ),
        # a negation reaches over the "or": one preference, as before
        ("not Monday or Tuesday", soon(weekdays=frozenset({2, 3, 4, 5, 6}))),
        ("Monday or Tuesday are no good", soon(weekdays=frozenset({2, 3, 4, 5, 6}))),
        # a part of the day taken by something else, then the one that suits
        ("mornings are school run, afternoon better", soon(part_of_day="afternoon")),
        ("fridays are busy, monday?", soon(weekdays=frozenset({0}))),
        ("thurs eve appt pls", soon(weekdays=frozenset({3}), part_of_day="evening")),
        (
            "saturday morning instead? weekdays r hard",
            soon(weekdays=frozenset({5}), part_of_day="morning"),
        ),
        (
            "sorry no, monday not good. wednesday better, also morning",
            soon(weekdays=frozenset({2}), part_of_day="morning"),
        ),
        (
            "actually make it monday afternoon, forgot i have school run in morning",
            soon(weekdays=frozenset({0}), part_of_day="afternoon"),
        ),
        # dates only: one preference, as before
        ("the 3rd or 4th", TimePreference(at(12, 3), at(12, 5), weekdays=frozenset({3, 4}))),
        # spans that leave nothing together are alternatives
        (
            "december or january",
            either(
                TimePreference(at(12, 1), at(1, 1, year=2027)),
                TimePreference(at(1, 1, year=2027), at(2, 1, year=2027)),
            ),
        ),
        (
            "in 2 or 3 weeks",
            either(TimePreference(at(12, 8), at(12, 15)), TimePreference(at(12, 15), at(12, 22))),
        ),
        (
            "in two or three days",  # two days: one preference, like "the 3rd or 4th"
            TimePreference(at(11, 26), at(11, 28), weekdays=frozenset({3, 4})),
        ),
        # an "or" beside words that say nothing alone: one reading of the whole
        ("this or next week", TimePreference(at(11, 30), at(12, 7))),
        # an alternative in the past is dropped
        ("3 December 2020 or Friday", soon(weekdays=frozenset({4}))),
    ],
)
def test_alternatives_are_each_kept(text: str, expected: TimePreference | None) -> None:
    assert parse_time_preference(text, NOW) == expected


def test_a_start_matches_when_any_alternative_does() -> None:
    pref = parse_time_preference("after 5pm or on a Saturday", NOW)
    assert pref is not None
    assert matches(pref, at(11, 25, 17, 30))  # a Wednesday evening
    assert matches(pref, at(11, 28, 9, 0))  # a Saturday morning
    assert not matches(pref, at(11, 25, 9, 0))  # a Wednesday morning
    assert not matches(pref, at(12, 12, 9, 0))  # a Saturday after the fortnight


def test_every_alternative_is_searched_day_by_day() -> None:
    pref = parse_time_preference("any weekday evening or saturday morning", NOW)
    assert pref is not None
    assert search_windows(pref) == [
        day(11, 24, (17, 0), None),
        day(11, 25, (17, 0), None),
        day(11, 26, (17, 0), None),
        day(11, 27, (17, 0), None),
        day(11, 28, (8, 0), (12, 0)),
        *[day(11, 30, (17, 0), None)],
        *[day(12, n, (17, 0), None) for n in range(1, 5)],
        day(12, 5, (8, 0), (12, 0)),
        day(12, 7, (17, 0), None),
    ]
    # overlapping alternatives are one window; a later earliest cuts every alternative
    pref = parse_time_preference("after 5pm or on a Saturday", NOW)
    assert pref is not None
    assert day(11, 28, (0, 0), None) in search_windows(pref)
    assert day(11, 28, (17, 0), None) not in search_windows(pref)
    later = dataclasses.replace(pref, earliest=at(11, 28, 12))
    assert search_windows(later)[:2] == [day(11, 28, (12, 0), None), day(11, 29, (17, 0), None)]
    assert not matches(later, at(11, 28, 9))


@pytest.mark.parametrize(
    "text",
    [
        "after 5pm or on a Saturday",
        "any weekday evening or saturday morning",
        "before 10 or after 4",
        "tomorrow morning or Thursday after 5",
    ],
)
def test_a_slot_is_in_a_window_of_the_alternatives_exactly_when_it_matches(text: str) -> None:
    test_a_slot_is_in_a_search_window_exactly_when_it_matches(text)


# --- read by dateparser, with the clinic's words put its way --------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # spoken clock times
        ("half past 2", soon(after=t(14, 30), before=t(15, 30))),
        ("at quarter to 4", soon(after=t(15, 45), before=t(16, 45))),
        ("quarter past nine", soon(after=t(9, 15), before=t(10, 15))),
        ("half 10 on Friday", soon(weekdays=frozenset({4}), after=t(10, 30), before=t(11, 30))),
        ("half an hour", None),
        # one am/pm for two hours, each an alternative
        (
            "Friday at 2 or 3pm",
            either(
                soon(weekdays=frozenset({4}), after=t(14), before=t(15)),
                soon(weekdays=frozenset({4}), after=t(15), before=t(16)),
            ),
        ),
        # counts in words are exact; only vague ones run on from then
        ("in three days", TimePreference(at(11, 27), at(11, 28))),
        ("in a few days", TimePreference(at(11, 27), at(12, 11))),
        ("in a fortnight", TimePreference(at(12, 8), at(12, 15))),
        ("in two fortnights", TimePreference(at(12, 22), at(12, 29))),
        ("within a couple of weeks", TimePreference(NOW, at(12, 8, 10))),
        # typed shorthand
        ("tmrw after 2pm", TimePreference(at(11, 25), at(11, 26), after=t(14))),
        ("the day after tomorrow", TimePreference(at(11, 26), at(11, 27))),
        # a month is this year's while it lasts, else the next
        ("in November", TimePreference(NOW, at(12, 1))),
        ("in October", TimePreference(at(10, 1, year=2027), at(11, 1, year=2027))),
        ("from January", TimePreference(at(1, 1, year=2027), at(1, 15, year=2027))),
        # a clock time dateparser cannot read is no time
        ("at 9:75", None),
    ],
)
def test_dates_and_clock_times_read_by_dateparser(
    text: str, expected: TimePreference | None
) -> None:
    assert parse_time_preference(text, NOW) == expected


def test_dateparser_is_loaded_only_for_an_answer_with_a_date_or_a_clock_time() -> None:
    """Not when the module is imported, and not for the clinic's words alone."""
    code = """
import datetime as dt, sys
from zoneinfo import ZoneInfo
import clinic.booking.preferences as preferences
assert "dateparser" not in sys.modules, "loaded with the module"
now = dt.datetime(2026, 11, 24, 10, tzinfo=ZoneInfo("Europe/London"))
for text in ("Tuesday morning", "asap", "next week", "weekday evenings or saturday morning"):
    assert preferences.parse_time_preference(text, now) is not None, text
assert "dateparser" not in sys.modules, "loaded for words alone"
assert preferences.parse_time_preference("Friday after 3pm", now) is not None
assert "dateparser" in sys.modules, "a clock time is read without dateparser"
"""
    root = Path(__file__).resolve().parents[3]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root, timeout=60)


# NOW is Tuesday 24 November 2026.
@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("wednesday 16 morning", dt.date(2026, 12, 16)),
        ("thursday the 26 afternoon", dt.date(2026, 11, 26)),
        ("wed 9 morning", dt.date(2026, 12, 9)),
    ],
)
def test_a_weekday_then_a_day_of_the_month_is_that_date(text: str, day: dt.date) -> None:
    pref = parse_time_preference(text, NOW)
    assert pref is not None
    assert (pref.earliest.date(), pref.latest.date()) == (day, day + dt.timedelta(days=1))


def test_a_weekday_then_an_hour_is_still_a_clock_time() -> None:
    pref = parse_time_preference("tue 11", NOW)
    assert pref is not None and pref.after == dt.time(11) and pref.weekdays == {1}


def test_around_a_time_after_one_too_early_starts_at_that_time() -> None:
    text = "9 is a bit early for him, anything around 11 or after lunch?"
    pref = parse_time_preference(text, NOW)
    assert pref is not None
    assert sorted(alt.after for alt in pref.alternatives if alt.after) == [dt.time(11), dt.time(13)]
    assert parse_time_preference("9am is too early, around 11", NOW).after == dt.time(11)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text", ["ugh. when DO you have something free?", "what's free?", "is anyone available"]
)
def test_asking_what_is_free_is_any_time(text: str) -> None:
    pref = parse_time_preference(text, NOW)
    assert pref is not None and pref.weekdays is None and pref.after is None


NEXT_WEEK = (at(11, 30), at(12, 7))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a part of the day said after the days is theirs, even with "next week" after it
        (
            "tuesday or wednesday afternoon next week",
            TimePreference(*NEXT_WEEK, weekdays=frozenset({1, 2}), part_of_day="afternoon"),
        ),
        # "early" and "late" halve a part of the day
        ("late afternoon", soon(part_of_day="afternoon", after=t(15))),
        ("late in the afternoon", soon(part_of_day="afternoon", after=t(15))),
        ("early morning", soon(part_of_day="morning", before=t(10))),
        ("early evening", soon(part_of_day="evening", before=t(19))),
        ("not early mornings", soon(after=t(10))),
        ("can't do late afternoons", soon(before=t(15))),
        # a "no" that answers the question does not negate the day after it
        ("no i said tuesday not monday", soon(weekdays=frozenset({1}))),
        ("no it's friday i want", soon(weekdays=frozenset({4}))),
        ("no i can't do tuesday", soon(weekdays=frozenset({0, 2, 3, 4, 5, 6}))),
        ("no mornings", soon(after=t(12))),
    ],
)
def test_parts_of_day_said_with_days_early_and_late_and_a_leading_no(
    text: str, expected: TimePreference
) -> None:
    assert parse_time_preference(text, NOW) == expected


@pytest.mark.parametrize(
    ("text", "hours"),
    [
        ("6 or 6.30", [(18, 0), (18, 30)]),
        ("10 or 11", [(10, 0), (11, 0)]),
        ("9 or 9:30", [(9, 0), (9, 30)]),
    ],
)
def test_two_bare_clock_times_are_two_alternatives(text: str, hours: list[tuple[int, int]]) -> None:
    preference = parse_time_preference(text, NOW)
    assert preference is not None
    assert [alt.after for alt in preference.alternatives] == [dt.time(*hm) for hm in hours]


def test_two_numbers_of_weeks_are_not_clock_times() -> None:
    preference = parse_time_preference("in 2 or 3 weeks", NOW)
    assert preference is not None
    assert all(alt.after is None for alt in preference.alternatives)


@pytest.mark.parametrize(
    ("text", "after", "before"),
    [
        ("thursday evening? i work till 5", dt.time(17, 1), None),
        ("tomorrow, I finish at 3", dt.time(15, 1), None),
        ("Yes please. But I work until 5, I can come only after 5 o'clock.", dt.time(17, 1), None),
        ("monday, not too early, i take the bus", dt.time(10), None),
        ("not too late please", None, dt.time(16)),
        ("next tuesday morning but not b4 11 pls", dt.time(11), None),
    ],
)
def test_working_hours_and_not_too_early_bound_the_clock(
    text: str, after: dt.time | None, before: dt.time | None
) -> None:
    preference = parse_time_preference(text, NOW)
    assert preference is not None
    assert (preference.after, preference.before) == (after, before)


def test_pm_is_the_afternoon_not_the_slot_at_noon() -> None:
    pref = parse_time_preference("weds pm", NOW)
    assert pref is not None
    assert not matches(pref, at(11, 25, 12, 0))
    assert matches(pref, at(11, 25, 13, 30))


@pytest.mark.parametrize(
    ("text", "after", "weekdays"),
    [
        ("yes. when is soon? i work monday to friday till 5", dt.time(17, 1), None),
        ("no i cant morning, i work. after 5 pm please", dt.time(17, 0), None),
        ("i work mondays and wednesdays so thursday?", None, frozenset({3})),
    ],
)
def test_when_the_patient_works_is_when_they_cannot_come(
    text: str, after: dt.time | None, weekdays: frozenset[int] | None
) -> None:
    pref = parse_time_preference(text, NOW)
    assert pref is not None
    assert pref.after == after
    assert pref.weekdays == weekdays
    assert pref.part_of_day is None


def test_the_day_it_is_said_in_passing_is_not_asked_for() -> None:
    pref = parse_time_preference("oh its sunday lol. earliest possible then", NOW)
    assert pref is not None and pref.weekdays is None


def test_dont_without_its_apostrophe_still_rules_a_time_out() -> None:
    pref = parse_time_preference("mornings dont work anymore with my new job", NOW)
    assert pref is not None and pref.part_of_day is None and pref.after == dt.time(12, 0)


@pytest.mark.parametrize(
    "text",
    [
        "mornings only, she doesn't like going out after lunch",
        "he doesnt do afternoons, mornings please",
    ],
)
def test_what_someone_else_does_not_like_is_left_out(text: str) -> None:
    preference = parse_time_preference(text, NOW)
    assert preference is not None
    assert preference.part_of_day == "morning" and preference.after is None


@pytest.mark.parametrize(
    ("text", "weekdays"),
    [
        ("oh wait, he's got his eye appointment tuesday. make it the wednesday instead", {2}),
        ("I have a dentist appointment on monday, so tuesday", {1}),
        ("she's got work on friday so thursday", {3}),
    ],
)
def test_a_day_taken_by_another_appointment_is_not_the_day_wanted(
    text: str, weekdays: set[int]
) -> None:
    preference = parse_time_preference(text, NOW)
    assert preference is not None and preference.weekdays == frozenset(weekdays)


SUNDAY = dt.datetime(2026, 12, 6, 10, 0, tzinfo=LONDON)


def test_this_week_said_at_the_weekend_is_the_coming_week() -> None:
    coming = parse_time_preference("this week", SUNDAY)
    assert coming == TimePreference(at(12, 7), at(12, 14))
    # ... and "this week or next", both weeks, with the day and part of day asked for.
    both = parse_time_preference("a friday afternoon ideally, this week or next", SUNDAY)
    assert both == TimePreference(
        at(12, 7), at(12, 21), weekdays=frozenset({4}), part_of_day="afternoon"
    )


@pytest.mark.parametrize(
    ("text", "not_wanted"),
    [
        ("thursday is her GP day. could we do friday morning instead, same doctor?", 3),
        ("Monday is too soon, I can't get him there. Tuesday afternoon?", 0),
        ("monday is too fast for me. maybe thursday better", 0),
        ("ah wait, tuesday I have the school run. same time on the wednesday instead?", 1),
        ("monday ive got work, tuesday?", 0),
        ("But I can't come on a Monday, my daughter drives me and she works Mondays.", 0),
        ("I'm at work on Tuesdays", 1),
    ],
)
def test_a_day_said_to_be_taken_or_too_soon_is_ruled_out(text: str, not_wanted: int) -> None:
    pref = parse_time_preference(text, SUNDAY)
    assert pref is not None and pref.weekdays is not None
    assert not_wanted not in pref.weekdays


@pytest.mark.parametrize(
    "text",
    [
        "oh hang on, the 11th is the school nativity. can i have the 18th at 11 instead",
        "the 11th is my mums birthday so the 18th please",
    ],
)
def test_a_date_said_to_be_taken_is_not_searched(text: str) -> None:
    pref = parse_time_preference(text, SUNDAY)
    assert pref is not None and pref.earliest.day == 18 and pref.latest.day == 19


def test_a_date_taken_by_an_event_is_not_searched_beside_the_date_asked_instead() -> None:
    text = "wait no, 17th is my work xmas do. could i do monday 14th instead, after 4?"
    pref = parse_time_preference(text, SUNDAY)
    assert pref is not None and (pref.earliest.day, pref.latest.day) == (14, 15)
    assert pref.after == dt.time(16, 0)


def test_a_weekday_in_the_next_week_said_on_that_weekday_is_next_weeks() -> None:
    monday = dt.datetime(2026, 12, 7, 10, 0, tzinfo=LONDON)
    pref = parse_time_preference("Monday in the next week", monday)
    assert pref is not None and pref.weekdays == frozenset({0}) and pref.earliest.day == 14
    # "Within the next week" may be any of the coming days.
    within = parse_time_preference("a tuesday within the next week", monday)
    assert within is not None and within.earliest.day == 7


@pytest.mark.parametrize(
    "text",
    [
        "ok. I'd like to book then, but I work nights so it has to be a Friday, any time",
        "No, those are Thursdays. I need a FRIDAY, daytime is fine, I just meant I work nights",
    ],
)
def test_working_nights_is_when_not_to_come_and_the_days_offered_are_not_wished_for(
    text: str,
) -> None:
    pref = parse_time_preference(text, SUNDAY)
    assert pref is not None and pref.weekdays == frozenset({4})
    assert pref.part_of_day != "evening"


def test_a_date_said_to_suit_is_still_wanted() -> None:
    pref = parse_time_preference("the 18th is the best for me, at 11", SUNDAY)
    assert pref is not None and pref.earliest.day == 18


def test_when_it_hurts_is_no_time_to_come() -> None:
    assert parse_time_preference("My hip aches at night. Can your clinic see me?", SUNDAY) is None
    pref = parse_time_preference("my back is worse in the mornings, tuesday afternoon?", SUNDAY)
    assert pref is not None and pref.part_of_day == "afternoon"


def test_a_day_off_is_a_day_that_suits() -> None:
    pref = parse_time_preference("monday is my day off, can I come then?", SUNDAY)
    assert pref is not None and pref.weekdays == frozenset({0})


def test_a_time_told_as_a_reason_does_not_empty_the_time_asked() -> None:
    text = "preferably dr lindqvist. mornings only, school run is 8.30 so from 9.30"
    pref = parse_time_preference(text, SUNDAY)
    assert pref is not None
    assert pref.part_of_day == "morning" and pref.after == dt.time(9, 30) and pref.before is None


def test_a_part_of_day_that_came_up_is_why_not_when() -> None:
    pref = parse_time_preference(
        "actually can we do the afternoon instead, something came up in the morning", SUNDAY
    )
    assert pref is not None and pref.part_of_day == "afternoon"


def test_a_day_scrapped_is_ruled_out() -> None:
    pref = parse_time_preference("scrap monday, friday after lunch would work better", SUNDAY)
    assert pref is not None and pref.weekdays == frozenset({4})


def test_the_same_weekdays_in_any_week_keep_the_time_of_day() -> None:
    import datetime as dt
    from zoneinfo import ZoneInfo

    from clinic.booking.preferences import on_the_same_weekdays, parse_time_preference

    now = dt.datetime(2026, 12, 6, 12, 0, tzinfo=ZoneInfo("Europe/London"))
    asked = parse_time_preference("thursday next week, anything after 4?", now)
    assert asked is not None
    wider = on_the_same_weekdays(asked, now)
    assert wider is not None
    assert wider.weekdays == frozenset({3})
    assert wider.after == dt.time(16, 0)
    assert wider.latest > asked.latest
    anyday = parse_time_preference("after 4", now)
    assert anyday is not None and on_the_same_weekdays(anyday, now) is None


@pytest.mark.parametrize(
    ("text", "weekdays", "part", "after", "before"),
    [
        # A part of the day typed in a hurry.
        ("hey can u book me in 4 my back pls. fri aftrnoon?", {4}, "afternoon", None, None),
        # "From then", not "around then"; the clock time says when work ends.
        ("after work so like 5:30 onwards", None, None, dt.time(17, 30), None),
        ("6pm or after, please", None, None, dt.time(18), None),
        # A "no" to the times offered does not rule out the day said after it.
        ("no, thursday at 2", {3}, None, dt.time(14), dt.time(15)),
        ("nah, not tuesday", {0, 2, 3, 4, 5, 6}, None, None, None),
        # A "no" that opens a new request asks for the day; "no can do" still rules it out.
        (
            "no can we do wednesday afternoon instead, forgot i have the dentist",
            {2},
            "afternoon",
            None,
            None,
        ),
        ("no how about friday", {4}, None, None, None),
        ("no can do wednesday", {0, 1, 3, 4, 5, 6}, None, None, None),
        ("no wednesday is bad", {0, 1, 3, 4, 5, 6}, None, None, None),
        ("no. make it 10 instead", None, None, dt.time(10), dt.time(11)),
        # caring for someone on a day rules it out
        (
            "any afternoon next week except wednesday, I look after my mum on wednesdays",
            {0, 1, 3, 4, 5, 6},
            "afternoon",
            None,
            None,
        ),
        # "Today? ... that is rather short notice": not today; next week's days.
        (
            "Today? Goodness, that is rather short notice. Has he anything on Monday or "
            "Tuesday afternoon of next week?",
            {0, 1},
            "afternoon",
            None,
            None,
        ),
        ("no - could we do the afternoon that day instead", None, "afternoon", None, None),
        # the day of the time chosen, put before the answer
        ("8 dec no - could we do the afternoon that day instead", None, "afternoon", None, None),
    ],
)
def test_hurried_words_for_the_time_are_read(
    text: str,
    weekdays: set[int] | None,
    part: str | None,
    after: dt.time | None,
    before: dt.time | None,
) -> None:
    pref = parse_time_preference(text, NOW)
    assert pref is not None
    assert (set(pref.weekdays) if pref.weekdays else None) == weekdays
    assert (pref.part_of_day, pref.after, pref.before) == (part, after, before)


def test_a_no_to_the_times_offered_then_two_times_on_a_day_keeps_the_day() -> None:
    pref = parse_time_preference("no like 2 or 3pm on thurs, w the physio again", NOW)
    assert pref is not None
    # "Like 2" is around 2.
    assert [alt.weekdays for alt in pref.alternatives] == [frozenset({3}), frozenset({3})]
    assert all(
        alt.after is not None and alt.before is not None and alt.after <= hour < alt.before
        for alt, hour in zip(pref.alternatives, (dt.time(14), dt.time(15)), strict=True)
    )


def test_today_said_to_be_short_notice_is_ruled_out() -> None:
    said = "today is rather short notice. the following monday afternoon"
    pref = parse_time_preference(said, NOW)
    assert pref is not None
    assert pref.earliest.date() > NOW.date()
    assert pref.weekdays == frozenset({0}) and pref.part_of_day == "afternoon"


def test_either_of_two_contacts_is_no_time() -> None:
    said = "its Bronwen and my number is 07700 900 154 or email b.t@example.com either is fine"
    assert parse_time_preference(said, NOW) is None
    assert parse_time_preference("either day is fine", NOW) is not None


@pytest.mark.parametrize(
    ("text", "weekdays"),
    [
        # why the weekend is asked for, not weekdays wanted too
        ("ok yeah go on then book me in, can it be a saturday? i work weekdays", {5}),
        # without a weekend day, working weekdays still allows them (after 5)
        ("i work weekdays, after 5 please", {0, 1, 2, 3, 4}),
    ],
)
def test_working_weekdays_said_beside_a_weekend_day_asks_for_the_weekend(
    text: str, weekdays: set[int]
) -> None:
    pref = parse_time_preference(text, SUNDAY)
    assert pref is not None and pref.weekdays == frozenset(weekdays)


def test_an_option_picked_by_number_is_no_date() -> None:
    pref = parse_time_preference("monday, 1st one", SUNDAY)
    assert pref is not None and pref.weekdays == frozenset({0})
    assert (pref.latest - pref.earliest).days <= 14


def test_the_middle_of_the_day_is_lunchtime() -> None:
    preference = parse_time_preference("monday or tuesday next week, middle of the day", NOW)
    assert preference is not None and preference.part_of_day == "lunchtime"


def test_a_pain_score_in_words_is_no_time() -> None:
    said = "Well the pain itself is about six-ish, some days worse. Would you recommend I book in?"
    assert parse_time_preference(said, SUNDAY) is None
    pref = parse_time_preference("it hurts like a 7, thursday please", SUNDAY)
    assert pref is not None and pref.weekdays == frozenset({3}) and pref.after is None
