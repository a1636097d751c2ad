"""The scope gate: questions about what the article does not cover become out_of_scope.

It reads the conditions and body parts the entity ruler found and asks clinic/scope.py
whether the message is about another joint, another condition or a child. If so, an
answer-seeking intent (an FAQ, a description of one's own pain, a fallback) becomes
`out_of_scope`, and the message carries the reason (`scope`) for the reply to use.
Booking, greetings and the form answers are left alone: the clinic books knees too.
Used in config.yml after the classifiers and before the emergency guard::

    - name: nlu_pipeline.scope_gate.ScopeGate
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    INTENT,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from clinic.scope import out_of_scope, ruled_out_before
from nlu_pipeline.intents import SUSPECTED, override_intent
from nlu_pipeline.rule_gate import RuleGate

OUT_OF_SCOPE = "out_of_scope"
SCOPE_KEY = "scope"
# A question about the clinic ("do you do hips?") is gated too: about another joint, the
# reply says the clinic sees it, which the team's phone number alone would not.
GATED_INTENTS = frozenset(
    {"faq", "describe_own_pain", "nlu_fallback", "ask_clinic_info", OUT_OF_SCOPE}
)
# A guess this unsure ("fair enough. different thing, my son is 9 and his back hurts" read
# as a stop) ends as the fallback, whose reply may answer the question: gated as such.
UNSURE_BELOW = 0.5


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ScopeGate(RuleGate):
    """Mark questions about other joints, other conditions or children as out of scope."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Override answer-seeking intents for messages outside the article."""
        for message in messages:
            text = message.get(TEXT) or ""
            intent = (message.get(INTENT) or {}).get("name")
            unsure = float((message.get(INTENT) or {}).get("confidence") or 0.0) < UNSURE_BELOW
            guessed_red_flag = intent in SUSPECTED
            if text.startswith("/") or not (intent in GATED_INTENTS or guessed_red_flag or unsure):
                continue
            entities = message.get(ENTITIES) or []
            values = {
                kind: {
                    str(entity.get(ENTITY_ATTRIBUTE_VALUE))
                    for entity in entities
                    if entity.get(ENTITY_ATTRIBUTE_TYPE) == kind
                }
                for kind in ("condition", "body_part")
            }
            ruled_out = {
                str(entity.get(ENTITY_ATTRIBUTE_VALUE))
                for entity in entities
                if entity.get(ENTITY_ATTRIBUTE_TYPE) == "condition"
                and ruled_out_before(text, int(entity.get(ENTITY_ATTRIBUTE_START) or 0))
            }
            if values["condition"] - ruled_out:
                # "I meant scoliosis, not stenosis": the condition said instead is the one.
                values["condition"] -= ruled_out
            scope = out_of_scope(text, values["condition"], values["body_part"])
            if scope is None:
                continue
            if guessed_red_flag:
                # The classifier's red-flag guess stays, for the guard to ask about; the
                # reason is kept for the reply once the patient says it is not urgent ("a
                # pain under the ribs, could it be my kidney?").
                message.set(SCOPE_KEY, scope.value, add_to_output=True)
                continue
            # Certain even when the classifier already said out_of_scope, narrowly: the
            # fallback classifier after this would otherwise call a close call unclear.
            override_intent(message, OUT_OF_SCOPE, 1.0)
            message.set(SCOPE_KEY, scope.value, add_to_output=True)
        return messages
