"""A complete, valid FAQ to change one thing in, for the FAQ source tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from clinic.faq.source import Example, FaqSource

TODAY = dt.date(2026, 12, 3)

EXAMPLES = (
    "what is hydrotherapy",
    "do you offer hydrotherapy",
    "can I exercise in a warm pool",
    "pool therapy for my back",
    "is aquatic therapy available",
    "water exercise for joint pain",
    "hydro therapy sessions",
    "aqua therapy for my back",
    "does swimming help my back",
    "exercises in water for back ache",
)


def make_faq(key: str = "hydrotherapy", **changes: Any) -> FaqSource:
    """A valid FAQ linking to `sciatica`; pass fields to change."""
    examples = changes.pop("examples", EXAMPLES)
    faq = FaqSource(
        key=key,
        question="Do you offer hydrotherapy?",
        answer=(
            "Hydrotherapy is exercise in a warm pool. A specialist can tell you if it suits you."
        ),
        section="Decrease Symptoms",
        topic="treatment",
        tell_me_more="sciatica",
        follow_ups=("sciatica",),
        reviewed_by="Dr Ana Ruiz",
        review_date=TODAY,
        examples=tuple(Example(text, 20 + n) for n, text in enumerate(examples)),
        lines={"question": 3, "answer": 4, "review_date": 12, "examples": 13},
    )
    return replace(faq, **changes)


def sciatica(tell_me_more: str = "hydrotherapy") -> FaqSource:
    """A second FAQ, for links and duplicates."""
    return make_faq(
        "sciatica",
        question="What is sciatica?",
        answer="Sciatica is pain along the sciatic nerve, from the lower back down the leg.",
        topic="condition",
        tell_me_more=tell_me_more,
        follow_ups=(),
        examples=(
            "what is sciatica",
            "pain down the back of my leg",
            "sciatic nerve pain",
            "shooting pain from my buttock",
            "my GP says I have sciatica",
            "is a trapped nerve sciatica",
            "leg pain from the lower back",
            "siatica meaning",
            "where does the sciatic nerve run",
            "burning pain into my calf",
        ),
    )


def back_pain() -> FaqSource:
    """A third FAQ, so that two FAQs link to each other without `hydrotherapy`."""
    return make_faq(
        "back_pain",
        question="What causes back pain?",
        answer="Stiff joints and weak muscles often lead to back pain.",
        topic="condition",
        tell_me_more="sciatica",
        follow_ups=(),
        examples=tuple(f"back pain cause {n}" for n in range(10)),
    )
