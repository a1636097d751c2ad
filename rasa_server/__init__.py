"""How this project starts Rasa.

`python -m rasa_server run ...` is `rasa run ...` with measured fixes to Rasa 3.6
applied first (see `fixes.py`).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clinic.settings import Settings

# How the project's tools start Rasa: this interpreter, this package.
COMMAND = (sys.executable, "-m", "rasa_server")


def rasa_server_environment(settings: Settings) -> dict[str, str]:
    """What the Rasa server reads besides its command line.

    endpoints.yml's ${...} (the action server's address and token), and Rasa's own
    SANIC_WORKERS (Rasa allows more than one worker only with a shared lock store, here
    Redis).
    """
    return {
        "ACTION_SERVER_URL": settings.action_server_url,
        "ACTION_SERVER_TOKEN": settings.action_token,
        "REDIS_HOST": settings.redis_host,
        "REDIS_PORT": str(settings.redis_port),
        "REDIS_PASSWORD": settings.redis_password,
        "SANIC_WORKERS": str(settings.rasa_workers),
    }


def redis_command(port: int) -> list[str]:
    """The assistant's own Redis on loopback, memory only (as the Procfile starts it)."""
    return ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
