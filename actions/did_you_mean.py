"""'Did you mean...?': the `utter_did_you_mean` response, with a button per likely answer.

Its sentence is a response in the data; its buttons depend on the candidates, so the
action that finds them says it, buttons attached (as Sara does).
"""

from __future__ import annotations

import json
from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from clinic.faq.answer_choice import MAX_CANDIDATES
from clinic.faq.catalogue import FaqCatalogue

DID_YOU_MEAN = "utter_did_you_mean"
SOMETHING_ELSE = {"title": "Something else", "payload": "/something_else"}
"""The last "Did you mean" button: none of these (the `something_else` rule asks for more)."""


_CHOOSE_FAQ = "/choose_faq"


def choose_faq_payload(key: str) -> str:
    """The payload of a button that picks the answer `key` (the `choose_faq` rule answers it)."""
    return _CHOOSE_FAQ + json.dumps({"faq_key": key})


def offered_keys(events: list[dict[str, Any]]) -> tuple[str, ...]:
    """The answers the last "Did you mean...?" offered, in its buttons' order."""
    for event in reversed(events):
        if event.get("event") != "bot":
            continue
        if (event.get("metadata") or {}).get("utter_action") != DID_YOU_MEAN:
            continue
        keys = []
        for button in (event.get("data") or {}).get("buttons") or []:
            payload = str(button.get("payload") or "")
            if payload.startswith(_CHOOSE_FAQ):
                try:
                    keys.append(str(json.loads(payload[len(_CHOOSE_FAQ) :])["faq_key"]))
                except (ValueError, KeyError, TypeError):
                    continue
        return tuple(keys)
    return ()


def choice_buttons(keys: tuple[str, ...], catalogue: FaqCatalogue) -> list[dict[str, str]]:
    """The "Did you mean...?" buttons, at most `MAX_CANDIDATES` choices and "Something else".

    Each choice the data still has is titled by its readable question, the best first.
    """
    entries = [entry for entry in map(catalogue.get, keys) if entry is not None]
    return [
        *(
            {"title": entry.question, "payload": choose_faq_payload(entry.key)}
            for entry in entries[:MAX_CANDIDATES]
        ),
        SOMETHING_ELSE,
    ]


def ask_did_you_mean(
    dispatcher: CollectingDispatcher, keys: tuple[str, ...], catalogue: FaqCatalogue
) -> bool:
    """Ask which answer was meant; False (nothing said) when the data has none of them."""
    if not any(key in catalogue for key in keys):
        return False
    dispatcher.utter_message(response=DID_YOU_MEAN, buttons=choice_buttons(keys, catalogue))
    return True
