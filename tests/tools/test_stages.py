"""`make test`'s stages: every test in exactly one, run in order, stopped at a failure."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml
from _pytest.mark.expression import Expression

from tests.conftest import FOLDER_MARKS
from tools.stages import STAGES, Stage, main, run_stages, summary

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def pytest_stage_marks() -> dict[str, str]:
    return {stage.name: stage.commands[0][-1] for stage in STAGES if "pytest" in stage.commands[0]}


@pytest.mark.parametrize(
    "marks",
    [
        set(combination)
        for n in range(4)
        for combination in itertools.combinations(["model", "e2e", "browser"], n)
    ],
)
def test_every_test_is_in_exactly_one_pytest_stage(marks: set[str]) -> None:
    def marked(mark: str, /, **_: object) -> bool:
        return mark in marks

    matching = [
        name
        for name, expression in pytest_stage_marks().items()
        if Expression.compile(expression).evaluate(marked)
    ]
    assert len(matching) == 1, (marks, matching)


def test_the_folder_marks_are_the_ones_the_stages_select_by() -> None:
    used = {"model", "e2e", "browser"}
    assert set(FOLDER_MARKS.values()) <= used
    assert [stage.name for stage in STAGES] == [
        "lint",
        "unit",
        "model and data",
        "end to end",
        "browser",
    ]


def test_a_failing_stage_stops_the_run_and_the_summary_says_which(
    capsys: pytest.CaptureFixture[str],
) -> None:
    stages = (
        Stage("first", (("true",),)),
        Stage("second", (("true",), ("false",), ("true",))),
        Stage("third", (("true",),)),
    )
    outcomes = run_stages(stages, cwd=PROJECT_ROOT)
    assert [(outcome.stage, outcome.passed) for outcome in outcomes] == [
        ("first", True),
        ("second", False),
    ]
    table = summary(outcomes, stages)
    assert "second  FAILED" in table
    assert "third   not run" in table


def test_an_unknown_stage_is_named_with_the_real_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["units"]) == 2
    assert "Unknown stage units; the stages are: lint, unit," in capsys.readouterr().out


def test_the_pre_commit_hooks_run_the_projects_own_tools() -> None:
    config = yaml.safe_load((PROJECT_ROOT / ".pre-commit-config.yaml").read_text())
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert {hook["id"] for hook in hooks} == {"ruff", "ruff-format", "mypy"}
    for hook in hooks:
        assert hook["language"] == "system"
        assert (PROJECT_ROOT / hook["entry"].split()[0]).exists(), hook["entry"]
