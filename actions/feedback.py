"""Whether an FAQ answer helped: two buttons on the answer, and the reply to the patient's word.

The buttons ride on the answer's own message, after its "read next" buttons, so a patient
who ignores them simply types the next question and is answered as before. They are left
off inside the check-in and booking forms, whose questions the patient is answering, and
in the emergency state, where only the urgent advice matters.
"""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.contact import contact_details
from actions.parse_data import ranking_from_parse_data
from clinic.booking.manage_requests import asks_to_cancel, decides_to_book
from clinic.faq.activities import (
    EXERCISE_TOPICS,
    NOT_EXERCISE,
    activity_asked_about,
    asks_how_much_exercise,
    asks_what_i_have,
    asks_what_to_avoid,
    asks_which_are_safe,
    other_painkiller_named,
    tells_a_side_effect,
)
from clinic.faq.catalogue import FaqCatalogue, FaqEntry
from clinic.faq.comparison import MEDICINE_ANSWERS
from clinic.faq.condition_topics import PHYSICAL_THERAPY, TREATMENT_OPTIONS
from clinic.faq.feedback import HELPFUL, no_more_wanted
from clinic.faq.followups import (
    DAILY_FUNCTION,
    EXERCISE_BENEFITS,
    SPECIALIST_CONSULTATION,
    asks_about_a_cure,
    asks_for_advice,
    asks_whether_to_work,
    fears_where_it_leads,
)
from clinic.faq.inbox import answered_key, turn_answered_before, turns
from clinic.scope import COVERED_CONDITIONS, about_pregnancy
from clinic.triage.pregnancy import pregnancy_earlier
from clinic.wording import about_someone_else, is_question, says_goodbye

FEEDBACK_BUTTONS = (
    {"title": "Yes, that helped", "payload": f"/{HELPFUL}"},
    {"title": "No, it didn't", "payload": "/faq_not_helpful"},
)
EMERGENCY_SLOT = "emergency_state"
LAST_FAQ_SLOT = "last_faq_key"
HELPED = "utter_faq_helped"
HELPED_GOODBYE = "utter_faq_helped_goodbye"
NOT_HELPED = "utter_faq_not_helpful"
NO_PHONE = {"phone": "the number on our website", "hours": "see our website for opening hours"}
"""Said in place of the phone and hours when clinic_config/contact.yml cannot be read."""


def feedback_wanted(tracker: Tracker) -> bool:
    """Whether an answer given now should carry the "did this help?" buttons."""
    return not tracker.active_loop.get("name") and not tracker.get_slot(EMERGENCY_SLOT)


# Answers that advise on medicines or exercise, which the guide does not give for pregnancy
# or breastfeeding: what a condition is, or what to tell a specialist, is still answered.
NOT_FOR_PREGNANCY = EXERCISE_TOPICS.union(MEDICINE_ANSWERS) - {
    "core_muscles",
    "joint_lubrication",
}


_CANNOT_DIAGNOSE = "utter_cannot_diagnose"
_TOPIC_NOT_COVERED = "utter_topic_not_covered"
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|my|me|myself)\b", re.IGNORECASE)


def pregnancy_told(tracker: Tracker) -> bool:
    """Whether any message so far says the patient is pregnant or breastfeeding.

    Not when the writer told of their own pregnancy and now asks about someone else ("my
    mum takes methotrexate, is that one of the options?"), nor when they told of someone
    else's and now ask about themselves in so many words; a pregnancy told of someone
    else ("my wife is 20 weeks") still holds for "can she take ibuprofen?".
    """
    said = [
        str(event.get("text") or "") for event in tracker.events if event.get("event") == "user"
    ]
    if not pregnancy_earlier(said):
        return False
    latest = str((tracker.latest_message or {}).get("text") or "")
    if about_pregnancy(latest):
        return True
    own = any(about_pregnancy(text) and not about_someone_else(text) for text in said)
    others = any(about_pregnancy(text) and about_someone_else(text) for text in said)
    if own and not others:
        return not about_someone_else(latest)
    if others and not own:
        # "My wife is 20 weeks ..." then "my heart flutters when I do my back exercises":
        # the writer's own question; "what stretches are safe?" may be hers, and still is.
        return not (_FIRST_PERSON.search(latest) and not about_someone_else(latest))
    return True


# What says the guide names no activity asked about, once a turn.
ACTIVITY_NOTES = frozenset({"utter_activity_not_covered", "utter_activity_question_not_covered"})


def activity_noted(dispatcher: CollectingDispatcher) -> bool:
    """Whether this turn already said the guide does not name an activity asked about."""
    return any(message.get("response") in ACTIVITY_NOTES for message in dispatcher.messages)


def say_entry(
    dispatcher: CollectingDispatcher,
    text: str,
    entry: FaqEntry,
    buttons: list[dict[str, Any]] | None = None,
    *,
    pregnant: bool = False,
) -> None:
    """Say one FAQ answer to `text`, wherever in the conversation it is given.

    "Is it arthritis do u think": a condition's definition alone would read as a yes, so
    it comes after the line that only a specialist who examines them can tell. Advice on
    medicines or exercise, to a patient who said they are pregnant or breastfeeding (in
    this message, or before when `pregnant`), is the pregnancy reply instead: "can I take
    ibuprofen?" a turn after "I'm breastfeeding" must not read as a yes.
    """
    if (
        entry.key in NOT_FOR_PREGNANCY
        and pregnant
        and not about_pregnancy(text)
        and asks_whether_to_work(text)
        and not asks_for_advice(text)
    ):
        # "And can I still work with osteoarthritis? office job", some turns after the
        # pregnancy reply: no advice on medicines or exercise asked, so not that reply
        # again, but that the guide does not say.
        dispatcher.utter_message(response=_TOPIC_NOT_COVERED, topic="whether you can work with it")
        return
    if entry.key in NOT_FOR_PREGNANCY and (pregnant or about_pregnancy(text)):
        dispatcher.utter_message(response="utter_scope_pregnancy")
        return
    if entry.key in MEDICINE_ANSWERS and tells_a_side_effect(text):
        # "My GP gave me naproxen but it upsets my stomach": not the general answer, which
        # would read as "keep taking it", but who to ask.
        dispatcher.utter_message(response="utter_side_effect_not_covered")
        return
    said = {message.get("response") for message in dispatcher.messages}
    activity = activity_asked_about(text) if entry.key in EXERCISE_TOPICS else None
    if activity is not None and activity not in NOT_EXERCISE and not said & ACTIVITY_NOTES:
        # "So deadlifts are fine this week then?": the guide names no such activity; said
        # before its general answer on exercise, which alone would read as a yes.
        dispatcher.utter_message(response="utter_activity_not_covered", activity=activity)
    if entry.key in COVERED_CONDITIONS and asks_what_i_have(text) and _CANNOT_DIAGNOSE not in said:
        # Once a turn, however many conditions' answers follow it.
        dispatcher.utter_message(response=_CANNOT_DIAGNOSE)
    caveat = answer_caveat(entry.key, text)
    if caveat is not None and not said & (ANSWER_CAVEATS | ACTIVITY_NOTES | {_TOPIC_NOT_COVERED}):
        response, values = caveat
        dispatcher.utter_message(response=response, **values)
    dispatcher.utter_message(response=entry.response_name, buttons=buttons)


ANSWER_CAVEATS = frozenset(
    {
        "utter_avoid_not_covered",
        "utter_exercise_amount_not_covered",
        "utter_cure_not_covered",
        "utter_medicine_not_named",
        "utter_whether_it_gets_worse",
    }
)
"""What is said before an answer that alone would read as answering more than it does."""


def answer_caveat(key: str, text: str) -> tuple[str, dict[str, str]] | None:
    """The caveat (response and its values) the answer for `key` needs before it, if any.

    "What exercises should I avoid with a herniated disc?", "how many physio sessions will
    I need?", "can degenerative disc disease be reversed?", "so that's a yes I can keep
    lifting boxes?": the guide's general answer would read as answering what it does not say.
    """
    if key in EXERCISE_TOPICS and (asks_what_to_avoid(text) or asks_which_are_safe(text)):
        return "utter_avoid_not_covered", {}
    if key in (*EXERCISE_TOPICS, PHYSICAL_THERAPY) and asks_how_much_exercise(text):
        return "utter_exercise_amount_not_covered", {}
    if key in (TREATMENT_OPTIONS, *COVERED_CONDITIONS) and asks_about_a_cure(text):
        return "utter_cure_not_covered", {}
    if key in (DAILY_FUNCTION, *EXERCISE_TOPICS) and asks_whether_to_work(text):
        return "utter_activity_not_covered", {"activity": "your work"}
    if key in MEDICINE_ANSWERS and (medicine := other_painkiller_named(text)):
        # "What about co-codamol?": the guide names only anti-inflammatories.
        return "utter_medicine_not_named", {"medicine": medicine}
    if key == SPECIALIST_CONSULTATION and fears_where_it_leads(text):
        # "Does that mean I'll end up in a wheelchair?": that the guide cannot say how their
        # own back will go, before what it says of getting help early.
        return "utter_whether_it_gets_worse", {}
    return None


def say_answer(dispatcher: CollectingDispatcher, tracker: Tracker, entry: FaqEntry) -> None:
    """Say the FAQ answer, with the feedback buttons when they do not get in the way."""
    buttons = [dict(button) for button in FEEDBACK_BUTTONS] if feedback_wanted(tracker) else None
    text = str((tracker.latest_message or {}).get("text") or "")
    say_entry(dispatcher, text, entry, buttons, pregnant=pregnancy_told(tracker))


# How near an exercise answer must rank to be the one said after an activity the guide
# does not name; otherwise the general answer about exercise.
_NEAR_ENOUGH = 3


def nearest_exercise_answer(parse_data: dict[str, Any]) -> str:
    """The exercise answer the classifier ranks highest among its first few, or the general one.

    "Are planks ok for a weak core?" is nearest the core muscles' answer; "is swimming good
    for my disc?" may be nearest none of them, and gets what the guide says of exercise.
    """
    ranked = [candidate.key for candidate in ranking_from_parse_data(parse_data)[:_NEAR_ENOUGH]]
    return next((key for key in ranked if key in EXERCISE_TOPICS), EXERCISE_BENEFITS)


def say_activity_answer(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], activity: str
) -> list[EventType]:
    """An activity the guide does not name ("is yoga ok?"): said so, then the nearest answer.

    The general answer alone would read as a yes to the activity.
    """
    dispatcher.utter_message(response="utter_activity_not_covered", activity=activity)
    catalogue = FaqCatalogue.from_domain(domain)
    entry = catalogue.get(nearest_exercise_answer(tracker.latest_message or {}))
    entry = entry or catalogue.get(EXERCISE_BENEFITS)
    if entry is None:
        return []
    say_answer(dispatcher, tracker, entry)
    return [SlotSet(LAST_FAQ_SLOT, entry.key)]


def key_answered_before(tracker: Tracker) -> str | None:
    """The FAQ answered in reply to the patient's previous message, if one was."""
    conversation = list(turns(list(tracker.events)))
    before = turn_answered_before(conversation, len(conversation) - 1)
    return answered_key(conversation[before][1]) if before is not None else None


_BOOK_IT_NOW = re.compile(
    r"\bbook\s+(?:it|me\s+in|me\s+one|one|that)\b(?![^.!?]*\b(?:later|another\s+time|myself))",
    re.IGNORECASE,
)


class ActionFaqFeedback(Action):
    """The reply to "that helped", "it didn't answer my question", thanks or "no" after an answer.

    A "no" or "that's not what I meant" without an answer just before gets the reply its
    own rule would give.
    """

    def name(self) -> str:
        """Named in the feedback rules in data/rules.yml."""
        return "action_faq_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Glad it helped; or sorry, with a way to ask again or reach a specialist.

        The reply names are what the staff inbox counts (clinic/faq/inbox.py), so they are
        said only right after an answer: thanks for nothing in particular is just thanks,
        and a "no thanks" after an answer is not held against it.
        """
        latest = tracker.latest_message or {}
        intent = str((latest.get("intent") or {}).get("name") or "")
        text = str(latest.get("text") or "")
        answered = key_answered_before(tracker) is not None
        if (
            _BOOK_IT_NOW.search(text)
            and not asks_to_cancel(text)
            # In a form, the form reads it ("ok book it then, thanks" at the confirmation).
            and not tracker.active_loop_name
        ):
            # "Ok fine book it then", "ok book it then. thanks", however the classifier
            # read it: the booking.
            dispatcher.utter_message(response="utter_start_booking")
            return [FollowupAction("booking_form")]
        if intent in (HELPFUL, "thank"):
            # Thanks right after an answer say it helped; otherwise they are just thanks.
            # "Thank you, I shall telephone my daughter. Goodbye.": a goodbye, not more offered.
            if says_goodbye(text) and not is_question(text):
                dispatcher.utter_message(response=HELPED_GOODBYE if answered else "utter_goodbye")
                return []
            dispatcher.utter_message(response=HELPED if answered else "utter_you_are_welcome")
            return []
        if decides_to_book(text):
            # "OK. Yes please book it" under an answer, after the check-in's offer, or
            # "what other question? ok I book. monday morning please": the booking, not a
            # word on the answer.
            dispatcher.utter_message(response="utter_start_booking")
            return [FollowupAction("booking_form")]
        if intent == "affirm":
            # "Yeah" under "did that help?" says it did; with no answer before, it is
            # only a yes, and more help is offered.
            dispatcher.utter_message(response=HELPED if answered else "utter_anything_else")
            return []
        if intent == "something_else" and not answered:
            dispatcher.utter_message(response="utter_ask_rephrase")
            return []
        if intent == "deny" and (not answered or no_more_wanted(text)):
            dispatcher.utter_message(response="utter_anything_else")
            return []
        dispatcher.utter_message(response=NOT_HELPED, **(contact_details() or NO_PHONE))
        return []
