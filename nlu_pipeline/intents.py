"""Overriding the classifiers' intent from a later NLU component, the way Rasa reports it."""

from __future__ import annotations

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY
from rasa.shared.nlu.training_data.message import Message

# The red-flag intents: the rules' certain ones, and the suspicion each becomes when only a
# learned detector (the classifier or the similarity detector) sees it.
EMERGENCY_INTENT = "report_emergency"
CRISIS_INTENT = "report_crisis"
SUSPECTED = {EMERGENCY_INTENT: "suspected_emergency", CRISIS_INTENT: "suspected_crisis"}

# Rasa's FallbackClassifier calls the top two guesses "ambiguous" when they are closer than
# its `ambiguity_threshold` (this project's config keeps the default, 0.1).
AMBIGUITY = 0.1


def override_intent(
    message: Message, name: str, confidence: float | None, *, drop: tuple[str, ...] = ()
) -> None:
    """Make `name` the message's intent and the head of its ranking.

    The classifiers' ranking stays below it (for logs and evaluation), without entries
    named `name` or in `drop`, or more confident than the override. A certain override
    (confidence 1.0) stands alone: with a confident guess below it, Rasa's
    FallbackClassifier would call the two "ambiguous" and replace a red flag with
    `nlu_fallback`.
    """
    intent = {"name": name, "confidence": confidence}
    removed = {name, *drop}
    ranking = [
        item for item in message.get(INTENT_RANKING_KEY) or [] if item.get("name") not in removed
    ]
    if confidence is not None and confidence >= 1.0:
        ranking = []
    elif confidence is not None:
        # Nothing ranked above the override or just below it: FallbackClassifier would
        # read either as ambiguity and turn the override into `nlu_fallback`.
        ranking = [
            item for item in ranking if (item.get("confidence") or 0.0) <= confidence - AMBIGUITY
        ]
    message.set(INTENT, intent, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [intent, *ranking], add_to_output=True)


def demote_intents(message: Message, names: tuple[str, ...]) -> None:
    """Make the best-ranked intent not in `names` the message's intent.

    Used when a learned guess is outweighed by a reading that knows better; with nothing
    else ranked, the intent is left as it is.
    """
    ranking = [
        item for item in message.get(INTENT_RANKING_KEY) or [] if item.get("name") not in names
    ]
    if not ranking:
        return
    message.set(INTENT, ranking[0], add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
