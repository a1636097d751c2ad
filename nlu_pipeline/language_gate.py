"""The language gate: a message in another language becomes `other_language`.

The classifiers only know English, so a message in Spanish or Arabic gets a confident
guess at some English intent. The gate asks clinic/language.py which language the
message is in (word lists and Unicode scripts, offline); when it is not English, the
intent becomes `other_language` with certainty (the only entry of its ranking) and the
message carries the language's ISO 639-1 code as a `language` entity, for the reply in
that language. English and
unsure messages, and button payloads, are left alone. Used in config.yml after the
scope gate and before the emergency guard::

    - name: nlu_pipeline.language_gate.LanguageGate
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    INTENT_RANKING_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from clinic.language import detect_language
from nlu_pipeline.intents import override_intent
from nlu_pipeline.rule_gate import RuleGate

OTHER_LANGUAGE = "other_language"
LANGUAGE_ENTITY = "language"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class LanguageGate(RuleGate):
    """Mark messages written in another language, with the language's code."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Override the intent of every message in another language."""
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/"):
                continue  # a button payload, handled by Rasa's RegexMessageHandler
            code = detect_language(text)
            if code is None:
                continue
            # The classifiers' English guesses leave the ranking: Rasa's FallbackClassifier
            # reads a confident guess just below 1.0 as ambiguity and would undo this.
            guesses = tuple(str(item.get("name")) for item in message.get(INTENT_RANKING_KEY) or [])
            override_intent(message, OTHER_LANGUAGE, 1.0, drop=guesses)
            entities = [
                entity
                for entity in message.get(ENTITIES) or []
                if entity.get(ENTITY_ATTRIBUTE_TYPE) != LANGUAGE_ENTITY
            ]
            entities.append(
                {
                    ENTITY_ATTRIBUTE_TYPE: LANGUAGE_ENTITY,
                    ENTITY_ATTRIBUTE_VALUE: code,
                    ENTITY_ATTRIBUTE_START: 0,
                    ENTITY_ATTRIBUTE_END: len(text),
                    EXTRACTOR: type(self).__name__,
                }
            )
            message.set(ENTITIES, entities, add_to_output=True)
        return messages
