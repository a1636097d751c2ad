"""Every setting the assistant reads from the environment, in one place.

Defaults are safe for a laptop: loopback addresses and a generated local auth token.
Nothing secret lives in the repository; production values come from the environment.
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


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError as error:
        raise SettingsError(f"{name} must be a number, got {raw!r}") from error


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from error


@dataclass(frozen=True)
class FaqThresholds:
    """When to answer an FAQ outright, when to ask "Did you mean...?", when to fall back.

    Measured with `make eval`; see the README for how they were chosen.
    """

    answer: float = 0.55
    margin: float = 0.2
    fallback: float = 0.2

    def __post_init__(self) -> None:
        if not 0.0 <= self.fallback <= self.answer <= 1.0:
            raise SettingsError(
                "FAQ thresholds must satisfy 0 <= fallback <= answer <= 1, "
                f"got fallback={self.fallback}, answer={self.answer}"
            )
        if not 0.0 <= self.margin <= 1.0:
            raise SettingsError(f"FAQ margin must be between 0 and 1, got {self.margin}")


@dataclass(frozen=True)
class Settings:
    """The assistant's configuration, read once from the environment."""

    environment: str = "local"
    rasa_host: str = "127.0.0.1"
    rasa_port: int = 5005
    action_host: str = "127.0.0.1"
    action_port: int = 5055
    auth_token: str = field(default="", repr=False)
    auth_token_generated: bool = False
    model_dir: Path = PROJECT_ROOT / "models"
    spacy_pipeline_dir: Path = PROJECT_ROOT / "build" / "spacy_pipeline"
    faq: FaqThresholds = field(default_factory=FaqThresholds)

    @property
    def action_server_url(self) -> str:
        """Where the Rasa server finds the action server's webhook."""
        return f"http://{self.action_host}:{self.action_port}/webhook"

    @property
    def rasa_url(self) -> str:
        """The Rasa server's base URL."""
        return f"http://{self.rasa_host}:{self.rasa_port}"


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read the settings from `env` (the process environment by default).

    In production (`CLINIC_ENV=production`) the auth token must be set explicitly;
    locally a random one is generated so the HTTP API is never open without one.
    """
    env = os.environ if env is None else env
    environment = env.get("CLINIC_ENV", "local")
    token = env.get("RASA_AUTH_TOKEN", "")
    generated = False
    if not token:
        if environment == "production":
            raise SettingsError("RASA_AUTH_TOKEN must be set when CLINIC_ENV=production")
        token = secrets.token_urlsafe(24)
        generated = True
    return Settings(
        environment=environment,
        rasa_host=env.get("RASA_HOST", "127.0.0.1"),
        rasa_port=_int(env, "RASA_PORT", 5005),
        action_host=env.get("ACTION_SERVER_HOST", "127.0.0.1"),
        action_port=_int(env, "ACTION_SERVER_PORT", 5055),
        auth_token=token,
        auth_token_generated=generated,
        model_dir=Path(env.get("RASA_MODEL_DIR", str(PROJECT_ROOT / "models"))),
        spacy_pipeline_dir=Path(
            env.get("SPACY_PIPELINE_DIR", str(PROJECT_ROOT / "build" / "spacy_pipeline"))
        ),
        faq=FaqThresholds(
            answer=_float(env, "FAQ_ANSWER_THRESHOLD", FaqThresholds.answer),
            margin=_float(env, "FAQ_MARGIN", FaqThresholds.margin),
            fallback=_float(env, "FAQ_FALLBACK_THRESHOLD", FaqThresholds.fallback),
        ),
    )
