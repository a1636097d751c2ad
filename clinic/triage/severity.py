"""How bad the pain is, on the 0-10 scale the clinic asks about.

A number the patient gives wins over words ("bad, about a 7" is 7). Ranges and mixed
answers take the worst ("6 or 7" is 7, "mild but sometimes severe" is 8) so a
borderline answer leans towards seeing a specialist. Anything outside 0-10, a scale
other than out of 10, or a word negated ("not severe") gives None: the assistant asks
again rather than guess.
"""

from __future__ import annotations

import math
import re

from clinic.number_words import ONE_TO_TEN, ONE_TO_TWELVE

_DIGITS = {
    "zero": 0,
    "nought": 0,
    **ONE_TO_TWELVE,
    "fifteen": 15,
    "twenty": 20,
    "hundred": 100,
}
_NUMBER = r"-?\d+(?:\.\d+)?|" + "|".join(_DIGITS)
_UNITS_AFTER = (
    r"(?:days?|weeks?|wks?|months?|years?|yrs?|hours?|hrs?|minutes?|mins?|times|am|pm|"
    r"o'?clock|%|percent|kg|miles?|km|steps|degrees|tablets|pills|mg)\b"
)
# "7/10", "7 out of 10", "seven out of ten", "7 of 10", "7 from 10".
_OUT_OF = re.compile(
    r"(?<![\w.])(?P<value>"
    + _NUMBER
    + r")\s*(?:/|out\s+of|outta|of|from)\s*(?P<scale>"
    + _NUMBER
    + r")\b"
)
# "about an 8", "a 7", "it's a 6", "pain is 7", "pain 6", "i said 6", "level 5", "6 or 7", "6-7".
_IN_CONTEXT = re.compile(
    r"(?:\b(?:an?|about|around|roughly|approximately|maybe|probably|like|say|says|said|at|is|"
    r"'s|was|level|score|rating|scale|rate\s+it|give\s+it|call\s+it|pain|told\s+you|already"
    # "ok then 8, its worst at night"
    r"|then|ok|okay"
    # "very strong, 8", "severe 9": a word for the pain, then its score.
    r"|strong|severe|bad|mild|moderate|painful|sore)\s+)"
    # "pain usually 4", "about a 5 most of the time"
    r"(?:(?:about|around|like|maybe|probably|a|an|solid|strong|good|usually|normally|mostly"
    r"|generally|typically|often)\s+)*"
    r"(?:(?P<low>" + _NUMBER + r")\s*(?:-|to|or)\s*)?"
    r"(?P<value>" + _NUMBER + r")\b(?!\s*" + _UNITS_AFTER + r")(?!\s*(?:/|out\s+of|of)\s)"
    # "like 4 or 5 days", "about 6-7 weeks": the first number of a range of days.
    r"(?!\s*(?:-|to|or)\s*(?:" + _NUMBER + r")\s*" + _UNITS_AFTER + r")"
)
# The whole answer is a number, perhaps hedged: "7", "maybe 7?", "6 or 7", "6 like i said", "-2".
_ONLY_NUMBER = re.compile(
    r"^(?:(?:i'?d\s+say|i\s+would\s+say|about|around|roughly|approximately|maybe|"
    r"probably|like|um+|erm+|hmm+|er|uh|a|an|it'?s|its|solid|strong|good|"
    # "ok then 3 i guess", "well 4": a lead-in before the score.
    r"ok|okay|k|then|so|well|right|fine)\s+)*"
    r"(?:(?P<low>" + _NUMBER + r")\s*(?:-|to|or)\s*)?(?P<value>" + _NUMBER + r")"
    r"(?:\s+(?:i\s+think|i\s+guess|probably|maybe|ish|(?:(?:like|as)\s+)?i\s+(?:already\s+)?"
    r"(?:said|told\s+you|wrote)(?:\s+(?:already|before))?))?$"
)
_NO_PAIN = re.compile(
    r"^(?:no\s+pain|none|zero|nothing|pain[\s-]*free|it\s+doesn'?t\s+hurt|doesn'?t\s+hurt|"
    r"not\s+painful|no\s+pain\s+at\s+all|it\s+does\s+not\s+hurt|no\s+pain\s+now|"
    r"(?:it'?s\s+)?gone|no\s+pain\s+any\s*more)\b"
)
# "I have no pain but my back clicks", "I'm not in pain, just stiff": no pain said in
# passing, unless only at some times ("no pain when I sit").
_NO_PAIN_SAID = re.compile(
    r"\b(?:(?:i\s+(?:have|have\s+got|feel)|i'?ve\s+got|there'?s|there\s+is)\s+no\s+pain"
    r"|(?:i'?m|im|i\s+am)\s+not\s+(?:actually\s+|really\s+)?in\s+(?:any\s+)?pain"
    # "I don't have any pain at the moment"
    r"|i\s+(?:don'?t|dont|do\s+not)\s+(?:actually\s+|really\s+)?have\s+(?:any\s+)?pain"
    r"|(?:it|that)\s+(?:doesn'?t|does\s+not|don'?t)\s+(?:actually\s+|really\s+)?hurt)\b"
    r"(?!\s+(?:when|if|unless|until|except|apart|while|during|after|in|on|sitting|lying|now"
    r"|at(?!\s+(?:the\s+moment|present|all\b))"
    r"|much|as|that|too|so|killers?|relief))"
)
_MILD_WORDS = r"very\s+mild|mildly|mild|slightly|slight|a\s+little|a\s+bit|minor|light"
# Longest phrases first, so "really bad" is read before "bad".
_WORDS: tuple[tuple[str, int], ...] = (
    (r"worst\s+(?:pain\s+)?(?:ever|i'?ve\s+(?:ever\s+)?(?:had|felt))|the\s+worst", 10),
    (r"excruciating|unbearable|agony|agonising|agonizing|intolerable|can'?t\s+bear\s+it", 10),
    (r"not\s+(?:too|that|so)\s+bad|not\s+bad", 3),
    (r"extremely\s+(?:bad|painful|sore)|very\s+severe|really\s+severe|quite\s+severe", 8),
    (
        # with the misspellings patients type on a phone ("sever", "severly")
        r"severe|sever|severly|sevre|crippling|debilitating|terrible|awful|horrible|horrendous|dreadful|intense|extreme",
        8,
    ),
    # "My back is killing me": often a figure of speech, so asked about when said in passing.
    (r"killing\s+me", 8),
    # Strong pain, not a strong back or core ("how do I keep my back strong").
    (
        r"(?:pain\w*|ache|it)(?:'?s|\s+is|\s+feels)?\s+(?:very|really|so|too)\s+strong"
        r"|(?:very|really|so|too)\s+strong\s+(?:pain|ache)|^(?:very|really|so|too)\s+strong$"
        # "pain in back since three week, is very strong": the pain, its "it" left out.
        r"|(?<!back )(?<!core )(?<!muscles )(?<!legs )(?<!body )(?<!he )(?<!she )"
        r"\bis\s+(?:very|really|so|too)\s+strong\b"
        # "i have pain in back from 3 week, very strong, i cannot sleep": a clause of its own
        # (the commas are gone by now), not a strong back, body or person.
        r"|(?<!back )(?<!core )(?<!muscles )(?<!legs )(?<!arms )(?<!body )(?<!is )(?<!are )"
        r"(?<!am )(?<!be )(?<!stay )(?<!keep )(?<!get )(?<!feel )(?<!was )(?<!were )"
        r"\b(?:very|really|so|too)\s+strong\b"
        r"(?!\s+(?:back|core|muscles?|legs?|arms?|body|person|man|woman|guy|lady|swimmer))",
        8,
    ),
    (r"really\s+bad|very\s+bad|so\s+bad|really\s+painful|very\s+painful|really\s+sore", 7),
    (r"(?:pain\w*|ache|it)(?:'?s|\s+is|\s+feels)?\s+strong|strong\s+(?:pain|ache)|^strong$", 7),
    (r"very\s+sore|pretty\s+bad", 7),
    (r"quite\s+bad|fairly\s+bad", 5),
    (r"moderately|moderate|moderat|modrate|moderatly|medium|so[\s-]so|middling|manageable", 5),
    (r"bad", 6),
    (
        r"(?:very\s+mild|mildly|mild|slightly|slight|a\s+little|a\s+bit|minor|light)\s+"
        r"(?:\w+\s+)?(?:pain\w*|sore\w*|ach\w*|hurt\w*|discomfort|tender|stiff\w*)"
        r"|(?:pain|ache|it)\s+(?:is\s+)?(?:very\s+mild|mild|slight|minor)|niggl\w*|twinge",
        3,
    ),
    (_MILD_WORDS, 3),
)
_WORD_PATTERNS = tuple((re.compile(r"\b(?:" + words + r")\b"), value) for words, value in _WORDS)
# "It hurts bad", "quite bad": the pain is bad, but not how bad. Said in answer to the
# 0-10 question it is taken as it is; said in passing, the question is still asked, since
# it may well be severe. "A bit" or "mild" in passing is often about something else
# ("the ibuprofen helped a bit", "mild disc disease"): only beside a word for the pain.
_VAGUE_WORDS = frozenset(
    {
        r"quite\s+bad|fairly\s+bad",
        r"bad",
        _MILD_WORDS,
        r"killing\s+me",
        # "My back is really sore": sore, but is it a 4 or a 9?
        r"really\s+bad|very\s+bad|so\s+bad|really\s+painful|very\s+painful|really\s+sore",
        r"very\s+sore|pretty\s+bad",
    }
)
_VAGUE_PATTERNS = frozenset(
    pattern
    for (pattern, _), (words, _) in zip(_WORD_PATTERNS, _WORDS, strict=True)
    if words in _VAGUE_WORDS
)
_MILD_ALONE = re.compile(r"(?:(?:just|only|it'?s|its|pretty|quite)\s+)?(?:" + _MILD_WORDS + r")")
_NEGATED = re.compile(r"\b(?:not|isn'?t|wasn'?t|never|no)\s+(?:\w+\s+)?$")


# A score set apart by a comma in a short answer: first or last.
_SET_APART_NUMBER = re.compile(
    # "3, no tingling", "3 and no tingling numbness or weakness" (not "2 and a half").
    # "8!! and the pins and needles": said loudly, still set apart.
    r"^\s*(?P<first>\d{1,2}(?:\.\d)?)!*\s*(?:[,;:]|\s(?:and|but|&)(?!\s+(?:a\s+)?half\b))\s+\D"
    r"|[,;:]\s*(?P<last>\d{1,2}(?:\.\d)?)"
    # "..., 3 maybe": a hedge after the score still sets it apart.
    r"(?:\s+(?:maybe|probably|i\s+think|i\s+guess|ish|or\s+so))?\s*[.!?]*\s*$"
)
SHORT_ANSWER_WORDS = 8
"""A message this short with a number set apart is answering how bad the pain is."""
# A score told after when it is that bad: "some days a 4", "a couple of nights it was an 8".
_SCORE_AFTER_WHEN = re.compile(
    r"\b(?:some|most|other|bad|good|a\s+couple\s+of|a\s+few|few)\s+(?:days?|nights?|times?"
    r"|mornings?|evenings?)\b[^.,;!?\d]{0,25}?\b(?:an?\s+)?(\d{1,2})\b"
    r"(?!\s*(?:days?|nights?|weeks?|months?|years?|hours?|hrs?|mins?|minutes?))"
)
# "I take 2 at night": a count of something, not a score.
_COUNTED_BEFORE = re.compile(r"\b(?:take|takes|took|taking|have|had|having|do|did|doing|walk)\s*$")
# A score with when it is that bad: "7 most days", "9 when I bend", "5 at night".
_SITUATED_NUMBER = re.compile(
    # (Not the scale of "8 out of 10 most days", whose 8 is the score.)
    r"(?<![\w/.:])(?<!out\sof\s)(?<!outta\s)(?<!\sof\s)(\d{1,2})\s+(?=(?:most|when|whenever|if|at|on|during|in\s+the"
    r"|every|usually|normally|sometimes|after|first|by|while|some|other|on\s+bad)\b)"
)


# "So 4 days? maybe 5": the second number counts the same days, it is not a score.
_SECOND_COUNT = re.compile(
    r"\b(?P<unit>days?|weeks?|months?|years?|wks?|mths?|yrs?)\b[\s?.,!]*"
    r"(?P<lead>(?:or|maybe|possibly|perhaps|probably|prob|more\s+like|nearer|closer\s+to)\s+)"
    r"(?P<count>\d{1,2})\b(?!\s*(?:/|out\b|of\b|[a-z]))",
    re.IGNORECASE,
)


def _counts_carried(text: str) -> str:
    return _AGE.sub(" ", _SECOND_COUNT.sub(r"\g<unit> \g<lead>\g<count> \g<unit>", text))


# "He's 66", "my mum (78)", "aged 54", "I'm 41 years old": an age, not a score.
_AGE_NUMBER = r"(?:1[1-9]|[2-9]\d|1[01]\d)"
_AGE = re.compile(
    r"\b(?:he'?s|she'?s|he\s+is|she\s+is|i'?m|im|i\s+am|aged?|age)\s+" + _AGE_NUMBER + r"\b"
    r"(?:\s*(?:years?\s+old|yrs?\s+old|yo|y/o))?"
    r"|\(\s*" + _AGE_NUMBER + r"\s*\)"
    r"|\b(?:\d{1,3}|" + ONE_TO_TEN + r")\s*-?\s*(?:years?\s*-?\s*old|yrs?\s+old|yo|y/o)\b"
    # "My son is 9 and his back hurts": a child's age, whatever the number.
    r"|\b(?:my|our|his|her|their)\s+(?:little\s+|young\s+)?(?:son|daughter|boy|girl|kid|child"
    r"|grandson|granddaughter|nephew|niece)(?:'s|\s+is|\s+who\s+is|\s+aged?|,)?\s+(?:\d{1,2}|"
    + ONE_TO_TEN
    + r")\b",
    re.IGNORECASE,
)


def parse_severity(text: str) -> int | None:
    """The pain on a 0-10 scale, or None when the answer gives no clear score.

    "What counts as severe? I'd say it's a nuisance": the question's word scores nothing
    when something else is said; "is 7 severe?" alone still gives its 7.
    """
    text = _LEADING_HEDGE.sub(r"\1", _without_half_units(_counts_carried(text)))
    text = _OPENING_SOUND.sub("", text)  # "meh 2ish": the score after the sound
    told = _statements(text)
    if not told:
        return _parse(text, vague=True)
    score = _parse(told, vague=True)
    if score is None:
        # "I don't know. Moderate maybe?": a guess said as a question is still the answer.
        guesses = [
            sentence
            for sentence in _SENTENCES.split(text)
            if sentence.rstrip().endswith("?")
            and len(sentence.split()) <= _LONGEST_GUESS
            and not _ASKS.match(sentence)
        ]
        score = _parse(" ".join(guesses), vague=True) if guesses else None
    return score


# "0 really. stiffness, not pain", "7 honestly": a hedge after the opening score.
_OPENING_SOUND = re.compile(
    r"^\s*(?:meh|hmm+|um+|erm+|eh|uh+|ugh|well|oh|ah)\W+(?=\d)", re.IGNORECASE
)
_LEADING_HEDGE = re.compile(
    r"^(\s*\d{1,2})\s+(?:really|honestly|tbh|probably|maybe|i\s+guess|i\s+think|i'?d\s+say"
    r"|mostly|usually|generally|normally|typically|roughly|or\s+so|on\s+average"
    r"|most\s+of\s+the\s+time)\b"
    r"(?!\s*,?\s*(?:an?\s+)?\d)",  # not "5 maybe 6", two scores
    re.IGNORECASE,
)


def _without_half_units(text: str) -> str:
    """The text without "and a half" said of time ("2-3 weeks, maybe 3 and a half").

    A score said with "ish" ("bearable, 5ish", "7-ish") is read as the number.
    """
    text = _ISH.sub(r"\1", text)
    return _AND_A_HALF.sub(" ", text) if _TIME_UNIT.search(text) else text


_ISH = re.compile(r"\b(\d{1,2})\s*-?\s*ish\b", re.IGNORECASE)


_LONGEST_GUESS = 4
_ASKS = re.compile(
    r"^\W*(?:what|how|is|does|do|can|could|should|would|will|are|which|why|who|when)\b",
    re.IGNORECASE,
)


def _statements(text: str) -> str:
    return " ".join(
        _told_before_the_question(sentence) for sentence in _SENTENCES.split(text)
    ).strip()


def _told_before_the_question(sentence: str) -> str:
    """A statement, whole; of a question, what is told before it is asked.

    "My back pain is 8 out of 10 for 2 days, should I see a specialist?" tells an 8; "what
    counts as severe?" tells nothing.
    """
    if not sentence.rstrip().endswith("?"):
        return sentence
    asked = _QUESTION_CLAUSE.search(sentence)
    return sentence[: asked.start()] if asked else ""


# ", should I see someone?", ", is that bad?": where a question starts after what is told.
_QUESTION_CLAUSE = re.compile(
    r"[,;:-]\s*(?:so\s+|and\s+|but\s+)?(?:should|shall|do|does|did|is|are|was|can|could|would"
    r"|will|what|how|why|when|where|which|who|any)\b",
    re.IGNORECASE,
)


def stated_severity(text: str) -> int | None:
    """The score a message gives in passing, or None when it only says the pain is bad.

    "It hurts bad when I sit" does not say whether the pain is severe, which decides a
    referral; the patient is asked rather than scored a 6. A word in a question ("what
    counts as severe?") describes nothing.
    """
    text = _LEADING_HEDGE.sub(r"\1", _without_half_units(_counts_carried(text)))
    text = _OPENING_SOUND.sub("", text)  # "meh 2ish": the score after the sound
    told = _statements(text)
    score = _parse(told, vague=False) if told else None
    if (
        score is not None
        and score <= _MILD
        and _GOT_WORSE.search(told)
        and not _numbers(_normalise(told))[0]
    ):
        # "Felt a twinge, thought nothing of it, then it got worse": the mild word is how
        # it began, not how bad it is now; the patient is asked.
        return None
    return score


_MILD = 3
_TIME_UNIT = re.compile(r"\b(?:days?|weeks?|wks?|months?|years?|yrs?)\b", re.IGNORECASE)
_AND_A_HALF = re.compile(
    r"\b(?:\d+|" + ONE_TO_TEN + r")\s+and\s+a\s+half\b"
    r"(?!\s*(?:/|out\s+of|on\s+the\s+scale))",
    re.IGNORECASE,
)
_GOT_WORSE = re.compile(
    r"\b(?:got|gotten|getting|get|gets|grown|growing|became|become|becoming)\s+(?:much\s+|a\s+lot\s+"
    r"|way\s+|far\s+|even\s+)?worse\b|\bworse\s+(?:now|since|and\s+worse)\b|\bworsen\w*",
    re.IGNORECASE,
)

_SENTENCES = re.compile(r"(?<=[.!?])\s+")
_CLAUSES = re.compile(r"\s*[,.;!]\s*|\s+(?:and|but)\s+")
_CORRECTED = re.compile(
    r"\b(?:i\s+mean[t]?|sorry|actually|make\s+(?:it|that))\s+(?:it'?s\s+|its\s+|a\s+)?"
    r"(?P<value>10|[0-9])\b(?!\s*(?:[:.]\d|am|pm|days?|weeks?|months?|years?|hours?|%|things?"
    r"|questions?|quick|more|of|times?|people|kids?))"
)


_NOT_A_UNIT = r"\b(?!\s*" + _UNITS_AFTER + r")"
_SCORES_AROUND_A_RANGE = (
    re.compile(
        r"^(?:about\s+|like\s+|maybe\s+|around\s+|prob\w*\s+)?(?P<low>" + _NUMBER + r")\s*"
        r"(?:-|to)\s*(?P<value>" + _NUMBER + r")" + _NOT_A_UNIT
    ),
    re.compile(
        r"\bbetween\s+(?:a\s+)?(?P<low>"
        + _NUMBER
        + r")\s+(?:and|&)\s+(?:a\s+)?(?P<value>"
        + _NUMBER
        + r")"
        + _NOT_A_UNIT
    ),
    re.compile(r"\bsome\s+days\s+(?:a\s+|an\s+)?(?P<value>" + _NUMBER + r")" + _NOT_A_UNIT),
    # "Nought, perhaps one.": two scores as a sentence of their own.
    re.compile(
        r"(?:^|[.!?]\s*)(?:(?:honestly|really|tbh|probably|maybe|like|about|around|i'?d\s+say)"
        r"\s+)*(?P<low>"
        + _NUMBER
        + r")\s+(?:or|perhaps|maybe|possibly)\s+(?:a\s+)?(?P<value>"
        + _NUMBER
        # "honestly 0 or 1, it's stiffness more than pain" (the comma gone by now)
        + r")\s*(?:[.,!?]|$|(?=\s+(?:it'?s|its|it\s+is|just|more|mostly|but|really)\b))"
    ),
    re.compile(r"\b(?P<value>" + _NUMBER + r")\s+at\s+(?:its\s+|the\s+|my\s+)?worst\b"),
)
"""Scores told around a range or a worst: the worst of them is the answer."""
_MORE_LIKE = re.compile(
    r"\b(?:more\s+like|closer\s+to|nearer(?:\s+to)?"
    # "It is 5. no wait, when it is worst it is more 8", "5. actually at worst 8"
    r"|(?:no\s+wait|actually|sorry)\b[^.\d]{0,30}\bworst\b[^.\d]{0,15}?(?:\s+more|\s+about"
    r"|\s+around|\s+is|\s+it'?s|\s+its)?)\s+(?:an?\s+)?(?P<value>10|[0-9])\b"
    r"(?!\s*(?:[:.]\d|am|pm|days?|weeks?|months?|years?|hours?|%|times?))"
)
_WORD_CORRECTED = re.compile(
    r"\b(?:(?:well\s+)?no|i\s+mean[t]?|sorry|actually|or\s+rather)\b[,.\s]+"
    r"(?:more\s+like\s+|probably\s+|i'?d\s+say\s+)?(?P<word>mild|moderate|severe)\b"
)


def _parse(text: str, *, vague: bool) -> int | None:
    cleaned = _normalise(text)
    if not cleaned:
        return None
    corrected = _CORRECTED.search(cleaned)
    if corrected:
        # "9. sorry i mean 6, 9 was the first night": the score said instead.
        return _score(corrected["value"])
    told_when = [_score(match.group(1)) for match in _SCORE_AFTER_WHEN.finditer(cleaned)]
    if len(told_when) > 1 and None not in told_when:
        # "Some days a 4 but last week a couple of nights it was an 8": the worst of them,
        # as the question asks, however long the message.
        return max(score for score in told_when if score is not None)
    ranged = [
        score
        for pattern in _SCORES_AROUND_A_RANGE
        for match in pattern.finditer(cleaned)
        if (score := _score(match["value"], match.groupdict().get("low"))) is not None
    ]
    if ranged:
        # "4-6 depends on the day", "between 3 and 5", "some days zero some days nine",
        # "NINE at worst": the worst of them.
        return max(ranged)
    more_like = _MORE_LIKE.search(cleaned)
    if more_like and (score := _score(more_like["value"])) is not None:
        # "5. no wait, when I bend to pick up my little one its more like an 8": the
        # score said instead.
        return score
    reworded = _WORD_CORRECTED.search(cleaned)
    if reworded:
        # "severe. well no, moderate, its bad when i get out of bed": the word said instead.
        found = _words(reworded["word"])
        if found is not None:
            return found[0]
    situated = [
        _score(match.group(1))
        for match in _SITUATED_NUMBER.finditer(cleaned)
        if not _COUNTED_BEFORE.search(cleaned[: match.start()])
    ]
    if situated and None not in situated and len(cleaned.split()) <= SHORT_ANSWER_WORDS * 2:
        # "7 most days, 9 when I bend", "5 at night": the worst of the scores said.
        return max(score for score in situated if score is not None)
    has_number, score = _numbers(cleaned)
    if has_number:
        return score
    set_apart = _SET_APART_NUMBER.search(text.lower())
    leads = bool(set_apart and set_apart["first"]) and len(re.findall(r"\d+", cleaned)) == 1
    if set_apart and (len(cleaned.split()) <= SHORT_ANSWER_WORDS or leads):
        # "Not so strong, 4", "3, it's more annoying than painful"; a score that opens the
        # answer, however much follows ("5, and no numbness or any of the other stuff").
        return _score(set_apart["first"] or set_apart["last"])
    found = _words(cleaned)
    if found is None:
        return 0 if _NO_PAIN.match(cleaned) or _NO_PAIN_SAID.search(cleaned) else None
    score, only_vague = found
    if (
        only_vague
        and not vague
        and any(_MILD_ALONE.fullmatch(_normalise(part)) for part in _CLAUSES.split(text.lower()))
    ):
        return score  # "mild" (or "for a week, it's mild") on its own says how bad
    return None if only_vague and not vague else score


def _normalise(text: str) -> str:
    lowered = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-")
    lowered = _ISH.sub(r"\1", lowered)  # "4ish", "7-ish": 4, 7
    # "On a scale of 1 to 10, 6": the scale named is not the score.
    lowered = re.sub(
        r"\bscale\s+(?:of\s+|from\s+)?(?:0|1|zero|one)\s*(?:-|to)\s*(?:10|ten)\b", "scale", lowered
    )
    return " ".join(re.sub(r"[^\w'./%\-\s]", " ", lowered).split()).strip(" .")


def _value(raw: str) -> float:
    return float(_DIGITS[raw]) if raw in _DIGITS else float(raw)


def _score(raw: str, low: str | None = None, scale: str | None = None) -> int | None:
    """One score on the 0-10 scale, or None when it is off the scale."""
    value = _value(raw)
    if low is not None:
        value = max(value, _value(low))
    if scale is not None and _value(scale) != 10:
        return None
    if not 0 <= value <= 10:
        return None
    return math.floor(value + 0.5)


def _numbers(text: str) -> tuple[bool, int | None]:
    """Whether the answer scores itself with a number, and the score (None if unusable).

    An off-scale number ("15", "-2", "7/5") makes the whole answer unclear rather than
    falling back to words.
    """
    found: list[int | None] = []
    for match in _OUT_OF.finditer(text):
        found.append(_score(match["value"], scale=match["scale"]))
    if not found:
        # The whole answer, or one sentence of it ("strong. 8", "6. so can I work?").
        for part in (text, *re.split(r"[.,;!?]\s+", text)):
            whole = _ONLY_NUMBER.match(part.strip(" ."))
            if whole:
                found.append(_score(whole["value"], whole["low"]))
                break
    if not found:
        for match in _IN_CONTEXT.finditer(text):
            found.append(_score(match["value"], match["low"]))
    if not found:
        return False, None
    if any(score is None for score in found):
        return True, None
    return True, max(score for score in found if score is not None)


def _words(text: str) -> tuple[int, bool] | None:
    """The worst score the words give, and whether only vague words ("bad") gave one."""
    scores = []
    only_vague = True
    taken: list[tuple[int, int]] = []
    for pattern, value in _WORD_PATTERNS:
        for match in pattern.finditer(text):
            if any(start < match.end() and match.start() < end for start, end in taken):
                continue
            taken.append((match.start(), match.end()))
            if _NEGATED.search(text[: match.start()]):
                # "Not terrible, moderate I suppose": the word denied scores nothing; the
                # one said instead does.
                continue
            scores.append(value)
            only_vague = only_vague and pattern in _VAGUE_PATTERNS
    return (max(scores), only_vague) if scores else None


_LONGEST_QUOTE_WORDS = 15


def severity_in_words(text: str) -> str | None:
    """How bad the pain is in the patient's own words, when they gave words and no score.

    "Not too bad when I am sitting but after ten minutes walking it gets quite bad": the
    check-in reads a 5 from it, but a summary for a doctor must not say "5 out of 10".
    A short answer is quoted whole; a long one by its clauses that say how bad. None when
    a score was given or no word for the pain was found.
    """
    cleaned = _normalise(text)
    if re.search(r"\d", cleaned) or _numbers(cleaned)[0] or _words(cleaned) is None:
        return None
    if len(text.split()) <= _LONGEST_QUOTE_WORDS:
        return " ".join(text.split()).strip(" .!")
    # "a bit" alone is often about something else ("a bit numb").
    saying_how_bad = [pattern for pattern, _ in _WORD_PATTERNS[:-1]]
    clauses = [
        " ".join(clause.split())
        for clause in re.split(r"[,.;!?]", text)
        if any(pattern.search(_normalise(clause)) for pattern in saying_how_bad)
    ]
    return ", ".join(clauses) or None


# "What does 10 mean, like a broken bone?", "what counts as a 5?", "what's the scale?",
# "is 10 the worst?", "how do I rate it?": a question about the scale, not a score.
_ASKS_ABOUT_THE_SCALE = re.compile(
    r"\bwhat\s+(?:does|do|is|would|'?s)\s+(?:a\s+|an\s+)?(?:0|1|10|ten|zero|one|five|5)\b"
    r"(?:\s+(?:mean|be|look\s+like|feel\s+like))?"
    r"|\bwhat\s+(?:counts|would\s+count)\s+as\s+(?:a\s+|an\s+)?(?:\d{1,2}|severe|mild|moderate)\b"
    r"|\bwhat(?:'?s|\s+is)\s+the\s+scale\b|\bwhat\s+scale\b"
    r"|\bwhat\s+do\s+you\s+mean\s+(?:by\s+)?(?:0|10|the\s+scale|the\s+numbers?|0\s*(?:-|to)\s*10)\b"
    r"|\bis\s+(?:10|ten)\s+(?:the\s+)?(?:worst|highest|most)\b"
    r"|\bhow\s+(?:do|should|would)\s+i\s+(?:rate|score|measure|number)\b"
    r"|\bwhich\s+number\s+(?:is|means|should)\b",
    re.IGNORECASE,
)


def asks_about_the_scale(text: str) -> bool:
    """Whether the patient asks what the 0-10 scale means instead of giving a score."""
    return bool(_ASKS_ABOUT_THE_SCALE.search(text))
