"""What a form says when it cannot use an answer: a kind re-ask, and a way out on repeat.

The first unusable answer gets `utter_wrong_<slot>`. When the answer before was not
usable either, the patient gets `utter_form_way_out` instead (stop, or talk to a person,
with the clinic's phone), so a form never asks the same thing a third time unaided.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.contact import contact_details, give_contact
from actions.unclear import answer_in_context, previous_turn_replies

UNKNOWN_CONTACT = {
    "phone": "the number on our website",
    "hours": "see our website for opening hours",
    "address": "see our website",
}
"""Said in place of the clinic's details when the contact file cannot be read."""


def reject(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    slot: str,
    domain: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Say the answer could not be used, and return the slot emptied for the form.

    A short question about the answer just given in the middle of the form ("can I work?"
    after the sciatica answer) is answered instead; the form then asks its question again.
    """
    if domain is not None:
        answered = answer_in_context(dispatcher, tracker, domain)
        if answered is not None:
            topic = {event["name"]: event["value"] for event in answered}
            return {slot: None, **topic}
    wrong = f"utter_wrong_{slot}"
    if wrong in previous_turn_replies(list(tracker.events)):
        give_contact(dispatcher, "utter_form_way_out")
    else:
        # Some re-asks name the clinic's phone for patients who cannot answer.
        dispatcher.utter_message(response=wrong, **(contact_details() or UNKNOWN_CONTACT))
    return {slot: None}
