"""Put the patient in touch with a person: the clinic's phone, hours and address."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.booking_history import changed_here
from actions.checkin_slots import criteria_met_so_far
from actions.free_slots import clinic_now, clinicians_on_the_schedule
from actions.parse_data import question_answers_from_parse_data
from clinic.booking.contact import find_contacts
from clinic.booking.manage_requests import will_phone_clinic
from clinic.contact import ContactFileError, load_contact
from clinic.faq.catalogue import FaqCatalogue
from clinic.faq.followups import WHEN_TO_SEE_SPECIALIST, asks_if_they_should_be_seen
from clinic.settings import load_clinic_settings
from clinic.triage.red_flags import tells_own_pain_and_asks, tells_own_story
from clinic.wording import (
    asks_about_clinicians,
    asks_for_contact_details,
    asks_out_of_hours,
    asks_to_book,
    complains_about_the_clinic,
)

BOOKING_FORM = "booking_form"
CALLBACK_FORM = "callback_form"
BOOK_BUTTON = {"title": "Book a consultation", "payload": "/request_appointment"}


def say_booking_stopped(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """Say the booking (or the move) is stopped, and which appointment, if any, stays.

    Chosen here, not by conditional responses: Rasa picks at random among variations whose
    conditions all match, and a condition cannot say "is set".
    """
    reference = tracker.get_slot("booking_reference")
    cancelled = changed_here(tracker).cancelled
    moving = tracker.get_slot("reschedule_from")
    if moving and moving not in cancelled:
        dispatcher.utter_message(response="utter_stopped_booking_move")
    elif reference and reference not in cancelled:
        # (One cancelled here is not "still as it is".)
        dispatcher.utter_message(response="utter_stopped_booking_kept")
    else:
        dispatcher.utter_message(response="utter_stopped_booking")


# "When will they ring?", "will someone call today?": about the call already arranged.
_ABOUT_THE_CALL = re.compile(
    r"\b(?:ring|call|phone|contact)\w*\b[^.?!]*\?|\bwhen\s+will\s+(?:they|you|someone|somebody)\b",
    re.IGNORECASE,
)


class ActionContact(Action):
    """Give the clinic's contact details from clinic_config/contact.yml."""

    def name(self) -> str:
        """Named in the rule for the `request_human` intent."""
        return "action_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """The details, or a kind pointer to the clinic's website if the file is broken.

        A question about the clinic itself (its services, costs, what to bring) is one
        only its team can answer, and the reply says so. Asked who the clinicians are, or
        for a kind of clinician ("a female doctor"), it names who patients can book with.
        """
        latest = tracker.latest_message or {}
        intent = (latest.get("intent") or {}).get("name")
        about_clinicians = intent == "ask_clinic_info" and asks_about_clinicians(
            str(latest.get("text") or "")
        )
        in_a_form = bool(tracker.active_loop_name)
        if about_clinicians and await name_the_clinicians(dispatcher, in_a_form):
            return []
        text = str(latest.get("text") or "")
        if tracker.get_slot("callback_outcome") in ("saved", "already"):
            new = find_contacts(text, load_clinic_settings().phone_region)
            if new and new.phone and new.phone != tracker.get_slot("patient_phone"):
                # "You can't call an email lol. Number is 07700 900733": for the call-back
                # already arranged, whose action puts its contact right.
                return [FollowupAction("action_request_callback")]
        # "Waiting 3 weeks for a call back, this is ridiculous, can I speak to a person?":
        # an apology with the phone, not the plain details.
        complaint = complains_about_the_clinic(text)
        if (
            not in_a_form
            and not complaint
            and asks_if_they_should_be_seen(text)
            and (met := criteria_met_so_far(tracker, text))
        ):
            # "Wait so do i need 2 see sum1 or not?? the pins n needles r still there": a
            # yes from what the patient told, with the booking offered, not the phone.
            dispatcher.utter_message(response="utter_criterion_met_offer", triage_reasons=met)
            return []
        response = "utter_sorry_for_the_trouble" if complaint else contact_response(intent, text)
        if tracker.active_loop_name == CALLBACK_FORM and response == "utter_contact":
            # Already arranging the call back: the details, without "say 'call me back'".
            response = "utter_contact_details"
        if (
            tracker.get_slot("callback_outcome") in ("saved", "already")
            and response in ("utter_contact", "utter_clinic_info")
            and _ABOUT_THE_CALL.search(text)
        ):
            # "Roughly when will they ring?" after the call back was arranged: the request
            # stands, and when the team calls; not "say 'call me back'" again.
            give_contact(dispatcher, "utter_callback_already")
            return []
        give_contact(dispatcher, response)
        if not in_a_form and intent == "ask_clinic_info" and _WHEN_TO_COME.search(text):
            # "How much does a consultation cost and when should I get one?": the cost is
            # the team's; when to be seen is the guide's, said too. (Imported here: the
            # feedback module gives the team's details through this one.)
            from actions.feedback import LAST_FAQ_SLOT, say_answer

            entry = FaqCatalogue.from_domain(domain).get(WHEN_TO_SEE_SPECIALIST)
            if entry is not None:
                say_answer(dispatcher, tracker, entry)
                return [SlotSet(LAST_FAQ_SLOT, entry.key)]
        if (
            not in_a_form
            and intent == "ask_clinic_info"
            and asks_to_book(text)
            and not latest.get("scope")
        ):
            # "I'd like to book for my father. Is there step-free access?": the question
            # is for the team, and the booking asked for begins (not for a treatment or
            # joint outside the guide, which the team must first say the clinic offers).
            dispatcher.utter_message(response="utter_start_booking")
            return [FollowupAction(BOOKING_FORM)]
        if (
            not in_a_form
            and intent == "ask_clinic_info"
            and (
                len(text.split()) > _LONG_MESSAGE_WORDS or question_answers_from_parse_data(latest)
            )
        ):
            # A long message with a question for the team in it ("... what does stenosis
            # mean and can you help me?"), or a question for the guide beside the team's
            # ("how much is a physio session and does PT help disc problems?"): its
            # questions for the guide are answered too, and the story of the pain goes to
            # the check-in, which reads it.
            return _the_rest_of_a_long_message(dispatcher, tracker, domain, text)
        if tracker.active_loop_name == BOOKING_FORM and will_phone_clinic(text):
            # "I'd rather just ring": the booking is left, not asked for again.
            say_booking_stopped(dispatcher, tracker)
            return [
                ActiveLoop(None),
                SlotSet("requested_slot", None),
                FollowupAction("action_listen"),
            ]
        return []


_LONG_MESSAGE_WORDS = 25
_WHEN_TO_COME = re.compile(
    r"\bwhen\s+(?:should|do|would|must|shall)\s+(?:i|we|he|she|they)\s+(?:get|book|have|need)\s+"
    r"(?:one|a\s+consult\w*|an?\s+appointment|to\s+(?:come\s+in|see\s+(?:someone|a\s+specialist)))\b",
    re.IGNORECASE,
)


def _the_rest_of_a_long_message(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any], text: str
) -> list[EventType]:
    """The FAQ answers a long message asks for beside the team's details, then the check-in.

    Imported here: the unclear-message and scope actions give the team's details through
    this module.
    """
    from actions.scope import reply_beside_the_back
    from actions.unclear import answer_each_question

    beside = reply_beside_the_back(tracker.latest_message or {})
    if beside is not None:
        # "... could it be cancer? and how much does a consultation cost?": the worry too.
        dispatcher.utter_message(response=beside)
    topic = answer_each_question(dispatcher, tracker, domain)
    today = dt.date.today()
    if tells_own_pain_and_asks(text, today) or tells_own_story(text, today):
        from actions.checkin_start import start_checkin

        return start_checkin(dispatcher, text, topic)
    return topic


async def name_the_clinicians(dispatcher: CollectingDispatcher, in_a_form: bool) -> bool:
    """Say who patients can book with and that the team takes other wishes about who.

    Outside a form the reply offers a booking. False, with nothing said, when the
    scheduling service cannot tell who is working.
    """
    clinicians = await clinicians_on_the_schedule(clinic_now())
    details = contact_details()
    if not clinicians or not details:
        return False
    named = "; ".join(f"{name}, {slot.clinician_role}" for name, slot in clinicians.items())
    dispatcher.utter_message(
        response="utter_clinicians",
        clinicians=named,
        buttons=[] if in_a_form else [BOOK_BUTTON],
        **details,
    )
    return True


def contact_response(intent: str | None, text: str = "") -> str:
    """The reply with the clinic's details that fits what was asked.

    A question about the clinic itself gets "our team can answer that"; a request for a
    person, the details alone; a question about when the clinic is closed, the details
    with where to turn then, when the contact file says.
    """
    if asks_out_of_hours(text) and contact_details().get("out_of_hours"):
        return "utter_contact_out_of_hours"
    if asks_for_contact_details(text):
        return "utter_contact"  # the hours, phone or address asked for are the answer
    return "utter_clinic_info" if intent == "ask_clinic_info" else "utter_contact"


def contact_details() -> dict[str, str]:
    """The clinic's phone, hours and address for a response's {phone} and the like.

    Empty if the contact file cannot be read; `give_contact` then says so kindly.
    """
    try:
        contact = load_contact(load_clinic_settings().contact_file)
    except ContactFileError:
        return {}
    return {
        "phone": contact.phone,
        "hours": contact.hours,
        "address": contact.address,
        "emergency_number": contact.emergency_number,
        **({"out_of_hours": contact.out_of_hours} if contact.out_of_hours else {}),
    }


def give_contact(dispatcher: CollectingDispatcher, response: str) -> None:
    """Say `response` with the clinic's phone, hours and address filled in.

    If the contact file cannot be read, the patient is pointed to the website instead.
    """
    details = contact_details()
    if not details:
        dispatcher.utter_message(response="utter_contact_unavailable")
        return
    dispatcher.utter_message(response=response, **details)
