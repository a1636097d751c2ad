"""Read a typed message as the button it stands for (dialogue/typed_button_policy.py).

The message is taken back and logged again with the button's intent and entities, as
Rasa's own two-stage fallback does with a clarified message, so every rule, slot and
report sees what the patient meant. The patient's own words are kept as its text.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, UserUtteranceReverted, UserUttered
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from clinic.typed_buttons import Turn, buttons_before_latest_message, payload_intent, typed_choice


def _turns(events: list[dict[str, Any]]) -> list[Turn]:
    return [
        (str(event.get("event")), (event.get("data") or {}).get("buttons") or [])
        for event in events
        if event.get("event") in ("user", "bot")
    ]


class ActionReadTypedButton(Action):
    """Replace the latest message's reading with the intent of the button it stands for."""

    def name(self) -> str:
        """Predicted by the typed-button policy."""
        return "action_read_typed_button"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """The message again, with the button's intent; nothing when it is no longer one."""
        latest = tracker.latest_message or {}
        text = str(latest.get("text") or "")
        payload = typed_choice(text, buttons_before_latest_message(_turns(tracker.events)))
        parsed = payload_intent(payload) if payload else None
        if parsed is None:
            # The policy and this action read the same events, so this only happens if
            # they changed in between: say so rather than stay silent.
            dispatcher.utter_message(response="utter_default")
            return []
        intent, values = parsed
        entities = [{"entity": key, "value": value} for key, value in values.items()]
        parse_data = {
            **latest,
            "text": text,
            "intent": {"name": intent, "confidence": 1.0},
            "intent_ranking": [{"name": intent, "confidence": 1.0}],
            "entities": entities,
        }
        return [
            UserUtteranceReverted(),
            ActionExecuted("action_listen"),
            UserUttered(
                text, parse_data=parse_data, input_channel=tracker.get_latest_input_channel()
            ),
        ]
