"""How long the pain has lasted, in days, from the patient's own words.

The referral rule compares days with a threshold, so every answer becomes a whole number
of days: "3 weeks" is 21, "a month" 30, "a year" 365. Vague amounts get fixed values
("a couple" is 2, "a few" and "several" 3) and ranges take the upper end ("2-3 weeks" is
21) so a borderline answer leans towards seeing a specialist. "More than"/"over" adds a
day and "less than"/"almost" takes one away, so "more than 3 weeks" passes a "more than
21 days" rule and "almost 3 weeks" does not. Answers that only say it has been a long
time ("for ages", "years", "forever", "a long while") give LONG_DURATION_DAYS, and "a good
while" or "quite a while" a month. Seasons count from the first day of the season (the
clinic's, northern hemisphere): "since the summer" is since 1 June, "since late summer"
since mid-August; "last winter" in January is the winter before this one.

When a sentence holds several durations the longest counts: it is how long the pain
has lasted, not how long since it last got worse.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator

from dateutil.easter import easter

from clinic.dates import read_date
from clinic.number_words import ONE_TO_TEN, ONE_TO_TWELVE

# "For ages", "years", "forever": at least a year, well past any referral threshold.
LONG_DURATION_DAYS = 365

_UNIT_DAYS = {
    "minute": 1 / 1440,
    "hour": 1 / 24,
    "day": 1.0,
    "week": 7.0,
    "fortnight": 14.0,
    "month": 30.0,
    "year": 365.0,
}
# With the misspellings patients type in a hurry ("sinse 3 munths", "2 weks").
_UNIT_WORDS = {
    "minute": r"minutes?|mins?",
    "hour": r"hours?|hrs?",
    "day": r"days?|dayz|dys",
    "week": r"weeks?|wks?|weks?|weeeks?|wkes?",
    "fortnight": r"fortnights?",
    "month": r"months?|mths?|mnths?|mos?|munths?|monts?|mounths?|monhts?|mnoths?",
    "year": r"years?|yrs?|yeras?|yeers?|yers?",
}
# One-letter units only straight after digits: "3d", "6w", "2y".
_SHORT_UNITS = {"h": "hour", "d": "day", "w": "week", "y": "year"}

_SMALL_NUMBERS = {
    "zero": 0,
    **ONE_TO_TWELVE,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}
_VAGUE_NUMBERS = {"couple": 2, "few": 3, "several": 3, "a": 1, "an": 1}

_WORD_NUMBER = (
    r"(?:(?:" + "|".join(_TENS) + r")(?:[- ](?:" + "|".join(list(_SMALL_NUMBERS)[1:10]) + r"))?"
    r"|" + "|".join(_SMALL_NUMBERS) + r")"
)
_NUMBER = (
    r"(?:\d+(?:\.\d+)?|" + _WORD_NUMBER + r"|(?:a\s+)?couple(?:\s+of)?|(?:a\s+)?few|several"
    r"|half\s+an?|an?)"
)
_UNIT = "|".join(f"(?P<{name}>{words})" for name, words in _UNIT_WORDS.items())
_ANY_UNIT = "|".join(_UNIT_WORDS.values())
_AMOUNT = re.compile(
    r"(?P<qualifier>\b(?:more\s+than|longer\s+than|over|less\s+than|under|almost|nearly|"
    r"not\s+quite|just\s+under)\s+)?"
    r"(?:(?P<low>\d+(?:\.\d+)?)\s*-\s*|(?P<low_word>" + _NUMBER + r")\s+(?:to|or)\s+)?"
    r"\b(?P<number>" + _NUMBER + r")"
    r"(?P<half_before>\s+and\s+a\s+half)?"
    r"(?:\s*-?\s*(?:" + _UNIT + r")\b|(?<=\d)\s?(?P<short>[hdwy])\b)"
    r"(?P<half_after>\s+and\s+a\s+half)?"
    r"(?:\s+or\s+(?P<or_number>" + _NUMBER + r")\b(?!\s*(?:" + _ANY_UNIT + r")))?",
)
# "45 years old", "twice a week", "in 2 weeks" (the future) or "every 2 days" are not how
# long the pain has lasted.
_NOT_A_DURATION_AFTER = re.compile(r"^\s*(?:old\b|of\s+age\b|a\s+(?:day|week|month|year)\b|per\b)")
_NOT_A_DURATION_BEFORE = re.compile(
    r"\b(?:in|every|each|next|aged|age|per|once|twice|times|minutes?|hours?|days?|weeks?|months?)"
    r"\s+$"
)

# "Some days" alone is how often ("it's severe some days"), not how long: only "for some
# days" or "some weeks now" is.
_BARE_PLURAL = re.compile(
    r"(?:^(?!some\s)|\b(?:for|been|many|past|last)\s+(?:(?:many|some|several)\s+)?"
    r"|\bsome\s+(?=(?:days|weeks|months|years)\s+(?:now|already|ago|back)\b))"
    r"(?P<unit>days|weeks|months|years)\b(?!\s+(?:old|of\s+age)\b)"
)
_BARE_PLURAL_DAYS = {"days": 3, "weeks": 21, "months": 90, "years": LONG_DURATION_DAYS}
_LONG = re.compile(
    r"\b(?:ages|forever|decades?|years\s+and\s+years|(?:a\s+)?long\s+(?:time|while)|"
    r"as\s+long\s+as\s+i\s+(?:can|could)\s+remember|donkey'?s\s+years|"
    r"since\s+(?:i\s+was\s+(?:a\s+)?(?:kid|child|teenager|teen|young|little)|childhood))\b"
    r"|\b(?:years|yrs)\b(?!\s+(?:old|of\s+age|ago)\b)"
)
# "A good while", "quite a while": longer than a few weeks, said without a number.
_A_WHILE = re.compile(r"\b(?:(?:a\s+)?(?:good|fair|decent)\s+while|quite\s+a\s+while)\b")
A_WHILE_DAYS = 30
_RELATIVE_DAYS = (
    (re.compile(r"\b(?:the\s+)?day\s+before\s+yesterday\b"), 2),
    (re.compile(r"\byesterday\b|\blast\s+night\b"), 1),
    (
        re.compile(
            r"\btoday\b|\bthis\s+(?:morning|afternoon|evening)\b|\btonight\b|\bjust\s+now\b"
            r"|\bjust\s+started\b|\ban\s+hour\s+ago\b"
        ),
        0,
    ),
    (re.compile(r"\bthe\s+other\s+day\b"), 3),
    (re.compile(r"\b(?:last|past)\s+(?:week|wk)\b"), 7),
    (re.compile(r"\b(?:last|past)\s+fortnight\b"), 14),
    (re.compile(r"\b(?:last|past)\s+month\b"), 30),
    (re.compile(r"\b(?:last|past)\s+year\b"), 365),
    # "back pain. week. 3/10": a unit alone, as a whole answer or sentence, is one of it.
    (
        re.compile(
            r"(?:^|\.\s+)(?:about\s+|around\s+|like\s+)?(?:a\s+)?week(?:ish)?(?:\s+or\s+so)?(?:\.|$)"
        ),
        7,
    ),
    (
        re.compile(
            r"(?:^|\.\s+)(?:about\s+|around\s+|like\s+)?(?:a\s+)?fortnight(?:\s+or\s+so)?(?:\.|$)"
        ),
        14,
    ),
    (
        re.compile(
            r"(?:^|\.\s+)(?:about\s+|around\s+|like\s+)?(?:a\s+)?month(?:ish)?(?:\s+or\s+so)?(?:\.|$)"
        ),
        30,
    ),
    (
        re.compile(
            r"(?:^|\.\s+)(?:about\s+|around\s+|like\s+)?(?:a\s+)?year(?:ish)?(?:\s+or\s+so)?(?:\.|$)"
        ),
        365,
    ),
)
_THIS_WEEK = re.compile(r"\b(?:this|the\s+start\s+of\s+the)\s+week\b")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(
    # "started after football sunday": a few words may stand between the start and its day.
    r"\b(?:since|on|last|from|(?:started|began|begun)(?:\s+[a-z']+){0,3}?)\s+(?:last\s+|on\s+)?(?P<day>"
    + "|".join(_WEEKDAYS)
    + r")\b|\b(?:since|over|at|last)\s+(?:the\s+)?(?P<weekend>weekend)\b"
)
# What comes before "on Friday" when the day is a plan: an appointment, seeing the doctor.
_PLANNED = re.compile(
    r"(?:\b(?:appointment|appt|booked|booking|(?:seeing|see|visiting|visit)\s+(?:the|my|a|her|his)"
    r"|will|gonna|going\s+to\s+(?:see|the|my)|this\s+coming|next)\b|'ll\b)[^.;!?]*$"
)
# "Think ill book with the physio after christmas", "come in after new year": a plan (beside
# the words of _PLANNED, which read a plan for a day).
_TO_BOOK = re.compile(r"\b(?:book|come\s+in|see\s+(?:the|a|you))\b[^.;!?]*$")
_HOLIDAY = re.compile(
    r"(?:^|\b(?:since|from|after|over|at|around|before|about|last|started\s+at)\s+)(?:last\s+)?"
    r"(?:the\s+)?(?P<holiday>christmas|xmas|new\s+year'?s?(?:\s+day|\s+eve)?|easter|"
    r"halloween|boxing\s+day)\b"
)
_SINCE_YEAR = re.compile(r"\b(?:since|from|in|started\s+in|back\s+in)\s+(?P<year>(?:19|20)\d\d)\b")
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
)
_SINCE_DATE = re.compile(
    r"(?:^|\b(?P<trigger>since|from|started|starting|began|begun|back\s+in|start\s+of|in)\s+)"
    r"(?:(?:in|on|around|about|at)\s+)?(?P<last>last\s+)?(?P<part>early|mid|middle\s+of|late|the\s+end\s+of|"
    r"end\s+of|the\s+start\s+of|the\s+beginning\s+of|beginning\s+of)?[\s-]*"
    r"(?P<date>(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s+(?:" + _MONTHS + r")\b"
    r"(?:\s+\d{4})?|(?:" + _MONTHS + r")\b(?:\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\b)?"
    r"(?:\s+\d{4})?|\d{1,2}/\d{1,2}(?:/\d{2,4})?|the\s+\d{1,2}(?:st|nd|rd|th)\b)"
)
# The first month of each season, and how far into it "early", "mid" or "late" is.
_SEASON_START = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_SEASON_JUST_BEGUN = 30
_SEASON_PART_DAYS = {"early": 0, "start": 0, "beginning": 0, "mid": 45, "middle": 45}
_SEASON_PART_DAYS |= {"late": 75, "end": 75}
_SEASON = re.compile(
    r"(?:^|\b(?P<trigger>since|from|after|over|started|starting|began|begun|start|back\s+in)"
    r"\s+)(?:(?:in|during|over|around|about|at)\s+)?(?:the\s+)?"
    r"(?:(?P<part>start|beginning|middle|end)\s+of\s+(?:the\s+)?|(?P<early_late>early|mid|late)"
    r"[\s-]+(?:the\s+)?)?"
    r"(?P<which>last\s+|this\s+(?:past\s+)?)?(?P<season>spring|summer|autumn|winter"
    # "since the fall a month ago": a fall, not autumn
    r"|fall(?!\s+(?:a|an|\d+|one|two|three|few|a\s+few|a\s+couple\s+of)\s+(?:days?|weeks?|months?)"
    r"\s+ago))\b"
)
_START_OF_YEAR = re.compile(
    r"\b(?:since|from)\s+(?:the\s+(?:start|beginning)\s+of|early)\s+(?:the|this)\s+year\b"
)
_FIXED_HOLIDAYS = {"halloween": (10, 31), "boxing day": (12, 26)}
_PART_DAY = {"mid": 15, "middle of": 15, "late": 24, "the end of": 24, "end of": 24}


def parse_duration_days(text: str, today: dt.date) -> int | None:
    """How many days the pain has lasted, or None when the text gives no duration.

    `today` anchors dates ("since March" counts from the most recent 1 March not after
    today) so the answer never depends on the clock.
    """
    # "Weak after sitting for ages": how long something was done, not how long it has hurt.
    cleaned = _PAIN_SCORE.sub(" ", _DONE_FOR_LONG.sub(" ", _normalise(text)))
    if not cleaned:
        return None
    # "Surgery 5 years ago ... now stiffness for 2 weeks": when the message gives the
    # pain a duration of its own, an event dated "ago" is not how long the pain has lasted.
    without_events = _EVENT_AGO.sub(" ", cleaned)
    # "4 days not 4 weeks": the length said instead of another is the answer.
    said_instead = _DENIED_LENGTH.sub(" ", without_events)
    return (
        _longest(said_instead, today) or _longest(without_events, today) or _longest(cleaned, today)
    )


_DONE_FOR_LONG = re.compile(
    r"\b(?:sitting|sit|sat|standing|stand|stood|walking|walk|walked|driving|drive|drove|running"
    r"|typing|working\s+at\s+(?:my|the)\s+desk|lying|lie|lay|bending|gardening|cycling"
    r"|travel+ing|queu(?:e|ing)|waiting)\s+(?:down\s+|still\s+|up\s+|around\s+)?"
    # "when I sit long time at work": the "for" and "a" left out.
    r"(?:for\s+(?:ages|a\s+long\s+(?:time|while)|too\s+long|long)"
    r"|(?:a\s+)?long\s+(?:time|while)|too\s+long)\b"
    # "working from home for two years, lately my back feels stiff": how long the job has
    # gone on, not the pain.
    r"|\b(?:working|worked|i'?ve\s+been|i\s+have\s+been)\s+(?:from\s+home|remotely|at\s+(?:a|an|the|my)"
    r"\s+\w+|in\s+(?:an?\s+|the\s+)?(?:office|warehouse|factory|shop|kitchen|hospital|care\s+home)"
    r"|as\s+an?\s+\w+)\s+for\s+(?:about\s+|around\s+|over\s+|nearly\s+|almost\s+)?(?:\d+|an?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|a\s+few|a\s+couple\s+of"
    r"|several|many)\s+(?:years?|yrs?|months?|decades?)\b"
)
# "3/10", "7 / 10", "8 out of 10": a pain score, not the 3rd of October; "since 3/10" and
# "3/10/2026" are dates.
_PAIN_SCORE = re.compile(
    r"(?<!\bsince\s)(?<!\bfrom\s)(?<!\bon\s)(?<!\bstarted\s)(?<![/\d])"
    r"\b(?:10|[0-9](?:\.5)?)\s*/\s*10\b(?!\s*/)|\b\d+\s+out\s+of\s+10\b"
)
_DENIED_LENGTH = re.compile(
    r"\b(?:not|rather\s+than|instead\s+of)\s+(?:about\s+|like\s+|the\s+)?(?:\d+|an?|one|two|three"
    r"|four|five|six|seven|eight|nine|ten|few|couple\s+of)?\s*(?:days?|weeks?|wks?|months?"
    r"|years?|yrs?)\b"
)


_EVENT_AGO = re.compile(
    r"\b(?:surgery|operation|op|had\s+(?:an?\s+)?\w+)\b[^.!?;]{0,40}?\b(?:\d+|a|an|one|two|three"
    r"|four|five|six|seven|eight|nine|ten|few|couple\s+of)\s+(?:years?|months?|weeks?)\s+ago\b"
    # "I broke my wrist on the ice in 2004": an injury of its own year.
    r"|\b(?:broke|broken|fractured|injured|sprained|dislocated|surgery|operation|op|fell|fall)\b"
    r"[^.!?;]{0,40}?\bin\s+(?:19|20)\d\d\b"
)


def _longest(cleaned: str, today: dt.date) -> int | None:
    found = [
        *_amounts(cleaned),
        *_relative_days(cleaned, today),
        *_dates(cleaned, today),
        *_vague(cleaned),
    ]
    return max(found) if found else None


# Hedges between "since" and the date ("since like the weekend", "since about March",
# "since sometime in september"): the date after them is still the answer.
_HEDGE_AFTER_TRIGGER = re.compile(
    r"\b(?P<trigger>since|from|started|starting|began|begun)\s+"
    r"(?:(?:like|about|around|roughly|approximately|approx|maybe|probably|just|basically|"
    r"kinda|kind\s+of|sort\s+of|i\s+think|i\s+guess|at\s+least|sometime|some\s+time"
    # "since the start of the season, september": the date said after the event.
    r"|the\s+(?:start|beginning)\s+of\s+(?:the\s+)?(?:season|term|school\s+year)(?=\s+\w)"
    # "since my birthday, oct 20": the occasion, then its date.
    r"|(?:my|his|her|our)\s+(?:birthday|holiday|holidays|wedding|trip|move)(?=\s+\w))\s+)+"
)


# "I'm about 26 weeks", "24 weeks pregnant": how far along a pregnancy is, not the pain.
_WEEKS_PREGNANT = re.compile(
    r"\b(?:(?:i'm|im|i\s+am|she's|shes|she\s+is)\s+(?:about\s+|nearly\s+|almost\s+|only\s+|just\s+)?"
    r"\d{1,2}\s*(?:weeks?|wks?)\b(?!\s+(?:into|of|with|now|since|in)\b)"
    r"|\d{1,2}\s*(?:weeks?|wks?)\s+(?:pregnant|along|gone)\b"
    # "baby due in march": when the baby comes, not when the pain began.
    r"|\bdue\s+(?:in|on|around|by|at\s+the\s+end\s+of)\s+(?:the\s+)?\w+)"
)


# "Takes me about half an hour to loosen up", "stiff for an hour every morning": how long
# the stiffness lasts each day, not how long the pain has been there.
_TIME_IT_TAKES = re.compile(
    r"\btak(?:e|es|ing|en)\s+(?:me|him|her|us|them\s+)?\s*(?:about\s+|around\s+|roughly\s+"
    r"|nearly\s+|almost\s+|at\s+least\s+|over\s+|like\s+)?(?:half\s+an?|an?|\d+|a\s+few|a\s+couple"
    r"\s+of|one|two|three|twenty|thirty|forty|ten|fifteen)\s+(?:minutes?|mins?|hours?|hrs?)\b"
    r"|\b(?:for\s+)?(?:about\s+|around\s+)?(?:half\s+an?|an?|\d+|one|two|ten|twenty|thirty)\s+"
    r"(?:minutes?|mins?|hours?|hrs?)\s+(?:every|each|in\s+the|first\s+thing\s+in\s+the)\s+"
    r"(?:morning|day|night|evening)s?\b"
    # "stiff first thing in the morning for about half an hour": each morning, told first.
    r"|\b(?:first\s+thing|in\s+the\s+mornings?|mornings|when\s+i\s+(?:get|wake)\s+up)\b[^.!?;]{0,40}?"
    r"\bfor\s+(?:about\s+|around\s+|roughly\s+|maybe\s+)?(?:half\s+an?|an?|\d+|one|two|ten|twenty"
    r"|thirty|forty|a\s+few|a\s+couple\s+of)\s+(?:minutes?|mins?|hours?|hrs?)\b"
    # "When I walk for like 20 mins", "after sitting for an hour": how long an activity
    # lasts, not the pain.
    r"|\b(?:walk|walking|walked|sit|sitting|sat|stand|standing|stood|drive|driving|drove|run"
    r"|running|ran|cycle|cycling|work|working|lie|lying)\s+(?:for\s+)?(?:like\s+|about\s+|around\s+"
    r"|more\s+than\s+|over\s+|a\s+good\s+)?(?:half\s+an?|an?|\d+|one|two|ten|twenty|thirty|forty"
    r"|a\s+few|a\s+couple\s+of)\s*(?:minutes?|mins?|hours?|hrs?)\b"
    # "I do crossfit 3x a week", "twice a week", "3 times a day": how often, not how long.
    r"|\b(?:\d+\s*x|\d+\s+times|once|twice|three\s+times|four\s+times)\s+(?:a|per|each|every)\s+"
    r"(?:day|week|month)\b"
    # "How many minutes of exercise a week do I need?": an amount in a week, not how long.
    r"|\b(?:minutes?|mins?|hours?|hrs?|times?|sessions?|workouts?|classes)\b(?:\s+[a-z']+){0,3}?"
    r"\s+(?:a|per|each|every)\s+(?:day|week|month)\b"
)


# "Last week a couple of nights it was an 8", "yesterday it hit 9": when the pain was that
# bad, not when it began.
_WHEN_IT_SCORED = re.compile(
    r"\b(?:last\s+(?:week|night|weekend)|yesterday|the\s+other\s+day|this\s+morning)\b"
    r"(?=[^.!?;]{0,40}?\b(?:was|were|got|hit|reached|went\s+up\s+to)\s+(?:an?\s+|about\s+|like\s+)?"
    r"(?:\d{1,2}\b|one|two|three|four|five|six|seven|eight|nine|ten)\b(?!\s*(?:days?|weeks?|months?"
    r"|years?|hours?|times?)))"
)
_A_START_BEFORE = re.compile(
    r"\b(?:since|from|started|starting|began|begun|start|hurt|injured|did|pulled|tweaked)"
    r"(?:\s+\w+){0,2}\s*$"
)


def _unless_a_start(match: re.Match[str]) -> str:
    """The time a score was told at, unless it is when the pain began ("started last week")."""
    return match[0] if _A_START_BEFORE.search(match.string[: match.start()]) else " "


_EVER_SINCE = re.compile(r"\bever\s+since\b|\bsince\s+then\b")
_TOLD_WHEN = re.compile(
    r"\b(?:back\s+)?(?:in\s+)?(?P<when>(?:last|this\s+past)\s+(?:spring|summer|autumn|winter|year)"
    r"|in\s+(?:january|february|march|april|may|june|july|august|september|october"
    r"|november|december))\b"
)


# "How many weeks of physio will I need?": a question about a length of time, not one told.
_ASKS_HOW_LONG = re.compile(r"\bhow\s+(?:many|much)\s+(?:days|weeks|months|years|time)\b")


def _normalise(text: str) -> str:
    lowered = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-")
    lowered = _NEGATED_AMOUNT.sub(" ", lowered)
    lowered = _ASKS_HOW_LONG.sub(" ", lowered)
    lowered = _TIME_IT_TAKES.sub(" ", lowered)
    lowered = _WHEN_IT_SCORED.sub(_unless_a_start, lowered)
    # "Training for a marathon in April", "a wedding in June": an event to come, not when
    # the pain began.
    lowered = _AN_EVENT_IN_A_MONTH.sub(" ", lowered)
    # "Ever since I moved house, which was mid October": since the time the event was.
    lowered = _SINCE_AN_EVENT_WHEN.sub(r"since \g<when>", lowered)
    if _EVER_SINCE.search(lowered) and not re.search(r"\bsince\s+(?!then\b)\w", lowered):
        # "Last spring I was moving boxes, and it has been bad ever since": the time told
        # first is when it began.
        lowered = _TOLD_WHEN.sub(r"since \g<when>", lowered, count=1)
    cleaned = " ".join(re.sub(r"[^\w'./\-\s]", " ", lowered).split())
    cleaned = _TYPED_SHORT.sub(lambda match: _IN_FULL[match.group()], cleaned)
    cleaned = _SHORT_DAY.sub(lambda match: f"{match['lead']} {_DAY_IN_FULL[match['day']]}", cleaned)
    cleaned = _WEEKS_PREGNANT.sub(" ", cleaned)
    cleaned = _HALF_WITHOUT_UNIT.sub(r"\g<said> \g<unit>", cleaned)
    return _HEDGE_AFTER_TRIGGER.sub(r"\g<trigger> ", cleaned)


_AN_EVENT_IN_A_MONTH = re.compile(
    r"\b(?:marathon|half\s+marathon|race|wedding|holiday|trip|exam|exams|competition|match|game"
    r"|tournament|event|party|concert|gig|flight)\s+(?:\w+\s+){0,2}?(?:in|on|this|next|coming)\s+"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b"
)
_SINCE_AN_EVENT_WHEN = re.compile(
    r"\bsince\s+(?:i|we|he|she|my|the)\b[^.!?,;]{0,40}?,?\s+(?:which|that)\s+(?:was|were)\s+"
    r"(?:in\s+|on\s+|at\s+|around\s+|about\s+)?(?P<when>(?:early\s+|mid\s*-?\s*|late\s+|the\s+end\s+of\s+"
    r"|the\s+start\s+of\s+|the\s+beginning\s+of\s+)?[a-z0-9]+(?:\s+[a-z0-9]+)?)"
)


# Words for time typed short or slipped on a phone: "hurt my bak yday", "sinc tusday".
_IN_FULL = {
    "yday": "yesterday",
    "yest": "yesterday",
    "ystdy": "yesterday",
    "yesterdy": "yesterday",
    "yesteday": "yesterday",
    "yestarday": "yesterday",
    "sinc": "since",
    "sence": "since",
    "sinse": "since",
    "snce": "since",
    "tusday": "tuesday",
    "teusday": "tuesday",
    "wensday": "wednesday",
    "wednsday": "wednesday",
    "wendsday": "wednesday",
    "thrusday": "thursday",
    "thursdy": "thursday",
    "dys": "days",
}
_TYPED_SHORT = re.compile(r"\b(?:" + "|".join(_IN_FULL) + r")\b")
# A weekday cut short after "since" or "on": "since tues", "on weds" ("sun" and "sat" only
# there, where they cannot be the sun or a sat exam).
_DAY_IN_FULL = {
    "mon": "monday",
    "tue": "tuesday",
    "tues": "tuesday",
    "wed": "wednesday",
    "weds": "wednesday",
    "thu": "thursday",
    "thur": "thursday",
    "thurs": "thursday",
    "fri": "friday",
    "sat": "saturday",
    "sun": "sunday",
}
_SHORT_DAY = re.compile(
    r"\b(?P<lead>since|from|on|last)\s+(?P<day>" + "|".join(_DAY_IN_FULL) + r")\b"
)


# "Sorry, not 10 days, 10 weeks": the amount taken back is not the answer.
_NEGATED_AMOUNT = re.compile(
    r"\bnot\s+(?:\d+|a|an|" + ONE_TO_TEN + r"|a\s+few)\s+"
    r"(?:days?|weeks?|months?|years?)\s*(?:,|but|;|-|\.)"
)


# "2-3 weeks, maybe 3 and a half": the weeks just named, said again without the word.
_HALF_WITHOUT_UNIT = re.compile(
    r"(?P<said>\b(?P<unit>days?|weeks?|months?|years?)\b[\s,;-]*(?:(?:maybe|or|actually|more"
    r"|like|probably|prob|nearly|almost|about|around|closer\s+to|no|sorry)\s+)*"
    r"(?:\d+|" + ONE_TO_TEN + r")\s+and\s+a\s+half)\b"
    r"(?!\s+(?:days?|weeks?|wks?|months?|years?|yrs?)\b)"
)


def _number_value(raw: str) -> float:
    words = raw.split()
    word = words[-1] if words else raw
    if words and words[0] == "half":
        return 0.5
    if word in _VAGUE_NUMBERS:
        return float(_VAGUE_NUMBERS[word])
    if word == "of":
        return float(_VAGUE_NUMBERS[words[-2]])
    if re.fullmatch(r"\d+(?:\.\d+)?", raw):
        return float(raw)
    parts = re.split(r"[- ]", raw)
    return float(sum(_TENS.get(part, _SMALL_NUMBERS.get(part, 0)) for part in parts))


def _round_days(days: float) -> int:
    return max(0, math.floor(days + 0.5))


def _amounts(text: str) -> Iterator[int]:
    previous_end = -1
    previous_unit = math.inf
    previous_days = 0.0
    for match in _AMOUNT.finditer(text):
        if _NOT_A_DURATION_AFTER.match(text[match.end() :]) or _NOT_A_DURATION_BEFORE.search(
            text[: match.start()]
        ):
            continue
        unit = next(name for name in _UNIT_WORDS if match.group(name)) if not match["short"] else ""
        unit = unit or _SHORT_UNITS[match["short"]]
        number = _number_value(match["number"])
        for extra in (match["low"], match["low_word"], match["or_number"]):
            if extra:
                number = max(number, _number_value(extra))
        if match["half_before"] or match["half_after"]:
            number += 0.5
        days = number * _UNIT_DAYS[unit]
        qualifier = " ".join((match["qualifier"] or "").split())
        if qualifier in ("more than", "longer than", "over"):
            days += 1
        elif qualifier:
            days = max(0.0, days - 1)
        # "2 weeks and 3 days" is one duration of 17 days.
        joined = re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", text[previous_end : match.start()])
        if joined and _UNIT_DAYS[unit] < previous_unit:
            days += previous_days
        previous_end, previous_unit, previous_days = match.end(), _UNIT_DAYS[unit], days
        yield _round_days(days)


def _relative_days(text: str, today: dt.date) -> Iterator[int]:
    for pattern, days in _RELATIVE_DAYS:
        if pattern.search(text):
            yield days
    if _THIS_WEEK.search(text):
        yield today.weekday()
    for match in _WEEKDAY.finditer(text):
        if match[0].startswith("on") and _PLANNED.search(text[: match.start()]):
            continue  # "an appointment with my GP on Friday" is a plan, not when it began
        target = _WEEKDAYS.index(match["day"]) if match["day"] else 5  # the weekend: Saturday
        yield (today.weekday() - target) % 7 or 7


def _dates(text: str, today: dt.date) -> Iterator[int]:
    for match in _HOLIDAY.finditer(text):
        if not match[0].lstrip().startswith(("since", "from", "started", "last", "over")) and (
            _PLANNED.search(text[: match.start()]) or _TO_BOOK.search(text[: match.start()])
        ):
            continue  # "I'll book with the physio after Christmas" is a plan
        yield (today - _most_recent_holiday(match["holiday"], today)).days
    for match in _SEASON.finditer(text):
        if not match["trigger"] and match.end() != len(text):
            continue  # a bare season counts only as the whole answer ("in winter it's worse")
        if match["season"] == "fall" and not re.search(r"\b(?:the|last|this)\s+fall$", match[0]):
            continue  # "since my fall" is an accident, not autumn
        which = (match["which"] or "").strip()
        season_start = _season_start(match["season"], today, last=which == "last")
        if not which.startswith("this") and (today - season_start).days < _SEASON_JUST_BEGUN:
            # "since the winter" said in early December: nobody names a season for days of
            # pain, so it is the winter before.
            season_start = season_start.replace(year=season_start.year - 1)
        part = match["part"] or match["early_late"] or "start"
        anchor = season_start + dt.timedelta(days=_SEASON_PART_DAYS[part])
        if anchor > today:  # "late winter" early in the winter: the winter before
            before = season_start - dt.timedelta(days=1)
            anchor = _season_start(match["season"], before, last=False)
            anchor += dt.timedelta(days=_SEASON_PART_DAYS[part])
        yield (today - anchor).days
    if _START_OF_YEAR.search(text):
        yield (today - dt.date(today.year, 1, 1)).days
    for match in _SINCE_YEAR.finditer(text):
        new_year = dt.date(int(match["year"]), 1, 1)
        if new_year <= today:
            yield (today - new_year).days
    for match in _SINCE_DATE.finditer(text):
        if not match["trigger"] and match.end() != len(text):
            continue  # a bare date counts only as the whole answer ("may I ask..." is not May)
        start = _parse_date(match["date"], today)
        if start is None:
            continue
        if match["last"] and start.month == today.month and start.year == today.year:
            start = start.replace(year=start.year - 1)  # "since last December" in December
        part = " ".join((match["part"] or "").split())
        if part in _PART_DAY and not re.search(r"\d", match["date"]):
            start = start.replace(day=_PART_DAY[part])
            if start > today:
                start = start.replace(year=start.year - 1)
        yield (today - start).days


def _season_start(season: str, today: dt.date, *, last: bool) -> dt.date:
    """The first day of the most recent such season begun by `today`.

    "Last summer" said in the summer is the one before.
    """
    month = _SEASON_START[season]
    start = dt.date(today.year, month, 1)
    if start > today:
        start = start.replace(year=today.year - 1)
    if last and today < _add_months(start, 3):
        start = start.replace(year=start.year - 1)
    return start


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    return day.replace(year=day.year + month // 12, month=month % 12 + 1)


def _most_recent_holiday(name: str, today: dt.date) -> dt.date:
    name = " ".join(name.replace("'", "").split())
    day = today
    for year in (today.year, today.year - 1):
        if name == "easter":
            day = easter(year)
        elif name.startswith("new year"):
            day = dt.date(year, 12, 31) if name.endswith("eve") else dt.date(year, 1, 1)
        else:
            day = dt.date(year, *_FIXED_HOLIDAYS.get(name, (12, 25)))
        if day <= today:
            return day
    return day


def _parse_date(fragment: str, today: dt.date) -> dt.date | None:
    """A date not after `today`, read with dateparser ("March" is the 1st of March)."""
    parsed = read_date(fragment, today, prefer="past")
    if parsed is None:
        return None
    start = parsed.date()
    if start > today:
        try:
            start = start.replace(year=start.year - 1)
        except ValueError:  # 29 February
            start = start.replace(year=start.year - 1, day=28)
    return start


# "Will I have it forever?", "is this for life": what lies ahead, not how long it has been.
_AHEAD = re.compile(
    r"\b(?:will|'ll|gonna|going\s+to|have\s+to|stuck\s+with|live\s+with)\b[^.?!,]{0,30}?"
    r"\b(?:forever|for\s+years|for\s+ages)\b|\b(?:last|lasts)\s+forever\b"
)


def _vague(text: str) -> Iterator[int]:
    text = _AHEAD.sub(" ", text)
    if _LONG.search(text):
        yield LONG_DURATION_DAYS
    if _A_WHILE.search(text):
        yield A_WHILE_DAYS
    for match in _BARE_PLURAL.finditer(text):
        yield _BARE_PLURAL_DAYS[match["unit"]]


# "Car accident 10 years ago, sore on and off since", "fell 3 months ago and it has hurt
# ever since": the pain has lasted since the event the message dates.
_EVER_SINCE = re.compile(
    r"\b(?:ever\s+since|since\s+(?:then|that|it\s+happened)\b)|\bsince\s*[.!]*\s*$", re.IGNORECASE
)
_WELL_SINCE = re.compile(
    r"\b(?:fine|ok|okay|better|good|well|healed|recovered|no\s+(?:problems?|issues?|pain))\W*"
    r"(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)
_AGO = re.compile(
    r"\b(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few"
    r"|couple\s+of)\s+(?:days?|weeks?|months?|years?)\s+ago\b",
    re.IGNORECASE,
)


def lasted_since_the_event(text: str, today: dt.date) -> int | None:
    """How long ago the dated event was, when the pain is said to have lasted since it."""
    since = _EVER_SINCE.search(text)
    if not since or _WELL_SINCE.search(text[max(0, since.start() - 30) : since.start()]):
        return None  # "Surgery 3 years ago, fine since then": nothing has lasted
    dated = _AGO.search(text)
    return parse_duration_days(dated.group(0), today) if dated else None
