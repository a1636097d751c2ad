"""The clinic's contact details, read from clinic_config/contact.yml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


class ContactFileError(ValueError):
    """The contact file is missing or lacks a field."""


@dataclass(frozen=True)
class Contact:
    """Where and when patients reach a person."""

    phone: str
    hours: str
    address: str
    emergency_number: str = "999"
    """The local emergency number, for words no translation is needed for (the ambulance)."""
    out_of_hours: str = ""
    """Where to turn when the clinic is closed ("call NHS 111"); empty if the file says none."""


def load_contact(path: Path) -> Contact:
    """Read the contact file; every field must be a non-empty string."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ContactFileError(f"Cannot read the clinic's contact file {path}: {error}") from error
    fields = {}
    for name in ("phone", "hours", "address"):
        value = data.get(name) if isinstance(data, dict) else None
        if not isinstance(value, str) or not value.strip():
            raise ContactFileError(f"{path}: '{name}' is missing or empty")
        fields[name] = value.strip()
    for optional in ("emergency_number", "out_of_hours"):
        value = data.get(optional) if isinstance(data, dict) else None
        if isinstance(value, str) and value.strip():
            fields[optional] = value.strip()
    return Contact(**fields)
