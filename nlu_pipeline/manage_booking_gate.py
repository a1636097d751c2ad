"""The manage-booking gate: a booking the patient has, asked about or cancelled in a sentence.

The classifiers read "oh wait, I need to cancel that one now" as stopping, "so my
appointment is cancelled yes?" as cancelling again, and "is it confirmed now" as nothing
they know. What clinic/booking/manage_requests.py reads in the text corrects them: a
question about how a booking stands is `ask_booking_status` (which changes nothing), a
plain request to cancel is `cancel_appointment` (which still asks before cancelling), and
a yes with a question about the booking being replaced is the yes (`affirm`). "I'll just
ring you" asks for the clinic's number (`request_human`), not for a call back. "Who's Dr
Okafor?" asks about the clinicians (`ask_clinic_info`), whom the contact action names. A decision
to book said as a statement, which the classifiers could not place, asks for a booking
(`request_appointment`). Used in
config.yml after the other gates and before the emergency guard, which has the last word::

    - name: nlu_pipeline.manage_booking_gate.ManageBookingGate
"""

from __future__ import annotations

import datetime as dt
import re

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from clinic.booking.choices import (
    asks_for_another_booking,
    asks_when_a_doctor_is_free,
    prefers_a_clinician,
)
from clinic.booking.manage_requests import (
    asks_booking_status,
    asks_for_a_booking_plainly,
    asks_for_a_time,
    asks_how_to_change_later,
    asks_if_bookable,
    asks_to_cancel,
    asks_to_move,
    confirms_and_asks_about_old,
    confirms_and_asks_who,
    decides_to_book,
    keeps_the_booking,
    will_phone_clinic,
)
from clinic.booking.preferences import parse_time_preference
from clinic.booking.references import find_reference
from clinic.faq.followups import asks_if_they_should_be_seen
from clinic.scope import Scope, says_a_child_is_the_patient
from clinic.wording import (
    asks_about_clinicians,
    asks_about_the_service,
    asks_about_the_visit,
    asks_for_the_check_in,
    asks_out_of_hours,
    asks_to_be_called,
    asks_to_book,
    asks_to_stop,
    complains_about_the_clinic,
    question_put_first,
)
from nlu_pipeline.intents import demote_intents, override_intent
from nlu_pipeline.rule_gate import RuleGate
from nlu_pipeline.scope_gate import SCOPE_KEY

STATUS = "ask_booking_status"
CANCEL = "cancel_appointment"
AFFIRM = "affirm"
HUMAN = "request_human"
BOOK = "request_appointment"
CLINIC_QUESTION = "ask_clinic_info"
CALL_BACK = "request_callback"
MOVE = "reschedule_appointment"
_SAME_CONTACT_AS = re.compile(
    r"\bsame\s+(?:phone\s+)?(?:number|phone|mobile|email|e-mail|details|contact\s+details)\s+as\b",
    re.IGNORECASE,
)
STOP = "stop"
_CANCEL_OR_MOVE = frozenset({"cancel_appointment", MOVE, "change_booking_detail"})
# A move asked for with a no to cancelling, read as that no (or as cancelling).
# Never an answer (`inform`): "move it to Friday" while a booking is being made changes it.
_MOVE_MISREAD = frozenset(
    {
        "deny",
        "cancel_appointment",
        "stop",
        "nlu_fallback",
        "thank",
        "faq",
        "out_of_scope",
        # "gotta reschedule": two words the classifiers have little to go on
        STATUS,
        "describe_own_pain",
        "greet",
        "ask_followup",
    }
)
# A request to be called back, misread as one of these: its other words (a name, a number,
# whose pain it is) drew the classifiers elsewhere. Never an answer (`inform`): "call me on
# 07700 ..." answers the booking's question about how to reach the patient.
# "Best to call me", "ring me rather than him", "call me on this number": which contact to
# use, said with the contact itself.
_CONTACT_PREFERENCE = re.compile(
    r"\b(?:best|better|easiest|easier|prefer(?:ably)?)\s+(?:to\s+|if\s+you\s+)?(?:call|ring|phone|text)"
    r"\s+(?:me|us)\b"
    r"|\b(?:call|ring|phone|text)\s+(?:me|us)\s+(?:rather|instead)\s+(?:than|of)\b",
    re.IGNORECASE,
)
_ASKS_IF_I_SHOULD_CALL = re.compile(
    r"\b(?:do|should|can|shall|could)\s+i\s+(?:just\s+)?(?:ring|call|phone|telephone)\s+"
    r"(?:you|the\s+clinic|the\s+team|reception|up)\b",
    re.IGNORECASE,
)
_WILL_CALL_THEMSELVES = re.compile(
    r"\b(?:i|she|he|we|they)(?:'ll|\s+will|\s+can|\s+is\s+going\s+to|'s\s+going\s+to)\s+(?:just\s+)?"
    r"(?:ring|call|phone|telephone)\s+(?:you|the\s+clinic|the\s+team|reception)\b",
    re.IGNORECASE,
)
_GIVES_A_CONTACT = re.compile(r"\+?\d[\d\s()-]{8,}\d|[\w.+-]+@[\w-]+\.[\w.]+")
_CALL_BACK_MISREAD = frozenset(
    {"nlu_fallback", "describe_own_pain", "out_of_scope", "request_human"}
)

# "Could somebody ring me please ... my number is ...": asked for, not a number given for
# a booking ("you can call me on 07700 900123").
_ASKS_FOR_A_CALL = re.compile(
    r"\b(?:could|can|would|will)\s+(?:some\s*(?:one|body)|you|anyone|anybody|a\s+person)\s+"
    r"(?:please\s+)?(?:ring|call|phone|telephone)\s+me\b(?!\s+(?:back\s+)?on\b)"
    r"|\b(?:ring|call|phone|telephone)\s+me\s+(?:back|please)\b(?!\s+on\b)"
    r"|\b(?:like|want|prefer)\s+(?:a\s+person|someone|somebody|you)\s+to\s+(?:ring|call|phone"
    r"|telephone)\s+me\b",
    re.IGNORECASE,
)


def _names_a_time(text: str) -> bool:
    """Whether the text names a day or a time of day, not only "when"."""
    now = dt.datetime.now(dt.timezone.utc)
    preference = parse_time_preference(text, now)
    return preference is not None and bool(
        preference.weekdays is not None
        or preference.part_of_day
        or preference.after
        or preference.before
        or preference.alternatives
        or preference.earliest > now + dt.timedelta(hours=1)
        or preference.latest - preference.earliest < dt.timedelta(days=13)
    )


_A_PERSON = re.compile(
    r"\b(?:talk|speak|chat|person|human|real|someone|somebody|anyone|receptionist|team|staff"
    r"|call|ring|phone|manager|bot|robot)\b",
    re.IGNORECASE,
)

# Red flags, another language and leaving a form are never second-guessed here; neither is
# a plain yes or no, which answers whatever was asked.
_KEPT = frozenset(
    {
        "report_emergency",
        "report_crisis",
        "suspected_emergency",
        "suspected_crisis",
        "other_language",
        "forget_me",
        "ask_my_data",
    }
)
# A request to cancel misread as one of these; never a yes, no or request to book, which
# answer the question asked while a booking is being made.
_CANCEL_MISREAD = frozenset(
    # "No, I want it CANCELLED please. Not kept." "My back is loads better now, the
    # stretches worked, so can I just cancel it": the story told is why.
    {"stop", "nlu_fallback", "out_of_scope", "faq", "inform", STATUS, "deny", "describe_own_pain"}
    # "18th is too late for me. ok forget it just cancel the original one", while moving it.
    | {"change_booking_detail"}
)  # a status question is never read as cancelling (asks_to_cancel excludes them)

# "I'll just ring you" misread as one of these; a goodbye ("I'll ring you then, bye") is
# left to say goodbye.
_CALL_MISREAD = frozenset(
    {
        "request_callback",
        "stop",
        "nlu_fallback",
        "out_of_scope",
        "faq",
        "inform",
        "request_human",
        "deny",
    }
)
# A decision to book ("actually maybe I should book. What's the earliest?") misread as one
# of these, or a booking request the classifier was unsure of. Never an answer to a form's
# question ("I'll book the 3pm"), which the form reads.
_BOOKING_MISREAD = frozenset(
    {"nlu_fallback", "faq", "out_of_scope", "ask_followup", "something_else", "inform", BOOK}
)
ANSWER = "inform"
# "Ok take that one", "I'll have the 2pm": an offered time taken, said with a question the
# classifiers went by.
_TAKES_AN_OFFER = re.compile(
    r"\b(?:i'?ll\s+take|take|i'?ll\s+have|go\s+for|book)\s+(?:that|the|this)\s+"
    r"(?:one|slot|time|\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?)\b",
    re.IGNORECASE,
)
_OFFER_TAKEN_MISREAD = frozenset({"ask_clinic_info", "request_human", "faq", "nlu_fallback"})
# A question about cost, misread as one of these.
_COST_MISREAD = frozenset({"nlu_fallback", "out_of_scope", "faq", "request_human", "inform"})
# A time asked for in other words than booking, misread as one of these.
# "Thank you. Tuesday afternoon would suit best" is a thank-you and a time.
_STATUS_WORDS = re.compile(
    r"\b(?:confirm\w*|booked|still\s+on|what\s+time|when\s+is|is\s+it|did\s+it|status"
    r"|reference|ref|cancel\w*|my\s+appointment)\b",
    re.IGNORECASE,
)
_MEANT_A_TIME = re.compile(
    r"\bi\s+mean(?:t)?\b|\b(?:the\s+)?(?:mon|tues|wednes|thurs|fri)\w*\s+after\s+(?:my|the)\s+"
    r"(?:appointment|appt|booking)\b",
    re.IGNORECASE,
)
# Any word of a booking: a statement without one asks nothing about a booking.
_BOOKING_TALK = re.compile(
    r"\b(?:appo\w*|appt\w*|app|book\w*|bk\w*|reference|ref|jpc|confirm\w*|cancel\w*|slots?"
    r"|consult\w*|sessions?|visit|still\s+(?:on|going|ok)|happening|e-?mail\w*|texts?|sms|messages?|letter|reminders?"
    r"|resched\w*|mov(?:e|ed)|date|time|going\s+ahead|go\s+through|went\s+through|registered"
    r"|sorted|when\s+am\s+i)\b",
    re.IGNORECASE,
)


def _says_nothing_of_a_booking(text: str) -> bool:
    """Whether a statement (no question mark) names no booking, reference or time."""
    return (
        "?" not in text
        and _BOOKING_TALK.search(text) is None
        and find_reference(text) is None
        and not _names_a_time(text)
    )


_TIME_ASKED_MISREAD = _BOOKING_MISREAD | {"inform", "describe_own_pain", "request_human", "thank"}
# "Who's Dr Okafor?", "is Rhian a doctor?" asked while choosing a time or confirming,
# misread as one of these; the clinicians on the schedule answer it.
_CLINICIAN_MISREAD = frozenset(
    {
        "inform",
        "nlu_fallback",
        "faq",
        "out_of_scope",
        "request_appointment",
        "ask_followup",
        "something_else",
        "change_booking_detail",
        "request_human",
    }
)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ManageBookingGate(RuleGate):
    """Read cancelling, status questions and a yes about the old booking by sentence shape."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Correct the intent where the text clearly says which of the three it is."""
        for message in messages:
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            text = message.get(TEXT) or ""
            if intent in _KEPT or not text:
                continue
            # Certain, even when the classifier agrees: a close second guess would make
            # the FallbackClassifier call it ambiguous.
            if intent == BOOK and question_put_first(text) is not None:
                # "hi i want to book an appointment, actually no wait, first can you tell
                # me if osteoarthritis can affect the back": the question first; the
                # booking is asked for again after it.
                demote_intents(message, (BOOK,))
            elif intent in _OFFER_TAKEN_MISREAD and _TAKES_AN_OFFER.search(text):
                # "So Okafor IS free at 2?? ok take that one": the choice, not a question.
                override_intent(message, ANSWER, 1.0)
            elif confirms_and_asks_about_old(text) or confirms_and_asks_who(text):
                override_intent(message, AFFIRM, 1.0)
            elif asks_booking_status(text):
                if intent not in (AFFIRM, "deny"):
                    override_intent(message, STATUS, 1.0)
            elif intent in _CANCEL_OR_MOVE and asks_how_to_change_later(text):
                # "If I must change this later, how I do it?": how, for later; not a change
                # now (what happens next, and how to change it, is said instead).
                override_intent(message, "nlu_fallback", 1.0)
            elif intent == STATUS and _SAME_CONTACT_AS.search(text) and "?" not in text:
                # "Harriet Osei, same number as the old booking": details given, not a
                # question about that booking.
                override_intent(message, ANSWER, 1.0)
            elif intent == STATUS and _says_nothing_of_a_booking(text):
                # "Yes, all clear, it was checked last year": a statement with no word of
                # a booking is not a question about one; the classifier's next guess.
                demote_intents(message, (STATUS,))
            elif (
                intent in _CANCEL_OR_MOVE | {ANSWER, "request_appointment"}
                and keeps_the_booking(text)
                # Not "actually no dont cancel, move it to next monday same time instead".
                and not asks_to_move(text)
            ):
                # "Forget it, keep my original appointment": nothing to cancel or move.
                override_intent(message, STOP, 1.0)
            elif (
                (
                    intent in _MOVE_MISREAD | {MOVE, "change_booking_detail", "request_appointment"}
                    # "I have an appointment on Wednesday (ref JPC-...), can I move it later?"
                    or (intent in _TIME_ASKED_MISREAD and find_reference(text) is not None)
                )
                and asks_to_move(text)
                and not asks_to_cancel(text)
            ):
                # "Wait, don't cancel, can I move it to the week after instead?"; made
                # certain when the classifier agrees but not by much.
                override_intent(message, MOVE, 1.0)
            elif intent in (CLINIC_QUESTION, "faq") and prefers_a_clinician(text):
                # "On reflection I'd rather see the consultant, Dr Okafor": a choice of
                # who, which the booking's question reads, not a question for the team;
                # nor for the guide ("is Dr Lindqvist a back specialist? I'd rather the
                # consultant").
                override_intent(message, ANSWER, 1.0)
            elif intent == CLINIC_QUESTION and (
                asks_when_a_doctor_is_free(text)
                # "Do you have physio appointments wednesday or friday afternoon?"
                or (asks_if_bookable(text) and _names_a_time(text))
            ):
                # "Is Dr Okafor free any sooner?": a booking's search with that doctor,
                # which the booking (or the times already offered) reads.
                override_intent(message, BOOK, 1.0)
            elif intent in _CLINICIAN_MISREAD | {CLINIC_QUESTION} and asks_about_clinicians(text):
                # Made certain when the classifier agrees but not by much.
                override_intent(message, CLINIC_QUESTION, 1.0)
            elif (
                intent == CALL_BACK
                and _WILL_CALL_THEMSELVES.search(text)
                and not asks_to_be_called(text)
            ):
                # "Ok stop, she'll ring you herself": the patient calls, nobody asked to be
                # called; a stop when said as one, else the clinic's phone.
                override_intent(message, STOP if asks_to_stop(text) else HUMAN, 1.0)
            elif intent == CALL_BACK and _ASKS_IF_I_SHOULD_CALL.search(text):
                # "If I can't make it do I just ring you?": the clinic's phone, which they
                # would ring, not a call-back request nobody asked for.
                override_intent(message, HUMAN, 1.0)
            elif (
                intent in _CALL_BACK_MISREAD | {CALL_BACK}
                and _CONTACT_PREFERENCE.search(text)
                and not _ASKS_FOR_A_CALL.search(text)
                and _GIVES_A_CONTACT.search(text)
            ):
                # "Stanley Okafor. my number is 07700 900512, best to call me as his
                # daughter": how to reach her, the booking's answer, not a call-back request.
                override_intent(message, ANSWER, 1.0)
            elif (
                (
                    intent in _CALL_BACK_MISREAD
                    # "Could somebody ring me rather than me booking on here": booked by
                    # phone, which is what the call-back is for.
                    or (intent in (ANSWER, BOOK) and _ASKS_FOR_A_CALL.search(text))
                )
                and asks_to_be_called(text)
                and not (intent == "request_human" and complains_about_the_clinic(text))
            ):
                # "Call me back, well call him back. His name is Frank Mills 020 ...". Not
                # "waited 3 weeks for someone to call me back, I want a manager": a person
                # now (the contact gate's reading), not another call back to wait for.
                override_intent(message, CALL_BACK, 1.0)
            elif (
                intent in _COST_MISREAD | {CLINIC_QUESTION}
                and asks_about_the_visit(text)
                # "ref HT56RW, is it definitely confirmed and should i bring my MRI": the
                # booking first, whose reply answers the visit's question too.
                and find_reference(text) is None
            ) or (
                # "lovely. can I come in with him?" after booking: who may come, not a
                # second booking.
                intent == BOOK
                and (asks_about_the_visit(text) or asks_about_the_service(text))
                and not asks_to_book(text)
                and parse_time_preference(text, dt.datetime.now(dt.timezone.utc)) is None
            ):
                # "How much is it?", "is there parking?": the clinic team's answer, made
                # certain when the classifier agrees but not by much.
                override_intent(message, CLINIC_QUESTION, 1.0)
            elif intent in _CLINICIAN_MISREAD and asks_out_of_hours(text):
                # "It's after 5 so they're shut, right?": the hours, and where to turn.
                override_intent(message, HUMAN, 1.0)
            elif intent in _CALL_MISREAD and will_phone_clinic(text) and not asks_to_cancel(text):
                override_intent(message, HUMAN, 1.0)
            elif (intent in _CANCEL_MISREAD or intent in (CANCEL, MOVE)) and asks_to_cancel(text):
                # ("Forget moving it, just cancel it altogether": cancelling after all.)
                # A cancel the classifier was unsure of is made certain too.
                override_intent(message, CANCEL, 1.0)
            elif intent in ("thank", BOOK) and asks_for_another_booking(text):
                # "Thank you. And my father also want appointment, same day": a booking
                # asked for beside the thanks.
                override_intent(message, BOOK, 1.0)
            elif intent == AFFIRM and decides_to_book(text):
                # "ok fine lets book": the yes, made certain; the booking question it
                # answers (the offer, the confirmation) decides what happens.
                override_intent(message, AFFIRM, 1.0)
            elif (
                intent in _TIME_ASKED_MISREAD
                and asks_for_a_time(text, dt.datetime.now(dt.timezone.utc))
                # "Can you check if I need to see someone? ... pins and needles in the
                # evening": the check-in asked for; the time is when the symptom comes.
                and not asks_for_the_check_in(text)
                # "... stiff in the mornings ... Could you tell me if I need to see
                # someone?": whether to be seen, which the check-in answers.
                and not asks_if_they_should_be_seen(text)
            ):
                # "Is Rhian free Tuesday afternoon?", "need to see someone, next wk
                # sometime": a booking for that time (inside a booking, its answer).
                override_intent(message, BOOK, 1.0)
            elif intent == "request_human" and not _A_PERSON.search(text) and _names_a_time(text):
                # "Not this Fri, the 18th. With Lindqvist again if he's in": a time, and
                # who with, not a wish to talk to a person. "ok fine book me in then.
                # saturday if you do weekends?": a booking, with the day that suits.
                override_intent(message, BOOK if asks_to_book(text) else ANSWER, 1.0)
            elif (
                intent == STATUS
                # "no thats this week, I mean the thursday after my appointment, the 17th":
                # the appointment named to say which new day is meant.
                and (not _STATUS_WORDS.search(text) or _MEANT_A_TIME.search(text))
                and parse_time_preference(text, dt.datetime.now(dt.timezone.utc)) is not None
            ):
                # "No, the 3pm on the 11th with Dr Okafor": a time chosen or asked for, not
                # a question about a booking.
                override_intent(message, ANSWER, 1.0)
            elif (
                intent in ("describe_own_pain", "out_of_scope", "nlu_fallback")
                and asks_for_a_booking_plainly(text)
                and not message.get(SCOPE_KEY)
            ):
                # "my english is little. appointment please. back pain one month": the
                # booking asked for, with the story that explains it.
                override_intent(message, BOOK, 1.0)
            elif (intent in _BOOKING_MISREAD and decides_to_book(text)) or (
                # "do you do appointments for knee replacements?": the scope gate's reply
                # (which offers a consultation where the clinic can help) answers it.
                # "Do you do appointments after work? I finish at 5": the times that suit,
                # which also say the opening hours when none is free.
                intent in _BOOKING_MISREAD | {"ask_clinic_info"}
                and asks_if_bookable(text)
                and not message.get(SCOPE_KEY)
            ):
                # "Actually maybe I should book. What's the earliest?": the sentences split
                # the classifiers' vote, though the message as a whole asks for a booking.
                override_intent(message, BOOK, 1.0)
            if (
                (message.get(INTENT) or {}).get(INTENT_NAME_KEY) == BOOK
                # Not "Tuesday would suit, my son finishes work at 1": a son of any age.
                and says_a_child_is_the_patient(text)
            ):
                # "I'm 14, can I book myself?", "can I book my 8 year old in?": a doctor
                # should see a child's back pain; the clinic's booking is for adults.
                override_intent(message, "out_of_scope", 1.0)
                message.set(SCOPE_KEY, Scope.CHILD.value, add_to_output=True)
        return messages
