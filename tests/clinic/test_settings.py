from pathlib import Path

import pytest
import yaml

from clinic.settings import (
    PROJECT_ROOT,
    ClinicSettings,
    FaqThresholds,
    SettingsError,
    load_clinic_settings,
)


def test_defaults_are_the_clinics_files_and_rules() -> None:
    settings = load_clinic_settings({})
    assert settings == ClinicSettings()
    assert settings.referral_rules_file == PROJECT_ROOT / "clinic_config" / "referral.yml"
    assert settings.referral_rules_file.exists()
    assert settings.contact_file.exists()
    assert settings.languages_file.exists()
    assert settings.retention_days == 30
    assert settings.booking_notice_minutes == 120


def test_environment_overrides() -> None:
    settings = load_clinic_settings(
        {
            "FAQ_ANSWER_THRESHOLD": "0.7",
            "FAQ_MARGIN": "0.05",
            "FAQ_FALLBACK_THRESHOLD": "0.3",
            "FAQ_TOPIC_MARGIN": "0.02",
            "RETENTION_DAYS": "7",
            "REFERRAL_RULES_FILE": "/etc/clinic/referral.yml",
            "CLINIC_CONTACT_FILE": "/etc/clinic/contact.yml",
            "CLINIC_LANGUAGES_FILE": "/etc/clinic/languages.yml",
            "CRISIS_HELPLINE": "Lifeline, 13 11 14",
            "CLINIC_TIMEZONE": "Australia/Sydney",
            "PHONE_REGION": "au",
            "BOOKING_NOTICE_MINUTES": "0",
        }
    )
    assert settings.faq == FaqThresholds(answer=0.7, margin=0.05, fallback=0.3, topic_margin=0.02)
    assert settings.retention_days == 7
    assert settings.referral_rules_file == Path("/etc/clinic/referral.yml")
    assert settings.contact_file == Path("/etc/clinic/contact.yml")
    assert settings.languages_file == Path("/etc/clinic/languages.yml")
    assert settings.crisis_helpline == "Lifeline, 13 11 14"
    assert settings.clinic_timezone == "Australia/Sydney"
    assert settings.phone_region == "AU"
    assert settings.booking_notice_minutes == 0


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"FAQ_MARGIN": "lots"}, "FAQ_MARGIN must be a number"),
        ({"FAQ_FALLBACK_THRESHOLD": "0.9"}, "fallback <= answer"),
        ({"FAQ_MARGIN": "2"}, "margin must be between 0 and 1"),
        ({"FAQ_TOPIC_MARGIN": "-0.1"}, "topic margin must be between 0 and 1"),
        ({"RETENTION_DAYS": "0"}, "RETENTION_DAYS must be at least 1"),
        ({"BOOKING_NOTICE_MINUTES": "-1"}, "BOOKING_NOTICE_MINUTES must be 0 or more"),
        ({"BOOKING_NOTICE_MINUTES": "soon"}, "BOOKING_NOTICE_MINUTES must be a whole number"),
    ],
)
def test_bad_values_are_explained(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        load_clinic_settings(env)


def test_thresholds_defaults_are_consistent() -> None:
    thresholds = FaqThresholds()
    assert thresholds.fallback <= thresholds.answer


def test_clinic_locale_defaults_match_the_schedule() -> None:
    settings = load_clinic_settings({})
    schedule_file = PROJECT_ROOT / "clinic_config" / "schedule.yml"
    schedule = yaml.safe_load(schedule_file.read_text(encoding="utf-8"))
    assert settings.clinic_timezone == schedule["timezone"]
    assert settings.phone_region == "GB"


def test_an_unknown_timezone_is_explained() -> None:
    with pytest.raises(SettingsError, match="CLINIC_TIMEZONE is not a known timezone"):
        load_clinic_settings({"CLINIC_TIMEZONE": "Mars/Olympus"})


def test_the_clinics_settings_read_no_server_variable() -> None:
    """Ports, tokens and stores are the servers' settings (startup/settings.py), not these."""
    server_only = {
        "RASA_PORT": "x",
        "SCHEDULING_PORT": "x",
        "REDIS_PORT": "x",
        "CLINIC_ENV": "production",
    }
    assert load_clinic_settings(server_only) == ClinicSettings()
