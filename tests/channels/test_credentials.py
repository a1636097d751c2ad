from __future__ import annotations

import stat

import pytest
import yaml
from rasa.core.run import create_http_input_channels

from channels.credentials import (
    MESSENGER,
    REST,
    SLACK,
    SOCKET_IO,
    TELEGRAM,
    TWILIO_WHATSAPP,
    build_credentials,
    write_credentials,
)
from channels.messenger import MessengerSignedInput
from channels.slack import SlackSignedInput
from channels.telegram import TelegramSecretInput
from channels.twilio_whatsapp import TwilioWhatsAppInput
from startup.settings import SettingsError, load_settings

ALL_CHANNELS = {
    "TELEGRAM_TOKEN": "123:abc",
    "TELEGRAM_SECRET_TOKEN": "tg-secret",
    "TELEGRAM_BOT_NAME": "clinic_bot",
    "TWILIO_ACCOUNT_SID": "AC123",
    "TWILIO_AUTH_TOKEN": "tw-token",
    "TWILIO_WHATSAPP_NUMBER": "+14155238886",
    "PUBLIC_BASE_URL": "https://bot.example.org/",
    "FACEBOOK_VERIFY_TOKEN": "fb-verify",
    "FACEBOOK_APP_SECRET": "fb-secret",
    "FACEBOOK_PAGE_ACCESS_TOKEN": "fb-page",
    "SLACK_BOT_TOKEN": "xoxb-1",
    "SLACK_SIGNING_SECRET": "sl-secret",
    "SLACK_API_BASE": "http://127.0.0.1:9/api/",
}


def test_without_environment_only_rest_and_socketio_are_on():
    credentials = build_credentials(load_settings({}))
    assert set(credentials) == {REST, SOCKET_IO}
    assert credentials[SOCKET_IO]["session_persistence"] is True


def test_each_platform_is_on_with_its_environment():
    credentials = build_credentials(load_settings(ALL_CHANNELS))
    assert set(credentials) == {REST, SOCKET_IO, TELEGRAM, TWILIO_WHATSAPP, MESSENGER, SLACK}
    assert credentials[TELEGRAM]["secret_token"] == "tg-secret"
    assert credentials[TELEGRAM]["api_base"] == "https://api.telegram.org"
    assert credentials[TWILIO_WHATSAPP]["public_base_url"] == "https://bot.example.org"
    assert credentials[MESSENGER]["secret"] == "fb-secret"
    assert credentials[SLACK]["api_base"] == "http://127.0.0.1:9/api/"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"TELEGRAM_TOKEN": "1:a"}, "TELEGRAM_SECRET_TOKEN"),
        ({"TWILIO_ACCOUNT_SID": "AC1", "TWILIO_AUTH_TOKEN": "t"}, "TWILIO_WHATSAPP_NUMBER"),
        ({"FACEBOOK_PAGE_ACCESS_TOKEN": "p"}, "FACEBOOK_APP_SECRET"),
        ({"SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN"),
    ],
)
def test_a_half_configured_platform_stops_start_up(env, message):
    with pytest.raises(SettingsError, match=message):
        load_settings(env)


def test_secrets_stay_out_of_the_settings_repr():
    text = repr(load_settings(ALL_CHANNELS))
    for secret in ("tg-secret", "tw-token", "fb-secret", "fb-page", "xoxb-1", "sl-secret"):
        assert secret not in text


def test_written_file_is_private_and_loads_in_rasa(tmp_path):
    path = write_credentials(tmp_path / "credentials.yml", load_settings(ALL_CHANNELS))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert set(yaml.safe_load(path.read_text())) >= {REST, SOCKET_IO, TELEGRAM}
    # Rasa's own loader (what `rasa run --credentials` uses) builds every channel.
    channels = create_http_input_channels(None, str(path))
    kinds = {type(channel) for channel in channels}
    assert {
        TelegramSecretInput,
        TwilioWhatsAppInput,
        MessengerSignedInput,
        SlackSignedInput,
    } <= kinds
    assert len(channels) == 6


def test_written_file_without_environment(tmp_path):
    path = write_credentials(tmp_path / "credentials.yml", load_settings({}))
    channels = create_http_input_channels(None, str(path))
    assert sorted(channel.name() for channel in channels) == ["rest", "socketio"]
