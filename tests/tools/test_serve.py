import re
import shlex
import subprocess

import jwt
import pytest
from rasa.__main__ import create_argument_parser

from clinic.settings import PROJECT_ROOT
from rasa_server import redis_command
from startup.settings import load_settings
from tools import serve


def test_every_process_gets_the_same_tokens_and_addresses() -> None:
    settings = load_settings({"RASA_PORT": "6005", "SCHEDULING_PORT": "6006"})
    env = serve.process_environment(settings)
    assert env["RASA_JWT_SECRET"] == settings.jwt_secret
    assert env["ACTION_SERVER_TOKEN"] == settings.action_token
    assert env["SCHEDULING_API_TOKEN"] == settings.scheduling.api_token
    assert env["RASA_PORT"] == "6005" and env["SCHEDULING_PORT"] == "6006"
    assert env["ACTION_SERVER_URL"] == settings.action_server_url


def test_the_banner_says_where_to_talk_to_the_assistant() -> None:
    settings = load_settings({})
    text = serve.banner(settings)
    assert "http://127.0.0.1:5005/webhooks/rest/webhook" in text
    assert "socket.io" in text and "Authorization: Bearer" in text
    assert settings.jwt_secret not in text
    [token] = re.findall(r"Staff token:\s+(\S+)", text)
    payload = jwt.decode(token, settings.jwt_secret, algorithms=["HS256"])
    assert payload["user"]["role"] == "admin"
    assert "generated for this run" in text


def test_a_bad_setting_stops_start_up_with_a_clear_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CLINIC_ENV", "production")
    monkeypatch.delenv("RASA_JWT_SECRET", raising=False)
    assert serve.main([]) == 2
    assert "Cannot start: RASA_JWT_SECRET must be set" in capsys.readouterr().err


def test_every_variable_the_procfile_and_endpoints_use_is_set() -> None:
    env = serve.process_environment(load_settings({"RASA_WORKERS": "3"}))
    endpoints = (PROJECT_ROOT / "endpoints.yml").read_text(encoding="utf-8")
    procfile = (PROJECT_ROOT / "Procfile").read_text(encoding="utf-8")
    used = set(re.findall(r"\$\{(\w+)\}", endpoints)) | set(re.findall(r"\$(\w+)", procfile))
    used.discard("RASA_CREDENTIALS")  # written by main() once the credentials file exists
    assert used and not used - set(env)
    assert env["SANIC_WORKERS"] == "3"
    assert env["REDIS_PORT"] == "6390"


def procfile_command(process: str) -> str:
    """The command the Procfile gives `process` (exactly one line names it)."""
    procfile = (PROJECT_ROOT / "Procfile").read_text(encoding="utf-8").splitlines()
    [line] = [line for line in procfile if line.startswith(f"{process}:")]
    return line.removeprefix(f"{process}:").strip()


def test_the_procfile_starts_redis_as_the_other_launchers_do() -> None:
    line = procfile_command("redis").replace("$REDIS_PORT", "6390")
    command = shlex.split(line.replace("$REDIS_DATA_DIR", str(serve.REDIS_DATA_DIR)))
    assert command == redis_command(6390, data_dir=serve.REDIS_DATA_DIR)


def test_the_procfile_passes_rasa_no_secret_and_only_the_allowed_origins() -> None:
    settings = load_settings({"ALLOWED_ORIGINS": "https://a.example,https://b.example"})
    env = serve.process_environment(settings)
    env["RASA_CREDENTIALS"] = "credentials.yml"
    # The supervisor runs each line with the shell: let the shell expand it, print the arguments.
    arguments = procfile_command("rasa").split(" ", 3)[3]
    printed = subprocess.run(
        ["sh", "-c", f"printf '%s\\0' {arguments}"], env=env, capture_output=True, check=True
    ).stdout.decode()
    command_line = printed.split("\0")[:-1]
    parsed = create_argument_parser().parse_args(command_line)
    assert parsed.cors == ["https://a.example", "https://b.example"]
    assert parsed.port == int(env["RASA_PORT"])
    assert parsed.auth_token is None and parsed.jwt_secret is None
    assert not any(secret in " ".join(command_line) for secret in (settings.jwt_secret,))


def test_without_a_trained_model_make_run_stops_with_a_clear_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path
) -> None:
    monkeypatch.setenv("RASA_MODEL_DIR", str(tmp_path))
    monkeypatch.setenv("LIVE_MODEL_DIR", str(tmp_path / "live"))
    assert serve.main([]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Cannot start: No trained model in") and "Traceback" not in err


def test_the_model_server_starts_before_rasa_which_pulls_the_model_from_it() -> None:
    names = [line.split(":")[0] for line in (PROJECT_ROOT / "Procfile").read_text().splitlines()]
    assert names.index("models") < names.index("rasa")
    assert procfile_command("models") == "python -m model_server"
    assert "models" in serve.READY_WHEN
    env = serve.process_environment(load_settings({"MODEL_SERVER_PORT": "6057"}))
    assert env["MODEL_SERVER_URL"] == "http://127.0.0.1:6057/model"
    assert env["MODEL_PULL_INTERVAL_S"] == "5"
