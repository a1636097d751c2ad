"""Reading a choice among offered times: which one, which day, which clinician."""

import datetime as dt

import pytest

from clinic.booking.choices import (
    accepts_any_clinician,
    after_correction,
    asks_for_another_booking,
    asks_for_clinician,
    asks_what_is_free,
    at_same_time,
    availability_said,
    bare_hour_as_clock,
    books_for_someone_else,
    by_clock_time,
    clinicians_by_role,
    compact_clock,
    day_of,
    is_offer_title,
    named_clinicians,
    names_someone,
    pick_by_date,
    pick_by_weekday,
    pick_index,
    pick_with_clinician,
    prefers_a_clinician,
    puts_a_time_aside,
    refused_clinicians,
    relative_to_day,
    role_fits,
    takes_the_one_shown,
    wanted_role,
    with_earlier_day,
    with_earlier_time_of_day,
    with_new_part_of_day,
    without_clinician_kind,
)
from clinic.booking.time_words import read_time_preference


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("can I see the physio", "physio"),
        ("physiotherapy please", "physio"),
        ("a doctor please", "doctor"),
        ("the consultant", "doctor"),
        ("dr okafor", "doctor"),
        ("monday morning", None),
        ("wednesday then. a doctor is fine if the physio isnt in", "doctor"),
        ("if the physio is free i want her", "physio"),
        ("weekday mornings, and I'd rather see the doctor than the physio", "doctor"),
        ("those are all the physio. a doctor please, any weekday morning", "doctor"),
        ("can it be a physio not a doctor, doctors make me nervous lol", "physio"),
        ("then i don't mind seeing a doctor instead, wednesday 16th in the morning", "doctor"),
        ("i dont want the physio, a doctor please", "doctor"),
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


ACROSS_DAYS = [
    {"id": "a", "title": "Tue 8 Dec, 11am - Rhian Hughes (physio)"},
    {"id": "b", "title": "Tue 8 Dec, 11:30am - Rhian Hughes (physio)"},
    {"id": "c", "title": "Thu 10 Dec, 9am - Rhian Hughes (physio)"},
]


@pytest.mark.parametrize(
    ("answer", "chosen"),
    [
        ("thursday 9 is good", "c"),
        ("tues 11", "a"),
        ("thursday", None),  # a day alone is a wish, not a choice
        ("friday 9", None),
    ],
)
def test_an_offer_named_by_its_day_and_hour(answer: str, chosen: str | None) -> None:
    offer = by_clock_time(answer, ACROSS_DAYS)
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
        ("anyone on wednesday around 12 or 1", None),  # hours, not the first time
        ("after 2 please", None),
        ("number 2 please", 1),
        ("those are all mornings. tuesday afternoon, 3 or 4pm?", None),
        ("no. any physio slot after 5 any day next 2 weeks?", None),  # a span, not the 2nd
        ("in 3 days", None),
        ("The first hour is good for me.", 0),  # an ordinal: the first time offered
        ("actually mornin wud b better if u hav 1", None),  # "one of them", not the first
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
        ("k 10", "10am"),
        ("ok 9 then", "9am then"),
        ("yes 2", "yes 2"),  # an option's number
    ],
)
def test_a_bare_hour_is_read_as_a_clock_time(answer: str, read: str) -> None:
    assert bare_hour_as_clock(answer) == read


SHOWN_DOCTORS = [
    {"id": "l9", "title": "Mon 14 Dec, 9am - Dr Lindqvist (sports doctor)"},
    {"id": "o9", "title": "Mon 14 Dec, 9am - Dr Okafor (consultant)"},
    {"id": "l930", "title": "Mon 14 Dec, 9:30am - Dr Lindqvist (sports doctor)"},
]
SHOWN_WITH_PHYSIO = [
    {"id": "o", "title": "Fri 11 Dec, 1:30pm - Dr Okafor (consultant)"},
    {"id": "h", "title": "Fri 11 Dec, 1:30pm - Rhian Hughes (physio)"},
    {"id": "o2", "title": "Fri 11 Dec, 2pm - Dr Okafor (consultant)"},
]


@pytest.mark.parametrize(
    ("answer", "shown", "chosen"),
    [
        ("ok I'll take the consultant at 9", SHOWN_DOCTORS, "o9"),
        ("930 with lindqvist pls", SHOWN_DOCTORS, "l930"),
        ("the physio one", SHOWN_WITH_PHYSIO, "h"),
        ("1:30 with rhian", SHOWN_WITH_PHYSIO, "h"),
        ("9am", SHOWN_DOCTORS, None),  # two at 9am
        ("the doctor one", SHOWN_WITH_PHYSIO, None),  # two doctors
    ],
)
def test_a_choice_by_kind_first_name_or_compact_time(
    answer: str, shown: list[dict[str, str]], chosen: str | None
) -> None:
    found = by_clock_time(answer, shown)
    assert (found["id"] if found else None) == chosen


def test_compact_clock_times_are_read_but_phone_numbers_and_years_are_not() -> None:
    assert compact_clock("930 or 1130, number 07400 123987, in 2026") == (
        "9:30 or 11:30, number 07400 123987, in 2026"
    )


@pytest.mark.parametrize(
    ("answer", "settled"),
    [
        (
            "11 with okafor. wait no actually make it monday instead, tomorrow im busy",
            "make it monday instead",
        ),
        ("the 9am please", "the 9am please"),
        ("no wait, the physio one", "the physio one"),
        ("Monday afternoon, no sorry, Tuesday afternoon is better", "Tuesday afternoon is better"),
        (
            "oh no i meant the wk after, not this wed. the 16th",
            "the wk after, not this wed. the 16th",
        ),
        # the clinician and time of day said after the first clause are kept
        (
            "No sorry, can it be with the other doctor, Dr Lindqvist? Same afternoon if possible",
            "can it be with the other doctor, Dr Lindqvist, Same afternoon if possible",
        ),
    ],
)
def test_a_change_of_mind_in_one_message_keeps_what_comes_after(answer: str, settled: str) -> None:
    assert after_correction(answer) == settled


@pytest.mark.parametrize(
    ("text", "day", "expected"),
    [
        ("move it to the friday after", dt.date(2026, 12, 10), "move it to fri 11 dec"),
        ("the thursday after", dt.date(2026, 12, 10), "thu 17 dec"),
        ("physio, same day if possible", dt.date(2026, 12, 7), "physio, mon 7 dec if possible"),
        ("friday after lunch", dt.date(2026, 12, 10), "friday after lunch"),
        ("the friday after", None, "the friday after"),
        ("push that back a week, same time", dt.date(2026, 12, 15), "tue 22 dec, same time"),
        ("two weeks later", dt.date(2026, 12, 15), "tue 29 dec"),
        # what follows the word for moving, as the move reads its request
        (" that back a week, same time", dt.date(2026, 12, 15), " tue 22 dec, same time"),
        ("i hurt my back a week ago", dt.date(2026, 12, 15), "i hurt my back a week ago"),
        ("next week", dt.date(2026, 12, 15), "next week"),
        (
            "the week after, friday morning",
            dt.date(2026, 12, 17),
            "fri 25 dec, friday morning",
        ),
    ],
)
def test_days_said_relative_to_the_day_talked_about(
    text: str, day: dt.date | None, expected: str
) -> None:
    assert relative_to_day(text, day) == expected


def test_the_date_of_a_title_or_description() -> None:
    assert day_of("Thursday 10 December at 9:30am", dt.date(2026, 12, 3)) == dt.date(2026, 12, 10)
    assert day_of("Mon 4 Jan, 9am - Dr Okafor", dt.date(2026, 12, 3)) == dt.date(2027, 1, 4)
    assert day_of("no date here", dt.date(2026, 12, 3)) is None


def test_a_weekday_of_the_date_on_offer_keeps_that_date() -> None:
    titles = ["Thu 17 Dec, 10am - Dr Okafor (consultant)"]
    assert with_earlier_day("thursday afternoon please", "", titles) == (
        "thursday afternoon please 17 dec"
    )
    assert with_earlier_day("friday afternoon", "", titles) == "friday afternoon"
    assert with_earlier_day("next physio available any day", "", titles) == (
        "next physio available any day"
    )


TWO_OF_HERS = [
    {"id": "a", "title": "Fri 11 Dec, 10am - Dr Okafor (consultant)"},
    {"id": "b", "title": "Fri 11 Dec, 10am - Rhian Hughes (physio)"},
    {"id": "c", "title": "Fri 11 Dec, 10:30am - Dr Okafor (consultant)"},
]


@pytest.mark.parametrize(
    ("answer", "chosen"),
    [
        # beside a name, a bare number is a clinic hour, wherever it is
        ("okafor 10", "a"),
        ("10 with okafor", "a"),
        ("okafor 10:30", "c"),
        # a clinician refused is not the one chosen
        ("10am, not hughes", "a"),
        ("okafor", None),  # two of hers: not just one
    ],
)
def test_a_bare_hour_beside_a_name_is_that_time(answer: str, chosen: str | None) -> None:
    offer = by_clock_time(answer, TWO_OF_HERS)
    assert (offer["id"] if offer else None) == chosen


MONDAY = [
    "Mon 14 Dec, 9am - Dr Lindqvist (sports doctor)",
    "Mon 14 Dec, 9am - Dr Okafor (consultant)",
    "Mon 14 Dec, 9:30am - Rhian Hughes (physio)",
]


@pytest.mark.parametrize(
    ("answer", "asks"),
    [
        ("i'd rather see dr okafor not the sports doctor", True),
        ("not the sports doctor", True),
        ("lindqvist please", True),
        ("the physio please", True),
        # an offer on the list
        ("okafor at 9 then", False),
        ("the one with okafor", False),
        ("the 9 with doctor okafor", False),
        # no clinician at all
        ("no, none of these", False),
        ("monday afternoon", False),
    ],
)
def test_asking_for_a_clinician_among_the_offers(answer: str, asks: bool) -> None:
    assert asks_for_clinician(answer, MONDAY) is asks


def test_a_refused_clinician_is_not_the_one_asked_for() -> None:
    people = [("Dr Erik Lindqvist", "sports doctor"), ("Dr Ngozi Okafor", "consultant")]
    answer = "i'd rather see dr okafor not the sports doctor"
    assert refused_clinicians(answer, people) == {"Dr Erik Lindqvist"}
    assert named_clinicians(answer, [name for name, _ in people]) == {"Dr Ngozi Okafor"}
    assert named_clinicians("not lindqvist, okafor", ["Dr Erik Lindqvist"]) == set()
    assert wanted_role("not the physio") is None


@pytest.mark.parametrize(
    "answer",
    [
        "preferably with a consultant rather than a physio",
        "a consultant as opposed to the physio",
        "ok forget the physio, the consultant is fine",
    ],
)
def test_the_kind_set_against_another_is_the_one_wanted(answer: str) -> None:
    assert wanted_role(answer) == "doctor"


def test_a_kind_forgotten_is_not_wanted() -> None:
    assert wanted_role("ok forget the physio, anyone on wednesday around 12 or 1") is None


@pytest.mark.parametrize(
    ("text", "before", "expected"),
    [
        (
            "afternoon",
            "tuesday or wednesday morning next week",
            "tuesday or wednesday next week, afternoon",
        ),
        ("mornings please", "monday after 2pm", "monday, mornings please"),
        (
            "mornings if possible",
            "physio, not tuesday",
            "physio, not tuesday, mornings if possible",
        ),
        ("3pm", "monday morning", None),  # a clock time: the offers' day decides
        ("friday afternoon", "monday morning", None),  # a day of its own
        ("afternoon", "any time", None),  # no day to keep
    ],
)
def test_a_new_part_of_the_day_keeps_the_days(text: str, before: str, expected: str | None) -> None:
    assert with_new_part_of_day(text, before) == expected


@pytest.mark.parametrize(
    ("answer", "settled"),
    [
        ("those are mornings, i said afternoon", "afternoon"),
        ("no i said tuesday not monday", "tuesday not monday"),
        # an email address is not cut at its dots
        (
            "actually can you make it the email gareth.price@example.com instead",
            "can you make it the email gareth.price@example.com instead",
        ),
    ],
)
def test_what_was_said_again_is_what_is_settled_on(answer: str, settled: str) -> None:
    assert after_correction(answer) == settled


@pytest.mark.parametrize(
    ("text", "before", "expected"),
    [
        ("Thursday then?", "any day after 4:30", "Thursday then?, after 16:30"),
        ("what about friday", "tomorrow morning", "what about friday, morning"),
        # the hours a negation leaves, not the hours it ruled out
        ("what about thursday", "I can't do mornings", "what about thursday, after 12:00"),
        ("friday?", "not before 10 please", "friday?, after 10:00"),
        ("friday?", "late afternoon", "friday?, afternoon after 15:00"),
        ("not thursday", "I can't do mornings", "not thursday, after 12:00"),
        # days with different hours each: none carried to a new day
        ("friday?", "Monday morning or Tuesday after 4", "friday?"),
        # its own time of day, no day at all, or any day: as said
        ("Thursday morning", "after 4:30", "Thursday morning"),
        ("friday 3pm", "after 4", "friday 3pm"),
        ("any day", "after 4:30", "any day"),
        ("anything later?", "after 4:30", "anything later?"),
        # nothing said of the time of day before
        ("friday", "next tuesday", "friday"),
    ],
)
def test_a_day_named_next_keeps_the_hours_asked_for(text: str, before: str, expected: str) -> None:
    assert with_earlier_time_of_day(text, before) == expected


@pytest.mark.parametrize(
    ("text", "any_kind"),
    [
        ("doesnt have to be the physio", True),
        ("any clinician is fine", True),
        ("I don't mind who", True),
        ("either one is ok", True),
        ("the physio please", False),
        ("not the physio", False),
        ("any day is fine", False),
    ],
)
def test_any_clinician_will_do(text: str, any_kind: bool) -> None:
    assert accepts_any_clinician(text) is any_kind
    if any_kind:
        assert wanted_role(text) is None


def test_a_kind_named_in_the_plural_is_asked_for() -> None:
    text = (
        "she's already had physio and it didn't do much. could she see one of the doctors "
        "instead? a morning would be fine too"
    )
    assert wanted_role(text) == "doctor"


def test_dont_mind_who_beside_a_kind_is_any_of_that_kind() -> None:
    text = "is there anything sooner with a doctor on thursday evening instead? dont mind who"
    assert not accepts_any_clinician(text)
    assert wanted_role(text) == "doctor"


@pytest.mark.parametrize(
    ("text", "another"),
    [
        ("I also need another appointment for my wife", True),
        ("can I book a second appointment as well", True),
        ("can I see a doctor on wednesday 9 december in the morning?", False),
        ("I need a new appointment time on Wednesday", False),
    ],
)
def test_a_booking_besides_the_one_being_moved(text: str, another: bool) -> None:
    assert asks_for_another_booking(text) is another


def test_same_time_is_the_clock_time_of_the_booking_being_moved() -> None:
    booked = "Thursday 10 December at 5:30pm with Dr Okafor"
    assert at_same_time("thu 17 dec, same time", booked) == "thu 17 dec, at 5:30pm"
    assert at_same_time("same time please", "Thursday 10 December") == "same time please"
    # near it, said loosely; or the time of an offer chosen
    assert at_same_time("friday, same sort of time", booked) == "friday, around 5:30pm"
    offer = "Wed 16 Dec, 3:30pm - Dr Okafor (consultant)"
    assert at_same_time("the thursday instead, similar time", offer) == (
        "the thursday instead, around 3:30pm"
    )


def test_the_following_weekday_counts_from_the_day_given() -> None:
    assert relative_to_day("the following thursday", dt.date(2026, 12, 10)) == "thu 17 dec"


def test_a_time_of_day_after_the_correction_is_kept() -> None:
    said = "no, he cant do the 10th at all. i mean thursday 17th, around 5.30"
    assert after_correction(said) == "thursday 17th, around 5.30"
    assert after_correction("11 with Okafor, wait no, make it Monday, tomorrow I am busy") == (
        "make it Monday"
    )


def test_a_day_said_to_be_no_good_keeps_the_wish_after_the_reason() -> None:
    said = "hmm actually tuesdays are no good i have the kids, could we do wednesday morning"
    settled = after_correction(said)
    assert settled == "tuesdays are no good i have the kids, could we do wednesday morning"
    preference = read_time_preference(
        settled, dt.datetime(2026, 12, 4, 15, 0, tzinfo=dt.timezone.utc)
    )
    assert preference is not None
    assert preference.weekdays == frozenset({2}) and preference.part_of_day == "morning"


@pytest.mark.parametrize(
    "said",
    ["wed 9am is actually better", "the 9 would actually be better", "9:30 is actually fine"],
)
def test_actually_saying_what_suits_is_no_change_of_mind(said: str) -> None:
    assert after_correction(said) == said


def test_when_the_patient_can_come_is_read_from_its_own_sentence() -> None:
    text = "booking for my father. his back is bad. he can only come after 5"
    assert availability_said(text) == "he can only come after 5"
    assert availability_said("hurt it last friday, can i book") == ""


@pytest.mark.parametrize(
    ("answer", "aside"),
    [
        ("4 o clock is too soon, later please", True),
        ("9 is a bit early", True),
        ("5pm is rather late for me", True),
        ("the 4 o'clock please", False),
        ("earliest you have", False),
    ],
)
def test_a_time_put_aside_is_not_a_choice(answer: str, aside: bool) -> None:
    assert puts_a_time_aside(answer) is aside


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Mon 7 Dec, 11:30am - Dr Okafor (consultant)", True),
        ("Tue 8 Jan, 10am - Dr. Okafor (consultant)", True),
        ("monday 7 dec at 11:30 with okafor", False),
        ("is my appointment on Mon 7 Dec?", False),
    ],
)
def test_an_offer_title_is_told_from_other_words(text: str, title: bool) -> None:
    assert is_offer_title(text) is title


def test_a_time_said_to_be_best_is_when_the_patient_can_come() -> None:
    assert availability_said("tuesday morning would be best") == "tuesday morning would be best"
    assert availability_said("the pain is worst in the morning") == ""


def test_a_clinician_asked_for_by_first_name() -> None:
    from clinic.booking.choices import named_clinicians

    known = {"Rhian Hughes", "Dr Erik Lindqvist"}
    assert named_clinicians("book me monday afternoon with rhian", known) == {"Rhian Hughes"}


def test_a_weekday_after_this_week_is_not_held_to_this_week() -> None:
    from clinic.booking.choices import with_earlier_day

    before = "whats available this week"
    assert with_earlier_day("wed or thu afternoon", before) == "wed or thu afternoon"
    assert with_earlier_day("friday", "next week") == "friday next week"


@pytest.mark.parametrize(
    ("text", "prefers"),
    [
        ("Actually, on reflection I'd rather see the consultant, Dr Okafor.", True),
        ("can I switch to the physio instead", True),
        ("who are your doctors?", False),
        ("I'd rather come in the afternoon", False),
        ("actually scratch that, id rather not take pills. is physio an option", False),
        ("I'd prefer not to see a doctor, is physio an option?", False),
    ],
)
def test_saying_who_one_would_rather_see(text: str, prefers: bool) -> None:
    assert prefers_a_clinician(text) is prefers
    assert wanted_role("the consultant please") == wanted_role("consultant")


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("whats the latest you have on a thursday", True),
        ("do u have anything after 5pm? i work till 4:30", True),
        ("any slots on tuesday", True),
        ("anything monday before 10am? need to be at work by 11", True),
        ("is there anything free next week", True),
        ("is there anything i can do on monday mornings?", False),
        ("have you got anything for the pain", False),
        ("my pain is worse on mondays", False),
    ],
)
def test_asking_what_is_free_is_recognised(text: str, asks: bool) -> None:
    assert asks_what_is_free(text) is asks


def test_a_time_ending_a_sentence_is_read() -> None:
    shown = [
        {"id": "a", "title": "Tue 15 Dec, 1:30pm - Rhian Hughes (physio)"},
        {"id": "b", "title": "Tue 15 Dec, 3pm - Rhian Hughes (physio)"},
    ]
    assert by_clock_time("3pm. Helen O'Connor", shown) == shown[1]
    assert by_clock_time("1.30pm.", shown) == shown[0]


def test_the_last_sentence_settling_on_a_time_is_the_answer() -> None:
    said = "5pm i cant, i finish at 5. the 6.30 on 17th then, with dr lindqvist"
    assert after_correction(said) == "the 6.30 on 17th then, with dr lindqvist"
    assert after_correction("I can do Thursday. Is that ok then?") == (
        "I can do Thursday. Is that ok then?"
    )


def test_the_date_tells_apart_the_same_time_on_two_days() -> None:
    shown = [
        {"id": "a", "title": "Thu 10 Dec, 5pm - Rhian Hughes (physio)"},
        {"id": "b", "title": "Thu 17 Dec, 5pm - Dr Lindqvist (sports doctor)"},
    ]
    assert by_clock_time("10 dec 5pm", shown) == shown[0]
    assert by_clock_time("the 17th at 5", shown) == shown[1]
    assert by_clock_time("5pm", shown) is None


def test_the_same_week_is_the_week_of_the_booking_being_moved() -> None:
    tuesday_15th = dt.date(2026, 12, 15)
    said = relative_to_day("same week, wednesday or thursday afternoon", tuesday_15th)
    assert "wed 16 dec or thu 17 dec afternoon" in said
    every_day = relative_to_day("same week please", tuesday_15th)
    assert every_day.startswith("mon 14 dec or tue 15 dec or wed 16 dec")
    # "Later that week, like Friday morning" about a Monday 14th booking: Friday the 18th.
    later = relative_to_day("can I move it to later that week, like friday morning?", tuesday_15th)
    assert "fri 18 dec morning" in later


def test_a_day_ruled_out_keeps_the_wish_said_after_the_reason() -> None:
    said = "oh wait actually tuesday doesnt work, i have school run. can we do wednesday afternoon"
    assert after_correction(said).endswith("can we do wednesday afternoon")


@pytest.mark.parametrize(
    ("answer", "index"),
    [
        ("the later one", 2),
        ("the earlier one please", 0),
        ("the latter", 2),
        ("any later ones?", None),
    ],
)
def test_the_later_or_earlier_of_those_shown(answer: str, index: int | None) -> None:
    assert pick_index(answer, 3) == index


@pytest.mark.parametrize(
    ("answer", "index"),
    [("the wednesday one", 2), ("weds please", 2), ("the monday one", None), ("friday", None)],
)
def test_the_one_offered_on_a_weekday(answer: str, index: int | None) -> None:
    titles = ["Mon 7 Dec, 9am - Dr A", "Mon 7 Dec, 10am - Dr B", "Wed 9 Dec, 9am - Dr A"]
    assert pick_by_weekday(answer, titles) == index


@pytest.mark.parametrize(
    ("answer", "index"),
    [
        ("the 10th", 2),
        ("10th please", 2),
        ("the 7th", None),  # two that day
        ("the 12th", None),
        ("10", None),  # an hour, not a date
    ],
)
def test_the_one_offered_on_a_date(answer: str, index: int | None) -> None:
    titles = ["Mon 7 Dec, 9am - Dr A", "Mon 7 Dec, 10am - Dr B", "Thu 10 Dec, 9am - Dr A"]
    assert pick_by_date(answer, titles) == index


@pytest.mark.parametrize(
    ("answer", "takes"),
    [
        ("That will have to do then. Geoffrey Pennington, 07700 900264", True),
        ("fine that one", True),
        ("ok I'll take it", True),
        ("that suits me", True),
        ("that's fine but anything later?", False),
        ("not that one", False),
        ("is that with the physio?", False),
        ("is the physio not free at 630? ok whatever the doctor is fine", True),
        ("the doctor is busy", False),
    ],
)
def test_the_one_time_shown_taken_in_words(answer: str, takes: bool) -> None:
    assert takes_the_one_shown(answer) is takes


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("great, can i also book one for my sister? any time thursday", True),
        ("and one for him too please", True),
        ("book me in for friday", False),
        ("can my sister come with me?", False),
    ],
)
def test_a_booking_for_someone_else(text: str, other: bool) -> None:
    assert books_for_someone_else(text) is other


@pytest.mark.parametrize(
    ("answer", "index"),
    [
        ("the later one with dr okafor", 1),
        ("the first one with rhian", 2),
        ("dr okafor please", None),  # which of his is not said
        ("the second one", None),  # no clinician named
    ],
)
def test_the_one_of_a_clinicians_offers(answer: str, index: int | None) -> None:
    titles = [
        "Fri 11 Dec, 1:30pm - Dr Okafor (consultant)",
        "Fri 11 Dec, 3pm - Dr Okafor (consultant)",
        "Fri 18 Dec, 1:30pm - Rhian Hughes (physio)",
    ]
    assert pick_with_clinician(answer, titles) == index


def test_the_kind_of_clinician_is_taken_out_leaving_the_days_and_times() -> None:
    left = without_clinician_kind("can i book with the physio, friday afternoon?")
    assert "physio" not in left and "friday afternoon" in left


@pytest.mark.parametrize(
    ("said", "read"),
    [
        (
            "the ten o'clock with dr okafor would be lovely",
            "the 10 o'clock with dr okafor would be lovely",
        ),
        ("two thirty please", "2:30 please"),
        ("nine forty five", "9:45"),
        ("i have two kids", "i have two kids"),
        ("one of them", "one of them"),
    ],
)
def test_a_clock_time_in_words_is_read_as_one(said: str, read: str) -> None:
    assert compact_clock(said) == read


def test_same_time_next_week_is_a_week_after_the_appointment() -> None:
    moved = relative_to_day("can we do same time next week?", dt.date(2026, 12, 10))
    assert moved == "can we do same time thu 17 dec?"
    assert relative_to_day("next week please", dt.date(2026, 12, 10)) == "next week please"


ROLES = {
    "Dr Ngozi Okafor": "consultant rheumatologist consultant",
    "Dr Erik Lindqvist": "sports and exercise medicine doctor sports doctor",
    "Rhian Hughes": "advanced practice physiotherapist physio",
}


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("please book him with the rheumatologist, mornings are best", {"Dr Ngozi Okafor"}),
        ("i'd rather the consultant", {"Dr Ngozi Okafor"}),
        ("rheumatology clinic please", {"Dr Ngozi Okafor"}),
        ("not the consultant, the sports one", {"Dr Erik Lindqvist"}),
        ("i want a consultation on friday", set()),
        ("can i see a doctor or a specialist", set()),
        ("the physio please", set()),  # a kind: wanted_role reads it
        ("exercise in the morning suits me", set()),
    ],
)
def test_a_clinician_is_asked_for_by_a_word_of_their_role_only_they_have(
    text: str, named: set[str]
) -> None:
    assert clinicians_by_role(text, ROLES) == named


def test_a_british_half_hour_names_the_offer_at_that_time() -> None:
    shown = [
        {"id": "a", "title": "Thu 10 Dec, 5pm - Rhian Hughes (physio)"},
        {"id": "b", "title": "Thu 10 Dec, 5:30pm - Dr Okafor (consultant)"},
    ]
    assert compact_clock("half 5 with Dr Okafor") == "5:30 with Dr Okafor"
    assert by_clock_time("half 5 with Dr Okafor", shown) == shown[1]


def test_a_day_ruled_out_after_actually_keeps_the_wish_after_the_reason() -> None:
    said = "actually not Wednesday, I've just remembered I'm working. Thursday evening instead?"
    assert "Thursday evening" in after_correction(said)


@pytest.mark.parametrize(
    ("said", "kept"),
    [
        (
            "oh hang on, friday afternoon would actually be better, school run in the morning",
            "oh hang on, friday afternoon would actually be better",
        ),
        ("I work mondays, tuesday morning is good", "tuesday morning is good"),
        # the only clause with a time is kept, reason or not
        ("I'm at work till 5 so after that", "I'm at work till 5 so after that"),
        ("thursday 2pm please", "thursday 2pm please"),
    ],
)
def test_a_clause_giving_the_reason_is_not_the_time_wanted(said: str, kept: str) -> None:
    from clinic.booking.choices import without_reasons

    assert without_reasons(said) == kept


LINDQVIST_THU = "Thu 10 Dec, 12pm - Dr Lindqvist (sports doctor)"
MONDAY_NOON = [
    {"id": "a", "title": "Mon 14 Dec, 12pm - Dr Lindqvist (sports doctor)"},
    {"id": "b", "title": "Mon 14 Dec, 12pm - Dr Okafor (consultant)"},
    {"id": "c", "title": "Mon 14 Dec, 12:30pm - Dr Lindqvist (sports doctor)"},
]


@pytest.mark.parametrize(
    ("answer", "offered", "kept", "taken"),
    [
        ("can we do the monday 14th at 12 instead", MONDAY_NOON, LINDQVIST_THU, "a"),
        ("monday 14th at 12 with okafor", MONDAY_NOON, LINDQVIST_THU, "b"),
        ("monday 14th at 12 with the consultant", MONDAY_NOON, LINDQVIST_THU, "b"),
        # No clock time, or nothing chosen before: the list, as before.
        ("monday 14th please", MONDAY_NOON, LINDQVIST_THU, None),
        ("can we do the monday 14th at 12 instead", MONDAY_NOON, None, None),
        # Only someone else free at that time: not swapped in silently.
        ("monday 14th at 12 instead", MONDAY_NOON[1:], LINDQVIST_THU, None),
    ],
)
def test_a_new_time_is_taken_with_the_clinician_chosen_before(
    answer: str, offered: list[dict[str, str]], kept: str | None, taken: str | None
) -> None:
    from clinic.booking.choices import same_clinician_at_the_time

    picked = same_clinician_at_the_time(answer, offered, kept)
    assert (picked["id"] if picked else None) == taken


def test_rather_than_waiting_is_no_choice_of_clinician() -> None:
    from clinic.booking.choices import prefers_a_clinician

    text = "when is it time to see a specialist about back pain rather than just waiting it out?"
    assert not prefers_a_clinician(text)
    assert prefers_a_clinician("rather than the physio, dr okafor please")


def test_a_doctor_named_who_is_not_among_the_times_shown_is_searched_for() -> None:
    from clinic.booking.choices import asks_for_clinician

    shown = [
        "Thu 17 Dec, 9am - Dr Lindqvist (sports doctor)",
        "Thu 17 Dec, 10:30am - Dr Lindqvist (sports doctor)",
    ]
    assert asks_for_clinician("earliest appointment with Dr Okafor please", shown)
    assert not asks_for_clinician("the earliest one", shown)
    assert not asks_for_clinician("9am with dr lindqvist", shown)


@pytest.mark.parametrize(
    "text", ["thurs instead same sorta time", "thursday, around the same time-ish"]
)
def test_same_sort_of_time_is_near_the_clock_time_chosen(text: str) -> None:
    booked = "Friday 11 December at 2:30pm with Rhian Hughes"
    assert "around 2:30pm" in at_same_time(text, booked)


def test_the_week_after_with_two_days_named_is_each_of_them_that_week() -> None:
    said = "rather than cancel can i just move it to the week after? monday or tuesday, anytime"
    moved = relative_to_day(said, dt.date(2026, 12, 9))
    assert "mon 14 dec or tue 15 dec" in moved
    from clinic.booking.preferences import parse_time_preference

    pref = parse_time_preference(moved, dt.datetime(2026, 12, 7, 10, tzinfo=dt.timezone.utc))
    assert pref is not None
    assert (pref.earliest.date(), pref.latest.date()) == (
        dt.date(2026, 12, 14),
        dt.date(2026, 12, 16),
    )


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("my friend saw Rhian Hughes and said she was brilliant, can I get an appointment", True),
        ("with Dr Okafor please", True),
        ("I've been seen before at your clinic", False),
        ("I saw your advert online", False),
        ("can I see someone this week", False),
    ],
)
def test_someone_to_see_is_named_however_the_patient_came_to_know_them(
    text: str, names: bool
) -> None:
    assert names_someone(text) is names


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("no I want a consultant not a physio. Tuesday 15th afternoon", "doctor"),
        ("not the physio", None),
        ("no, the physio please", "physio"),
    ],
)
def test_an_opening_no_answers_what_came_before_not_the_kind_asked_for(
    text: str, role: str | None
) -> None:
    assert wanted_role(text) == role


@pytest.mark.parametrize("answer", ["3 O CLOCK", "3 o clock", "3 oclock", "3 o'clock"])
def test_o_clock_typed_any_way_is_a_time_not_the_third_offer(answer: str) -> None:
    shown = [
        {"id": "a", "title": "Thu 10 Dec, 2:30pm - Rhian Hughes (physio)"},
        {"id": "b", "title": "Thu 10 Dec, 3pm - Rhian Hughes (physio)"},
        {"id": "c", "title": "Thu 10 Dec, 3:30pm - Rhian Hughes (physio)"},
    ]
    assert (by_clock_time(answer, shown) or {}).get("id") == "b"
    assert pick_index(answer, 3) is None


TUESDAY_AND_THURSDAY = [
    {"id": "tue", "title": "Tue 8 Dec, 11:30am - Rhian Hughes (physio)"},
    {"id": "thu", "title": "Thu 10 Dec, 11:30am - Rhian Hughes (physio)"},
    {"id": "thu12", "title": "Thu 10 Dec, 12pm - Rhian Hughes (physio)"},
]


@pytest.mark.parametrize(
    ("answer", "picked"),
    [
        ("thursday is my bridge club. the tuesday at 11.30 will do nicely", "tue"),
        ("thursday at 12 please", "thu12"),
        ("11.30 please", None),  # two fit
        ("wednesday 16 december morning", None),  # a date, not 4 o'clock
        ("back pain 8/10 for 3 weeks", None),
        ("my number is +44 7700 900123", None),
    ],
)
def test_an_offer_named_by_its_day_and_clock_time(answer: str, picked: str | None) -> None:
    from clinic.booking.choices import offer_named_by_day_and_time

    found = offer_named_by_day_and_time(answer, TUESDAY_AND_THURSDAY)
    assert (found["id"] if found else None) == picked


def test_a_weekend_day_asked_before_is_not_carried_to_a_new_time() -> None:
    from clinic.booking.choices import with_earlier_day

    assert with_earlier_day("Anything after 5:30?", "Saturday morning?") == "Anything after 5:30?"
    assert with_earlier_day("after 3", "next sat") == "after 3"
    assert with_earlier_day("after 3", "tuesday morning") == "tuesday after 3"


def test_the_week_after_but_not_the_monday_is_that_weeks_other_days() -> None:
    from clinic.booking.choices import relative_to_day

    said = relative_to_day("an afternoon the week after, but not the Monday", dt.date(2026, 12, 15))
    assert "mon 21 dec" not in said
    assert "tue 22 dec or wed 23 dec or thu 24 dec or fri 25 dec" in said


def test_later_that_week_is_the_days_after_the_booking() -> None:
    said = relative_to_day("could I move it to later that week instead?", dt.date(2026, 12, 14))
    assert said.startswith("tue 15 dec or wed 16 dec or thu 17 dec or fri 18 dec")
    assert "mon 14 dec" not in said


def test_the_one_listed_before_is_the_one_named_by_its_clock() -> None:
    from clinic.booking.choices import the_one_listed_before

    listed = [
        {"id": "okafor-10", "title": "Mon 14 Dec, 10am - Dr Okafor (consultant)"},
        {"id": "lindqvist-1030", "title": "Mon 14 Dec, 10:30am - Dr Lindqvist (sports doctor)"},
        {"id": "lindqvist-11", "title": "Mon 14 Dec, 11am - Dr Lindqvist (sports doctor)"},
    ]
    now_free = [
        {"id": "okafor-1030", "title": "Mon 14 Dec, 10:30am - Dr Okafor (consultant)"},
        listed[1],
    ]
    answer = "Oh actually, could I have the 10:30 one instead? Bus times."
    assert the_one_listed_before(answer, listed, now_free) == listed[1]
    # not "the one listed" without those words, nor when it has gone
    assert the_one_listed_before("10:30 instead?", listed, now_free) is None
    assert the_one_listed_before(answer, listed, now_free[:1]) is None
