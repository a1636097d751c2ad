"""The staff page's settings: the token is required in production, long enough, or generated."""

from __future__ import annotations

import pytest

from staff_app.__main__ import main
from staff_app.config import RETRAIN_COMMAND, StaffConfigError, parse_config, staff_token


def test_the_token_comes_from_staff_token() -> None:
    assert staff_token({"STAFF_TOKEN": " a-long-enough-token-123 "}) == (
        "a-long-enough-token-123",
        False,
    )


def test_a_short_token_is_refused() -> None:
    with pytest.raises(StaffConfigError, match="too short"):
        staff_token({"STAFF_TOKEN": "secret"})


def test_without_a_token_one_is_generated_locally_and_production_refuses() -> None:
    first, generated = staff_token({})
    assert generated and len(first) >= 32 and first != staff_token({})[0]
    with pytest.raises(StaffConfigError, match="in production"):
        staff_token({"CLINIC_ENV": "production"})


def test_the_retrain_command_is_make_retrain_unless_configured() -> None:
    assert parse_config([], {}).retrain_command == RETRAIN_COMMAND
    configured = parse_config(["--retrain-command", "python 'my script.py' --fast"], {})
    assert configured.retrain_command == ("python", "my script.py", "--fast")
    from_env = parse_config([], {"STAFF_RETRAIN_COMMAND": "echo hi"})
    assert from_env.retrain_command == ("echo", "hi")
    with pytest.raises(StaffConfigError, match="empty"):
        parse_config(["--retrain-command", " "], {})


def test_the_commands_are_the_make_targets_on_the_pages_folders(tmp_path) -> None:
    config = parse_config(["--faqs", str(tmp_path / "f"), "--data", str(tmp_path / "d")], {})
    assert config.faq_import(tmp_path / "x.csv")[1:4] == [
        "-m",
        "tools.faq_import",
        str(tmp_path / "x.csv"),
    ]
    assert ["--faqs", str(tmp_path / "f"), "--data", str(tmp_path / "d")] == config.faq_import(
        tmp_path / "x.csv"
    )[4:8]
    assert config.inbox("new-faq", "k", "m")[1:3] == ["-m", "tools.inbox"]
    assert config.inbox("new-faq", "k", "m")[-3:] == ["new-faq", "k", "m"]


def test_the_page_does_not_start_with_unusable_settings(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("STAFF_TOKEN", raising=False)
    monkeypatch.setenv("CLINIC_ENV", "production")
    assert main([]) == 2
    assert capsys.readouterr().err == (
        "error: set STAFF_TOKEN: in production the staff page needs its own token\n"
    )
