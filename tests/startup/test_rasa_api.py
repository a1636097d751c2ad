"""The tokens every caller of Rasa's HTTP API signs."""

from __future__ import annotations

import jwt

from startup.rasa_api import api_headers, conversation_token, staff_token


def test_staff_and_conversation_tokens_carry_rasas_roles() -> None:
    secret = "s" * 32
    staff = jwt.decode(staff_token(secret), secret, algorithms=["HS256"])
    assert staff["user"] == {"username": "staff", "role": "admin"}
    one = jwt.decode(conversation_token(secret, "abc"), secret, algorithms=["HS256"])
    assert one["user"] == {"username": "abc", "role": "user"}
    assert one["exp"] < staff["exp"]


def test_api_headers_carry_a_staff_bearer_token() -> None:
    secret = "s" * 32
    scheme, token = api_headers(secret)["Authorization"].split(" ")
    assert scheme == "Bearer"
    assert jwt.decode(token, secret, algorithms=["HS256"])["user"]["role"] == "admin"
