"""Booking hand-off: validate the booking form, offer free times, book, cancel.

Parsing lives in clinic/booking, the referral summary in clinic/triage, and all I/O in
adapters/ (the scheduling client and the durable outbox). Rules in
data/rules_booking.yml say the outcome this module puts into slots.
"""

from __future__ import annotations

import functools
import logging
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.checkin import checkin_from_tracker
from adapters.callbacks import CallbackRequest, CallbackStore
from adapters.outbox import Booked, BookingService, Pending, UnknownBooking
from adapters.scheduling_client import (
    BookingRequest,
    SchedulingClient,
    SchedulingError,
    SlotTaken,
    new_booking_reference,
)
from clinic.booking.contact import parse_contact
from clinic.booking.names import parse_name
from clinic.booking.preferences import describe_slot, matches, parse_time_preference
from clinic.settings import load_settings
from clinic.triage.referral import decide, load_referral_rules, summary_for_staff

logger = logging.getLogger(__name__)

OPTIONS_PER_PAGE = 3
MAX_CANDIDATES = 30
NONE_OF_THESE = "none"
# "the second one": ordinal words win over the "one" that often follows them.
ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2}
NUMBERS = {"1": 0, "one": 0, "2": 1, "two": 1, "3": 2, "three": 2}


@functools.lru_cache(maxsize=1)
def booking_service() -> BookingService:
    """One outbox engine and client per action-server process, made on first use."""
    return BookingService.from_settings(load_settings())


def clinic_now() -> datetime:
    """The current time in the clinic's timezone, which patients' "Tuesday morning" means."""
    return datetime.now(ZoneInfo(load_settings().clinic_timezone))


def option_slots(candidates: list[dict[str, str]], page: int) -> list[EventType]:
    """Fill the three button slots of `utter_ask_chosen_slot_id` from one page of times."""
    shown = candidates[page * OPTIONS_PER_PAGE : (page + 1) * OPTIONS_PER_PAGE]
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
    decision = decide(checkin, load_referral_rules(load_settings().referral_rules_file))
    parts = [summary_for_staff(checkin, decision)]
    topics = topics_asked(tracker)
    if topics:
        parts.append("Topics asked about: " + ", ".join(t.replace("_", " ") for t in topics) + ".")
    preferred = tracker.get_slot("preferred_time")
    if preferred:
        parts.append(f"Preferred times: {preferred}.")
    return " ".join(parts)


class ValidateBookingForm(FormValidationAction):
    """Name, contact, preferred times, then a free time chosen from at most three buttons."""

    def name(self) -> str:
        """Rasa calls this for each answer to the booking form."""
        return "validate_booking_form"

    def validate_patient_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A plain name, without "my name is"."""
        name = parse_name(str(value))
        if name is None:
            dispatcher.utter_message(response="utter_wrong_patient_name")
        return {"patient_name": name}

    def validate_patient_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A phone number (normalised to E.164) or an email address."""
        contact = parse_contact(str(value), load_settings().phone_region)
        if contact is None:
            dispatcher.utter_message(response="utter_wrong_patient_contact")
            return {"patient_contact": None}
        return {"patient_contact": contact.value}

    async def validate_preferred_time(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Parse the preference and look up matching free times to offer."""
        now = clinic_now()
        preference = parse_time_preference(str(value), now)
        if preference is None:
            dispatcher.utter_message(response="utter_wrong_preferred_time")
            return {"preferred_time": None}
        try:
            async with SchedulingClient.from_settings(load_settings()) as client:
                slots = await client.free_slots(
                    max(preference.earliest, now), preference.latest, limit=100
                )
        except SchedulingError as error:
            logger.warning("Could not list free slots: %s", error)
            dispatcher.utter_message(response="utter_scheduling_unavailable")
            return {"preferred_time": None}
        candidates = [
            {"id": slot.id, "title": describe_slot(slot.start.astimezone(now.tzinfo))}
            for slot in slots
            if matches(preference, slot.start)
        ][:MAX_CANDIDATES]
        if not candidates:
            dispatcher.utter_message(response="utter_no_matching_slots")
            return {"preferred_time": None}
        return {
            "preferred_time": str(value),
            "slot_candidates": candidates,
            "chosen_slot_id": None,
            **_events_to_dict(option_slots(candidates, 0)),
        }

    def validate_chosen_slot_id(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """One of the offered times; "none of these" shows the next three."""
        candidates: list[dict[str, str]] = tracker.get_slot("slot_candidates") or []
        page = int(tracker.get_slot("slot_offer_page") or 0)
        shown = candidates[page * OPTIONS_PER_PAGE : (page + 1) * OPTIONS_PER_PAGE]
        answer = str(value).strip().lower()
        if answer in (NONE_OF_THESE, "none of these", "none of them", "none"):
            if (page + 1) * OPTIONS_PER_PAGE < len(candidates):
                return {
                    "chosen_slot_id": None,
                    **_events_to_dict(option_slots(candidates, page + 1)),
                }
            dispatcher.utter_message(response="utter_no_more_slots")
            return {"chosen_slot_id": None, "preferred_time": None}
        chosen = next((c for c in shown if c["id"] == str(value)), None)
        if chosen is None:
            words = answer.replace(".", " ").split()
            index = next((ORDINALS[w] for w in words if w in ORDINALS), None)
            if index is None:
                index = next((NUMBERS[w] for w in words if w in NUMBERS), None)
            chosen = shown[index] if index is not None and index < len(shown) else None
        if chosen is None:
            dispatcher.utter_message(response="utter_wrong_chosen_slot_id")
            return {"chosen_slot_id": None}
        return {"chosen_slot_id": chosen["id"], "chosen_slot_title": chosen["title"]}


class ActionBookAppointment(Action):
    """Book the chosen time through the outbox, so that nothing is lost if the service is down."""

    def name(self) -> str:
        """Run when the booking form completes."""
        return "action_book_appointment"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Set `booking_outcome` (booked, pending, slot_taken, declined) and the reference."""
        if tracker.get_slot("booking_confirmed") is not True:
            return [SlotSet("booking_outcome", "declined"), *self._reset()]
        contact = str(tracker.get_slot("patient_contact") or "")
        request = BookingRequest(
            reference=new_booking_reference(),
            slot_id=str(tracker.get_slot("chosen_slot_id")),
            name=str(tracker.get_slot("patient_name")),
            contact_system="email" if "@" in contact else "phone",
            contact_value=contact,
            reason=tracker.get_slot("triage_reasons") or "Joint pain consultation",
            summary=handoff_summary(tracker),
        )
        when = tracker.get_slot("chosen_slot_title") or ""
        try:
            outcome = await booking_service().submit(request)
        except SlotTaken:
            return [SlotSet("booking_outcome", "slot_taken"), *self._offer_again(tracker)]
        except SchedulingError as error:
            # The request is kept in the outbox for staff; the patient is not left guessing.
            logger.error("Booking %s was refused: %s", request.reference, error)
            outcome = Pending(request.reference)
        if isinstance(outcome, Booked) and outcome.appointment.start is not None:
            when = describe_slot(outcome.appointment.start.astimezone(clinic_now().tzinfo))
        return [
            SlotSet("booking_outcome", "booked" if isinstance(outcome, Booked) else "pending"),
            SlotSet("booking_reference", outcome.reference),
            SlotSet("booking_time_text", when),
            *self._reset(),
        ]

    @staticmethod
    def _reset() -> list[EventType]:
        return [SlotSet("chosen_slot_id", None), SlotSet("booking_confirmed", None)]

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


class ActionCancelAppointment(Action):
    """Cancel a booking by its reference, whether delivered or still in the outbox."""

    def name(self) -> str:
        """Run for `cancel_appointment`, or when the patient gives the reference we asked for."""
        return "action_cancel_appointment"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Set `cancel_outcome`: cancelled, not_found, missing_reference or unavailable."""
        reference = next(tracker.get_latest_entity_values("booking_reference"), None)
        if not reference:
            return [SlotSet("cancel_outcome", "missing_reference")]
        reference = reference.upper()
        try:
            await booking_service().cancel(reference)
        except UnknownBooking:
            outcome = "not_found"
        except SchedulingError as error:
            logger.warning("Could not cancel %s: %s", reference, error)
            outcome = "unavailable"
        else:
            outcome = "cancelled"
        return [SlotSet("cancel_outcome", outcome), SlotSet("booking_reference", reference)]


class ActionRequestCallback(Action):
    """Store a request for the team to call the patient back, when no time suited them."""

    def name(self) -> str:
        """Run for `request_callback`, typically from the "Please call me back" button."""
        return "action_request_callback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Set `callback_outcome`: saved (with a reference) or missing_contact."""
        name = tracker.get_slot("patient_name")
        contact = tracker.get_slot("patient_contact")
        if not name or not contact:
            return [SlotSet("callback_outcome", "missing_contact")]
        reference = new_booking_reference()
        await CallbackStore(booking_service().engine).save(
            CallbackRequest(
                reference=reference,
                name=str(name),
                contact=str(contact),
                preferred_times=str(tracker.get_slot("preferred_time") or ""),
                summary=handoff_summary(tracker),
            )
        )
        return [
            SlotSet("callback_outcome", "saved"),
            SlotSet("booking_reference", reference),
            SlotSet("chosen_slot_id", None),
            SlotSet("booking_confirmed", None),
        ]
