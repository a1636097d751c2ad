"""The action server runs every action without TensorFlow or JAX in its process."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import PROJECT_ROOT

CHILD = textwrap.dedent(
    """
    import sys
    from action_server import NOT_LOADED, keep_out_unused_libraries

    keep_out_unused_libraries()
    import actions.booking, actions.checkin, actions.faq, actions.session  # all actions
    from clinic.triage.red_flags import emergency_flags  # spaCy's matcher, via thinc

    flags = emergency_flags("I can't control my bladder, my back hurts", about_back_pain=True)
    loaded = [name for name in NOT_LOADED if sys.modules.get(name) is not None]
    print(len(flags), loaded)
    """
)


def python(*args: str) -> str:
    """Run this interpreter in the project directory; its output, after it succeeded."""
    result = subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def test_actions_and_the_spacy_matcher_work_without_tensorflow() -> None:
    output = python("-c", CHILD)
    flag_count, loaded = output.split(maxsplit=1)
    assert int(flag_count) >= 1  # the red flag is still found
    assert loaded.strip() == "[]"  # and neither library was imported


def test_the_launcher_runs_rasa_sdks_command_line() -> None:
    assert "--actions" in python("-m", "action_server", "--help")
