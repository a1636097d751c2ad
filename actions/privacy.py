"""A patient's own data: what this conversation holds, and deleting it on request.

Deleting is done where the conversation is stored: this action clears its values and
says so, and the tracker store (rasa_server/stores/tracker_store.py) deletes the whole
conversation when it saves a turn in which this action ran.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import AllSlotsReset, EventType
from rasa_sdk.executor import CollectingDispatcher

from clinic.privacy import FORGET_ACTION, personal_details
from clinic.settings import load_clinic_settings


class ActionMyData(Action):
    """List the personal details this conversation holds, and how long it keeps them."""

    def name(self) -> str:
        """Named in the rule for `ask_my_data`."""
        return "action_my_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """The details in plain words, or that there are none."""
        days = load_clinic_settings().retention_days
        details = personal_details(tracker.current_slot_values())
        if not details:
            dispatcher.utter_message(response="utter_no_personal_data", days=days)
        else:
            dispatcher.utter_message(
                response="utter_personal_data", details="; ".join(details), days=days
            )
        return []


class ActionForgetMe(Action):
    """Forget the conversation: its values now, the stored conversation when it is saved."""

    def name(self) -> str:
        """Named in the rule for a "yes" to utter_ask_forget_me; the tracker store knows it."""
        return FORGET_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Say it is done, and clear every value."""
        dispatcher.utter_message(response="utter_forgotten")
        return [AllSlotsReset()]
