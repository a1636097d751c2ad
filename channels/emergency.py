"""The emergency and crisis replies, marked so that every channel can give them emphasis.

The responses in domain.yml that send a patient to urgent help carry
``metadata: {urgency: emergency}`` (or ``crisis``). Rasa hands a response's metadata to
the output channel as the ``metadata`` keyword argument, so a channel reads the mark here
instead of matching the text, which the clinic may reword at any time.

The number to call comes from clinic_config/contact.yml (``emergency_number``), so the
website's call link and the messaging platforms' text always agree with the clinic's
country.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

URGENCIES = ("emergency", "crisis")
DEFAULT_EMERGENCY_NUMBER = "999"
_NUMBER = re.compile(r"\+?[0-9][0-9 ()-]{0,19}")


class EmergencyNumberError(ValueError):
    """The configured emergency number is not a phone number."""


def urgency_of(kwargs: Mapping[str, Any]) -> str | None:
    """'emergency' or 'crisis' when the reply being sent is marked so, else None."""
    metadata = kwargs.get("metadata")
    urgency = metadata.get("urgency") if isinstance(metadata, Mapping) else None
    return urgency if urgency in URGENCIES else None


@dataclass(frozen=True)
class EmergencyNumber:
    """The number patients are told to call in an emergency, as shown and as dialled."""

    shown: str

    @property
    def dialled(self) -> str:
        """Digits (and a leading +) only: what a `tel:` link or a call button needs."""
        return re.sub(r"[^0-9+]", "", self.shown)

    @property
    def tel_uri(self) -> str:
        """The link that starts a call on a phone."""
        return f"tel:{self.dialled}"

    @classmethod
    def parse(cls, value: object) -> EmergencyNumber:
        """A number from the configuration; anything but a plain phone number is refused."""
        if not isinstance(value, str) or not _NUMBER.fullmatch(value.strip()):
            raise EmergencyNumberError(f"emergency_number must be a phone number, got {value!r}")
        return cls(value.strip())

    @classmethod
    def load(cls, contact_file: Path) -> EmergencyNumber:
        """The ``emergency_number`` of the clinic's contact file (999 when it names none)."""
        try:
            data = yaml.safe_load(contact_file.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            data = {}
        value = data.get("emergency_number") if isinstance(data, dict) else None
        return cls.parse(DEFAULT_EMERGENCY_NUMBER if value is None else value)


def socket_marks(kwargs: Mapping[str, Any], number: EmergencyNumber) -> dict[str, str]:
    """What the website widget needs beside the text to show an urgent reply as one."""
    urgency = urgency_of(kwargs)
    if urgency is None:
        return {}
    return {"urgency": urgency, "emergency_number": number.shown}


@functools.cache
def configured_number() -> EmergencyNumber:
    """The clinic's emergency number, read once per process (a restart picks up a change)."""
    from clinic.settings import load_clinic_settings

    return EmergencyNumber.load(load_clinic_settings().contact_file)


def headline(kwargs: Mapping[str, Any], number: EmergencyNumber | None = None) -> str | None:
    """The line a messaging platform puts first (in bold where it can) on an urgent reply.

    Those platforms cannot show a call button to a short number like 999 (Messenger's
    needs an international number, Telegram's and Slack's open web links only), so the
    number goes first, as text most phones offer to call.
    """
    urgency = urgency_of(kwargs)
    if urgency is None:
        return None
    shown = (number or configured_number()).shown
    if urgency == "crisis":
        return f"If you are in danger, call {shown}"
    return f"URGENT - emergency number: {shown}"
