"""Reading a choice among offered times: which one, which day, which clinician."""

import pytest

from clinic.booking.choices import (
    bare_hour_as_clock,
    by_clock_time,
    named_clinicians,
    pick_index,
    role_fits,
    wanted_role,
    with_earlier_day,
)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("can I see the physio", "physio"),
        ("physiotherapy please", "physio"),
        ("a doctor please", "doctor"),
        ("the consultant", "doctor"),
        ("dr okafor", "doctor"),
        ("monday morning", None),
    ],
)
def test_the_kind_of_clinician_is_read_from_the_answer(text: str, role: str | None) -> None:
    assert wanted_role(text) == role


def test_the_day_kept_is_the_offers_date_or_else_the_weekday_asked() -> None:
    titles = ["Mon 14 Dec, 9am - Dr Okafor (consultant)", "Mon 14 Dec, 2pm - Dr Lindqvist (doctor)"]
    assert with_earlier_day("3pm", "monday afternoon", titles) == "14 dec 3pm"
    mixed = [titles[0], "Tue 15 Dec, 9am - Dr Okafor (consultant)"]
    assert with_earlier_day("3pm", "next week", mixed) == "next week 3pm"
    assert with_earlier_day("3pm", "monday afternoon", mixed) == "monday 3pm"
    assert with_earlier_day("friday 3pm", "monday afternoon", titles) == "friday 3pm"


SHOWN = [
    {"id": "a", "title": "Mon 7 Jan, 9am - Dr. Okafor (consultant)"},
    {"id": "b", "title": "Mon 7 Jan, 9:30am - Dr. Okafor (consultant)"},
    {"id": "c", "title": "Mon 7 Jan, 11am - Dr. Lindqvist (doctor)"},
]


@pytest.mark.parametrize(
    ("answer", "chosen"),
    [
        ("the 11am one", "c"),
        ("9:30", "b"),
        ("the 9 oclock with dr okafor", "a"),
        ("the one with Lindqvist", "c"),
        ("the one with okafor", None),  # two of hers: not just one
        ("the first", None),  # not a time or a name: left to pick_index
    ],
)
def test_by_clock_time(answer: str, chosen: str | None) -> None:
    offer = by_clock_time(answer, SHOWN)
    assert (offer["id"] if offer else None) == chosen


@pytest.mark.parametrize(
    ("answer", "index"),
    [
        ("the second one", 1),
        ("2nd pls", 1),
        ("the last one", 2),
        ("the earliest", 0),
        ("at 11am", None),  # a clock time is not the eleventh
        ("the fourth", None),
        ("one", 0),
        ("option one", 0),
        ("the physio one at 1.30", None),  # "one" points at a kind, 1.30 is a time
    ],
)
def test_pick_index(answer: str, index: int | None) -> None:
    assert pick_index(answer, 3) == index


def test_named_clinicians_and_role_fits() -> None:
    names = {"Dr Ngozi Okafor", "Rhian Hughes"}
    assert named_clinicians("with dr okafor please", names) == {"Dr Ngozi Okafor"}
    assert named_clinicians("monday morning", names) == set()
    assert role_fits("physio", "advanced practice physiotherapist")
    assert not role_fits("physio", "consultant rheumatologist")
    assert role_fits(None, "anything")


@pytest.mark.parametrize(
    ("text", "before", "expected"),
    [
        ("friday morning", "next week", "friday morning next week"),
        ("Tue afternoon", "any time next week please", "Tue afternoon next week"),
        ("next friday", "next week", "next friday"),
        ("friday 11th", "next week", "friday 11th"),
        ("friday next week", "this week", "friday next week"),
        ("friday morning", "monday afternoon", "friday morning"),
        # a clock time is not a day of the month
        (
            "ok thursday 9.30 with the physio",
            "next week",
            "ok thursday 9.30 with the physio next week",
        ),
        ("thursday at 10am", "next week", "thursday at 10am next week"),
    ],
)
def test_a_weekday_alone_after_a_week_asked_for_is_in_that_week(
    text: str, before: str, expected: str
) -> None:
    assert with_earlier_day(text, before) == expected


SAME_TIME = [
    {"id": "a", "title": "Mon 7 Dec, 1:30pm - Dr Okafor (consultant)"},
    {"id": "b", "title": "Mon 7 Dec, 1:30pm - Rhian Hughes (physio)"},
    {"id": "c", "title": "Mon 7 Dec, 2pm - Dr Okafor (consultant)"},
]


@pytest.mark.parametrize(
    ("answer", "chosen"),
    [
        ("the physio one at 1.30", "b"),
        ("1:30 with the consultant", "a"),
        ("1.30", None),  # two at 1:30: which is not said
    ],
)
def test_the_kind_of_clinician_tells_two_offers_at_one_time_apart(
    answer: str, chosen: str | None
) -> None:
    offer = by_clock_time(answer, SAME_TIME)
    assert (offer["id"] if offer else None) == chosen


@pytest.mark.parametrize(
    ("answer", "read"),
    [
        ("9 physio", "9am physio"),
        ("the 10 one", "10am one"),
        ("at 3", "3pm"),
        ("2", "2"),
        ("9am please", "9am please"),
        ("9:30", "9:30"),
        ("the 2nd", "the 2nd"),
        ("physio at 9", "physio at 9"),
    ],
)
def test_a_bare_hour_is_read_as_a_clock_time(answer: str, read: str) -> None:
    assert bare_hour_as_clock(answer) == read
