"""The containers' entry point: the launcher's environment, then the service's command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from clinic.settings import PROJECT_ROOT, SettingsError
from tools.cluster_entrypoint import expand

PRODUCTION = {
    "CLINIC_ENV": "production",
    "RASA_JWT_SECRET": "jwt-test",
    "ACTION_SERVER_TOKEN": "action-test",
    "WIDGET_SESSION_KEY": "session-test",
    "SCHEDULING_API_TOKEN": "scheduling-test",
    "ALLOWED_ORIGINS": "https://www.clinic.example https://clinic.example",
    "ACTION_SERVER_HOST": "nginx",
    "ACTION_SERVER_PORT": "5055",
    "MODEL_SERVER_HOST": "models",
}
SHOW = "import json, os, sys; print(json.dumps({'argv': sys.argv[1:], 'env': dict(os.environ)}))"


def run_entrypoint(
    tmp_path: Path, env: dict[str, str], *command: str
) -> subprocess.CompletedProcess[str]:
    # The credentials file goes to the temporary folder: this test's own.
    base = {key: os.environ[key] for key in ("PATH", "HOME") if key in os.environ}
    base["TMPDIR"] = str(tmp_path)
    return subprocess.run(
        [sys.executable, "-m", "tools.cluster_entrypoint", *command],
        cwd=PROJECT_ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_whole_variable_argument_becomes_its_words() -> None:
    env = {"ALLOWED_ORIGINS": "https://a.example https://b.example", "PORT": "5005"}
    assert expand(["--cors", "$ALLOWED_ORIGINS", "--port", "${PORT}", "x$PORT"], env) == [
        "--cors",
        "https://a.example",
        "https://b.example",
        "--port",
        "5005",
        "x$PORT",
    ]


def test_an_unset_variable_is_an_error_not_an_empty_argument() -> None:
    with pytest.raises(SettingsError, match="RASA_CREDENTIALS"):
        expand(["--credentials", "$RASA_CREDENTIALS"], {})


def test_the_command_gets_the_derived_environment(tmp_path: Path) -> None:
    result = run_entrypoint(tmp_path, PRODUCTION, sys.executable, "-c", SHOW, "$ALLOWED_ORIGINS")
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["argv"] == ["https://www.clinic.example", "https://clinic.example"]
    env = shown["env"]
    assert env["ACTION_SERVER_URL"] == "http://nginx:5055/webhook"
    assert env["MODEL_SERVER_URL"] == "http://models:5057/model"
    assert env["RASA_JWT_SECRET"] == "jwt-test"
    assert Path(env["RASA_CREDENTIALS"]).parent == tmp_path
    assert Path(env["RASA_CREDENTIALS"]).is_file()


def test_a_missing_production_secret_stops_the_container(tmp_path: Path) -> None:
    env = {key: value for key, value in PRODUCTION.items() if key != "RASA_JWT_SECRET"}
    result = run_entrypoint(tmp_path, env, sys.executable, "-c", "print('started')")
    assert result.returncode == 2
    assert "RASA_JWT_SECRET" in result.stderr and "started" not in result.stdout
