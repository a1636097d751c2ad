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
import re

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from clinic.triage.duration import parse_duration_days
from clinic.wording import is_question, speaks_of_self
from nlu_pipeline.intents import override_intent
from nlu_pipeline.rule_gate import RuleGate

FAQ = "faq"
OWN_PAIN = "describe_own_pain"


# A question word anywhere: "my back seizes up after a day at the computer, why".
_ASKS = re.compile(
    r"\b(?:why|how|what|which|when|where|should|could|can|does|do|is\s+(?:that|it|this)|are)\b",
    re.IGNORECASE,
)


def tells_own_story(text: str, today: dt.date) -> bool:
    """Whether the message tells of the writer's own pain and how long, asking nothing."""
    return (
        not is_question(text)
        and not _ASKS.search(text)
        and speaks_of_self(text)
        and (parse_duration_days(text, today) or 0) >= 1
    )


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
