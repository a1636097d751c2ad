"""A question about a topic for a condition ("exercises for a slipped disc") is about the topic.

The condition's name is the strongest word in such a question, so the classifier often
picks the condition's own answer ("A herniated disc is when..."), which does not say
what was asked. When the question names a topic the article answers (exercise, physio,
treatment, medicines) and does not ask what the condition is, the topic's answer is the
one that fits.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from clinic.faq.activities import activity_asked_about
from clinic.faq.answer_choice import Answer, Clarify, Decision
from clinic.faq.followups import question_parts
from clinic.scope import COVERED_CONDITIONS

HOME_EXERCISE = "home_exercise_stretching"
PHYSICAL_THERAPY = "physical_therapy"
TREATMENT_OPTIONS = "treatment_options"
OTC_MEDICATION = "otc_medication"
RELATED = {
    HOME_EXERCISE: (HOME_EXERCISE, "exercise_benefits", "strength_training"),
    OTC_MEDICATION: (OTC_MEDICATION, "prescription_medication"),
}
"""Answers on the same topic: any of them offered in a "Did you mean" answers the topic."""

# The first topic named wins: "physio exercises for sciatica" is about physiotherapy.
_TOPICS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bphysio\w*|\bphysical\s+therap\w*"), PHYSICAL_THERAPY),
    (
        re.compile(
            r"\b(?:ex[ce]*r[cs]i[sz]\w*|excer\w*|stre[tc]+h\w*|workouts?|yoga|pilates"
            r"|work\s+out|training)\b"
        ),
        HOME_EXERCISE,
    ),
    (
        re.compile(
            r"\b(?:medications?|medicines?|meds|pills?|tablets?|painkillers?|pain\s+killers?"
            r"|anti-?inflammator\w*|ibuprofen|naproxen|paracetamol)\b"
        ),
        OTC_MEDICATION,
    ),
    (
        re.compile(
            r"\b(?:treat\w*|manag\w*|cures?|relie\w*|help\s+with|get\s+rid)\b"
            # "stenosis in my spine, what helps", "i have a slipped disc, what can i do about it"
            r"|\bwhat\s+(?:helps?|can\s+help|would\s+help|works?|do\s+you\s+recommend)\b"
            r"|\bwhat\s+(?:can|should|could)\s+i\s+do\s+(?:about|for|with)\s+(?:it|this|that)\b"
            r"|\bhow\s+(?:do|can|should)\s+i\s+(?:fix|sort|ease)\b"
        ),
        TREATMENT_OPTIONS,
    ),
)

# "What is a herniated disc and what does it mean?": the condition itself is asked about.
_ABOUT_THE_CONDITION = re.compile(
    r"\bwhat\s+(?:is|are|'?s)\b|\bwhats\b|\bmeans?\b|\bdefin\w*|\bexplain\b|\bsymptoms?\b"
    r"|\bcaus\w*\b|\bsigns?\b|\bdiagnos\w*"
)
_QUESTION_WORD_TOPIC = re.compile(
    r"\bwhat\s+(?:is|are|'?s)\s+(?:the\s+)?(?:best\s+)?\w*\s*(?:for|with)\b"
)


# "What do those mean?", "explain both", "what each of those is", "Both, please: spinal
# stenosis and osteoarthritis": each of the conditions the message names.
_ASKS_WHAT_EACH_IS = re.compile(
    r"\bwhat\s+(?:do|does)\s+(?:those|these|they|both|all\s+(?:those|these))\b"
    r"|\bwhat\s+(?:are|r)\s+(?:those|these|they|both)\b|\bexplain\s+(?:them|both|those|these)\b"
    # "Could you explain what those mean in plain English?"
    r"|\bwhat\s+(?:those|these|they|both)\s+(?:mean|are)\b"
    r"|\bboth\s+mean\b"
    r"|\bwhat\s+each(?:\s+of\s+(?:those|these|them|the\s+two))?\s+(?:is|are|means?)\b"
    r"|\beach\s+of\s+(?:those|these|them|the\s+two)\b"
    r"|^\W*(?:(?:ok|okay|yes|yeah)\W+)?both\b",
    re.IGNORECASE,
)


def asks_what_each_is(text: str) -> bool:
    """Whether the message asks what each of the conditions it names is."""
    return bool(_ASKS_WHAT_EACH_IS.search(text))


def topic_named(text: str) -> str | None:
    """The FAQ of the first topic the text names ("and physiotherapy?"), or None."""
    lowered = text.lower()
    found = [(match.start(), key) for pattern, key in _TOPICS if (match := pattern.search(lowered))]
    return min(found)[1] if found else None


def topic_asked_about_condition(text: str, chosen: str) -> str | None:
    """The topic's FAQ when `chosen` is a condition's answer but the question asks a topic.

    None when the chosen answer is not a condition's, when the question asks what the
    condition is, or when it names no topic the article answers.
    """
    if chosen not in COVERED_CONDITIONS:
        return None
    # The topic asked about, not one told of ("I'll ask the midwife about the tablets. But
    # does osteoarthritis run in families?").
    lowered = (" ".join(question_parts(text)) or text).lower()
    # "What are the best exercises for sciatica?" asks a topic although it says "what are".
    asks_condition = _ABOUT_THE_CONDITION.search(lowered) and not _QUESTION_WORD_TOPIC.search(
        lowered
    )
    if asks_condition:
        return None
    return topic_named(lowered)


_TERSE_WORDS = 6


def refine_by_topic(decision: Decision, text: str) -> Decision:
    """The decision, with a condition's answer replaced by the topic the question asks.

    A "Did you mean" led by the condition, with the topic among its choices, answers the
    topic: the question's words already say which was meant. Led by the topic, only a
    terse query ("physio for herniated disc?") is that sure; a longer one may ask
    something else as well ("should I see someone about the disc or just do exercises").
    """
    if isinstance(decision, Answer):
        topic = topic_asked_about_condition(text, decision.key)
        return Answer(topic) if topic else decision
    if (
        isinstance(decision, Clarify)
        and decision.keys[0] not in COVERED_CONDITIONS
        and activity_asked_about(text) is None
    ):
        # "How many times a week should I do physio?" with treatment ahead of physiotherapy:
        # the topic the question names is the one meant. (Not "is yoga ok?": an activity
        # the guide does not name is no topic it answers. Nor when the named topic leads
        # already: the thresholds asked about it, and the question stays theirs.)
        named = topic_named(text)
        if named is not None and named in decision.keys[1:]:
            return Answer(named)
    if (
        isinstance(decision, Clarify)
        and set(decision.keys) <= set(RELATED[OTC_MEDICATION])
        and topic_named(text) == OTC_MEDICATION
    ):
        # "medication for back pain": torn only between the guide's two answers on
        # medicines; the first is given, and the other is one of its follow-ups.
        return Answer(decision.keys[0])
    if isinstance(decision, Clarify):
        terse = len(text.split()) <= _TERSE_WORDS
        for condition in decision.keys if terse else decision.keys[:1]:
            topic = topic_asked_about_condition(text, condition)
            related = RELATED.get(topic or "", (topic,))
            offered = next((key for key in decision.keys if key in related), None)
            if offered is not None:
                return Answer(offered)
    return decision


def refine_by_named_condition(decision: Decision, named: Collection[str]) -> Decision:
    """The decision, with another condition's answer replaced by the one condition named.

    "What causes spinal stenosis pain in the legs?" reads like sciatica, but the patient
    asked about the stenosis. Only one covered condition named makes this sure; "does a
    herniated disc cause sciatica?" names two, and is left to the classifier.
    """
    covered = set(named) & COVERED_CONDITIONS
    if len(covered) != 1:
        return decision
    (condition,) = covered
    if isinstance(decision, Answer) and decision.key in COVERED_CONDITIONS:
        return Answer(condition)
    if isinstance(decision, Clarify) and condition in decision.keys:
        ahead = decision.keys[: decision.keys.index(condition)]
        if all(key in COVERED_CONDITIONS for key in ahead):
            return Answer(condition)
    return decision
