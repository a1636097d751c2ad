"""Fresh trackers and dispatchers for action tests, built the way rasa-sdk builds them."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def make_tracker(
    *,
    text: str = "",
    intent: str = "faq",
    ranking: list[tuple[str, float]] | None = None,
    entities: list[dict[str, Any]] | None = None,
    slots: dict[str, Any] | None = None,
    events: list[dict[str, Any]] | None = None,
    active_loop: str | None = None,
) -> Tracker:
    """A tracker whose latest message carries the given intent and answer ranking.

    `events` is the conversation so far (e.g. bot utterances, or the slot candidates a form
    validation action sees after the last user message); `active_loop` names a running form.
    """
    latest_message = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.99},
        "entities": entities or [],
        "response_selector": {
            "faq": {
                "ranking": [
                    {"intent_response_key": f"faq/{key}", "confidence": confidence}
                    for key, confidence in (ranking or [])
                ]
            }
        },
    }
    return Tracker(
        sender_id="patient",
        slots=slots or {},
        latest_message=latest_message,
        events=events or [],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )
