"""The contact gate: a message that is only a phone number, an email or an offer is an answer.

The classifiers read "raj.p@example.com" or "07700 900123" by their few word pieces and
may guess anything (a request for a person, a booking). A message that holds contact
details and, apart from them, only words that introduce them ("it's", "my email is")
becomes `inform` with certainty, so a form asking for contact details or identity takes
it as the answer. Used in config.yml before the emergency guard::

    - name: nlu_pipeline.contact_gate.ContactGate
"""

from __future__ import annotations

import re
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from clinic.booking.choices import is_offer_title
from clinic.booking.contact import find_contacts
from clinic.booking.names import given_name, parse_name
from clinic.settings import load_clinic_settings
from clinic.wording import (
    asks_about_the_service,
    asks_about_the_wait,
    asks_for_contact_details,
    asks_to_be_called,
    asks_to_book,
    asks_what_it_means,
    complains_about_the_clinic,
    is_question,
)
from nlu_pipeline.intents import override_intent

INFORM = "inform"
CALL_BACK = "request_callback"
HUMAN = "request_human"
_ASKS_FOR_A_PERSON = re.compile(
    r"\b(?:speak|talk)\s+(?:to|with)\s+(?:an?\s+|the\s+)?(?:actual\s+|real\s+)?"
    r"(?:person|human|someone|somebody|manager)\b",
    re.IGNORECASE,
)
# "I want to speak to an actual person NOW not a computer": a person, whatever else is said.
_WANTS_A_PERSON = re.compile(
    r"\b(?:speak|talk|chat)\s+(?:to|with)\s+(?:an?\s+|the\s+)?(?:actual|real|proper|live)\s+"
    r"(?:person|human|people|doctor|nurse)\b"
    r"|\b(?:want|need|get\s+me)\s+(?:an?\s+)?(?:actual|real|proper|live)\s+(?:person|human)\b"
    r"|\bnot\s+(?:to\s+|with\s+)?(?:a|an|some)\s+(?:stupid\s+)?(?:computer|bot|robot|machine)\b"
    # "You keep saying the same thing lol. talk to a person": said as its own sentence.
    r"|(?:^|[.!?]\s*|\blol\s+)(?:please\s+|ok\s+)?(?:can\s+i\s+|let\s+me\s+|i\s+want\s+to\s+"
    r"|i'?d\s+like\s+to\s+)?(?:speak|talk)\s+(?:to|with)\s+(?:an?\s+|the\s+)?"
    r"(?:person|human|someone|somebody)\b",
    re.IGNORECASE,
)
_MAY_WANT_A_PERSON = frozenset(
    {
        "faq",
        "nlu_fallback",
        "out_of_scope",
        "describe_own_pain",
        "inform",
        "bot_challenge",
        HUMAN,
        CALL_BACK,
    }
)
"""What the classifiers may call a plea for a person told with a story or a complaint."""
# Words that may stand beside contact details in a bare answer.
_FILLER = frozenset(
    [
        "it's",
        "its",
        "it",
        "is",
        "my",
        "here",
        "you",
        "can",
        "reach",
        "me",
        "at",
        "on",
        "use",
        "try",
        "that's",
        "thats",
        "ok",
        "okay",
        "sure",
        "yes",
        "yeah",
        "yep",
        "the",
        "it",
        "s",
        "or",
        "and",
        "&",
        "best",
        # Whose details they are and how sure the writer is: "I think he used his email".
        "i",
        "think",
        "believe",
        "maybe",
        "probably",
        "he",
        "she",
        "they",
        "we",
        "his",
        "her",
        "their",
        "our",
        "used",
        "uses",
        "booked",
        "with",
        "was",
    ]
)


# What kind of number it is: "01632 960555 THATS MY HOUSE PHONE".
_KIND_OF_NUMBER = re.compile(
    r"\b(?:house|home|mobile|work|landline|cell|office)\s+(?:phone|number|line|no)\b"
    r"|\b(?:landline|mobile|email|e-mail|house|home)\b",
    re.IGNORECASE,
)
MAX_NAME_WORDS = 4
# Words of a request that may be capitalised like a name ("Call Me Back on ...").
_REQUEST_WORDS = frozenset(
    {"call", "ring", "phone", "text", "back", "book", "cancel", "move", "help", "please"}
)


def only_contact_details(text: str, region: str) -> bool:
    """Whether `text` gives contact details and nothing else that carries meaning.

    A name written as a name beside them counts as part of the details: "Sarah Whitfield,
    you can reach me on 07700 900123" answers "what name?" or "how can we reach you?",
    and is not a request for the clinic's number.
    """
    contacts = find_contacts(text, region)
    if not contacts:
        return False
    rest = _KIND_OF_NUMBER.sub(" ", contacts.rest)
    words = [word.strip(".,!:;'\"()") for word in rest.split()]
    meaningful = [word for word in words if word and word.lower() not in _FILLER]
    return not meaningful or _written_as_a_name(meaningful)


def _written_as_a_name(words: list[str]) -> bool:
    """Capitalised words that read as a name: "Sarah Whitfield", not "call me back"."""
    return (
        len(words) <= MAX_NAME_WORDS
        and all(word[:1].isupper() and word.lower() not in _REQUEST_WORDS for word in words)
        and parse_name(" ".join(words)) == " ".join(words)
    )


CLINIC_INFO = "ask_clinic_info"
_ANSWER_SEEKING = frozenset({"faq", "nlu_fallback", "out_of_scope"})


_CAPITALISED_WORDS = re.compile(r"^[A-Z][a-zA-Z'-]+(?:\s+[A-Z][a-zA-Z'-]+){1,2}\s*\.?$")
# Capitalised words that ask for the team rather than give a name.
_FOR_THE_TEAM = re.compile(
    r"\b(?:hours|opening|parking|number|phone|person|someone|somebody|human|team|address"
    r"|price|cost|reception|manager|call|contact|help|please)\b",
    re.IGNORECASE,
)


def _is_a_bare_name(text: str) -> bool:
    """Whether the message is only a person's name, typed with capitals ("Rob Green")."""
    text = text.strip()
    return (
        bool(_CAPITALISED_WORDS.match(text))
        and not _FOR_THE_TEAM.search(text)
        and parse_name(text) is not None
    )


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ContactGate(GraphComponent, IntentClassifier):
    """Make a message of bare contact details an `inform`."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """The region for phone numbers without a country code: PHONE_REGION by default."""
        return {"phone_region": None}

    def __init__(self, region: str) -> None:
        self._region = region

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ContactGate:
        """Nothing to train: the reading lives in clinic/booking/contact.py."""
        region = {**cls.get_default_config(), **config}["phone_region"]
        return cls(str(region or load_clinic_settings().phone_region))

    def process(self, messages: list[Message]) -> list[Message]:
        """Set `inform` on messages that are only contact details, or an offer's title."""
        for message in messages:
            text = message.get(TEXT) or ""
            if text.startswith("/"):
                continue
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            if only_contact_details(text, self._region) or is_offer_title(text):
                # "Mon 7 Dec, 11:30am - Dr Okafor (consultant)" typed from the buttons is
                # a choice among the times, not a question about a booking.
                override_intent(message, INFORM, 1.0)
            elif intent in (CLINIC_INFO, HUMAN) and _is_a_bare_name(text):
                # "Rob Green": a name given (as asked when booking), not a question for
                # the clinic's team.
                override_intent(message, INFORM, 1.0)
            elif (
                intent == HUMAN
                and find_contacts(text, self._region)
                and (parse_name(text) is not None or given_name(text) is not None)
                and not asks_to_be_called(text)
            ):
                # ("His name is Geoffrey Hartley. Our home phone is 0161 ...": the same.)
                # "It's for my dad, Arthur Jenkins. But use my number 07700 900456": a name
                # and a number to book with, not a request for the team's.
                override_intent(message, INFORM, 1.0)
            elif (
                intent == CALL_BACK
                and complains_about_the_clinic(text)
                and _ASKS_FOR_A_PERSON.search(text)
            ):
                # "Waited 3 weeks for a call back, can I speak to an actual person?": the
                # phone now, not another call-back to wait for.
                override_intent(message, HUMAN, 1.0)
            elif intent in _MAY_WANT_A_PERSON and _WANTS_A_PERSON.search(text):
                # "... this is ridiculous. I want to speak to an actual person NOW": the
                # clinic's phone, not a check-in of the pain the complaint mentions.
                override_intent(message, HUMAN, 1.0)
            elif (
                intent in {"inform", *_ANSWER_SEEKING}
                and asks_for_contact_details(text)
                and is_question(text)
                and not find_contacts(text, self._region)
            ):
                # "and whats the number" in the middle of a form: the clinic's details.
                override_intent(message, CLINIC_INFO, 1.0)
            elif (
                intent == "request_appointment"
                and asks_about_the_wait(text)
                and not asks_to_book(text)
            ):
                # "How long is the waiting list to see a specialist?": the team knows; no
                # booking was asked for.
                override_intent(message, CLINIC_INFO, 1.0)
            elif (
                intent in _ANSWER_SEEKING
                and asks_about_the_service(text)
                and is_question(text)
                # Not "My GP wrote joint pain on my sick note. What does that mean?".
                and not asks_what_it_means(text)
            ):
                # "Do I need to wear anything special for the physio?", "is there parking?":
                # the clinic's arrangements, which its team knows, not an article answer.
                override_intent(message, CLINIC_INFO, 1.0)
        return messages
