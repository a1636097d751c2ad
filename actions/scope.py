"""The reply to a message outside the article: said for what it is about."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

RESPONSES = {
    "other_joint": "utter_scope_other_joint",
    "child": "utter_scope_child",
    "other_condition": "utter_scope_other_condition",
}


class ActionScopeReply(Action):
    """Decline kindly, by the reason the NLU's scope gate found (or the general reply)."""

    def name(self) -> str:
        """Named in the rule for the `out_of_scope` intent."""
        return "action_scope_reply"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """One response: other joint, child, other condition, or anything else."""
        scope = (tracker.latest_message or {}).get("scope")
        dispatcher.utter_message(response=RESPONSES.get(str(scope), "utter_out_of_scope"))
        return []
