"""The clinic's own settings, read from the environment in one place.

These are the clinic's decisions, not the servers': when to answer an FAQ, the referral
rules, the contact and language files, the crisis helpline, the clinic's timezone and phone
region, the notice a booking needs and how long personal data is kept. Where the servers
listen, their secrets and their stores are in startup/settings.py.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CLINIC_CONFIG = PROJECT_ROOT / "clinic_config"


class SettingsError(ValueError):
    """A setting from the environment is missing or unusable."""


def read_float(env: Mapping[str, str], name: str, default: float) -> float:
    """`env[name]` as a number, `default` when unset or empty."""
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return float(raw)
    except ValueError as error:
        raise SettingsError(f"{name} must be a number, got {raw!r}") from error


def positive(name: str, value: float) -> float:
    """`value`, refused when it is 0 or less."""
    if value <= 0:
        raise SettingsError(f"{name} must be greater than 0, got {value}")
    return value


def read_int(env: Mapping[str, str], name: str, default: int) -> int:
    """`env[name]` as a whole number, `default` when unset or empty."""
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from error


def read_non_negative_int(env: Mapping[str, str], name: str, default: int) -> int:
    """`env[name]` as a whole number of 0 or more."""
    value = read_int(env, name, default)
    if value < 0:
        raise SettingsError(f"{name} must be 0 or more, got {value}")
    return value


def read_positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    """`env[name]` as a whole number of 1 or more."""
    value = read_int(env, name, default)
    if value < 1:
        raise SettingsError(f"{name} must be at least 1, got {value}")
    return value


@dataclass(frozen=True)
class FaqThresholds:
    """When to answer an FAQ outright, when to ask "Did you mean...?", when to fall back.

    Chosen by `make cross-validate` on held-out paraphrase groups of the training data,
    where a wrong answer outright costs twice a "Did you mean...?"
    (docs/decisions/0027-spelling-and-faq-thresholds.md).
    """

    answer: float = 0.35
    margin: float = 0.15
    fallback: float = 0.2
    # The lead needed when the two best answers are on the same topic (two answers about
    # exercise, say), where each offers the other as a follow-up: a near miss is one click
    # from the other. `margin` when larger; conditions' answers always need `margin`.
    topic_margin: float = 0.15

    def __post_init__(self) -> None:
        if not 0.0 <= self.fallback <= self.answer <= 1.0:
            raise SettingsError(
                "FAQ thresholds must satisfy 0 <= fallback <= answer <= 1, "
                f"got fallback={self.fallback}, answer={self.answer}"
            )
        if not 0.0 <= self.margin <= 1.0:
            raise SettingsError(f"FAQ margin must be between 0 and 1, got {self.margin}")
        if not 0.0 <= self.topic_margin <= 1.0:
            raise SettingsError(
                f"FAQ topic margin must be between 0 and 1, got {self.topic_margin}"
            )


@dataclass(frozen=True)
class ClinicSettings:
    """The clinic's rules and locale, read once from the environment."""

    faq: FaqThresholds = field(default_factory=FaqThresholds)
    retention_days: int = 30
    """How long personal data is kept: a conversation after its last message (Redis expires
    it), a settled booking in the outbox after it was made (the outbox worker deletes it)."""
    referral_rules_file: Path = CLINIC_CONFIG / "referral.yml"
    contact_file: Path = CLINIC_CONFIG / "contact.yml"
    # The fixed reply, per language, to a message not in English.
    languages_file: Path = CLINIC_CONFIG / "languages.yml"
    # Said to a patient who mentions thoughts of self-harm; set it for the clinic's country.
    crisis_helpline: str = "Samaritans, free on 116 123, day or night (or text SHOUT to 85258)"
    # The timezone patients mean by "Tuesday morning" (keep it equal to
    # clinic_config/schedule.yml's) and the region their phone numbers are read in.
    clinic_timezone: str = "Europe/London"
    phone_region: str = "GB"
    # The least notice for a new booking: times sooner than this are not offered.
    booking_notice_minutes: int = 120


def _timezone(name: str) -> str:
    """Check the timezone name now, so a typo fails at start-up and not mid-booking."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise SettingsError(f"CLINIC_TIMEZONE is not a known timezone: {name!r}") from error
    return name


def load_clinic_settings(env: Mapping[str, str] | None = None) -> ClinicSettings:
    """Read the clinic's settings from `env` (the process environment by default)."""
    env = os.environ if env is None else env
    defaults = ClinicSettings()
    return ClinicSettings(
        faq=FaqThresholds(
            answer=read_float(env, "FAQ_ANSWER_THRESHOLD", FaqThresholds.answer),
            margin=read_float(env, "FAQ_MARGIN", FaqThresholds.margin),
            fallback=read_float(env, "FAQ_FALLBACK_THRESHOLD", FaqThresholds.fallback),
            topic_margin=read_float(env, "FAQ_TOPIC_MARGIN", FaqThresholds.topic_margin),
        ),
        retention_days=read_positive_int(env, "RETENTION_DAYS", defaults.retention_days),
        referral_rules_file=Path(env.get("REFERRAL_RULES_FILE") or defaults.referral_rules_file),
        contact_file=Path(env.get("CLINIC_CONTACT_FILE") or defaults.contact_file),
        languages_file=Path(env.get("CLINIC_LANGUAGES_FILE") or defaults.languages_file),
        crisis_helpline=env.get("CRISIS_HELPLINE") or defaults.crisis_helpline,
        clinic_timezone=_timezone(env.get("CLINIC_TIMEZONE") or defaults.clinic_timezone),
        phone_region=(env.get("PHONE_REGION") or defaults.phone_region).upper(),
        booking_notice_minutes=read_non_negative_int(
            env, "BOOKING_NOTICE_MINUTES", defaults.booking_notice_minutes
        ),
    )
