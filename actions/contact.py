"""Put the patient in touch with a person: the clinic's phone, hours and address."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from clinic.contact import ContactFileError, load_contact
from clinic.settings import load_clinic_settings


class ActionContact(Action):
    """Give the clinic's contact details from clinic_config/contact.yml."""

    def name(self) -> str:
        """Named in the rule for the `request_human` intent."""
        return "action_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """The details, or a kind pointer to the clinic's website if the file is broken.

        A question about the clinic itself (its services, costs, what to bring) is one
        only its team can answer, and the reply says so.
        """
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        give_contact(dispatcher, contact_response(intent))
        return []


def contact_response(intent: str | None) -> str:
    """The reply with the clinic's details that fits what was asked.

    A question about the clinic itself gets "our team can answer that"; a request for a
    person, the details alone.
    """
    return "utter_clinic_info" if intent == "ask_clinic_info" else "utter_contact"


def contact_details() -> dict[str, str]:
    """The clinic's phone, hours and address for a response's {phone} and the like.

    Empty if the contact file cannot be read; `give_contact` then says so kindly.
    """
    try:
        contact = load_contact(load_clinic_settings().contact_file)
    except ContactFileError:
        return {}
    return {
        "phone": contact.phone,
        "hours": contact.hours,
        "address": contact.address,
        "emergency_number": contact.emergency_number,
    }


def give_contact(dispatcher: CollectingDispatcher, response: str) -> None:
    """Say `response` with the clinic's phone, hours and address filled in.

    If the contact file cannot be read, the patient is pointed to the website instead.
    """
    details = contact_details()
    if not details:
        dispatcher.utter_message(response="utter_contact_unavailable")
        return
    dispatcher.utter_message(response=response, **details)
