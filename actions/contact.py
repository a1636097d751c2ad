"""Put the patient in touch with a person: the clinic's phone, hours and address."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from clinic.contact import ContactFileError, load_contact
from clinic.settings import load_settings


class ActionContact(Action):
    """Give the clinic's contact details from clinic_config/contact.yml."""

    def name(self) -> str:
        """Named in the rule for the `request_human` intent."""
        return "action_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """The details, or a kind pointer to the clinic's website if the file is broken."""
        try:
            contact = load_contact(load_settings().contact_file)
        except ContactFileError:
            dispatcher.utter_message(response="utter_contact_unavailable")
            return []
        dispatcher.utter_message(
            response="utter_contact",
            phone=contact.phone,
            hours=contact.hours,
            address=contact.address,
        )
        return []
