"""Follow-up questions that lean on the previous answer ("what can I do about it?")."""

from __future__ import annotations

import re
from enum import Enum

from clinic.faq.catalogue import FaqCatalogue

TREATMENT_OPTIONS = "treatment_options"
HOME_EXERCISE = "home_exercise_stretching"

_EXERCISE_WORDS = re.compile(r"\b(exercis\w*|stretch\w*|workouts?|moves?|movements?|training)\b")
_TREATMENT_WORDS = re.compile(
    r"\b(do|treat\w*|help\w*|fix\w*|manag\w*|cure\w*|reliev\w*|relief|ease|better)\b"
)


class FollowupKind(Enum):
    """What a follow-up asks for."""

    EXERCISE = "exercise"
    TREATMENT = "treatment"
    MORE = "more"


def classify_followup(text: str) -> FollowupKind:
    """Tell exercise, treatment and "tell me more" follow-ups apart by their words."""
    lowered = text.lower()
    if _EXERCISE_WORDS.search(lowered):
        return FollowupKind.EXERCISE
    if _TREATMENT_WORDS.search(lowered):
        return FollowupKind.TREATMENT
    return FollowupKind.MORE


def followup_key(kind: FollowupKind, last_key: str | None, catalogue: FaqCatalogue) -> str | None:
    """The FAQ that answers a follow-up after `last_key`, or None to ask for a topic.

    Exercise and treatment follow-ups have a fitting answer with or without context;
    "tell me more" needs a previous answer and follows its `tell_me_more` link.
    """
    last = catalogue.get(last_key)
    if kind is FollowupKind.EXERCISE:
        return HOME_EXERCISE if HOME_EXERCISE in catalogue else None
    if kind is FollowupKind.TREATMENT:
        if last is not None and last.key == TREATMENT_OPTIONS and last.tell_me_more in catalogue:
            return last.tell_me_more
        return TREATMENT_OPTIONS if TREATMENT_OPTIONS in catalogue else None
    if last is not None and last.tell_me_more in catalogue:
        return last.tell_me_more
    return None
