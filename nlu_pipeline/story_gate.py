"""The story gate: a patient's own pain told with how long, and no question, is a story.

"I think I have that. Pain goes from my butt down the back of my leg, off and on for a
couple of weeks", right after the sciatica answer, reads like the FAQ's examples word for
word, so the classifier calls it `faq` and the same answer came back. Told without a
question, in the first person and with how long it has lasted, it is what the check-in
is for: `describe_own_pain`. The other way round, a question read as the patient's own pain
that tells nothing of it (no how long, how bad, where or what else, no word of hurting) is
left to the next reading. Used in config.yml after the classifiers::

    - name: nlu_pipeline.story_gate.StoryGate
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from typing_extensions import Self

from clinic.faq.followups import asks_which_ones, sentences
from clinic.triage.duration import parse_duration_days
from clinic.triage.red_flags import (
    HURTING,
    about_someone_else,
    describes_own_back_pain,
    mentions_back_pain,
    tells_own_story,
    tells_someones_story,
)
from clinic.triage.severity import stated_severity
from clinic.wording import asks_for_the_check_in, asks_to_book, is_question, opens_as_question
from nlu_pipeline.intents import demote_intents, override_intent
from nlu_pipeline.rule_gate import RuleGate

FAQ = "faq"
OWN_PAIN = "describe_own_pain"
_CHECK_IN_MISREAD = frozenset(
    {"nlu_fallback", "request_appointment", "faq", "out_of_scope", "ask_followup", "inform"}
)
# A complaint said in two or three words, asking nothing.
_TERSE_COMPLAINT = re.compile(
    r"^\s*(?:(?:my|a|bad|sore|painful|aching|achy|stiff|lower|upper|middle|mid)\s+){0,2}"
    r"(?:back|backache|back\s+ache|back\s+pain|lower\s+back\s+pain)"
    r"(?:\s+(?:pain|ache|aches|hurts|hurting|problems?|issues?))?\s*[.!]*\s*$",
    re.IGNORECASE,
)


# "Can you check my symptoms?": a request for the check-in itself.
_ASKS_FOR_A_CHECK = re.compile(
    r"\b(?:check|assess|look\s+at|go\s+through)\b.{0,20}\b(?:symptoms?|back|pain|me)\b",
    re.IGNORECASE,
)


def _tells_how_long_and_how_bad(text: str, today: dt.date) -> bool:
    """Whether the message gives its own back pain both a duration and a 0-10 score."""
    return (
        mentions_back_pain(text)
        and not about_someone_else(text)
        and parse_duration_days(text, today) is not None
        and stated_severity(text) is not None
        and not tells_someones_story(text, today)
    )


def _next_is_faq(message: Message) -> bool:
    """Whether an article answer is the classifiers' next reading of the message."""
    ranking = [item.get("name") for item in message.get("intent_ranking") or []]
    following = [name for name in ranking if name != OWN_PAIN]
    return bool(following) and following[0] == FAQ


# Any word that may open a question, typed with a question mark or not.
_ASKS_INDIRECTLY = re.compile(
    r"\b(?:wondering|wonder|want(?:ed)?\s+to\s+know|curious|could\s+you|can\s+you)\b",
    re.IGNORECASE,
)
_ASKS_ANYTHING = re.compile(
    r"\b(?:why|how|what|which|when|where|should|could|can|does|do|is|are|will|would)\b|\?",
    re.IGNORECASE,
)


# What a story of one's pain tells: how long, how bad, what else, where, which condition.
_STORY_ENTITIES = frozenset({"duration", "severity", "symptom", "body_part", "condition"})


BOOK = "request_appointment"

# "osteoarthritis back??", "sciatica leg": a condition named in a few words, as typed into a
# search box, tells no one's pain; the article's answer about it is what is looked for.
_TERSE_QUERY_WORDS = 5
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|me|my|mine|myself)\b", re.IGNORECASE)


def _names_a_condition_tersely(message: Message) -> bool:
    """Whether the message is a few words naming a condition, telling nothing of a pain."""
    text = message.get(TEXT) or ""
    told = {entity.get("entity") for entity in message.get("entities") or []}
    return (
        "condition" in told
        and not told & {"duration", "severity", "symptom"}
        and len(re.findall(r"[\w']+", text)) <= _TERSE_QUERY_WORDS
        and not _FIRST_PERSON.search(text)
    )


def _torn_between(message: Message, first: str, second: str, margin: float) -> bool:
    """Whether the classifier's two best intents are these two, within `margin`."""
    ranking = message.get(INTENT_RANKING_KEY) or []
    if len(ranking) < 2:
        return False
    top, runner_up = ranking[0], ranking[1]
    names = {top.get(INTENT_NAME_KEY), runner_up.get(INTENT_NAME_KEY)}
    close = float(top.get("confidence") or 0) - float(runner_up.get("confidence") or 0) < margin
    return names == {first, second} and close


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class StoryGate(RuleGate):
    """Make an FAQ guess that is really the patient's own story `describe_own_pain`.

    `torn_margin` is how close the two best intents are when the classifier is torn
    between them. config.yml gives it the FallbackClassifier's `ambiguity_threshold` (one
    YAML anchor), the closeness that would otherwise make the message `nlu_fallback`.
    """

    def __init__(self, torn_margin: float = 0.1) -> None:
        self._torn_margin = torn_margin

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """The FallbackClassifier's default ambiguity threshold."""
        return {"torn_margin": 0.1}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> Self:
        """Built from its config alone: nothing to train or load."""
        return cls(float({**cls.get_default_config(), **config}["torn_margin"]))

    def process(self, messages: list[Message]) -> list[Message]:
        """Set `describe_own_pain` on FAQ guesses that tell a story and ask nothing."""
        today = dt.date.today()
        for message in messages:
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            text = message.get(TEXT) or ""
            if (
                _torn_between(message, OWN_PAIN, BOOK, self._torn_margin)
                and asks_to_book(text)
                and (tells_own_story(text, today))
            ):
                # "hi i'd like to book something for my back, it's been going on about 5
                # weeks": the story and the wish to book, which the check-in takes in turn
                # (the one safety question, then the booking), not "I don't understand".
                override_intent(message, OWN_PAIN, 1.0)
            elif intent in _CHECK_IN_MISREAD and asks_for_the_check_in(text):
                # "Can you check if I need to see a specialist?", "ask me questions about
                # my back to see if I should come in": the check-in itself.
                override_intent(message, OWN_PAIN, 1.0)
            elif intent in (FAQ, OWN_PAIN, "nlu_fallback") and _TERSE_COMPLAINT.match(text):
                # "back pain", "lower back pain", "sore back": the complaint alone, which
                # the check-in asks about, not the article's list of causes, even when
                # the classifiers are torn between the two.
                override_intent(message, OWN_PAIN, 1.0, drop=(FAQ,))
            elif intent in (FAQ, "nlu_fallback") and _tells_how_long_and_how_bad(text, today):
                # "back pain 10 days, about 5/10, no numbness... is it ok to go to the gym":
                # the check-in's own answers, told with a question the check-in answers too.
                override_intent(message, OWN_PAIN, 1.0, drop=(FAQ,))
            elif intent == FAQ and (
                tells_own_story(text, today)
                or (describes_own_back_pain(text) and not _ASKS_ANYTHING.search(text))
                # "Enquiring for my mother, 86 ... worse over the last 6 weeks, 5 out of 10":
                # a relative's story, which the check-in asks about them.
                or (tells_someones_story(text, today) and not _ASKS_INDIRECTLY.search(text))
            ):
                # "off and on for a couple of weeks", "hurt my back at the gym": the
                # patient's own pain told, asking nothing.
                confidence = float((message.get(INTENT) or {}).get("confidence") or 1.0)
                override_intent(message, OWN_PAIN, confidence, drop=(FAQ,))
            elif intent == "something_else" and asks_which_ones(text):
                # "which ones?" after the answer on stretches: a question about it, not
                # "none of these" to the suggestions.
                demote_intents(message, ("something_else", OWN_PAIN))
            elif (
                intent == OWN_PAIN
                and (self._asks_without_a_story(message) or _names_a_condition_tersely(message))
                and _next_is_faq(message)
            ):
                # "fair. should I restart the physio exercises tho": a question that tells
                # nothing of the pain, which the check-in would only answer with its
                # result again.
                demote_intents(message, (OWN_PAIN,))
        return messages

    @staticmethod
    def _asks_without_a_story(message: Message) -> bool:
        text = message.get(TEXT) or ""
        told = {entity.get("entity") for entity in message.get("entities") or []}
        asks = is_question(text) or any(opens_as_question(part) for part in sentences(text))
        return (
            asks
            and not _ASKS_FOR_A_CHECK.search(text)
            and not told & _STORY_ENTITIES
            and not HURTING.search(text)
        )
