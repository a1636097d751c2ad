"""The conversation tests through `python -m rasa_server`, with every patch.

tests/test_rasa_data.py runs them on Rasa as installed (the `rasa` command); this runs the
same stories on the patched message path (graph runner, dialogue states, copies, log
arguments), so that both are checked.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from rasa_server import COMMAND, patches
from tests.conftest import PROJECT_ROOT
from tests.model_files import trained_model


@pytest.mark.model
def test_conversation_stories_are_predicted_without_errors_with_every_patch(
    tmp_path: Path,
) -> None:
    result = subprocess.run(
        [
            *COMMAND,
            "test",
            "core",
            "--model",
            str(trained_model()),
            "--stories",
            "tests/conversations",
            "--fail-on-prediction-errors",
            "--out",
            str(tmp_path),
        ],
        cwd=PROJECT_ROOT,
        env={**os.environ, patches.SETTING: "all"},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert f"Rasa patches: {', '.join(patches.NAMES)}" in result.stderr
    failed = tmp_path / "failed_test_stories.yml"
    details = failed.read_text(encoding="utf-8") if failed.exists() else ""
    assert result.returncode == 0, details + result.stdout[-3000:] + result.stderr[-3000:]
