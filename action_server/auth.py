"""The action server answers only the Rasa server: a token on every call, loopback by default.

Without this, anyone who can reach the port can run any action with a made-up
conversation (book a slot for a stranger). Rasa sends the token as an `Authorization:
Bearer ...` header (endpoints.yml, `action_endpoint.headers`); this rasa-sdk plugin
(its `attach_sanic_app_extensions` hook) refuses every other request with 401, except the
health check, which carries no data.
"""

from __future__ import annotations

import hmac
import logging

import pluggy
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, json

logger = logging.getLogger(__name__)

hookimpl = pluggy.HookimplMarker("rasa_sdk")

OPEN_PATHS = frozenset({"/health"})


def authorised(request: Request, token: str) -> bool:
    """Whether the request carries `token` as a bearer token (compared in constant time)."""
    scheme, _, given = (request.headers.get("Authorization") or "").partition(" ")
    return scheme.lower() == "bearer" and bool(token) and hmac.compare_digest(given, token)


class RequireToken:
    """The plugin: a request middleware on the action server's Sanic app."""

    def __init__(self, token: str) -> None:
        self._token = token

    @hookimpl
    def attach_sanic_app_extensions(self, app: Sanic) -> None:
        """Refuse, before any action runs, every request without the token."""

        async def require_token(request: Request) -> HTTPResponse | None:
            if request.path in OPEN_PATHS or authorised(request, self._token):
                return None
            logger.warning("Refused an unauthenticated call to %s", request.path)
            return json({"error": "unauthorised"}, status=401)

        app.register_middleware(require_token, "request")
