"""The booking-refusal gate: "changed my mind, don't want to book" is a `stop`.

The classifiers read "don't want to book" by its words and guess `request_appointment`,
so a patient who gives up in the middle of booking was asked for a time again. A message
read as a request to book that says the patient no longer wants one
(clinic/booking/confirmation.py) becomes `stop`, which leaves any form politely. Used in
config.yml after the classifiers::

    - name: nlu_pipeline.booking_refusal_gate.BookingRefusalGate
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from clinic.booking.confirmation import gives_up_booking
from nlu_pipeline.intents import override_intent
from nlu_pipeline.rule_gate import RuleGate

REQUEST = "request_appointment"
STOP = "stop"
# What else "I'll think about it" or "no need to book for now" is read as: the patient's
# own pain ("I'll wait and see"), an answer, a yes or no, thanks, or a change.
READ_AS = frozenset(
    {REQUEST, "describe_own_pain", "inform", "affirm", "deny", "thank", "change_booking_detail"}
)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class BookingRefusalGate(RuleGate):
    """Make a message that refuses booking a `stop`, whatever the classifier read it as."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Set `stop` on messages that say not to book (READ_AS lists what they were read as)."""
        for message in messages:
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if intent in READ_AS and gives_up_booking(message.get(TEXT) or ""):
                override_intent(message, STOP, 1.0)
        return messages
