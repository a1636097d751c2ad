"""The staff page's settings: where the FAQs and reports are, the commands, the token."""

from __future__ import annotations

import argparse
import secrets
import shlex
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from clinic.settings import PROJECT_ROOT
from tools.faq_files import FAQ_CONFIG, FAQ_DATA_DIR, FAQ_SOURCE_DIR

DEFAULT_PORT = 8090
MIN_TOKEN_LENGTH = 16
RETRAIN_COMMAND = ("make", "--no-print-directory", "retrain")


class StaffConfigError(ValueError):
    """The page cannot start with these settings; the message says what to change."""


@dataclass(frozen=True)
class StaffConfig:
    """Everything the page needs; the defaults are the project's own folders and commands."""

    token: str = field(repr=False)
    token_generated: bool = False
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    faqs: Path = FAQ_SOURCE_DIR
    data: Path = FAQ_DATA_DIR
    faq_config: Path = FAQ_CONFIG
    reports: Path = PROJECT_ROOT / "reports"
    redis_url: str | None = None
    """The conversation store; None means the assistant's own (startup/settings.py)."""
    retrain_command: tuple[str, ...] = RETRAIN_COMMAND
    """What "Retrain" runs; tests give a quick stand-in, as the real one takes minutes."""
    python: str = sys.executable
    session_hours: float = 12.0
    """How long a log-in lasts: long enough for a working day, not for a lost laptop."""

    def faq_import(self, csv_file: Path) -> list[str]:
        """`make faq-import FILE=...` for this page's folders."""
        return [
            self.python,
            "-m",
            "tools.faq_import",
            str(csv_file),
            *("--faqs", str(self.faqs), "--data", str(self.data), "--config", str(self.faq_config)),
        ]

    def inbox(self, *arguments: str) -> list[str]:
        """`make inbox-add` / `make inbox-new` for this page's folders."""
        return [
            self.python,
            "-m",
            "tools.inbox",
            *("--faqs", str(self.faqs), "--config", str(self.faq_config)),
            *arguments,
        ]


def staff_token(env: Mapping[str, str]) -> tuple[str, bool]:
    """STAFF_TOKEN, or (outside production) a fresh one; and whether it was generated.

    A short token is refused: the page can change what patients are told.
    """
    token = env.get("STAFF_TOKEN", "").strip()
    if token:
        if len(token) < MIN_TOKEN_LENGTH:
            raise StaffConfigError(
                f"STAFF_TOKEN is too short: use at least {MIN_TOKEN_LENGTH} characters "
                "(for example the output of `openssl rand -hex 16`)"
            )
        return token, False
    if env.get("CLINIC_ENV", "local") == "production":
        raise StaffConfigError("set STAFF_TOKEN: in production the staff page needs its own token")
    return secrets.token_urlsafe(24), True


def parse_config(argv: Sequence[str] | None, env: Mapping[str, str]) -> StaffConfig:
    """The settings from the command line and the environment."""
    parser = argparse.ArgumentParser(
        prog="python -m staff_app", description="The staff page (FAQs, inbox, retrain)."
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--faqs", type=Path, default=FAQ_SOURCE_DIR)
    parser.add_argument("--data", type=Path, default=FAQ_DATA_DIR)
    parser.add_argument("--faq-config", type=Path, default=FAQ_CONFIG)
    parser.add_argument("--reports", type=Path, default=PROJECT_ROOT / "reports")
    parser.add_argument("--redis-url", default=None)
    parser.add_argument("--session-hours", type=float, default=12.0)
    parser.add_argument(
        "--retrain-command",
        default=env.get("STAFF_RETRAIN_COMMAND", shlex.join(RETRAIN_COMMAND)),
        help="what Retrain runs (default: make retrain)",
    )
    args = parser.parse_args(argv)
    command = tuple(shlex.split(args.retrain_command))
    if not command:
        raise StaffConfigError("the retrain command is empty")
    token, generated = staff_token(env)
    return StaffConfig(
        token=token,
        token_generated=generated,
        host=args.host,
        port=args.port,
        faqs=args.faqs,
        data=args.data,
        faq_config=args.faq_config,
        reports=args.reports,
        redis_url=args.redis_url,
        retrain_command=command,
        session_hours=args.session_hours,
    )
