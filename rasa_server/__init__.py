"""How this project starts Rasa.

`python -m rasa_server run ...` is `rasa run ...` with measured patches to Rasa 3.6
applied first (`patches/`, chosen with `RASA_PATCHES`), and with its secrets read from
the environment rather than the command line, where any user of the machine could read
them (`ps`).
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from startup.rasa_api import JWT_METHOD

if TYPE_CHECKING:
    from clinic.settings import ClinicSettings
    from startup.settings import Settings

# How the project's tools start Rasa: this interpreter, this package.
COMMAND = (sys.executable, "-m", "rasa_server")

# endpoints.yml's tracker store class for each CONVERSATION_STORE.
TRACKER_STORES = {
    "redis": "rasa_server.stores.tracker_store.AppendingRedisTrackerStore",
    "sql": "rasa_server.stores.sql_tracker_store.RetainingSQLTrackerStore",
}

REQUEST_MAX_BYTES = 64 * 1024
"""Larger request bodies get 413 before Rasa reads them (Sanic's REQUEST_MAX_SIZE, set in
the Rasa server only: the action server receives whole conversations)."""


def rasa_server_environment(settings: Settings, clinic: ClinicSettings) -> dict[str, str]:
    """What the Rasa server reads besides its command line.

    endpoints.yml's ${...} (the action server's address and token, the model server's
    address and how often to ask it for a new model), the HTTP API's JWT
    secret, Rasa's own SANIC_WORKERS (Rasa allows more than one worker only with a shared
    lock store, here Redis), where conversations are kept and for how long (the clinic's
    retention).
    """
    return {
        "ACTION_SERVER_URL": settings.action_server_url,
        "ACTION_SERVER_TOKEN": settings.action_token,
        "RASA_JWT_SECRET": settings.jwt_secret,
        "WIDGET_SESSION_KEY": settings.session_key,
        "ALLOWED_ORIGINS": " ".join(settings.allowed_origins),
        "REDIS_HOST": settings.redis_host,
        "REDIS_PORT": str(settings.redis_port),
        "REDIS_PASSWORD": settings.redis_password,
        "CONVERSATION_RETENTION_S": str(clinic.retention_days * 24 * 3600),
        "TRACKER_STORE_TYPE": TRACKER_STORES[settings.conversation_store],
        "CONVERSATION_DATABASE_URL": settings.conversation_database_url,
        "SANIC_WORKERS": str(settings.rasa_workers),
        "MODEL_SERVER_URL": settings.model_server_url,
        "MODEL_PULL_INTERVAL_S": str(settings.model_pull_interval_s),
    }


def secret_arguments(argv: list[str], env: Mapping[str, str]) -> list[str]:
    """`argv` with the HTTP API's JWT settings added from `env` for `rasa run`."""
    secret = env.get("RASA_JWT_SECRET", "")
    if len(argv) < 2 or argv[1] != "run" or not secret or "--jwt-secret" in argv:
        return argv
    # One argument each, so a secret that starts with "-" is not read as an option.
    return [*argv, f"--jwt-secret={secret}", f"--jwt-method={JWT_METHOD}"]


def redis_command(port: int, data_dir: Path | None = None) -> list[str]:
    """The assistant's own Redis on loopback (as the Procfile starts it).

    With `data_dir`, every write is appended to a log there (fsync each second), so
    conversations survive a restart of Redis or of the machine; without, memory only
    (tests and benchmarks).
    """
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    if data_dir is None:
        return command
    return [*command, "--dir", str(data_dir), "--appendonly", "yes", "--appendfsync", "everysec"]
