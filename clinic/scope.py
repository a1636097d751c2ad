"""What the clinic's article covers, and what a message is about when it is not that.

The article is about the back: five back conditions, and exercise, medication and
physiotherapy for back-related joint pain. A classifier must pick one of its answers, so
"what is aortic stenosis?" would get the spinal-stenosis answer and "exercises for my
knee" the exercise answer. The entity ruler already names conditions and body parts; a
message whose condition or joint is outside the article, with nothing about the back,
is out of scope, and the reply says so for what it is about (another joint, which the
clinic also sees; a child; pregnancy, for which the article's advice on medicines and
exercise was not written; another condition).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from enum import Enum


class Scope(Enum):
    """Why a message is outside the article, which decides the kind reply it gets."""

    OTHER_JOINT = "other_joint"
    CHILD = "child"
    PREGNANCY = "pregnancy"
    OTHER_CONDITION = "other_condition"


COVERED_CONDITIONS = frozenset(
    {"herniated_disc", "sciatica", "spinal_stenosis", "osteoarthritis", "degenerative_disc_disease"}
)
BACK = frozenset({"lower_back", "upper_back", "back", "spine", "buttock"})
OTHER_JOINTS = frozenset({"knee", "shoulder", "neck", "hip", "elbow", "wrist", "ankle", "jaw"})

_CHILD = re.compile(
    r"\b(?:my|our|his|her)\s+"
    r"(?:(?:\d{1,2}|little|young|teenage|small)[- ]?(?:year[- ]?old\s+|yo\s+)?)?"
    r"(?:son|daughter|child|kid|boy|girl|toddler|baby|little\s+one|teenager|teen|grandson|"
    r"granddaughter|children|kids)\b"
    r"|\b(?:[1-9]|1[0-5])[- ]?(?:year|yr)s?[- ]?old\b"
    r"|\b(?:child|children|kid|kids|toddler|teenager)'?s?\b",
    re.IGNORECASE,
)
_ADULT_CHILD = re.compile(
    r"\b(?:[2-9]\d)[- ]?(?:year|yr)s?[- ]?old\b|\bgrown[- ]up\b", re.IGNORECASE
)


def about_a_child(text: str) -> bool:
    """Whether the message is about a child's health (an adult son or daughter is not)."""
    return bool(_CHILD.search(text)) and not _ADULT_CHILD.search(text)


_PREGNANT = re.compile(
    r"\bpregnan\w*|\b(?:expecting|having)\s+a\s+baby\b|\b\d{1,2}\s+weeks\s+gone\b"
    r"|\b(?:my\s+)?(?:midwife|trimester)\b",
    re.IGNORECASE,
)


def about_pregnancy(text: str) -> bool:
    """Whether the message is about being pregnant ("I'm 20 weeks pregnant, can I take...")."""
    return bool(_PREGNANT.search(text))


def out_of_scope(text: str, conditions: Iterable[str], body_parts: Iterable[str]) -> Scope | None:
    """Why the message is outside the article, or None when the article may answer it."""
    conditions, body_parts = set(conditions), set(body_parts)
    if about_a_child(text):
        return Scope.CHILD
    if about_pregnancy(text):
        return Scope.PREGNANCY
    about_back = bool(conditions & COVERED_CONDITIONS or body_parts & BACK)
    if about_back:
        return None
    if conditions - COVERED_CONDITIONS:
        return Scope.OTHER_CONDITION
    if body_parts & OTHER_JOINTS:
        return Scope.OTHER_JOINT
    return None
