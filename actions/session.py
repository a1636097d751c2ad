"""Conversation start: say in one line what the assistant is."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted
from rasa_sdk.executor import CollectingDispatcher


class ActionSessionStart(Action):
    """Start every conversation with the one-line introduction."""

    def name(self) -> str:
        """Replace Rasa's default session start."""
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Start the session, introduce the assistant, then listen."""
        dispatcher.utter_message(response="utter_intro")
        return [SessionStarted(), ActionExecuted("action_listen")]
