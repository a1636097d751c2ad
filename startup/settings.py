"""Where the assistant's servers listen, their secrets and their stores, read in one place.

Hosts, ports, workers, Redis, database URLs, auth tokens, allowed origins, messaging-channel
credentials, model folders. The clinic's own rules (FAQ thresholds, referral, booking
notice, retention) are in clinic/settings.py.

Defaults are safe for a laptop: loopback addresses and a generated local auth token.
Nothing secret lives in the repository; production values come from the environment.
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from clinic.settings import (
    PROJECT_ROOT,
    SettingsError,
    positive,
    read_float,
    read_int,
    read_non_negative_int,
    read_positive_int,
)

__all__ = ["ChannelSettings", "SchedulingSettings", "Settings", "SettingsError", "load_settings"]

# A file, not memory: a booking the assistant accepted must survive a restart.
DEFAULT_OUTBOX_DATABASE_URL = f"sqlite:///{PROJECT_ROOT / '.local' / 'outbox.db'}"
DEFAULT_CONVERSATION_DATABASE_URL = f"sqlite:///{PROJECT_ROOT / '.local' / 'conversations.db'}"
CONVERSATION_STORES = ("redis", "sql")


@dataclass(frozen=True)
class SchedulingSettings:
    """Where the assistant finds the clinic's scheduling service and how it signs in.

    The service reads the same SCHEDULING_* variables in its own settings module
    (scheduling_service/settings.py); the launchers pass both one token.
    """

    host: str = "127.0.0.1"
    port: int = 5056
    api_token: str = field(default="", repr=False)
    api_token_generated: bool = False

    @property
    def url(self) -> str:
        """The scheduling service's base URL (FHIR routes hang directly off it)."""
        return f"http://{self.host}:{self.port}"


@dataclass(frozen=True)
class ChannelSettings:
    """Messaging-platform credentials; a platform with none of its variables set stays off.

    The *_api_base fields point the outbound send APIs elsewhere (tests use a local stand-in).
    public_base_url is the address Twilio calls (e.g. https://bot.example.org): Twilio signs
    the public URL, which a proxy in front of Rasa hides from the server.
    """

    telegram_token: str = field(default="", repr=False)
    telegram_bot_name: str = ""
    telegram_webhook_url: str = ""
    telegram_secret_token: str = field(default="", repr=False)
    telegram_api_base: str = "https://api.telegram.org"
    twilio_account_sid: str = ""
    twilio_auth_token: str = field(default="", repr=False)
    twilio_whatsapp_number: str = ""
    twilio_api_base: str = "https://api.twilio.com"
    facebook_verify_token: str = field(default="", repr=False)
    facebook_app_secret: str = field(default="", repr=False)
    facebook_page_access_token: str = field(default="", repr=False)
    facebook_api_base: str = "https://graph.facebook.com"
    slack_bot_token: str = field(default="", repr=False)
    slack_signing_secret: str = field(default="", repr=False)
    slack_api_base: str = "https://slack.com/api/"
    public_base_url: str = ""

    @property
    def telegram_enabled(self) -> bool:
        """Telegram is on when its bot token is set."""
        return bool(self.telegram_token)

    @property
    def twilio_enabled(self) -> bool:
        """WhatsApp through Twilio is on when the Twilio account is set."""
        return bool(self.twilio_account_sid)

    @property
    def facebook_enabled(self) -> bool:
        """Facebook Messenger is on when the page access token is set."""
        return bool(self.facebook_page_access_token)

    @property
    def slack_enabled(self) -> bool:
        """Slack is on when the bot token is set."""
        return bool(self.slack_bot_token)


# Per platform: every variable it needs to run with verified webhooks. Setting some but not
# all of them is a mistake worth stopping start-up for, not a reason to run unverified.
_CHANNEL_VARIABLES = {
    "Telegram": ("TELEGRAM_TOKEN", "TELEGRAM_SECRET_TOKEN"),
    "WhatsApp (Twilio)": ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_WHATSAPP_NUMBER"),
    "Facebook Messenger": (
        "FACEBOOK_PAGE_ACCESS_TOKEN",
        "FACEBOOK_APP_SECRET",
        "FACEBOOK_VERIFY_TOKEN",
    ),
    "Slack": ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET"),
}


def _channel_settings(env: Mapping[str, str]) -> ChannelSettings:
    for platform, names in _CHANNEL_VARIABLES.items():
        missing = [name for name in names if not env.get(name)]
        if missing and len(missing) < len(names):
            raise SettingsError(f"{platform} needs {', '.join(missing)} set as well")
    defaults = ChannelSettings()
    return ChannelSettings(
        telegram_token=env.get("TELEGRAM_TOKEN", ""),
        telegram_bot_name=env.get("TELEGRAM_BOT_NAME", ""),
        telegram_webhook_url=env.get("TELEGRAM_WEBHOOK_URL", ""),
        telegram_secret_token=env.get("TELEGRAM_SECRET_TOKEN", ""),
        telegram_api_base=env.get("TELEGRAM_API_BASE") or defaults.telegram_api_base,
        twilio_account_sid=env.get("TWILIO_ACCOUNT_SID", ""),
        twilio_auth_token=env.get("TWILIO_AUTH_TOKEN", ""),
        twilio_whatsapp_number=env.get("TWILIO_WHATSAPP_NUMBER", ""),
        twilio_api_base=env.get("TWILIO_API_BASE") or defaults.twilio_api_base,
        facebook_verify_token=env.get("FACEBOOK_VERIFY_TOKEN", ""),
        facebook_app_secret=env.get("FACEBOOK_APP_SECRET", ""),
        facebook_page_access_token=env.get("FACEBOOK_PAGE_ACCESS_TOKEN", ""),
        facebook_api_base=env.get("FACEBOOK_API_BASE") or defaults.facebook_api_base,
        slack_bot_token=env.get("SLACK_BOT_TOKEN", ""),
        slack_signing_secret=env.get("SLACK_SIGNING_SECRET", ""),
        slack_api_base=env.get("SLACK_API_BASE") or defaults.slack_api_base,
        public_base_url=env.get("PUBLIC_BASE_URL", "").rstrip("/"),
    )


@dataclass(frozen=True)
class Settings:
    """The assistant's servers' configuration, read once from the environment."""

    environment: str = "local"
    rasa_host: str = "127.0.0.1"
    rasa_port: int = 5005
    action_host: str = "127.0.0.1"
    action_port: int = 5055
    jwt_secret: str = field(default="", repr=False)
    """Signs the tokens for Rasa's HTTP API (staff tools, the outbox worker)."""
    jwt_secret_generated: bool = False
    action_token: str = field(default="", repr=False)
    """What Rasa sends the action server on every call, and the action server requires."""
    session_key: str = field(default="", repr=False)
    """Signs the widget's session ids, so only the browser that got one can resume it."""
    allowed_origins: tuple[str, ...] = ()
    """Web pages allowed to call the assistant from a browser (CORS and socket.io)."""
    rate_limit_per_sender: int = 20
    """Messages a minute one conversation may send on the REST and socket.io channels."""
    rate_limit_per_address: int = 60
    """Messages a minute one client address may send there (a household shares one)."""
    model_dir: Path = PROJECT_ROOT / "models"
    spacy_pipeline_dir: Path = PROJECT_ROOT / "build" / "spacy_pipeline"
    scheduling: SchedulingSettings = field(default_factory=SchedulingSettings)
    # The booking outbox and how hard the assistant tries to reach the scheduling service.
    outbox_database_url: str = field(default=DEFAULT_OUTBOX_DATABASE_URL, repr=False)
    # Where Rasa keeps conversations: "redis", or "sql" at conversation_database_url
    # (SQLite or PostgreSQL; docs/decisions/0010). Locks stay in Redis either way.
    conversation_store: str = "redis"
    conversation_database_url: str = field(default=DEFAULT_CONVERSATION_DATABASE_URL, repr=False)
    scheduling_timeout_s: float = 5.0
    scheduling_retries: int = 3
    outbox_retry_interval_s: float = 10.0
    # The demo clinic page that embeds the chat widget (make run serves it).
    demo_port: int = 8080
    # Rasa server processes (Sanic workers). More than one needs the shared Redis below
    # for conversations and their locks; `make bench` measured 2 as best on 2 cores.
    rasa_workers: int = 2
    redis_host: str = "127.0.0.1"
    redis_port: int = 6390  # make run's own Redis, clear of a system one on 6379
    redis_password: str = field(default="", repr=False)
    # Every Rasa worker pulls the live model from the model server (model_server/), asking
    # this often whether it changed: the longest a worker serves a replaced model.
    model_server_host: str = "127.0.0.1"
    model_server_port: int = 5057
    model_pull_interval_s: int = 5
    live_model_dir: Path = PROJECT_ROOT / "models" / "live"
    # Telegram, WhatsApp (Twilio), Facebook Messenger, Slack: off unless configured.
    channels: ChannelSettings = field(default_factory=ChannelSettings)

    @property
    def action_server_url(self) -> str:
        """Where the Rasa server finds the action server's webhook."""
        return f"http://{self.action_host}:{self.action_port}/webhook"

    @property
    def model_server_url(self) -> str:
        """Where the Rasa workers pull the live model from (endpoints.yml's `models:`)."""
        return f"http://{self.model_server_host}:{self.model_server_port}/model"

    @property
    def rasa_url(self) -> str:
        """The Rasa server's base URL."""
        return f"http://{self.rasa_host}:{self.rasa_port}"

    @property
    def channel_state_redis_url(self) -> str:
        """Where channels keep state all workers share (database 2; Rasa uses 0 and 1)."""
        return self._redis_url(2)

    @property
    def conversation_redis_url(self) -> str:
        """Where Rasa keeps the conversations (database 0, endpoints.yml's tracker store)."""
        return self._redis_url(0)

    def _redis_url(self, database: int) -> str:
        auth = f":{quote(self.redis_password, safe='')}@" if self.redis_password else ""
        return f"redis://{auth}{self.redis_host}:{self.redis_port}/{database}"


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Read the settings from `env` (the process environment by default).

    In production (`CLINIC_ENV=production`) the auth tokens must be set explicitly;
    locally random ones are generated so no HTTP API is ever open without one.
    """
    env = os.environ if env is None else env
    environment = env.get("CLINIC_ENV", "local")
    jwt_secret, generated = _token(env, "RASA_JWT_SECRET", environment)
    scheduling_token, scheduling_generated = _token(env, "SCHEDULING_API_TOKEN", environment)
    action_token, _ = _token(env, "ACTION_SERVER_TOKEN", environment)
    session_key, _ = _token(env, "WIDGET_SESSION_KEY", environment)
    demo_port = read_int(env, "DEMO_PORT", 8080)
    return Settings(
        environment=environment,
        rasa_host=env.get("RASA_HOST", "127.0.0.1"),
        rasa_port=read_int(env, "RASA_PORT", 5005),
        action_host=env.get("ACTION_SERVER_HOST", "127.0.0.1"),
        action_port=read_int(env, "ACTION_SERVER_PORT", 5055),
        jwt_secret=jwt_secret,
        jwt_secret_generated=generated,
        action_token=action_token,
        session_key=session_key,
        allowed_origins=_origins(env.get("ALLOWED_ORIGINS"), demo_port),
        rate_limit_per_sender=read_positive_int(env, "RATE_LIMIT_PER_SENDER", 20),
        rate_limit_per_address=read_positive_int(env, "RATE_LIMIT_PER_ADDRESS", 60),
        model_dir=Path(env.get("RASA_MODEL_DIR", str(PROJECT_ROOT / "models"))),
        spacy_pipeline_dir=Path(
            env.get("SPACY_PIPELINE_DIR", str(PROJECT_ROOT / "build" / "spacy_pipeline"))
        ),
        scheduling=SchedulingSettings(
            host=env.get("SCHEDULING_HOST", "127.0.0.1"),
            port=read_int(env, "SCHEDULING_PORT", 5056),
            api_token=scheduling_token,
            api_token_generated=scheduling_generated,
        ),
        outbox_database_url=env.get("OUTBOX_DATABASE_URL") or DEFAULT_OUTBOX_DATABASE_URL,
        conversation_store=_conversation_store(env),
        conversation_database_url=env.get("CONVERSATION_DATABASE_URL")
        or DEFAULT_CONVERSATION_DATABASE_URL,
        demo_port=demo_port,
        rasa_workers=read_positive_int(env, "RASA_WORKERS", 2),
        redis_host=env.get("REDIS_HOST") or "127.0.0.1",
        redis_port=read_int(env, "REDIS_PORT", 6390),
        redis_password=env.get("REDIS_PASSWORD", ""),
        model_server_host=env.get("MODEL_SERVER_HOST") or "127.0.0.1",
        model_server_port=read_int(env, "MODEL_SERVER_PORT", 5057),
        model_pull_interval_s=read_positive_int(env, "MODEL_PULL_INTERVAL_S", 5),
        live_model_dir=Path(env.get("LIVE_MODEL_DIR") or PROJECT_ROOT / "models" / "live"),
        scheduling_timeout_s=positive(
            "SCHEDULING_TIMEOUT_S", read_float(env, "SCHEDULING_TIMEOUT_S", 5.0)
        ),
        scheduling_retries=read_non_negative_int(env, "SCHEDULING_RETRIES", 3),
        outbox_retry_interval_s=positive(
            "OUTBOX_RETRY_INTERVAL_S", read_float(env, "OUTBOX_RETRY_INTERVAL_S", 10.0)
        ),
        channels=_channel_settings(env),
    )


def _origins(raw: str | None, demo_port: int) -> tuple[str, ...]:
    """The allowed origins: comma- or space-separated, the demo page's by default."""
    if raw is None or not raw.strip():
        return (f"http://127.0.0.1:{demo_port}", f"http://localhost:{demo_port}")
    origins = tuple(part.strip().rstrip("/") for part in re.split(r"[,\s]+", raw) if part.strip())
    for origin in origins:
        if origin == "*" or not re.fullmatch(r"https?://[^/\s]+", origin):
            raise SettingsError(
                f"ALLOWED_ORIGINS: {origin!r} is not an origin like https://www.example-clinic.org"
            )
    return origins


def _conversation_store(env: Mapping[str, str]) -> str:
    store = (env.get("CONVERSATION_STORE") or "redis").strip().lower()
    if store not in CONVERSATION_STORES:
        raise SettingsError(f"CONVERSATION_STORE must be redis or sql, got {store!r}")
    return store


def _token(env: Mapping[str, str], name: str, environment: str) -> tuple[str, bool]:
    """The token in `env[name]`, or a generated one (and True) outside production."""
    token = env.get(name, "")
    if token:
        return token, False
    if environment == "production":
        raise SettingsError(f"{name} must be set when CLINIC_ENV=production")
    return secrets.token_urlsafe(24), True
