"""A typed answer to the buttons just offered counts as pressing the button.

"ok talk to a specialist" under a "Talk to a specialist" button, or "yes, asap please"
under "Would you like to book?", are clear answers that the NLU, reading the message
alone, can take for a new question. When the message stands for one of the buttons the
assistant has just sent (clinic/typed_buttons.py), this policy predicts
`action_read_typed_button`, which replaces the message's reading with the button's
payload, the way Rasa's two-stage fallback replaces a message with its clarification;
the rules then go on as if the button had been pressed. Forms and the emergency state
read their own answers, so the policy stands aside while either is active. Used in
config.yml as::

    - name: dialogue.typed_button_policy.TypedButtonPolicy
      priority: 7
"""

from __future__ import annotations

from collections.abc import Mapping, Reversible
from typing import Any

from rasa.core.policies.policy import PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from clinic.typed_buttons import (
    Turn,
    buttons_before_latest_message,
    payload_intent,
    typed_choice,
)
from dialogue.emergency_policy import EMERGENCY_INTENTS, STATE_SLOT, SUSPECTED_INTENTS
from dialogue.untrained_policy import UntrainedPolicy

ACTION_READ_TYPED_BUTTON = "action_read_typed_button"


def _recent_turns(events: Reversible[Event]) -> list[Turn]:
    """The turns since the patient's message before the latest, oldest first.

    Read from the end, so a long conversation costs no more than a short one each turn.
    """
    turns: list[Turn] = []
    users = 0
    for event in reversed(events):
        if isinstance(event, UserUttered):
            turns.append(("user", []))
            users += 1
            if users == 2:
                break
        elif isinstance(event, BotUttered):
            turns.append(("bot", (event.data or {}).get("buttons") or []))
    turns.reverse()
    return turns


def should_read_as_button(text: str, intent: str | None, buttons: list[Mapping[str, str]]) -> bool:
    """Whether the message stands for a button whose meaning differs from its reading."""
    if intent in EMERGENCY_INTENTS or intent in SUSPECTED_INTENTS:
        return False
    payload = typed_choice(text, buttons)
    if payload is None:
        return False
    parsed = payload_intent(payload)
    return parsed is not None and parsed[0] != intent


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class TypedButtonPolicy(UntrainedPolicy):
    """Predict the re-reading action when a typed message answers the latest buttons."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Above RulePolicy (6): the rules must see the button's intent, not the guess."""
        return {"priority": 7}

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        """Certainty for the re-reading action when it applies, nothing otherwise."""
        probabilities = self._default_predictions(domain)
        latest = tracker.latest_message
        applies = (
            tracker.latest_action_name == ACTION_LISTEN_NAME
            and latest is not None
            and not tracker.active_loop_name
            and not tracker.get_slot(STATE_SLOT)
            and ACTION_READ_TYPED_BUTTON in domain.action_names_or_texts
            and should_read_as_button(
                latest.text or "",
                latest.intent.get("name"),
                buttons_before_latest_message(_recent_turns(tracker.events)),
            )
        )
        if applies:
            probabilities[domain.index_for_action(ACTION_READ_TYPED_BUTTON)] = 1.0
        return self._prediction(probabilities)
