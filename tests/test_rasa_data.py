"""Rasa's own checks on the project's data, as CI runs them."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT
from tests.model_files import trained_model

RASA = str(Path(sys.executable).parent / "rasa")


def run_rasa(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [RASA, *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=900, check=False
    )


def test_training_data_and_domain_validate_without_warnings() -> None:
    result = run_rasa("data", "validate", "--fail-on-warnings")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


@pytest.mark.model
def test_conversation_stories_are_predicted_without_errors(tmp_path: Path) -> None:
    result = run_rasa(
        "test", "core",
        "--model", str(trained_model()),
        "--stories", "tests/conversations",
        "--fail-on-prediction-errors",
        "--out", str(tmp_path),
    )  # fmt: skip
    failed = tmp_path / "failed_test_stories.yml"
    details = failed.read_text(encoding="utf-8") if failed.exists() else ""
    assert result.returncode == 0, details + result.stdout[-3000:] + result.stderr[-3000:]
