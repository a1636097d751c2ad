from pathlib import Path

import pytest

from clinic.settings import FaqThresholds
from tools.model_scores import (
    DEV_QUESTIONS,
    EMERGENCIES,
    FAQ_EXAMPLES,
    NEAR_MISSES,
    OTHER_EXAMPLES,
    Item,
    dev_rows,
    example_items,
    is_right,
    main,
    outcome,
    plain_text,
    red_flag_items,
    story_rows,
)

THRESHOLDS = FaqThresholds()


def faq_parse(*ranking: tuple[str, float]) -> dict:
    return {
        "intent": {"name": "faq"},
        "response_selector": {
            "faq": {
                "ranking": [
                    {"intent_response_key": f"faq/{key}", "confidence": c} for key, c in ranking
                ]
            }
        },
    }


def test_every_stored_example_is_an_item_faq_examples_apart() -> None:
    items = example_items()
    faq = [item for item in items if item.suite == FAQ_EXAMPLES]
    assert Item(FAQ_EXAMPLES, "what is sciatica", "faq/sciatica") in faq
    assert len(faq) > 1000
    assert {item.suite for item in items} == {FAQ_EXAMPLES, OTHER_EXAMPLES}
    assert not any("](" in item.text for item in items)


def test_entity_markup_is_removed() -> None:
    assert plain_text('my [back](body_part) hurts [badly]{"entity": "severity"}') == (
        "my back hurts badly"
    )


def test_the_red_flag_dev_messages_are_items() -> None:
    items = red_flag_items()
    assert {item.suite for item in items} == {EMERGENCIES, NEAR_MISSES}
    assert sum(item.suite == EMERGENCIES for item in items) >= 100


def test_an_faq_is_right_only_when_answered_at_once() -> None:
    item = Item(FAQ_EXAMPLES, "what is sciatica", "faq/sciatica")
    assert outcome(item, faq_parse(("sciatica", 0.9), ("x", 0.05)), THRESHOLDS) == "faq/sciatica"
    assert outcome(item, faq_parse(("sciatica", 0.45), ("x", 0.4)), THRESHOLDS) == "did you mean"
    assert outcome(item, faq_parse(("sciatica", 0.1)), THRESHOLDS) == "fallback"
    assert outcome(item, {"intent": {"name": "greet"}}, THRESHOLDS) == "greet"


def test_red_flags_count_suspicions_as_caught() -> None:
    emergency = Item(EMERGENCIES, "can't pee", "a red flag")
    near = Item(NEAR_MISSES, "peeing fine", "not a red flag")
    suspected = {"intent": {"name": "suspected_emergency"}}
    assert is_right(emergency, outcome(emergency, suspected, THRESHOLDS))
    assert not is_right(near, outcome(near, suspected, THRESHOLDS))
    assert is_right(near, outcome(near, {"intent": {"name": "describe_own_pain"}}, THRESHOLDS))


def test_out_of_scope_may_fall_back() -> None:
    item = Item(OTHER_EXAMPLES, "knee pain", "out_of_scope")
    assert is_right(item, "nlu_fallback")
    assert not is_right(item, "faq/sciatica")


def test_story_rows_mark_the_failed_stories(tmp_path: Path) -> None:
    stories = tmp_path / "stories"
    stories.mkdir()
    (stories / "t.yml").write_text(
        "stories:\n- story: one\n  steps: []\n- story: two\n  steps: []\n", encoding="utf-8"
    )
    results = tmp_path / "results"
    results.mkdir()
    assert [r.right for r in story_rows(results, stories)] == [True, True]
    (results / "failed_test_stories.yml").write_text(
        "stories:\n- story: two\n  steps: []\n", encoding="utf-8"
    )
    assert [(r.text, r.right) for r in story_rows(results, stories)] == [
        ("one", True),
        ("two", False),
    ]


def test_the_command_refuses_a_missing_model_or_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.json"
    assert main([str(tmp_path / "none.tar.gz"), str(out)]) == 1
    assert "there is no model" in capsys.readouterr().err
    model = tmp_path / "model.tar.gz"
    model.write_bytes(b"")
    assert main([str(model), str(out), "--data", str(tmp_path / "nodata")]) == 1
    assert "there is no data folder" in capsys.readouterr().err
    assert not out.exists()


def test_make_evals_report_rows_become_dev_question_rows() -> None:
    report = {
        "rows": [
            {"question": "q1", "primary": "faq/sciatica", "outcome": "faq/sciatica",
             "is_acceptable": True},
            {"question": "q2", "primary": "assessment", "outcome": "fallback",
             "is_acceptable": False},
            # acceptable without being the primary outcome still counts as right
            {"question": "q3", "primary": "faq/sciatica", "outcome": "assessment",
             "is_acceptable": True},
        ]
    }  # fmt: skip
    assert dev_rows(report) == [
        {"suite": DEV_QUESTIONS, "text": "q1", "expected": "faq/sciatica", "got": "faq/sciatica",
         "right": True},
        {"suite": DEV_QUESTIONS, "text": "q2", "expected": "assessment", "got": "fallback",
         "right": False},
        {"suite": DEV_QUESTIONS, "text": "q3", "expected": "faq/sciatica", "got": "assessment",
         "right": True},
    ]  # fmt: skip
    assert dev_rows({}) == []
