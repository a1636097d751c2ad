"""What a form says when it cannot use an answer: a kind re-ask, and a way out on repeat.

And what a "stop" gets when there is no form to leave.

The first unusable answer gets `utter_wrong_<slot>`. When the answer before was not
usable either, the patient gets `utter_form_way_out` instead (stop, or talk to a person,
with the clinic's phone), so a form never asks the same thing a third time unaided.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.contact import contact_details, contact_response, give_contact
from actions.feedback import say_entry
from actions.scope import RESPONSES as SCOPE_RESPONSES
from actions.unclear import (
    LAST_FAQ_SLOT,
    answer_in_context,
    clear_faq_entry,
    previous_turn_replies,
    replies_since_the_message,
)
from clinic.booking.confirmation import gives_up_booking
from clinic.faq.catalogue import FaqCatalogue
from clinic.faq.condition_topics import topic_named
from clinic.faq.followups import (
    asks_only_beyond_the_guide,
    classify_followup,
    followup_key,
    sentences,
)
from clinic.scope import BESIDE_THE_BACK, out_of_scope
from clinic.wording import (
    asks_about_the_service,
    asks_for_contact_details,
    asks_for_the_check_in,
    asks_to_book,
    declines_then_asks,
    is_question,
    opens_as_question,
    says_goodbye,
)

UNKNOWN_CONTACT = {
    "phone": "the number on our website",
    "hours": "see our website for opening hours",
    "address": "see our website",
}
"""Said in place of the clinic's details when the contact file cannot be read."""


def drop_repeated_replies(dispatcher: CollectingDispatcher) -> None:
    """Keep the first of the replies with the same response said in one turn."""
    seen: set[str] = set()
    kept = []
    for message in dispatcher.messages:
        response = message.get("response")
        if response and response in seen:
            continue
        if response:
            seen.add(str(response))
        kept.append(message)
    dispatcher.messages[:] = kept


def answer_clear_question(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    domain: dict[str, Any],
    *,
    asked: bool = False,
) -> dict[str, Any] | None:
    """Answer a question asked instead of the form's answer, when one FAQ answer clearly fits.

    "Is yoga ok?" in the middle of the check-in: the classifier may not call it an FAQ
    question (it is short, and the form's own answers look alike), but its answer ranking
    still knows the answer. Returns the topic now talked about, or None.

    `asked` says the caller already knows the message asks something ("stop, I only asked
    if the gym is ok"), so it need not look like a question.
    """
    latest = tracker.latest_message or {}
    text = str(latest.get("text") or "")
    if not asked and not is_question(text):
        return None
    intent = (latest.get("intent") or {}).get("name")
    if asks_for_contact_details(text) or asks_about_the_service(text):
        # "10 days, btw what are your opening hours": the team's details, not the FAQ
        # answer nearest to "hours".
        give_contact(dispatcher, contact_response("ask_clinic_info", text))
        return {}
    if say_scope_reply(dispatcher, text, within=BESIDE_THE_BACK):
        # "Can I take ibuprofen with my blood pressure tablets till then?": a pharmacist's
        # question, said so, rather than the nearest FAQ answer about medicines.
        return {}
    scope = latest.get("scope")
    if intent == "out_of_scope" and scope in SCOPE_RESPONSES:
        # "And what about my mum's knee?" in the middle of the check-in: the scope gate's
        # kind reply (the clinic sees knees), not the FAQ answer nearest to "stairs".
        dispatcher.utter_message(response=SCOPE_RESPONSES[scope])
        return {}
    if intent not in _FOR_THE_TEAM and is_question(text) and asks_only_beyond_the_guide(text):
        # "Will I need surgery?", "can i keep working? im a delivery driver, in and out the
        # van all day": the nearest answer (staying active, when to see a specialist) would
        # read as a reply; the guide does not say, and the patient is told so.
        dispatcher.utter_message(response="utter_not_covered")
        return {}
    entry = clear_faq_entry(latest, domain)
    if entry is None and intent == "ask_followup":
        # "What can I do about it?" in the middle of the form, about the answer given
        # before it began: that answer's follow-up.
        catalogue = FaqCatalogue.from_domain(domain)
        key = followup_key(classify_followup(text), tracker.get_slot(LAST_FAQ_SLOT), catalogue)
        entry = catalogue.get(key)
    if entry is None and _WHAT_ABOUT_A_TOPIC.search(text):
        # "Maybe later. So what about medication??": the one topic the question names.
        entry = FaqCatalogue.from_domain(domain).get(topic_named(text))
    if entry is None:
        return None
    say_entry(dispatcher, text, entry)
    return {LAST_FAQ_SLOT: entry.key}


# "So what about medication??", "and the exercises?": a topic asked about on its own.
_WHAT_ABOUT_A_TOPIC = re.compile(
    r"(?:^|[.!?]\s*)(?:so\s+|and\s+|but\s+|ok\s+|okay\s+)?(?:what|how)\s+about\s+(?:the\s+)?\w+"
    r"(?:\s+\w+)?\s*\?+\s*$",
    re.IGNORECASE,
)
# Questions the clinic's team answers (costs, parking), not the guide.
_FOR_THE_TEAM = frozenset({"ask_clinic_info", "request_human", "request_callback"})
_THANKS_ONLY_WORDS = 6


def thanks_only(tracker: Tracker) -> bool:
    """Whether the latest message is a short thank-you ("ok ty", "thanks, that helps")."""
    latest = tracker.latest_message or {}
    intent = (latest.get("intent") or {}).get("name")
    return intent == "thank" and len(str(latest.get("text") or "").split()) <= _THANKS_ONLY_WORDS


def reject(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    slot: str,
    domain: dict[str, Any] | None = None,
    *,
    say_sorry: bool = True,
) -> dict[str, Any]:
    """Say the answer could not be used, and return the slot emptied for the form.

    A short question about the answer just given in the middle of the form ("can I work?"
    after the sciatica answer), or a question one FAQ answer clearly fits, is answered
    instead; the form then asks its question again. Without `say_sorry`, it is asked again
    without "sorry, I didn't catch that" (the message got another reply already).
    """
    if thanks_only(tracker):
        # "ok ty" after an answer given in the middle of the form: no answer to the
        # question, and no failure either.
        dispatcher.utter_message(response="utter_welcome_in_form")
        return {slot: None}
    if domain is not None and say_sorry:
        # (Without `say_sorry` the message has had its reply: it is not answered twice.)
        answered = answer_in_context(dispatcher, tracker, domain)
        if answered is not None:
            topic = {event["name"]: event["value"] for event in answered}
            return {slot: None, **topic}
        asked = answer_clear_question(dispatcher, tracker, domain)
        if asked is not None:
            return {slot: None, **asked}
    wrong = f"utter_wrong_{slot}"
    if wrong in previous_turn_replies(list(tracker.events)):
        give_contact(dispatcher, "utter_form_way_out")
    elif say_sorry:
        # Some re-asks name the clinic's phone for patients who cannot answer.
        dispatcher.utter_message(response=wrong, **(contact_details() or UNKNOWN_CONTACT))
    return {slot: None}


class ActionNothingToStop(Action):
    """A "stop" with no form to leave: the question said with it, or an offer of more help."""

    def name(self) -> str:
        """Named in the rule for `stop` outside a form."""
        return "action_nothing_to_stop"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """The answer to "stop. Can I do deadlifts?" when one clearly fits."""
        answered = answer_beside_a_stop(dispatcher, tracker, domain)
        if answered is None:
            text = str(tracker.latest_message.get("text") or "")
            # "Is it normal for my back to click? It doesn't hurt": no pain to ask about,
            # and a question the guide has no clear answer to, said so honestly.
            asks = is_question(text) and not _SAYS_STOP.search(text)
            if not asks and says_goodbye(text):
                # "ok forget it. bye": leaving, not waiting for another offer of help.
                dispatcher.utter_message(response="utter_goodbye")
                return []
            dispatcher.utter_message(
                response="utter_not_covered" if asks else "utter_anything_else"
            )
            return []
        return answered


# "Stop, I only asked if the gym is ok", "I just wanted to know about stretches".
_SAYS_IT_ASKED = re.compile(
    r"\b(?:ask|asked|asking|wanted\s+to\s+know|wondering|question)\b", re.IGNORECASE
)


_SAYS_STOP = re.compile(r"\b(?:stop|quit|enough|leave\s+it|forget\s+it)\b", re.IGNORECASE)


def asks_something(text: str) -> bool:
    """Whether a stop comes with a question: asked, or said to have been asked.

    "Ok cool thanks, I'll leave it for now" asks nothing, whatever answer it looks like.
    """
    return (
        is_question(text)
        or any(opens_as_question(part) for part in sentences(text))
        or bool(_SAYS_IT_ASKED.search(text))
    )


def say_scope_reply(
    dispatcher: CollectingDispatcher, text: str, within: Collection[str] | None = None
) -> bool:
    """Say the scope reply of a question the guide leaves to others; whether there was one.

    "Not now. How many naproxen can I take a day?", "stop. can I take my brother's
    tramadol?": for a pharmacist or doctor, said so, rather than the nearest FAQ answer.
    Read from the words alone: a joint named beside the back ("mum takes it for her hip")
    does not make the question about that joint. `within` keeps to those scopes only.
    """
    scope = out_of_scope(text, (), ())
    if scope is None or scope.value not in SCOPE_RESPONSES:
        return False
    if within is not None and scope.value not in within:
        return False
    dispatcher.utter_message(response=SCOPE_RESPONSES[scope.value])
    return True


def answer_beside_a_stop(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
) -> list[EventType] | None:
    """Answer what a stop was said with, if it clearly asks something; None if not.

    "I didn't ask to book yet. What are your opening hours?": the hours; "stop. Can I do
    deadlifts?": the FAQ answer that clearly fits.
    """
    text = str(tracker.latest_message.get("text") or "")
    if asks_for_the_check_in(text):
        # "I'm not booking yet, I want you to check my symptoms first": the check-in.
        dispatcher.utter_message(response="utter_start_checkin")
        return [FollowupAction("symptom_checkin_form")]
    if (
        "utter_stopped_checkin" in replies_since_the_message(list(tracker.events))
        and asks_to_book(text)
        and not gives_up_booking(text)
    ):
        # "Stop. Can I just book for the knee": the questions left, the booking asked for.
        dispatcher.utter_message(response="utter_start_booking")
        return [FollowupAction("booking_form")]
    if asks_something(text) and say_scope_reply(dispatcher, text):
        return []
    topic = (
        answer_clear_question(dispatcher, tracker, domain, asked=True)
        if asks_something(text)
        else None
    )
    if topic is not None:
        return [SlotSet(name, value) for name, value in topic.items()]
    if asks_for_contact_details(str(tracker.latest_message.get("text") or "")):
        # "I don't have pain, I asked about your opening hours".
        give_contact(dispatcher, "utter_contact")
        return []
    return None


class ActionDeclineBooking(Action):
    """A no to the offered booking, and the answer to a question said with it."""

    def name(self) -> str:
        """Named in the rule for a no to the booking offer."""
        return "action_decline_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """'That's fine', then "can I still go to work?" answered as far as the guide goes.

        Also run after the scope reply read the no and its question as out of scope, where
        no rule says what follows: the conversation then waits for the patient.
        """
        events = self._decline(dispatcher, tracker, domain)
        if not any(event.get("event") == "followup" for event in events):
            events.append(FollowupAction("action_listen"))
        return events

    @staticmethod
    def _decline(
        dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        dispatcher.utter_message(response="utter_no_booking")
        text = str(tracker.latest_message.get("text") or "")
        if not declines_then_asks(text):
            return []
        if say_scope_reply(dispatcher, text):
            return []
        in_context = answer_in_context(dispatcher, tracker, domain)
        if in_context is not None:
            return list(in_context)
        topic = answer_clear_question(dispatcher, tracker, domain, asked=True)
        if topic is not None:
            return [SlotSet(name, value) for name, value in topic.items()]
        dispatcher.utter_message(response="utter_not_covered")
        return []


class ActionAnswerBesideStop(Action):
    """After a form is left on "stop", the question said with the stop, if any."""

    def name(self) -> str:
        """Named in the rules that leave the check-in, booking and managing forms."""
        return "action_answer_beside_stop"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """The answer when the stop asks something clearly; nothing otherwise."""
        return answer_beside_a_stop(dispatcher, tracker, domain) or []
