"""Booking hand-off: validate the booking form, offer free times, book, cancel.

Parsing lives in clinic/booking, the referral summary in clinic/triage, and all I/O in
action_server/io/ (the scheduling client and the durable outbox). Rules in
data/rules_booking.yml say the outcome this module puts into slots.
"""

from __future__ import annotations

import copy
import functools
import logging
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import replace
from datetime import datetime, time, timedelta
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActionExecutionRejected, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from action_server.io.callbacks import CallbackRequest, CallbackStore
from action_server.io.outbox import Booked, BookingLookup, BookingService, Pending, UnknownBooking
from action_server.io.scheduling_client import (
    BookingRequest,
    SchedulingError,
    Slot,
    SlotTaken,
    new_booking_reference,
)
from actions.checkin_slots import checkin_from_tracker
from actions.contact import (
    contact_details,
    contact_response,
    give_contact,
    name_the_clinicians,
    say_booking_stopped,
)
from actions.feedback import say_entry
from actions.forms import (
    UNKNOWN_CONTACT,
    answer_clear_question,
    drop_repeated_replies,
    reject,
    say_scope_reply,
)
from actions.free_slots import (
    MAX_CANDIDATES,
    WHOLE_DAY,
    clinic_now,
    clinicians_on_the_schedule,
    free_slots,
)
from actions.parse_data import intent_from_parse_data
from actions.scope import RESPONSES as SCOPE_RESPONSES
from actions.unclear import clear_faq_entry, recent_replies, replies_since_the_message
from clinic.booking.choices import (
    ANY_ROLE,
    MORE_TIMES,
    NONE_ANSWERS,
    NONE_OF_THESE,
    NONE_START,
    ROLE_NAMES,
    SWITCH_TO,
    accepts_any_clinician,
    after_correction,
    asks_for_another_booking,
    asks_for_clinician,
    asks_to_switch_clinician,
    at_same_time,
    availability_said,
    bare_hour_as_clock,
    books_for_someone_else,
    by_clock_time,
    clinicians_by_role,
    compact_clock,
    day_of,
    named_clinicians,
    names_a_clock_time,
    names_a_weekday,
    names_someone,
    offer_fits_role,
    offer_named_by_day_and_time,
    pick_by_date,
    pick_by_weekday,
    pick_index,
    pick_with_clinician,
    prefers_a_clinician,
    puts_a_time_aside,
    refused_clinicians,
    relative_to_day,
    role_fits,
    same_clinician_at_the_time,
    takes_the_one_shown,
    the_one_listed_before,
    wanted_role,
    with_earlier_day,
    with_earlier_time_of_day,
    with_new_part_of_day,
    without_clinician_kind,
    without_names,
    without_reasons,
)
from clinic.booking.confirmation import (
    answers_after_a_question,
    asks_how_long_it_lasts,
    asks_the_time_back,
    declines_booking,
    read_confirmation,
    wants_no_change,
)
from clinic.booking.contact import (
    Contacts,
    changed_contacts,
    find_contacts,
    phone_digits_put_right,
)
from clinic.booking.manage_requests import (
    asks_booking_status,
    asks_for_sooner,
    asks_to_cancel,
    asks_to_move,
    keeps_the_booking,
)
from clinic.booking.names import (
    corrected_name,
    given_name,
    name_instead,
    name_part_changed,
    parse_name,
    word_of_name_replaced,
)
from clinic.booking.offers import clock_text, distinct_times_first
from clinic.booking.preferences import (
    anytime_from,
    asks_for_the_latest,
    describe_slot,
    latest_of_each_day,
    matches,
    offer_titles,
    on_any_day,
    on_the_same_weekdays,
    parse_time_preference,
    time_of_day_words,
)
from clinic.booking.references import find_reference
from clinic.booking.time_preference import (
    HORIZON,
    WORKING_DAYS,
    TimePreference,
    allows_day,
    search_windows,
)
from clinic.booking.time_words import WEEKDAY_WORDS, exact_clock_asked, ruled_out_weekdays
from clinic.contact import ContactFileError, load_contact
from clinic.faq.catalogue import FaqEntry
from clinic.language import detect_language
from clinic.settings import load_clinic_settings
from clinic.triage.referral import clinic_referral_rules, decide, summary_for_staff
from clinic.triage.yes_no import parse_yes_no
from clinic.wording import (
    SENTENCE_BREAK,
    THANKS_WORDS,
    asks_about_clinicians,
    asks_about_cost,
    asks_about_the_service,
    asks_about_the_visit,
    asks_for_contact_details,
    asks_to_be_called,
    asks_what_helps_meanwhile,
    asks_why_it_is_asked,
    is_question,
    mentions_booking,
    opens_as_question,
    side_clauses,
)
from startup.settings import load_settings

logger = logging.getLogger(__name__)

OPTIONS_PER_PAGE = 3
READ_ANSWER = "read the answer"
"""What extraction puts in `booking_confirmed` for validation to read (any answer but yes)."""


@functools.lru_cache(maxsize=1)
def booking_service() -> BookingService:
    """One outbox engine and client per action-server process, made on first use."""
    return BookingService.from_settings(load_settings())


def _taken_as_named(said: str, found: dict[str, Any]) -> dict[str, Any]:
    """A search's result, with the time taken when the answer named exactly one of it.

    "Half 5 with Dr Okafor" when 5:30 was offered with someone else: their 5:30, taken as
    asked, not shown as a list to pick from again.
    """
    offered = (found.get("slot_candidates") or [])[:OPTIONS_PER_PAGE]
    if not names_a_clock_time(said):
        return found
    picked = by_clock_time(said, offered)
    if picked is None or not (names_someone(said) or wanted_role(said.lower())):
        # "The tuesday at 11.30 will do nicely", "tomorrow 9 is good": one of the times
        # found named by its day and clock time, taken rather than listed again.
        picked = offer_named_by_day_and_time(said, offered)
    if picked is None:
        return found
    return found | _chosen(picked)


def _chosen(offer: dict[str, str]) -> dict[str, Any]:
    """The slots that hold `offer` as the time chosen: its id, button title and details."""
    return {
        "chosen_slot_id": offer["id"],
        "chosen_slot_title": offer["title"],
        "chosen_slot_details": offer.get("details") or offer["title"],
    }


def _but_not_on(preference: TimePreference, ruled_out: frozenset[int]) -> TimePreference:
    """`preference` on any weekday but those ruled out ("Tuesday is no good"), 0 = Monday."""
    if not ruled_out:
        return preference
    return replace(preference, weekdays=frozenset(range(7)) - ruled_out)


def one_page(candidates: list[dict[str, str]], page: int) -> list[dict[str, str]]:
    """The times shown on page `page` (from 0) of the offers."""
    return candidates[page * OPTIONS_PER_PAGE : (page + 1) * OPTIONS_PER_PAGE]


def option_slots(candidates: list[dict[str, str]], page: int) -> list[EventType]:
    """Fill the three button slots of `utter_ask_chosen_slot_id` from one page of times."""
    shown = one_page(candidates, page)
    events: list[EventType] = [
        SlotSet("slot_option_count", str(len(shown))),
        SlotSet("slot_offer_page", float(page)),
    ]
    for number in range(1, OPTIONS_PER_PAGE + 1):
        option = shown[number - 1] if number <= len(shown) else None
        events.append(SlotSet(f"slot_option_{number}", option["id"] if option else None))
        events.append(SlotSet(f"slot_option_{number}_title", option["title"] if option else None))
    return events


def _events_to_dict(events: list[EventType]) -> dict[str, Any]:
    return {event["name"]: event["value"] for event in events}


def topics_asked(tracker: Tracker) -> list[str]:
    """The FAQ answers this patient was given, for the staff summary."""
    topics = []
    for event in tracker.events:
        action = (event.get("metadata") or {}).get("utter_action") or ""
        if event.get("event") == "bot" and action.startswith("utter_faq/"):
            key = action.removeprefix("utter_faq/")
            if key not in topics:
                topics.append(key)
    return topics


def handoff_summary(tracker: Tracker) -> str:
    """Everything staff need so that they never ask again."""
    checkin = checkin_from_tracker(tracker)
    decision = decide(checkin, clinic_referral_rules())
    parts = [summary_for_staff(checkin, decision)]
    topics = topics_asked(tracker)
    if topics:
        parts.append("Topics asked about: " + ", ".join(t.replace("_", " ") for t in topics) + ".")
    preferred = tracker.get_slot("preferred_time")
    if preferred:
        parts.append(f"Preferred times: {preferred}.")
    return " ".join(parts)


_DIGIT_RUN = re.compile(r"\+?\d[\d\s().-]{4,}\d")


def _started_by_this_message(tracker: Tracker) -> bool:
    """Whether the booking form starts with the latest message.

    As a form starts, Rasa already names it the active loop, with the message that
    started it as its trigger.
    """
    loop = tracker.active_loop or {}
    if loop.get("name") != "booking_form":
        return True
    trigger = (loop.get("trigger_message") or {}).get("message_id")
    return trigger is not None and trigger == (tracker.latest_message or {}).get("message_id")


def _replied_since_the_message(tracker: Tracker, action: str) -> bool:
    """Whether `action` has run since the patient's latest message."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "action" and event.get("name") == action:
            return True
    return False


_WHO_AND_HOW_TO_REACH = ("patient_name", "patient_contact", "patient_phone", "patient_email")


class ValidateBookingForm(FormValidationAction):
    """A time first (searched on the requested days), then name, contact and a confirmation.

    Patients see what is free before giving their details. At the confirmation they may
    change the time, the clinician or a detail in their own words; "no" asks what to change.
    """

    def name(self) -> str:
        """Rasa calls this for each answer to the booking form."""
        return "validate_booking_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """As the form starts, a question said with the request is answered, not dropped.

        "Yes please. Also can I take 2 naproxen instead of 1?": the booking goes on, and
        the question gets its reply first. A time in the request is searched by
        `validate_preferred_time`, which answers the question beside it. A reply two
        parts of the turn both give is said once.
        """
        events = await self._run(dispatcher, tracker, domain)
        drop_repeated_replies(dispatcher)
        return events

    async def _run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        starting = tracker.active_loop.get("name") != "booking_form"
        if (
            not starting
            and _latest_intent(tracker) == "cancel_appointment"
            and tracker.get_slot("reschedule_from")
            and asks_to_cancel(_latest_text(tracker))
        ):
            # "Actually no, just cancel it altogether" while moving a booking: the booking
            # being moved is cancelled, by the rule for cancelling (after its own check).
            return [ActionExecutionRejected(self.form_name())]
        if (
            not starting
            and _latest_intent(tracker) == "stop"
            and not _replied_since_the_message(tracker, "action_answer_beside_stop")
        ):
            # Rejected, so that the rule for a stop runs: details read again from earlier
            # messages (a second booking's name and contact) would count as an answer.
            # A booking started by what the stop was said with ("stop the questions, can
            # I just book") comes after that rule, and goes on.
            return [ActionExecutionRejected(self.form_name())]
        if (
            not starting
            and _latest_intent(tracker) == "request_callback"
            and tracker.get_slot("requested_slot") in ("preferred_time", "chosen_slot_id")
        ):
            # "Ugh ok just get someone to call me back then. its Kayleigh 07700 900 551":
            # the call back, by its rule; the name and number in it are not the time.
            return [ActionExecutionRejected(self.form_name())]
        scope = str((tracker.latest_message or {}).get("scope") or "")
        if not starting and _latest_intent(tracker) == "out_of_scope" and scope in SCOPE_RESPONSES:
            # "I'm 14 tho, do you see kids?", "can I take ibuprofen with my tablets till
            # then?": no answer to the booking's question; the rule for questions outside the
            # guide replies (`action_scope_in_booking`), then the question is asked again:
            # once that reply is given, the form only asks its question again.
            if not _replied_since_the_message(tracker, "action_scope_in_booking"):
                return [ActionExecutionRejected(self.form_name())]
            requested = tracker.get_slot("requested_slot")
            latest = _latest_text(tracker)
            if not requested or tracker.get_slot(requested) != latest:
                return []
            if (
                requested not in ("preferred_time", "chosen_slot_id")
                or parse_time_preference(latest, clinic_now()) is None
            ):
                # "Does Dr Okafor do hips?" was taken as the answer by its words alone: it
                # is none, and the question is asked again.
                return [SlotSet(requested, None)]
            # "Is the sports doctor free tues arvo? He'd be best for a football knee": the
            # time said is searched. (Rasa validates only the slots a form run itself
            # extracts, and this one was extracted before the scope reply.)
            validate = (
                self.validate_preferred_time
                if requested == "preferred_time"
                else self.validate_chosen_slot_id
            )
            found = {requested: None, **await validate(latest, dispatcher, tracker, domain)}
            return [SlotSet(name, value) for name, value in found.items()]
        text = _latest_text(tracker)
        requested = tracker.get_slot("requested_slot")
        if (
            not starting
            and requested in ("booking_confirmed", "chosen_slot_id")
            and (
                _replied_since_the_message(tracker, "action_contact")
                or _replied_since_the_message(tracker, "action_match_faq")
            )
            and asks_to_switch_clinician(text)
        ):
            # "Is Rhian a physio? I think I need a doctor first. Can I switch to Dr Okafor
            # same morning?": the question about who is answered by its rule, and the
            # switch asked for with it is made, not the old time confirmed again.
            validate = (
                self.validate_booking_confirmed
                if requested == "booking_confirmed"
                else self.validate_chosen_slot_id
            )
            # Read from the sentences that ask for the switch: the one asked about ("is
            # Rhian a physio?") is not the one asked for.
            switch = " ".join(part for part in _SENTENCES.split(text) if SWITCH_TO.search(part))
            switched = copy.copy(tracker)
            switched.latest_message = {**(tracker.latest_message or {}), "text": switch}
            value = READ_ANSWER if requested == "booking_confirmed" else switch
            found = await validate(value, dispatcher, switched, domain)
            return [SlotSet(name, value) for name, value in found.items()]
        reset: list[EventType] = []
        if (
            _started_by_this_message(tracker)
            and tracker.get_slot("booking_reference")
            and tracker.get_slot("patient_name")
            and books_for_someone_else(text)
        ):
            # "Great, can I also book one for my sister?": her name and contact are asked
            # for, not the first booking's reused.
            for slot in _WHO_AND_HOW_TO_REACH:
                tracker.slots[slot] = None
                reset.append(SlotSet(slot, None))
        if starting and parse_time_preference(text, clinic_now()) is None:
            await _answer_side_question(
                dispatcher,
                text,
                clinic_now(),
                functools.partial(clear_faq_entry, tracker.latest_message, domain),
            )
        events = await super().run(dispatcher, tracker, domain)
        if reset:
            # Rasa hands the form's filled slots back for validation as it starts: the
            # first booking's name and contact are not to come back that way.
            events = [
                event
                for event in events
                if not (event.get("event") == "slot" and event.get("name") in _WHO_AND_HOW_TO_REACH)
            ]
        return [*reset, *events]

    async def extract_preferred_time(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A time said in the request itself ("book me for Friday afternoon").

        When moving a booking, the request to move it counts too ("move JPC-AB12CD to any
        afternoon next week"): the questions in between were about the old booking.
        """
        if (
            tracker.get_slot("requested_slot") == "preferred_time"
            and _latest_intent(tracker) in _ASKED_BESIDE_A_TIME
        ):
            # "When is it now, remind me? And he'd like Monday or Tuesday afternoon": the
            # question gets its reply, and the time said with it is not asked for again.
            latest = _latest_text(tracker)
            if parse_time_preference(latest, clinic_now()) is not None:
                return {"preferred_time": latest}
        if tracker.get_slot("requested_slot"):
            return {}
        if tracker.get_slot("preferred_time"):
            # A booking started again after a stop: a time said in the new request ("book
            # me for Friday then") replaces the one left behind, and its chosen slot.
            latest = _latest_text(tracker)
            said_again = _latest_intent(tracker) == "request_appointment" and parse_time_preference(
                latest, clinic_now()
            )
            if said_again and latest != tracker.get_slot("preferred_time"):
                return {"preferred_time": latest, "chosen_slot_id": None}
            return {}
        # "He can only come after 5", said with the story before the check-in led here, or
        # "ok book then, thursday morning" asked before the check-in's safety question.
        texts = [
            _latest_text(tracker),
            *_recent_booking_requests(tracker),
            *_availability_said_before(tracker),
        ]
        if tracker.get_slot("reschedule_from"):
            # "The Friday after", "same day": counted from the appointment being moved.
            # It comes first: "I have the dentist Tuesday morning, can I move it to Thursday
            # evening?" names a time that does not suit before the one wished for.
            old_day = day_of(str(tracker.get_slot("booking_time_text") or ""), clinic_now().date())
            wish = _new_time_wish(request_text(tracker, _RESCHEDULE_INTENTS))
            texts.insert(0, relative_to_day(wish, old_day))
        now = clinic_now()
        for index, text in enumerate(texts):
            if text and (preference := parse_time_preference(text, now)) is not None:
                if index == 0 and _only_a_clock_time(preference, now):
                    # "Yes please, friday morning ideally", then "9:30" once the safety
                    # question was asked again: the day said before, at that time.
                    day = next(
                        (
                            earlier
                            for earlier in texts[1:]
                            if earlier
                            and (told := parse_time_preference(earlier, now)) is not None
                            and not _only_a_clock_time(told, now)
                        ),
                        None,
                    )
                    if day is not None:
                        return {"preferred_time": f"{day}. {text}"}
                return {"preferred_time": text}
        return {}

    async def extract_patient_contact(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A phone number or email when asked for, or given in the request itself.

        "Book me Friday at 10, my number is 07700 900456": not asked for again later.
        """
        requested = tracker.get_slot("requested_slot")
        text = _latest_text(tracker)
        if (
            requested in ("patient_name", "patient_contact")
            and not tracker.get_slot("patient_contact")
            and not contacts_in(text)
            and _SAME_CONTACT.search(text)
            and (earlier := _said_earlier(tracker, _has_contact)) is not None
        ):
            # "Harriet Osei, same number as the old booking": the one given a moment ago.
            return {"patient_contact": earlier}
        if requested in _BEFORE_DETAILS and _has_contact(text):
            # "9am is good. Carmen López, telephone +34 612 345 678": the contact given now
            # wins over one read from an earlier message.
            return {"patient_contact": text}
        if requested != "patient_contact" and (
            requested not in _BEFORE_DETAILS or tracker.get_slot("patient_contact")
        ):
            return {}
        if contacts_in(text):
            return {"patient_contact": text}
        if requested in _BEFORE_DETAILS:
            # "Our number is 07700 900789", said with the story before the booking began.
            earlier = _said_earlier(tracker, _has_contact)
            return {"patient_contact": earlier} if earlier else {}
        return {}

    async def extract_patient_name(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A name given with the contact details, or in the request itself.

        "It's Jo Bloggs, 07700..." when the contact was asked for; "book me in, my name is
        Maria Lopez" when the booking starts.
        """
        if tracker.get_slot("patient_name"):
            return {}
        if tracker.get_slot("requested_slot") in _BEFORE_DETAILS:
            # "930 with Lindqvist, name is Sofia Rossi": kept while the time is chosen.
            text = _latest_text(tracker)
            name = given_name(text) or _name_before_contact(text) or _name_given_earlier(tracker)
            if name is None:
                # "His name is George Papadopoulos", said with the story before booking.
                told = _said_earlier(tracker, given_name)
                name = given_name(told) if told else None
            return {"patient_name": name} if name else {}
        if tracker.get_slot("requested_slot") == "patient_name":
            # "Jay Patel. Do I need a referral from my GP?": read as a question, so Rasa
            # leaves the answer out; the name said first still answers what was asked (and
            # `validate_patient_name` keeps contact details said with it).
            text = _latest_text(tracker)
            contacts = contacts_in(text)
            rest = contacts.rest if contacts else text
            asks = _latest_intent(tracker) in _QUESTION_INTENTS
            if asks and "patient_name" not in tracker.slots_to_validate() and parse_name(rest):
                # The form goes on with the name, so the question is answered here.
                _answer_said_beside(dispatcher, tracker, domain)
                return {"patient_name": text}
            return {}
        if tracker.get_slot("requested_slot") != "patient_contact":
            return {}
        contacts = contacts_in(_latest_text(tracker))
        name = parse_name(contacts.rest) if contacts and contacts.rest else None
        return {"patient_name": name} if name else {}

    async def extract_chosen_slot_id(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A time chosen in a message that also asks something ("1:30 please. Parking?").

        The question is answered by its own rule, which the slot's mapping leaves the
        message to; the choice said beside it is kept rather than asked for again.
        """
        picked_before = (
            _pick_told_with_the_alarm(tracker)
            if tracker.get_slot("slot_candidates") and not tracker.get_slot("chosen_slot_id")
            else None
        )
        if picked_before is not None:
            # "9:30 wednesday. Moira, moira@... my husband has chest pain", then "that was
            # last winter, finish my booking please": the time chosen with the alarm (the
            # alarm left no question open).
            return {"chosen_slot_id": picked_before}
        if tracker.get_slot("requested_slot") != "chosen_slot_id":
            return {}
        moving = tracker.get_slot("reschedule_from")
        # "2pm. but seriously when is my current one", while moving a booking: the choice,
        # and when the booking being moved is.
        asks_when_it_is = bool(moving) and _latest_intent(tracker) == "ask_booking_status"
        if _latest_intent(tracker) not in _QUESTIONS_BESIDE_A_CHOICE and not asks_when_it_is:
            return {}
        sentences = [part for part in _SENTENCES.split(_latest_text(tracker)) if part.strip()]
        for sentence in sentences:
            if asks_when_it_is and not _CLOCK_PICK.search(sentence):
                # "But what day is my appointment now? Please tell me first": "first" is
                # no choice beside that question; only a time said is.
                continue
            if not is_question(sentence) and _PICKS_AN_OFFER.search(sentence):
                # The form goes on with the choice, so the question is answered here; not
                # when nothing was asked ("1.30 with Dr Okafor please, she'd like to stay
                # with the same consultant").
                if asks_when_it_is:
                    await _say_when_it_is(dispatcher, str(moving))
                elif any(is_question(part) for part in sentences):
                    _answer_said_beside(dispatcher, tracker, domain)
                return {"chosen_slot_id": sentence.strip()}
        return {}

    async def extract_booking_confirmed(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """At the confirmation, any answer but "yes" is read by `validate_booking_confirmed`.

        (rasa-sdk keeps only required slots from extraction, so the reading, which may
        set other slots, happens in validation.)
        """
        if tracker.get_slot("requested_slot") != "booking_confirmed":
            return {}
        if _latest_intent(tracker) in ("affirm", "stop", "ask_if_urgent"):
            # A stop is left to the rule that ends the booking politely; "what if it gets
            # worse before Monday?" to the rule that answers it, then the same question.
            return {}
        if _latest_intent(tracker) == "request_callback" and asks_to_be_called(
            _latest_text(tracker)
        ):
            # "Hold off, can someone call me tomorrow instead?": the rule that takes a call
            # back in the middle of booking, not a new time for the booking.
            return {}
        if _latest_intent(tracker) == "ask_clinic_info" and asks_about_clinicians(
            _latest_text(tracker)
        ):
            # "Wait, who's Dr Okafor?": a question for the rule that names the clinicians,
            # then the same confirmation; not a change to Dr Okafor.
            return {}
        return {"booking_confirmed": READ_ANSWER}

    @staticmethod
    def _time_change(tracker: Tracker, text: str, role: str | None) -> dict[str, Any]:
        """A new time said at the confirmation, as `preferred_time` text to search.

        "The afternoon instead": the day of the chosen time, at the new time. "The Thursday
        after, same time": counted from the time chosen.
        """
        before = str(tracker.get_slot("preferred_time") or "")
        chosen_details = str(tracker.get_slot("chosen_slot_details") or "")
        if chosen_details:
            chosen_day = day_of(chosen_details, clinic_now().date())
            text = at_same_time(relative_to_day(text, chosen_day), chosen_details)
        chosen_title = tracker.get_slot("chosen_slot_title")
        text = with_earlier_day(text, before, [chosen_title] if chosen_title else [])
        return {"preferred_time": text, "preferred_role": role, "chosen_slot_id": None}

    @staticmethod
    def _change(tracker: Tracker) -> dict[str, Any]:
        """What a change at the confirmation sets; empty if the answer names no change.

        A new time is returned as `preferred_time` text for `validate_preferred_time` to
        search; a time without a day ("same afternoon", "after 5") keeps the day asked before.
        """
        said = _latest_text(tracker)
        text = after_correction(said)
        lowered = text.lower()
        # Read in the whole message: "actually can you use my phone instead of email? 07700
        # 900246" gives the number after the part the correction keeps (a number taken
        # back in the same message is left out by `find_contacts` itself).
        contacts = contacts_in(said)
        changed = changed_contacts(
            said,
            contacts or None,
            tracker.get_slot("patient_phone"),
            tracker.get_slot("patient_email"),
        )
        if changed is not None:
            # "The email instead of the phone": the contact is replaced, not added to.
            phone, email = changed
            contact = " and ".join(value for value in (phone, email) if value)
            contact_change = {
                "patient_phone": phone,
                "patient_email": email,
                "patient_contact": contact or None,
            }
            rest = _CONTACT_DETAIL.sub(" ", text)
            if parse_time_preference(rest, clinic_now()) is not None:
                # "Make it the 1:30 instead, and please also send it to raj.p@example.com":
                # the new time as well as the contact.
                return {
                    **contact_change,
                    **ValidateBookingForm._time_change(tracker, rest, wanted_role(rest.lower())),
                }
            return contact_change
        current = str(tracker.get_slot("patient_name") or "")
        # The whole message: "no wait change the name, its for my son Miguel Costa" says
        # the name after the clause a correction would keep.
        swapped = word_of_name_replaced(_latest_text(tracker), current)
        if swapped:
            # "It's Siobhan not Shivaun": that word of the name, the surname kept.
            return {"patient_name": swapped}
        lead = parse_name(_FIRST_CLAUSE.split(_latest_text(tracker).strip(), maxsplit=1)[0])
        if lead and current and set(current.lower().split()) < set(lead.lower().split()):
            # "Siobhan Kelly - you've lost my surname": the whole name, of which the one
            # on the booking was a part.
            return {"patient_name": lead}
        instead = name_instead(_latest_text(tracker), current)
        if instead:
            # "It's for me, Harold Finch, not Susan", "my name is not Fine lol its Bogdan
            # Ionescu", "its for my son Miguel Costa": the name said in place of the one
            # on the booking.
            return {"patient_name": instead}
        part_changed = name_part_changed(_latest_text(tracker), current)
        if part_changed:
            # "No my surname is Marsh-Evans actually": one part of the name said anew.
            return {"patient_name": part_changed}
        put = _PUT_UNDER_NAME.search(_latest_text(tracker))
        if put and (name := parse_name(put["name"])) and len(name.split()) > 1 and name != current:
            # "Could you put Margaret Whitfield please, there are two Margarets on my road".
            return {"patient_name": name}
        new_name = _NEW_NAME.search(text)
        said_whole = parse_name(_NAME_TRAILER.sub("", new_name["name"])) if new_name else None
        renamed = corrected_name(text, current)
        if renamed and not (said_whole and len(said_whole.split()) > 1):
            # "No, it's Rehman, with an e": one word of the name spelt right. A whole name
            # said again ("my name is Jay Patel, not ...") is taken as said, below.
            return {"patient_name": renamed}
        named: dict[str, Any] = {}
        if new_name and not _NOT_A_NEW_NAME.search(text):
            name = parse_name(_NAME_TRAILER.sub("", new_name["name"]))
            if name:
                # "Put it under my husband's name instead, Declan O'Connor": kept with any
                # new time said in the same message ("... and the name is Priya Nair-Shah").
                named = {"patient_name": name}
                text = text[: new_name.start()]
                lowered = text.lower()
        role = wanted_role(lowered)
        before = str(tracker.get_slot("preferred_time") or "")
        if parse_time_preference(text, clinic_now()) is not None:
            return {**named, **ValidateBookingForm._time_change(tracker, text, role)}
        if named:
            return named
        if role is not None:
            # "Actually a doctor not the physio": the days and times asked before, with the
            # kind of clinician asked for now instead of the one said with them.
            # ("Could I book with Rhian Hughes, Tuesday": nor the one named with them.)
            times = without_names(without_clinician_kind(before)).strip(" ,.?!")
            return {"preferred_time": times or "any time", "preferred_role": role}
        if _DETAILS.search(lowered):
            if "name" in lowered:
                return {"patient_name": None}
            # The contact asked for again replaces the kind named ("my number is wrong").
            phone_named, email_named = bool(_PHONE_WORDS.search(lowered)), "mail" in lowered
            either = not (phone_named or email_named)
            return {
                "patient_contact": None,
                **({"patient_phone": None} if phone_named or either else {}),
                **({"patient_email": None} if email_named or either else {}),
            }
        if _TIME_WORDS.search(lowered):
            return {"preferred_time": None, "chosen_slot_id": None}
        return {}

    async def validate_preferred_time(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Search the requested days and part of day, and offer distinct times to choose from."""
        now = clinic_now()
        moving = _moves_the_booking_made_here(tracker)
        if moving and not tracker.get_slot("patient_name"):
            # A booking looked up here, not made here: its patient's details, not asked again.
            moving = {**await _details_of_the_booking_moved(moving["reschedule_from"]), **moving}
        tracker.slots.update(moving)  # what follows reads the booking being moved
        if tracker.get_slot("reschedule_from"):
            # "The following Thursday, same time": counted from the appointment being moved.
            booked = str(tracker.get_slot("booking_time_text") or "")
            value = at_same_time(relative_to_day(str(value), day_of(booked, now.date())), booked)
        elif tracker.get_slot("chosen_slot_title"):
            # "Thursday instead, similar time" at the confirmation: near the time chosen.
            value = at_same_time(str(value), str(tracker.get_slot("chosen_slot_title")))
        settled = after_correction(str(value))
        # "Monday afternoon, no sorry, Tuesday afternoon is better": what it settles on.
        preference = (
            parse_time_preference(settled, now) if settled != str(value) else None
        ) or parse_time_preference(str(value), now)
        if preference is None and asks_what_helps_meanwhile(str(value)):
            # "Hmm before that, what can I do meanwhile": what the guide says often helps
            # until the appointment, then the time is asked for again.
            dispatcher.utter_message(response="utter_meanwhile")
            return {"preferred_time": None}
        if preference is None and (_asks_a_question(str(value)) or asks_about_cost(str(value))):
            # "Will I see a doctor or a physio?" before any time is said: the team answers,
            # and the time is asked for again.
            give_contact(dispatcher, "utter_clinic_info")
            return {"preferred_time": None}
        if preference is None:
            return reject(dispatcher, tracker, "preferred_time", domain)
        # "Today" still means today, but not a time the patient could not reach in time.
        bookable = _bookable_from(now)
        preference = replace(preference, earliest=max(preference.earliest, bookable))
        if preference.earliest >= now + HORIZON:
            # "The week of the 11th of January": further ahead than can be booked here. The
            # team can; the soonest times at that time of day are offered, said so.
            dispatcher.utter_message(
                response="utter_too_far_ahead", **(contact_details() or UNKNOWN_CONTACT)
            )
            preference = on_any_day(preference, bookable)
        if preference.weekdays and not preference.weekdays & WORKING_DAYS:
            # "Would a Saturday morning be possible?": the clinic is not open then; the
            # nearest weekday times at that time of day, said so.
            dispatcher.utter_message(
                response="utter_closed_at_weekends", **(contact_details() or UNKNOWN_CONTACT)
            )
            preference = replace(preference, weekdays=None)
        told_when = (
            tracker.get_slot("reschedule_from")
            # Asked with a time, the status rule does not run (the form takes the time):
            # said here, unless its action already said it.
            and (
                _latest_intent(tracker) not in _ASKED_BESIDE_A_TIME
                or not _replied_since_the_message(tracker, "action_status_while_booking")
            )
            and asks_booking_status(_latest_text(tracker))
            and await _say_when_it_is(dispatcher, str(tracker.get_slot("reschedule_from")))
        )
        if not told_when and _latest_intent(tracker) not in _QUESTIONS_BESIDE_A_CHOICE:
            await _answer_side_question(
                dispatcher,
                _latest_text(tracker),
                now,
                functools.partial(clear_faq_entry, tracker.latest_message, domain),
            )
        # The kind of clinician named now wins over one asked for earlier. "What is sports
        # doctor? I prefer the consultant": a kind asked about is no wish.
        wish = _without_questions_about_clinicians(str(value))
        named_role = wanted_role(wish.lower())
        # "With a doctor on Thursday evening, don't mind who": any doctor, not anyone.
        any_role = not named_role and (
            accepts_any_clinician(str(value)) or tracker.get_slot("preferred_role") == ANY_ROLE
        )
        role = (
            None
            if any_role
            else named_role
            or tracker.get_slot("preferred_role")
            or _role_asked_for_this_booking(tracker)
            or (
                wanted_role(_new_time_wish(request_text(tracker, _RESCHEDULE_INTENTS)).lower())
                if tracker.get_slot("reschedule_from")
                else None
            )
        )
        latest = asks_for_the_latest(str(value))
        # The day's last times are only among its slots when all of them are asked for.
        slots = await (
            free_slots(preference, limit=WHOLE_DAY, per_window=WHOLE_DAY)
            if latest
            else free_slots(preference)
        )
        if slots is None:
            dispatcher.utter_message(response="utter_scheduling_unavailable")
            return {"preferred_time": None}
        fitting = [slot for slot in slots if matches(preference, slot.start)]
        if latest and not fitting and preference.after is not None:
            # "Then the Friday, late as possible please", with Friday closing at 4: that
            # day's last times, not the next days' late ones.
            preference = replace(preference, after=None)
            slots = await free_slots(preference, limit=WHOLE_DAY, per_window=WHOLE_DAY) or []
            fitting = [slot for slot in slots if matches(preference, slot.start)]
        known = {slot.clinician_name: slot.clinician_short_role for slot in slots}
        roles = {s.clinician_name: f"{s.clinician_role} {s.clinician_short_role}" for s in slots}
        # "I want appointment with Dr Okafor only please", then "next week, any afternoon":
        # the clinician asked for with the request still counts.
        asked_for = _someone_asked_for_this_booking(tracker)
        moving_as_it_is = (
            tracker.get_slot("reschedule_from")
            and not named_role
            and not any_role
            and not names_someone(asked_for)
            and not tracker.get_slot("preferred_role")
        )
        # A move that names no one keeps the clinician only if they are free at the time
        # asked for: the time is what the patient said, the clinician only what it was.
        kept_by_default = bool(moving_as_it_is) and not _SAME_CLINICIAN.search(str(value))
        # "Same doctor please" names no doctor of its own (nor the kind "doctor").
        said = _SAME_CLINICIAN.sub(" ", wish)
        if (_SAME_CLINICIAN.search(str(value)) or moving_as_it_is) and not names_someone(said):
            # "Same doctor if possible" while moving a booking, or a move that names no one:
            # whoever it is with now (if they are not free then, that is said first).
            asked_for = await _clinician_of(tracker.get_slot("reschedule_from")) or asked_for
        keeps = names_someone(asked_for) and not _ANYONE.search(str(value))
        who = asked_for if keeps and not names_someone(said) else said
        # "Book me in with a consultant", then "next week, any afternoon": the one consultant
        # asked for at the start still counts, unless a kind is named now.
        role_words = (
            said
            if named_role or names_someone(said) or _ANYONE.search(str(value))
            else f"{asked_for} {said}"
        )
        named = named_clinicians(who, known) | clinicians_by_role(role_words, roles)
        if not named and (names_someone(who) or _ROLE_OF_ONE.search(role_words)):
            # Someone with no free time then is only known from the rest of the schedule:
            # "Dr Okafor", or "the sports doctor" when no sports doctor is free then.
            schedule = await clinicians_on_the_schedule(now)
            known |= {name: slot.clinician_short_role for name, slot in schedule.items()}
            roles |= {
                name: f"{slot.clinician_role} {slot.clinician_short_role}"
                for name, slot in schedule.items()
            }
            named = named_clinicians(who, known) | clinicians_by_role(role_words, roles)
        refused = refused_clinicians(wish, known.items())
        # "Not Lindqvist, the physio": a clinician named to be refused is not asked for, nor
        # one of another kind than the kind asked for now ("you keep giving me Dr Okafor.
        # Can I switch to the physio?").
        named = {
            name
            for name in named - refused
            if not named_role or role_fits(named_role, roles.get(name, ""))
        }
        kind_since = tracker.get_slot("preferred_role")
        if who is asked_for and kind_since and kind_since != ANY_ROLE:
            # "Book with Rhian Hughes", then at the confirmation "I'd rather see a
            # consultant": the one named earlier is not of the kind asked for since.
            named = {name for name in named if role_fits(kind_since, roles.get(name, ""))}
        fitting = [slot for slot in fitting if slot.clinician_name not in refused]
        if latest:
            fitting = latest_of_each_day(fitting, now.tzinfo)
        theirs = [slot for slot in fitting if slot.clinician_name in named]
        # What is said before the times, only if there are times to offer.
        explanations: list[dict[str, str]] = []
        if theirs:
            # "With Dr Okafor": only their times.
            fitting, role = theirs, None
        elif (
            named
            and not (kept_by_default and fitting)
            and (later := await self._theirs_on_other_days(preference, named, now))
        ):
            # Not free then: their next times at that time of day, which is what a patient
            # who names a clinician asks for ("when is Lindqvist next free in an afternoon?").
            explanations.append(
                {"response": "utter_clinician_other_days", "clinician": " or ".join(sorted(named))}
            )
            fitting, role = later, None
        elif named:
            # Not free then nor later, or the clinician of a booking being moved: said, and
            # whoever of the kind asked for is free then is offered.
            explanations.append(
                {"response": "utter_clinician_unavailable", "clinician": " or ".join(sorted(named))}
            )
        candidates = offers(fitting, now, role=role)
        ruled_out = ruled_out_weekdays(str(value))
        if not candidates and role is not None and not named and not refused:
            # "One of the doctors, after 5": their times at that time of day on other days;
            # "I really want physio": their next free times on any day. Said so.
            candidates = await self._nearest_instead(
                preference, role, now, role_only=True, ruled_out=ruled_out
            ) or await self._role_on_other_days(role, now, ruled_out)
            if candidates:
                explanations.append({"response": "utter_role_other_days", "role": ROLE_NAMES[role]})
        if not candidates and role is not None and fitting:
            # No one of that kind free then: say so, and offer whoever is.
            explanations.append({"response": "utter_role_unavailable", "role": ROLE_NAMES[role]})
            candidates = offers(fitting, now)
        if not candidates and not named and not refused:
            # "Tomorrow" on a Saturday, "Monday after 5": nothing then, so the nearest
            # times at that time of day on other days, else the soonest at all, said so.
            candidates = await self._nearest_instead(preference, role, now, ruled_out=ruled_out)
            if candidates:
                # The opening hours only where the time asked may be outside them (a
                # weekend, an evening); "this Friday, late afternoon" is only full.
                explanations = [
                    {"response": "utter_nearest_times", **(contact_details() or UNKNOWN_CONTACT)}
                    if _maybe_closed_then(preference)
                    else {"response": "utter_nearest_times_open"}
                ]
        full = _first_day_full(preference, candidates, slots) if not explanations else None
        if full is not None:
            # "Monday before 10" with this Monday full: said, before next Monday's times.
            explanations.append({"response": "utter_day_full", "day": full})
        taken_clock = _asked_clock_not_offered(str(value), candidates, slots, now)
        if taken_clock is not None and not explanations:
            # "9am pls" with 9am taken: the 9:30 found in that hour is not what was asked,
            # and is not offered as if it were.
            explanations.append({"response": "utter_asked_time_taken", "time": taken_clock})
        for explanation in explanations if candidates else []:
            dispatcher.utter_message(**explanation)
        if not candidates and "utter_no_matching_slots" in recent_replies(tracker.events, 2):
            # "Do you have ANY thursday evening slots at all?": not the same reply again, but
            # plainly that nothing is free then, and the soonest times there are.
            anytime = parse_time_preference("any time", now)
            candidates = await self._nearest_instead(anytime, None, now) if anytime else []
            if candidates:
                dispatcher.utter_message(
                    response="utter_none_then_soonest", **(contact_details() or UNKNOWN_CONTACT)
                )
        if not candidates:
            # The hours answer "tomorrow" asked on a Friday: the clinic is closed then.
            dispatcher.utter_message(
                response="utter_no_matching_slots", **(contact_details() or UNKNOWN_CONTACT)
            )
            return {"preferred_time": None, "preferred_role": None}
        # "Can we do Monday 14th at 12 instead" after a time was chosen: that time with the
        # same clinician, taken as asked when there is exactly one, not a list to pick from.
        same = the_one_listed_before(
            _latest_text(tracker), tracker.get_slot("slot_candidates") or [], candidates
        ) or same_clinician_at_the_time(
            _latest_text(tracker), candidates, tracker.get_slot("chosen_slot_title")
        )
        if same is not None and tracker.get_slot("requested_slot") != "booking_confirmed":
            # Asked while giving the name or contact: said, as the question after it is not
            # about the time. (At the confirmation, the question itself names the new time.)
            dispatcher.utter_message(response="utter_time_changed", slot=same["title"])
        taken = _chosen(same) if same is not None else {"chosen_slot_id": None}
        fresh_request = (
            tracker.get_slot("reschedule_from") is not None
            and _latest_intent(tracker) == "request_appointment"
            and asks_for_another_booking(_latest_text(tracker))
        )
        found = {
            "preferred_time": str(value),
            **moving,
            # "Any clinician is fine": no kind is asked for again in this booking.
            **({"preferred_role": ANY_ROLE} if any_role else {}),
            # A new booking request is not the move asked for earlier: the old one stays.
            **({"reschedule_from": None} if fresh_request else {}),
            "slot_candidates": candidates,
            **taken,
            "booking_confirmed": None,
            **_events_to_dict(option_slots(candidates, 0)),
        }
        asked_now = _latest_text(tracker)
        if (
            same is None
            and tracker.get_slot("requested_slot") in (None, "preferred_time")
            and names_a_weekday(asked_now)
        ):
            # "Can I book tuesday 15th 11am with rhian please": the one time asked for,
            # taken as asked rather than listed beside the next one.
            return _taken_as_named(asked_now, found)
        return found

    @staticmethod
    async def _nearest_instead(
        preference: TimePreference,
        role: str | None,
        now: datetime,
        *,
        role_only: bool = False,
        ruled_out: frozenset[int] = frozenset(),
    ) -> list[dict[str, str]]:
        """The soonest times at the time of day asked for, on the days asked for, else any day.

        Without a time of day ("tomorrow" on a Saturday), the soonest times at all; with
        one ("later than 2pm"), never times outside it. Days the patient ruled out
        ("Tuesday is no good") are not "any day".
        """
        start = _bookable_from(now)
        if not _has_time_of_day(preference):
            # "On the 10th, like 6 or half 6": the times of day are the alternatives'.
            preference = next(
                (each for each in preference.alternatives if _has_time_of_day(each)), preference
            )
        timed = _has_time_of_day(preference)
        same_weekdays = on_the_same_weekdays(preference, start)
        for nearer in (
            *([same_weekdays] if same_weekdays else []),
            _but_not_on(on_any_day(preference, start), ruled_out),
            *([] if timed else [_but_not_on(anytime_from(start), ruled_out)]),
        ):
            slots = await free_slots(nearer)
            fitting = [slot for slot in slots or [] if matches(nearer, slot.start)]
            candidates = offers(fitting, now, role=role) or (
                [] if role_only else offers(fitting, now)
            )
            if candidates:
                return candidates
        return []

    @staticmethod
    async def _theirs_on_other_days(
        preference: TimePreference, named: set[str], now: datetime
    ) -> list[Slot]:
        """The named clinicians' free times at the time of day asked for, on any day.

        From the first day asked for ("next week Tuesday morning, same person": next week's
        mornings), else from now.
        """
        bookable = _bookable_from(now)
        for start in dict.fromkeys((max(bookable, preference.earliest), bookable)):
            nearer = on_any_day(preference, start)
            slots = await free_slots(nearer)
            theirs = [
                slot
                for slot in slots or []
                if slot.clinician_name in named and matches(nearer, slot.start)
            ]
            if theirs:
                return theirs
        return []

    @staticmethod
    async def _role_on_other_days(
        role: str, now: datetime, ruled_out: frozenset[int] = frozenset()
    ) -> list[dict[str, str]]:
        """The soonest times with a clinician of `role` on any day but those ruled out.

        Empty if there are none, or no service. ("Tuesday is no good": not Tuesdays.)
        """
        anytime = parse_time_preference("any time", now)
        if anytime is None:
            return []
        anytime = replace(anytime, earliest=max(anytime.earliest, _bookable_from(now)))
        slots = await free_slots(_but_not_on(anytime, ruled_out))
        return offers(slots or [], now, role=role)

    async def _search_for_clinician(
        self,
        said: str,
        role: str | None,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        """The times asked for before, with the clinician or kind the answer asks for."""
        before = str(tracker.get_slot("preferred_time") or "any time")
        if names_someone(said) or role:
            # "I'd rather see Dr Okafor, same afternoon": the time asked for before, without
            # the clinician it named ("with Dr Lindqvist, Wednesday afternoon").
            before = without_names(before)
        # "Dr Okafor on Tuesday afternoon" names its own time; "Okafor please", the one before.
        own_time = parse_time_preference(said, clinic_now()) is not None
        asked = with_new_part_of_day(said, before) or (said if own_time else f"{before} {said}")
        if said not in asked:
            asked = f"{asked} {said}"  # the clinician it names, with the time worked out
        if role:
            tracker.slots["preferred_role"] = role  # the search reads the kind asked for now
        found = {
            **await self.validate_preferred_time(asked, dispatcher, tracker, domain),
            **({"preferred_role": role} if role else {}),
        }
        return _taken_as_named(said, found)

    async def validate_chosen_slot_id(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """One of the offered times; "none of these" shows the next ones; a new day searches."""
        candidates: list[dict[str, str]] = tracker.get_slot("slot_candidates") or []
        page = int(tracker.get_slot("slot_offer_page") or 0)
        shown = one_page(candidates, page)
        if (
            "utter_ask_chosen_slot_id" not in recent_replies(tracker.events, 1)
            and not any(candidate["id"] == str(value) for candidate in candidates)
            and tracker.get_slot("preferred_time") == _latest_text(tracker)
        ):
            # The message that asked for the time ("book me the monday 1:30 with the
            # consultant, I'll sort out cost later") is not also an answer to times it has
            # not seen yet: its "later" is no "anything later?".
            return {"chosen_slot_id": None}
        said = _about_the_time(str(value), shown)
        answer = said.strip().lower()
        if (
            asks_for_sooner(str(value))
            and not any(c["id"] == str(value) for c in candidates)
            # Not "that's a bit far off. Thursday evening would work better": the day
            # said is searched, below. "Sooner than Monday" names the day to beat.
            and not WEEKDAY_WORDS.search(_SOONER_THAN_A_DAY.sub(" ", str(value)))
            # Nor "anything earlier than half past eleven on the 15th?": earlier in the
            # day named, which is searched below with its limit.
            and not (_EARLIER_IN_THE_DAY.search(str(value)) and _ON_A_DATE.search(str(value)))
        ):
            # "The 15th is a bit far off. Is Dr Lindqvist free any sooner? I don't mind
            # which day": the earliest times from now, with whoever is asked for.
            # ("... any weekday morning?": the part of the day asked is kept.)
            asked = " ".join(
                [
                    "as soon as possible",
                    time_of_day_words(str(value)),
                    *_DOCTOR_NAMED.findall(str(value)),
                ]
            ).strip()
            role = wanted_role(str(value).lower())
            found = await self.validate_preferred_time(asked, dispatcher, tracker, domain)
            return {**found, **({"preferred_role": role} if role else {})}
        refused_all = _NONE_OF_THEM.match(answer)
        if refused_all and answer[refused_all.end() :].strip(" .!,"):
            # "None of these. What is the latest time you have?": nothing offered is
            # taken; a time said after it is searched, anything else shows the next ones.
            rest = answer[refused_all.end() :].strip(" .!,")
            if parse_time_preference(rest, clinic_now()) is None and (
                asks_for_clinician(rest, [offer["title"] for offer in shown])
                or prefers_a_clinician(rest)
            ):
                # "None of these, I want the physiotherapist Rhian Hughes please, not Dr
                # Okafor": the same times asked for again, with whoever is asked for.
                return await self._search_for_clinician(
                    rest, wanted_role(rest), dispatcher, tracker, domain
                )
            if parse_time_preference(rest, clinic_now()) is not None:
                # "None of these - anything a bit later, like 4ish?": later on the day asked.
                # "None of those, anything on the friday?" after "afternoons are best":
                # Friday afternoon.
                before = str(tracker.get_slot("preferred_time") or "")
                asked = with_earlier_time_of_day(
                    with_earlier_day(rest, before, [offer["title"] for offer in shown]), before
                )
                return await self.validate_preferred_time(asked, dispatcher, tracker, domain)
            answer = NONE_OF_THESE
        if answer.strip(" .!") in NONE_ANSWERS:
            if (page + 1) * OPTIONS_PER_PAGE < len(candidates):
                return {
                    "chosen_slot_id": None,
                    **_events_to_dict(option_slots(candidates, page + 1)),
                }
            dispatcher.utter_message(response="utter_no_more_slots")
            return {"chosen_slot_id": None, "preferred_time": None}
        # A button pressed from any page counts, before any reading of the words, and so
        # does its title typed out (or sent by a channel that shows titles only).
        typed = " ".join(str(value).lower().split())
        chosen = next(
            (
                c
                for c in candidates
                if c["id"] == str(value) or " ".join(c["title"].lower().split()) == typed
            ),
            None,
        )
        titles = [offer["title"] for offer in shown]
        if chosen is None and (on_the_day := pick_by_weekday(answer, titles)) is not None:
            chosen = shown[on_the_day]  # "the wednesday one", when one is on Wednesday
        if chosen is None and (on_the_date := pick_by_date(answer, titles)) is not None:
            chosen = shown[on_the_date]  # "the 10th", when one is on the 10th
        if chosen is None and (theirs := pick_with_clinician(answer, titles)) is not None:
            chosen = shown[theirs]  # "the later one with dr okafor", among Dr Okafor's
        # "The 10 with dr okafor pls": a bare hour among the times shown is a clock time.
        as_clock = bare_hour_as_clock(answer)
        if (
            chosen is None
            and names_a_clock_time(as_clock)
            and (wanted_role(answer.lower()) or names_someone(answer))
            # "2:30 with the physio. Could you text my phone instead?": the words of
            # another sentence are not about the time.
            and not any(
                _LATER_OR_EARLIER.search(part)
                for part in SENTENCE_BREAK.split(answer)
                if names_a_clock_time(bare_hour_as_clock(part))
            )
        ):
            # "The 5 o'clock with the doctor would be lovely": the one time shown that fits
            # both, taken, rather than the doctor's times searched again.
            chosen = by_clock_time(as_clock, shown)
        clock = bare_hour_as_clock(said)
        # "Tuesday 9:30" among Monday's times is not Monday's 9:30: Tuesday is searched.
        # A day named outright wins over a number that could be an option's.
        elsewhere = _names_another_day(clock, titles) and (
            pick_index(answer, len(shown)) is None or names_a_weekday(answer)
        )
        if (
            chosen is None
            and not elsewhere
            and (asks_for_clinician(answer, titles) or prefers_a_clinician(answer))
        ):
            # "I'd rather see Dr Okafor", "not the sports doctor": their times, searched.
            # The whole message, when the part about the time left the name out ("on
            # reflection I'd rather see the consultant, Dr Okafor. Same afternoon").
            asked = said if names_someone(said) else str(value)
            return await self._search_for_clinician(
                asked, wanted_role(answer), dispatcher, tracker, domain
            )
        if (
            chosen is None
            and not elsewhere
            and accepts_any_clinician(answer)
            and parse_time_preference(clock, clinic_now()) is None
            # "Any of them, first": a pick among the times shown.
            and pick_index(answer, len(shown)) is None
        ):
            # "Anyone is fine actually" among one clinician's times: the same times asked
            # for again, with whoever is free then.
            before = without_names(str(tracker.get_slot("preferred_time") or "any time"))
            return await self.validate_preferred_time(
                f"{before} {said}", dispatcher, tracker, domain
            )
        moving = tracker.get_slot("reschedule_from")
        if chosen is None and moving and is_question(said) and _ASKS_IF_SAME.search(answer):
            # "Is that the same person I was seeing?": who the booking is with now, and
            # the same times again (each names who it is with).
            clinician = await _clinician_of(moving)
            if clinician is None:
                give_contact(dispatcher, "utter_clinic_info")
            else:
                dispatcher.utter_message(response="utter_current_clinician", clinician=clinician)
            return {"chosen_slot_id": None}
        if chosen is None and is_question(said) and asks_about_clinicians(answer):
            # "Which one is best for osteoarthritis, the physio or the consultant?": a
            # question about who, not a choice; who can be booked, then the same times.
            if not await name_the_clinicians(dispatcher, True):
                give_contact(dispatcher, "utter_clinic_info")
            rest = _without_questions_about_clinicians(said)
            if rest != said and (
                parse_time_preference(rest, clinic_now()) is not None
                or wanted_role(rest.lower())
                or names_someone(rest)
            ):
                # "What is sports doctor? I prefer the consultant, friday after 4": who
                # they are, then the wish said beside the question searched.
                return await self.validate_preferred_time(rest, dispatcher, tracker, domain)
            return {"chosen_slot_id": None}
        # "4 o'clock is too soon, later please": the time named is the one not wanted;
        # "anything later like 6 or 6:30? I finish at 5:30" does not take the 5:30 offered.
        aside = puts_a_time_aside(answer) or (is_question(said) and bool(MORE_TIMES.search(answer)))
        if (
            chosen is None
            and len(shown) == 1
            and (parse_yes_no(answer) is True or takes_the_one_shown(said))
        ):
            # "Yes please", "that will have to do then", to the one time offered.
            chosen = shown[0]
        if chosen is None and not elsewhere and not aside:
            chosen = by_clock_time(answer, shown)
        if chosen is None and not elsewhere and not aside and not _asks_a_question(said):
            # "Do I need a referral from my GP first?" is a question, not "the first" time.
            index = pick_index(answer, len(shown))
            chosen = shown[index] if index is not None else None
        if chosen is None and not elsewhere and not aside:
            chosen = by_clock_time(clock, shown)
        if chosen is None:
            before = str(tracker.get_slot("preferred_time") or "")
            if parse_time_preference(clock, clinic_now()) is not None:
                # "3pm" among Wednesday's times means Wednesday at 3pm; "9 physio", 9
                # o'clock with a physiotherapist; "I said afternoon", the days asked for
                # before in the afternoon.
                asked = with_new_part_of_day(said, before) or with_earlier_time_of_day(
                    with_earlier_day(clock, before, titles), before
                )
                anyone = accepts_any_clinician(str(value))
                if anyone and not accepts_any_clinician(asked):
                    # "Wednesday instead, whoever is free": the clinician asked for before
                    # no longer counts, though the words about who are not the time's.
                    asked = f"{asked}, anyone"
                role = ANY_ROLE if anyone else wanted_role(answer)
                found = _taken_as_named(
                    said,
                    {
                        **await self.validate_preferred_time(asked, dispatcher, tracker, domain),
                        **({"preferred_role": role} if role else {}),
                    },
                )
                offered = (found.get("slot_candidates") or [])[:OPTIONS_PER_PAGE]
                index = pick_index(answer, len(offered)) if names_a_weekday(answer) else None
                if found.get("chosen_slot_id") is None and index is not None:
                    # "Monday, 1st one" among Tuesday's times: Monday's first time, taken.
                    found |= _chosen(offered[index])
                return found
            role = wanted_role(answer)
            if role is not None and not any(offer_fits_role(role, o["title"]) for o in shown):
                # "The physio please" when only consultants were offered: the same times
                # asked for again, with a clinician of that kind.
                asked = f"{before} {said}"
                return {
                    **await self.validate_preferred_time(asked, dispatcher, tracker, domain),
                    "preferred_role": role,
                }
        if chosen is None and (NONE_START.match(answer) or MORE_TIMES.search(answer)):
            # "none of these work", "no, not those", "anything later?": as "None of these".
            return await self.validate_chosen_slot_id(NONE_OF_THESE, dispatcher, tracker, domain)
        if chosen is None and (_asks_a_question(said) or asks_about_the_service(said)):
            # A question about the clinic in the middle of choosing ("is there somewhere to
            # park? can I come in with her?"): its team can answer.
            give_contact(dispatcher, "utter_clinic_info")
            return {"chosen_slot_id": None}
        if chosen is None:
            return reject(dispatcher, tracker, "chosen_slot_id", domain)
        return _chosen(chosen)

    async def validate_patient_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A plain name, without "my name is"; contact details in the same answer are kept.

        Asked for the name, "actually can we do Friday instead" changes the time: Friday is
        searched and offered, and the name is asked after the new choice.
        """
        if asks_why_it_is_asked(str(value)):
            # "Why do u need my name?": what it is for, then the question again.
            dispatcher.utter_message(response="utter_why_booking_details")
            return {"patient_name": None}
        if parse_time_preference(str(value), clinic_now()) and (
            parse_name(str(value)) is None or _CHANGE_WORDS.search(str(value))
        ):
            # ("Oh hang on, can I have 9am instead" is no name, whatever its capitals.)
            asked = _time_asked_again(str(value), tracker)
            searched = await self.validate_preferred_time(asked, dispatcher, tracker, domain)
            return {**searched, "patient_name": None}
        contacts = contacts_in(str(value))
        # "It's for my dad, Harold Jenkins. Contact me on ...": the name said as one;
        # "my name is not Fine lol its Bogdan Ionescu": the name said instead of a word.
        name = (
            name_instead(contacts.rest, "")
            # "Harold Finch, my daughter's mobile is 07700 ..., her name is Susan": the
            # name that opens the answer, not the one said of whose number it is.
            or (_opening_name(str(value)) if contacts else None)
            or given_name(contacts.rest)
            or parse_name(contacts.rest)
            or (_name_before_contact(str(value)) if contacts else None)
        )
        if name is None:
            # A number that is not one we can call ("Maria Lopez 0612345678", no country
            # code): the name is kept, and the contact question asks for the number again.
            without_digits = _DIGIT_RUN.sub(" ", contacts.rest)
            name = given_name(without_digits) or parse_name(without_digits)
        if name is None and contacts:
            # "bogdan.i@example.ro" when the name was asked: the contact is kept, and the
            # name asked for again.
            return {"patient_name": None, **_contact_slots(tracker, contacts)}
        if name is None:
            return reject(dispatcher, tracker, "patient_name", domain)
        return {"patient_name": name, **(_contact_slots(tracker, contacts) if contacts else {})}

    async def validate_patient_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A phone number (normalised to E.164), an email address, or both.

        As for the name, "actually can we do the afternoon instead" changes the time: it
        is searched and offered, and the contact is asked after the new choice.
        """
        if _describe(tracker) and str(value) == _describe(tracker):
            return {"patient_contact": value}
        contacts = contacts_in(str(value))
        if (
            not contacts
            and _CHANGE_WORDS.search(str(value))
            and parse_time_preference(str(value), clinic_now())
        ):
            asked = _time_asked_again(str(value), tracker)
            searched = await self.validate_preferred_time(asked, dispatcher, tracker, domain)
            return {**searched, "patient_contact": None}
        if not contacts and asks_why_it_is_asked(str(value)):
            # "Why do you need my number?": what it is for, then the question again.
            dispatcher.utter_message(response="utter_why_booking_details")
            return {"patient_contact": None}
        current = str(tracker.get_slot("patient_name") or "")
        # "Same number. But the name is wrong, it's Daniel Reyes not Priya Shah": the whole
        # name said instead, else one word of it spelt again.
        renamed = name_instead(_latest_text(tracker), current) if current else None
        renamed = renamed or corrected_name(_latest_text(tracker), current)
        # "It's 01632 960 471. My surname is Whitfield by the way": added to "Margaret".
        renamed = renamed or name_part_changed(_latest_text(tracker), current)
        fixed = {"patient_name": renamed} if renamed else {}
        if not contacts and renamed:
            # "Sorry, my surname is spelled Rehman": the name put right; the contact is
            # still to come.
            return {**fixed, "patient_contact": None}
        if not contacts:
            return reject(dispatcher, tracker, "patient_contact", domain)
        if _asks_the_team(_latest_text(tracker)):
            # "e.whitcombe@example.co.uk please. Will I need to bring anything?": the
            # contact kept, and the team's answer to the question beside it.
            give_contact(dispatcher, "utter_clinic_info")
        return {**fixed, **_contact_slots(tracker, contacts)}

    async def validate_booking_confirmed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Yes books; a change in the patient's words is made; "no" asks what to change.

        A change ("Thursday after 5 instead", "my email is ...", "the physio please") is
        made, and the form asks again from the first thing it changed. The first "no" asks
        what to change; a "no" to that question leaves the booking unmade.
        """
        asked = bool(tracker.get_slot("booking_change_asked"))
        said = _latest_text(tracker)
        if (
            tracker.get_slot("reschedule_from")
            and asks_booking_status(said)
            and _MAYBE.search(said)
            and await _say_when_it_is(dispatcher, str(tracker.get_slot("reschedule_from")))
        ):
            # "Wait, what day is my old appointment? Maybe I keep it.": when it is, and the
            # move asked about again, as the patient has not decided yet.
            return {"booking_confirmed": None}
        if (
            tracker.get_slot("reschedule_from")
            and keeps_the_booking(said)
            and not _names_the_day_proposed(said, tracker)
        ):
            # "Actually no, I'll just keep the Wednesday one I've already got": the move is
            # not made, whatever a "keep" or a button made of it.
            return {"booking_confirmed": False}
        if value is True and answers_after_a_question(said):
            # "Before I confirm - should I keep running?" read as a yes by its words: no
            # yes yet, whatever the classifier made of it.
            value = READ_ANSWER
        if value is True:
            return _yes_to_the_booking(tracker, asked)
        if value != READ_ANSWER:
            return {"booking_confirmed": None}
        added = contacts_in(said) if _YES_THEN.match(said) else None
        if added and (
            (added.email and added.email != tracker.get_slot("patient_email"))
            or (added.phone and added.phone != tracker.get_slot("patient_phone"))
        ):
            # "Yes please. Can you also send the confirmation to my email, d.osei@...?": the
            # yes books, with the email added to where the confirmation goes (said so).
            slots = _contact_slots(tracker, added)
            dispatcher.utter_message(
                response="utter_contact_added", contact=slots.get("patient_contact") or ""
            )
            return {**slots, "booking_confirmed": True}
        thanked = _YES_THEN.match(said)
        if thanked and _THANKS_FIRST.match(thanked["rest"]):
            # "yes. thank you for being kind earlier": a yes, then thanks; its "earlier" is
            # no earlier time wanted.
            return _yes_to_the_booking(tracker, asked)
        question = _question_after_a_yes(said)
        if question is not None:
            # "Yes. Will the doctor prescribe me something stronger?": the yes books, and
            # the question is answered; "the doctor" in it is no change of clinician.
            _answer_beside_the_yes(dispatcher, question, tracker, domain)
            return {"booking_confirmed": True}
        put_right = phone_digits_put_right(said, tracker.get_slot("patient_phone"))
        if put_right is not None:
            # "Oh sorry the last digits are 770 not 777": the number put right, and the
            # booking asked about again with it.
            contacts = Contacts(phone=put_right, email=None, rest="", before="")
            return {
                **_contact_slots(tracker, contacts),
                "booking_confirmed": None,
                "booking_change_asked": None,
            }
        change = self._change(tracker)
        if (
            asks_about_the_service(said)
            and read_confirmation(said, asked_what_to_change=asked) is None
            and not change
        ):
            # "Is there wheelchair access?" at the confirmation: the team's details, and
            # the booking put again; not a "no".
            give_contact(dispatcher, "utter_clinic_info")
            return {"booking_confirmed": None}
        if asks_the_time_back(said):
            # "So what's the new time again?": the booking as it stands, put again.
            return {"booking_confirmed": None}
        if (
            is_question(said)
            and asks_about_clinicians(said)
            and not wanted_role(_without_questions_about_clinicians(said).lower())
            and not names_someone(_without_questions_about_clinicians(said))
            and parse_time_preference(said, clinic_now()) is None
        ):
            # "Wait, what's a rheumatologist, is that right for back pain?" at the
            # confirmation: who the clinicians are (else the team's details), and the
            # booking put again.
            if not await name_the_clinicians(dispatcher, True):
                give_contact(dispatcher, "utter_clinic_info")
            return {"booking_confirmed": None, "booking_change_asked": None}
        if (
            answers_after_a_question(said)
            and is_question(said)
            and not change
            and not asks_how_long_it_lasts(said)
        ):
            # "Before I confirm - should I keep running until then or stop?": the question
            # answered as one asked with a yes would be, and the booking put again.
            _answer_beside_the_yes(dispatcher, said, tracker, domain)
            return {"booking_confirmed": None, "booking_change_asked": None}
        if asks_how_long_it_lasts(said) and not change:
            # "Before I say yes, how long does the appointment last?": the length of the
            # time chosen, and the booking put again; not a "no".
            _say_how_long(dispatcher, tracker)
            return {"booking_confirmed": None, "booking_change_asked": None}
        if (
            asked
            and wants_no_change(said)
            and not change
            and read_confirmation(said, asked_what_to_change=asked) is not True
        ):
            # "I don't want to change anything, I only asked ...": nothing to change, so
            # the booking as it stands is put again, not given up.
            return {"booking_confirmed": None, "booking_change_asked": None}
        if declines_booking(said, asked_what_to_change=asked):
            # "Actually don't book it, I'll think about it": leave it unmade, asking nothing.
            return {"booking_confirmed": False}
        shown = one_page(
            tracker.get_slot("slot_candidates") or [], int(tracker.get_slot("slot_offer_page") or 0)
        )
        earlier = (
            offer_named_by_day_and_time(after_correction(said), shown)
            if change.get("preferred_time")
            # By its day too: "at 11 instead" searches the day's 11 o'clock again.
            and names_a_weekday(said)
            and not names_someone(said)
            and not wanted_role(said.lower())
            else None
        )
        if earlier is not None and earlier["id"] != tracker.get_slot("chosen_slot_id"):
            # "Oh wait, friday's the school run. Can I have the thursday 11 one instead": the
            # other time offered, taken, and the booking put again with it.
            return {**_chosen(earlier), "booking_confirmed": None, "booking_change_asked": None}
        if change.get("preferred_time"):
            tracker.slots["preferred_role"] = change.get("preferred_role")
            change.update(
                await self.validate_preferred_time(
                    change["preferred_time"], dispatcher, tracker, domain
                )
            )
        if change:
            return {**change, "booking_confirmed": None, "booking_change_asked": None}
        if _same_name_again(tracker):
            # The name typed again after correcting it: nothing to change; the booking as
            # it stands is put to the patient again.
            return {"booking_confirmed": None, "booking_change_asked": None}
        answer = read_confirmation(said, asked_what_to_change=asked)
        if answer is True:
            return _yes_to_the_booking(tracker, asked)
        if _latest_intent(tracker) == "deny" or answer is False:
            if tracker.get_slot("booking_change_asked"):
                return {"booking_confirmed": False}
            return {"booking_confirmed": None, "booking_change_asked": True}
        if tracker.get_slot("booking_change_asked"):
            dispatcher.utter_message(response="utter_wrong_booking_change")
        return {"booking_confirmed": None, "booking_change_asked": True}


def _say_how_long(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """The length of the time chosen, or the clinic's details when it is not known."""
    chosen = tracker.get_slot("chosen_slot_id")
    minutes = next(
        (
            offer.get("minutes")
            for offer in tracker.get_slot("slot_candidates") or []
            if offer.get("id") == chosen
        ),
        None,
    )
    if minutes:
        dispatcher.utter_message(response="utter_appointment_length", minutes=minutes)
    else:
        give_contact(dispatcher, "utter_clinic_info")


def _pick_told_with_the_alarm(tracker: Tracker) -> str | None:
    """A time picked in the message the emergency reply answered, now that it is stood down.

    Only when this turn resumes the booking (the stand-down said so) and this message
    picks nothing of its own.
    """
    if "utter_booking_resumed" not in replies_since_the_message(list(tracker.events)):
        return None
    if _CLOCK_PICK.search(_latest_text(tracker)):
        return None
    said = [event for event in tracker.events if event.get("event") == "user"]
    if len(said) < 2 or not any(
        reply.startswith("utter_emergency") for reply in recent_replies(tracker.events, 1)
    ):
        return None
    for sentence in _SENTENCES.split(str(said[-2].get("text") or "")):
        # A clock time only: "last winter" is no "the last one".
        if sentence.strip() and not is_question(sentence) and _CLOCK_PICK.search(sentence):
            return sentence.strip()
    return None


# "Yes thank you. Can I take my naproxen before the visit?": a yes, then a question.
_YES_THEN = re.compile(
    r"^\W*(?:yes|yeah|yep|yup|ok|okay|sure|perfect|great|lovely|fine)\b"
    r"(?:\s+(?:please|thanks|thank\s+you|book\s+it|go\s+ahead|that'?s\s+(?:fine|great|perfect)))*"
    r"\s*[.!,;]+\s*(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)


_THANKS_FIRST = re.compile(
    r"^\W*(?:" + THANKS_WORDS + r"|much\s+appreciated|lovely|great)\b"
    r"(?![^.!?]*\b(?:but|instead|rather|change|different|another|actually)\b)",
    re.IGNORECASE,
)


def _names_the_day_proposed(said: str, tracker: Tracker) -> bool:
    """Whether the answer names the weekday of the time proposed ("no, then keep Monday").

    Keeping that day keeps the time proposed, not the booking being moved.
    """
    chosen = tracker.get_slot("chosen_slot_id")
    for candidate in tracker.get_slot("slot_candidates") or []:
        if isinstance(candidate, dict) and candidate.get("id") == chosen:
            day = str(candidate.get("title") or "")[:3].lower()
            return bool(day) and re.search(rf"\b{re.escape(day)}", said.lower()) is not None
    return False


_LATE = time(17, 0)


def _asks_the_team(said: str) -> bool:
    """Whether the message asks something about the visit or the service, for the team."""
    return is_question(said) and (asks_about_the_visit(said) or asks_about_the_service(said))


def _has_time_of_day(preference: TimePreference) -> bool:
    """Whether the preference limits the time of day (a part of day, after or before)."""
    return bool(preference.part_of_day or preference.after or preference.before)


def _maybe_closed_then(preference: TimePreference) -> bool:
    """Whether the time asked may fall outside opening hours: a weekend, an evening."""
    asked = preference.alternatives or (preference,)
    return any(
        (each.weekdays is not None and each.weekdays <= {5, 6})
        or each.part_of_day == "evening"
        or (each.after is not None and each.after >= _LATE)
        for each in asked
    )


# "Is Dr Lindqvist free any sooner than Monday?": the day named is the one to beat.
_SOONER_THAN_A_DAY = re.compile(
    r"\b(?:sooner|earlier|before)\s+than\s+(?:the\s+|this\s+|that\s+|next\s+)?"
    r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b",
    re.IGNORECASE,
)


# "Earlier than half past eleven", "before 10": a limit within the day, not "sooner".
_EARLIER_IN_THE_DAY = re.compile(
    r"\b(?:earlier|sooner|before)\s+(?:than\s+)?(?:\d|half\s+past|quarter\s+(?:past|to)"
    r"|noon|midday|lunch|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b)",
    re.IGNORECASE,
)
# "On the 15th", "the 15th", "15 December": a date of the month named.
_ON_A_DATE = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)\b|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
    re.IGNORECASE,
)


# Words of a role that may belong to one clinician only ("the sports doctor").
_ROLE_OF_ONE = re.compile(
    r"\b(?:sports?|rheumatolog\w*|consultant|exercise\s+medicine|advanced\s+practice)\b",
    re.IGNORECASE,
)


def _bookable_from(now: datetime) -> datetime:
    """The earliest time a patient could reach: now plus the clinic's booking notice."""
    return now + timedelta(minutes=load_clinic_settings().booking_notice_minutes)


def _time_asked_again(said: str, tracker: Tracker) -> str:
    """A new time asked for after the choice, read with the one asked before.

    "The afternoon instead" after "Tuesday morning" is Tuesday afternoon; "Thursday then?"
    after "any day after 4:30" is Thursday after 4:30.
    """
    before = str(tracker.get_slot("preferred_time") or "")
    return with_new_part_of_day(said, before) or with_earlier_time_of_day(said, before)


# A change said after the yes ("yes, but can it be 10 instead?") is a change, not a question.
_CHANGE_WORDS = re.compile(
    r"\b(?:instead|rather|change|switch|swap|different|another|actually|wait|move|but)\b",
    re.IGNORECASE,
)


def _question_after_a_yes(text: str) -> str | None:
    """The question a confirmation's yes comes with, or None when it is not one."""
    match = _YES_THEN.match(text)
    if match is None:
        return None
    rest = match["rest"].strip()
    if not (is_question(rest) or opens_as_question(rest)) or _CHANGE_WORDS.search(rest):
        return None
    return rest


def _answer_beside_the_yes(
    dispatcher: CollectingDispatcher, question: str, tracker: Tracker, domain: DomainDict
) -> None:
    """What can be said of a question asked with the yes: its scope reply, FAQ or the team."""
    if say_scope_reply(dispatcher, question):
        return
    if asks_for_contact_details(question) or asks_about_the_service(question):
        # "Yes. Oh and what are your opening hours, and is there parking?": the team's.
        give_contact(dispatcher, "utter_clinic_info")
        return
    entry = clear_faq_entry(tracker.latest_message or {}, domain)
    if entry is not None:
        say_entry(dispatcher, question, entry)
        return
    give_contact(dispatcher, "utter_clinic_info")


_BARE_YES = re.compile(
    r"^\W*(?:yes|yeah|yea|yep|yup|ya|y|ok|okay|sure|fine|tak|si|oui|ja)\W*$", re.IGNORECASE
)


def _asked_clock_not_offered(
    text: str, candidates: list[dict[str, str]], slots: list[Slot], now: datetime
) -> str | None:
    """The one time asked for ("9am"), when none of the times offered starts then."""
    asked = exact_clock_asked(text)
    if asked is None or not candidates:
        return None
    starts = {slot.id: slot.start.astimezone(now.tzinfo).time() for slot in slots}
    if any(starts.get(candidate["id"]) == asked for candidate in candidates):
        return None
    return clock_text(asked)


def _first_day_full(
    preference: TimePreference, candidates: list[dict[str, str]], slots: list[Slot]
) -> str | None:
    """The first weekday asked for ("Monday"), when it has nothing and later ones are offered."""
    if not preference.weekdays or preference.alternatives or not candidates:
        return None
    if len(preference.weekdays) != 1:
        return None  # "Monday or Thursday": the next times may be on the other day asked
    (asked,) = preference.weekdays
    starts_on = {slot.id: slot.start.weekday() for slot in slots}
    if any(starts_on.get(c["id"], asked) != asked for c in candidates):
        return None  # not all on the day asked: "the next times on the day" would mislead
    if not preference.weekdays < WORKING_DAYS:
        return None  # a weekend day named, or every working day: the hours say it
    windows = search_windows(preference)
    starts = {slot.id: slot.start for slot in slots}
    offered = [starts[c["id"]] for c in candidates if c["id"] in starts]
    if not windows or not offered:
        return None
    first = windows[0][0]
    if first.date() >= min(offered).astimezone(first.tzinfo).date():
        return None
    return f"{first:%A} {first.day} {first:%B}"


def _yes_to_the_booking(tracker: Tracker, asked_what_to_change: bool) -> dict[str, Any]:
    """A yes books, except a bare "yes" to "what would you like to change?".

    That yes names no change and says nothing of booking: the booking as it stands is put
    to the patient again, so that nothing is booked without a yes to it. "Nothing to
    change, I said yes!" books.
    """
    if asked_what_to_change and _BARE_YES.match(_latest_text(tracker)):
        return {"booking_confirmed": None, "booking_change_asked": None}
    return {"booking_confirmed": True}


def _same_name_again(tracker: Tracker) -> bool:
    """Whether the answer is only the name the booking already has."""
    name = parse_name(_latest_text(tracker))
    booked_as = str(tracker.get_slot("patient_name") or "")
    return name is not None and name.casefold() == booked_as.casefold()


_BEFORE_DETAILS = (None, "preferred_time", "chosen_slot_id")
"""Where in the booking form name and contact given unasked are kept."""
_PHONE_WORDS = re.compile(r"\b(?:phone|number|mobile|landline)\b")
# "Dr Lindqvist", "with Hughes": a clinician named, perhaps one with no free time then.
_NOT_A_NAME_ANSWER = frozenset(
    {"stop", "deny", "affirm", "goodbye", "forget_me", "cancel_appointment", "bot_challenge"}
)
_FORGETTING_EVENTS = frozenset({"reset_slots", "restart", "session_started"})


def _name_before_contact(text: str) -> str | None:
    """A name said last before the contact details ("... pls. sam okoro, sam@example.com").

    Only the clause right before the phone number or email, and only a name-like one.
    """
    contacts = contacts_in(text)
    if not contacts or not (contacts.before or contacts.rest):
        return None
    # What came before the contact, with its commas: the rest has none left.
    clauses = [
        part.strip() for part in re.split(r"[,;!?]|\.(?!\S)", contacts.before or contacts.rest)
    ]
    return _full_name(next((part for part in reversed(clauses) if part), ""))


def _opening_name(text: str) -> str | None:
    """A full name that opens the answer, before its first comma ("Harold Finch, my ...")."""
    return _full_name(re.split(r"[,;]", text, maxsplit=1)[0].strip())


def _full_name(clause: str) -> str | None:
    """The clause as a name, when it is two or three words that read as one."""
    return parse_name(clause) if len(clause.split()) in (2, 3) else None


def _has_contact(text: str) -> bool:
    # Not "my husband has appointment JPC-..., phone +44...": the proof for another booking
    # looked up, not how to reach the patient booking now.
    return bool(contacts_in(text)) and find_reference(text) is None


def _said_earlier(tracker: Tracker, says: Callable[[str], Any]) -> str | None:
    """The latest of the patient's recent earlier messages that `says` something, or None.

    Only this session's messages since any "delete my data", and only the last few.
    """
    seen = 0
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind in _FORGETTING_EVENTS:
            return None
        if kind != "user":
            continue
        seen += 1
        if seen == 1:
            continue  # the latest message is read by the caller
        if seen > EARLIER_MESSAGES_READ:
            return None
        text = str(event.get("text") or "")
        if says(text):
            return text
    return None


def _name_given_earlier(tracker: Tracker) -> str | None:
    """A name said in answer to the name question but not kept, or None.

    "Helen Morris. Oh, and since last night I can't control my bladder": the emergency
    came first, so the name was never taken; once the booking goes on, it is not asked
    for again. Nothing is read from before the patient's data was deleted.
    """
    answer: dict[str, Any] | None = None
    for event in reversed(tracker.events):
        kind = event.get("event")
        if kind in _FORGETTING_EVENTS:
            return None
        if kind == "slot" and event.get("name") == "patient_name":
            return None  # taken (or cleared) after it was asked for
        if kind == "user":
            answer = event
        elif kind == "bot" and answer is not None:
            action = (event.get("metadata") or {}).get("utter_action")
            if action == "utter_ask_patient_name":
                break
            answer = None if action and action.startswith("utter_ask_") else answer
    else:
        return None
    if answer is None:
        return None
    intent = ((answer.get("parse_data") or {}).get("intent") or {}).get("name")
    if intent in _NOT_A_NAME_ANSWER:
        return None
    text = str(answer.get("text") or "")
    contacts = contacts_in(text)
    rest = contacts.rest if contacts else text
    first = re.split(r"[,;!?]|\.(?!\S)", rest, maxsplit=1)[0]
    return given_name(rest) or parse_name(first)


def _names_another_day(answer: str, titles: list[str]) -> bool:
    """Whether the answer asks for a day that none of the offered times is on."""
    now = clinic_now()
    preference = parse_time_preference(answer, now)
    days = [day_of(title, now.date()) for title in titles]
    if preference is None or not days or None in days:
        return False
    return not any(allows_day(preference, day) for day in days if day is not None)


_NAME_LEAD = re.compile(
    r"\b(?:my\s+(?:full\s+)?name|name\s+is|name\s*:|name\b|i'm\s+called|it's\s+for\s+my)",
    re.IGNORECASE,
)


# "Dr Lindqvist", "doctor Okafor": a clinician named, kept when the time asked is replaced.
_DOCTOR_NAMED = re.compile(r"\b(?:dr\.?|doctor)\s+[a-z][a-z'-]+", re.IGNORECASE)


# Questions the booking's time question does not read as its answer, which may still
# say the time wanted beside them.
_ASKED_BESIDE_A_TIME = frozenset({"ask_booking_status", "ask_clinic_info"})
# An email address or a phone number, taken out of a change at the confirmation before its
# time is read ("0770 090 0123" is no clock time).
_CONTACT_DETAIL = re.compile(r"\S+@\S+|\+?\d[\d\s()-]{6,}\d")


def _about_the_time(answer: str, shown: list[dict[str, str]]) -> str:
    """What an answer to the offered times says about the time, and nothing else.

    The part after a change of mind ("11 with Okafor, wait no, make it Monday"), without
    the name and contact details given with it, with "930" read as 9:30, and with "the
    Friday after" counted from the day on offer.
    """
    text = without_reasons(after_correction(answer))
    contacts = contacts_in(text)
    if contacts:
        text = contacts.rest
    if given_name(text):
        text = _NAME_LEAD.split(text, maxsplit=1)[0]
    days = {day_of(offer["title"], clinic_now().date()) for offer in shown}
    if _AFTER_THE_BOOKING.search(text):
        # "I mean the thursday after my appointment, the 17th": counted from the booking
        # being moved (when the time is searched), not from the day on offer.
        return compact_clock(text).strip()
    return compact_clock(relative_to_day(text, days.pop() if len(days) == 1 else None)).strip()


_AFTER_THE_BOOKING = re.compile(
    r"\b(?:after|before)\s+(?:my|the|our|his|her)\s+(?:current\s+|old\s+|existing\s+)?"
    r"(?:appointment|appt|booking)\b",
    re.IGNORECASE,
)


# "The name is Priya Nair-Shah", "put it under my husband's name instead, Declan O'Connor".
_NEW_NAME = re.compile(
    r"\bname\s*(?:(?:should\s+be|is|to|as)\s+|(?:\s+instead)?\s*[,:;=-]\s*|\s+instead\s+)"
    # "my name is Jay Patel not 'I literally just said'": the name ends before "not".
    r"(?:it'?s\s+|its\s+)?(?:just\s+|simply\s+|only\s+)?(?P<name>[^\s,.;!?](?:(?!\s+not\b)[^,.;!?])*)",
    re.IGNORECASE,
)
_FIRST_CLAUSE = re.compile(r"\s+-+\s+|[,.;!?(]")
# "Could you put Margaret Whitfield", "put it under Declan O'Connor": a whole name given.
_PUT_UNDER_NAME = re.compile(
    r"\bput\s+(?:it\s+|me\s+)?(?:down\s+)?(?:under\s+|as\s+|in\s+(?:the\s+)?name\s+(?:of\s+)?)?"
    r"(?P<name>[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){1,3})"
)
_NAME_TRAILER = re.compile(r"\s+(?:sorry|please|pls|thanks|thank\s+you|instead|x+)\s*$", re.I)
_NOT_A_NEW_NAME = re.compile(r"\b(wrong|incorrect|misspel\w*|spelt|spelled|typo|mistake)\b", re.I)
_DETAILS = re.compile(r"\b(name|e-?mail|phone|number|mobile|contact|details?|address)\b")
_TIME_WORDS = re.compile(r"\b(time|day|date|when|earlier|later|another|different|other)\b")


def offers(slots: list[Slot], now: datetime, role: str | None = None) -> list[dict[str, str]]:
    """Distinct times to offer, soonest first, each labelled with its clinician.

    Each page of offers shows different times where there are enough
    (`distinct_times_first`); two clinicians free at the same time are both offered in
    the end, told apart by name and role (`offer_titles` never gives two buttons the
    same title).
    """
    place = clinic_address()
    suitable = [slot for slot in slots if role_fits(role, slot.clinician_role)]
    order = distinct_times_first([(slot.start, slot.clinician_name) for slot in suitable])
    fitting = [suitable[index] for index in order][:MAX_CANDIDATES]
    local = [slot.start.astimezone(now.tzinfo) for slot in fitting]
    titles = offer_titles(
        [
            (start, slot.clinician_name, slot.clinician_short_role)
            for start, slot in zip(local, fitting, strict=True)
        ]
    )
    candidates = []
    for start, slot, title in zip(local, fitting, titles, strict=True):
        details = f"{describe_slot(start)} with {slot.clinician_name} ({slot.clinician_role})"
        if place:
            details += f" at {place}"
        minutes = str(round((slot.end - slot.start).total_seconds() / 60))
        candidates.append({"id": slot.id, "title": title, "details": details, "minutes": minutes})
    return candidates


def clinic_address() -> str:
    """Where appointments are, from clinic_config/contact.yml; empty if it cannot be read."""
    try:
        return load_contact(load_clinic_settings().contact_file).address
    except ContactFileError:
        return ""


_RESCHEDULE_INTENTS = ("reschedule_appointment", "change_booking_detail")
_MOVE_WORD = re.compile(
    r"\b(?:move|moving|change|changing|re-?s?c?hed(?:ul|ual)?\w*|shift|push|switch|rebook)\b",
    re.IGNORECASE,
)


def _new_time_wish(request: str) -> str:
    """What follows the word for moving, where the new time is said.

    "I booked for Tuesday but want to move it to Friday" wishes for Friday; "I booked for
    Tuesday but want to move it" for nothing yet.
    """
    found = list(_MOVE_WORD.finditer(request))
    if not found:
        return ""
    # "my appointment on Tuesday" names the booking being moved, not the new time.
    wish = _OLD_DAY.sub(" ", request[found[-1].end() :])
    # "... my reference is JPC-A4J34E. Could I have Thursday afternoon instead?": the
    # sentences that name a time ("later same day, after 5? I finish work at 4.30").
    # "... move it to later that week? thursday evening maybe": the week said of the
    # booking is kept with the day.
    timed = [
        part
        for part in _SENTENCES.split(wish)
        if parse_time_preference(part, clinic_now()) or _OF_THE_BOOKINGS_WEEK.search(part)
    ]
    return " ".join(timed) if timed else wish


_OF_THE_BOOKINGS_WEEK = re.compile(
    r"\b(?:that|the\s+same|same)\s+week\b|\bthe\s+week\s+after\b|\bweeks?\s+later\b",
    re.IGNORECASE,
)


_OLD_DAY = re.compile(
    r"\b(?:my|the|our|his|her)\s+(?:\w+\s+)?(?:appointment|appt|booking|slot)\s+(?:on|for|at)\s+"
    r"(?:the\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)\w*(?:\s+\d{1,2}\w*)?(?:\s+at\s+\S+)?",
    re.IGNORECASE,
)


EARLIER_MESSAGES_READ = 8


def _availability_said_before(tracker: Tracker) -> list[str]:
    """When the patient said they can come, in their recent messages, newest first."""
    users = [e for e in tracker.events if e.get("event") == "user"][-EARLIER_MESSAGES_READ:]
    said = (availability_said(str(event.get("text") or "")) for event in reversed(users))
    return [text for text in said if text]


def _moves_the_booking_made_here(tracker: Tracker) -> dict[str, Any]:
    """`reschedule_from` when a new booking request asks to move the one just made.

    "Actually I need to move that, can I see a doctor on Wednesday?" right after booking
    is read as a request to book; booking again would leave the patient with two.
    """
    made = tracker.get_slot("booking_reference")
    starting = tracker.get_slot("requested_slot") in (None, "preferred_time")
    if not made or not starting or tracker.get_slot("reschedule_from"):
        return {}
    if tracker.get_slot("callback_outcome"):
        return {}  # the reference is a call-back's, not a booking's
    text = _latest_text(tracker)
    # "Is Dr Okafor free any sooner?" right after the booking was shown: that booking.
    sooner = asks_for_sooner(text) and "utter_booking_status" in recent_replies(tracker.events, 2)
    return {"reschedule_from": made} if asks_to_move(text) or sooner else {}


_BOOKING_CLAUSES = re.compile(r"[,;]\s*|(?<=[.!?])\s+")


# "Anyone is fine, Friday": no longer only the clinician asked for at first.
_ANYONE = re.compile(
    r"\b(?:any\s*one|any\s*body|any\s+(?:doctor|clinician|of\s+them)|whoever|doesn'?t\s+matter\s+who"
    r"|don'?t\s+mind\s+who)\b",
    re.IGNORECASE,
)


# The clinician the patient has been seeing: "same doctor", "the same physio".
_SAME = r"\bsame\s+(?:doctor|dr|person|clinician|consultant|physio\w*"
# "Same doctor if possible", "with the same person as before".
_SAME_CLINICIAN = re.compile(_SAME + r"|one\s+as\s+(?:before|last\s+time))\b", re.IGNORECASE)
# "Is that the same person I was seeing?", "same doctor as before?"
_ASKS_IF_SAME = re.compile(
    _SAME + r"|one)\b"
    r"|\b(?:who|which\s+(?:doctor|one))\s+(?:was|is)\s+(?:i|my)\s+(?:seeing|appointment|booking|booked)\b"
    # "who is my 10am with?", "who's my current one with?"
    r"|\bwho(?:\s+is|'?s)\s+(?:my|the)\s+(?:\w+\s+){0,2}?(?:appointment|appt|booking|one|\d{1,2}"
    r"(?::\d\d)?\s*(?:am|pm)?)\s+with\b",
    re.IGNORECASE,
)


def appointment_time(lookup: BookingLookup) -> str:
    """When the booking is, in the clinic's time and the patient's words, or "" if unknown."""
    return describe_slot(lookup.start.astimezone(clinic_now().tzinfo)) if lookup.start else ""


def details_of_the_booking(lookup: BookingLookup) -> dict[str, Any]:
    """The patient's name and contact and the booked time, from a booking being moved.

    The new booking is for the same patient: nothing they gave when booking is asked again.
    """
    phone = next((v for system, v in lookup.telecom if system == "phone"), None)
    email = next((v for system, v in lookup.telecom if system == "email"), None)
    return {
        "patient_name": lookup.name,
        "patient_phone": phone,
        "patient_email": email,
        "patient_contact": " and ".join(value for value in (phone, email) if value) or None,
        "booking_time_text": appointment_time(lookup),
    }


def confirmed_sentence(lookup: BookingLookup) -> str:
    """A booked appointment in a sentence: when, who with and where ("with who? where?")."""
    with_whom = f" with {lookup.clinician}" if lookup.clinician else ""
    place = clinic_address()
    at = f" at {place}" if place else ""
    return (
        f"Your appointment {lookup.reference} is confirmed for "
        f"{appointment_time(lookup)}{with_whom}{at}."
    )


async def _looked_up(reference: str, purpose: str) -> BookingLookup | None:
    """The booking under `reference`, or None when the service has none or cannot say."""
    try:
        return await booking_service().lookup(reference)
    except (UnknownBooking, SchedulingError) as error:
        logger.warning("Could not look up %s %s: %s", reference, purpose, error)
        return None


async def _details_of_the_booking_moved(reference: str) -> dict[str, Any]:
    """`details_of_the_booking` for `reference`, or nothing when it cannot be looked up."""
    lookup = await _looked_up(reference, "to move it")
    return details_of_the_booking(lookup) if lookup is not None else {}


async def _say_when_it_is(dispatcher: CollectingDispatcher, reference: str) -> bool:
    """Say when the booking being moved is now ("remind me when it is at the moment?").

    False, and nothing said, when the service cannot look it up.
    """
    lookup = await _looked_up(reference, "to say when it is")
    if lookup is None or lookup.status != "booked":
        return False
    dispatcher.utter_message(response="utter_booking_status", status=confirmed_sentence(lookup))
    return True


async def _clinician_of(reference: Any) -> str | None:
    """Who the booking under `reference` is with, as the service says; None if unknown."""
    if not reference:
        return None
    lookup = await _looked_up(str(reference), "for its clinician")
    return lookup.clinician if lookup is not None else None


def _recent_booking_requests(tracker: Tracker) -> list[str]:
    """The patient's requests to book within their last few messages, newest first.

    A request told with the story ("book me in Monday please, back pain for a month") may
    have been read as the patient's pain, and started the check-in first: it counts too.
    """
    users = [e for e in tracker.events if e.get("event") == "user"][-EARLIER_MESSAGES_READ:]
    found: list[str] = []
    for event in reversed(users):
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        text = str(event.get("text") or "")
        if intent == "request_appointment":
            found.append(text)
        elif intent == "describe_own_pain":
            # Only the part that asks to book: "hurt it last Friday" tells the story.
            found.extend(part for part in _BOOKING_CLAUSES.split(text) if mentions_booking(part))
    return found


def _booking_request_text(tracker: Tracker) -> str:
    """The patient's latest request to book ("I want to book a physio appointment")."""
    return request_text(tracker, ("request_appointment",))


_MAYBE = re.compile(r"\b(?:maybe|perhaps|might|not\s+sure|thinking)\b", re.IGNORECASE)


def _only_a_clock_time(preference: TimePreference, now: datetime) -> bool:
    """Whether a preference names a time of day only ("9:30"), no day nor part of one."""
    return (
        preference.weekdays is None
        and preference.part_of_day is None
        and not preference.alternatives
        and (preference.after is not None or preference.before is not None)
        and preference.earliest <= now
    )


def _someone_asked_for_this_booking(tracker: Tracker) -> str:
    """The latest earlier message of this booking that names someone to see, or the request.

    "With Rhian Hughes please, any day this week", then "ooh actually thursday would be
    better": Rhian still counts, until the patient says anyone will do.
    """
    for index, (event, opened) in enumerate(_messages_back_to_the_booking(tracker)):
        text = str(event.get("text") or "")
        if index == 0:
            continue  # the message being read now, which the caller reads itself
        if _ANYONE.search(text):
            return ""
        if names_someone(text):
            return text
        if opened:
            if _ROLE_OF_ONE.search(text) or wanted_role(text.lower()):
                # "The sports medicine one then, Lindqvist. Monday or Tuesday": the message
                # that opened the booking asked for them, not an earlier question about who.
                return text
            break
    return _booking_request_text(tracker)


def _messages_back_to_the_booking(tracker: Tracker) -> Iterator[tuple[dict[str, Any], bool]]:
    """The patient's messages, latest first, each with whether the booking opened after it.

    The message that started the booking is the first with True; callers stop there.
    """
    opened = False
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            opened = opened or (event.get("metadata") or {}).get("utter_action") == (
                "utter_start_booking"
            )
        elif event.get("event") == "user":
            yield event, opened


def _role_asked_for_this_booking(tracker: Tracker) -> str | None:
    """The kind of clinician asked for since this booking began, latest first.

    "I would like to see a physiotherapist", then "Wednesday morning would be best" (read
    as a request too): the physiotherapist still counts. The message that started the
    booking counts whatever it was read as; later ones when read as requests.
    """
    for event, opened in _messages_back_to_the_booking(tracker):
        intent = intent_from_parse_data(event.get("parse_data") or {})
        if (opened or intent == "request_appointment") and (
            role := wanted_role(str(event.get("text") or "").lower())
        ):
            return role
        if opened:
            return None
    return None


def request_text(tracker: Tracker, intents: Collection[str]) -> str:
    """The text of the patient's latest message with one of `intents`, or ""."""
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if intent in intents:
            return str(event.get("text") or "")
    return ""


# "The first one?", "is the 10am one with a physio?": a question about the offered times.
_ABOUT_AN_OFFER = re.compile(
    r"\b(?:one|ones|slot|slots|time|times|option|options|appointment)\b"
    r"|\b(?:have|take|get|do|book|go\s+for)\s+the\b"
    r"|\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)\b|\b\d{1,2}[:.]\d{2}\b"
    # "Can we make that later in the week?": about when, which the search answers.
    r"|\b(?:later|earlier|sooner|soon|soonest|earliest|free|available|availability)\b"
    r"|\b(?:make|move|change|push|bring)\s+(?:it|that|this)\b",
    re.IGNORECASE,
)


_FOLLOW_UP = re.compile(r"\bfollow[\s-]?up\b", re.IGNORECASE)
_QUESTIONS_BESIDE_A_CHOICE = frozenset({"ask_clinic_info", "faq", "request_human"})
# What a name said before a question may be read as; never a stop, a goodbye or a no.
_QUESTION_INTENTS = _QUESTIONS_BESIDE_A_CHOICE | {"out_of_scope"}
_SENTENCES = re.compile(r"(?<=[.!?])\s+")
_CLOCK_PICK = re.compile(r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)\b|\b\d{1,2}[:.]\d{2}\b", re.I)
_PICKS_AN_OFFER = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?\b|\b(?:first|second|third|last|earliest)\b",
    re.IGNORECASE,
)


def _answer_said_beside(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
) -> None:
    """The reply a question said beside a chosen time or a name would get from its own rule."""
    intent = _latest_intent(tracker)
    if intent == "out_of_scope" and say_scope_reply(dispatcher, _latest_text(tracker)):
        return  # "Jay Patel. Can the doctor look at my knee too?": the joint's reply
    if intent == "faq":
        if answer_clear_question(dispatcher, tracker, domain, asked=True) is None:
            give_contact(dispatcher, "utter_clinic_info")
        return
    give_contact(dispatcher, contact_response(intent))


_ASKS_FOR_A_KIND = re.compile(
    r"\b(?:can|could|may)\s+(?:it|i|we|he|she)\s+(?:be|see|have|get|book)\b", re.IGNORECASE
)


def _without_questions_about_clinicians(text: str) -> str:
    """`text` without its clauses that ask who the clinicians are ("what is sports doctor?")."""
    clauses = side_clauses(text)
    kept = [clause for clause in clauses if not asks_about_clinicians(clause)]
    return " ".join(kept) if len(kept) < len(clauses) else text


async def _answer_side_question(
    dispatcher: CollectingDispatcher,
    text: str,
    now: datetime,
    answer: Callable[[], FaqEntry | None] | None = None,
) -> None:
    """Point a question said beside a time to whoever can answer it.

    "... oh also, should I bring my MRI?", "Wednesday morning. But is your building step
    free?": the time is still searched; the question is not dropped. Clinicians are named when
    asked about, anything else goes to the clinic's team.
    """
    switching = asks_to_switch_clinician(text)
    for clause in side_clauses(text):
        clause = clause.strip(" ,")
        if switching and wanted_role(clause.lower()) and not asks_about_clinicians(clause):
            # "Oh wait she's a physio? I'd rather see a consultant": about whom to see,
            # which the switch answers; not what physiotherapy is.
            continue
        if _INTERJECTION.fullmatch(clause):
            continue  # "really?", "seriously??": surprise, not a question for the team
        if detect_language(clause) is not None:
            continue  # "lunes por la mañana? monday morning": the time, said twice
        asks = is_question(clause) or opens_as_question(clause)
        if not clause or not asks or parse_time_preference(clause, now) is not None:
            continue
        if asks_about_cost(clause):
            # "How much is a consultation and how soon could I get one?": the price is the
            # team's to tell, though the clause speaks of the booking.
            give_contact(dispatcher, "utter_clinic_info")
            return
        if _ABOUT_AN_OFFER.search(clause) or mentions_booking(clause) or _FOLLOW_UP.search(clause):
            continue  # "can I book a follow-up here?" is the request itself
        if asks_to_switch_clinician(clause) or (
            wanted_role(clause.lower()) and _ASKS_FOR_A_KIND.search(clause)
        ):
            # "can we do a doctor instead of physio?", "can it be a physio not a doctor":
            # who to see, the request itself, not what physiotherapy is.
            continue
        if asks_about_clinicians(clause) and await name_the_clinicians(dispatcher, True):
            return
        if say_scope_reply(dispatcher, clause):
            # "Can I take 2 naproxen instead of 1 until then?": the pharmacist or doctor.
            return
        if asks_what_helps_meanwhile(clause):
            # "What can I do till then for the pain?": what the guide says helps.
            dispatcher.utter_message(response="utter_meanwhile")
            return
        entry = answer() if answer is not None else None
        if entry is not None:
            # "My GP said maybe osteoarthritis. What is it, and can I book Tuesday?": the
            # guide's answer the whole message clearly points to.
            say_entry(dispatcher, text, entry)
            return
        give_contact(dispatcher, "utter_clinic_info")
        return


# "Anything later with the doctor, like 6?": another time asked for, not one shown.
_LATER_OR_EARLIER = re.compile(
    r"\b(?:later|earlier|after|before|instead|another|other|different)\b", re.IGNORECASE
)


# "Can we do a doctor instead?", "can I switch to Dr Okafor?": a change of whom to see.
# "None of these", "none of them", "neither": every offered time refused, whatever follows.
_NONE_OF_THEM = re.compile(
    r"^\s*(?:none\s+of\s+(?:these|those|them|the\s+above)|neither(?:\s+of\s+(?:these|those|them))?"
    r"|not\s+(?:these|those|them|any\s+of\s+(?:these|those|them)))\b[\s.!,;:-]*",
    re.IGNORECASE,
)
_INTERJECTION = re.compile(
    r"\W*(?:really|seriously|what|huh|sorry|pardon|eh|hmm+|ok|okay|wait)\W*", re.IGNORECASE
)


def _asks_a_question(said: str) -> bool:
    """Whether the answer is a question of its own rather than a pick among the times."""
    return opens_as_question(said) and not _ABOUT_AN_OFFER.search(said)


def contacts_in(text: str) -> Contacts:
    """The phone number and email in a patient's message, numbers read in the clinic's region."""
    return find_contacts(text, load_clinic_settings().phone_region)


def _latest_text(tracker: Tracker) -> str:
    return str((tracker.latest_message or {}).get("text") or "")


def _latest_intent(tracker: Tracker) -> str:
    return intent_from_parse_data(tracker.latest_message or {})


def _describe(tracker: Tracker) -> str:
    phone, email = tracker.get_slot("patient_phone"), tracker.get_slot("patient_email")
    return " and ".join(value for value in (phone, email) if value)


def _contact_slots(tracker: Tracker, contacts: Contacts) -> dict[str, Any]:
    """Both ways to reach the patient: a new phone or email replaces only its own kind."""
    phone = contacts.phone or tracker.get_slot("patient_phone")
    email = contacts.email or tracker.get_slot("patient_email")
    return {
        "patient_phone": phone,
        "patient_email": email,
        "patient_contact": " and ".join(value for value in (phone, email) if value),
    }


class ActionAskBookingConfirmed(Action):
    """The confirmation question, or "what would you like to change?" after a "no"."""

    def name(self) -> str:
        """Rasa's forms call `action_ask_<slot>` instead of `utter_ask_<slot>` when it exists."""
        return "action_ask_booking_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """One question, with buttons for the usual answers."""
        moving = tracker.get_slot("reschedule_from")
        if tracker.get_slot("booking_change_asked"):
            dispatcher.utter_message(response="utter_ask_what_to_change")
        elif moving:
            # Moving a booking: the question says so, so that nobody thinks it adds one.
            dispatcher.utter_message(response="utter_ask_move_confirmed", old_reference=moving)
        else:
            dispatcher.utter_message(response="utter_ask_booking_confirmed")
        return []


class ActionBookAppointment(Action):
    """Book the chosen time through the outbox, so that nothing is lost if the service is down."""

    def name(self) -> str:
        """Run when the booking form completes."""
        return "action_book_appointment"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Set `booking_outcome` (booked, pending, slot_taken, declined, rescheduled).

        When the booking moves an earlier one (`reschedule_from`), the earlier one is
        cancelled only once the new one is safely booked or queued.
        """
        if tracker.get_slot("booking_confirmed") is not True:
            if moving := tracker.get_slot("reschedule_from"):
                # "No, I'll keep the one I've got": the booking moved from is said to stay.
                dispatcher.utter_message(
                    response="utter_stopped_booking_move", reschedule_from=moving
                )
            else:
                dispatcher.utter_message(response="utter_booking_not_made")
            if _asks_the_team(_latest_text(tracker)):
                # "Don't book it for now. Do I need a referral from my GP to come to you?":
                # the team's answer to the question said with it, not dropped.
                give_contact(dispatcher, "utter_clinic_info")
            return [
                SlotSet("booking_outcome", "declined"),
                SlotSet("reschedule_from", None),
                *self._reset(),
            ]
        request = BookingRequest(
            reference=new_booking_reference(),
            slot_id=str(tracker.get_slot("chosen_slot_id")),
            name=str(tracker.get_slot("patient_name")),
            phone=tracker.get_slot("patient_phone"),
            email=tracker.get_slot("patient_email"),
            reason=tracker.get_slot("triage_reasons") or "Joint pain consultation",
            summary=handoff_summary(tracker),
            conversation_id=tracker.sender_id,
        )
        when = (
            tracker.get_slot("chosen_slot_details") or tracker.get_slot("chosen_slot_title") or ""
        )
        try:
            outcome = await booking_service().submit(request)
        except SlotTaken:
            return [SlotSet("booking_outcome", "slot_taken"), *self._offer_again(tracker)]
        except SchedulingError as error:
            # The request is kept in the outbox for staff; the patient is not left guessing.
            logger.error("Booking %s was refused: %s", request.reference, error)
            outcome = Pending(request.reference)
        result = "booked" if isinstance(outcome, Booked) else "pending"
        old = tracker.get_slot("reschedule_from")
        # The old booking is freed only once the new one is confirmed by the service; a
        # queued one may still fail, and the patient keeps the old one until it is not.
        if old and isinstance(outcome, Booked):
            try:
                await booking_service().cancel(str(old))
                result = "rescheduled"
            except (UnknownBooking, SchedulingError) as error:
                logger.error(
                    "Moved to %s but could not cancel %s: %s", outcome.reference, old, error
                )
        return [
            SlotSet("booking_outcome", result),
            SlotSet("booking_reference", outcome.reference),
            SlotSet("booking_time_text", when),
            SlotSet("reschedule_from", None),
            *self._reset(),
        ]

    @staticmethod
    def _reset() -> list[EventType]:
        return [
            SlotSet("chosen_slot_id", None),
            SlotSet("booking_confirmed", None),
            SlotSet("booking_change_asked", None),
            SlotSet("preferred_role", None),
        ]

    @staticmethod
    def _offer_again(tracker: Tracker) -> list[EventType]:
        """Drop the taken time and offer the next ones, keeping name, contact and preference."""
        taken = tracker.get_slot("chosen_slot_id")
        candidates = [c for c in tracker.get_slot("slot_candidates") or [] if c["id"] != taken]
        return [
            SlotSet("slot_candidates", candidates),
            SlotSet("chosen_slot_id", None),
            SlotSet("booking_confirmed", None),
            *option_slots(candidates, 0),
        ]


# Answers the callback form's own mapping leaves out: the request said again, and a number
# given with a question for the team ("07700 900789. but what are the hours??").
_READ_AS_ANOTHER_REQUEST = frozenset({"request_callback", "ask_clinic_info", "request_human"})


class ValidateCallbackForm(FormValidationAction):
    """A phone number or email to call the patient back on; the name is welcome, not needed."""

    def name(self) -> str:
        """Rasa calls this for each answer to the callback form."""
        return "validate_callback_form"

    async def extract_patient_contact(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A number given in the request itself ("call me back on 07700 900222").

        Or in an answer that reads as the request again ("email is better, kev@...com,
        after 6pm if you ring"), which the slot's own mapping leaves to the rules.
        """
        requested = tracker.get_slot("requested_slot")
        region = load_clinic_settings().phone_region
        latest = _latest_text(tracker)
        if (
            requested is None
            and tracker.get_slot("patient_contact")
            and not tracker.get_slot("patient_phone")
            and _ASKS_FOR_A_PHONE_CALL.search(latest)
            and not find_contacts(latest, region)
        ):
            # "Just get someone to call me" with only an email given: a number to ring.
            return {"patient_contact": None}
        if tracker.get_slot("patient_contact") or requested not in (None, "patient_contact"):
            return {}
        if _SAME_CONTACT.search(_latest_text(tracker)):
            # "Call me back then, same number": the one given a moment ago.
            earlier = _said_earlier(tracker, lambda text: find_contacts(text, region))
            if earlier is not None:
                return _contact_slots(tracker, find_contacts(earlier, region))
        if requested and _latest_intent(tracker) not in _READ_AS_ANOTHER_REQUEST:
            return {}  # the slot's own mapping reads the answer
        contacts = find_contacts(_latest_text(tracker), region)
        return _contact_slots(tracker, contacts) if contacts else {}

    def validate_patient_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A phone number (normalised to E.164), an email address, or both, each kept.

        A name given with them ("it's Maria, 07700 900123") is kept too, so that the team
        knows whom to ask for.
        """
        if value is None:
            # Emptied on purpose (an email only, for a call): asked for, not rejected.
            return {"patient_contact": None}
        contacts = contacts_in(str(value))
        if not contacts:
            return reject(dispatcher, tracker, "patient_contact", domain)
        # "07588 246810, mornings best": the time is for the call, not part of a name.
        rest = ", ".join(c for c in _CLAUSES.split(contacts.rest) if not _time_clause(c))
        name = None if tracker.get_slot("patient_name") else parse_name(rest)
        return {**_contact_slots(tracker, contacts), **({"patient_name": name} if name else {})}


_CLAUSES = re.compile(r"[,;.!?]+|\band\b")
_ASKS_FOR_A_PHONE_CALL = re.compile(
    r"\b(?:call|calls|calling|ring|phone|bell)\b(?!\s+(?:or|and)\s+e-?mail)", re.IGNORECASE
)
_SAME_CONTACT = re.compile(
    r"\b(?:same|that|this)\s+(?:phone\s+)?(?:number|phone|mobile|email|one)\b|\b(?:the\s+)?(?:number|one|email)"
    r"\s+i\s+(?:gave|said|just\s+gave|sent)\b|\byou\s+(?:have|got)\s+(?:it|my\s+number)\b",
    re.IGNORECASE,
)


_CALL_ASK = re.compile(
    r"^.*\b(?:call|ring|phone|contact)(?:\s+(?:me|us|him|her|them))?(?:\s+back)?\b", re.IGNORECASE
)
_ASKS_FOR_CALL_TIME = re.compile(
    r"\b(?:call|ring|phone|contact|free|available|best|suits?|prefer\w*)\b", re.IGNORECASE
)
# "It's after 5 now", "are you open saturday?": the time now or the hours, not when to call.
_NOT_A_CALL_TIME = re.compile(
    r"\b(?:closed|shut|open|right\s+now)\b|\bit'?s\s+(?:\d|(?:after|past|gone)\b)", re.IGNORECASE
)


# "ok so monday morning then": the words around the time, left out of what staff read.
_FILLERS = re.compile(
    r"^(?:(?:ok(?:ay)?|so|right|well|and|wait|um+|erm+)\b[\s,]*)+"
    r"|(?:[\s,]*\b(?:then|tho|though|please|pls|thanks|thx))+$",
    re.IGNORECASE,
)


# "after 6pm is best I'm Dan": the name said after the time, not part of it.
_INTRODUCTION = re.compile(
    r"\s*,?\s*\b(?:i'?m|i\s+am|my\s+name\s+is|my\s+name'?s|this\s+is|name)\s+[a-z][\w'-]*"
    r"(?:\s+[a-z][\w'-]*)?\s*$",
    re.IGNORECASE,
)


def _time_clause(clause: str) -> str:
    """The call time a clause asks for ("tomorrow" in "can someone call me tomorrow"), or ""."""
    words = _FILLERS.sub("", _CALL_ASK.sub("", clause).strip(" ?!.,")).strip(" ?!.,")
    words = _INTRODUCTION.sub("", words).strip(" ?!.,")
    if not words or _NOT_A_CALL_TIME.search(words):
        return ""
    return words if parse_time_preference(words, clinic_now()) is not None else ""


def _call_times(text: str, *, asking_only: bool = False) -> list[str]:
    """The call times the clauses of a message ask for; `asking_only`: clauses about the call.

    "Please could they ring after 2 o'clock, I have the hairdresser in the morning": with
    `asking_only`, the clause that asks for the call, not the one saying when one is busy.
    """
    return [
        said
        for clause in _CLAUSES.split(text)
        if (not asking_only or _ASKS_FOR_CALL_TIME.search(clause))
        and (said := _time_clause(clause))
    ]


def callback_times(tracker: Tracker) -> str:
    """When the patient would like the call, in their words ("tomorrow", "mornings best").

    Read from the messages since they asked for the call, the request included, so that
    staff see it with the request and the patient hears it was noted.
    """
    said: list[str] = []
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        text = str(event.get("text") or "")
        without_contacts = contacts_in(text)
        if without_contacts:
            text = without_contacts.rest
        # "07700 900571, after 4pm is best, name's Dean Harlow": the name is no time.
        text = _NAME_LEAD.split(text, maxsplit=1)[0]
        said[:0] = _call_times(text)
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if intent == "request_callback":
            break
    return ", ".join(dict.fromkeys(said))


def _callback_reference(tracker: Tracker) -> str:
    """The call-back request's reference (a booking made since has its own)."""
    return str(
        tracker.get_slot("callback_reference") or tracker.get_slot("booking_reference") or ""
    )


async def _changed_contact(
    store: CallbackStore, reference: str, tracker: Tracker, contacts: Contacts
) -> dict[str, Any]:
    """The contact slots, when a call-back already asked for is given a new phone number."""
    if not contacts or not contacts.phone or contacts.phone == tracker.get_slot("patient_phone"):
        return {}
    slots = _contact_slots(tracker, contacts)
    if not await store.change_contact(reference, slots["patient_contact"]):
        return {}
    return slots


class ActionRequestCallback(Action):
    """Store a request for the team to call the patient back."""

    def name(self) -> str:
        """Run when the callback form completes."""
        return "action_request_callback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Save the request and set `callback_outcome` (saved, or missing_contact)."""
        contact = tracker.get_slot("patient_contact")
        if not contact:
            return [SlotSet("callback_outcome", "missing_contact")]
        if tracker.get_slot("callback_outcome") in ("saved", "already"):
            latest = str((tracker.latest_message or {}).get("text") or "")
            reference = _callback_reference(tracker)
            store = CallbackStore(booking_service().engine)
            given = find_contacts(latest, load_clinic_settings().phone_region)
            changed = await _changed_contact(store, reference, tracker, given)
            if changed:
                # "You can't call an email lol. Number is 07700 900733": the request's
                # contact is put right, not a second request made; a time said with it
                # ("after 5 only") is added for the team.
                times = ", ".join(_call_times(given.rest))
                if times:
                    await store.add_preferred_times(reference, times)
                dispatcher.utter_message(
                    response="utter_callback_contact_changed",
                    callback_reference=reference,
                    **changed,
                    **(contact_details() or UNKNOWN_CONTACT),
                )
                return [
                    SlotSet("callback_outcome", "already"),
                    *(SlotSet(name, value) for name, value in changed.items()),
                ]
            # Asking for the call again, only the clause that asks says when; a follow-up
            # ("so Monday morning then") is all about when.
            asking = _latest_intent(tracker) == "request_callback"
            # "So when will they call, Monday?": a question about the call, not a time for it.
            wondering = not asking and is_question(latest)
            times = "" if wondering else ", ".join(_call_times(latest, asking_only=asking))
            if times and await store.add_preferred_times(reference, times):
                # "Could they ring after 2 o'clock?": added to the request staff see.
                dispatcher.utter_message(
                    response="utter_callback_time_noted",
                    when=times,
                    **(contact_details() or UNKNOWN_CONTACT),
                )
                return [SlotSet("callback_outcome", "already")]
            # "When will you call?": the request stands; a second one would only confuse.
            dispatcher.utter_message(
                response="utter_callback_already",
                callback_reference=reference,
                **(contact_details() or UNKNOWN_CONTACT),
            )
            return [SlotSet("callback_outcome", "already")]
        reference = new_booking_reference()
        if asks_about_the_visit(_latest_text(tracker)):
            # "Can someone call my mum back? Does anyone there speak Spanish?": the team
            # answers that on the call, which is said before the request is confirmed.
            dispatcher.utter_message(response="utter_team_answers_on_the_call")
        when = callback_times(tracker)
        await CallbackStore(booking_service().engine).save(
            CallbackRequest(
                reference=reference,
                name=str(tracker.get_slot("patient_name") or "not given"),
                contact=str(contact),
                preferred_times=when or str(tracker.get_slot("preferred_time") or ""),
                summary=handoff_summary(tracker),
            )
        )
        # Said here rather than by a rule, so that it can carry the clinic's hours and phone.
        dispatcher.utter_message(
            response="utter_callback_requested_for_time" if when else "utter_callback_requested",
            booking_reference=reference,
            patient_contact=str(contact),
            **({"when": when} if when else {}),
            **(contact_details() or UNKNOWN_CONTACT),
        )
        return [
            SlotSet("callback_outcome", "saved"),
            SlotSet("booking_reference", reference),
            SlotSet("callback_reference", reference),
            SlotSet("chosen_slot_id", None),
            SlotSet("booking_confirmed", None),
        ]


# "Just cancel it then, I'll ring in January", while a booking is being moved: the booking
# itself is to go, not only the move. Not "cancel the move" nor "don't cancel".
_CANCEL_IT = re.compile(r"\bcancel+(?:ed|led|ling)?\b", re.IGNORECASE)
_CANCEL_THE_MOVE = re.compile(
    r"\bcancel\w*\s+(?:the\s+|this\s+)?(?:move|change|reschedul\w*|moving|search)\b", re.IGNORECASE
)


class ActionStoppedBooking(Action):
    """Leave the booking form on "stop"; while moving a booking, "cancel it" cancels it."""

    def name(self) -> str:
        """Named in the rule that leaves the booking form on a stop."""
        return "action_stopped_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Say nothing was booked (or the old booking stays), or ask to cancel the old one."""
        text = _latest_text(tracker)
        moving = tracker.get_slot("reschedule_from")
        if (
            moving
            and _CANCEL_IT.search(text)
            and not _CANCEL_THE_MOVE.search(text)
            and not keeps_the_booking(text)
        ):
            # Its owner was checked before the move began: only the yes to cancelling is left.
            return [
                SlotSet("reschedule_from", None),
                SlotSet("manage_task", "cancel"),
                SlotSet("manage_reference", moving),
                SlotSet("manage_identity", True),
                SlotSet("manage_confirmed", None),
                FollowupAction("manage_booking_form"),
            ]
        kept = None if moving else _offer_kept(tracker, text)
        if kept is not None:
            # "So that's a no then. Just keep the Wednesday 4pm one with Dr Lindqvist": with
            # no booking to keep, "keep" takes the time offered, which the booking goes on with.
            return [
                SlotSet("chosen_slot_id", kept["id"]),
                SlotSet("chosen_slot_title", kept["title"]),
                SlotSet("chosen_slot_details", kept.get("details") or kept["title"]),
                FollowupAction("booking_form"),
            ]
        say_booking_stopped(dispatcher, tracker)
        return []


def _offer_kept(tracker: Tracker, text: str) -> dict[str, str] | None:
    """The one offered time a "keep the ... one" names, while choosing a time; else None."""
    if not keeps_the_booking(text) or tracker.get_slot("booking_reference"):
        return None
    candidates: list[dict[str, str]] = tracker.get_slot("slot_candidates") or []
    page = int(tracker.get_slot("slot_offer_page") or 0)
    shown = one_page(candidates, page)
    held = tracker.get_slot("chosen_slot_id")
    if held and not any(offer["id"] == held for offer in shown):
        # The time chosen before another was asked about ("is Dr Okafor free sooner?").
        title = str(tracker.get_slot("chosen_slot_title") or "")
        details = str(tracker.get_slot("chosen_slot_details") or title)
        shown = [*shown, {"id": str(held), "title": title, "details": details}]
    return by_clock_time(text, shown) if shown else None
