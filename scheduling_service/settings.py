"""The scheduling service's settings, read from the environment in one place.

The service stands in for the clinic's own scheduling system, so it reads only what it
needs (SCHEDULING_* variables, RETENTION_DAYS, CLINIC_ENV) and nothing of the assistant's.
The assistant reads SCHEDULING_HOST, SCHEDULING_PORT and SCHEDULING_API_TOKEN as a client
(startup/settings.py); the launchers give both the same values.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class SettingsError(ValueError):
    """A setting from the environment is missing or unusable."""


@dataclass(frozen=True)
class SchedulingServiceSettings:
    """Where the service listens, the token callers must send, where it stores, what it keeps."""

    host: str = "127.0.0.1"
    port: int = 5056
    api_token: str = field(default="", repr=False)
    api_token_generated: bool = False
    # repr=False: a PostgreSQL URL can carry a password.
    database_url: str = field(
        default=f"sqlite:///{PROJECT_ROOT / '.local' / 'scheduling.db'}", repr=False
    )
    schedule_file: Path = PROJECT_ROOT / "clinic_config" / "schedule.yml"
    retention_days: int = 30
    """How long an appointment keeps the patient's details after it is over (retention.py)."""

    @property
    def url(self) -> str:
        """The service's base URL (FHIR routes hang directly off it)."""
        return f"http://{self.host}:{self.port}"


def load_settings(env: Mapping[str, str] | None = None) -> SchedulingServiceSettings:
    """Read the service's settings from `env` (the process environment by default).

    In production (`CLINIC_ENV=production`) SCHEDULING_API_TOKEN must be set; locally a
    random one is generated, so the API is never open without one.
    """
    env = os.environ if env is None else env
    defaults = SchedulingServiceSettings()
    token = env.get("SCHEDULING_API_TOKEN", "")
    if not token and env.get("CLINIC_ENV", "local") == "production":
        raise SettingsError("SCHEDULING_API_TOKEN must be set when CLINIC_ENV=production")
    retention_days = _int(env, "RETENTION_DAYS", defaults.retention_days)
    if retention_days < 1:
        raise SettingsError(f"RETENTION_DAYS must be at least 1, got {retention_days}")
    return SchedulingServiceSettings(
        host=env.get("SCHEDULING_HOST", defaults.host),
        port=_int(env, "SCHEDULING_PORT", defaults.port),
        api_token=token or secrets.token_urlsafe(24),
        api_token_generated=not token,
        database_url=env.get("SCHEDULING_DATABASE_URL") or defaults.database_url,
        schedule_file=Path(env.get("SCHEDULING_SCHEDULE_FILE") or defaults.schedule_file),
        retention_days=retention_days,
    )


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from error
