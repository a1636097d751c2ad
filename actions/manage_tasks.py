"""What a patient asked to have done with a booking, read from the conversation."""

from __future__ import annotations

from rasa_sdk import Tracker

TASKS = {
    "cancel_appointment": "cancel",
    "reschedule_appointment": "reschedule",
    "change_booking_detail": "reschedule",
    "ask_booking_status": "status",
}
"""The intent that starts the manage-booking form, and what is done when it completes."""

RECENT_TURNS = 4
"""How many of the patient's messages back a request about a booking still counts."""


def task_asked_before(tracker: Tracker) -> str | None:
    """The task of the latest request about a booking in the last few messages, if any.

    "I have to cancel, but I deleted the email", then later "found it, JPC-KQLLCL": the
    reference is for the cancelling asked for before.
    """
    earlier = [event for event in tracker.events if event.get("event") == "user"][:-1]
    for event in reversed(earlier[-RECENT_TURNS:]):
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if intent in TASKS:
            return TASKS[intent]
    return None
