from pathlib import Path

import pytest

from scheduling_service.settings import (
    PROJECT_ROOT,
    SchedulingServiceSettings,
    SettingsError,
    load_settings,
)


def test_defaults_are_local() -> None:
    settings = load_settings({})
    assert settings.url == "http://127.0.0.1:5056"
    assert settings.api_token_generated
    assert len(settings.api_token) >= 24
    assert settings.api_token not in repr(settings)
    assert settings.database_url == f"sqlite:///{PROJECT_ROOT / '.local' / 'scheduling.db'}"
    assert settings.schedule_file == PROJECT_ROOT / "clinic_config" / "schedule.yml"
    assert settings.schedule_file.exists()
    assert settings.retention_days == 30


def test_generated_tokens_differ() -> None:
    assert load_settings({}).api_token != load_settings({}).api_token


def test_overrides() -> None:
    settings = load_settings(
        {
            "SCHEDULING_HOST": "10.0.0.5",
            "SCHEDULING_PORT": "7000",
            "SCHEDULING_API_TOKEN": "booking-token",
            "SCHEDULING_DATABASE_URL": "postgresql://clinic:pw@db/clinic",
            "SCHEDULING_SCHEDULE_FILE": "/etc/clinic/schedule.yml",
            "RETENTION_DAYS": "90",
        }
    )
    assert settings == SchedulingServiceSettings(
        host="10.0.0.5",
        port=7000,
        api_token="booking-token",
        api_token_generated=False,
        database_url="postgresql://clinic:pw@db/clinic",
        schedule_file=Path("/etc/clinic/schedule.yml"),
        retention_days=90,
    )
    assert "pw" not in repr(settings)
    assert "booking-token" not in repr(settings)


def test_production_requires_the_token() -> None:
    with pytest.raises(SettingsError, match="SCHEDULING_API_TOKEN must be set"):
        load_settings({"CLINIC_ENV": "production"})
    assert load_settings({"CLINIC_ENV": "production", "SCHEDULING_API_TOKEN": "t"}).api_token == "t"


def test_the_assistants_secrets_are_not_needed() -> None:
    """The service starts in production with its own token alone: no RASA_JWT_SECRET."""
    settings = load_settings({"CLINIC_ENV": "production", "SCHEDULING_API_TOKEN": "t"})
    assert not settings.api_token_generated


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SCHEDULING_PORT": "http"}, "SCHEDULING_PORT must be a whole number"),
        ({"RETENTION_DAYS": "0"}, "RETENTION_DAYS must be at least 1"),
        ({"RETENTION_DAYS": "a month"}, "RETENTION_DAYS must be a whole number"),
    ],
)
def test_bad_values_are_explained(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings(env)


def test_the_service_imports_nothing_of_the_assistant() -> None:
    """The stand-in for the clinic's scheduling system reads its own settings only.

    (startup.quiet, the warning filter every server process installs, is not a setting.)
    """
    import ast

    for path in (PROJECT_ROOT / "scheduling_service").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.module.split(".")[0] != "clinic", (path.name, node.module)
                assert node.module != "startup.settings", path.name
