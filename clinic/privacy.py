"""What personal details a conversation holds, in the patient's own terms.

Pure: reads the conversation's values (Rasa's slots, by name) and says them back as a
patient would want to read them. Used by "what do you know about me".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

FORGET_ACTION = "action_forget_me"
"""The action after which the stored conversation is deleted (a "yes" to "delete my data")."""

# The conversation's values that are about the patient, and how to name them.
PERSONAL_SLOTS = (
    ("patient_name", "your name, {}"),
    ("patient_phone", "your phone number, {}"),
    ("patient_email", "your email, {}"),
    ("patient_contact", "how to reach you, {}"),
    ("pain_duration_days", "how long you've had the pain ({} days)"),
    ("pain_severity", "how bad it is ({} out of 10)"),
    ("nerve_symptoms", "the nerve symptoms you told me about ({})"),
    ("booking_reference", "your booking reference, {}"),
)


def personal_details(values: Mapping[str, Any]) -> list[str]:
    """The personal details among `values`, in plain words; empty when there are none."""
    details = []
    for name, wording in PERSONAL_SLOTS:
        value = values.get(name)
        if value is None or value == "" or value is False or value == []:
            continue
        if name == "nerve_symptoms":
            value = _symptoms_reported(value)
            if not value:
                continue
        if name == "patient_contact" and (
            values.get("patient_phone") or values.get("patient_email")
        ):
            continue  # the same details, already said
        details.append(wording.format(value))
    return details


def _symptoms_reported(value: Any) -> str:
    """The nerve symptoms a check-in answer reports ("tingling and weakness"), or ""."""
    if not isinstance(value, Mapping):
        return ""
    return " and ".join(name for name in ("numbness", "tingling", "weakness") if value.get(name))
