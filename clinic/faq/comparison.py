"""Questions that compare two of the article's conditions ("sciatica vs a herniated disc?").

The classifier picks one answer per question, so "what's the difference between sciatica
and a herniated disc?" used to get one side only. When a comparison names two conditions
the article describes (or one, right after the answer about another: "is it the same as
arthritis?"), the patient gets what the article says about each, so they can see the
difference in its own words; nothing is added beyond them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from clinic.faq.followups import OTC_MEDICATION, PRESCRIPTION_MEDICATION
from clinic.scope import COVERED_CONDITIONS

# "difference", typed as patients type it: "diffrence", "diference", "differnce".
_COMPARISON = re.compile(
    r"\b(dif+e?r+[ae]?n[ct]\w*|differ|diff|same (as|thing)|similar|vs\.?|versus|compared?"
    r"|comparison|related|linked|connected|confus\w*|mix(ed)? up|which (one|is it))\b"
)


# "Arthritis" alone is not a condition the entity ruler names (a knee's arthritis is not
# the spine's); compared with one of the article's conditions it is the article's
# osteoarthritis, "the most common form of arthritis".
_PLAIN_ARTHRITIS = re.compile(r"(?<!osteo)\barthritis\b", re.IGNORECASE)


def asks_comparison(text: str) -> bool:
    """Whether the message asks how two things compare, rather than about one of them."""
    return _COMPARISON.search(text.lower()) is not None


# "Does a herniated disc cause sciatica?", "can stenosis lead to sciatica?": how two
# conditions are linked, which the guide does not say (it describes each).
_LINKED = re.compile(
    r"\b(?:cause[sd]?|causing|lead(?:s|ing)?\s+to|led\s+to|turn(?:s|ed)?\s+into|trigger\w*"
    r"|result(?:s|ed)?\s+in|because\s+of|due\s+to|come[s]?\s+from|bring[s]?\s+on)\b",
    re.IGNORECASE,
)


def asks_how_linked(text: str) -> bool:
    """Whether the message asks whether one thing causes or leads to another."""
    return bool(_LINKED.search(text))


def compared_conditions(
    text: str, conditions: Iterable[str], previous: str | None = None
) -> tuple[str, str] | None:
    """The two article conditions a comparison asks about, in the order named, or None.

    `conditions` are the condition entities found in the message, in order; `previous`
    is the condition answered just before, which a comparison naming only one other
    condition is about ("is it the same as arthritis?").
    """
    if not asks_comparison(text):
        return None
    conditions = list(conditions)
    if any(c not in COVERED_CONDITIONS for c in conditions):
        return None  # another condition (rheumatoid arthritis): the scope reply's
    named = list(dict.fromkeys(conditions))
    if _PLAIN_ARTHRITIS.search(text) and "osteoarthritis" not in named:
        named.append("osteoarthritis")
    if len(named) >= 2:
        return named[0], named[1]
    if len(named) == 1 and previous in COVERED_CONDITIONS and previous != named[0]:
        return previous, named[0]
    return None


# "What is spinal stenosis and what is osteoarthritis?", "explain sciatica and stenosis":
# what each condition is, asked right before its name.
_ASKS_WHAT_IT_IS = re.compile(
    r"(?:\bwhat\s*(?:is|are|'s|s|r)|\bwhats|\bexplain|\bdefine|\btell\s+me\s+about"
    r"|\bmeaning\s+of|\bmean\s+by)\s+(?:an?\s+|the\s+)?$"
)
_AND_BEFORE = re.compile(r"(?:\band|&|,)\s+(?:an?\s+|the\s+)?$")


def conditions_each_asked_about(
    text: str, mentions: Sequence[tuple[int, str]]
) -> tuple[str, str] | None:
    """The first two article conditions a message asks what each one is, or None.

    `mentions` are the condition entities' start offsets and values. A condition counts
    when "what is" (or "explain", "tell me about") comes right before its name, or "and"
    after one that counts ("what are sciatica and stenosis?"). The classifier reads such
    a message as one question and answers only one of them.
    """
    if any(value not in COVERED_CONDITIONS for _, value in mentions):
        return None  # another condition (rheumatoid arthritis): the scope reply's
    lowered = text.lower().replace("\u2019", "'")
    asked: list[str] = []
    previous_asked = False
    for start, value in mentions:
        before = lowered[max(0, start - 40) : start]
        previous_asked = bool(
            _ASKS_WHAT_IT_IS.search(before) or (previous_asked and _AND_BEFORE.search(before))
        )
        if previous_asked and value not in asked:
            asked.append(value)
    return (asked[0], asked[1]) if len(asked) >= 2 else None


MEDICINE_ANSWERS = (OTC_MEDICATION, PRESCRIPTION_MEDICATION)
_PRESCRIPTION = re.compile(
    # As typed too: "presciption", "perscription", "prescripton", "presription".
    r"\bprescri\w*|\bperscri\w*|\bpresci?ption\w*|\bprescripton\w*|\bpresription\w*"
    r"|\bfrom\s+(?:the|my|a)\s+(?:gp|doctor)\b",
    re.IGNORECASE,
)
_OVER_THE_COUNTER = re.compile(
    r"\bover\s*-?\s*the\s*-?\s*counter\b|\botc\b|\bpharmac\w*|\bchemist\w*|\bshop\b"
    r"|\bsupermarket\b|\bboots\b|\bnon-?prescription\b",
    re.IGNORECASE,
)


def compares_medicines(text: str) -> bool:
    """Whether the message asks about medicine from the pharmacy and on prescription together.

    "Prescription or over the counter?", "the medicine from pharmacy is enough or I need
    the prescription?": the guide has an answer for each, and one alone would read as
    if the other did not exist. "What kind of medicine helps back pain?" asks about both.
    """
    return bool(
        (_PRESCRIPTION.search(text) and _OVER_THE_COUNTER.search(text))
        or _WHICH_MEDICINES.search(text)
    )


_WHICH_MEDICINES = re.compile(
    r"\b(?:what|which)\s+(?:kinds?|sorts?|types?)\s+of\s+(?:medicines?|medications?|meds|tablets"
    r"|pills|painkillers?)\b",
    re.IGNORECASE,
)
