"""Library deprecation warnings are kept out of the servers' output; ours are not."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings

from startup.quiet import quiet_library_warnings


def warned(module: str) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.resetwarnings()
        warnings.simplefilter("default")
        quiet_library_warnings()
        warnings.warn_explicit("old name", DeprecationWarning, "x.py", 1, module=module)
    return [str(warning.message) for warning in caught]


def test_a_library_deprecation_is_ignored_even_after_sanic_turns_them_on() -> None:
    assert warned("pyparsing.core") == []
    assert warned("sanic_cors.extension") == []


def test_our_own_deprecations_still_show() -> None:
    assert warned("clinic.booking.preferences") == ["old name"]
    assert warned("actions") == ["old name"]


def test_the_action_server_starts_without_library_warnings() -> None:
    # Importing rasa_sdk alone prints a dozen (sanic_cors, pyparsing, click via typer).
    env = {**os.environ, "PYTHONWARNINGS": "default"}
    result = subprocess.run(
        [sys.executable, "-m", "action_server", "--help"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    assert "Warning" not in result.stderr, result.stderr
    assert "usage" in result.stdout
