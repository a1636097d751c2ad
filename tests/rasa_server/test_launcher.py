"""What `python -m rasa_server` adds to Rasa's command line."""

from __future__ import annotations

from rasa.__main__ import create_argument_parser

from rasa_server import secret_arguments


def test_the_jwt_secret_comes_from_the_environment_even_when_it_starts_with_a_dash() -> None:
    argv = ["rasa", "run", "--enable-api", "--port", "5005"]
    added = secret_arguments(argv, {"RASA_JWT_SECRET": "-dash-secret"})
    parsed = create_argument_parser().parse_args(added[1:])
    assert (parsed.jwt_secret, parsed.jwt_method) == ("-dash-secret", "HS256")


def test_nothing_is_added_to_other_commands_or_without_a_secret() -> None:
    assert secret_arguments(["rasa", "shell"], {"RASA_JWT_SECRET": "s"}) == ["rasa", "shell"]
    assert secret_arguments(["rasa", "run"], {}) == ["rasa", "run"]
