import pytest

from clinic.faq.answer_choice import (
    Answer,
    Candidate,
    Clarify,
    Fallback,
    choose_answer,
)
from clinic.settings import FaqThresholds

THRESHOLDS = FaqThresholds(answer=0.6, margin=0.2, fallback=0.2)


def ranking(*pairs: tuple[str, float]) -> list[Candidate]:
    return [Candidate(key, confidence) for key, confidence in pairs]


@pytest.mark.parametrize(
    ("candidates", "expected"),
    [
        # confident and clearly ahead: answer
        (ranking(("sciatica", 0.9), ("herniated_disc", 0.05)), Answer("sciatica")),
        # exactly on both boundaries still answers
        (ranking(("sciatica", 0.6), ("herniated_disc", 0.4)), Answer("sciatica")),
        # a single candidate above the threshold answers
        (ranking(("sciatica", 0.7)), Answer("sciatica")),
        # confident but too close to the runner-up: ask
        (
            ranking(("sciatica", 0.61), ("herniated_disc", 0.42), ("osteoarthritis", 0.01)),
            Clarify(("sciatica", "herniated_disc")),
        ),
        # uncertain but above the fallback line: ask, top three at most
        (
            ranking(
                ("otc_medication", 0.35),
                ("prescription_medication", 0.3),
                ("treatment_options", 0.2),
                ("physical_therapy", 0.15),
            ),
            Clarify(("otc_medication", "prescription_medication", "treatment_options")),
        ),
        # exactly at the fallback line: ask
        (ranking(("sciatica", 0.2), ("osteoarthritis", 0.01)), Clarify(("sciatica",))),
        # below the fallback line: fall back
        (ranking(("sciatica", 0.19), ("osteoarthritis", 0.18)), Fallback()),
        # nothing ranked: fall back
        ([], Fallback()),
    ],
)
def test_choose_answer(candidates: list[Candidate], expected: object) -> None:
    assert choose_answer(candidates, THRESHOLDS) == expected


TOPICS = {
    "core_muscles": "exercise",
    "strength_training": "exercise",
    "otc_medication": "treatment",
    "sciatica": "condition",
    "spinal_stenosis": "condition",
}


@pytest.mark.parametrize(
    ("candidates", "expected"),
    [
        # two answers on one topic: the smaller lead will do
        (ranking(("core_muscles", 0.65), ("strength_training", 0.6)), Answer("core_muscles")),
        # ... but not none at all
        (
            ranking(("core_muscles", 0.61), ("strength_training", 0.6)),
            Clarify(("core_muscles", "strength_training")),
        ),
        # different topics, or two conditions: the full margin
        (
            ranking(("core_muscles", 0.65), ("otc_medication", 0.6)),
            Clarify(("core_muscles", "otc_medication")),
        ),
        (
            ranking(("sciatica", 0.65), ("spinal_stenosis", 0.6)),
            Clarify(("sciatica", "spinal_stenosis")),
        ),
        # an answer of unknown topic: the full margin
        (ranking(("core_muscles", 0.65), ("unknown", 0.6)), Clarify(("core_muscles", "unknown"))),
    ],
)
def test_answers_on_one_topic_need_only_the_topic_margin(
    candidates: list[Candidate], expected: object
) -> None:
    thresholds = FaqThresholds(answer=0.6, margin=0.2, fallback=0.2, topic_margin=0.05)
    assert choose_answer(candidates, thresholds, TOPICS) == expected
    # Without the topics, the full margin as before.
    assert isinstance(choose_answer(candidates, thresholds), Clarify)


def test_the_topic_margin_never_asks_for_more_than_the_margin() -> None:
    thresholds = FaqThresholds(answer=0.6, margin=0.05, fallback=0.2, topic_margin=0.3)
    candidates = ranking(("core_muscles", 0.65), ("strength_training", 0.6))
    assert choose_answer(candidates, thresholds, TOPICS) == Answer("core_muscles")
