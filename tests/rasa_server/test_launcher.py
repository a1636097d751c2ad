"""What `python -m rasa_server` adds to Rasa's command line, and the tokens it signs."""

from __future__ import annotations

import jwt
from rasa.__main__ import create_argument_parser

from rasa_server import conversation_token, secret_arguments, staff_token


def test_the_jwt_secret_comes_from_the_environment_even_when_it_starts_with_a_dash() -> None:
    argv = ["rasa", "run", "--enable-api", "--port", "5005"]
    added = secret_arguments(argv, {"RASA_JWT_SECRET": "-dash-secret"})
    parsed = create_argument_parser().parse_args(added[1:])
    assert (parsed.jwt_secret, parsed.jwt_method) == ("-dash-secret", "HS256")


def test_nothing_is_added_to_other_commands_or_without_a_secret() -> None:
    assert secret_arguments(["rasa", "shell"], {"RASA_JWT_SECRET": "s"}) == ["rasa", "shell"]
    assert secret_arguments(["rasa", "run"], {}) == ["rasa", "run"]


def test_staff_and_conversation_tokens_carry_rasas_roles() -> None:
    secret = "s" * 32
    staff = jwt.decode(staff_token(secret), secret, algorithms=["HS256"])
    assert staff["user"] == {"username": "staff", "role": "admin"}
    one = jwt.decode(conversation_token(secret, "abc"), secret, algorithms=["HS256"])
    assert one["user"] == {"username": "abc", "role": "user"}
    assert one["exp"] < staff["exp"]
