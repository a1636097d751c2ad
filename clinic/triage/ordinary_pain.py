"""A message that tells only of ordinary pain: where, how long, how bad, and a plea for help.

"ok english. back pain 2 weeks, leg pain very much" is close, as a sentence vector, to
red-flag exemplars about legs and backs, yet says nothing beyond what the check-in asks
about. The red-flag rules still read every message; this only tells the similarity
detector that there is nothing left for it to suspect.
"""

from __future__ import annotations

import datetime as dt
import re

from clinic.triage.duration import parse_duration_days
from clinic.triage.red_flags import names_a_warning_sign, read_red_flags
from clinic.wording import says_no_pain

# Every word such a message is made of. Left out on purpose: negations ("can't", "not",
# "no"), "both", "sudden", "worst", "night" and any symptom other than pain, so that a
# message with any of them is still read by the similarity detector.
_ORDINARY = frozenset(
    [
        "pain",
        "pains",
        "painful",
        "hurt",
        "hurts",
        "hurting",
        "ache",
        "aches",
        "aching",
        "achy",
        "sore",
        "stiff",
        "stiffness",
        "back",
        "lower",
        "upper",
        "spine",
        "leg",
        "legs",
        "neck",
        "hip",
        "hips",
        "knee",
        "knees",
        "shoulder",
        "shoulders",
        "buttock",
        "my",
        "the",
        "and",
        "in",
        "a",
        "an",
        "of",
        "for",
        "since",
        "about",
        "around",
        "like",
        "or",
        "with",
        "from",
        "to",
        "on",
        "at",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "wk",
        "wks",
        "very",
        "much",
        "really",
        "quite",
        "so",
        "too",
        "strong",
        "bad",
        "severe",
        "mild",
        "moderate",
        "terrible",
        "awful",
        "horrible",
        "big",
        "lot",
        "lots",
        "worse",
        "more",
        "little",
        "bit",
        "what",
        "i",
        "do",
        "can",
        "should",
        "how",
        "help",
        "please",
        "me",
        "it",
        "is",
        "has",
        "have",
        "had",
        "been",
        "got",
        "get",
        "getting",
        "english",
        "sorry",
        "ok",
        "okay",
        "hi",
        "hello",
        "hey",
        "thanks",
        "thank",
        "you",
        "doctor",
        "sitting",
        "standing",
        "walking",
        "sit",
        "stand",
        "walk",
        "when",
        "out",
        # When it began: "back sore since sat".
        "since",
        "yesterday",
        "weekend",
        "last",
        "mon",
        "monday",
        "tue",
        "tues",
        "tuesday",
        "wed",
        "wednesday",
        "thu",
        "thur",
        "thurs",
        "thursday",
        "fri",
        "friday",
        "sat",
        "saturday",
        "sun",
        "sunday",
        "ten",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
    ]
)
_WORDS = re.compile(r"[a-z]+")
# "Ouch", "owww", "argh", "ugh": a cry of pain, nothing more.
_CRY = re.compile(r"^(?:o+u*ch+|o+w+|a+rg+h+|u+g+h+|a+h+|o+h+|o+o+f+)$")
_SAYS_IT_HURTS = frozenset({"pain", "pains", "painful", "hurt", "hurts", "hurting", "sore"})
# When the pain is told: today, right now, this morning.
_NOW = frozenset({"today", "now", "right", "this", "morning", "evening", "tonight", "still"})


def tells_only_ordinary_pain(text: str) -> bool:
    """Whether every word of `text` tells only where, how long and how bad the pain is.

    "Ouch my back hurts so much today" is one, cry and all.
    """
    words = _WORDS.findall(text.lower().replace("\u2019", "'"))
    return (
        bool(words)
        and bool(_SAYS_IT_HURTS.intersection(words))
        and all(word in _ORDINARY or word in _NOW or _CRY.match(word) for word in words)
    )


# Numbness, tingling or pins and needles...
_NERVE_WORDS = re.compile(
    r"\b(?:numb\w*|tingl\w*|pins\s+and\s+needles|dead\s+leg|(?:leg|foot)\s+(?:went|goes|fell|had\s+gone)\s+(?:asleep|to\s+sleep|dead))\b",
    re.IGNORECASE,
)
# ... that passed at once, or came from how the patient sat.
_PASSED_AT_ONCE = re.compile(
    r"\b(?:fine|gone|ok|okay|normal|better)\s+(?:again\s+)?(?:after|within|in)\s+(?:a\s+|about\s+a\s+)?"
    r"(?:minute|min|few\s+(?:minutes|mins|seconds)|second|sec|moment|couple\s+of\s+minutes)\b"
    r"|\bwent\s+(?:away|off)\s+(?:after|within|in)\s+(?:a\s+)?(?:minute|few\s+minutes|second|moment)\b"
    # "... was pins and needles for a minute. fine now"
    r"|\b(?:for|lasted|only\s+lasted)\s+(?:a|about\s+a|one|a\s+few|a\s+couple\s+of)\s+"
    r"(?:minutes?|mins?|moments?|seconds?|secs?)\b[^?]*\b(?:fine|ok|okay|normal|gone)\s+now\b"
    r"|\b(?:fell|went)\s+(?:asleep|to\s+sleep|numb|dead)\s+on\s+(?:a\s+)?(?:long\s+)?(?:drive|flight"
    r"|car\s+journey|train)\b"
    r"|\b(?:after|from|when)\s+(?:i\s+)?(?:sitting|sit|sat|kneeling|kneel|knelt)\s+(?:\w+\s+){0,3}"
    r"(?:cross[\s-]?legged|on\s+(?:my|the)\s+(?:leg|legs|feet|foot)|on\s+the\s+floor|too\s+long)\b"
    # "... on long drives then comes back when I get out", "wears off once I stand up".
    r"|\b(?:comes?\s+back|came\s+back|goes\s+(?:away|off)|went\s+(?:away|off)|wears?\s+off"
    r"|wore\s+off|(?:is|was|feels?|felt)\s+(?:fine|ok|okay|normal))\s+(?:again\s+)?"
    r"(?:when|once|as\s+soon\s+as|after)\s+i\s+(?:get\s+(?:out|up)|got\s+(?:out|up)|stand|stood"
    r"|move|moved|walk|walked|shift|shifted|change\s+position)\b",
    re.IGNORECASE,
)


def tells_a_passing_nerve_symptom(text: str) -> bool:
    """Whether numbness or tingling is told as brief, or as from sitting awkwardly.

    "My leg went a bit numb after sitting cross-legged on the floor, it was fine after a
    minute": not a warning sign, though the guide asks for such feelings to be reported
    when they go on. The red-flag rules read the message as always.
    """
    return bool(_NERVE_WORDS.search(text) and _PASSED_AT_ONCE.search(text))


_PAIN_TOLD = re.compile(r"\b(?:pain\w*|hurt\w*|ach(?:e|es|ing|y)|sore)\b", re.IGNORECASE)


def tells_only_a_passing_nerve_symptom(text: str) -> bool:
    """A passing numbness (`tells_a_passing_nerve_symptom`) told without any pain.

    "My leg went numb after sitting crosslegged watching tv, it's fine now, is that
    normal?" asks about the numbness: the pain check-in has nothing to ask about. Not when
    the rules read a red flag now in the same message.
    """
    return (
        tells_a_passing_nerve_symptom(text)
        and (not _PAIN_TOLD.search(text) or says_no_pain(text))
        and not read_red_flags(text).now
    )


# "I can walk ok", "walking is fine", "still walking about normally": the legs work.
_WALKS_FINE = re.compile(
    r"\b(?:i\s+|she\s+|he\s+)?can\s+(?:still\s+)?walk\s+(?:about\s+|around\s+)?(?:ok|okay|fine"
    r"|normally|normal|alright|all\s+right|no\s+problem)\b"
    r"|\b(?:walking|getting\s+about|moving\s+about)\s+(?:around\s+|about\s+)?(?:is\s+)?(?:ok|okay"
    r"|fine|normally|normal|alright)\b",
    re.IGNORECASE,
)
# How an ordinary strain happens: bending, lifting, twisting, reaching, carrying.
_A_STRAIN = re.compile(
    r"\b(?:bent|bending|bend|lifting|lifted|lift|picked|picking|twisted|twisting|reached"
    r"|reaching|carrying|carried|moving|moved|shifting|shifted|pulled|tweaked|strained)\b"
    r"[^.!?]{0,40}\b(?:over|up|down|box\w*|laundry|shopping|sofa|furniture|bag\w*|child|kid"
    r"|toddler|baby|muscle|back|something|wardrobe|fridge|suitcase)\b",
    re.IGNORECASE,
)
# Anything else a red flag could be: how it started, where else it went, what came with it.
_OTHER_FLAG_WORDS = re.compile(
    r"\b(?:tear\w*|ripp\w*|sudden\w*|worst|collaps\w*|fall|fell|fallen|accident|crash\w*|hit"
    r"|breath\w*|sweat\w*|sick|vomit\w*|pass(?:ed)?\s+out|black(?:ed)?\s+out|unwell|shiver\w*"
    r"|die|dying|kill\w*|suicid\w*|harm|end\s+it|can'?t\s+(?:move|walk|stand|get\s+up))\b",
    re.IGNORECASE,
)
_NERVE_OR_BOTH_LEGS = re.compile(
    r"\b(?:numb\w*|tingl\w*|pins\s+and\s+needles|weak\w*|both\s+legs|legs|feet"
    r"|can'?t\s+feel|cannot\s+feel|chest|faint\w*|dizz\w*|fever\w*|temp\w*)\b",
    re.IGNORECASE,
)


# Legs that tire on a walk ("his legs feel a bit weak after walking for a while"): the
# walking brings it on, as spinal stenosis can, which the article sends to a specialist.
_WEAK_ON_WALKING = re.compile(
    r"\blegs?\s+(?:feel|feels|get|gets|go|goes|are|is)\s+(?:a\s+bit\s+|quite\s+|a\s+little\s+|kind\s+of\s+)?"
    r"(?:weak|heavy|tired|numb|tingly)\w*\s+(?:after|when|while|if)\s+(?:walking|(?:i|he|she|they)\s+walks?)\b"
    # "his legs go numb when he walks to the shops, he has to sit down": brought on by
    # walking and eased by sitting, what the guide's spinal stenosis describes.
    r"(?=[^.!?]*\b(?:has|have|had|needs?|got)\s+to\s+(?:sit|stop|rest)\b|[^.!?]*\b(?:eases|goes|better"
    r"|fine|stops|wears\s+off)\b[^.!?]*\b(?:sit|sits|sitting|rest|resting)\b)"
    r"|\blegs?\s+(?:feel|feels|get|gets|go|goes|are|is)\s+(?:a\s+bit\s+|quite\s+|a\s+little\s+|kind\s+of\s+)?"
    r"(?:weak|heavy|tired)\w*\s+(?:after|when|while|if)\s+(?:walking|(?:i|he|she|they)\s+walks?)\b",
    re.IGNORECASE,
)
_ONE_LEG_WEAK = re.compile(
    r"\b(?:left|right|one|my)\s+(?:leg|thigh)\b(?!s)[^.!?]{0,40}\bweak\w*"
    r"|\bweak\w*[^.!?]{0,25}\b(?:left|right|one|my)\s+(?:leg|thigh)\b(?!s)",
    re.IGNORECASE,
)
_SUDDEN_OR_DROPPING = re.compile(
    r"\b(?:sudden\w*|suddenly|all\s+of\s+a\s+sudden|today|this\s+morning|overnight|drop\w*"
    r"|foot|feet|trip\w*|drag\w*|flop\w*|give\s+way|gave\s+way|buckl\w*|both|weaker)\b"
    # The weakness getting worse ("weak and getting worse"), not the pain ("the pain is
    # worse lately but my leg is a bit weak sometimes").
    r"|\b(?:weak|heav|tired)\w*[^.!?;]{0,40}\b(?:worse|worsening)\b"
    r"|\b(?:worse|worsening)[^.!?,;]{0,15}\bweak",
    re.IGNORECASE,
)
_LONG_ENOUGH_DAYS = 14


def tells_leg_weakness_of_weeks(text: str) -> bool:
    """Whether a leg's weakness is told as lasting weeks, and nothing sudden or worse.

    One leg, or legs that tire on a walk; not weakness of both legs in itself.
    """
    days = parse_duration_days(text, dt.date.today())
    return (
        bool(_ONE_LEG_WEAK.search(text) or _WEAK_ON_WALKING.search(text))
        and days is not None
        and days >= _LONG_ENOUGH_DAYS
        and not _SUDDEN_OR_DROPPING.search(text)
        and not names_a_warning_sign(text)
    )


def tells_only_a_strain(text: str) -> bool:
    """Whether the message tells a strain (or legs that work) and nothing a red flag could be.

    "Pulled my back moving a sofa, sore but I can walk ok, 3/10", "back pain since
    yesterday, bent over to pick up the laundry". The red-flag rules still read it.
    """
    return bool(_WALKS_FINE.search(text) or _A_STRAIN.search(text)) and not (
        names_a_warning_sign(text)
        or _NERVE_OR_BOTH_LEGS.search(text)
        or _OTHER_FLAG_WORDS.search(text)
    )
