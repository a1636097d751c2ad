"""FAQ answers: gate on the specific answer, ask "Did you mean...?", follow up in context."""

from __future__ import annotations

import json
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from clinic.faq.answer_choice import (
    Answer,
    Clarify,
    choose_answer,
    ranking_from_parse_data,
)
from clinic.faq.catalogue import FaqCatalogue
from clinic.faq.followups import classify_followup, followup_key
from clinic.settings import load_settings

LAST_FAQ_SLOT = "last_faq_key"
CHOOSE_INTENT = "choose_faq"


def choose_faq_payload(key: str) -> str:
    """The button payload that asks for one FAQ answer."""
    return f"/{CHOOSE_INTENT}{json.dumps({'faq_key': key})}"


def _catalogue(domain: dict[str, Any]) -> FaqCatalogue:
    return FaqCatalogue.from_responses(domain.get("responses") or {})


def _give_answer(
    dispatcher: CollectingDispatcher, catalogue: FaqCatalogue, key: str | None
) -> list[EventType]:
    entry = catalogue.get(key)
    if entry is None:
        dispatcher.utter_message(response="utter_cannot_answer")
        return []
    dispatcher.utter_message(response=entry.response_name)
    return [SlotSet(LAST_FAQ_SLOT, entry.key)]


class ActionAnswerFaq(Action):
    """Answer an FAQ, or ask which one was meant, or say kindly that we can't."""

    def name(self) -> str:
        """Named in the rules for the `faq` and `choose_faq` intents."""
        return "action_answer_faq"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Pick the answer from a clicked button or from the answers' ranking."""
        catalogue = _catalogue(domain)
        latest = tracker.latest_message or {}
        if (latest.get("intent") or {}).get("name") == CHOOSE_INTENT:
            return _give_answer(
                dispatcher, catalogue, next(tracker.get_latest_entity_values("faq_key"), None)
            )

        decision = choose_answer(ranking_from_parse_data(latest), load_settings().faq)
        if isinstance(decision, Answer):
            return _give_answer(dispatcher, catalogue, decision.key)
        if isinstance(decision, Clarify):
            options = [catalogue.get(key) for key in decision.keys]
            buttons = [
                {"title": entry.question, "payload": choose_faq_payload(entry.key)}
                for entry in options
                if entry is not None
            ]
            if buttons:
                buttons.append({"title": "Something else", "payload": "/something_else"})
                dispatcher.utter_message(response="utter_did_you_mean", buttons=buttons)
                return []
        dispatcher.utter_message(response="utter_cannot_answer")
        return []


class ActionAnswerFollowup(Action):
    """Answer "what can I do about it?" or "tell me more" from the previous answer."""

    def name(self) -> str:
        """Named in the rule for the `ask_followup` intent."""
        return "action_answer_followup"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Find the fitting answer, or ask which topic when there is no context."""
        catalogue = _catalogue(domain)
        kind = classify_followup((tracker.latest_message or {}).get("text") or "")
        key = followup_key(kind, tracker.get_slot(LAST_FAQ_SLOT), catalogue)
        if key is None:
            dispatcher.utter_message(response="utter_capabilities")
            return []
        return _give_answer(dispatcher, catalogue, key)
