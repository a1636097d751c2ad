"""Tokens for the Rasa server's HTTP API, for every process that calls it.

The Rasa server checks them with the JWT secret it is started with
(`rasa_server.secret_arguments`); the action server (booking news), the staff tools and
the tests make them here, without loading anything of the server's.
"""

from __future__ import annotations

import time

import jwt

JWT_METHOD = "HS256"
STAFF = "staff"


def staff_token(secret: str, *, hours: float = 12.0) -> str:
    """A token for Rasa's HTTP API with the staff (admin) role, valid for `hours`."""
    return _token(secret, STAFF, "admin", hours)


def conversation_token(secret: str, conversation_id: str, *, minutes: float = 5.0) -> str:
    """A short token for Rasa's HTTP API that reaches this one conversation only.

    Rasa lets the role `user` use the conversation routes whose id is its username.
    """
    return _token(secret, conversation_id, "user", minutes / 60)


def _token(secret: str, username: str, role: str, hours: float) -> str:
    payload = {
        "user": {"username": username, "role": role},
        "exp": int(time.time() + hours * 3600),
    }
    return jwt.encode(payload, secret, algorithm=JWT_METHOD)


def api_headers(secret: str) -> dict[str, str]:
    """Headers that authenticate one call to Rasa's HTTP API as staff."""
    return {"Authorization": f"Bearer {staff_token(secret, hours=1)}"}
