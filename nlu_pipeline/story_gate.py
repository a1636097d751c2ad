"""The story gate: a patient's own pain told with how long, and no question, is a story.

"I think I have that. Pain goes from my butt down the back of my leg, off and on for a
couple of weeks", right after the sciatica answer, reads like the FAQ's examples word for
word, so the classifier calls it `faq` and the same answer came back. Told without a
question, in the first person and with how long it has lasted, it is what the check-in
is for: `describe_own_pain`. Used in config.yml after the classifiers::

    - name: nlu_pipeline.story_gate.StoryGate
"""

from __future__ import annotations

import datetime as dt

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from clinic.triage.red_flags import tells_own_story
from nlu_pipeline.intents import override_intent
from nlu_pipeline.rule_gate import RuleGate

FAQ = "faq"
OWN_PAIN = "describe_own_pain"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class StoryGate(RuleGate):
    """Make an FAQ guess that is really the patient's own story `describe_own_pain`."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Set `describe_own_pain` on FAQ guesses that tell a story and ask nothing."""
        today = dt.date.today()
        for message in messages:
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if intent == FAQ and tells_own_story(message.get(TEXT) or "", today):
                confidence = float((message.get(INTENT) or {}).get("confidence") or 1.0)
                override_intent(message, OWN_PAIN, confidence, drop=(FAQ,))
        return messages
