"""The emergency guard: red flags become the `report_emergency` intent, whatever the NLU says.

It sits after the classifiers and before Rasa's FallbackClassifier, so a red flag is
never hidden by low NLU confidence: the match is deterministic (spaCy matcher patterns
and rules in clinic/triage/red_flags.py), not a learned score. Used in config.yml as::

    - name: nlu_pipeline.emergency_guard.EmergencyGuard
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from clinic.triage.red_flags import RedFlag, flags_by_context
from nlu_pipeline.intents import CRISIS_INTENT, EMERGENCY_INTENT, SUSPECTED, override_intent

RED_FLAGS_KEY = "red_flags"
CONTEXT_RED_FLAGS_KEY = "red_flags_with_back_pain"
"""Red flags (fever, a fall, tearing pain) that count only in a conversation about back pain."""
# The classifier also learns the red-flag intents, as part of the second line. Where the
# rules find no red flag its guess does not send anyone to urgent care on its own: it
# becomes a suspicion (SUSPECTED), and the assistant asks one direct question that carries
# the advice.


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class EmergencyGuard(GraphComponent, IntentClassifier):
    """Override the predicted intent when a red flag is described.

    `report_emergency` for a physical red flag, `report_crisis` for thoughts of self-harm alone.
    """

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> EmergencyGuard:
        """Nothing to train or load: the patterns live in clinic/triage."""
        return cls()

    def process(self, messages: list[Message]) -> list[Message]:
        """Mark every message that describes a red flag as an emergency, with certainty."""
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/"):
                continue  # a button payload, handled by Rasa's RegexMessageHandler
            flags, with_back_pain = flags_by_context(text)
            if with_back_pain:
                # Read by the emergency policy, which knows whether the conversation is
                # about back pain; the rules need not run a second time there.
                message.set(
                    CONTEXT_RED_FLAGS_KEY,
                    [flag.value for flag in with_back_pain],
                    add_to_output=True,
                )
            if not flags:
                self._doubt_classifier_only_emergency(message)
                continue
            only_crisis = set(flags) == {RedFlag.SELF_HARM}
            override_intent(message, CRISIS_INTENT if only_crisis else EMERGENCY_INTENT, 1.0)
            message.set(RED_FLAGS_KEY, [flag.value for flag in flags], add_to_output=True)
        return messages

    @staticmethod
    def _doubt_classifier_only_emergency(message: Message) -> None:
        """Turn a rule-less red-flag guess into a suspicion, which the assistant asks about."""
        intent = message.get(INTENT) or {}
        name = intent.get("name")
        if name not in SUSPECTED:
            return
        override_intent(
            message,
            SUSPECTED[name],
            intent.get("confidence"),
            drop=(EMERGENCY_INTENT, CRISIS_INTENT),
        )
