"""Reading a patient's answer ("Tuesday morning", "after 5pm or on a Saturday") into a preference.

The clinic's words are read here; dates and clock times inside them are read by dateparser
(clinic/dates.py), loaded only for an answer that has one.

How answers are read, where they could be read more than one way:

- "Friday" and "Tuesday morning" allow every such day in the window, soonest first. "This
  Friday" is the coming one (today if it is Friday). "Next Friday" is ambiguous in British
  English (the coming one or the one after), so it allows both: Fridays from tomorrow.
- "Next week" is Monday to Sunday of the following week; "this week" runs from now to
  Sunday night, but said on a Saturday or Sunday it is the coming week; "this week or
  next" is both. "Next weekend" allows weekends from tomorrow, like "next Friday".
- A bare hour is a clinic hour: 1 to 7 are afternoon ("after 3" is 15:00), 8 to 12 morning
  or noon. "At 3pm" means starting between 15:00 and 16:00; "around 3pm" an hour either side.
- "After the 5th" starts on the 6th, "from the 5th" on the 5th; "before the 10th" ends on
  the 9th, "by/until the 10th" on the 10th.
- A date and a weekday that agree ("Tuesday 1 December") are one day. When they do not
  ("tomorrow or Thursday") either is allowed. If a weekday filter leaves no day in the
  window at all, the date wins and the filter is dropped.
- Negation is read within a clause: "not Mondays", "any day except Monday" and "Monday is
  no good" exclude Mondays; "can't do mornings" means from noon and "not evenings" before
  17:00; "not before 10" is from 10:00. An excluded date moves the start past it only when
  it is where the window would begin ("not today", "not this week"); an excluded date
  further on ("not next Tuesday") cannot be expressed by one window and is ignored, as is
  "not afternoons".
- A date in the past ("3 December 2020") gives None: nothing can be booked there.
- "Or" between alternatives that one set of filters cannot hold ("after 5pm or on a
  Saturday", "weekday evenings or Saturday morning") keeps each of them; a day or time said
  once at either end is shared ("Tuesday or Thursday morning", "Friday before 10 or after
  4"). Alternatives that differ only in days, or only in parts of the day, stay one
  preference, and an "or" inside a negation ("not Monday or Tuesday") splits nothing.
- Dates and clock times are dateparser's readings of the fragments the patterns find, with
  the spoken forms it does not read put its way first: "half past 2" is 2:30, "quarter to
  4" 3:45, British "half 10" 10:30, "midday" noon, "tmrw" tomorrow, "a couple of weeks" 2
  weeks, "a fortnight" 2 weeks. "The 3rd" is counted here: dateparser reads it as this
  month's even when it has passed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from clinic.booking.time_preference import (
    ALL_DAYS,
    EVENING,
    HORIZON,
    NOON,
    PART_SPLITS,
    PARTS_OF_DAY,
    WEEKEND,
    WORKING_DAYS,
    PartOfDay,
    Range,
    TimePreference,
)
from clinic.dates import DAY_NAMES, read_clock, read_date, read_day
from clinic.number_words import ONE_TO_TWELVE

Aspect = Literal["day", "time"]

_WEEKDAY = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?)s?\b"
)
WEEKDAY_WORDS = re.compile(r"\b" + _WEEKDAY, re.IGNORECASE)
"""A day of the week as patients write it ("thursday", "thurs", "thu", "mondays")."""
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
)
# A month on its own, without a day: full names only, and "may" only after "in"/"early"...
_MONTH_ONLY = (
    r"(?:january|february|march|april|june|july|august|september|october|november|december"
    r"|(?<=in )may|(?<=of )may|(?<=early )may|(?<=mid )may|(?<=late )may)\b"
)
_ORDINAL = r"(?:st|nd|rd|th)"
# Counts dateparser does not read ("in a couple of weeks"), as it reads them.
_VAGUE_COUNTS = {"a couple of": "2", "couple of": "2", "a few": "3", "few": "3", "several": "3"}
_COUNT = (
    r"(?:\d{1,2}|a\s+couple\s+of|couple\s+of|a\s+few|few|several|an?|one|two|three|four|five"
    r"|six|seven|eight|nine|ten)"
)
_HOUR_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_CLOCK = (
    r"(?:12\s*noon|noon|midday|\d{1,2}(?:[:.]\d{2})?(?:\s*(?:am|pm|o'?clock))?"
    r"|" + _HOUR_WORD + r"(?:\s*(?:am|pm|o'?clock))?)"
    r"(?!\s*(?:" + _ORDINAL + r"\b|days?\b|weeks?\b|months?\b|/|[:.]\d))(?![\w:])"
)
# Part of a month: "early December", "the end of next month".
_MONTH_PART = r"(?P<part>early|mid|late|(?:the\s+)?(?:start|beginning|middle|end)\s+of(?:\s+the)?)"

# Said in answers without being about the time: blanked before anything else is read.
_NOISE = re.compile(
    r"\bnot\s+(?:sure|fussy|bothered|picky)\b|\bno\s+(?:problem|worries)\b"
    # "on 2nd thoughts": no second of the month.
    r"|\b(?:on\s+)?(?:2nd|second)\s+thoughts?\b"
    # "No, I said Tuesday": an answer to the question, not a negation of what follows.
    # (Also after the day of the time chosen, put first: "8 dec no - the afternoon instead".)
    r"|(?:^\s*|(?<=^\d\s[a-z]{3}\s)|(?<=^\d\d\s[a-z]{3}\s))"
    r"(?:no|nope|nah)\b(?=\s+(?:i|i'm|i've|it|it's|its|that|that's|sorry|wait|please|like)\b"
    # "No can we do Wednesday afternoon instead", "no how about Friday": a new request.
    r"|\s+(?:(?:can|could|would)\s+(?:we|i|you|u|it)|what|how|maybe|actually|perhaps|make"
    r"|lets|let's|try|rather|instead)\b"
    # "No, Thursday at 2", "nah. after 3": a no to what was offered.
    r"|\s*[,.!\u2013-]+\s*(?!(?:not|no)\b))"
)
_ANY_TIME = re.compile(
    r"\b(?:as\s+soon\s+as\s+(?:possible|poss|you\s+can)|asap|any\s*time|whenever|soonest"
    r"|earliest(?:\s+(?:possible|available))?|first\s+available|next\s+available"
    r"|no\s+preference|(?:i\s+)?(?:don't|do\s+not)\s+(?:mind|care)|any\s+day|flexible"
    # ("Either day", not "my number is ... or email ..., either is fine": which contact.)
    r"|doesn't\s+matter|does\s+not\s+matter|either\s+(?:day|time)|all\s+good|24/7|1st\s+available"
    # "When DO you have something free?", "what's free?": the soonest times.
    r"|when\s+(?:do|are|is|will)\s+(?:you|there|they|anyone|someone)\s+(?:have\s+)?"
    r"(?:\w+\s+)?(?:free|available|open)|(?:something|anything|anyone)\s+(?:free|available)"
    r"|what(?:'s|\s+is)\s+(?:free|available)|whatever(?:'s|\s+is)\s+first|first\s+free)(?![\w/])"
)
# "Not before 10" and "no later than 4pm" are read as clock bounds, not as negations.
_NEGATOR = re.compile(
    r"\b(?:(?:not|no)(?!\s+(?:before|after|earlier|later)\b)|never|except|excluding|apart\s+from"
    r"|other\s+than|besides|but|cannot|can't|cant|can\s+not|couldn't|couldnt|won't|wont|don't"
    r"|didn'?t\s+ask\s+for|did\s+not\s+ask\s+for|not\s+asking\s+for"
    r"|dont|do\s+not|unable"
    # "She doesn't like going out after lunch": hers, said of what does not suit.
    r"|doesn'?t|doesnt|does\s+not"
    r"|busy|avoid"
    # "I'm away on the 17th, Monday 21st?": not there that day ("away until" is a start).
    r"|away(?!\s+(?:until|till|til|up\s+to|from)\b)|on\s+holiday(?=\s+(?:on|for|that|the)\b)"
    # "I work nights", "he's on lates": at work then.
    r"|(?:i|he|she|they|we)(?:'m|'s|'re|\s+am|\s+is|\s+are)?\s+(?:work|works|working|do|does|on)"
    r"\s+(?:the\s+)?(?=nights?\b|night\s+shifts?|evenings\b|lates\b|earlies\b|mornings\b)"
    # "No, those are Thursdays. I need a Friday": the days offered, not the day wanted.
    r"|(?:those|these|they)(?:'re|\s+are|\s+were)\s+(?:all\s+)?(?=(?:mon|tue|wed|thu|fri)\w*)"
    # "I look after my mum on Wednesdays": caring for someone then.
    r"|(?:i|he|she|they|we)\s+(?:look\s+after|care\s+for|babysit|mind)\s+(?:my|our|his|her|the)\s+\w+"
    # "I have the lunch club Tuesdays": an engagement on those days ("could I have an
    # appointment next week" asks for one).
    r"|(?<!can\s)(?<!could\s)(?<!may\s)(?<!might\s)(?<!would\s)(?<!shall\s)(?<!to\s)"
    r"(?:i|he|she|they|we)(?:'s|'ve|\s+has|\s+have)?\s+(?:have|has|got|go\s+to|goes\s+to|attends?)\s+"
    r"(?:the\s+|a\s+|an\s+|my\s+|his\s+|her\s+|their\s+|our\s+)?(?:\w+\s+){0,2}"
    r"(?:club|class|classes|dialysis|shift|shifts|lessons?|church|group|college|choir|run"
    r"|meetings?|work|training|practice|lectures?|pick\s*-?\s*ups?|drop\s*-?\s*offs?"
    # "He's got his eye appointment Tuesday", "I have a dentist appointment on Monday".
    r"|appointments?|appt|dentist|hospital|scan|surgery|operation)"
    r")\b"
)
_NEGATED_AFTER = re.compile(
    r"\b(?:(?:is|are|'s|'re|r)\s+(?:no\s+good|not\s+good|bad|out|difficult|impossible|tricky|hard"
    r"|not\s+possible|(?:the\s+)?school\s+run|busy|work|taken|full)|no\s+good"
    r"|(?:doesn't|don't|won't|wouldn't|does\s+not|do\s+not|doesnt|dont|wont|wouldnt)\s+work"
    r"|(?:isn't|aren't)\s+(?:good|possible)|not\s+possible|not\s+for\s+me|not\s+good"
    # "17th is my work xmas do", "Friday's my sister's wedding": taken by something else.
    r"|(?:is|are|'s|'re)\s+(?:my|our|his|her|their|the)\s+(?:[\w']+\s+){0,3}(?:do|party|wedding"
    r"|birthday|christening|funeral|holiday|trip|meeting|shift|night\s+out|hen\s+do|stag\s+do"
    # "Wednesday is my bowls club", "Friday's her swimming lesson"
    r"|appointment|exam|club|class|lesson|practice|training|choir|group|dialysis))\b"
    # "none of these, tomorrow I cant. wednesday?": that day, said not to suit.
    r"|\b(?:i|we)\s+(?:can'?t|cannot|can\s+not|cant)(?:\s+(?:do\s+it|make\s+it|come))?"
    r"(?=\s*(?:[.,;!?]|$))"
    # "thursday i just remembered i have the dentist": taken by something else.
    r"|\b(?:i\s+)?(?:just\s+)?(?:remembered|realised|realized|forgot)?\s*(?:that\s+)?i\s+"
    r"(?:have|'ve\s+got|got|am\s+at|'m\s+at)\s+(?:the|a|my|an)\s+(?:dentist|doctor|gp|hospital"
    r"|hairdresser|optician|meeting|appointment|interview|funeral|wedding|exam)\b"
)
# "But" starts a new clause, except in "but not" and "anything but", which negate.
_CLAUSE_BREAK = re.compile(
    r"[,;!?]|\.(?!\d)|(?<!anything )(?<!any day )(?<!any time )(?<!all )\bbut\b(?!\s+not)"
    r"|\bhowever\b|\bthough\b"
    # "She's got work on friday so thursday": what suits comes after "so".
    r"|\bso\b(?=\s+(?:mon|tue|wed|thu|fri|sat|sun|any|the\s|next|after|before|morning"
    # "I work nights so it has to be a Friday": what suits comes after "so".
    r"|afternoon|evening|\d|it\s|i\s|we\s|can\s|could\s|would\s|some))"
)


_RULED_OUT_DAY = re.compile(r"\bnot\s+(?:on\s+)?(?:a\s+|the\s+)?(?P<day>" + _WEEKDAY + r")")


def ruled_out_weekdays(text: str) -> frozenset[int]:
    """The weekdays the answer rules out ("Tuesday is no good", "not Mondays"), 0 = Monday."""
    return frozenset(
        _day_number(match["day"]) for match in _RULED_OUT_DAY.finditer(_normalise(text))
    )


def read_time_preference(text: str, now: dt.datetime) -> TimePreference | None:
    """The preference an answer states, or None; `now` is aware (see parse_time_preference)."""
    text = _normalise(_second_weekday_as_date(text, now.date()))
    pieces = _alternatives(text)
    readings = [_read(piece, now) for piece in pieces]
    if len(pieces) < 2 or not all(reading.recognised for reading in readings):
        # "2 or 3 weeks", "this or next week": one reading of the whole answer.
        return _read(text, now).result_if_recognised()
    # An alternative that leaves nothing ("3 December 2020 or Friday") is left out.
    kept = [
        (piece, reading)
        for piece, reading in zip(pieces, readings, strict=True)
        if reading.result() is not None
    ]
    if not kept:
        return None
    pieces, readings = [piece for piece, _ in kept], [reading for _, reading in kept]
    _share_modifiers(readings)
    if _one_set_of_filters_holds(readings):
        # "Thursday or Friday afternoon", "morning or afternoon": the union is one preference,
        # unless the spans leave nothing together ("December or January").
        whole = _read(" or ".join(pieces), now).result_if_recognised()
        if whole is not None:
            return whole
    found: list[TimePreference] = []
    for reading in readings:
        result = reading.result()
        if result is not None and result not in found:
            found.append(result)
    if len(found) < 2:
        return found[0] if found else None
    return TimePreference(
        earliest=min(pref.earliest for pref in found),
        latest=max(pref.latest for pref in found),
        alternatives=tuple(found),
    )


# "Tuesday week", "a week on Tuesday", "Tuesday afternoon? not this one, the week after":
# the Tuesday after the coming one.
_DAY_WEEK = re.compile(r"\b(?P<day>" + _WEEKDAY + r")\s+week\b(?!\s+after\s+next)")
_WEEK_ON_DAY = re.compile(r"\ba\s+week\s+(?:on|from)\s+(?P<day>" + _WEEKDAY + r")\b")
_NOT_THIS_ONE = re.compile(
    r"\bnot\s+(?:this|the\s+next|the\s+coming)\s+one\b[\s,;.-]*(?:but\s+)?(?:the\s+)?"
    r"(?:week\s+after|following\s+(?:one|week)|one\s+after(?:\s+that)?|next\s+one|after)\b"
)
_A_WEEKDAY = re.compile(r"\b(?P<day>" + _WEEKDAY + r")\b")


def _second_weekday_as_date(text: str, today: dt.date) -> str:
    """The text with "Tuesday week" (and the like) written as that Tuesday's date."""
    lowered = text.lower()

    def date_of(day: str) -> str:
        ahead = (_day_number(day) - today.weekday()) % 7 + 7  # the coming one may be today
        when = today + dt.timedelta(days=ahead)
        return f"{DAY_NAMES[when.weekday()][:3]} {when.day} {when:%b}".lower()

    lowered = _DAY_WEEK.sub(lambda match: date_of(match["day"]), lowered)
    lowered = _WEEK_ON_DAY.sub(lambda match: date_of(match["day"]), lowered)
    not_this = _NOT_THIS_ONE.search(lowered)
    days = list(_A_WEEKDAY.finditer(lowered[: not_this.start()])) if not_this else []
    if not_this and days:
        day = days[-1]
        lowered = (
            lowered[: day.start()]
            + date_of(day["day"])
            + lowered[day.end() : not_this.start()]
            + lowered[not_this.end() :]
        )
    return lowered if lowered != text.lower() else text


_PART_OF_TODAY = re.compile(r"\bthis\s+(?:morning|afternoon|evening)\b|\btonight\b")


def without_time_of_day(text: str) -> str:
    """The answer without what it says about the time of day, its days kept.

    "Tuesday or Wednesday afternoon next week" is "tuesday or wednesday next week", so that
    a new part of the day can be said for the same days ("I said mornings").
    """
    lowered = _PART_OF_TODAY.sub("today", _normalise(text))
    for pattern, _, aspect in _READERS:
        if aspect == "time":
            lowered = pattern.sub(" ", lowered)
    return " ".join(lowered.split())


def time_of_day_words(text: str) -> str:
    """What the answer says about the time of day, and nothing else ("after 4:30").

    The complement of `without_time_of_day`: "Tuesday after 4:30" gives "after 4:30", so
    that a day named next ("Thursday then?") can keep the hours asked for.
    """
    lowered = _PART_OF_TODAY.sub("today", _normalise(text))
    found: list[tuple[int, str]] = []
    for pattern, _, aspect in _READERS:
        if aspect == "time":
            found += [(match.start(), match.group(0)) for match in pattern.finditer(lowered)]
        lowered = pattern.sub(lambda match: " " * len(match.group(0)), lowered)
    return " ".join(" ".join(words for _, words in sorted(found)).split())


# Any aware moment will do where only the hours of a preference are wanted.
_SOME_MONDAY = dt.datetime(2030, 1, 7, 9, 0, tzinfo=dt.timezone.utc)


_NOT_ONE_CLOCK_TIME = re.compile(
    r"\b(?:around|about|like|maybe|perhaps|roughly|ish|after|from|before|between|until|till"
    r"|til|by|onwards|earliest|latest|or)\b|-|\bto\b",
    re.IGNORECASE,
)


def exact_clock_asked(text: str) -> dt.time | None:
    """The one clock time an answer asks for ("9am pls", "Tuesday at 11:30"), else None.

    Such a time is searched as the hour from it, so a slot half an hour later may be
    all that is found; the patient is then told the time asked is not free. "Around 9",
    "after 9" and "9 or 10" ask for no one time.
    """
    pref = read_time_preference(text, _SOME_MONDAY)
    if pref is None or pref.alternatives or pref.after is None or pref.before is None:
        return None
    start = pref.after.hour * 60 + pref.after.minute
    if pref.before.hour * 60 + pref.before.minute - start != 60:
        return None
    if _NOT_ONE_CLOCK_TIME.search(_normalise(text)):
        return None
    return pref.after


def hours_asked_for(text: str) -> str:
    """The hours an answer allows, said so that they read the same again ("after 12:00").

    Unlike `time_of_day_words`, this follows negation: "I can't do mornings" allows
    "after 12:00", not "mornings". An answer with alternatives of different hours ("Monday
    morning or Tuesday after 4") has no one set of hours, and gives none.
    """
    pref = read_time_preference(text, _SOME_MONDAY)
    if pref is None or pref.alternatives:
        return ""
    return " ".join(
        [
            *([pref.part_of_day] if pref.part_of_day else []),
            *([f"after {pref.after:%H:%M}"] if pref.after else []),
            *([f"before {pref.before:%H:%M}"] if pref.before else []),
        ]
    )


def _read(text: str, now: dt.datetime) -> _Reading:
    reading = _Reading(now)
    for number, clause in enumerate(_CLAUSE_BREAK.split(text)):
        _read_clause(clause, reading, place=number * len(text))
    return reading


_OR = re.compile(r"\s*,?\s*\bor\b\s*")


def _alternatives(text: str) -> list[str]:
    """The answer cut at each "or", except where a negation reaches over it.

    "Not Monday or Tuesday" excludes both, and so does "Monday or Tuesday is no good":
    such an "or" joins its neighbours in one piece.
    """
    pieces: list[str] = []
    joined = False
    for piece in _OR.split(text):
        first_clause = _CLAUSE_BREAK.split(piece)[0]
        if pieces and (joined or _NEGATED_AFTER.search(first_clause)):
            pieces[-1] += " or " + piece
        else:
            pieces.append(piece)
        last_clause = _CLAUSE_BREAK.split(piece)[-1]
        joined = bool(_NEGATOR.search(_NOISE.sub(" ", last_clause)))
    return pieces


_ASPECT_PAIRS: tuple[tuple[Aspect, Aspect], ...] = (("time", "day"), ("day", "time"))


def _share_modifiers(readings: list[_Reading]) -> None:
    """Let a day or a time said once at either end apply to every alternative.

    In "Tuesday or Thursday morning" the morning is said after the day, so it is Thursday's
    and Tuesday's too; in "Friday morning or afternoon" the day is said first, so it is the
    afternoon's too. "Mornings or Friday afternoon" shares nothing: any morning will do.
    """
    for left, right in reversed(list(itertools.pairwise(readings))):
        for aspect, other in _ASPECT_PAIRS:
            if not left.has(aspect) and left.has(other) and right.said_after(aspect, other):
                left.take(aspect, right)
    for left, right in itertools.pairwise(readings):
        for aspect, other in _ASPECT_PAIRS:
            if not right.has(aspect) and right.has(other) and left.said_after(other, aspect):
                right.take(aspect, left)


def _one_set_of_filters_holds(readings: list[_Reading]) -> bool:
    """Whether the alternatives differ only in days, or only in parts of the day.

    Then the weekdays or parts they name are one preference, as a whole reading makes it.
    """
    days = {reading.aspect("day") for reading in readings}
    times = {reading.aspect("time") for reading in readings}
    if len(times) == 1:
        return True
    return len(days) == 1 and not any(
        reading.after or reading.before or reading.excluded_parts for reading in readings
    )


@dataclass
class _Reading:
    """What the answer has said so far; only `parse_time_preference` sees one."""

    now: dt.datetime
    recognised: bool = False
    # Dates named as such ("tomorrow", "3 December"): any of them will do.
    days: list[Range] = field(default_factory=list)
    # Spans that bound the window ("next week", "from the 5th"): all of them apply.
    starts: list[dt.datetime] = field(default_factory=list)
    ends: list[dt.datetime] = field(default_factory=list)
    excluded_ranges: list[Range] = field(default_factory=list)
    weekdays: set[int] = field(default_factory=set)
    excluded_weekdays: set[int] = field(default_factory=set)
    parts: set[PartOfDay] = field(default_factory=set)
    excluded_parts: set[PartOfDay] = field(default_factory=set)
    after: dt.time | None = None
    before: dt.time | None = None
    # Where each aspect was first said, to tell "Tuesday morning" from "morning on Tuesday".
    said_at: dict[Aspect, int] = field(default_factory=dict)

    def has(self, aspect: Aspect) -> bool:
        return aspect in self.said_at

    def said_at_place(self, aspect: Aspect, place: int) -> None:
        """Note where an aspect was said, keeping the earliest place in the answer.

        Readers run in a fixed order, not in the order of the words: in "Wednesday
        afternoon next week" the day is said first, though "next week" is read first.
        """
        self.said_at[aspect] = min(place, self.said_at.get(aspect, place))

    def said_after(self, later: Aspect, earlier: Aspect) -> bool:
        """Whether both aspects were said, `later` after `earlier`."""
        if later not in self.said_at or earlier not in self.said_at:
            return False
        return self.said_at[later] > self.said_at[earlier]

    def aspect(self, aspect: Aspect) -> tuple[object, ...]:
        """What the answer said about the day or about the time, comparable between readings."""
        if aspect == "time":
            return (
                frozenset(self.parts),
                frozenset(self.excluded_parts),
                self.after,
                self.before,
            )
        return (
            tuple(sorted(self.days)),
            tuple(sorted(self.starts)),
            tuple(sorted(self.ends)),
            tuple(sorted(self.excluded_ranges)),
            frozenset(self.weekdays),
            frozenset(self.excluded_weekdays),
        )

    def take(self, aspect: Aspect, other: _Reading) -> None:
        """Take what `other` said about the day or the time, in place of nothing."""
        if aspect == "time":
            self.parts |= other.parts
            self.excluded_parts |= other.excluded_parts
            self.after, self.before = other.after, other.before
        else:
            self.days += other.days
            self.starts += other.starts
            self.ends += other.ends
            self.excluded_ranges += other.excluded_ranges
            self.weekdays |= other.weekdays
            self.excluded_weekdays |= other.excluded_weekdays
        self.said_at[aspect] = other.said_at[aspect]

    def result_if_recognised(self) -> TimePreference | None:
        return self.result() if self.recognised else None

    @property
    def today(self) -> dt.date:
        return self.now.date()

    def midnight(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(0), tzinfo=self.now.tzinfo)

    def day_range(self, first: dt.date, days: int = 1) -> Range:
        return self.midnight(first), self.midnight(first + dt.timedelta(days=days))

    def add_period(self, period: Range, negated: bool) -> None:
        if negated:
            self.excluded_ranges.append(period)
        else:
            self.starts.append(period[0])
            self.ends.append(period[1])

    def add_after(self, clock: dt.time) -> None:
        self.after = clock if self.after is None else max(self.after, clock)

    def add_before(self, clock: dt.time) -> None:
        self.before = clock if self.before is None else min(self.before, clock)

    def result(self) -> TimePreference | None:
        earliest, latest, weekdays = self._window()
        earliest = max(earliest, self.now)
        moved = True
        while moved:
            moved = False
            for start, end in self.excluded_ranges:
                # Only an exclusion where the window begins can move it.
                if start <= _next_midnight(earliest) and end > earliest:
                    earliest, moved = end, True
        if latest is None:
            latest = earliest + HORIZON
        if latest <= earliest:
            return None
        weekdays = _apply_exclusions(weekdays, self.excluded_weekdays)
        if weekdays is not None and not any(
            day.weekday() in weekdays for day in _dates_between(earliest, latest)
        ):
            weekdays = None
        part, after, before = self._settle_part_of_day()
        if after is not None and before is not None and after >= before:
            # "School run is 8.30 so from 9.30": a time told as a reason ("at 8.30") and
            # the one asked for leave nothing together; the "from" is what is asked.
            before = None
        return TimePreference(
            earliest=earliest,
            latest=latest,
            weekdays=weekdays,
            part_of_day=part,
            after=after,
            before=before,
        )

    def _window(self) -> tuple[dt.datetime, dt.datetime | None, frozenset[int] | None]:
        weekdays = frozenset(self.weekdays) if self.weekdays else None
        earliest = self.now
        latest: dt.datetime | None = None
        if self.days:
            earliest = min(start for start, _ in self.days)
            latest = max(end for _, end in self.days)
            named = frozenset(
                day.weekday() for start, end in self.days for day in _dates_between(start, end)
            )
            if weekdays is not None and not named <= weekdays:
                # "Tomorrow or Thursday": either will do.
                weekdays = weekdays | named
                earliest = min(earliest, self.now)
                latest = max(latest, max(earliest, self.now) + HORIZON)
            elif weekdays is not None:
                weekdays = None  # "Tuesday 1 December": the weekday only confirms the date
            elif len(self.days) > 1:
                weekdays = named
        if self.starts:
            earliest = max(earliest, *self.starts)
        if self.ends:
            latest = min(self.ends) if latest is None else min(latest, *self.ends)
        return earliest, latest, weekdays

    def _settle_part_of_day(self) -> tuple[PartOfDay | None, dt.time | None, dt.time | None]:
        """The one part of the day left, and the clock bounds after narrowing them instead.

        The field holds one part only, so several parts become clock bounds spanning them
        all ("morning or afternoon" is before 17:00, "afternoon or evening" from 13:00), and
        excluded parts bound what is left ("not mornings" is from noon).
        """
        bounds = _Reading(self.now, after=self.after, before=self.before)
        parts: set[PartOfDay] = self.parts - self.excluded_parts
        if len(parts) == 1:
            return next(iter(parts)), self.after, self.before
        part: PartOfDay | None = None
        if parts:
            # The day's own ends stay open: "morning or afternoon" has no earliest time.
            if "morning" not in parts:
                bounds.add_after(min(PARTS_OF_DAY[part][0] for part in parts))
            ends = [PARTS_OF_DAY[part][1] for part in parts]
            if "evening" not in parts:
                bounds.add_before(max(end for end in ends if end is not None))
            return None, bounds.after, bounds.before
        remaining: set[PartOfDay] = {"morning", "afternoon", "evening"}
        remaining -= self.excluded_parts
        if remaining == {"afternoon", "evening"}:
            bounds.add_after(NOON)
        elif remaining == {"morning", "afternoon"}:
            bounds.add_before(EVENING)
        elif len(remaining) == 1:
            part = next(iter(remaining))
        return part, bounds.after, bounds.before


def _next_midnight(moment: dt.datetime) -> dt.datetime:
    return dt.datetime.combine(moment.date() + dt.timedelta(days=1), dt.time(0), moment.tzinfo)


def _dates_between(start: dt.datetime, end: dt.datetime) -> list[dt.date]:
    """The calendar days that [start, end) touches, up to about two months of them."""
    days: list[dt.date] = []
    day = start.date()
    while dt.datetime.combine(day, dt.time(0), start.tzinfo) < end and len(days) < 62:
        days.append(day)
        day += dt.timedelta(days=1)
    return days


def _apply_exclusions(weekdays: frozenset[int] | None, excluded: set[int]) -> frozenset[int] | None:
    if not excluded:
        return weekdays
    allowed = (weekdays if weekdays is not None else ALL_DAYS) - excluded
    return allowed or weekdays


# Working hours tell when the patient cannot come: "I work 9 to 5, so after 5pm".
# "I work Monday to Friday till 5", "working til 6": free after the work ends.
_WORK_DAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri)\w*"
_WORK_UNTIL = re.compile(
    r"\b(?:i\s+)?(?:work|working|am\s+at\s+work|i'm\s+at\s+work|at\s+work)\b"
    r"(?:\s+(?:on\s+|from\s+)?"
    + _WORK_DAY
    + r"(?:\s*(?:-|to|till|until|and|&)\s*"
    + _WORK_DAY
    + r")?)?"
    r"(?:\s+(?:from\s+)?\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?)?"
    r"\s*(?:-|to|till|til|until)\s*(?P<end>\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?)"
)
# "Oh it's Sunday lol, earliest then": what day it is, said, not asked for.
_DAY_IT_IS = re.compile(
    r"\b(?:it'?s|its|it\s+is|today\s+is|today'?s|tomorrow\s+is|tomorrow'?s|that'?s)\s+(?:a\s+)?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:the\s+)?weekend)\b"
    r"(?=\s*(?:lol|haha|!|,|\.|so\b|then\b|$))"
)
# "I work on Tuesdays": not then.
_WORK_ON_DAYS = re.compile(
    r"\bi\s+(?:work|am\s+at\s+work|'m\s+at\s+work)\s+(?:on\s+)?(?P<days>"
    + _WORK_DAY
    + r"(?:\s*(?:,|and|&|or)\s*"
    + _WORK_DAY
    + r")*)(?!\s*(?:-|to|till|til|until)\b)"
)
# "I work in the morning, so after 2", "he gets tired in afternoons": that part is out.
_WORK_IN_PART = re.compile(
    r"\b(?:i\s+|i'm\s+|im\s+)?(?:work|working|at\s+work|busy|tired)\s+(?:in\s+the\s+|in\s+|during\s+the\s+|all\s+)"
    r"(?P<part>mornings?|afternoons?|evenings?)\b"
)
# "I'm at work in the day, fri 18th?", "I work days": only after work, in the evening.
_WORK_IN_THE_DAY = re.compile(
    r"\b(?:i\s+|i'm\s+|im\s+)?(?:work|working|at\s+work|busy)\s+"
    r"(?:in\s+the\s+day(?:time)?|during\s+the\s+day|in\s+the\s+daytime|days|all\s+day)\b"
    r"(?!\s*(?:on\s+)?(?:mon|tue|wed|thu|fri|sat|sun))"
)
_WORKING_HOURS = re.compile(
    r"\b(?:i\s+)?(?:work|working|at\s+work|in\s+the\s+office|my\s+shift\s+is)\s+(?:from\s+)?"
    r"\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?\s*(?:-|to|till|til|until)\s*\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?"
    r"|\b\d{1,2}\s*(?:-|to)\s*\d{1,2}\s+(?:job|hours|shift)\b"
)


# Spoken clock times, written as dateparser reads them: "half past 2" is 2:30, "quarter to
# 4" 3:45, and (British) "half 2" 2:30; "2 or 3pm" is "2pm or 3pm".
_HOUR = r"(?P<hour>\d{1,2}|" + _HOUR_WORD + r")\b(?!\s*(?:[:.]\d|hours?|days?|weeks?|months?))"
_SPOKEN_CLOCK = re.compile(r"\b(?P<words>half\s+past|quarter\s+past|quarter\s+to|half)\s+" + _HOUR)
_SHARED_MERIDIEM = re.compile(
    r"\b(?P<first>\d{1,2}(?:[:.]\d{2})?)\s+or\s+(?P<second>\d{1,2}(?:[:.]\d{2})?)\s*(?P<suffix>am|pm)\b"
)


# "6 or 6.30", "10 or 11": two clock times, the first as bare as the second ("at 6 or at
# 6.30"), not two numbers of something else ("2 or 3 weeks", "in 2 or 3").
_SHARED_AT = re.compile(
    r"(?<![\w:./])(?<!at )(?<!in )(?<!for )(?<!after )(?<!within )"
    r"(?P<first>1[0-2]|[1-9])\s+or\s+(?P<second>(?:1[0-2]|[1-9])(?:[:.][0-5]\d)?)\b"
    r"(?!\s*(?:[:./]\d|am\b|pm\b|hours?|hrs?|days?|weeks?|wks?|months?|years?|times?|mins?"
    r"|minutes?|st\b|nd\b|rd\b|th\b|of\b|out\b|/|jan|feb|mar|apr|may|jun|jul|aug|sep|oct"
    r"|nov|dec))"
)


# "I work till 5", "he finishes at 4": free only after then.
_WORKS_UNTIL = re.compile(
    r"\b(?:i|we|he|she|they)\s*(?:'m|am|is|are)?\s+(?:at\s+work|working|work|works"
    r"|finish(?:es)?(?:\s+work)?|get\s+off(?:\s+work)?|gets\s+off(?:\s+work)?)\s+"
    r"(?:till|until|til|to|at)\s+"
)
_WORKS_UNTIL_CLOCK = re.compile(
    _WORKS_UNTIL.pattern + r"(?P<clock>\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?)(?:\s*o'?clock)?\b"
)
# "Not too early": from mid-morning; "not too late": before late afternoon.
_NOT_TOO_EARLY = re.compile(r"\bnot\s+(?:too|very|that|so|super)\s+early(?:\s+in\s+the\s+day)?\b")
_NOT_TOO_LATE = re.compile(r"\bnot\s+(?:too|very|that|so|super)\s+late(?:\s+in\s+the\s+day)?\b")


# "In 2 or 3 weeks" is "in 2 weeks or in 3 weeks": two alternatives.
_SHARED_UNIT = re.compile(
    r"\b(?P<lead>in|after)\s+(?P<first>\d{1,2}|"
    + _HOUR_WORD
    + r")\s+or\s+(?P<second>\d{1,2}|"
    + _HOUR_WORD
    + r")\s+(?P<unit>days|weeks|months)\b"
)


# A bare hour after a day ("tue 11", "friday 2") is a time: "tue at 11". Not a date
# ("friday 12th", "tuesday 8 dec") or a count ("monday 2 weeks").
_DAY_THEN_HOUR = re.compile(
    r"\b(?P<day>(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)(?:day)?|today|tomorrow)"
    r"\s+(?P<hour>1[0-2]|[1-9])\b(?!\s*(?:[:./]\d|am\b|pm\b|hours?|days?|weeks?|months?"
    r"|st\b|nd\b|rd\b|th\b|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))"
)


# A weekday then a number that cannot be a clinic hour ("wednesday 16"), or any number then a
# part of the day ("wed 9 morning"), is a day of the month: "wednesday 16th".
_DAY_THEN_DATE = re.compile(
    r"\b(?P<day>" + _WEEKDAY + r")"
    r"\s+(?:the\s+)?(?P<date>1[3-9]|2\d|3[01]|(?:[1-9]|1[0-2])(?=\s+(?:in\s+the\s+)?"
    r"(?:morning|afternoon|evening|am\b|pm\b)))\b(?![:./]\d)(?!\s*(?:st|nd|rd|th)\b)"
)
# "9 is a bit early, anything around 11?": "around 11" then means from 11, not from 10.
_TOO_EARLY = re.compile(r"\b(?:too|bit|little)\s+(?:early|soon)\b")
_TOO_EARLY_CLOCK = re.compile(
    r"\b(?P<clock>\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|o'?clock)?)\s+(?:is|'s|seems|would\s+be)\s+"
    r"(?:a\s+)?(?:bit|little|too|rather|quite|\s)+(?:early|soon)\b"
)
_AROUND_CLOCK = re.compile(r"\b(?:around|about|like)\s+(?=\d)")


def _spoken_clock(match: re.Match[str]) -> str:
    hour = int(ONE_TO_TWELVE.get(match["hour"], match["hour"]))
    words = " ".join(match["words"].split())
    if not 1 <= hour <= 12:
        return match.group()
    if words == "quarter to":
        return f"{hour - 1 or 12}:45"
    return f"{hour}:{15 if words == 'quarter past' else 30}"


def spoken_clock_as_digits(text: str) -> str:
    """`text` (lower case) with spoken clock times in digits: "half 5" is "5:30"."""
    return _SPOKEN_CLOCK.sub(_spoken_clock, text)


_FULL_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SPELLINGS = {
    "nxt": "next",
    "nex": "next",
    "wk": "week",
    "wks": "weeks",
    "tmoz": "tomorrow",
    "eve": "evening",
    "eves": "evenings",
    "aft": "afternoon",
    "afty": "afternoon",
    # Parts of the day typed in a hurry ("fri aftrnoon").
    **dict.fromkeys(
        (
            "aftrnoon",
            "afternon",
            "afternoom",
            "aftenoon",
            "afternnon",
            "aftrenoon",
            "afernoon",
            "afteroon",
            "arfternoon",
            "afetrnoon",
            "afternooon",
        ),
        "afternoon",
    ),
    **dict.fromkeys(("mornin", "mornig", "moring", "morming", "mornng", "mroning"), "morning"),
    **dict.fromkeys(("evenin", "evning", "evenig", "eveing", "evenng"), "evening"),
}
_LETTERS = re.compile(r"[a-z]+")
# A clock time said elsewhere in the answer ("the 2:30 ... on friday 11").
_CLOCK_ELSEWHERE = re.compile(r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*(?:am|pm)\b")
_DAY_THEN_SMALL_DATE = re.compile(
    r"\b(?P<day>" + _WEEKDAY + r")\s+(?:the\s+)?(?P<date>1[0-2]|[1-9])\b(?![:./]\d)"
    r"(?!\s*(?:am|pm|st|nd|rd|th|o'?clock)\b)"
)


_ONWARDS = re.compile(
    r"\b(?:(?:like|about|around|say|roughly)\s+)?(?P<clock>\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?)\s*"
    r"(?:onwards?(?!\w)|\+|(?:or|and)\s+(?:later|after)(?=\s*(?:$|[,.!?;])))"
)


def _just_after(too_early: re.Match[str], group: str = "clock") -> str:
    """The clock time said to be too early as "after" it, that time itself left out.

    So too the time work ends ("I work till 5"): there is no getting to the clinic at 5.
    """
    clock = re.fullmatch(
        r"(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<suffix>am|pm)?.*", too_early[group]
    )
    if clock is None:
        return f"after {too_early[group]}"
    minute = int(clock["minute"] or 0) + 1
    return f"after {clock['hour']}:{minute:02d}{clock['suffix'] or ''}"


def _respelt(word: str) -> str:
    """A day name or time word as meant when typed in a hurry ("wednesdy", "nxt")."""
    if word in _SPELLINGS:
        return _SPELLINGS[word]
    if len(word) < 5 or word in _FULL_DAY_NAMES:
        return word
    close = difflib.get_close_matches(word, _FULL_DAY_NAMES, n=1, cutoff=0.8)
    return close[0] if close else word


# "Monday doesn't work", "can't do Monday": the day is ruled out, as "not Monday" says.
_DAY_RULED_OUT_AFTER = re.compile(
    r"\b(?P<day>" + _WEEKDAY + r")\s+(?:(?:doesn'?t|does\s+not|dont|won'?t|will\s+not)\s+work"
    r"|(?:is|'s)\s+(?:no\s+good|out|bad|impossible|not\s+(?:good|possible|ok)|too\s+(?:soon|early|fast|quick)"
    # "Thursday is her GP day", "Monday's my gym day": taken (not "my day off").
    r"|(?:her|his|my|their|our)\s+(?!day\b)\w+\s+day)"
    # "Tuesday I have the school run", "monday ive got work": taken.
    r"|(?:i\s+have|i'?ve\s+got|i\s+got|ive\s+got|i'?m\s+at|im\s+at)\s+(?:the\s+|a\s+|my\s+)?"
    r"(?:school\s+run|work|job|shift|class|gym|football|training|\w+\s+(?:appointment|class|club"
    r"|shift|run|lesson)s?)\b)"
)
_SHORT_NOTICE = re.compile(
    r"\b(?P<day>today|tomorrow|" + _WEEKDAY + r")"
    # "Tuesday is tomorrow? is too soon for me": that day, said to be too soon.
    r"(?:\s+is\s+(?:today|tomorrow)\W+(?:(?:that|it|this)(?:'s|\s+is)|is|'s)"
    r"|\s+(?:is|'s|would\s+be)|\?+\s*(?:\w+[\s,!.]+){0,3}?"
    r"(?:that|it|this)(?:'s|\s+is|\s+would\s+be))\s+(?:a\s+bit\s+|rather\s+|too\s+|very\s+|quite\s+)?"
    r"(?:short\s+notice|(?:too\s+)?(?:soon|early|quick|fast|sudden)|no\s+good|out|impossible|bad)\b"
)
# "The 11th is the school nativity", "the 9th's my mum's birthday": that date is taken
# (not "the 18th is the best for me", "the 18th is my day off").
_DATE_RULED_OUT = re.compile(
    r"\b(?P<date>(?:the\s+)?\d{1,2}(?:st|nd|rd|th))\s+(?:is|'s)\s+(?:the|a|an|my|her|his|their|our)"
    r"\s+(?!(?:best|one|only|first|earliest|ideal|perfect|better|good|free|day\s+off|fine)\b)"
    r"[\w']+(?:\s+[\w']+){0,2}?(?=\s*(?:[.,;!]|$|so\b|and\b|but\b))"
)
_WEEKEND_WORD = re.compile(r"\b(?:saturdays?|sundays?|sat|sun|weekends?)\b")
_WORKS_WEEKDAYS = re.compile(
    r"\b(?:i|we|she|he)\s+(?:work|works|am\s+at\s+work|'m\s+at\s+work)\s+(?:on\s+|all\s+)?"
    r"(?:weekdays|the\s+week|during\s+the\s+week|mon(?:day)?\s*(?:-|to|till|til)\s*fri(?:day)?)\b"
)
_DAY_RULED_OUT_BEFORE = re.compile(
    r"\b(?:can'?t|cannot|can\s+not|cant|couldn'?t)\s+(?:do|make|manage)\s+(?P<day>"
    + _WEEKDAY
    + r")"
    # "my daughter drives me and she works Mondays", "I'm at work on Tuesdays": taken.
    + r"|\b(?:works?|working|(?:is|am|i'?m|she'?s|he'?s)\s+(?:at\s+work|busy))"
    + r"\s+(?:on\s+|all\s+day\s+)?(?:a\s+)?(?P<day2>"
    + _WEEKDAY
    + r")(?!\s*(?:to|-|till|til|until|through|thru)\b)"  # "work monday to friday till 5"
    # "scrap Monday, Friday after lunch", "forget Tuesday"
    + r"|\b(?:scrap|forget|drop|skip|ditch)\s+(?:the\s+)?(?P<day3>"
    + _WEEKDAY
    + r")"
)
# "Good evening, I'd like to book": a greeting, not the time of day wanted.
_GREETING = re.compile(r"^\s*good\s+(?:morning|afternoon|evening|day)\b\s*[,.!]+\s*(?=\S)")
# "As late as possible": the end of the day, the clinic's last hour.
_AS_LATE_AS_POSSIBLE = re.compile(
    r"\b(?:as\s+)?late\s+as\s+(?:possible|you\s+can|you\s+have)\b|\blate[\s-]?ish\b"
    r"|\blatest\s+(?:one|slot|time|appointment|you\s+have|possible)\b"
)


# Not "by Thursday at the latest", "asap, latest on Thursday": a deadline (see _BY_THE_LATEST).
_THE_LATEST = re.compile(
    r"\blatest\s+(?:one|slot|time|appointment|you\s+(?:have|do|can)|you'?ve\s+got|possible"
    r"|available|thing)\b|\bwhat(?:'s|\s+is|s)\s+(?:the\s+)?latest\b"
    r"|\blast\s+(?:slot|appointment)\b|\blate\s+as\s+(?:possible|poss|pos|you\s+can)\b"
)
_BY_THE_LATEST = re.compile(
    r"\b(?:at\s+the\s+)?latest\s+(?:on\s+|by\s+)?(?=" + _WEEKDAY + r")"
    r"|\b(?P<day>" + _WEEKDAY + r")\s+(?:at\s+the\s+)?latest\b"
)


def asks_for_the_latest(text: str) -> bool:
    """Whether the patient wants the last times of the day ("latest you have on Thursday")."""
    return _THE_LATEST.search(text.lower()) is not None


# "Since about September", "sorry, I meant the legs started in September": when the
# trouble began, not when to come.
# "My hip aches at night", "it's worse in the mornings": when it hurts, not when to come.
_WHEN_IT_HURTS = re.compile(
    r"\b(?:aches?|aching|achy|hurts?|hurting|pain(?:ful)?|worse|sore|stiff(?:er|ness)?|throbs?"
    r"|throbbing|wakes?\s+me(?:\s+up)?|keeps?\s+me\s+(?:up|awake))\s+(?:\w+\s+)?"
    r"(?:at|in\s+the|during\s+the|first\s+thing\s+in\s+the)\s+(?:night|nights|morning|mornings"
    r"|evening|evenings)\b"
)
_ONSET = re.compile(r"[^.,;!?]*\b(?:since|started|starting|began|begun|ago)\b[^.,;!?]*")
# "The afternoon instead, something came up in the morning": why, not when (the time
# that came up is the one not wanted).
_CAME_UP = re.compile(
    r"\b(?:something|stuff|a\s+thing|work|an?\s+\w+)\s+(?:has\s+|'s\s+)?(?:came|come|comes"
    r"|cropped|popped)\s+up\s+(?:in|on|for)\s+(?:the\s+)?(?:morning|afternoon|evening)\b"
)


_WEEKDAY_WORD = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?"
_DAY_LATE = re.compile(
    rf"\b(?P<day>{_WEEKDAY_WORD})\s+late\b(?!\s+morning)|\blate\s+(?:on\s+(?:a\s+)?)?(?P<day2>{_WEEKDAY_WORD})\b"
)
_PAIN_SCORE = re.compile(
    r"\b(?:10|[0-9](?:\.5)?)\s*/\s*10\b(?!\s*/)"
    # "the pain itself is about six-ish", "it hurts like a 7": a score said in words.
    r"|\b(?:pain|hurts?|hurting|ache|aching)\s+(?:itself\s+)?(?:is|'s|was|feels|at|like|about)\s+"
    r"(?:(?:about|around|like|maybe|probably|roughly|a|an)\s+)*"
    r"(?:10|[0-9]|one|two|three|four|five|six|seven|eight|nine|ten)(?:\s*-?\s*ish)?\b"
    r"(?!\s*(?:am|pm|o'?clock|:\d))"
)
# "monday, 1st one", "the 2nd one": an option picked, not the 1st of the month.
_OPTION_PICKED = re.compile(r"\b(?:the\s+)?(?:1st|2nd|3rd)\s+(?:one|option|slot|time)\b")
_LIST_NUMBER = re.compile(r"(?:^|(?<=\s))\d\)\s|\b(?:\d|two|three|four)\s+(?:things|questions)\b")


# "I'm away until Sunday", "not back till the 14th": free after then.
_AWAY_UNTIL = re.compile(
    r"\b(?:away|on\s+holiday|abroad|out\s+of\s+(?:town|the\s+country)|in\s+hospital"
    r"|not\s+(?:back|around|here|home))\s+(?:until|till|til|up\s+to)\b"
)
# "I'm back on the 14th": free from then.
_BACK_ON = re.compile(r"\b(?:i'm|i\s+am|i'll\s+be|we're|we\s+are|he's|she's)\s+back\s+(?:on\s+)?")


def _normalise(text: str) -> str:
    lowered = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-")
    lowered = _LETTERS.sub(lambda match: _respelt(match.group()), lowered)
    lowered = _GREETING.sub("", lowered)
    # "not b4 11", "middle of the day": before 11, midday.
    lowered = re.sub(r"\bb4\b", "before", lowered)
    lowered = re.sub(r"\b(?:the\s+)?middle\s+of\s+the\s+day\b|\bmid[\s-]day\b", "midday", lowered)
    # "3 things: 1) what is sciatica 2) ... 3) do you do injections": numbered points.
    lowered = _LIST_NUMBER.sub(" ", lowered)
    lowered = _OPTION_PICKED.sub(" ", lowered)
    # "like 8/10 when I sneeze": a pain score, not the 8th of October.
    lowered = _PAIN_SCORE.sub(" ", lowered)
    # "Wednesday 11ish": around 11; "Thursday late", "late on Thursday": after 4pm.
    lowered = re.sub(r"\b(\d{1,2})\s*-?ish\b", r"around \1", lowered)
    # "No, make it 10 instead": at 10.
    # "No, make it 10 instead", "can it be 6 instead? traffic": at 10, at 6.
    lowered = re.sub(
        r"\b(?:make\s+it|(?:can|could)\s+(?:it|we)\s+(?:be|do|make\s+it))\s+"
        r"(?=\d{1,2}(?::\d{2})?\s*(?:am|pm)?\b(?!\s*(?:/|out\s+of|st\b|nd\b|rd\b|th\b)))",
        "at ",
        lowered,
    )
    lowered = re.sub(
        r"\b(?:closer|nearer)\s+(?:to\s+)?(\d{1,2}(?::\d{2})?)\b", r"around \1", lowered
    )
    lowered = _DAY_LATE.sub(lambda match: f"{match['day'] or match['day2']} after 4pm", lowered)
    lowered = _ONSET.sub(" ", lowered)
    lowered = _AWAY_UNTIL.sub("after", lowered)
    lowered = _BACK_ON.sub("from ", lowered)
    lowered = _CAME_UP.sub(" ", lowered)
    lowered = _WHEN_IT_HURTS.sub(" ", lowered)
    if _WEEKEND_WORD.search(lowered):
        # "Can it be a saturday? I work weekdays": why the weekend, not weekdays wanted.
        lowered = _WORKS_WEEKDAYS.sub(" ", lowered)
    lowered = _DAY_RULED_OUT_AFTER.sub(r"not \g<day>", lowered)
    # "Today is rather short notice. The following Monday afternoon": not today.
    lowered = _SHORT_NOTICE.sub(r"not \g<day>", lowered)
    lowered = _DAY_RULED_OUT_BEFORE.sub(
        lambda match: f"not {match['day'] or match['day2'] or match['day3']}", lowered
    )
    lowered = _DATE_RULED_OUT.sub(r"not \g<date>", lowered)
    # "Asap, latest on Thursday", "by Friday at the latest": by that day.
    lowered = _BY_THE_LATEST.sub(
        lambda match: f"by {match['day']}" if match["day"] else "by ", lowered
    )
    lowered = _AS_LATE_AS_POSSIBLE.sub("after 4pm", lowered)
    lowered = re.sub(r"\bo\s+clock\b", "o'clock", lowered)
    # "Like 5:30 onwards", "6pm or later": from then, not around then.
    lowered = _ONWARDS.sub(r"from \g<clock>", lowered)
    if _CLOCK_ELSEWHERE.search(lowered):
        # "After work so like 5:30 onwards": the clock time says when work ends.
        lowered = re.sub(r"\bafter\s+work\b", " ", lowered)
        # With the time said, "friday 11" is the 11th.
        lowered = _DAY_THEN_SMALL_DATE.sub(r"\g<day> \g<date>th", lowered)
    lowered = re.sub(r"\b([ap])\.\s?m\b\.?", r"\1m", lowered)
    lowered = re.sub(r"\bmid-", "mid ", lowered)
    lowered = _DAY_IT_IS.sub(" ", lowered)
    lowered = _WORK_UNTIL.sub(lambda found: _just_after(found, "end"), lowered)
    lowered = _WORK_ON_DAYS.sub(r"not \g<days>,", lowered)
    lowered = _WORK_IN_PART.sub(r"not \g<part>,", lowered)
    lowered = _WORK_IN_THE_DAY.sub("evening,", lowered)
    lowered = _WORKING_HOURS.sub(" ", lowered)
    lowered = spoken_clock_as_digits(lowered)
    lowered = _DAY_THEN_DATE.sub(r"\g<day> \g<date>th", lowered)
    lowered = _DAY_THEN_HOUR.sub(r"\g<day> at \g<hour>", lowered)
    if _TOO_EARLY.search(lowered):
        too_early = _TOO_EARLY_CLOCK.search(lowered)
        rest = _TOO_EARLY_CLOCK.sub(" ", lowered)
        # "9 is a bit early, anything around 11?" asks for 11; "4 o'clock is too soon,
        # later please", for after 4.
        named_later = re.search(
            r"\b\d{1,2}(?:[:.]\d{2})?\b(?!\s*(?:min|hour|hr|st\b|nd\b|rd\b|th\b|" + _MONTH + r"))",
            rest,
        )
        lowered = rest if named_later or too_early is None else f"{_just_after(too_early)} {rest}"
        lowered = _AROUND_CLOCK.sub("from ", lowered)
    lowered = _SHARED_UNIT.sub(
        r"\g<lead> \g<first> \g<unit> or \g<lead> \g<second> \g<unit>", lowered
    )
    lowered = _SHARED_MERIDIEM.sub(r"\g<first>\g<suffix> or \g<second>\g<suffix>", lowered)
    lowered = _SHARED_AT.sub(r"at \g<first> or at \g<second>", lowered)
    # "I work until 5": free once work is over, so not at 5 itself.
    lowered = _WORKS_UNTIL_CLOCK.sub(lambda found: f"{_just_after(found)} ", lowered)
    lowered = _WORKS_UNTIL.sub("after ", lowered)
    lowered = _NOT_TOO_EARLY.sub(" after 10am ", lowered)
    lowered = _NOT_TOO_LATE.sub(" before 4pm ", lowered)
    return " ".join(lowered.split())


def _blank(text: str, span: tuple[int, int]) -> str:
    start, end = span
    return text[:start] + " " * (end - start) + text[end:]


Handler = Callable[[re.Match[str], _Reading, bool], bool]


def _read_clause(clause: str, reading: _Reading, place: int = 0) -> None:
    text = _NOISE.sub(lambda match: " " * len(match.group()), clause)
    for match in _ANY_TIME.finditer(text):
        reading.recognised = True
        if match.group() != "either":  # "either Tuesday or Thursday" says nothing itself
            # "Weekends any time": said, so nothing said elsewhere is shared into it.
            reading.said_at_place("day", place + match.start())
            reading.said_at_place("time", place + match.start())
        text = _blank(text, match.span())
    before = [match.end() for match in _NEGATOR.finditer(text)]
    after = [match.start() for match in _NEGATED_AFTER.finditer(text)]
    for pattern, handler, aspect in _READERS:
        for match in pattern.finditer(text):
            negated = any(end <= match.start() for end in before) or any(
                start >= match.end() for start in after
            )
            if handler(match, reading, negated):
                reading.recognised = True
                reading.said_at_place(aspect, place + match.start())
                text = _blank(text, match.span())


# Dates ---------------------------------------------------------------------------------

_BOUND = (
    r"(?:(?P<bound>after|from|starting(?:\s+from)?|beginning|before|by|until|till|til"
    r"|up\s+to|no\s+later\s+than)\s+(?:on\s+)?)?"
)
_FULL_DATE = re.compile(
    r"\b"
    + _BOUND
    + r"(?:(?:on\s+)?"
    + _WEEKDAY
    + r"\s*,?\s*)?(?:the\s+)?(?P<date>\d{1,2}"
    + _ORDINAL
    + r"?(?:\s+of)?\s+"
    + _MONTH
    + r"(?:\s+\d{4})?|"
    + _MONTH
    + r"\s+(?:the\s+)?\d{1,2}"
    + _ORDINAL
    + r"?\b(?:,?\s+\d{4})?|\d{1,2}/\d{1,2}(?:/\d{2}(?:\d{2})?)?)(?![\w/])"
)
_DAY_OF_MONTH = re.compile(
    r"\b" + _BOUND + r"(?:(?:on\s+)?" + _WEEKDAY + r"\s*,?\s*)?(?:the\s+)?"
    r"(?P<day>\d{1,2})" + _ORDINAL + r"\b"
)
_WHOLE_MONTH = re.compile(
    r"\b" + _BOUND + r"(?:" + _MONTH_PART + r"\s*)?(?:in\s+|of\s+)?(?P<month>" + _MONTH_ONLY + r")"
)


# "The week beginning the 14th", "w/c 14 December", "the week of the 16th": that whole week.
_WEEK_OF_DATE = re.compile(
    r"\b(?:the\s+)?(?:week\s+(?:beginning|commencing|starting|of)|w/c|wc)\s+(?:on\s+)?"
    r"(?:(?:mon|monday)\s*,?\s*)?(?:the\s+)?(?P<date>\d{1,2}" + _ORDINAL + r"?"
    # (A month after a date may be short: "the week of the 11th jan".)
    r"(?:(?:\s+of)?\s+(?P<month>" + _MONTH + r"))?)\b"
)


def _read_week_of_date(match: re.Match[str], reading: _Reading, negated: bool) -> bool:
    if match["month"]:
        day = _parse_date(match["date"], reading.today)
    else:
        day = _next_day_of_month(int(re.sub(r"\D", "", match["date"])), reading.today)
    if day is None:
        return False
    monday = day - dt.timedelta(days=day.weekday())
    reading.add_period(reading.day_range(monday, days=7), negated)
    return True


def _read_full_date(match: re.Match[str], reading: _Reading, negated: bool) -> bool:
    day = _parse_date(match["date"], reading.today)
    if day is None:
        return False
    _add_date(day, match["bound"], reading, negated)
    return True


def _read_day_of_month(match: re.Match[str], reading: _Reading, negated: bool) -> bool:
    day = _next_day_of_month(int(match["day"]), reading.today)
    if day is None:
        return False
    _add_date(day, match["bound"], reading, negated)
    return True


def _next_day_of_month(number: int, today: dt.date) -> dt.date | None:
    """The next "3rd", today included, skipping months too short to have that day."""
    if not 1 <= number <= 31:
        return None
    year, month = today.year, today.month
    for _ in range(13):
        try:
            day = dt.date(year, month, number)
        except ValueError:
            day = None
        if day is not None and day >= today:
            return day
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def _add_date(day: dt.date, bound: str | None, reading: _Reading, negated: bool) -> None:
    bound = " ".join((bound or "").split())
    one_day = dt.timedelta(days=1)
    if not bound:
        if negated:
            reading.excluded_ranges.append(reading.day_range(day))
        else:
            reading.days.append(reading.day_range(day))
    elif negated:
        return  # "not before the 5th": too rare to be worth reading
    elif bound == "after":
        reading.starts.append(reading.midnight(day + one_day))
    elif bound in ("from", "starting", "starting from", "beginning"):
        reading.starts.append(reading.midnight(day))
    elif bound == "before":
        reading.ends.append(reading.midnight(day))
    else:  # by, until, till, up to, no later than: the day itself still counts
        reading.ends.append(reading.midnight(day + one_day))


def _parse_date(fragment: str, today: dt.date) -> dt.date | None:
    """A date from "3 December" or "3/12", the next one not before today unless a year is given.

    dateparser reads the words (day first, as the clinic writes dates). Its "future" skips
    the day it counts from ("24 November" on 24 November is next year's), so it counts
    from yesterday: today's date is still to come.
    """
    parsed = read_date(fragment, today - dt.timedelta(days=1), prefer="future")
    return None if parsed is None else parsed.date()


def _read_whole_month(match: re.Match[str], reading: _Reading, negated: bool) -> bool:
    # The month's 1st, this year's while the month lasts ("December" in December is now):
    # read from the month before's last day, which dateparser's "future" skips.
    month_before = reading.today.replace(day=1) - dt.timedelta(days=1)
    read = read_date(match["month"], month_before, prefer="future")
    if read is None:
        return False
    first = read.date()
    start, end = _month_part(first, match["part"])
    bound = " ".join((match["bound"] or "").split())
    if negated and bound:
        return True
    if bound == "after":
        reading.starts.append(reading.midnight(end))
    elif bound in ("from", "starting", "starting from", "beginning"):
        reading.starts.append(reading.midnight(start))
    elif bound in ("before", "by"):
        reading.ends.append(reading.midnight(start))
    elif bound:
        reading.ends.append(reading.midnight(end))
    else:
        reading.add_period((reading.midnight(start), reading.midnight(end)), negated)
    return True


def _month_part(first: dt.date, part: str | None) -> tuple[dt.date, dt.date]:
    """The days of a month that "early", "mid" or "the end of" mean, as [start, end)."""
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    words = " ".join((part or "").split())
    if words.startswith(("early", "start", "beginning", "the start", "the beginning")):
        return first, first.replace(day=11)
    if words.startswith(("mid", "middle", "the middle")):
        return first.replace(day=11), first.replace(day=21)
    if words.startswith(("late", "end", "the end")):
        return first.replace(day=21), following
    return first, following


# Relative dates ------------------------------------------------------------------------

_DAY_WORDS = re.compile(
    r"\b(?P<word>(?:the\s+)?day\s+after\s+tomorrow|tomorrow|tomorow|tmrw|tmr|2moro|2morrow|2mrw|tomoz"
    r"|tomorro|today|later\s+today"
    r"|tonight|this\s+(?:morning|afternoon|evening))\b"
)
_WEEK_WORDS = re.compile(
    r"\b(?:(?P<part>early|late|later|(?:the\s+)?(?:start|beginning|back\s+end|end)\s+of"
    r"|(?:the\s+)?rest\s+of)\s+)?(?:the\s+)?(?P<which>this|next|the\s+following|the)\s+week"
    r"(?P<after_next>\s+after\s+next)?\b(?!\s*(?:day|end))"
    # "this week or next": both weeks
    r"(?P<or_next>\s+or\s+(?:the\s+)?next(?:\s+(?:one|week))?\b)?"
)
_MONTH_WORDS = re.compile(
    r"\b(?:" + _MONTH_PART + r"\s+|(?P<rest>(?:the\s+)?rest\s+of|later)\s+)?(?:the\s+)?"
    r"(?P<which>this|next|the)\s+month\b"
)
_WITHIN = re.compile(
    r"\b(?:(?:within|in|over|during)\s+(?:the\s+)?next\s+(?:(?P<count>" + _COUNT + r")\s+)?"
    r"|within\s+(?:the\s+)?(?:(?P<within>" + _COUNT + r")\s+)?"
    r"|next\s+(?P<next>" + _COUNT + r")\s+)(?P<unit>days?|weeks?|fortnight|months?)\b"
)
_ENDS_WITH_A_WEEKDAY = re.compile(r"(?:" + _WEEKDAY + r")\s*$")
_IN_TIME = re.compile(
    r"\b(?P<lead>in|after)\s+(?:about\s+)?(?P<count>"
    + _COUNT
    + r")\s+(?P<unit>days?|weeks?|fortnights?"
    r"|months?)(?:'?\s*time)?\b"
)


_TOMORROW_SPELLINGS = frozenset(
    {"tomorow", "tmrw", "tmr", "2moro", "2morrow", "2mrw", "tomoz", "tomorro"}
)


def _read_day_words(match: re.Match[str], reading: _Reading, negated: bool) -> bool:
    word = " ".join(match["word"].split())
    day = reading.today
    if word.endswith("tomorrow") or word in _TOMORROW_SPELLINGS:
        named = read_day(word if word.endswith("tomorrow") else "tomorrow", reading.today)
        if named is None:
            return False
        day = named
    span = reading.day_range(day)
    if negated:
        reading.excluded_ranges.append(span)
        return True
    reading.days.append(span)
    if word == "tonight" or word.endswith("evening"):
        reading.parts.add("evening")
    elif word.endswith("morning"):
        reading.parts.add("morning")
    elif word.endswith("afternoon"):
        reading.parts.add("afternoon")
    return True


_SATURDAY = 5


def _read_week_words(match: re.Match[str], reading: _Reading, negated: bool) -> bool:
    monday = reading.today - dt.timedelta(days=reading.today.weekday())
    which = " ".join(match["which"].split())
    weeks = {"this": 0, "the": 0, "next": 1, "the following": 1}[which]
    if match["after_next"]:
        weeks = 2
    elif which == "the" and not match["part"]:
        return False  # "the week" alone says nothing
    if which == "this" and reading.today.weekday() >= _SATURDAY and not match["part"]:
        # "This week" said at the weekend, when this week's clinic days are over: the
        # coming one ("next week" stays the one after, as it is on any day).
        weeks = 1
    first = monday + dt.timedelta(weeks=weeks)
    part = " ".join((match["part"] or "").split())
    start, end = first, first + dt.timedelta(days=14 if match["or_next"] else 7)
    if part == "early" or part.endswith(("start of", "beginning of")):
        end = first + dt.timedelta(days=3)
    elif part == "late" or part.endswith("end of"):
        start = first + dt.timedelta(days=3)
    reading.add_period((reading.midnight(start), reading.midnight(end)), negated)
    return True


def _read_month_words(match: re.Match[str], reading: _Reading, negated: bool) -> bool:
    which = match["which"]
    if which == "the" and not match["part"]:
        return False
    first = reading.today.replace(day=1)
    if which == "next":
        first = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    start, end = _month_part(first, match["part"])
    reading.add_period((reading.midnight(start), reading.midnight(end)), negated)
    return True


def _read_within(match: re.Match[str], reading: _Reading, negated: bool) -> bool:
    if negated:
        return True
    if (
        match["unit"] == "week"
        and match[0].startswith("in ")
        and _ENDS_WITH_A_WEEKDAY.search(match.string[: match.start()])
    ):
        # "Monday in the next week": the Monday of next week, read by `_WEEK_WORDS` (not
        # "a Tuesday within the next week", which may be tomorrow).
        return False
    day = _day_in(match["count"] or match["within"] or match["next"], match["unit"], reading.today)
    if day is None:
        return False
    reading.ends.append(reading.now + (day - reading.today))
    return True


def _read_in_time(match: re.Match[str], reading: _Reading, negated: bool) -> bool:
    """Read "in 3 days" as that day, "in 2 weeks" as the week from then, "after 2 weeks" on."""
    first = _day_in(match["count"], match["unit"], reading.today)
    if first is None:
        return False
    days = 1 if match["unit"].startswith("day") else 7
    span = reading.day_range(first, days)
    if negated:
        reading.excluded_ranges.append(span)
    elif match["lead"] == "after" or " ".join(match["count"].split()) in _VAGUE_COUNTS:
        # "After 5 days", "in a few days": from then on, not that day only.
        reading.starts.append(span[0])
    elif days == 1:
        reading.days.append(span)
    else:
        reading.add_period(span, negated=False)
    return True


def _day_in(count: str | None, unit: str, today: dt.date) -> dt.date | None:
    """The day "in 3 days", "in a couple of weeks" or "in a fortnight" names, by dateparser."""
    number = " ".join((count or "1").split())
    number = _VAGUE_COUNTS.get(number, number)
    if unit.startswith("fortnight"):
        week_later = read_day(f"in {number} weeks", today)
        return None if week_later is None else today + 2 * (week_later - today)
    return read_day(f"in {number} {unit}", today)


# Weekdays ------------------------------------------------------------------------------

_WEEKDAY_RANGE = re.compile(
    r"\b(?:from\s+|between\s+)?(?P<first>"
    + _WEEKDAY
    + r")\s*(?:-|to|through|thru|until|till|and)\s*(?P<last>"
    + _WEEKDAY
    + r")"
)
_THIS_WEEKDAY = re.compile(r"\b(?:this\s+(?:coming\s+)?|coming\s+)(?P<day>" + _WEEKDAY + r")")
_NEXT_WEEKDAY = re.compile(r"\bnext\s+(?=" + _WEEKDAY + r"|weekend)")
_WEEKDAY_BOUND = re.compile(
    r"\b(?P<bound>after|from|starting|before|by|until|till)\s+(?:this\s+|next\s+|the\s+)?"
    r"(?P<day>" + _WEEKDAY + r")"
)
_WEEKEND = re.compile(r"\b(?P<which>this|the)?\s*(?:week\s*ends?)\b")
_WORKING_DAYS = re.compile(
    r"\b(?:week\s*days?|working\s+days?|work\s+days?|during\s+the\s+week|mon(?:day)?\s*-\s*fri"
    r"(?:day)?)\b"
)
_WEEKDAY_NAME = re.compile(r"\b(?P<day>" + _WEEKDAY + r")")


def _day_number(name: str) -> int:
    return next(index for index, full in enumerate(DAY_NAMES) if full.startswith(name[:2]))


def _read_weekday_range(match: re.Match[str], reading: _Reading, negated: bool) -> bool:
    first, last = _day_number(match["first"]), _day_number(match["last"])
    joiner = match.group()[match.end("first") - match.start() :]
    if re.match(r"\s*and", joiner) and not match.group().startswith("between"):
        return False  # "Monday and Wednesday" names two days, read one by one
    days = {(first + step) % 7 for step in range((last - first) % 7 + 1)}
    (reading.excluded_weekdays if negated else reading.weekdays).update(days)
    return True


def _read_this_weekday(match: re.Match[str], reading: _Reading, negated: bool) -> bool:
    target = _day_number(match["day"])
    day = reading.today + dt.timedelta(days=(target - reading.today.weekday()) % 7)
    span = reading.day_range(day)
    (reading.excluded_ranges if negated else reading.days).append(span)
    return True


def _read_next_weekday(match: re.Match[str], reading: _Reading, negated: bool) -> bool:
    if negated:
        return False
    reading.starts.append(reading.midnight(reading.today + dt.timedelta(days=1)))
    return True


def _read_weekday_bound(match: re.Match[str], reading: _Reading, negated: bool) -> bool:
    if negated:
        return True
    target = _day_number(match["day"])
    ahead = (target - reading.today.weekday()) % 7
    bound = match["bound"]
    if bound == "before" and ahead == 0:
        ahead = 7
    day = reading.today + dt.timedelta(days=ahead)
    _add_date(day, bound, reading, negated=False)
    return True


def _read_weekend(match: re.Match[str], reading: _Reading, negated: bool) -> bool:
    if negated:
        reading.excluded_weekdays.update(WEEKEND)
        return True
    reading.weekdays.update(WEEKEND)
    if match["which"]:
        saturday = reading.today + dt.timedelta(days=5 - reading.today.weekday())
        reading.add_period(reading.day_range(saturday, 2), negated=False)
    return True


def _read_working_days(match: re.Match[str], reading: _Reading, negated: bool) -> bool:
    (reading.excluded_weekdays if negated else reading.weekdays).update(WORKING_DAYS)
    return True


def _read_weekday_name(match: re.Match[str], reading: _Reading, negated: bool) -> bool:
    day = _day_number(match["day"])
    (reading.excluded_weekdays if negated else reading.weekdays).add(day)
    return True


# Times of day --------------------------------------------------------------------------

_CLOCK_RANGE = re.compile(
    r"\b(?P<lead>between|from)?\s*(?P<first>"
    + _CLOCK
    + r")\s*(?:-|to|and|until|till|til)\s*(?P<last>"
    + _CLOCK
    + r")"
)
_CLOCK_BOUND = re.compile(
    r"\b(?P<keyword>(?:not|no)\s+(?:before|after|earlier\s+than|later\s+than)"
    r"|after|from|starting\s+at|before|by|until|till|til|up\s+to|earlier\s+than|later\s+than"
    r"|at|around|about|for|for\s+about|say|ideally|maybe|perhaps|(?<!would\s)(?<!'d\s)like)"
    r"\s+(?:about\s+|around\s+)?(?P<clock>" + _CLOCK + r")"
)
_BARE_CLOCK = re.compile(
    r"\b(?P<clock>12\s*noon|\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|o'?clock)|\d{1,2}:\d{2}"
    r"|(?:[01]?\d|2[0-3])\.[0-5]\d(?![\d.])"
    r"|" + _HOUR_WORD + r"\s*(?:am|pm|o'?clock))(?![\w:])"
)
_MEALS_AND_WORK = re.compile(
    # ("After school drop off", "after the school run": the morning drop-off, not 3:30.)
    r"\b(?P<phrase>(?:after|before)\s+(?:lunch(?:\s*time)?|work|school(?!\s+(?:drop|run)))"
    r"|(?:(?:at|over|around|about|during)\s+)?lunch(?:\s*time)?|(?:around|about)\s+(?:noon|midday))\b"
)
# "Noon" or "midday" on its own is lunchtime; "12 noon", "at noon", "after midday" are clock
# times, read first by the clock readers.
_MIDDAY = re.compile(r"\b(?:noon|midday)\b")
_PARTS = re.compile(
    r"\b(?P<part>(?:(?P<half>early|late)\s+(?:in\s+the\s+)?)?"
    r"(?:mornings?|morn|afternoons?|arvo|evenings?|nights?)"
    r"|first\s+thing|(?<!\bi )(?:am|pm))\b"
)


_CLOCK_PARTS = re.compile(
    r"(?P<hour>\d{1,2}|" + _HOUR_WORD + r")(?:[:.](?P<minute>\d{2}))?\s*(?P<suffix>am|pm|o'?clock)?"
)


def _clock(text: str, meridiem: str | None = None) -> dt.time | None:
    """A clock time read by dateparser; a bare hour is a clinic hour, so 1 to 7 mean the afternoon.

    The words dateparser does not read are put its way first: "midday" is noon, "three
    o'clock" is "3:00", "10.30" is "10:30".
    """
    words = " ".join(text.split())
    if words in ("noon", "midday", "12 noon", "12noon"):
        return NOON
    found = _CLOCK_PARTS.fullmatch(words)
    if found is None:
        return None
    hour = str(ONE_TO_TWELVE.get(found["hour"], found["hour"]))
    suffix = found["suffix"] if found["suffix"] in ("am", "pm") else meridiem
    clock = read_clock(f"{hour}:{found['minute'] or '00'}{' ' + suffix if suffix else ''}")
    if clock is None or suffix or not 1 <= clock.hour <= 7 or hour.startswith("0"):
        return clock
    return clock.replace(hour=clock.hour + 12)


def _meridiem(text: str) -> str | None:
    found = re.search(r"(am|pm)$", text)
    return found.group() if found else None


def _read_clock_range(match: re.Match[str], reading: _Reading, negated: bool) -> bool:
    first_text, last_text = match["first"], match["last"]
    explicit = any(
        re.search(r"am|pm|:|noon|midday|o'?clock", part) for part in (first_text, last_text)
    )
    if not (explicit or match["lead"]):
        return False
    last = _clock(last_text)
    if last is None:
        return False
    first = None
    shared = _meridiem(last_text)
    if shared and not _meridiem(first_text):
        # "2-4pm": the pm is meant for both, unless that would put the start after the end.
        first = _clock(first_text, shared)
        first = first if first is not None and first <= last else None
    first = first or _clock(first_text)
    if first is None:
        return False
    if negated:
        return True
    reading.add_after(first)
    reading.add_before(last)
    return True


def _read_clock_bound(match: re.Match[str], reading: _Reading, negated: bool) -> bool:
    clock = _clock(match["clock"])
    if clock is None:
        return False
    keyword = " ".join(match["keyword"].split())
    if keyword in ("not before", "no earlier than", "not earlier than"):
        keyword, negated = "after", False
    elif keyword in ("not after", "no later than", "not later than"):
        keyword, negated = "before", False
    if keyword in ("after", "from", "starting at", "later than"):
        (reading.add_before if negated else reading.add_after)(clock)
    elif keyword in ("before", "by", "until", "till", "til", "up to", "earlier than"):
        (reading.add_after if negated else reading.add_before)(clock)
    elif not negated:
        # "like 11", "maybe 11": an example of a time that would do, so the hour either side.
        spread = keyword in ("around", "about", "for about", "like", "maybe", "perhaps")
        _add_around(clock, reading, spread=spread)
    return True


def _read_bare_clock(match: re.Match[str], reading: _Reading, negated: bool) -> bool:
    clock = _clock(match["clock"])
    if clock is None:
        return False
    if not negated:
        _add_around(clock, reading, spread=False)
    return True


def _add_around(clock: dt.time, reading: _Reading, spread: bool) -> None:
    """Read "at 3pm" as the hour from 15:00, "around 3pm" as an hour either side."""
    minutes = clock.hour * 60 + clock.minute
    low = minutes - 60 if spread else minutes
    high = minutes + 60
    reading.add_after(dt.time(max(low, 0) // 60, max(low, 0) % 60))
    if high < 24 * 60:
        reading.add_before(dt.time(high // 60, high % 60))


def _read_meals_and_work(match: re.Match[str], reading: _Reading, negated: bool) -> bool:
    phrase = " ".join(match["phrase"].split())
    if negated:
        return True
    if phrase.startswith("after lunch"):
        reading.add_after(PARTS_OF_DAY["afternoon"][0])
    elif phrase.startswith("before lunch"):
        reading.add_before(NOON)
    elif phrase == "after work":
        reading.add_after(EVENING)
    elif phrase == "before work":
        reading.add_before(dt.time(9, 0))
    elif phrase == "after school":
        reading.add_after(dt.time(15, 30))
    elif phrase == "before school":
        reading.add_before(dt.time(8, 30))
    else:
        reading.parts.add("lunchtime")
    return True


def _read_midday(match: re.Match[str], reading: _Reading, negated: bool) -> bool:
    if not negated:
        reading.parts.add("lunchtime")
    return True


def _read_part(match: re.Match[str], reading: _Reading, negated: bool) -> bool:
    word = match["part"].split()[-1]
    if word == "pm":
        if not negated:
            # "Weds pm" is the afternoon (and evening), not the slot at noon.
            reading.add_after(PARTS_OF_DAY["afternoon"][0])
        else:
            reading.add_before(NOON)
        return True
    part: PartOfDay = (
        "morning"
        if word.startswith("morn") or word in ("thing", "am")
        else "afternoon"
        if word.startswith(("afternoon", "arvo"))
        else "evening"
    )
    half = match["half"]
    if half and not negated:
        # "Late afternoon": the afternoon from 15:00.
        reading.parts.add(part)
        (reading.add_before if half == "early" else reading.add_after)(PART_SPLITS[part])
    elif half and half == "early" and part == "morning":
        reading.add_after(PART_SPLITS[part])  # "not early mornings": from 10:00
    elif half == "late" and part != "morning":
        reading.add_before(PART_SPLITS[part])  # "can't do late afternoons": before 15:00
    elif not half:
        (reading.excluded_parts if negated else reading.parts).add(part)
    # "Not early afternoon" leaves two spans apart, which one preference cannot hold.
    return True


# The order matters: each reader blanks what it read, so "3 December" is not also read as
# 3pm and "this Friday" not also as every Friday.
_READERS: tuple[tuple[re.Pattern[str], Handler, Aspect], ...] = (
    (_WEEK_OF_DATE, _read_week_of_date, "day"),
    (_FULL_DATE, _read_full_date, "day"),
    (_DAY_OF_MONTH, _read_day_of_month, "day"),
    (_WHOLE_MONTH, _read_whole_month, "day"),
    (_DAY_WORDS, _read_day_words, "day"),
    (_WITHIN, _read_within, "day"),
    (_IN_TIME, _read_in_time, "day"),
    (_WEEK_WORDS, _read_week_words, "day"),
    (_MONTH_WORDS, _read_month_words, "day"),
    (_WEEKDAY_RANGE, _read_weekday_range, "day"),
    (_WORKING_DAYS, _read_working_days, "day"),
    (_THIS_WEEKDAY, _read_this_weekday, "day"),
    (_NEXT_WEEKDAY, _read_next_weekday, "day"),
    (_WEEKDAY_BOUND, _read_weekday_bound, "day"),
    (_WEEKEND, _read_weekend, "day"),
    (_WEEKDAY_NAME, _read_weekday_name, "day"),
    (_MEALS_AND_WORK, _read_meals_and_work, "time"),
    (_CLOCK_RANGE, _read_clock_range, "time"),
    (_CLOCK_BOUND, _read_clock_bound, "time"),
    (_BARE_CLOCK, _read_bare_clock, "time"),
    (_MIDDAY, _read_midday, "time"),
    (_PARTS, _read_part, "time"),
)
