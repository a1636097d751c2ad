import datetime as dt

import pytest

from clinic.triage.duration import LONG_DURATION_DAYS, lasted_since_the_event, parse_duration_days

# A Saturday; every relative date below counts back from it.
TODAY = dt.date(2024, 6, 15)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("3 weeks", 21),
        ("three weeks", 21),
        ("2 days", 2),
        ("a month", 30),
        ("a couple of months", 60),
        ("couple months", 60),
        ("a few weeks", 21),
        ("a few days", 3),
        ("several weeks", 21),
        ("6 wks", 42),
        ("hav bad bak pain sinse 3 munths", 90),
        ("2 weks now", 14),
        ("about 2 yeras", 730),
        ("4 monts", 120),
        ("6w", 42),
        ("3d", 3),
        ("1.5 years", 548),
        ("half a year", 183),
        ("a year", 365),
        ("a fortnight", 14),
        ("twenty-one days", 21),
        ("seventeen days", 17),
        ("a month and a half", 45),
        ("two and a half weeks", 18),
        ("2 weeks and 3 days", 17),
        ("4 hours", 0),
        # ranges take the upper end
        ("2-3 weeks", 21),
        ("one or two weeks", 14),
        ("a week or two", 14),
        ("a week or so", 7),
        # "more than" passes a "more than" rule, "almost" does not
        ("more than 3 weeks", 22),
        ("over a year", 366),
        ("almost 3 weeks", 20),
        ("less than a week", 6),
        # inside a sentence
        ("my lower back has hurt for a month", 30),
        ("on and off for a month", 30),
        ("It started about 10 days ago", 10),
        ("I've had it for the past 3 weeks, worse since yesterday", 21),
        # relative days
        ("yesterday", 1),
        ("since last night", 1),
        ("the day before yesterday", 2),
        ("today", 0),
        ("this morning", 0),
        ("since last week", 7),
        ("since last month", 30),
        ("since Monday", 5),
        ("since the weekend", 7),
        ("this week", 5),
        # dates, counted back from TODAY
        ("since March", 106),
        ("since march", 106),
        ("March", 106),
        ("since early March", 106),
        ("since mid-March", 92),
        ("since late March", 83),
        ("since 5th March", 102),
        ("since 10/3", 97),
        ("since March 2023", 472),
        ("since 20 June", 361),
        ("since the 5th", 10),
        ("since 2020", 1627),
        ("since Christmas", 173),
        ("since xmas", 173),
        ("since Easter", 76),
        ("since new year", 166),
        ("since the start of the year", 166),
        # seasons, from their first day (northern hemisphere)
        # Said two weeks into the summer, "the summer" is last year's: nobody names a season
        # for two weeks of pain, and the longer reading leans towards being seen.
        ("on and off since the summer", 380),
        ("since this summer", 14),
        ("since the spring", 106),
        ("spring", 106),
        ("since the autumn", 288),
        # typed short or slipped on a phone
        ("since tues", 4),
        ("bak hurts sinc tusday", 4),
        ("hurt my bak yday", 1),
        ("since weds", 3),
        ("since the fall", 288),
        ("since last summer", 380),  # said in the summer: the one before
        ("since late winter", 122),
        ("started over the winter", 197),
        # long but vague
        ("ages", LONG_DURATION_DAYS),
        ("for ages", LONG_DURATION_DAYS),
        ("forever", LONG_DURATION_DAYS),
        ("years", LONG_DURATION_DAYS),
        ("it's been years", LONG_DURATION_DAYS),
        ("since I was a kid", LONG_DURATION_DAYS),
        ("as long as I can remember", LONG_DURATION_DAYS),
        ("for months", 90),
        ("for weeks", 21),
        ("a few years", 1095),
        ("a good few months", 90),
        ("a long while", LONG_DURATION_DAYS),
        ("a good while", 30),
        ("quite a while now", 30),
        # the weeks said again without the word
        ("2-3 weeks, maybe 3 and a half", 25),
        ("2 weeks and the pain is 3 and a half", 14),
        # an amount taken back
        ("sorry not 10 days, 10 weeks. pain like 4", 70),
        ("not 10 days but 10 weeks", 70),
    ],
)
def test_parse_duration_days(text: str, days: int) -> None:
    assert parse_duration_days(text, TODAY) == days


@pytest.mark.parametrize(
    "text",
    [
        "my back hurts",
        "",
        "it's really bad",
        "7 out of 10",
        "I'm 45 years old",
        "I exercise twice a week",
        "I work 2 days a week",
        "my appointment is in 2 weeks",
        "may I ask a question?",
        "I lifted a box",
        "it gets worse in the winter",
        "since my fall",
        # how long the stiffness lasts each morning
        "so stiff first thing in the morning, takes me about half an hour to loosen up",
        "stiff for an hour every morning",
    ],
)
def test_no_duration_gives_none(text: str) -> None:
    assert parse_duration_days(text, TODAY) is None


@pytest.mark.parametrize(
    ("text", "today", "days"),
    [
        # the most recent 1 March not after today
        ("since March", dt.date(2024, 3, 10), 9),
        ("since March", dt.date(2024, 3, 1), 0),
        ("since March", dt.date(2024, 2, 10), 346),
        ("since Christmas", dt.date(2024, 12, 25), 0),
        ("since Christmas", dt.date(2024, 12, 24), 365),
        ("since Monday", dt.date(2024, 6, 17), 7),
        # the most recent start of the season, across the new year
        ("since the winter", dt.date(2025, 1, 10), 40),
        ("since last winter", dt.date(2025, 1, 10), 406),
        ("since last winter", dt.date(2025, 6, 10), 191),
        # late in a season not yet reached this year: last year's
        ("since late summer", dt.date(2024, 7, 1), 321),
    ],
)
def test_dates_count_back_from_today(text: str, today: dt.date, days: int) -> None:
    assert parse_duration_days(text, today) == days


def test_long_duration_is_past_any_referral_threshold() -> None:
    assert LONG_DURATION_DAYS >= 365


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("For the past fortnight my lower back has been aching", 14),
        # what lies ahead is no duration
        ("Can my spinal stenosis be cured completely or will I have it forever?", None),
        ("is this going to last forever", None),
        ("had this pain forever", LONG_DURATION_DAYS),
        ("i've had it for years, will it last forever?", LONG_DURATION_DAYS),
    ],
)
def test_how_long_it_has_lasted_not_what_lies_ahead(text: str, days: int | None) -> None:
    assert parse_duration_days(text, dt.date(2026, 12, 3)) == days


# A Thursday, three months after the start of September.
DECEMBER = dt.date(2026, 12, 3)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        # a month or a date is the time from then until today
        ("since september", 93),
        ("since the summer", 185),
        ("since march", 277),
        ("since 2 november", 31),
        ("since november 2nd", 31),
        ("it started in october", 63),
        ("since last september", 93),
        ("since last december", 367),  # said in December: the one before
        # hedges between "since" and the date
        ("since like the weekend", 5),
        ("hurts bad when i sit. since like the weekend", 5),
        ("since about september", 93),
        ("since sometime in september", 93),
        ("since like march i think", 277),
        ("from like 2 weeks ago", 14),
        ("since the start of the season, september", 93),
    ],
)
def test_a_month_or_date_counts_until_today(text: str, days: int) -> None:
    assert parse_duration_days(text, DECEMBER) == days


@pytest.mark.parametrize("text", ["it's severe some days", "some days it is worse", "on some days"])
def test_some_days_is_how_often_not_how_long(text: str) -> None:
    assert parse_duration_days(text, dt.date(2026, 12, 4)) is None


@pytest.mark.parametrize(("text", "days"), [("for some days now", 3), ("some weeks now", 21)])
def test_some_days_now_is_how_long(text: str, days: int) -> None:
    assert parse_duration_days(text, dt.date(2026, 12, 4)) == days


def test_an_operation_dated_ago_is_not_how_long_the_pain_has_lasted() -> None:
    from datetime import date

    from clinic.triage.duration import parse_duration_days

    today = date(2026, 12, 5)
    text = "I had surgery 5 years ago and recovered. Now I have low back stiffness for 2 weeks."
    assert parse_duration_days(text, today) == 14
    assert (
        parse_duration_days("I had a car accident 3 years ago, back never the same", today) == 1095
    )


def test_years_written_short_are_long_standing() -> None:
    from datetime import date

    from clinic.triage.duration import LONG_DURATION_DAYS, parse_duration_days

    said = "on and off for yrs tbh but this flare up is since tuesday"
    assert parse_duration_days(said, date(2026, 12, 5)) == LONG_DURATION_DAYS


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("back pain. week. 3/10. no numbness", 7),
        ("month", 30),
        ("for the past month or so. No tingling.", 30),
        ("the past week has been bad", 7),
    ],
)
def test_a_unit_alone_or_the_past_one(text: str, days: int) -> None:
    assert parse_duration_days(text, TODAY) == days


def test_a_season_that_has_just_begun_is_the_one_before() -> None:
    early_december = dt.date(2026, 12, 5)
    assert parse_duration_days("funny since the winter", early_december) == 369
    assert parse_duration_days("since this winter", early_december) == 4
    assert parse_duration_days("since the winter", dt.date(2027, 2, 5)) == 66


def test_a_start_told_a_few_words_before_its_day() -> None:
    saturday = dt.date(2026, 12, 5)
    assert parse_duration_days("started after football sunday", saturday) == 6


def test_last_wk() -> None:
    assert parse_duration_days("started last wk", TODAY) == 7


def test_an_occasion_before_its_date() -> None:
    assert parse_duration_days("since my birthday, oct 20", dt.date(2026, 12, 5)) == 46


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("first baby due in march so im about 26 weeks, back pain the last 2 weeks", 14),
        ("she is 30 weeks pregnant and her back hurts for 5 days", 5),
        ("im 3 weeks into this pain", 21),
    ],
)
def test_how_far_along_a_pregnancy_is_is_not_how_long_it_hurts(text: str, days: int) -> None:
    assert parse_duration_days(text, dt.date(2026, 12, 3)) == days


def test_an_injury_dated_by_its_year_is_not_how_long_the_pain_has_lasted() -> None:
    text = (
        "I have had a niggling lower back for about 10 days, and I haven't fallen (well, not "
        "since I broke my wrist on the ice in 2004!)"
    )
    assert parse_duration_days(text, dt.date(2026, 12, 5)) == 10
    # With no other duration, the year the pain began with is still how long.
    since_the_fall = parse_duration_days(
        "back pain since I fell off my bike in 2019", dt.date(2026, 12, 5)
    )
    assert since_the_fall is not None and since_the_fall > 365 * 7


@pytest.mark.parametrize(
    ("text", "days"),
    [
        # the time told first is when it began, "ever since"
        (
            "So last spring I was moving my daughter into her new flat, carrying boxes, and my "
            "back has been bad ever since",
            280,
        ),
        ("in March I slipped on ice and it has hurt ever since", 280),
        # "the fall" a month ago is a fall, not the autumn
        ("my back has hurt since the fall a month ago", 30),
        # since an event, and when the event was
        ("killing me ever since i moved house which was mid october, like an 8", 52),
        ("since my fall, which was 3 weeks ago", 21),
    ],
)
def test_a_start_told_before_ever_since(text: str, days: int) -> None:
    assert parse_duration_days(text, dt.date(2026, 12, 6)) == days


@pytest.mark.parametrize(
    "text",
    [
        "I've got an appointment with my GP on Friday about my back, what should I tell her?",
        "I'll see the physio on Monday",
        "seeing my doctor on tuesday, can you help me get ready",
    ],
)
def test_a_day_that_is_a_plan_is_not_when_the_pain_began(text: str) -> None:
    assert parse_duration_days(text, TODAY) is None


def test_a_plan_beside_a_start_keeps_the_start() -> None:
    assert parse_duration_days("did it lifting on monday, physio booked for next week", TODAY) == 5


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("it varies, some days a 4 but last week a couple of nights it was an 8", None),
        ("yesterday it hit 9", None),
        ("it started last week, it was a 6", 7),
        ("8, for about 3 weeks, last night it was a 9", 21),
    ],
)
def test_when_the_pain_scored_is_not_when_it_began(text: str, days: int | None) -> None:
    assert parse_duration_days(text, TODAY) == days


def test_stiffness_each_morning_for_half_an_hour_is_not_how_long() -> None:
    text = "my back is just stiff first thing in the morning for about half an hour"
    assert parse_duration_days(text, TODAY) is None


@pytest.mark.parametrize(
    ("text", "days"),
    [
        # how long an activity lasts, or how often it is done, is not how long the pain has
        ("when i walk for like 20 mins both my legs get kind of heavy", None),
        ("are there any exercises i should avoid with it? i do crossfit 3x a week", None),
        ("pain for 3 weeks, worse after sitting for an hour", 21),
        ("it hurts twice a week for 2 months", 60),
        # an event to come in a month is not when the pain began
        ("I have a herniated disc. Can I keep running? I'm training for a marathon in April", None),
        ("my back started hurting in april", 250),
    ],
)
def test_an_activitys_length_or_how_often_is_not_how_long(text: str, days: int | None) -> None:
    assert parse_duration_days(text, dt.date(2026, 12, 7)) == days


def test_how_many_weeks_asked_is_no_duration() -> None:
    today = dt.date(2026, 12, 3)
    assert parse_duration_days("How many weeks of physio will I need for my back?", today) is None
    assert parse_duration_days("back pain for many weeks", today) == 21


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("sorry I meant 4 days not 4 weeks", 4),
        ("4 days, not 4 weeks sorry", 4),
        ("been 2 weeks, not a month", 14),
        ("3 weeks not days", 21),
        ("not a lot, maybe 3 weeks", 21),  # "not" before no length
    ],
)
def test_the_length_said_instead_of_another_is_the_answer(text: str, days: int) -> None:
    assert parse_duration_days(text, TODAY) == days


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("car accident 10 years ago, my back has been sore on and off since", 3650),
        ("I fell off a ladder 3 months ago and it has hurt ever since", 90),
        ("surgery 3 years ago, fine since then. now an ache", None),
        ("hurt it 2 weeks ago", None),  # no "since": the story's own reading decides
    ],
)
def test_a_pain_lasting_since_a_dated_event_is_as_old_as_the_event(
    text: str, days: int | None
) -> None:
    assert lasted_since_the_event(text, TODAY) == days


@pytest.mark.parametrize(
    "text",
    [
        "my left leg sometimes feels a bit weak after sitting for ages",
        "driving for a long time makes it worse",
    ],
)
def test_how_long_something_was_done_is_no_length_of_pain(text: str) -> None:
    assert parse_duration_days(text, TODAY) is None


@pytest.mark.parametrize(
    ("text", "days"),
    [
        (
            "ok thats reassuring actually. think ill book with the physio after christmas. thanks",
            None,
        ),
        ("ill come in after christmas", None),
        ("book me in after the new year", None),
        ("it started after christmas", 347),
        ("been bad since xmas, I'll see the GP after new year", 347),
    ],
)
def test_a_holiday_a_visit_is_planned_for_is_no_start_of_the_pain(
    text: str, days: int | None
) -> None:
    assert parse_duration_days(text, dt.date(2026, 12, 7)) == days


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("Will losing weight help my back pain, and how many minutes of exercise a week?", None),
        ("I do 3 sessions of physio a week", None),
        ("I walk 30 minutes a day and it's been hurting for 3 weeks", 21),
    ],
)
def test_an_amount_each_week_is_no_length_of_pain(text: str, days: int | None) -> None:
    assert parse_duration_days(text, dt.date(2026, 12, 7)) == days


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("It is hurting in the bottom part when I sit long time at work.", None),
        ("been working from home for two years and lately my lower back feels stiff", None),
        ("I have been working as a nurse for 20 years and my back hurt for 3 weeks", 21),
        ("my back has hurt a long time", LONG_DURATION_DAYS),
    ],
)
def test_how_long_an_activity_or_a_job_went_on_is_not_the_pain(text: str, days: int | None) -> None:
    assert parse_duration_days(text, TODAY) == days


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("3/10", None),
        ("7 / 10", None),
        ("8 out of 10 since monday", 1),
        ("about 3/10 for 2 weeks", 14),
        # with "since", or with a year, it is a date
        ("since 3/10", 66),
        ("since 3/10/2026", 66),
    ],
)
def test_a_pain_score_is_no_date(text: str, days: int | None) -> None:
    assert parse_duration_days(text, dt.date(2026, 12, 8)) == days
