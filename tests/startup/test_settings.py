import pytest

from clinic.settings import SettingsError as ClinicSettingsError
from startup.settings import SettingsError, load_settings


def test_local_defaults_are_safe() -> None:
    settings = load_settings({})
    assert settings.rasa_host == "127.0.0.1"
    assert settings.action_server_url == "http://127.0.0.1:5055/webhook"
    assert settings.jwt_secret_generated
    assert len(settings.jwt_secret) >= 24
    assert settings.jwt_secret not in repr(settings)


def test_generated_tokens_differ() -> None:
    assert load_settings({}).jwt_secret != load_settings({}).jwt_secret


def test_environment_overrides() -> None:
    settings = load_settings(
        {
            "RASA_JWT_SECRET": "s3cret-token",
            "RASA_PORT": "6000",
            "ACTION_SERVER_PORT": "6001",
        }
    )
    assert settings.jwt_secret == "s3cret-token"
    assert not settings.jwt_secret_generated
    assert settings.rasa_url == "http://127.0.0.1:6000"
    assert settings.action_server_url.endswith(":6001/webhook")


def test_production_requires_a_token() -> None:
    with pytest.raises(SettingsError, match="RASA_JWT_SECRET must be set"):
        load_settings({"CLINIC_ENV": "production"})


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"RASA_PORT": "abc"}, "RASA_PORT must be a whole number"),
        ({"RASA_WORKERS": "0"}, "RASA_WORKERS must be at least 1"),
        ({"RASA_WORKERS": "two"}, "RASA_WORKERS must be a whole number"),
        ({"REDIS_PORT": "x"}, "REDIS_PORT must be a whole number"),
    ],
)
def test_bad_values_are_explained(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings(env)


def test_outbox_and_scheduling_defaults() -> None:
    settings = load_settings({})
    assert settings.outbox_database_url.startswith("sqlite:///")
    assert settings.outbox_database_url.endswith("/.local/outbox.db")
    assert settings.scheduling_timeout_s == 5
    assert settings.scheduling_retries == 3
    assert settings.outbox_retry_interval_s == 10


def test_outbox_and_scheduling_overrides() -> None:
    settings = load_settings(
        {
            "OUTBOX_DATABASE_URL": "postgresql://clinic:pw@db/outbox",
            "SCHEDULING_TIMEOUT_S": "2.5",
            "SCHEDULING_RETRIES": "0",
            "OUTBOX_RETRY_INTERVAL_S": "30",
        }
    )
    assert settings.outbox_database_url == "postgresql://clinic:pw@db/outbox"
    assert "pw@db" not in repr(settings)
    assert settings.scheduling_timeout_s == 2.5
    assert settings.scheduling_retries == 0
    assert settings.outbox_retry_interval_s == 30


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SCHEDULING_TIMEOUT_S": "0"}, "SCHEDULING_TIMEOUT_S must be greater than 0"),
        ({"SCHEDULING_TIMEOUT_S": "soon"}, "SCHEDULING_TIMEOUT_S must be a number"),
        ({"SCHEDULING_RETRIES": "-1"}, "SCHEDULING_RETRIES must be 0 or more"),
        ({"SCHEDULING_RETRIES": "2.5"}, "SCHEDULING_RETRIES must be a whole number"),
        ({"OUTBOX_RETRY_INTERVAL_S": "-5"}, "OUTBOX_RETRY_INTERVAL_S must be greater than 0"),
    ],
)
def test_bad_scheduling_values_are_explained(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings(env)


def test_scheduling_defaults_are_local() -> None:
    scheduling = load_settings({}).scheduling
    assert scheduling.host == "127.0.0.1"
    assert scheduling.port == 5056
    assert scheduling.url == "http://127.0.0.1:5056"
    assert scheduling.api_token_generated
    assert len(scheduling.api_token) >= 24
    assert scheduling.api_token not in repr(scheduling)


def test_scheduling_token_is_not_the_rasa_token() -> None:
    settings = load_settings({})
    assert settings.scheduling.api_token != settings.jwt_secret


def test_scheduling_overrides() -> None:
    scheduling = load_settings(
        {
            "SCHEDULING_HOST": "10.0.0.5",
            "SCHEDULING_PORT": "7000",
            "SCHEDULING_API_TOKEN": "booking-token",
        }
    ).scheduling
    assert scheduling.url == "http://10.0.0.5:7000"
    assert scheduling.api_token == "booking-token"
    assert not scheduling.api_token_generated
    assert "booking-token" not in repr(scheduling)


def test_production_requires_every_secret_to_be_set() -> None:
    given = {"CLINIC_ENV": "production"}
    for name in (
        "RASA_JWT_SECRET",
        "SCHEDULING_API_TOKEN",
        "ACTION_SERVER_TOKEN",
        "WIDGET_SESSION_KEY",
    ):
        with pytest.raises(SettingsError, match=f"{name} must be set"):
            load_settings(given)
        given[name] = f"{name.lower()}-value"
    settings = load_settings(given)
    assert settings.action_token == "action_server_token-value"
    assert settings.session_key == "widget_session_key-value"
    assert "value" not in repr(settings)


def test_allowed_origins_default_to_the_demo_page_and_refuse_a_wildcard() -> None:
    assert load_settings({"DEMO_PORT": "9000"}).allowed_origins == (
        "http://127.0.0.1:9000",
        "http://localhost:9000",
    )
    given = {"ALLOWED_ORIGINS": "https://clinic.example, https://www.clinic.example/"}
    assert load_settings(given).allowed_origins == (
        "https://clinic.example",
        "https://www.clinic.example",
    )
    for bad in ("*", "clinic.example", "https://clinic.example/chat"):
        with pytest.raises(SettingsError, match="ALLOWED_ORIGINS"):
            load_settings({"ALLOWED_ORIGINS": bad})


def test_production_requires_a_scheduling_token() -> None:
    with pytest.raises(SettingsError, match="SCHEDULING_API_TOKEN must be set"):
        load_settings({"CLINIC_ENV": "production", "RASA_JWT_SECRET": "rasa-token"})


def test_bad_scheduling_port_is_explained() -> None:
    with pytest.raises(SettingsError, match="SCHEDULING_PORT must be a whole number"):
        load_settings({"SCHEDULING_PORT": "http"})


def test_workers_and_redis_default_to_two_local_workers() -> None:
    settings = load_settings({})
    assert settings.rasa_workers == 2
    assert (settings.redis_host, settings.redis_port, settings.redis_password) == (
        "127.0.0.1",
        6390,
        "",
    )
    assert settings.channel_state_redis_url == "redis://127.0.0.1:6390/2"


def test_workers_and_redis_overrides_keep_the_password_out_of_repr() -> None:
    settings = load_settings(
        {
            "RASA_WORKERS": "4",
            "REDIS_HOST": "redis.internal",
            "REDIS_PORT": "6380",
            "REDIS_PASSWORD": "s3cr/t@",
        }
    )
    assert settings.rasa_workers == 4
    assert settings.channel_state_redis_url == "redis://:s3cr%2Ft%40@redis.internal:6380/2"
    assert "s3cr" not in repr(settings)


def test_one_error_class_for_both_settings_modules() -> None:
    """Launchers catch one SettingsError for the servers' settings and the clinic's."""
    assert SettingsError is ClinicSettingsError


def test_the_servers_settings_read_no_clinic_rule() -> None:
    """A broken clinic rule is the clinic's settings' error (clinic/settings.py), not this one's."""
    settings = load_settings({"FAQ_MARGIN": "lots", "CLINIC_TIMEZONE": "Mars/Olympus"})
    assert not hasattr(settings, "faq")
    assert not hasattr(settings, "retention_days")
