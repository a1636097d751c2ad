import pytest

from clinic.settings import FaqThresholds, SettingsError, load_settings


def test_local_defaults_are_safe() -> None:
    settings = load_settings({})
    assert settings.rasa_host == "127.0.0.1"
    assert settings.action_server_url == "http://127.0.0.1:5055/webhook"
    assert settings.auth_token_generated
    assert len(settings.auth_token) >= 24
    assert settings.auth_token not in repr(settings)


def test_generated_tokens_differ() -> None:
    assert load_settings({}).auth_token != load_settings({}).auth_token


def test_environment_overrides() -> None:
    settings = load_settings(
        {
            "RASA_AUTH_TOKEN": "s3cret-token",
            "RASA_PORT": "6000",
            "ACTION_SERVER_PORT": "6001",
            "FAQ_ANSWER_THRESHOLD": "0.7",
        }
    )
    assert settings.auth_token == "s3cret-token"
    assert not settings.auth_token_generated
    assert settings.rasa_url == "http://127.0.0.1:6000"
    assert settings.action_server_url.endswith(":6001/webhook")
    assert settings.faq.answer == 0.7


def test_production_requires_a_token() -> None:
    with pytest.raises(SettingsError, match="RASA_AUTH_TOKEN must be set"):
        load_settings({"CLINIC_ENV": "production"})


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"RASA_PORT": "abc"}, "RASA_PORT must be a whole number"),
        ({"FAQ_MARGIN": "lots"}, "FAQ_MARGIN must be a number"),
        ({"FAQ_FALLBACK_THRESHOLD": "0.9"}, "fallback <= answer"),
        ({"FAQ_MARGIN": "2"}, "margin must be between 0 and 1"),
    ],
)
def test_bad_values_are_explained(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings(env)


def test_thresholds_defaults_are_consistent() -> None:
    thresholds = FaqThresholds()
    assert thresholds.fallback <= thresholds.answer
