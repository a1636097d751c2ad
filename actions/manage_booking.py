"""Cancel, move or check a booking: by its reference, once the patient shows it is theirs.

The reference is read in every form patients type it ("jpc ab12cd", "it's JPC-AB12CD").
Before anything is changed or told, the patient gives the phone number or email the
booking was made with, unless the booking was made in this very conversation. A
cancellation cannot be undone, so the patient sees which appointment it is and says yes
first. Moving a booking is booking a new time (the booking form) and then cancelling the
old one.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from action_server.io.outbox import BookingLookup, UnknownBooking
from action_server.io.scheduling_client import SchedulingError
from actions.booking import (
    appointment_time,
    booking_service,
    clinic_now,
    confirmed_sentence,
    contacts_in,
    details_of_the_booking,
    request_text,
)
from actions.booking_history import NOTHING_CHANGED, ChangedHere, changed_here
from actions.contact import contact_details, give_contact, say_booking_stopped
from actions.feedback import say_answer
from actions.forms import UNKNOWN_CONTACT, reject
from actions.manage_tasks import TASKS, task_asked_before
from actions.unclear import recent_replies, user_message_before
from clinic.booking.confirmation import gives_up_booking
from clinic.booking.contact import find_contacts
from clinic.booking.identity import same_person
from clinic.booking.manage_requests import (
    about_the_old_booking,
    asks_about_notice,
    asks_booking_status,
    asks_for_clinic_phone,
    asks_if_told,
    asks_to_cancel,
    asks_to_change_contact,
    asks_to_move,
    asks_what_happens_next,
    asks_whose_name,
    booking_task_told,
    gives_the_go_ahead_to_cancel,
    keeps_the_booking,
    wonders_about_cancelling,
)
from clinic.booking.moving import moved_time
from clinic.booking.references import (
    code_to_try,
    corrected_reference,
    find_reference,
    joined_with_the_part_before,
)
from clinic.faq.activities import activity_asked_about
from clinic.faq.catalogue import FaqCatalogue
from clinic.faq.condition_topics import topic_named
from clinic.faq.followups import last_clause, question_parts
from clinic.settings import load_clinic_settings
from clinic.triage.yes_no import parse_yes_no
from clinic.wording import asks_about_the_visit, asks_for_contact_details

logger = logging.getLogger(__name__)

CHANGE = "change_booking_detail"


def _answer_the_question_beside(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict, text: str
) -> None:
    """Answer a question asked beside a request about a booking, when it names a topic.

    Only a topic the guide names (or an activity it does not) is answered: "can I come in
    sooner?" or "like my scans?" are about the booking or the visit, whatever answer the
    classifier's words lean to.
    """
    beside = " ".join(
        clause
        for part in question_parts(text)
        if not _ABOUT_BOOKINGS.search(clause := last_clause(part))
    )
    if not beside or asks_booking_status(text):
        return
    if (activity := activity_asked_about(text)) is not None:
        dispatcher.utter_message(response="utter_activity_question_not_covered", activity=activity)
    elif (entry := FaqCatalogue.from_domain(domain).get(topic_named(beside))) is not None:
        say_answer(dispatcher, tracker, entry)


# A question about the booking itself ("can I move it to Friday?"), not beside it.
_ABOUT_BOOKINGS = re.compile(
    r"\b(?:cancel\w*|move|moving|reschedul\w*|rebook\w*|appointments?|appts?|bookings?|booked"
    r"|change|changing|JPC)\b",
    re.IGNORECASE,
)


def booked_here(tracker: Tracker, reference: str) -> bool:
    """Whether this conversation made the booking, or already saw it shown to be theirs.

    Either way the patient needs no identity check again, however many bookings came
    after it: `booking_reference` has held each booking made or shown to be theirs here,
    and a booking moved away from was shown to be theirs before it was moved.
    """
    held = {
        str(event.get("value"))
        for event in tracker.events
        if event.get("event") == "slot"
        and event.get("name") in ("booking_reference", "reschedule_from")
        and event.get("value")
    }
    return reference in held or reference in (
        tracker.get_slot("booking_reference"),
        tracker.get_slot("reschedule_from"),
    )


def moved_from_here(tracker: Tracker) -> str | None:
    """The booking this conversation last moved a patient away from, if any."""
    for event in reversed(tracker.events):
        moved = event.get("event") == "slot" and event.get("name") == "reschedule_from"
        if moved and event.get("value"):
            return str(event["value"])
    return None


def status_text(lookup: BookingLookup, changed: ChangedHere = NOTHING_CHANGED) -> str:
    """The booking's state in a sentence for `utter_booking_status`.

    A cancelled booking says who cancelled it as far as this conversation knows: moved
    away from here (and which reference to use now), cancelled here, or before this
    conversation, so a patient who only asked to check it knows nothing was changed now.
    """
    when = appointment_time(lookup)
    if lookup.status == "booked":
        return confirmed_sentence(lookup)
    if lookup.status == "pending":
        return (
            f"Your request {lookup.reference} is saved and waiting for our booking system. "
            "Our team will confirm it with you."
        )
    if lookup.status == "failed":
        return (
            f"I'm sorry, the time you chose for {lookup.reference} was taken before we could "
            "book it. Say 'book an appointment' and I'll find you another time."
        )
    was = f" (it was for {when})" if when else ""
    new_reference = changed.moved_to.get(lookup.reference)
    if new_reference:
        return (
            f"Your old appointment {lookup.reference}{was} was cancelled when you moved it. "
            f"Your appointment now is {new_reference}: please use that reference from now on."
        )
    if lookup.reference in changed.cancelled:
        return f"Your appointment {lookup.reference}{was} is cancelled, as you asked."
    return (
        f"Your appointment {lookup.reference}{was} was already cancelled before this chat; "
        "I haven't changed anything. Say 'book an appointment' if you'd like a new time."
    )


_NO_REFERENCE = re.compile(
    r"\b(?:don'?t|do\s+not|dont|doesn'?t)\s+(?:have|know|remember|recall|got)\b"
    r"|\b(?:lost|deleted|forgot(?:ten)?|can'?t\s+find|cannot\s+find|can'?t\s+remember|no\s+idea)\b"
    r"|\bno\s+(?:reference|ref|booking\s+number|email|confirmation)\b"
    r"|\b(?:it'?s|its|booked)\s+under\s+(?:my\s+name|[a-z]+\s+[a-z]+)\b",
    re.IGNORECASE,
)
"""An answer that says the patient has no reference to give."""
# Said with the request itself, the no must be about the reference ("lost the reference
# number"), not the appointment ("when is it again? I forgot").
_REFERENCE_WORDS = re.compile(
    r"\b(?:ref\w*|number|code|confirmation|email|e-mail|letter|text)\b", re.IGNORECASE
)


START_ACTION = "action_start_manage_booking"


MAX_IDENTITY_TRIES = 3
"""Phone numbers or emails that do not match the booking before the form gives up."""


def _texts_since_request(tracker: Tracker) -> list[str]:
    """The patient's messages since this request to manage a booking began, newest first."""
    texts: list[str] = []
    for event in reversed(list(tracker.events)):
        if event.get("event") == "action" and event.get("name") == START_ACTION:
            break
        if event.get("event") == "user":
            texts.append(str(event.get("text") or ""))
    return texts


def _identity_misses(tracker: Tracker) -> int:
    """How many earlier messages since this request began gave a phone number or email.

    None of them matched the booking, or the identity would be known by now.
    """
    region = load_clinic_settings().phone_region
    since = _texts_since_request(tracker)
    if not since:
        # The request is the message being read ("move my appointment, ref JPC-..., I
        # booked with ben@..."): its contact is this try, not an earlier one.
        return 0
    # The request itself may have given one: "it's JPC-ZX23JK, her email is mia@... I think".
    earlier = [*since[1:], _request_text(tracker)]
    return sum(1 for text in earlier if find_contacts(text, region))


def _request_text(tracker: Tracker) -> str:
    """The patient's message that began this request to manage a booking ("" if unknown)."""
    started = False
    for event in reversed(list(tracker.events)):
        if event.get("event") == "action" and event.get("name") == START_ACTION:
            started = True
        elif started and event.get("event") == "user":
            return str(event.get("text") or "")
    return ""


def _answers_without_contact(tracker: Tracker) -> int:
    """How many messages since the request, this one included, held no number or email.

    Nor a reference: answers to the identity question the form could not use.
    """
    region = load_clinic_settings().phone_region
    return sum(
        1
        for text in _texts_since_request(tracker)
        if not find_contacts(text, region)
        and find_reference(text) is None
        and not re.search(r"[\d@]", text)
    )


NOT_CONFIRMED = "utter_identity_not_confirmed"
"""The reply that the identity could not be confirmed: the check is over for this chat."""


def _check_ended() -> dict[str, Any]:
    """The slots that end the manage-booking form without doing anything."""
    return {"manage_identity": None, "requested_slot": None, "manage_task": None}


def _locked_out(tracker: Tracker) -> bool:
    """Whether the identity check already failed in this conversation (too many misses)."""
    return any(
        event.get("event") == "bot" and _says(event, NOT_CONFIRMED) for event in tracker.events
    )


_RECENT_MESSAGES = 2
"""The request and the message just before it: where a contact given first still counts.

No further back, so that numbers typed earlier cannot add guesses to the few the identity
question allows.
"""


def _identity_given_before(tracker: Tracker, lookup: BookingLookup, region: str) -> dict[str, Any]:
    """The identity check passed by a phone number or email given before the reference.

    The messages since this request to manage a booking count, and the one just before it
    ("can you look it up with my number 07700 900789?", then "found it: JPC-..."): the
    same conversation, so as much proof as an answer now. A contact that does not match
    is not held against the patient (they are asked as usual).
    """
    users = [e for e in tracker.events if e.get("event") == "user"][-_RECENT_MESSAGES:]
    recent = [str(event.get("text") or "") for event in users]
    texts = [*_texts_since_request(tracker), *recent]
    if any(same_person(text, lookup.telecom, region) for text in texts):
        # Shown to be theirs, as when the identity question is answered.
        return {"manage_identity": True, "booking_reference": lookup.reference}
    return {}


NOT_FOUND = "utter_appointment_not_found"
# "That's definitely the reference", "it's the right one, I checked": the same one again.
_INSISTS = re.compile(
    r"\b(?:definitely|certainly|sure|correct|right\s+(?:one|reference|ref)|i\s+(?:checked|double[\s-]?checked)"
    r"|that'?s\s+(?:the|my)\s+(?:reference|ref|one|number))\b",
    re.IGNORECASE,
)


def _say_not_found(dispatcher: CollectingDispatcher) -> list[EventType]:
    """No booking has that reference: said here, with the team's phone and hours filled in.

    (A rule saying the response would leave "{phone} ({hours})" unfilled: they are not slots.)
    """
    dispatcher.utter_message(response=NOT_FOUND, **(contact_details() or UNKNOWN_CONTACT))
    return [SlotSet("manage_outcome", "said")]


_REFERENCE_MESSAGES_READ = 10
"""How many of the patient's earlier messages are read for a reference they gave."""


def _says(event: dict[str, Any], response: str) -> bool:
    """Whether the event is the assistant saying `response`."""
    return (event.get("metadata") or {}).get("utter_action") == response


def _says_not_found(event: dict[str, Any]) -> bool:
    """Whether the event is the reply that a reference found no booking."""
    return _says(event, NOT_FOUND)


def _not_found_before(tracker: Tracker) -> bool:
    """Whether a reference already found nothing since the form was started."""
    for event in reversed(tracker.events):
        if event.get("event") in ("active_loop", "reset_slots", "restart", "session_started"):
            return False
        if _says_not_found(event):
            return True
    return False


def _reference_said_before(tracker: Tracker) -> str | None:
    """The booking reference the patient gave most recently in this conversation, if any.

    "Is it confirmed?? what day is it again" a few turns after "JPC-8DZNUZ": that booking,
    not the reference asked for again. Not past a "delete my data" or a restart.
    """
    seen = 0
    not_found = False
    for event in reversed(tracker.events):
        if event.get("event") in ("reset_slots", "restart", "session_started"):
            return None
        if _says_not_found(event):
            not_found = True  # the reference before it found nothing: not used again
        if event.get("event") != "user":
            continue
        seen += 1
        if seen > _REFERENCE_MESSAGES_READ:
            return None
        reference = find_reference(str(event.get("text") or ""))
        if reference is not None:
            return None if not_found else reference
    return None


def _unset(slots: dict[str, Any]) -> list[EventType]:
    """Undo what Rasa's slot mappings took from a message that answers nothing asked."""
    return [SlotSet(slot, None) for slot in slots]


class ValidateManageBookingForm(FormValidationAction):
    """The reference, then the phone or email the booking was made with."""

    def name(self) -> str:
        """Rasa calls this for each answer to the manage-booking form."""
        return "validate_manage_booking_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Nothing changes on "leave it as it is" before the cancelling is asked about."""
        text = str((tracker.latest_message or {}).get("text") or "")
        # Asked for the reference or the phone, an answer without either says something else.
        says_something_else = (
            tracker.get_slot("requested_slot") in ("manage_reference", "manage_identity")
            and find_reference(text) is None
            and not contacts_in(text)
        )
        if (
            says_something_else
            and tracker.get_slot("manage_task") == "cancel"
            and keeps_the_booking(text)
        ):
            # "Hang on, I can make it after all. Leave it as it is": the form ends here.
            dispatcher.utter_message(response="utter_stopped_manage")
            return [
                *_unset(tracker.slots_to_validate()),
                SlotSet("manage_task", None),
                SlotSet("requested_slot", None),
            ]
        if says_something_else and (asks_for_clinic_phone(text) or asks_for_contact_details(text)):
            # "Before that, what's your phone number?": the number, then the same question.
            give_contact(dispatcher, "utter_contact")
            return _unset(tracker.slots_to_validate())
        return await super().run(dispatcher, tracker, domain)

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """No identity question for a booking this conversation made; a yes only to cancel."""
        task = tracker.get_slot("manage_task")
        if task is None:
            # An outage ended the form (the patient was told): nothing more to ask.
            return []
        slots = list(domain_slots)
        if task != "cancel":
            slots.remove("manage_confirmed")
        reference = tracker.get_slot("manage_reference")
        if reference and booked_here(tracker, str(reference)):
            slots.remove("manage_identity")
        return slots

    async def extract_manage_reference(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A reference in the request itself, or this conversation's own booking."""
        if tracker.get_slot("manage_reference"):
            return {}
        text = str((tracker.latest_message or {}).get("text") or "")
        reference = find_reference(text)
        if reference is None and not tracker.get_slot("requested_slot"):
            reference = tracker.get_slot("booking_reference")
            if reference is None and _NO_REFERENCE.search(text) and _REFERENCE_WORDS.search(text):
                # "I lost the reference number, can you look it up?": asking for it
                # cannot help; the team can find the booking.
                give_contact(dispatcher, "utter_no_reference")
                return {"manage_task": None}
        return {"manage_reference": reference} if reference else {}

    async def extract_manage_identity(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A phone number or email given with the reference ("JPC-4H5DX3 olga@mail.ru")."""
        text = str((tracker.latest_message or {}).get("text") or "")
        intent = str(((tracker.latest_message or {}).get("intent") or {}).get("name") or "")
        if tracker.get_slot("requested_slot") == "manage_identity" and intent in TASKS:
            # "07700900123 and yes please cancel it": the answer, with the request again,
            # which the slot's own mapping leaves out. The same request without a number
            # ("how can I cancel it for him then?") is still the answer given, which
            # validation explains; another task ("I'd rather move it") is a change of mind.
            found = contacts_in(text)
            same_task = TASKS[intent] == tracker.get_slot("manage_task")
            return {"manage_identity": text} if found or same_task else {}
        if tracker.get_slot("manage_identity") or tracker.get_slot("requested_slot") in (
            "manage_identity",
            "manage_confirmed",
        ):
            return {}  # asked for on its own: the slot's own mapping reads the answer
        found = contacts_in(text)
        return {"manage_identity": text} if found else {}

    async def validate_manage_reference(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A reference the clinic knows; without one, the way to the team, not the question."""
        if value is None:
            return {"manage_reference": None}
        region = load_clinic_settings().phone_region
        said_before = str(user_message_before(list(tracker.events)).get("text") or "")
        reference = find_reference(str(value)) or joined_with_the_part_before(
            said_before, str(value)
        )
        if reference is None and _NO_REFERENCE.search(str(value)):
            # "I lost the email", "I don't remember it, my number is ...": asking again
            # cannot help.
            give_contact(dispatcher, "utter_no_reference")
            return {"manage_reference": None, "requested_slot": None, "manage_task": None}
        if (
            reference is None
            and _not_found_before(tracker)
            and (find_contacts(str(value), region) or _INSISTS.search(str(value)))
        ):
            # "That's definitely the reference, my phone is 07700 900123" after it found
            # nothing: asking for it again cannot help; the team can find the booking.
            give_contact(dispatcher, "utter_appointment_not_found_again")
            return {"manage_reference": None, "requested_slot": None, "manage_task": None}
        if reference is None and find_contacts(str(value), region):
            # A phone number or email given first: kept for the identity check, and the
            # reference asked for again, without counting it as an answer not understood.
            give_contact(dispatcher, "utter_reference_before_contact")
            return {"manage_reference": None}
        to_try = code_to_try(str(value)) if reference is None else None
        if reference is None and to_try is None:
            return reject(dispatcher, tracker, "manage_reference", domain)
        try:
            lookup = await booking_service().lookup(reference or str(to_try))
        except SchedulingError as error:
            logger.warning("Could not look up %s: %s", reference, error)
            dispatcher.utter_message(response="utter_cancel_unavailable")
            return {"manage_reference": None, "requested_slot": None, "manage_task": None}
        if lookup is None and reference is None:
            # Six letters that are no booking's reference: most likely a word.
            return reject(dispatcher, tracker, "manage_reference", domain)
        if lookup is None and _not_found_before(tracker):
            # A second reference that finds nothing: asking a third time cannot help.
            give_contact(dispatcher, "utter_appointment_not_found_again")
            return {"manage_reference": None, "requested_slot": None, "manage_task": None}
        if lookup is None:
            # Said whatever the contact file holds: the patient must hear it was not found.
            dispatcher.utter_message(response=NOT_FOUND, **(contact_details() or UNKNOWN_CONTACT))
            return {"manage_reference": None}
        reference = lookup.reference
        identity = _identity_given_before(tracker, lookup, region)
        if tracker.get_slot("manage_task") == "cancel" and lookup.status == "cancelled":
            # Nothing left to cancel: say how it stands instead of asking to cancel again.
            return {"manage_reference": reference, "manage_task": "status", **identity}
        return {"manage_reference": reference, **identity}

    async def validate_manage_identity(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """The phone number or email the booking was made with."""
        if value is None or value is True:
            return {"manage_identity": value}
        reference = str(tracker.get_slot("manage_reference") or "")
        if not reference:
            # Given before the reference: checked once the reference is known.
            return {"manage_identity": None}
        put_right = corrected_reference(str(value))
        if put_right and put_right != reference and not contacts_in(str(value)):
            # "Oh sorry I think I copied the wrong reference. Mine should be zs 23 mn": the
            # reference is put right, and no guess at the contact is counted.
            dispatcher.utter_message(response="utter_reference_changed", reference=put_right)
            return {"manage_reference": put_right, "manage_identity": None}
        if _locked_out(tracker):
            # Asking again must not give more guesses: once the check has failed in this
            # conversation, only the clinic's team can confirm who booked, for any booking.
            give_contact(dispatcher, NOT_CONFIRMED)
            return _check_ended()
        try:
            lookup = await booking_service().lookup(reference)
        except SchedulingError:
            dispatcher.utter_message(response="utter_cancel_unavailable")
            return {"manage_identity": None}
        telecom = lookup.telecom if lookup is not None else ()
        region = load_clinic_settings().phone_region
        if same_person(str(value), telecom, region):
            # Shown to be theirs: not asked again in this conversation, whatever comes next.
            shown = {"manage_identity": True, "booking_reference": reference}
            text = str((tracker.latest_message or {}).get("text") or "")
            if tracker.get_slot("manage_task") == "cancel" and gives_the_go_ahead_to_cancel(text):
                # "li.wei@example.com, and yes please cancel it": not asked to say yes again.
                return {**shown, "manage_confirmed": True}
            if tracker.get_slot("manage_task") == "cancel" and asks_to_move(text):
                # "li.wei@example.com. actually can I move it instead of cancelling?": the
                # booking is moved, not cancelled.
                return {**shown, "manage_task": "reschedule"}
            return shown
        if not find_contacts(str(value), region) and find_reference(str(value)) is not None:
            # "Oh hang on, mine is JPC-CW45TY actually": another booking, read as the
            # reference; no number was tried.
            return {"manage_identity": None}
        if not find_contacts(str(value), region) and not re.search(r"[\d@]", str(value)):
            # Nothing like a number or email in it ("please, he's in hospital, just cancel
            # it"): why it is needed and who else can help, without saying that something
            # did not match; the second such answer, or "I don't know it", ends the form
            # instead of asking a fourth time.
            if _NO_REFERENCE.search(str(value)) or _answers_without_contact(tracker) > 1:
                give_contact(dispatcher, "utter_identity_unknown")
                return _check_ended()
            give_contact(dispatcher, "utter_identity_why")
            return {"manage_identity": None}
        misses = _identity_misses(tracker)
        if misses + 1 >= MAX_IDENTITY_TRIES:
            # Guessing numbers until one fits would open someone else's booking: after a
            # few that do not match, only the clinic's team can help.
            give_contact(dispatcher, NOT_CONFIRMED)
            return _check_ended()
        if misses:
            # A second number that does not match: said as such, not "I'm not getting it".
            give_contact(dispatcher, "utter_wrong_manage_identity_again")
            return {"manage_identity": None}
        return reject(dispatcher, tracker, "manage_identity", domain)

    async def extract_manage_confirmed(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """A yes or no in words ("yes go ahead", "nah leave it"), beside the buttons."""
        text = str((tracker.latest_message or {}).get("text") or "")
        reference = str(tracker.get_slot("manage_reference") or "")
        if (
            tracker.get_slot("requested_slot") is None
            and tracker.get_slot("manage_task") == "cancel"
            and reference
            and (tracker.get_slot("manage_identity") or booked_here(tracker, reference))
            and gives_the_go_ahead_to_cancel(text)
            and "utter_ask_manage_confirmed" in recent_replies(list(tracker.events), 2)
        ):
            # "Who was it with again?" answered, then "ok yes cancel it please": the yes to
            # the question asked just before, for a booking already shown to be theirs.
            return {"manage_confirmed": True}
        if tracker.get_slot("requested_slot") != "manage_confirmed":
            return {}
        if tracker.get_slot("manage_task") == "cancel" and asks_to_move(text):
            # "Actually no dont cancel, move it to next monday same time instead": the
            # same booking, already shown to be theirs, moved rather than cancelled.
            return {"manage_task": "reschedule"}
        if keeps_the_booking(text):
            # "Wait no, keep it!": a no, though it starts with "wait".
            return {"manage_confirmed": False}
        if wonders_about_cancelling(text):
            return {}
        answer = parse_yes_no(text)
        return {} if answer is None else {"manage_confirmed": answer}


class ActionAskManageConfirmed(Action):
    """Name the appointment before cancelling it, so the patient knows which one goes."""

    def name(self) -> str:
        """Rasa's forms call `action_ask_<slot>` instead of `utter_ask_<slot>` when it exists."""
        return "action_ask_manage_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """The reference, and its date and time when the service can say them."""
        reference = str(tracker.get_slot("manage_reference") or "")
        when = ""
        try:
            lookup = await booking_service().lookup(reference)
        except SchedulingError as error:
            logger.warning("Could not look up %s to confirm it: %s", reference, error)
            lookup = None
        if lookup is not None and lookup.start is not None:
            when = f" on {appointment_time(lookup)}"
        dispatcher.utter_message(
            response="utter_ask_manage_confirmed", reference=reference, when=when
        )
        return []


_UNMADE = frozenset({"utter_stopped_booking", "utter_booking_not_made", "utter_no_booking"})
TURNS_SINCE_UNMADE = 3
"""How many of the patient's messages back a booking left unmade is still what "it" is."""


def _left_unmade_just_now(tracker: Tracker) -> bool:
    """Whether a booking was given up in the last few turns and none was made since."""
    if tracker.get_slot("booking_reference") or tracker.get_slot("reschedule_from"):
        return False
    seen_users = 0
    for event in reversed(list(tracker.events)):
        if event.get("event") == "user":
            seen_users += 1
            if seen_users > TURNS_SINCE_UNMADE:
                return False
        elif (
            event.get("event") == "bot"
            and (event.get("metadata") or {}).get("utter_action") in _UNMADE
        ):
            return True
    return False


def _same_booking_carried_on(
    tracker: Tracker, text: str, task: str | None
) -> list[EventType] | None:
    """The form going on with the booking already found, or None to start afresh.

    Asked for the phone or email, "07700900123 and yes please cancel it" answers it, and
    "actually I'd rather move it than cancel" changes only what is to be done.
    """
    reference = tracker.get_slot("manage_reference")
    asked = tracker.get_slot("requested_slot")
    if (
        tracker.active_loop.get("name") != "manage_booking_form"
        or not reference
        or find_reference(text) not in (None, reference)
        or asked not in ("manage_identity", "manage_confirmed")
    ):
        return None
    current = tracker.get_slot("manage_task")
    if asked == "manage_confirmed" and task in (None, current):
        return None  # a yes to cancelling, read below
    events: list[EventType] = []
    if task is not None and task != current:
        events += [SlotSet("manage_task", task), SlotSet("manage_confirmed", None)]
    return [*events, FollowupAction("manage_booking_form")]


# "Change", "move", "another day": a change asked for, beside a question for the team.
_CHANGE_WORDS = re.compile(
    r"\b(?:change|move|moving|resched\w*|cancel\w*|another\s+(?:day|time)|different\s+(?:day|time)"
    r"|swap|switch|earlier|later\s+(?:day|time|slot))\b",
    re.IGNORECASE,
)


class ActionStartManageBooking(Action):
    """Remember what the patient wants done, and start from a clean form."""

    def name(self) -> str:
        """Named in the rules for cancelling, moving and checking a booking."""
        return "action_start_manage_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Set `manage_task` from the intent; clear the previous answers."""
        intent = str(((tracker.latest_message or {}).get("intent") or {}).get("name") or "")
        text = str((tracker.latest_message or {}).get("text") or "")
        # "Is my appointment still on?": the booking being moved, else the one made or
        # last looked at in this conversation, if any.
        # "Is the old one cancelled?" after a move: the booking moved away from.
        old = moved_from_here(tracker) if about_the_old_booking(text) else None
        reference = (
            find_reference(text)
            or old
            or tracker.get_slot("reschedule_from")
            or tracker.get_slot("booking_reference")
            or (None if _NO_REFERENCE.search(text) else _reference_said_before(tracker))
        )
        # A reference given on its own after a request about a booking ("found it,
        # JPC-KQLLCL"): for that request, and the form is started here.
        resumed = intent not in TASKS and find_reference(text) is not None
        carried_on = _same_booking_carried_on(tracker, text, TASKS.get(intent))
        if carried_on is not None:
            return carried_on
        if _keeps_the_booking_being_moved(tracker, text):
            # "No! I don't want to change anything. Keep my 10am appointment please."
            return _leave_the_move(dispatcher, tracker)
        if (
            intent == "change_booking_detail"
            and asks_for_contact_details(text)
            and not _CHANGE_WORDS.search(text)
        ):
            # "Sweet. wat ur number in case im late": the clinic's number, not a move.
            give_contact(dispatcher, "utter_contact")
            return [SlotSet("manage_task", None)]
        if (
            reference is None
            and tracker.get_slot("requested_slot") == "manage_reference"
            and _NO_REFERENCE.search(text)
        ):
            # "I don't have it, I booked by phone", read as the request again: the answer
            # to the reference question, which asking again cannot help.
            give_contact(dispatcher, "utter_no_reference")
            return [
                ActiveLoop(None),
                SlotSet("requested_slot", None),
                SlotSet("manage_task", None),
                SlotSet("manage_reference", None),
            ]
        if reference is None and find_reference(text) is None and _left_unmade_just_now(tracker):
            # "Yes, cancel it", "nothing got booked, did it?" right after the booking was
            # left unmade: nothing to look for.
            give_contact(dispatcher, "utter_nothing_booked_here")
            return [SlotSet("manage_task", None), SlotSet("manage_reference", None)]
        task = (
            TASKS.get(intent)
            # "Its JPC-..., I want to change to other day": the task told with the booking.
            or booking_task_told(text)
            or (task_asked_before(tracker) if resumed else None)
            or "status"
        )
        if (
            intent == CHANGE
            and tracker.get_slot("callback_outcome") in ("saved", "already")
            and tracker.get_slot("booking_outcome") is None
            and not find_reference(text)
        ):
            # "No, not Monday, Thursday after 6" after asking to be called: a time for the
            # call (its reference is no booking's), which the call-back action notes.
            return [SlotSet("manage_task", None), FollowupAction("action_request_callback")]
        if intent == CHANGE and reference is None and not asks_to_move(text):
            # "I work 9-5 so I need something after 5 on Thursday", with no booking made or
            # named: a time for a new booking, not a move of one nobody spoke of.
            dispatcher.utter_message(response="utter_start_booking")
            return [SlotSet("manage_task", None), FollowupAction("booking_form")]
        if (
            task == "cancel"
            and tracker.active_loop.get("name") == "booking_form"
            and find_reference(text) is None
            and not tracker.get_slot("booking_reference")
            and not tracker.get_slot("reschedule_from")
        ):
            # "Cancel" while a booking is being made, with none made before: that booking
            # is given up, not an appointment looked for.
            say_booking_stopped(dispatcher, tracker)
            return [
                ActiveLoop(None),
                SlotSet("requested_slot", None),
                SlotSet("manage_task", None),
                FollowupAction("action_listen"),
            ]
        if (
            task == "cancel"
            and tracker.active_loop.get("name") == "manage_booking_form"
            and tracker.get_slot("requested_slot") == "manage_confirmed"
            and tracker.get_slot("manage_task") == "cancel"
            and find_reference(text) in (None, tracker.get_slot("manage_reference"))
            and not asks_booking_status(text)
        ):
            if wonders_about_cancelling(text):
                # "If I cancel and the pain comes back, can I book again later?": no yes
                # yet; that they can, and the question whether to cancel asked again.
                dispatcher.utter_message(response="utter_can_book_again")
                return [FollowupAction("manage_booking_form")]
            # "Ok whatever, just cancel it" when asked whether to cancel it: the yes.
            return [SlotSet("manage_confirmed", True), FollowupAction("manage_booking_form")]
        if task == "cancel" and asks_booking_status(text):
            # "So it's cancelled, yes?": a question, which must not start cancelling again.
            task = "status"
        if task == "status" and asks_for_clinic_phone(text):
            # "What's the number? And is my appointment still on?": both are answered.
            give_contact(dispatcher, "utter_contact")
        elif asks_about_the_visit(text):
            # "Check my booking JPC-... and also does the clinic have parking": the team's
            # answer to the second part first, then the booking.
            give_contact(dispatcher, "utter_clinic_info")
            if (
                task == "status"
                and not tracker.active_loop.get("name")
                and not find_reference(text)
                and not asks_booking_status(text)
            ):
                # "I'm booked in on Thursday. My husband will be bringing me, is that
                # alright?": the booking is told, not asked about; the team answers.
                return [SlotSet("manage_task", None), SlotSet("manage_reference", None)]
        elif task != "status" and not tracker.active_loop.get("name"):
            # "I want to change my appointment to other day, and also is swimming good for
            # back pain?": a question beside the booking, about what the guide names.
            _answer_the_question_beside(dispatcher, tracker, domain, text)
        if (
            task == "status"
            and not find_reference(text)
            and tracker.get_slot("callback_outcome") in ("saved", "already")
            and reference == tracker.get_slot("booking_reference")
        ):
            # "Will it be today?" after asking to be called: the call, not a booking.
            give_contact(dispatcher, "utter_callback_already")
            return [SlotSet("manage_task", None), SlotSet("manage_reference", None)]
        if _locked_out(tracker) and not (reference and booked_here(tracker, reference)):
            # "Ok what time is it booked for at least?" after the check failed: not asked
            # for a contact again, which would only be more guesses.
            give_contact(dispatcher, NOT_CONFIRMED)
            return [SlotSet("manage_task", None), SlotSet("manage_reference", None)]
        return [
            SlotSet("manage_task", task),
            SlotSet("manage_reference", reference),
            SlotSet("manage_identity", None),
            SlotSet("manage_confirmed", None),
            SlotSet("manage_outcome", None),
            *([FollowupAction("manage_booking_form")] if resumed else []),
        ]


def _latest_text_of(tracker: Tracker) -> str:
    """The request that started the task, or the latest message."""
    return request_text(tracker, TASKS) or str((tracker.latest_message or {}).get("text") or "")


class ActionManageBooking(Action):
    """Do what was asked once the form is complete: cancel, tell the status, or move."""

    def name(self) -> str:
        """Run when the manage-booking form completes."""
        return "action_manage_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Set `manage_outcome`; the rules after it say the result."""
        reference = str(tracker.get_slot("manage_reference") or "")
        task = tracker.get_slot("manage_task")
        if not reference or not task:
            # The form ended without a booking (the service could not be reached, which
            # the patient was told): nothing more to say or do.
            return [SlotSet("manage_outcome", "said")]
        done = [
            SlotSet("manage_identity", None),
            SlotSet("manage_confirmed", None),
            SlotSet("booking_reference", reference),
        ]
        if task == "cancel" and tracker.get_slot("manage_confirmed") is not True:
            dispatcher.utter_message(response="utter_stopped_manage")
            return [SlotSet("manage_outcome", "said"), *done]
        try:
            if task == "cancel":
                await booking_service().cancel(reference)
                return [SlotSet("manage_outcome", "cancelled"), *done]
            lookup = await booking_service().lookup(reference)
        except UnknownBooking:
            return [*_say_not_found(dispatcher), *done]
        except SchedulingError as error:
            logger.warning("Could not %s %s: %s", task, reference, error)
            return [SlotSet("manage_outcome", "unavailable"), *done]
        if lookup is None:
            return [*_say_not_found(dispatcher), *done]
        if task == "reschedule" and asks_to_change_contact(_latest_text_of(tracker)):
            # "I'd like to add my email to booking JPC-74JT6V": not a new time, which the
            # move would ask for; the contact details on a booking are the team's to change.
            give_contact(dispatcher, "utter_contact_change_with_team")
            return [SlotSet("manage_outcome", "said"), *done]
        if task == "reschedule":
            # The new booking is for the same patient: nothing they gave is asked again.
            # A booking already cancelled (or never made) is not freed again afterwards.
            live = lookup.status in ("booked", "pending")
            if not live:
                # "Can we change to Wednesday?" about a booking cancelled earlier: said how it
                # stands, so the times that follow are read as a new booking, which they are.
                dispatcher.utter_message(
                    response="utter_booking_status",
                    status=status_text(lookup, changed_here(tracker)),
                )
            # "The week after, same time": counted from the booked time, not from today.
            wish = request_text(tracker, TASKS)
            start = lookup.start.astimezone(clinic_now().tzinfo) if lookup.start else None
            new_time = moved_time(wish, start) if start is not None else None
            details = details_of_the_booking(lookup)
            details["patient_name"] = lookup.name or tracker.get_slot("patient_name")
            return [
                SlotSet("manage_outcome", "reschedule"),
                SlotSet("reschedule_from", reference if live else None),
                SlotSet("preferred_time", new_time),
                SlotSet("chosen_slot_id", None),
                *(SlotSet(name, value) for name, value in details.items()),
                *done,
            ]
        status = status_text(lookup, changed_here(tracker))
        dispatcher.utter_message(response="utter_booking_status", status=status)
        asked = request_text(tracker, TASKS)
        if lookup.name and lookup.status in ("booked", "pending") and asks_whose_name(asked):
            # "Is it confirmed now? And what name is it under": the name, told to the one
            # who booked it (checked before anything is said of the booking).
            dispatcher.utter_message(response="utter_booking_name", name=lookup.name)
        if asks_about_notice(asked) or asks_if_told(asked) or asks_what_happens_next(asked):
            # "Will I get an email about it?": what the assistant knows, else who does.
            details = contact_details()
            if lookup.status == "booked" and details:
                # Where the confirmation goes, read from the booking itself.
                contact = " and ".join(value for _, value in lookup.telecom) or (
                    "the phone number or email you booked with"
                )
                dispatcher.utter_message(response="utter_notice_booked", contact=contact, **details)
            else:
                give_contact(dispatcher, "utter_notice_unknown")
        return [SlotSet("manage_outcome", "said"), *done]


class ActionStatusWhileBooking(Action):
    """A status question asked while choosing a new time is answered; the booking goes on."""

    def name(self) -> str:
        """Named in the rule for a status question in the middle of the booking form."""
        return "action_status_while_booking"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """The booking being moved (already checked to be theirs), or that none is yet."""
        if asks_for_clinic_phone(str((tracker.latest_message or {}).get("text") or "")):
            # "What's the number? And is my appointment still on?": both are answered.
            give_contact(dispatcher, "utter_contact")
        reference = str(tracker.get_slot("reschedule_from") or "")
        if not reference:
            dispatcher.utter_message(response="utter_status_not_booked_yet")
            return []
        try:
            lookup = await booking_service().lookup(reference)
        except (UnknownBooking, SchedulingError) as error:
            logger.warning("Could not look up %s while moving it: %s", reference, error)
            lookup = None
        if lookup is None:
            dispatcher.utter_message(response="utter_cancel_unavailable")
            return []
        status = status_text(lookup, changed_here(tracker))
        if _keeps_the_booking_being_moved(tracker, str(tracker.latest_message.get("text") or "")):
            # "Leave it as it was. I'll find a lift. Is it still booked?": the move ends,
            # and the booking is told as it stands.
            events = _leave_the_move(dispatcher, tracker)
            dispatcher.utter_message(response="utter_booking_status", status=status)
            return events
        dispatcher.utter_message(response="utter_booking_status", status=status)
        return []


def _keeps_the_booking_being_moved(tracker: Tracker, text: str) -> bool:
    """Whether, while a new time is being chosen, the patient wants the old one kept."""
    return (
        bool(tracker.get_slot("reschedule_from"))
        and tracker.active_loop.get("name") == "booking_form"
        and gives_up_booking(text)
        # "None of those work. Just cancel it then, I'll ring you in the new year": the
        # booking given up too, which the cancel that follows asks about.
        and not asks_to_cancel(text)
    )


def _leave_the_move(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """End the move: the booking stays as it is (said with its reference)."""
    say_booking_stopped(dispatcher, tracker)
    return [ActiveLoop(None), SlotSet("requested_slot", None), FollowupAction("action_listen")]


class ActionBookingNews(Action):
    """Tell the patient what became of a queued booking, when the outbox worker settles it."""

    def name(self) -> str:
        """Named in the rule for `EXTERNAL_booking_update` (action_server/io/booking_news.py)."""
        return "action_booking_news"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Confirmed with its time, or taken with the offer of another time."""
        reference = next(tracker.get_latest_entity_values("booking_reference"), None)
        news = next(tracker.get_latest_entity_values("booking_news"), None)
        if not reference:
            # Not from the outbox worker (someone typed the intent): nothing to tell.
            dispatcher.utter_message(response="utter_default")
            return []
        try:
            lookup = await booking_service().lookup(str(reference))
        except SchedulingError as error:
            logger.warning("Could not read %s for its news: %s", reference, error)
            lookup = None
        if lookup is None:
            lookup = BookingLookup(str(reference), str(news or "pending"), None, ())
        failed = lookup.status == "failed"
        response = "utter_booking_news_failed" if failed else "utter_booking_news"
        status = status_text(lookup, changed_here(tracker))
        dispatcher.utter_message(response=response, status=status)
        return []
