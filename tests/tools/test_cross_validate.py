"""The selection rules of `make cross-validate` (the run itself needs the encoder: make)."""

from __future__ import annotations

import numpy as np
import pytest

from clinic.settings import FaqThresholds
from tools.cross_validate import (
    choose_clause_threshold,
    choose_faq_thresholds,
    choose_red_flag_setting,
    clause_threshold_table,
    configured_settings,
    faq_outcome,
    faq_threshold_table,
    one_standard_error_choice,
    rule_reading,
    standard_error,
)


def test_the_most_regularised_setting_within_one_standard_error_is_chosen() -> None:
    accuracy = {
        "C=30 parts=False": [0.84, 0.82, 0.83, 0.84, 0.83],
        "C=10 parts=False": [0.83, 0.83, 0.83, 0.83, 0.83],
        "C=10 parts=True": [0.83, 0.83, 0.83, 0.83, 0.83],
        "C=3 parts=True": [0.80, 0.79, 0.80, 0.81, 0.80],
    }
    assert standard_error(accuracy["C=30 parts=False"]) == pytest.approx(0.00374, abs=1e-4)
    # C=3 is simpler but clearly worse; among the two C=10 ties, reading sentences wins.
    assert one_standard_error_choice(accuracy) == "C=10 parts=True"


def test_on_a_tie_sentences_come_before_joined_questions_and_those_before_the_whole() -> None:
    tie = [0.83, 0.83, 0.83]
    assert one_standard_error_choice({"C=10 parts=clauses": tie, "C=10 parts=True": tie}) == (
        "C=10 parts=True"
    )
    assert one_standard_error_choice({"C=10 parts=clauses": tie, "C=10 parts=False": tie}) == (
        "C=10 parts=clauses"
    )


def test_a_clear_winner_is_kept() -> None:
    accuracy = {"C=30 parts=False": [0.90, 0.91, 0.90], "C=10 parts=False": [0.80, 0.81, 0.80]}
    assert one_standard_error_choice(accuracy) == "C=30 parts=False"


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("I've lost control of my bladder", (True, False)),
        ("no numbness and no bladder problems", (False, True)),
        ("what is sciatica", (False, False)),
        ("I have a fever", (False, False)),  # counts only with back pain, as a first message
        ("back pain 2 weeks, leg pain very much", (False, True)),  # nothing to suspect
    ],
)
def test_the_rules_are_measured_as_they_run_on_a_first_message(
    text: str, reading: tuple[bool, bool]
) -> None:
    assert rule_reading(text) == reading


def red_flag_row(
    threshold: float, recall: float, fa: float, near: float = 0.05
) -> dict[str, float]:
    return {
        "threshold": threshold,
        "margin": 0.05,
        "recall": recall,
        "fa": fa,
        "dev_recall": recall,
        "dev_near_miss_fa": near,
    }


def test_recall_within_noise_of_the_best_buys_the_fewest_false_alarms() -> None:
    table = [
        red_flag_row(0.55, recall=0.955, fa=0.034),
        red_flag_row(0.65, recall=0.950, fa=0.028),  # 0.005 less: within one error (0.006)
        red_flag_row(0.80, recall=0.930, fa=0.020),  # clearly fewer red flags caught
        red_flag_row(0.40, recall=0.990, fa=0.200),  # too many false alarms to be allowed
    ]
    chosen = choose_red_flag_setting(table, red_flags=1166, base_fa=0.025, base_near_fa=0.066)
    assert chosen["threshold"] == 0.65


def test_a_clear_gain_in_recall_is_taken_despite_more_false_alarms() -> None:
    table = [red_flag_row(0.55, recall=0.97, fa=0.034), red_flag_row(0.65, recall=0.95, fa=0.028)]
    chosen = choose_red_flag_setting(table, red_flags=1166, base_fa=0.025, base_near_fa=0.066)
    assert chosen["threshold"] == 0.55


def faq_row(
    answer: float, right: float, wrong: float, topic_margin: float = 0.05
) -> dict[str, float]:
    return {
        "answer": answer,
        "margin": 0.05,
        "topic_margin": topic_margin,
        "answered_right": right,
        "answered_wrong": wrong,
    }


def test_the_faq_threshold_weighs_a_wrong_answer_as_two_missed() -> None:
    # 0.3 answers 6 more in 100 rightly but 3 more wrongly: no better than 0.5 (a tie,
    # which the stricter threshold wins); 0.4 gains 4 right for 1 wrong.
    table = [faq_row(0.3, 0.84, 0.09), faq_row(0.4, 0.82, 0.07), faq_row(0.5, 0.78, 0.06)]
    assert choose_faq_thresholds(table)["answer"] == 0.4
    assert choose_faq_thresholds([table[0], table[2]])["answer"] == 0.5


def test_of_equal_good_the_larger_topic_margin_is_chosen() -> None:
    table = [faq_row(0.4, 0.82, 0.07, topic_margin=0.0), faq_row(0.4, 0.82, 0.07)]
    assert choose_faq_thresholds(table)["topic_margin"] == 0.05


def test_the_topic_margin_is_measured_only_with_the_topics_and_never_above_the_margin() -> None:
    classes = ["faq/core", "faq/strength", "out_of_scope"]
    # The two exercise answers are close: answered only under a small topic margin.
    rows = [(classes, np.array([0.5, 0.45, 0.05]), "core exercises?", "faq/core")]
    without = faq_threshold_table(rows)
    assert {row["topic_margin"] for row in without} == {row["margin"] for row in without}
    table = faq_threshold_table(rows, {"core": "exercise", "strength": "exercise"})
    assert all(row["topic_margin"] <= row["margin"] for row in table)
    answered = {
        (row["margin"], row["topic_margin"]): row["answered_right"]
        for row in table
        if row["answer"] == 0.3
    }
    assert answered[(0.15, 0.0)] == 1.0
    assert answered[(0.15, 0.15)] == 0.0


def test_an_faq_answer_is_given_outright_only_when_faq_leads_the_intents() -> None:
    classes = ["faq/sciatica", "faq/stenosis", "greet", "out_of_scope"]
    thresholds = FaqThresholds(answer=0.4, margin=0.05, fallback=0.2)
    # faq sums to 0.6, sciatica's share 0.75: answered.
    assert faq_outcome(classes, np.array([0.45, 0.15, 0.1, 0.3]), "sciatica?", thresholds) == (
        "sciatica"
    )
    # out_of_scope leads the summed intents: no answer.
    assert faq_outcome(classes, np.array([0.2, 0.1, 0.1, 0.6]), "x", thresholds) is None
    # faq leads but its answers are a coin toss: "Did you mean", not an answer.
    assert faq_outcome(classes, np.array([0.3, 0.28, 0.1, 0.32]), "x", thresholds) is None


def test_an_out_of_scope_question_answered_counts_as_a_wrong_answer() -> None:
    classes = ["faq/sciatica", "faq/stenosis", "out_of_scope"]
    rows = [
        (classes, np.array([0.8, 0.1, 0.1]), "what is sciatica", "faq/sciatica"),
        (classes, np.array([0.1, 0.8, 0.1]), "heart valve stenosis", "out_of_scope"),
    ]
    [first, *_] = faq_threshold_table(rows)
    assert first["answered_right"] == 1.0
    assert first["answered_wrong"] == 1.0
    assert first["out_of_scope_answered"] == 1.0
    assert first["precision"] == 0.5


def test_a_clause_is_answered_at_or_above_the_threshold_and_out_of_scope_counts_wrong() -> None:
    classes = ["faq/sciatica", "faq/stenosis", "out_of_scope"]
    rows = [
        (classes, np.array([0.55, 0.25, 0.2]), "faq/sciatica"),  # right, from 0.55 down
        (classes, np.array([0.2, 0.62, 0.18]), "out_of_scope"),  # wrong, from 0.6 down
        (classes, np.array([0.1, 0.2, 0.7]), "faq/stenosis"),  # out_of_scope: never answered
    ]
    by_least = {row["second_question_min"]: row for row in clause_threshold_table(rows)}
    assert by_least[0.5]["answered_right"] == 0.5 and by_least[0.5]["answered_wrong"] == 0.5
    assert by_least[0.6]["answered_right"] == 0.0 and by_least[0.6]["answered_wrong"] == 0.5
    assert by_least[0.65]["answered_wrong"] == 0.0


def test_the_clause_threshold_weighs_a_wrong_answer_as_two_missed() -> None:
    def row(least: float, right: float, wrong: float) -> dict[str, float]:
        return {"second_question_min": least, "answered_right": right, "answered_wrong": wrong}

    # 0.5 answers 4 more rightly for 1 more wrongly than 0.6: worth it; 0.4 gains 2 for 2.
    table = [row(0.4, 0.86, 0.05), row(0.5, 0.84, 0.03), row(0.6, 0.80, 0.02)]
    assert choose_clause_threshold(table)["second_question_min"] == 0.5


def test_the_configured_classifier_is_kept_within_one_standard_error() -> None:
    accuracy = {
        "C=30 parts=False": [0.84, 0.82, 0.83, 0.84, 0.83],
        "C=10 parts=False": [0.83, 0.83, 0.83, 0.83, 0.83],
        "C=10 parts=True": [0.83, 0.83, 0.83, 0.83, 0.83],
        "C=3 parts=True": [0.80, 0.79, 0.80, 0.81, 0.80],
    }
    assert one_standard_error_choice(accuracy, "C=10 parts=False") == "C=10 parts=False"
    # Clearly worse: not kept.
    assert one_standard_error_choice(accuracy, "C=3 parts=True") == "C=10 parts=True"


def test_the_configured_red_flag_setting_is_kept_within_noise() -> None:
    table = [
        red_flag_row(0.65, recall=0.976, fa=0.0282),
        red_flag_row(0.70, recall=0.973, fa=0.0273),
        red_flag_row(0.80, recall=0.930, fa=0.020),  # clearly fewer red flags caught
    ]

    def choose(rows: list[dict[str, float]], **kept: object) -> float:
        chosen = choose_red_flag_setting(
            rows,
            1166,
            0.025,
            0.066,
            ordinary=int(str(kept.get("ordinary", 0))),
            configured=(0.65, 0.05) if kept else None,
        )
        return chosen["threshold"]

    assert choose(table) == 0.70
    assert choose(table, ordinary=5800) == 0.65
    # Many more false alarms than the fewest: not kept.
    noisy = [red_flag_row(0.65, recall=0.976, fa=0.040), *table[1:]]
    assert choose(noisy, ordinary=5800) == 0.70


def test_the_configured_faq_and_clause_thresholds_are_kept_within_one_standard_error() -> None:
    table = [faq_row(0.35, 0.8228, 0.0784), faq_row(0.45, 0.8215, 0.0725)]
    configured = FaqThresholds(answer=0.35, margin=0.05, topic_margin=0.05)
    assert choose_faq_thresholds(table)["answer"] == 0.45
    assert choose_faq_thresholds(table, examples=1500, configured=configured)["answer"] == 0.35
    # With a few examples the same gap is noise; with a million it is not.
    assert choose_faq_thresholds(table, examples=10**6, configured=configured)["answer"] == 0.45
    clauses = [
        {"second_question_min": 0.35, "answered_right": 0.81, "answered_wrong": 0.072},
        {"second_question_min": 0.40, "answered_right": 0.789, "answered_wrong": 0.059},
    ]
    assert choose_clause_threshold(clauses)["second_question_min"] == 0.40
    kept = choose_clause_threshold(clauses, examples=700, configured=0.35)
    assert kept["second_question_min"] == 0.35


def test_the_configured_settings_are_read_from_config_yml() -> None:
    configured = configured_settings()
    assert configured.classifier.startswith("C=")
    assert 0 < configured.red_flag_threshold < 1
    assert 0 < configured.second_question_min < 1
    assert configured.faq == FaqThresholds()
