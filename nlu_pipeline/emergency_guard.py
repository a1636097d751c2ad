"""The emergency guard: red flags become the `report_emergency` intent, whatever the NLU says.

It sits after the classifiers and before Rasa's FallbackClassifier, so a red flag is
never hidden by low NLU confidence: the match is deterministic (spaCy matcher patterns
and rules in clinic/triage/red_flags.py), not a learned score. Used in config.yml as::

    - name: nlu_pipeline.emergency_guard.EmergencyGuard
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from clinic.scope import about_pregnancy, only_about_an_animal
from clinic.triage.emergency_state import PREGNANCY_FLAG, tells_something_new
from clinic.triage.pregnancy import pregnancy_warning_signs
from clinic.triage.red_flags import (
    RedFlag,
    denies_red_flags,
    read_red_flags,
    tells_signs_of_a_past_diagnosis,
)
from clinic.triage.yes_no import denies_the_rest
from clinic.wording import (
    asks_about_emergency_signs,
    asks_if_it_counts,
    asks_what_if_worse,
    says_no_pain,
)
from nlu_pipeline.intents import (
    CRISIS_INTENT,
    EMERGENCY_INTENT,
    SUSPECTED,
    demote_intents,
    override_intent,
)
from nlu_pipeline.rule_gate import RuleGate

URGENCY_QUESTION_INTENT = "ask_if_urgent"
RED_FLAGS_KEY = "red_flags"
SET_ASIDE_KEY = "red_flags_set_aside"
"""Red flags named but not reported (denied, over, hypothetical, asked about)."""
CONTEXT_RED_FLAGS_KEY = "red_flags_with_back_pain"
"""Red flags (fever, a fall, tearing pain) that count only in a conversation about back pain."""
PREGNANCY_SIGNS_KEY = "pregnancy_signs"
"""A warning sign of pregnancy (pains in waves, bleeding) in a message that does not say
the patient is pregnant: it counts only in a conversation where they said so."""
# The classifier also learns the red-flag intents, as part of the second line. Where the
# rules find no red flag its guess does not send anyone to urgent care on its own: it
# becomes a suspicion (SUSPECTED), and the assistant asks one direct question that carries
# the advice.


# Above any second reading of a softmax whose top was the red-flag guess (at most 0.5) by
# more than the FallbackClassifier's ambiguity threshold.
SUSPICION_CONFIDENCE = 0.99


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class EmergencyGuard(RuleGate):
    """Override the predicted intent when a red flag is described.

    `report_emergency` for a physical red flag, `report_crisis` for thoughts of self-harm alone.
    """

    def process(self, messages: list[Message]) -> list[Message]:
        """Mark every message that describes a red flag as an emergency, with certainty."""
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/"):
                continue  # a button payload, handled by Rasa's RegexMessageHandler
            reading = read_red_flags(text)
            flags: list[str] = [flag.value for flag in reading.now]
            if pregnancy_warning_signs(text):
                if about_pregnancy(text):
                    flags.append(PREGNANCY_FLAG)
                else:
                    message.set(PREGNANCY_SIGNS_KEY, True, add_to_output=True)
            asks_if_it_matters = (
                not flags
                and bool(reading.with_back_pain)
                and asks_if_it_counts(text)
                and not tells_something_new(text)
            )
            if asks_if_it_matters:
                # "No numbness. But the fall, does that matter?" about a fall told before:
                # a question about the warning signs, which their reply answers.
                override_intent(message, URGENCY_QUESTION_INTENT, 1.0)
                continue
            if reading.with_back_pain:
                # Read by the emergency policy, which knows whether the conversation is
                # about back pain; the rules need not run a second time there.
                message.set(
                    CONTEXT_RED_FLAGS_KEY,
                    [flag.value for flag in reading.with_back_pain],
                    add_to_output=True,
                )
            asks_about_signs = asks_about_emergency_signs(text) or (
                # "No numbness, no bladder issues, no fever. What should I do?" denies the
                # signs and asks about the pain, which the check-in is for.
                bool(reading.set_aside) and asks_if_it_counts(text) and not denies_red_flags(text)
            )
            if not flags and asks_what_if_worse(text):
                # "What if my leg gets worse before Monday?": when to get help meanwhile.
                override_intent(message, URGENCY_QUESTION_INTENT, 1.0)
                continue
            if not flags and asks_about_signs and not reading.with_back_pain:
                # "What are the signs it's an emergency?", "what if someone lost control of
                # their bladder, would that still count?": the warning signs and where to
                # go with them, which the urgency advice says.
                override_intent(message, URGENCY_QUESTION_INTENT, 1.0)
                continue
            if not flags:
                self._weigh_learned_guess(message, reading.set_aside, reading.with_back_pain)
                continue
            if tells_signs_of_a_past_diagnosis(text, reading.now):
                # "I had cauda equina, couldn't control my bladder ... so I'm nervous about
                # lifting weights": the question whether it is happening now, which carries
                # the urgent advice, not the alarm for an episode that may be long over.
                override_intent(
                    message,
                    SUSPECTED[EMERGENCY_INTENT],
                    SUSPICION_CONFIDENCE,
                    drop=(EMERGENCY_INTENT, CRISIS_INTENT),
                )
                continue
            only_crisis = set(flags) == {RedFlag.SELF_HARM.value}
            override_intent(message, CRISIS_INTENT if only_crisis else EMERGENCY_INTENT, 1.0)
            message.set(RED_FLAGS_KEY, flags, add_to_output=True)
        return messages

    @staticmethod
    def _weigh_learned_guess(
        message: Message, set_aside: tuple[RedFlag, ...], with_back_pain: tuple[RedFlag, ...]
    ) -> None:
        """What a rule-less red-flag guess from the classifier becomes.

        Where the rules read the very words the guess reacts to and set them aside by their
        context ("no numbness, no bladder trouble", "what if my legs go weak?"), the guess
        is dropped and the later similarity detector told so (SET_ASIDE_KEY). Otherwise it
        becomes a suspicion, which the assistant asks about.
        """
        if only_about_an_animal(message.get(TEXT) or ""):
            # "my dog is limping on his back leg": the scope gate's reply (a vet), not an
            # emergency nor "I don't have an answer".
            override_intent(message, "out_of_scope", 1.0)
            return
        if says_no_pain(message.get(TEXT) or ""):
            # "I DON'T HAVE PAIN": no red flag, whatever the capitals made of it.
            demote_intents(message, (*SUSPECTED, *SUSPECTED.values()))
            return
        if not with_back_pain and denies_the_rest(message.get(TEXT) or ""):
            # "My legs get heavy and a bit tingly if I walk more than 10 minutes, goes off
            # when I sit down. None of the other stuff": what the check-in asks about, the
            # warning signs denied in so many words.
            demote_intents(message, (*SUSPECTED, *SUSPECTED.values()))
            return
        if set_aside and not with_back_pain:
            message.set(SET_ASIDE_KEY, [flag.value for flag in set_aside], add_to_output=True)
            demote_intents(message, (*SUSPECTED, *SUSPECTED.values()))
            return
        intent = message.get(INTENT) or {}
        name = intent.get("name")
        if name not in SUSPECTED:
            return
        # Near certain: a close second reading must not let the FallbackClassifier turn the
        # suspicion into "I didn't understand" (saddle numbness told with a phone number).
        # Not 1.0, which would drop the ranking below it that the similarity detector reads
        # when it sets a guess aside (another joint, one leg).
        override_intent(
            message, SUSPECTED[name], SUSPICION_CONFIDENCE, drop=(EMERGENCY_INTENT, CRISIS_INTENT)
        )
