"""The reply to a message in another language: one fixed sentence in it, with the phone."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.contact import contact_details
from clinic.language import FALLBACK_CODE, LanguageRepliesError, load_replies, reply_for
from clinic.settings import load_clinic_settings

logger = logging.getLogger(__name__)

ENGLISH_ONLY = "Sorry, this assistant only understands English. Please write in English."
"""Said when the replies file cannot be read, so that the patient still gets a reply."""


class ActionOtherLanguage(Action):
    """Say, in the patient's language, that the assistant speaks English, and give the phone."""

    def name(self) -> str:
        """Named in the rule for the `other_language` intent."""
        return "action_other_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """One reply from clinic_config/languages.yml, in the language the NLU detected."""
        code = next(tracker.get_latest_entity_values("language"), None) or FALLBACK_CODE
        phone = contact_details().get("phone", "")
        try:
            replies = load_replies(load_clinic_settings().languages_file)
            # Without a phone number the sentence would end "call the clinic on ."
            reply = reply_for(code, replies, phone) if phone else ENGLISH_ONLY
        except LanguageRepliesError as error:
            logger.error("Cannot give the other-language reply: %s", error)
            reply = ENGLISH_ONLY
        # The emergency number needs no translation: someone writing about an emergency in
        # another language still gets it, next to an ambulance.
        emergency = contact_details().get("emergency_number", "999")
        reply = f"{reply} \U0001f691 {emergency} / 112"
        dispatcher.utter_message(response="utter_other_language", reply=reply)
        return []
