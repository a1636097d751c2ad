"""The selection rules of `make cross-validate` (the run itself needs the encoder: make)."""

from __future__ import annotations

import pytest

from tools.cross_validate import one_standard_error_choice, rule_reading, standard_error


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
    ],
)
def test_the_rules_are_measured_as_they_run_on_a_first_message(
    text: str, reading: tuple[bool, bool]
) -> None:
    assert rule_reading(text) == reading
