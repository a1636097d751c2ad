"""Decide, from the FAQ answers' ranking, whether to answer, ask or fall back.

The ranking comes in as plain candidates (actions/parse_data.py reads it from Rasa).

The `faq` intent can be near-certain while the specific answer is a coin toss
(RasaHQ/rasa issues 9723 and 9751), so the gate looks at the answers' own ranking:
answer when the top answer is confident and clearly ahead of the runner-up, ask
"Did you mean...?" when it is uncertain or close, fall back when nothing is likely.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from clinic.settings import FaqThresholds

MAX_CANDIDATES = 3
# A runner-up is offered only if it has at least this share of the leader's confidence.
CANDIDATE_SHARE = 0.25
# Conditions' answers are never near misses of each other: sciatica is not stenosis.
CONDITION_TOPIC = "condition"
# Confidences are floats: a lead of exactly the margin must not lose to rounding.
_ROUNDING = 1e-9


@dataclass(frozen=True)
class Candidate:
    """One FAQ answer the classifier considered, with its confidence."""

    key: str
    confidence: float


@dataclass(frozen=True)
class Answer:
    """Give this answer."""

    key: str


@dataclass(frozen=True)
class Clarify:
    """Ask which of these the patient meant."""

    keys: tuple[str, ...]


@dataclass(frozen=True)
class Fallback:
    """Say we cannot answer, and show what we can help with."""


Decision = Answer | Clarify | Fallback


def choose_answer(
    ranking: Sequence[Candidate],
    thresholds: FaqThresholds,
    topics: Mapping[str, str] | None = None,
) -> Decision:
    """Answer, clarify or fall back, by the top answer's confidence and its lead.

    `topics` (each answer's topic) lets two answers on the same topic need only
    `thresholds.topic_margin` between them.
    """
    if not ranking or ranking[0].confidence < thresholds.fallback:
        return Fallback()
    top = ranking[0]
    runner_up = ranking[1].confidence if len(ranking) > 1 else 0.0
    lead = top.confidence - runner_up
    margin = thresholds.margin
    if topics and len(ranking) > 1:
        topic = topics.get(top.key)
        if topic not in (None, CONDITION_TOPIC) and topic == topics.get(ranking[1].key):
            margin = min(margin, thresholds.topic_margin)
    if top.confidence >= thresholds.answer and lead >= margin - _ROUNDING:
        return Answer(top.key)
    floor = top.confidence * CANDIDATE_SHARE
    keys = tuple(c.key for c in ranking[:MAX_CANDIDATES] if c.confidence >= floor)
    return Clarify(keys)
