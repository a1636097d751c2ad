import datetime as dt
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from clinic.faq.source import render_source
from tests.clinic.faq.faq_factory import TODAY, back_pain, sciatica
from tools.retrain import Layout, RetrainError, retrain, score_models

NOW = dt.datetime(2026, 12, 3, 14, 0, 0)
OK = (sys.executable, "-c", "pass")
FAIL = (sys.executable, "-c", "import sys; print('Training went wrong here'); sys.exit(1)")


def train_writing(content: str, models: Path) -> tuple[str, ...]:
    target = str(models / "clinic.tar.gz")
    code = f"import pathlib; pathlib.Path({target!r}).write_text({content!r})"
    return (sys.executable, "-c", code)


@pytest.fixture
def layout(tmp_path: Path) -> Layout:
    faqs = tmp_path / "faqs"
    faqs.mkdir()
    for faq in (sciatica(tell_me_more="back_pain"), back_pain()):
        (faqs / f"{faq.key}.yml").write_text(render_source(faq), encoding="utf-8")
    models = tmp_path / "models"
    models.mkdir()
    (models / "clinic.tar.gz").write_text("live model")
    return Layout(
        faqs=faqs,
        faq_data=tmp_path / "data" / "faq",
        data=tmp_path / "data",
        config=tmp_path / "absent.yml",
        models=models,
        reports=tmp_path / "reports",
        validate=OK,
        train=train_writing("new model", models),
    )


def scores(right: Sequence[bool], answers: dict[str, str] | None = None) -> dict[str, Any]:
    rows = [
        {"suite": "faq examples", "text": f"q{n}", "expected": "faq/sciatica", "got": "x"}
        | {"right": r}
        for n, r in enumerate(right)
    ]
    return {"model": "m", "answers": answers or {"sciatica": "S", "back_pain": "B"}, "rows": rows}


class FakeScorer:
    def __init__(self, *results: dict[str, Any]) -> None:
        self.results = list(results)
        self.calls: list[list[Path]] = []
        self.contents: list[list[str]] = []

    def __call__(self, models: Sequence[Path], data: Path) -> list[dict[str, Any]]:
        self.calls.append(list(models))
        self.contents.append([model.read_text() for model in models])
        return self.results


def test_an_accepted_model_stays_and_the_report_is_written(
    layout: Layout, capsys: pytest.CaptureFixture[str]
) -> None:
    scorer = FakeScorer(scores([True] * 10), scores([True] * 10))
    assert retrain(layout, TODAY, NOW, scorer) == 0
    assert scorer.contents == [["live model", "new model"]]
    assert layout.model.read_text() == "new model"
    assert sorted(p.name for p in layout.faq_data.iterdir()) == ["back_pain.yml", "sciatica.yml"]
    report = (layout.reports / "retrain-20261203-140000.md").read_text(encoding="utf-8")
    assert (
        "**Accepted: no score dropped by more than 1.0 points, emergencies by more than 0.0.**"
    ) in report
    out = capsys.readouterr().out
    assert "| faq examples | 10 | 100.0% | 100.0% | +0.0 pts | 0 | 0 |" in out
    assert "Report: " in out


def test_a_worse_model_is_refused_and_the_live_one_put_back(
    layout: Layout, capsys: pytest.CaptureFixture[str]
) -> None:
    scorer = FakeScorer(scores([True] * 10), scores([True] * 8 + [False] * 2))
    assert retrain(layout, TODAY, NOW, scorer) == 1
    assert layout.model.read_text() == "live model"
    assert (layout.models / "refused" / "clinic.tar.gz").read_text() == "new model"
    out = capsys.readouterr().out
    assert "Refused: faq examples by 20.0 points (the clinic allows 1.0)." in out
    assert '- "q8": should be faq/sciatica, now x' in out


def test_a_conflicting_faq_stops_the_retrain_before_training_naming_both(
    layout: Layout, capsys: pytest.CaptureFixture[str]
) -> None:
    conflict = replace(back_pain(), examples=(*back_pain().examples[:9], sciatica().examples[0]))
    (layout.faqs / "back_pain.yml").write_text(render_source(conflict), encoding="utf-8")
    scorer = FakeScorer()
    assert retrain(layout, TODAY, NOW, scorer) == 1
    out = capsys.readouterr().out
    assert "The FAQ checks found 1 problem(s); nothing was trained:" in out
    assert (
        "faqs/sciatica.yml line 13: 'what is sciatica' is the same as "
        "'what is sciatica' in faqs/back_pain.yml line 22; keep it in one FAQ"
    ) in out
    assert layout.model.read_text() == "live model"
    assert scorer.calls == []
    assert not layout.faq_data.exists()


def test_a_validation_failure_stops_before_training(
    layout: Layout, capsys: pytest.CaptureFixture[str]
) -> None:
    assert retrain(replace(layout, validate=FAIL), TODAY, NOW, FakeScorer()) == 1
    out = capsys.readouterr().out
    assert "Stopped: Validating the training data failed:\nTraining went wrong here" in out
    assert layout.model.read_text() == "live model"


def test_a_training_failure_leaves_the_live_model(
    layout: Layout, capsys: pytest.CaptureFixture[str]
) -> None:
    assert retrain(replace(layout, train=FAIL), TODAY, NOW, FakeScorer()) == 1
    assert "Stopped: Training failed:" in capsys.readouterr().out
    assert layout.model.read_text() == "live model"


def test_an_unchanged_model_needs_no_comparison(
    layout: Layout, capsys: pytest.CaptureFixture[str]
) -> None:
    scorer = FakeScorer()
    unchanged = replace(layout, train=train_writing("live model", layout.models))
    assert retrain(unchanged, TODAY, NOW, scorer) == 0
    assert scorer.calls == []
    assert "The model did not change" in capsys.readouterr().out


def test_the_first_model_is_scored_alone(layout: Layout) -> None:
    layout.model.unlink()
    scorer = FakeScorer(scores([True] * 10))
    assert retrain(layout, TODAY, NOW, scorer) == 0
    assert scorer.contents == [["new model"]]


def test_a_scoring_failure_puts_the_live_model_back(
    layout: Layout, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(models: Sequence[Path], data: Path) -> list[dict[str, Any]]:
        raise RetrainError("Scoring models/clinic.tar.gz failed:\nout of memory")

    assert retrain(layout, TODAY, NOW, broken) == 1
    assert layout.model.read_text() == "live model"
    assert "out of memory" in capsys.readouterr().out


def test_a_bad_setting_stops_with_a_plain_message(
    layout: Layout, capsys: pytest.CaptureFixture[str]
) -> None:
    config = layout.faqs.parent / "faq.yml"
    config.write_text("retrain:\n  tolerance: lots\n", encoding="utf-8")
    assert retrain(replace(layout, config=config), TODAY, NOW, FakeScorer()) == 1
    out = capsys.readouterr().out
    assert "tolerance must be a number" in out and "Traceback" not in out


def test_one_emergency_missed_is_enough_to_refuse(
    layout: Layout, capsys: pytest.CaptureFixture[str]
) -> None:
    def with_emergencies(caught: int) -> dict[str, Any]:
        result = scores([True] * 10)
        for n in range(200):
            got = "a red flag" if n < caught else "not a red flag"
            row: dict[str, Any] = {"suite": "emergencies", "text": f"e{n}", "got": got}
            result["rows"].append(row | {"expected": "a red flag", "right": n < caught})
        return result

    scorer = FakeScorer(with_emergencies(200), with_emergencies(199))
    assert retrain(layout, TODAY, NOW, scorer) == 1
    out = capsys.readouterr().out
    assert "Refused: emergencies by 0.5 points (the clinic allows 0.0)." in out
    assert '- "e199": should be a red flag, now not a red flag' in out
    assert layout.model.read_text() == "live model"


def test_training_that_writes_no_model_stops(
    layout: Layout, capsys: pytest.CaptureFixture[str]
) -> None:
    layout.model.unlink()
    assert retrain(replace(layout, train=OK), TODAY, NOW, FakeScorer()) == 1
    assert "Stopped: Training wrote no model at" in capsys.readouterr().out


def test_a_model_that_cannot_be_scored_is_a_plain_error(tmp_path: Path) -> None:
    with pytest.raises(RetrainError, match=r"Scoring .*missing.tar.gz failed:"):
        score_models([tmp_path / "missing.tar.gz"], tmp_path)


def dev_scores(right: Sequence[bool]) -> list[dict[str, Any]]:
    return [
        {"suite": "dev questions", "text": f"d{n}", "expected": "faq/sciatica", "got": "x"}
        | {"right": r}
        for n, r in enumerate(right)
    ]


class FakeDevScorer:
    def __init__(self, *rows: list[dict[str, Any]]) -> None:
        self.rows = list(rows)
        self.calls: list[tuple[list[str], Path]] = []

    def __call__(self, models: Sequence[Path], questions: Path) -> list[list[dict[str, Any]]]:
        self.calls.append(([model.read_text() for model in models], questions))
        return self.rows


@pytest.fixture
def dev_file(tmp_path: Path) -> Path:
    path = tmp_path / "dev.tsv"
    path.write_text("question\tscope\tacceptable\tprimary\torigin\n", encoding="utf-8")
    return path


def test_the_dev_questions_are_compared_with_their_own_tolerance(
    layout: Layout, dev_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dev = FakeDevScorer(dev_scores([True] * 100), dev_scores([True] * 98 + [False] * 2))
    layout = replace(layout, dev_questions=dev_file)
    assert (
        retrain(
            layout, TODAY, NOW, FakeScorer(scores([True] * 10), scores([True] * 10)), dev_scorer=dev
        )
        == 0
    )
    assert dev.calls == [(["live model", "new model"], dev_file)]
    out = capsys.readouterr().out
    assert "| dev questions | 100 | 100.0% | 98.0% | -2.0 pts | 2 | 0 |" in out
    assert "dev questions by more than 3.0" in out
    report = next(layout.reports.glob("retrain-*.md")).read_text(encoding="utf-8")
    assert "dev questions from dev.tsv scored with make eval's scorer" in report


def test_a_dev_drop_beyond_the_tolerance_refuses(
    layout: Layout, dev_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dev = FakeDevScorer(dev_scores([True] * 100), dev_scores([True] * 96 + [False] * 4))
    layout = replace(layout, dev_questions=dev_file)
    scorer = FakeScorer(scores([True] * 10), scores([True] * 10))
    assert retrain(layout, TODAY, NOW, scorer, dev_scorer=dev) == 1
    out = capsys.readouterr().out
    assert "Refused: dev questions by 4.0 points (the clinic allows 3.0)." in out
    assert '- "d99": should be faq/sciatica, now x' in out
    assert layout.model.read_text() == "live model"


def test_a_missing_dev_file_is_noted_not_fatal(layout: Layout, tmp_path: Path) -> None:
    dev = FakeDevScorer()
    layout = replace(layout, dev_questions=tmp_path / "nowhere.tsv")
    scorer = FakeScorer(scores([True] * 10), scores([True] * 10))
    assert retrain(layout, TODAY, NOW, scorer, dev_scorer=dev) == 0
    assert dev.calls == []
    report = next(layout.reports.glob("retrain-*.md")).read_text(encoding="utf-8")
    assert "the dev questions were not compared:" in report and "nowhere.tsv is missing" in report
