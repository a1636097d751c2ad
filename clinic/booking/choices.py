"""Reading the patient's choice among offered times, and what day or clinician they mean.

Pure: offered times are the titles the assistant showed ("Mon 14 Dec, 9am - Dr Okafor
(consultant)"); actions/booking.py searches, offers and books.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence

from clinic.booking.time_words import (
    WEEKDAY_WORDS,
    hours_asked_for,
    ruled_out_weekdays,
    spoken_clock_as_digits,
    time_of_day_words,
    without_time_of_day,
)
from clinic.number_words import ONE_TO_TWELVE

NONE_OF_THESE = "none"
NONE_ANSWERS = frozenset(
    {NONE_OF_THESE, "none of these", "none of them", "no", "nope", "neither", "no thanks"}
)
"""Answers to the offered times that mean "none of these": show the next ones."""
NONE_START = re.compile(r"^\s*(?:none|no|nope|neither|not those|not them)\b", re.IGNORECASE)
MORE_TIMES = re.compile(
    r"\b(?:anything|something|any)\s+(?:later|else|other)\b|\bother\s+(?:times?|slots?|options?)\b"
    r"|\bmore\s+(?:times|slots|options)\b|\blater\s+(?:ones?|times?|slots?)\b",
    re.IGNORECASE,
)
"""Asking for other offers without naming a time ("anything later?"): the next ones."""
# "the second one": ordinal words win over the "one" that often follows them.
ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "top": 0}
NUMBERS = {"1": 0, "one": 0, "2": 1, "two": 1, "3": 2, "three": 2}

_DAY_WORDS = re.compile(
    r"\b(?:next\s+|this\s+)?(?:mon|tue|wed|thu|fri|sat|sun)\w*"
    r"|\b(?:today|tomorrow|(?:next|this)\s+week)\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\s+\d{1,2}(?:st|nd|rd|th)?\b"
    r"|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b\d{1,2}(?:st|nd|rd|th)\b"
)
_BARE_WEEKDAY = re.compile(
    r"^(?!.*\b(?:next|this)\s+(?:mon|tue|wed|thu|fri))(?=.*\b(?:mon|tue|wed|thu|fri)\w*)"
)
# The week a bare weekday said later belongs to. "This week" is not carried: a weekday
# alone is already the coming one, and after "this week" had nothing free it must be
# free to fall in the next.
_WEEK_WORDS = re.compile(r"\bnext\s+week\b|\bweek\s+after\s+next\b")
# A day of the month ("the 10th"), not a clock time ("9.30", "10am").
_DATE_WORDS = re.compile(
    r"\b(?:today|tomorrow)\b|\b(?<![:.])\d{1,2}(?:st|nd|rd|th)?\b(?![:.]\d)(?!\s*(?:am|pm))|\bweek\b"
)
_ANY_DAY = re.compile(
    r"\b(?:any\s*(?:day|time|other\s+day)|another\s+day|other\s+days|whenever|next\s+(?:free|available)"
    r"|soonest|earliest|first\s+(?:free|available))\b"
)
_ROLE_WORDS = (
    ("physio", re.compile(r"\bphysio\w*")),
    ("doctor", re.compile(r"\b(doctors?|dr|consultants?|specialists?|rheumatolog\w*)\b")),
)
# The same words as typed, in any case ("can i book with the Physio, Friday afternoon?").
_ROLE_WORDS_ANY_CASE = tuple(
    re.compile(pattern.pattern, re.IGNORECASE) for _, pattern in _ROLE_WORDS
)
ROLE_NAMES = {"physio": "physiotherapist", "doctor": "doctor"}


_TITLE_WEEKDAY = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*\s+\d", re.IGNORECASE)
_WEEKDAY_NAME = re.compile(r"\b(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b")
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DAY_AFTER = re.compile(
    r"\b(?:the\s+)?(?P<day>mon|tue|wed|thu|fri|sat|sun)[a-z]*\s+after\b"
    r"(?!\s+(?:next|this|lunch|work|school|\d))(?:\s+(?:that|it|the\s+\w+))?"
    r"|\bthe\s+(?:following|next)\s+(?P<next>mon|tue|wed|thu|fri|sat|sun)[a-z]*\b",
    re.IGNORECASE,
)
_SAME_DAY = re.compile(r"\b(?:the\s+)?same\s+day\b", re.IGNORECASE)


def relative_to_day(text: str, day: dt.date | None) -> str:
    """`text` with days said relative to `day` written as dates.

    "The Friday after" (or "the following Friday") a Thursday 10 December appointment is
    Friday 11 December; "same day" is `day` itself; "push it back a week" is a week after
    it. Without `day`, or without such words, `text` is unchanged.
    """
    if day is None:
        return text

    def after(match: re.Match[str]) -> str:
        wanted = _WEEKDAYS.index((match["day"] or match["next"]).lower()[:3])
        ahead = (wanted - day.weekday() - 1) % 7 + 1
        return _date_words(day + dt.timedelta(days=ahead))

    def weeks_later(match: re.Match[str]) -> str:
        count = _WEEK_COUNTS.get((match["n1"] or match["n2"] or "1").lower(), 1)
        later = day + dt.timedelta(weeks=count)
        # "The week after, Friday morning": that week's Friday, not the same weekday.
        rest = text[: match.start()] + " " + text[match.end() :]
        # "An afternoon the week after, but not the Monday": not a day to go to.
        ruled_out = ruled_out_weekdays(rest)
        named = {found[:3].lower() for found in WEEKDAY_WORDS.findall(rest.lower())} - {
            _WEEKDAYS[index] for index in ruled_out
        }
        monday = later - dt.timedelta(days=later.weekday())
        if not named and ruled_out:
            days = [index for index in range(5) if index not in ruled_out]
            return " or ".join(_date_words(monday + dt.timedelta(days=index)) for index in days)
        if len(named) == 1:
            later = monday + dt.timedelta(days=_WEEKDAYS.index(named.pop()))
        elif named:
            # "The week after? Monday or Tuesday": each of those days of that week.
            days = sorted(_WEEKDAYS.index(day) for day in named)
            return " or ".join(_date_words(monday + dt.timedelta(days=day)) for day in days)
        return _date_words(later)

    moved = _WEEKS_LATER.sub(weeks_later, text)
    moved = _same_week(moved, day)
    return _SAME_DAY.sub(_date_words(day), _DAY_AFTER.sub(after, moved))


def _same_week(text: str, day: dt.date) -> str:
    """The days said of the booking's own week ("same week, Wednesday or Thursday").

    With no day named, every working day of that week.
    """
    found = _SAME_WEEK.search(text)
    if found is None:
        return text
    monday = day - dt.timedelta(days=day.weekday())
    rest = text[: found.start()] + " " + text[found.end() :]

    def dated(match: re.Match[str]) -> str:
        index = _WEEKDAYS.index(match.group().lower()[:3])
        return _date_words(monday + dt.timedelta(days=index))

    if WEEKDAY_WORDS.search(rest):
        return WEEKDAY_WORDS.sub(dated, rest)
    if _DAY_NUMBER.search(rest):
        return rest  # "the same week, so 16th or 17th": the dates say it
    days = range(5)
    if found.group().lower().startswith("later"):
        # "Could I move it to later that week?": the days after the booking's own.
        days = range(day.weekday() + 1, 5)
    elif found.group().lower().startswith("earlier"):
        days = range(min(day.weekday(), 5))
    every_day = " or ".join(_date_words(monday + dt.timedelta(days=n)) for n in days)
    return f"{every_day} {rest}" if every_day else rest


_DAY_NUMBER = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)\b", re.IGNORECASE)
_SAME_WEEK = re.compile(
    r"\b(?:the\s+)?same\s+week(?:\s+as\s+(?:the|my)\s+\w+)?\b"
    # "Later that week, like Friday morning": the booking's own week.
    r"|\b(?:later|earlier)\s+(?:on\s+)?(?:in\s+)?(?:that|the\s+same)\s+week\b",
    re.IGNORECASE,
)


# "Push that back a week" (or "that back a week", after the word for moving), "two weeks
# later", "the week after": counted from the booking.
_WEEKS_LATER = re.compile(
    r"(?:(?:\b(?:push|move|put)\s+(?:(?:it|that|this|my\s+appointment|the\s+appointment)\s+)?"
    r"|\b(?:it|that|this)\s+)back\s+(?:by\s+)?(?P<n1>a|one|1|two|2|three|3)\s+weeks?"
    r"|\b(?P<n2>a|one|1|two|2|three|3)\s+weeks?\s+later|\bthe\s+week\s+after"
    # "Same time next week": a week after the appointment being moved.
    r"|(?<=same\stime\s)next\s+week)\b",
    re.IGNORECASE,
)
_WEEK_COUNTS = {"a": 1, "one": 1, "1": 1, "two": 2, "2": 2, "three": 3, "3": 3}


_AVAILABILITY = re.compile(
    r"\b(?:can|could)\s+(?:only\s+)?(?:come|do|make\s+it|manage|get\s+(?:there|in))\b"
    r"|\b(?:available|free)\s+(?:on|after|before|in|from|any)\b|\bsuits?\s+(?:me|him|her|us|them)\b"
    r"|\bworks?\s+(?:best\s+)?for\s+(?:me|him|her|us|them)\b|\bprefer(?:ably)?\b"
    r"|\bonly\s+(?:after|before|on|in\s+the|mornings?|afternoons?|evenings?|weekends?)\b"
    # "Tuesday morning would be best", "monday or tuesday, morning time is good for me".
    r"|\b(?:would\s+be|is|are)\s+(?:best|ideal|good\s+for\s+me|better\s+for\s+me)\b"
    r"|\bbest\s+for\s+(?:me|him|her|us|them)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")
# "What's the latest you have on a Thursday?", "got anything after 5?": what is free.
_WHAT_IS_FREE = re.compile(
    r"\b(?:latest|earliest|soonest|last\s+(?:slot|appointment)"
    r"|(?:any|free)\s+(?:slots?|times?|appointments?|openings?|space)"
    r"|slots?\s+(?:free|available|left)|availability"
    # Not "is there anything I can do on Monday mornings?" nor "anything for the pain?".
    r"|(?:(?:have|got)\s+(?:you\s+)?(?:got\s+)?|(?:is|are)\s+there\s+)anything"
    r"(?!\s+(?:for|to|that|which|i|we|you|he|she|they|my|else)\b)"
    r"|anything\s+(?:free|available|on|after|before|later|earlier|late|early|this|next|today"
    r"|tomorrow|mon|tue|wed|thu|fri)\w*)\b",
    re.IGNORECASE,
)


def asks_what_is_free(text: str) -> bool:
    """Whether the message asks which appointment times are free."""
    return _WHAT_IS_FREE.search(text) is not None


def availability_said(text: str) -> str:
    """The sentences of a message that say when the patient can come, or "".

    "His back is bad. He can only come after 5" gives "He can only come after 5": a day
    or time told with the story ("hurt it last Friday") is not when they can come.
    """
    return " ".join(
        sentence.strip() for sentence in _SENTENCE_END.split(text) if _AVAILABILITY.search(sentence)
    )


# "Same time", "same sorta time", "around the same time-ish".
_SAME_TIME = re.compile(
    r"\b(?:(?:at\s+|around\s+|about\s+)?the\s+)?same\s+(?:sort\s+of\s+|sorta\s+|kind\s+of\s+"
    r"|kinda\s+|ish\s+)?time(?:\s*-?\s*ish)?\b",
    re.IGNORECASE,
)
# "Same sort of time", "similar time": near it, not exactly it.
_SIMILAR_TIME = re.compile(
    r"\b(?:(?:at\s+|around\s+|about\s+)?(?:a\s+|the\s+)?)?(?:similar\s+times?"
    r"|same\s+(?:sort\s+of\s+|sorta\s+|kind\s+of\s+|kinda\s+|ish\s+)time"
    r"|same\s+time\s*-?\s*ish)\b",
    re.IGNORECASE,
)
# The clock time of a booking ("... at 4pm") or of an offer's title ("Wed 16 Dec, 3:30pm - ").
_CLOCK_IN_TEXT = re.compile(r"(?:\bat\s+|,\s*)(\d{1,2}(?::\d{2})?\s*[ap]m)\b", re.IGNORECASE)


def at_same_time(text: str, booked: str) -> str:
    """`text` with "same time" as the clock time of the booking described by `booked`.

    "The following Thursday, same time" when moving "Thursday 10 December at 5:30pm" is
    at 5:30pm; "same sort of time" or "similar time" is around 5:30pm. `booked` may also be
    an offer's title ("Wed 16 Dec, 3:30pm - Dr Okafor"). Without a clock time in `booked`,
    `text` is unchanged.
    """
    clock = _CLOCK_IN_TEXT.search(booked)
    if not clock:
        return text
    return _SAME_TIME.sub(
        f"at {clock.group(1)}", _SIMILAR_TIME.sub(f"around {clock.group(1)}", text)
    )


def _date_words(day: dt.date) -> str:
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def day_of(text: str, today: dt.date) -> dt.date | None:
    """The date a title or description names ("Thu 10 Dec", "Thursday 10 December at 9am").

    The year is the one that puts the date nearest after `today` (appointments are ahead).
    """
    found = re.search(r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r")[a-z]*\b", text, re.I)
    if found is None:
        return None
    month = _MONTHS.index(found.group(2).lower()) + 1
    for year in (today.year, today.year + 1):
        try:
            candidate = dt.date(year, month, int(found.group(1)))
        except ValueError:
            return None
        if candidate >= today - dt.timedelta(days=31):
            return candidate
    return None


_TITLE_DATE = re.compile(
    r"\b(\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))\w*", re.IGNORECASE
)


def with_earlier_day(text: str, before: str, titles: Sequence[str] = ()) -> str:
    """`text` with the day already being talked about, when `text` names no day itself.

    The day is the one date all of `titles` (the times offered, or the time chosen) are on
    ("14 Dec"), else the day of the earlier answer `before` ("Monday"). A weekday alone
    after a week asked for ("next week", then "Friday") is that week's.
    """
    lowered = text.lower()
    if _ANY_DAY.search(lowered):
        # "Next physio available, any day": not only the day on offer.
        return text
    dates = {match.group(1).lower() for title in titles if (match := _TITLE_DATE.search(title))}
    if _DAY_WORDS.search(lowered):
        # "Friday morning" after "next week": the Friday of next week.
        week = _WEEK_WORDS.search(before.lower())
        if week and _BARE_WEEKDAY.match(lowered) and not _DATE_WORDS.search(lowered):
            return f"{text} {week.group(0)}"
        # "Thursday afternoon" while Thursday the 17th is being talked about: the 17th.
        weekdays = {m.group(1).lower()[:3] for t in titles if (m := _TITLE_WEEKDAY.search(t))}
        named = _WEEKDAY_NAME.findall(lowered)
        if (
            len(dates) == 1
            and len(weekdays) == 1
            and _BARE_WEEKDAY.match(lowered)
            and not _DATE_WORDS.search(lowered)
            and {day[:3] for day in named} == weekdays
        ):
            return f"{text} {dates.pop()}"
        return text
    if len(dates) == 1 and len(titles) > 0:
        return f"{dates.pop()} {text}"
    earlier_day = _DAY_WORDS.search(before.lower())
    if earlier_day and _WEEKEND_DAY.fullmatch(earlier_day.group(0).strip()):
        # "Saturday morning?", then "anything after 5:30?": the clinic is closed at
        # weekends (said already), so the new time is asked of any day.
        return text
    return f"{earlier_day.group(0)} {text}" if earlier_day else text


_WEEKEND_DAY = re.compile(r"(?:next\s+|this\s+)?(?:sat|sun)\w*|(?:the\s+|a\s+)?weekends?", re.I)


def with_earlier_time_of_day(text: str, before: str) -> str:
    """`text` with the time of day asked before, when `text` names a day and no time of day.

    "Thursday then?" after "any day after 4:30" is Thursday after 4:30: the hours the
    patient can come have not changed because they named a day. An answer without a day
    ("anything else?") or with its own time of day ("Thursday morning") is left as it is.
    """
    if not _DAY_WORDS.search(text.lower()) or _ANY_DAY.search(text.lower()):
        return text
    if time_of_day_words(text):
        return text
    earlier = hours_asked_for(before)
    # A clause of its own, so that "not Thursday" does not negate the hours too.
    return f"{text}, {earlier}" if earlier else text


_PART_WORD = re.compile(
    r"\b(?:mornings?|afternoons?|evenings?|lunch\s*time|lunch|first\s+thing|am|pm|arvo)\b"
)


def with_new_part_of_day(text: str, before: str) -> str | None:
    """The days asked before, at the part of the day `text` now names; None if it is not that.

    "Afternoon" (or "I said afternoon") after "Tuesday or Wednesday morning next week" is
    "tuesday or wednesday next week afternoon": the part of the day is corrected, the days
    kept. An answer with a day or a clock time of its own is not such a correction.
    """
    lowered = text.lower()
    if not _PART_WORD.search(lowered) or _DAY_WORDS.search(lowered) or re.search(r"\d", lowered):
        return None
    days = without_time_of_day(before)
    if not _DAY_WORDS.search(days):
        return None
    # A clause of its own: after "not Tuesday", "mornings" is wanted, not ruled out too.
    return f"{days}, {text.strip()}"


_CORRECTION = re.compile(
    r"\b(?:wait|hold\s+on|hang\s+on)[\s,]+no\b|\bno[\s,]+wait\b|\bscratch\s+that\b"
    # "Monday afternoon, no sorry, Tuesday afternoon is better"
    r"|\bno[\s,]+sorry\b|\bsorry[\s,]+no\b|\bor\s+rather\b"
    # "Actually, Monday": a change; "Wed 9am is actually better" says what is wanted.
    r"|(?<!\bis\s)(?<!\bbe\s)(?<!'s\s)(?<!\bwould\s)(?<!\bwas\s)(?<!\bare\s)(?<!'d\s)\bactually\b(?!\s+(?:better|best|fine|good|great|easier"
    r"|preferable|perfect|ok|okay|works?)\b)"
    r"|\bon\s+second\s+thoughts?\b|\bi\s+mean[t]?\b|\bchange\s+of\s+plan\b"
    # "Those are mornings, I said afternoon": what was said before, said again.
    r"|\bi\s+(?:said|asked\s+for|wanted|told\s+you)\b",
    re.IGNORECASE,
)
_SETTLED_AFTER = re.compile(
    r"(?<=[.!?;])\s+(?=(?:[^.!?;]|\.\d)*\bthen\b(?:[^.!?;]|\.\d)*\.?$)", re.IGNORECASE
)
# The end of a clause: not the dots inside an email address, a website or "9.30".
_CLAUSE_END = re.compile(r"[,;!?]|\.(?!\S)")


_SAYS_A_TIME = re.compile(
    r"\d|\b(?:mon|tue|wed|thu|fri|sat|sun)\w*|\b(?:today|tomorrow|morning|afternoon|evening"
    r"|lunch\w*|noon|midday|week|month|weekend|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*"
    r"|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|physio\w*|doctor|dr|consultant|anyone|later"
    r"|earlier|first|last|one)\b",
    re.IGNORECASE,
)


def after_correction(answer: str) -> str:
    """What the patient settles on after changing their mind within one message.

    "11 with Okafor. Wait no, actually make it Monday instead" settles on "make it Monday
    instead"; an answer that says something only before the last correction is whole.
    """
    found = list(_CORRECTION.finditer(answer))
    if not found:
        # "5pm I can't, I finish at 5. The 6.30 on the 17th then, with Dr Lindqvist": the
        # last sentence settles on a time, after the reason for not taking another.
        settled = _SETTLED_AFTER.split(answer)
        return settled[-1] if len(settled) > 1 else answer
    rest = answer[found[-1].end() :].strip(" ,.;:!-")
    # Its first clause: what follows is usually the reason ("tomorrow I'm busy"), unless
    # it says the time of day ("I mean Thursday 17th, around 5.30").
    clauses = _CLAUSE_END.split(rest, maxsplit=2)
    if len(clauses) > 1 and (_RULES_OUT.search(clauses[0]) or not _SAYS_A_TIME.search(clauses[0])):
        # "I meant the wk after, not this wed. the 16th": the first clause alone names no
        # day or time the search can read; the rest does.
        # "Actually Tuesday doesn't work, school run. Can we do Wednesday afternoon
        # instead?": the day ruled out, and the wish after the reason.
        return rest
    # What follows keeps a clinician named or a time of day: "can it be with the other
    # doctor, Dr Lindqvist? Same afternoon if possible".
    kept = [clauses[0].strip()]
    for clause in _CLAUSE_END.split(rest)[1:]:
        if not (time_of_day_words(clause) or names_someone(clause)):
            break
        kept.append(clause.strip())
    rest = ", ".join(part for part in kept if part)
    return rest if re.search(r"\w", rest) else answer


_RULES_OUT = re.compile(
    r"\b(?:doesn'?t|doesnt|does\s+not|don'?t|dont|can'?t|cant|cannot|won'?t|wont|isn'?t|isnt"
    r"|no\s+good|not\s+good)\b"
    # "Actually not Wednesday, I'm working. Thursday evening instead?"
    r"|^\s*not\s+(?:on\s+)?(?:mon|tue|wed|thu|fri|sat|sun)\w*",
    re.IGNORECASE,
)


# "Friday afternoon would be better, school run in the morning": the clause with the
# reason names the part of the day that is NOT wanted.
_REASON = re.compile(
    r"\b(?:school\s+run|work|working|at\s+work|busy|job|shifts?|childcare|nursery|classes"
    r"|meetings?|appointments?\s+elsewhere|i\s+work|i'?m\s+at\s+work)\b",
    re.IGNORECASE,
)


def without_reasons(text: str) -> str:
    """The answer without a clause that only gives a reason, when another says the time.

    "oh hang on, friday afternoon would actually be better, school run in the morning" is
    "oh hang on, friday afternoon would actually be better": its "morning" is the reason
    the morning does not suit, not a wish for it.
    """
    clauses = [clause for clause in re.split(r"(?<=[,;])\s+|(?<=[.!?])\s+", text) if clause]
    timed = [bool(_PART_WORD.search(c.lower()) or _DAY_WORDS.search(c.lower())) for c in clauses]
    kept = [
        clause
        for clause, has_time in zip(clauses, timed, strict=True)
        if not (has_time and _REASON.search(clause) and sum(timed) > 1)
    ]
    return " ".join(kept).rstrip(" ,;") if kept and len(kept) < len(clauses) else text


_REFUSAL = re.compile(
    r"\b(?:not|no|don't|dont|do\s+not|rather\s+not|instead\s+of|other\s+than|except|anyone\s+but"
    r"|never|rather\s+than|as\s+opposed\s+to|forget(?:\s+about)?"
    # "I'd rather see the doctor than the physio"
    r"|than)\b"
    # "I don't mind seeing a doctor": a doctor is welcome, not refused.
    r"(?<!\bdon't)(?<!\bdont)(?<!\bdo\snot)"
    r"|(?:don't|dont|do\s+not)\b(?!\s+mind\b)"
    # "A doctor is fine if the physio isn't in": the one who may be away is not asked for.
    r"|\bif\b(?=[^.,;!?]*\b(?:isn'?t|isnt|is\s+not|aren'?t|arent|are\s+not|not)\s+"
    r"(?:in|free|available|around|there|working|about|on)\b)",
    re.IGNORECASE,
)
_CLINICIAN_CLAUSE = re.compile(r"[,;!?]|\.(?!\S)|\bbut\b(?!\s+not)|\bthen\b", re.IGNORECASE)


def split_refusal(text: str) -> tuple[str, str]:
    """What the answer asks for, and what it refuses, clause by clause.

    "I'd rather see Dr Okafor not the sports doctor" asks for "I'd rather see Dr Okafor"
    and refuses "the sports doctor": in each clause, what follows a "not" is refused.
    """
    wanted, refused = [], []
    for clause in _CLINICIAN_CLAUSE.split(text):
        # "No I want a consultant not a physio": the opening no answers what came before.
        lead = _OPENING_NO.match(clause)
        start = lead.end() if lead else 0
        found = _REFUSAL.search(clause, start)
        wanted.append(clause[start : found.start()] if found else clause[start:])
        refused.append(clause[found.end() :] if found else "")
    return " ".join(wanted), " ".join(refused)


_OPENING_NO = re.compile(
    r"^\s*(?:no+|nope|nah)\b(?=\s+(?:i|i'?d|i'?m|we|can|could|please|pls|a|an|the|make|let'?s)\b)",
    re.IGNORECASE,
)


def _surname(name: str) -> str:
    return name.split()[-1].strip(".,").lower() if name.split() else ""


_TITLES = frozenset({"dr", "dr.", "doctor", "mr", "mrs", "ms", "miss", "prof", "professor"})


def _first_name(name: str) -> str:
    words = [word for word in name.lower().split() if word not in _TITLES]
    return words[0] if len(words) > 1 else ""


def _mentions(text: str, name: str, label: str = "") -> bool:
    """Whether `text` names the clinician by surname, or by their label ("sports doctor")."""
    lowered = text.lower()
    surname = _surname(name)
    if len(surname) > 2 and re.search(rf"\b{re.escape(surname)}\b", lowered):
        return True
    # Physiotherapists go by their first name: "with Rhian".
    first = _first_name(name)
    if len(first) > 2 and re.search(rf"\b{re.escape(first)}\b", lowered):
        return True
    label = " ".join(label.lower().split())
    # A label that is only a kind ("doctor") names no one: `wanted_role` reads kinds.
    return (
        bool(label) and " " in label and re.search(rf"\b{re.escape(label)}\b", lowered) is not None
    )


_NAMES_SOMEONE = re.compile(
    # "My friend saw Rhian Hughes, can I get an appointment with her?"
    r"\b(?:dr|doctor|with|see|saw|seen|seeing)\.?\s+(?!(?:the|a|an|any|anyone|someone|me|my|him"
    r"|her|them|physio\w*|doctor|dr|consultant|specialist|your|this|that|there|here|online|before"
    r"|already|earlier|last|yet|today|somebody|something|anything|what|how)\b)[a-z'-]{3,}"
)


_PREFERS = re.compile(
    # Not "see a specialist rather than just waiting it out": a choice of what to do.
    # Nor "I'd rather not take pills. Is physio an option?": what is not wanted.
    r"\b(?:rather(?!\s+than\s+(?:just\s+)?\w+ing\b)(?!\s+not\b)|prefer(?!\s+not\b)|instead|switch\s+to|change\s+to"
    r"|swap\s+to|go\s+with)\b",
    re.IGNORECASE,
)


def without_names(text: str) -> str:
    """The text without the clinicians it names ("with Dr Lindqvist, Wednesday" loses the name)."""
    return _NAMES_SOMEONE_ANY_CASE.sub(" ", text)


def prefers_a_clinician(text: str) -> bool:
    """Whether the message says who the patient would rather see ("I'd rather see Dr Okafor")."""
    return bool(_PREFERS.search(text)) and (
        names_someone(text) or wanted_role(text.lower()) is not None
    )


_NAMES_SOMEONE_ANY_CASE = re.compile(_NAMES_SOMEONE.pattern, re.IGNORECASE)


def names_someone(text: str) -> bool:
    """Whether the message names someone to see ("Dr Okafor", "with Rhian")."""
    return bool(_NAMES_SOMEONE.search(text.lower()))


def named_clinicians(text: str, clinicians: Iterable[str]) -> set[str]:
    """Which of `clinicians` the patient asks for by surname ("with Dr Okafor", "hughes").

    A clinician refused ("not Dr Lindqvist") is not asked for.
    """
    wanted, _ = split_refusal(text)
    return {name for name in clinicians if name and _mentions(wanted, name)}


# Words of a role that name no one in particular: every clinician is a kind of these.
_GENERIC_ROLE_WORDS = frozenset(
    {"doctor", "dr", "specialist", "physio", "physiotherapist", "clinician", "and", "of"}
)
# Role words with another everyday meaning in a booking message ("exercise in the
# morning", "my medicine", "in practice").
_ROLE_WORDS_WITH_OTHER_MEANINGS = frozenset({"exercise", "medicine", "practice", "advanced"})


def clinicians_by_role(text: str, roles: Mapping[str, str]) -> set[str]:
    """Which clinicians the patient asks for by a word of their role only they have.

    `roles` maps each name to the words of their role ("consultant rheumatologist"): "book
    him with the rheumatologist", "I'd rather the consultant" ask for the one consultant
    rheumatologist; "a doctor" names no one (`wanted_role` reads kinds). A role refused
    ("not the consultant") is not asked for.
    """
    words = {
        name: _role_words(role) - _GENERIC_ROLE_WORDS - _ROLE_WORDS_WITH_OTHER_MEANINGS
        for name, role in roles.items()
    }
    wanted = _role_words(split_refusal(text.lower())[0])
    named = set()
    for name, own in words.items():
        others = set().union(*(w for other, w in words.items() if other != name))
        if wanted & (own - others):
            named.add(name)
    return named


def _role_words(text: str) -> set[str]:
    """The words of `text`; a field is named as its specialist ("rheumatologist")."""
    return {re.sub(r"ology$", "ologist", word) for word in re.findall(r"[a-z]+", text.lower())}


def refused_clinicians(text: str, clinicians: Iterable[tuple[str, str]]) -> set[str]:
    """Which clinicians, (name, label) each, the patient refuses ("not the sports doctor")."""
    _, refused = split_refusal(text)
    return {name for name, label in clinicians if name and _mentions(refused, name, label)}


_ANOTHER_BOOKING = re.compile(
    r"\b(?:another|second|extra|additional|separate|also)\s+(?:\w+\s+)?"
    r"(?:appointment|appt|booking|consultation|session)\b"
    r"|\balso\s+(?:book|need|want)\b|\bas\s+well\b|\bfor\s+my\s+(?:wife|husband|partner|mum|mom"
    r"|dad|son|daughter|friend|mother|father|sister|brother)\b",
    re.IGNORECASE,
)


def asks_for_another_booking(text: str) -> bool:
    """Whether a request to book, made while moving a booking, is for a booking besides it.

    While a booking is being moved, "can I see a doctor on Wednesday?" asks for the new
    time; "I also need another appointment for my wife" asks for a second booking.
    """
    return _ANOTHER_BOOKING.search(text) is not None


_FOR_SOMEONE_ELSE = re.compile(
    r"\bfor\s+(?:my\s+(?:wife|husband|partner|mum|mom|mother|dad|father|son|daughter|sister"
    r"|brother|friend|gran\w*|grand\w*|aunt\w*|uncle|niece|nephew|neighbou?r|boyfriend"
    r"|girlfriend|fianc\w*|flatmate|colleague)|him|her|them)\b",
    re.IGNORECASE,
)


def books_for_someone_else(text: str) -> bool:
    """Whether a request to book is for another person ("can I also book one for my sister?")."""
    return _FOR_SOMEONE_ELSE.search(text) is not None


ANY_ROLE = "any"
"""`preferred_role` once the patient said any clinician will do: no kind is asked for again."""

_ANY_CLINICIAN = re.compile(
    r"\b(?:any\s+(?:clinician|doctor\s+or\s+physio\w*|of\s+them|practitioner|specialist|kind)"
    r"|anyone|anybody|whoever|either\s+(?:one|is|would|will)"
    r"|(?:doesn'?t|doesnt|does\s+not|don'?t|dont|do\s+not|needn'?t)\s+(?:have|need)\s+to\s+be)\b",
    re.IGNORECASE,
)
# "Don't mind who": any clinician, or, beside a kind named ("a doctor, don't mind who"),
# any of that kind.
_ANY_PERSON = re.compile(
    r"\b(?:(?:doesn'?t|doesnt|does\s+not)\s+matter\s+(?:who|which)"
    r"|(?:don'?t|dont|do\s+not)\s+(?:mind|care)\s+(?:who|which))\b",
    re.IGNORECASE,
)


def accepts_any_clinician(text: str) -> bool:
    """Whether the patient says any kind of clinician will do ("doesn't have to be the physio")."""
    if _ANY_CLINICIAN.search(text) is not None:
        return True
    return _ANY_PERSON.search(text) is not None and _role_named(text) is None


def wanted_role(text: str) -> str | None:
    """The kind of clinician the patient asks for ("can I see the physio instead"), if any.

    A kind refused ("not the physio") is not asked for, and nor is any kind when any
    clinician will do ("doesn't have to be the physio").
    """
    return None if accepts_any_clinician(text) else _role_named(text)


# "Doctors make me nervous": a kind of clinician named as the one not wanted.
_DISLIKED = re.compile(
    r"\b\w+\s+(?:make|makes|made)\s+me\s+(?:so\s+|really\s+|a\s+bit\s+)?(?:nervous|anxious|uneasy"
    r"|scared|worried|panic\w*)\b|\b\w+\s+(?:scare|scares|freak|freaks)\s+me\b",
    re.IGNORECASE,
)


def _role_named(text: str) -> str | None:
    """The kind of clinician named last and not refused, whatever else is said."""
    wanted, _ = split_refusal(_DISLIKED.sub(" ", text))
    # The kind named last: "those are all the physio. a doctor please" asks for a doctor.
    named = [
        (match.start(), role)
        for role, pattern in _ROLE_WORDS
        for match in pattern.finditer(wanted.lower())
    ]
    return max(named)[1] if named else None


def without_clinician_kind(text: str) -> str:
    """`text` with the kinds of clinician it names taken out, for its days and times alone.

    "can i book with the physio, friday afternoon?" is "can i book with the , friday
    afternoon?" once the patient asks for a doctor instead.
    """
    for pattern in _ROLE_WORDS_ANY_CASE:
        text = pattern.sub(" ", text)
    return text


_POINTS_AT_OFFER = re.compile(
    r"\b(?:one|that|this|slot|time|appointment|option|button|ok|okay|fine|then|book)\b"
)


# "Dr Okafor": a doctor named by title.
_DOCTOR_NAMED = re.compile(r"\b(?:dr\.?|doctor)\s+(?P<surname>[a-z][a-z'-]{2,})", re.IGNORECASE)


def asks_when_a_doctor_is_free(text: str) -> bool:
    """Whether the message asks when a doctor it names is free ("is Dr Okafor free sooner?")."""
    return bool(_DOCTOR_NAMED.search(text)) and (
        asks_what_is_free(text) or bool(_FREE_SOONER.search(text))
    )


_FREE_SOONER = re.compile(
    r"\b(?:free|available|sooner|earlier|earliest|soonest|next\s+(?:free|available|appointment))\b",
    re.IGNORECASE,
)


def asks_for_clinician(answer: str, titles: Sequence[str]) -> bool:
    """Whether an answer among offered times asks for a clinician rather than for an offer.

    "I'd rather see Dr Okafor", "not the sports doctor": their times are searched for.
    "The one with Lindqvist", "okafor at 9 then": an offer on the list (`titles`) is picked.
    """
    lowered = answer.lower()
    people = [
        (match["name"], label.group(1) if (label := _TITLE_LABEL.search(title)) else "")
        for title in titles
        if (match := _TITLE_NAME.search(title)) is not None
    ]
    doctors = [found["surname"] for found in _DOCTOR_NAMED.finditer(answer)]
    if any(not any(_mentions(surname, name) for name, _ in people) for surname in doctors):
        # "Earliest appointment with Dr Okafor please" when only Dr Lindqvist's times are
        # shown: her times are searched, not the earliest of his taken.
        return True
    if not any(pattern.search(lowered) for _, pattern in _ROLE_WORDS) and not any(
        _mentions(lowered, name, label) for name, label in people
    ):
        return False
    wanted, refused = split_refusal(lowered)
    if refused.strip():
        return True
    # A number is a time or an option's number: an offer is meant.
    return not (re.search(r"\d", lowered) or _POINTS_AT_OFFER.search(wanted))


def role_fits(role: str | None, clinician_role: str) -> bool:
    """Whether a clinician with `clinician_role` is the kind asked for (None: any)."""
    if role is None:
        return True
    is_physio = "physio" in clinician_role.lower()
    return is_physio if role == "physio" else not is_physio


_CLOCK = re.compile(r"\b(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|o'?clock)?(?![\w:]|\.\d)")
_COUNTERS = frozenset({"option", "number", "no", "choice"})
_HAVE_ONE = frozenset({"have", "hav", "got", "any", "theres"})
# "Mon 7 Dec, 11:30am - Dr Okafor (consultant)": an offered time's button, typed or pasted.
_OFFER_TITLE = re.compile(
    r"^\s*(?:mon|tue|wed|thu|fri|sat|sun)\w*\s+\d{1,2}\s+[a-z]{3}\w*,?\s+"
    r"\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)\s+-\s+[^()]+\([^()]+\)\s*$",
    re.IGNORECASE,
)


def is_offer_title(text: str) -> bool:
    """Whether the message is an offered time's button title, as the patient typed it."""
    return bool(_OFFER_TITLE.match(text))


_TITLE_NAME = re.compile(r" - (?:Dr\.? |Mr\.? |Ms\.? |Mrs\.? )?(?P<name>[\w' -]+?) \(")
_TITLE_LABEL = re.compile(r"\(([^()]+)\)\s*$")
# "At 9", "for 10": a clinic hour even without am or pm.
_AT_HOUR = re.compile(
    r"\b(?:at|for|around|about)\s+(1[0-2]|[1-9])\b(?![:.]\d)(?!\s*(?:am|pm|o'?clock|st|nd|rd|th)\b)"
)
_COMPACT_CLOCK = re.compile(r"(?<![\d:./+-])\b([1-9]|1[0-2])([0-5]\d)\b(?![\d:./-])")


def compact_clock(answer: str) -> str:
    """Read "930" and "1130" as clock times ("9:30", "11:30"); longer numbers are left alone.

    A clock time in words is read too: "the ten o'clock" is 10 o'clock, "two thirty" 2:30,
    "half 5" 5:30.
    """
    spoken = _SPOKEN_CLOCK.sub(
        lambda match: (
            f"{ONE_TO_TWELVE[match['hour'].lower()]}"
            + (
                _SPOKEN_MINUTES[match["minutes"].lower().replace("-", " ")]
                if match["minutes"]
                else ""
            )
            + (f" {match['unit']}" if match["unit"] else "")
        ),
        spoken_clock_as_digits(_O_CLOCK_SPACED.sub("o'clock", answer)),
    )
    return _COMPACT_CLOCK.sub(r"\1:\2", spoken)


# "3 O CLOCK", "3 o clock": o'clock typed with a space.
_O_CLOCK_SPACED = re.compile(r"(?<=\d)\s*o\s+clock\b|\bo\s+clock\b", re.IGNORECASE)


_SPOKEN_MINUTES = {"thirty": ":30", "fifteen": ":15", "forty five": ":45", "forty-five": ":45"}
_SPOKEN_CLOCK = re.compile(
    r"\b(?P<hour>" + "|".join(ONE_TO_TWELVE) + r")"
    r"(?:\s+(?P<minutes>thirty|fifteen|forty[\s-]five))?"
    r"(?:\s*(?P<unit>o'?clock|am|pm|a\.m\.|p\.m\.))?"
    r"(?=\s*(?:o'?clock|am|pm)|(?<=thirty)|(?<=fifteen)|(?<=five))",
    re.IGNORECASE,
)


def _clinic_hour(hour: int) -> int:
    """A bare hour as the clinic means it: 1 to 6 are in the afternoon."""
    return hour % 12 if hour >= 7 and hour != 12 else (hour % 12) + 12


def names_a_clock_time(answer: str) -> bool:
    """Whether the answer names a time of day on the clock ("half 5", "the 10 o'clock")."""
    lowered = compact_clock(answer.lower())
    return any(marker or minute for _, minute, marker in _CLOCK.findall(lowered)) or bool(
        _AT_HOUR.search(lowered)
    )


_TITLE_CLOCK = re.compile(r",\s*(\d{1,2})(?::(\d{2}))?\s*[ap]m\b", re.IGNORECASE)
# A number said as a clock time: not a date ("16 December", "the 15th"), a span ("3 weeks"),
# a score ("8/10") or part of a phone number.
_SAID_CLOCK = re.compile(
    r"(?<![\d+/])(?<!the\s)\b(\d{1,2})(?:[:.](\d{2}))?\b(?![\d:.]*\s*\d{3})"
    r"(?!\s*(?:(?:st|nd|rd|th|days?|weeks?|wks?|months?|years?|kg|mg|out\s+of)\b"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*|/|-\s*\d|%))"
)
_CLAUSE_OF_A_CHOICE = re.compile(r"[;!?]|\.(?!\d)|,\s+(?!\d)")


def offer_named_by_day_and_time(answer: str, offers: list[dict[str, str]]) -> dict[str, str] | None:
    """The one offer a clause names by its clock time, and its weekday when one is said.

    "Thursday is my bridge club. The tuesday at 11.30 will do nicely" names Tuesday's
    11:30, not Thursday's; "tomorrow 9 is good" the one 9 o'clock shown. A clock time that
    fits more than one offer names none.
    """
    for clause in _CLAUSE_OF_A_CHOICE.split(answer.lower()):
        said = {(int(hour) % 12, int(minute or 0)) for hour, minute in _SAID_CLOCK.findall(clause)}
        said = {(hour, minute) for hour, minute in said if minute < 60 and hour <= 12}
        if not said:
            continue
        days = {name[:3] for name in _WEEKDAY_NAME.findall(clause)}
        fits = []
        for offer in offers:
            clock = _TITLE_CLOCK.search(offer["title"])
            day = _TITLE_WEEKDAY.search(offer["title"])
            if clock is None or (int(clock.group(1)) % 12, int(clock.group(2) or 0)) not in said:
                continue
            if days and (day is None or day.group(1).lower()[:3] not in days):
                continue
            fits.append(offer)
        if len(fits) == 1:
            return fits[0]
    return None


def by_clock_time(answer: str, shown: list[dict[str, str]]) -> dict[str, str] | None:
    """The one offered time the answer names by its time, clinician or kind, if just one fits.

    "The 10 o'clock with Dr Okafor", "the 11am one", "9:30", "the one with Hughes", "1:30
    with Rhian", "the consultant at 9", "the physio one".
    """
    lowered = compact_clock(answer.lower())
    wanted = {
        (int(hour) % 12, int(minute or 0))
        for hour, minute, marker in _CLOCK.findall(lowered)
        if marker or minute
    }
    wanted |= {(_clinic_hour(int(hour)) % 12, 0) for hour in _AT_HOUR.findall(lowered)}
    lowered, refused = split_refusal(lowered)
    names = {
        offer["id"]: [w.lower() for w in match["name"].split() if len(w) > 2]
        for offer in shown
        if (match := _TITLE_NAME.search(offer["title"])) is not None
    }
    named = {
        oid
        for oid, words in names.items()
        if any(re.search(rf"\b{re.escape(word)}\b", lowered) for word in words)
    }
    labels = {
        offer["id"]: match.group(1).lower()
        for offer in shown
        if (match := _TITLE_LABEL.search(offer["title"])) is not None
    }
    labelled = {
        oid for oid, label in labels.items() if re.search(rf"\b{re.escape(label)}\b", lowered)
    }
    if not wanted and (named or labelled):
        # "Okafor 10", "10 with hughes": beside a name, a bare number is a clinic hour.
        wanted = {(_clinic_hour(int(hour)) % 12, 0) for hour in _BARE_NUMBER.findall(lowered)}
    refused_ids = {
        oid
        for oid, words in names.items()
        if any(re.search(rf"\b{re.escape(word)}\b", refused) for word in words)
    } | {oid for oid, label in labels.items() if re.search(rf"\b{re.escape(label)}\b", refused)}
    days = {day[:3] for day in WEEKDAY_WORDS.findall(lowered)}
    # "10 dec 5pm", "the 17th at 5": the date tells apart the same time on two days.
    dates = {
        int(next(group for group in match.groups() if group))
        for match in _DAY_OF_MONTH.finditer(lowered)
    }
    if not wanted and days:
        # "Thursday 9 is good": beside a day, a bare number is a clinic hour.
        wanted = {(_clinic_hour(int(hour)) % 12, 0) for hour in _BARE_NUMBER.findall(lowered)}
    role = wanted_role(lowered)
    if not wanted and not named and not labelled and role is None:
        return None
    fits = [
        offer
        for offer in shown
        if (
            not wanted
            or any(
                (int(hour) % 12, int(minute or 0)) in wanted
                for hour, minute, meridiem in _CLOCK.findall(offer["title"].lower())
                if meridiem in ("am", "pm")
            )
        )
        and (not named or offer["id"] in named)
        and (not labelled or offer["id"] in labelled)
        and offer_fits_role(role, offer["title"])
        and offer["id"] not in refused_ids
        and (not days or offer["title"][:3].lower() in days)
        and (not dates or _offer_day_of_month(offer["title"]) in dates)
    ]
    return fits[0] if len(fits) == 1 else None


# "Could I have the 10:30 one instead?": one of the times listed, named by its clock.
_THE_ONE_LISTED = re.compile(
    r"\bthe\s+(?:\d{1,2}(?::\d{2}|\.\d{2})?\s*(?:am|pm)?|half\s+\w+)\s+(?:one|slot|time|appointment)\b",
    re.IGNORECASE,
)


def the_one_listed_before(
    answer: str, listed: Sequence[dict[str, str]], offered: Sequence[dict[str, str]]
) -> dict[str, str] | None:
    """The time listed before that "the 10:30 one" names, when it is still free, else None.

    At the confirmation, "could I have the 10:30 one instead?" means the 10:30 in the list
    the patient chose from (with whoever it was with), not the chosen clinician at 10:30.
    """
    if not _THE_ONE_LISTED.search(answer):
        return None
    picked = by_clock_time(answer, list(listed))
    if picked is None:
        return None
    return next((offer for offer in offered if offer["id"] == picked["id"]), None)


def same_clinician_at_the_time(
    answer: str, offered: Sequence[dict[str, str]], kept_title: str | None
) -> dict[str, str] | None:
    """The one offer at the time the answer names, with the clinician chosen before.

    "Can we do Monday 14th at 12 instead" after choosing Dr Lindqvist on Thursday: her
    12 o'clock on Monday, taken as asked rather than shown in a list beside someone
    else's. None unless a time was chosen before, the answer names a clock time, and
    exactly one offer fits (by the clinician or kind the answer names, else the one kept).
    """
    if not kept_title or not names_a_clock_time(answer):
        return None
    picked = by_clock_time(answer, list(offered))
    kept = _TITLE_NAME.search(kept_title)
    if kept is None or names_someone(answer) or wanted_role(answer.lower()):
        # One fits what the answer says (its time, and any clinician or kind it names).
        return picked
    at_time = [
        offer
        for offer in offered
        if by_clock_time(answer, [offer]) is not None
        and (match := _TITLE_NAME.search(offer["title"])) is not None
        and match["name"] == kept["name"]
    ]
    return at_time[0] if len(at_time) == 1 else None


_DAY_OF_MONTH = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|\b(\d{1,2})(?:st|nd|rd|th)\b"
)
_TITLE_DAY = re.compile(r"^\s*[A-Za-z]{3}\s+(\d{1,2})\s")


def _offer_day_of_month(title: str) -> int | None:
    """The day of the month an offer's title names ("Thu 10 Dec, 5pm - ..." gives 10)."""
    match = _TITLE_DAY.match(title)
    return int(match.group(1)) if match else None


_BARE_NUMBER = re.compile(
    r"(?<![\d:.])\b(1[0-2]|[1-9])\b(?![:.]\d)(?!\s*(?:st|nd|rd|th|am|pm|o'?clock)\b)"
)


def offer_fits_role(role: str | None, title: str) -> bool:
    """Whether an offer's title ("... - Rhian Hughes (physio)") is the kind asked for."""
    kind = title.rsplit("(", 1)[-1] if "(" in title else ""
    return role_fits(role, kind)


_CLOCK_LEADS = frozenset(
    ["at", "around", "about", "after", "before", "by", "till", "until", "from", "or", "to", "past"]
)


_TOO_EARLY_OR_LATE = re.compile(
    r"\b(?:too|bit|little|rather)\s+(?:early|soon|late|fast|quick)\b|\bearlier\s+than\s+i\b",
    re.IGNORECASE,
)


def puts_a_time_aside(answer: str) -> bool:
    """Whether the answer says a time is too early or too late ("4 is too soon").

    The time it names is then the one not wanted, not a choice.
    """
    return bool(_TOO_EARLY_OR_LATE.search(answer))


def names_a_weekday(text: str) -> bool:
    """Whether the text names a day of the week ("wednesday", "wed")."""
    return bool(_WEEKDAY_NAME.search(text.lower()))


_COMPARED_CHOICE = re.compile(
    r"\bthe\s+(?P<which>later|latter|earlier|former)\b(?!\s+(?:ones|times|slots|days?)\b)"
)


_ASKS_THE_LATEST = re.compile(
    r"\b(?:what'?s|whats|wats|what\s+is|when'?s|when\s+is)\s+(?:the\s+|your\s+|ur\s+)?"
    r"(?:latest|earliest|soonest|last)\b|\b(?:latest|earliest|soonest)\s+(?:you|u)\s+(?:have|got|do)\b"
    r"|\b(?:latest|earliest)\s+in\s+the\s+day\b",
    re.IGNORECASE,
)


_SPANS = frozenset(
    {"day", "days", "week", "weeks", "wk", "wks", "month", "months", "hour", "hours", "hrs"}
    | {"min", "mins", "minutes", "year", "years"}
)


def pick_index(answer: str, shown: int) -> int | None:
    """Which offered time "the second one", "2nd pls", "the earliest" or "the last" means.

    "Last" and "earliest" are read before number words ("the last one" is not the first),
    and clock times are not numbers ("the 11am one").
    """
    without_clocks = re.sub(
        # "3 or 4pm", "2-3": a span of hours, not the third option
        r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:-|or|to)\s*\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?\b"
        r"|\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)\b|\b\d{1,2}[:.]\d{2}\b"
        r"|\b\d{1,2}\s*o\s*'?\s*clock\b",
        " ",
        answer.lower(),
    )
    words = re.sub(r"[^\w\s]", " ", without_clocks).split()
    # "The physio one" points at a kind, not at the first time: "one" is a number only
    # alone or after "option" or "number".
    words = [
        word
        for position, word in enumerate(words)
        if word != "one" or len(words) == 1 or (position and words[position - 1] in _COUNTERS)
    ]
    # "Morning would be better if you have 1": one of them, not the first.
    words = [
        word
        for position, word in enumerate(words)
        if not (word in ("1", "one") and position and words[position - 1] in _HAVE_ONE)
    ]
    # "Around 12 or 1", "after 4": hours, not the first or fourth time on the list; "in
    # the next 2 weeks", "2 days": a span, not the second time.
    words = [
        word
        for position, word in enumerate(words)
        if not (word.isdigit() and position and words[position - 1] in _CLOCK_LEADS)
        and not (
            (word.isdigit() or word in NUMBERS)
            and position + 1 < len(words)
            and words[position + 1] in _SPANS
        )
    ]
    index: int | None = None
    # "The later one", "the earlier one": of those shown, not "any later ones?".
    compared = _COMPARED_CHOICE.search(" ".join(words))
    if compared is not None:
        return shown - 1 if compared["which"] in ("later", "latter") else 0
    asks_what = bool(_ASKS_THE_LATEST.search(answer))  # "what's the latest you have?"
    if any(w in ("last", "latest") for w in words) and not asks_what:
        index = shown - 1
    elif any(w in ("earliest", "soonest") for w in words) and not asks_what:
        index = 0
    if index is None:
        index = next((ORDINALS[w] for w in words if w in ORDINALS), None)
    if index is None:
        index = next((NUMBERS[w] for w in words if w in NUMBERS), None)
    return index if index is not None and 0 <= index < shown else None


_WEEKDAY_ONE = re.compile(
    r"^\W*(?:(?:ok|okay|yes|then|i'?ll\s+take|i'?ll\s+have)\W+)*(?:the\s+)?"
    r"(?P<day>mon|tue|wed|thu|fri|sat|sun)[a-z]*(?:\s+(?:one|time|slot|please|pls|then|is\s+fine))*\W*$",
    re.IGNORECASE,
)


def pick_by_weekday(answer: str, titles: Sequence[str]) -> int | None:
    """Which offered time "the wednesday one" means, when just one is on that day."""
    match = _WEEKDAY_ONE.match(answer.strip())
    if match is None:
        return None
    day = match["day"].lower()
    on_the_day = [index for index, title in enumerate(titles) if title.lower().startswith(day)]
    return on_the_day[0] if len(on_the_day) == 1 else None


_DATE_ONE = re.compile(
    r"^\W*(?:(?:ok|okay|yes|then|i'?ll\s+take|i'?ll\s+have)\W+)*(?:the\s+)?"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)(?:\s+(?:one|time|slot|please|pls|then|is\s+fine"
    r"|of\s+dec\w*|dec\w*|of\s+jan\w*|jan\w*))*\W*$",
    re.IGNORECASE,
)
_TITLE_DAY = re.compile(r"^[A-Za-z]{3}\s+(?P<day>\d{1,2})\s")


def pick_by_date(answer: str, titles: Sequence[str]) -> int | None:
    """Which offered time "the 10th" means, when just one is on that date."""
    match = _DATE_ONE.match(answer.strip())
    if match is None:
        return None
    on_the_date = [
        index
        for index, title in enumerate(titles)
        if (found := _TITLE_DAY.match(title)) and int(found["day"]) == int(match["day"])
    ]
    return on_the_date[0] if len(on_the_date) == 1 else None


# "That will have to do then", "fine, that one", "I'll take it": the one time shown taken,
# whatever follows in later sentences (the name and number, say).
_TAKES_IT = re.compile(
    r"^\W*(?:(?:ok|okay|oh|well|fine|right|alright|yes|yeah|yep|go\s+on)\W+)*"
    r"(?:that(?:'ll|\s+will|'s|s|\s+is)?\s+(?:have\s+to\s+)?(?:do|fine|ok|okay|great|perfect|good"
    r"|works?|suits?(?:\s+me)?)|(?:fine\s+)?that\s+one|i'?ll\s+(?:take|have)\s+(?:it|that)"
    r"|go\s+on\s+then|book\s+(?:it|that)"
    # "ok whatever, the doctor is fine"
    r"|(?:whatever\W+)?(?:the\s+(?:doctor|consultant|physio\w*|sports\s+doctor)|him|her|them)"
    r"\s+(?:(?:is|'s|are)\s+(?:fine|ok|okay|good)|will\s+do))\b",
    re.IGNORECASE,
)
_BUT = re.compile(
    r"\?|\b(?:but|if|unless|though|instead|later|earlier|another|other|else|not)\b", re.IGNORECASE
)


def takes_the_one_shown(answer: str) -> bool:
    """Whether the answer takes the one time shown ("that will have to do then. Jo ...").

    Its first sentence, or one after a question ("is the physio not free at 630? ok
    whatever the doctor is fine").
    """
    first = re.split(r"[.!;\n]", answer.strip(), maxsplit=1)[0]
    if _TAKES_IT.match(first) and not _BUT.search(first):
        return True
    after_question = re.split(r"\?+\s*", answer.strip(), maxsplit=1)
    if len(after_question) < 2 or not after_question[1]:
        return False
    rest = re.split(r"[.!;\n]", after_question[1], maxsplit=1)[0]
    return bool(_TAKES_IT.match(rest)) and not _BUT.search(rest)


_TITLE_CLINICIAN = re.compile(r"\s-\s(?:dr\.?\s+)?(?P<who>[^(]+?)\s*(?:\(|$)", re.IGNORECASE)


def pick_with_clinician(answer: str, titles: Sequence[str]) -> int | None:
    """Which offered time "the later one with Dr Okafor" means: counted among theirs.

    None unless the answer names a clinician of some, not all, of the offers and says
    which of theirs.
    """
    words = set(re.findall(r"[a-z]+", answer.lower()))
    theirs = [
        index
        for index, title in enumerate(titles)
        if (found := _TITLE_CLINICIAN.search(title))
        and words & set(re.findall(r"[a-z]+", found["who"].lower()))
    ]
    if not theirs or len(theirs) == len(titles) or names_a_clock_time(answer):
        # ("2 o'clock with Dr Okafor" is a time of theirs, not the second of them.)
        return None
    index = pick_index(answer, len(theirs))
    return theirs[index] if index is not None else None


CLINIC_AFTERNOON_HOURS = 6
"""A bare hour up to this one is in the afternoon: the clinic is closed at 3 in the night."""
_BARE_HOUR = re.compile(
    r"^(?P<lead>(?:the|at|around|about|for)\s+|(?P<yes>(?:ok(?:ay)?|k+|yes|yeah|yep|ya|go\s+for"
    r"|i'?ll\s+take|make\s+it)[\s,]+))?(?P<hour>1[0-2]|[1-9])\b"
    r"(?!\s*(?:[:.]\d|am\b|pm\b|st\b|nd\b|rd\b|th\b|o'?clock\b))"
)


_MOST_OPTIONS = 6


def bare_hour_as_clock(answer: str) -> str:
    """A bare hour among the times offered is a clock time: "9 physio" is "9am physio".

    Only a number that starts the answer, is not already a clock time and is not alone is
    read so, as a clinic hour (1 to 6 in the afternoon).
    """
    match = _BARE_HOUR.match(answer.strip().lower())
    if match is None or (match.end() == len(answer.strip()) and not match["lead"]):
        # A number alone ("2") is an option's number, even when there is no such option.
        return answer
    hour = int(match["hour"])
    if match["yes"] and hour <= _MOST_OPTIONS:
        # "Yes 2", "ok 3": the option's number; "k 10" can only be a time.
        return answer
    meridiem = "pm" if hour == 12 or hour <= CLINIC_AFTERNOON_HOURS else "am"
    return f"{hour}{meridiem}{answer.strip()[match.end() :]}"


SWITCH_TO = re.compile(
    r"\b(?:instead|rather|switch|change|swap)\b|\b(?:can|could)\s+(?:we|i|u|you)\s+"
    r"(?:do|have|see|get|book|go\s+with)\b|\bwith\s+(?:dr\.?|doctor|the|a|an)\b",
    re.IGNORECASE,
)
"""Words that ask for a change: "instead", "rather", "can we do", "with the ..."."""


def asks_to_switch_clinician(text: str) -> bool:
    """Whether the text asks to see another clinician, by name or kind ("a doctor instead")."""
    return bool((wanted_role(text.lower()) or names_someone(text)) and SWITCH_TO.search(text))
