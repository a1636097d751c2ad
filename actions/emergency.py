"""Emergency actions: the urgent-care or crisis reply, the red-flag question, and the state.

The decisions are pure functions in clinic/triage/emergency_state.py; the policy in
dialogue/emergency_policy.py says when each action runs. Any form in progress ends: a
patient with a red flag is not asked for a booking time.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.checkin import nerve_answer
from actions.contact import BOOKING_FORM, CALLBACK_FORM, contact_details, give_contact
from actions.forms import UNKNOWN_CONTACT
from actions.parse_data import conditions_from_parse_data, pregnancy_signs_from_parse_data
from actions.scope import RESPONSES as SCOPE_RESPONSES
from actions.unclear import LAST_FAQ_SLOT, clear_faq_entry, user_message_before
from clinic.faq.catalogue import RESPONSE_PREFIX, FaqEntry
from clinic.faq.comparison import compared_conditions
from clinic.settings import load_clinic_settings
from clinic.triage.duration import parse_duration_days
from clinic.triage.emergency_state import (
    OWN_BACK,
    PREGNANCY_FLAG,
    THEIR_CARE_NOW,
    WHY_URGENT,
    Advice,
    State,
    Step,
    advice_after,
    advice_for,
    already_seen,
    arranges_to_see_a_doctor,
    asks_about_a_booking,
    driven_not_by_ambulance,
    follow_up,
    is_retraction,
    is_settled_retraction,
    keeps_coming_back,
    looked_after,
    mentions_cancelling,
    on_red_flag,
    on_suspicion,
    red_flags_told_of_someone_else,
    told_as_longstanding,
    told_for_weeks,
    with_advice,
)
from clinic.triage.pregnancy import pregnancy_earlier
from clinic.triage.red_flags import (
    RedFlag,
    denies_red_flags,
    names_a_warning_sign,
    read_red_flags,
)
from clinic.triage.story import tells_of_the_pain
from clinic.triage.symptoms import reported_symptoms
from clinic.wording import (
    SENTENCE_BREAK,
    about_someone_else,
    asks_indirectly,
    asks_to_be_called,
    is_question,
    only_asks_what_to_do,
)

STATE_SLOT = "emergency_state"
ADVICE_SLOT = "emergency_advice"
CHECK_CLEARED = "utter_emergency_check_cleared"
CANCEL_LATER = "utter_emergency_cancel_later"
NOTHING_BOOKED = "utter_emergency_nothing_booked"
NOT_BY_CAR = "utter_emergency_ambulance_not_by_car"
IN_CARE = "utter_emergency_someone_else_in_care"
IN_CARE_ANSWERED = "utter_emergency_someone_else_in_care_answered"
IN_CARE_BOOKING = "utter_emergency_someone_else_in_care_booking"
CHECK_CLEARED_BRIEFLY = "utter_emergency_check_cleared_briefly"
DOCTOR_TODAY_ARRANGED = "utter_emergency_doctor_today_arranged"
ASKS_FOR_A_PERSON = frozenset({"request_human", "request_callback"})
_OTHER_SERVICE = re.compile(
    r"\b(?:111|gp|nhs|my\s+(?:own\s+)?doctor|out[\s-]of[\s-]hours|walk[\s-]in|pharmacist)\b",
    re.IGNORECASE,
)


_RECENT_TURNS = 4


def _booking_left_unconfirmed(tracker: Tracker) -> bool:
    """A booking begun in this conversation that the emergency stopped before it was made."""
    # (A day asked for counts: "wednesday or thursday morning. oh and ..." stopped it there.)
    started = (
        tracker.get_slot("chosen_slot_id")
        or tracker.get_slot("slot_candidates")
        or tracker.get_slot("preferred_time")
    )
    made = tracker.get_slot("booking_reference") or tracker.get_slot("reschedule_from")
    return bool(started) and not made and not tracker.get_slot("manage_reference")


def _say(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    step: Step,
    advice: Advice | None = None,
) -> list[EventType]:
    """Say the step's replies (those giving `advice`, if any) and keep the state."""
    helpline = load_clinic_settings().crisis_helpline
    text = str((tracker.latest_message or {}).get("text") or "")
    # "It's not happening now, just sometimes on the stairs": told over the last turns.
    recent = [str(event.get("text") or "") for event in _user_events(tracker)[-_RECENT_TURNS:]]
    seen_to = looked_after(text)
    advice = advice_after(step, advice, recurring=keeps_coming_back(recent), looked_after=seen_to)
    if step.state is None and advice is not Advice.DOCTOR_TODAY:
        advice = None
    if advice is Advice.DOCTOR_TODAY and arranges_to_see_a_doctor(text):
        # A doctor today was the advice, and it is arranged: said once more when to call
        # 999, and the conversation goes back to normal (a new warning sign raises it again).
        step = Step((DOCTOR_TODAY_ARRANGED,), None)
    step = with_advice(step, advice, looked_after=seen_to)
    for response in step.responses:
        if response == CANCEL_LATER and _booking_left_unconfirmed(tracker):
            # "Should I cancel the thursday thing?" when the time was never confirmed:
            # there is nothing to cancel, and no booking is being held.
            dispatcher.utter_message(response=NOTHING_BOOKED)
        elif response == WHY_URGENT:
            dispatcher.utter_message(response=response, signs=_signs_told(tracker))
        elif response in (CANCEL_LATER, IN_CARE_BOOKING):
            # How to cancel later: the clinic's phone, from clinic_config/contact.yml.
            phone = (contact_details() or UNKNOWN_CONTACT)["phone"]
            dispatcher.utter_message(response=response, helpline=helpline, phone=phone)
        else:
            dispatcher.utter_message(response=response, helpline=helpline)
    events: list[EventType] = [
        SlotSet(STATE_SLOT, step.state.value if step.state else None),
        SlotSet(ADVICE_SLOT, advice.value if advice else None),
    ]
    if tracker.active_loop.get("name"):
        events += [ActiveLoop(None), SlotSet("requested_slot", None)]
    return events


def _signs_told(tracker: Tracker) -> str:
    """The warning signs the patient told in this conversation, in plain words."""
    for event in reversed(_user_events(tracker)):
        told = [
            RedFlag(flag).description
            for flag in (event.get("parse_data") or {}).get("red_flags") or []
            if flag in _RED_FLAG_VALUES
        ]
        if told:
            return " and ".join(dict.fromkeys(told))
    return "the symptoms you described"


_RED_FLAG_VALUES = frozenset(flag.value for flag in RedFlag)


def _flags(tracker: Tracker) -> set[str]:
    """The red flags of the latest message, with those its conversation makes count."""
    latest = tracker.latest_message or {}
    flags = set(latest.get("red_flags") or [])
    if pregnancy_signs_from_parse_data(latest) and pregnancy_earlier(_earlier_texts(tracker)):
        flags.add(PREGNANCY_FLAG)
    return flags


def _user_events(tracker: Tracker) -> list[dict[str, Any]]:
    return [event for event in tracker.events if event.get("event") == "user"]


def _earlier_texts(tracker: Tracker) -> list[str]:
    return [str(event.get("text") or "") for event in _user_events(tracker)[:-1]]


def _advice(tracker: Tracker, flags: set[str]) -> Advice | None:
    """The advice for these red flags, or the one already being given."""
    found = advice_for(flags)
    if found is not None:
        return found
    try:
        return Advice(tracker.get_slot(ADVICE_SLOT))
    except ValueError:
        return None


def _state(tracker: Tracker) -> State | None:
    """The conversation's emergency state; None when there is none or it is unreadable."""
    try:
        return State(tracker.get_slot(STATE_SLOT))
    except ValueError:
        return None


def _clear_answer(parse_data: dict[str, Any], domain: dict[str, Any]) -> FaqEntry | None:
    """The FAQ answer a message's question clearly has, if it asked one."""
    text = str(parse_data.get("text") or "")
    if not (is_question(text) or asks_indirectly(text)):
        return None
    return clear_faq_entry(parse_data, domain)


_CRISIS_TURNS = 3
"""How many messages back a request made with the crisis message may be: the message, then
one or two answers to whether the patient is safe."""


def _recent_user_texts(tracker: Tracker, count: int) -> list[str]:
    """The patient's last `count` messages before this one, newest first."""
    texts = [str(e.get("text") or "") for e in tracker.events if e.get("event") == "user"]
    return list(reversed(texts[:-1]))[:count]


def _message_before(tracker: Tracker) -> dict[str, Any]:
    """The patient's message before this one (the one a check asked about), as parse data."""
    before = user_message_before(list(tracker.events))
    if not before:
        return {}
    return {**(before.get("parse_data") or {}), "text": before.get("text") or ""}


_SUSPICIONS = frozenset({"suspected_emergency", "suspected_crisis"})


def _suspected_message(tracker: Tracker) -> dict[str, Any]:
    """The message the emergency check first asked about, as parse data.

    Not the answer before the latest when the check was asked twice ("what is
    happening?"), but the message read as a suspicion.
    """
    for event in reversed(_user_events(tracker)[:-1]):
        parse_data = event.get("parse_data") or {}
        if (parse_data.get("intent") or {}).get("name") in _SUSPICIONS:
            return {**parse_data, "text": event.get("text") or ""}
    return _message_before(tracker)


CLEARED = "utter_emergency_cleared"
LONGSTANDING_CLEARED = "utter_emergency_cleared_longstanding"
ALREADY_SEEN = "utter_emergency_already_seen"
ALREADY_SEEN_OTHER = "utter_emergency_already_seen_other"
CRISIS_CLEARED = "utter_crisis_cleared"
_BOOKING_WORDS = re.compile(
    r"\b(?:book\w*|appointment|appt|consultation|see\s+(?:a|one\s+of\s+your|your|the)\s+"
    r"(?:\w+\s+)?(?:specialists?|doctors?|physio\w*|consultants?))\b",
    re.IGNORECASE,
)


def _wants_to_book(parse_data: dict[str, Any]) -> bool:
    """Whether a message asked for an appointment, by its intent or its words."""
    intent = (parse_data.get("intent") or {}).get("name")
    text = str(parse_data.get("text") or "")
    if intent == "cancel_appointment" or mentions_cancelling(text):
        # "Can you just cancel my appointment so I don't waste a slot": not a booking.
        return False
    return intent == "request_appointment" or bool(_BOOKING_WORDS.search(text))


CHECKIN_FORM = "symptom_checkin_form"
CHECK_ACTION = "action_emergency_check"


def _before_last_run_of(tracker: Tracker, action: str) -> list[dict[str, Any]]:
    """The events before `action` last ran, newest first; empty if it never ran."""
    events = list(tracker.events)
    runs = [
        index
        for index, event in enumerate(events)
        if event.get("event") == "action" and event.get("name") == action
    ]
    return list(reversed(events[: runs[-1]])) if runs else []


def _duration_answer(text: str) -> dict[str, Any] | None:
    """How long, from a message's first sentence when that answers only how long.

    Not "I had bladder problems two years ago": a sentence naming a warning sign tells
    when that was, not how long the pain has lasted.
    """
    first = SENTENCE_BREAK.split(text.strip(), maxsplit=1)[0]
    if names_a_warning_sign(first):
        return None
    reading = read_red_flags(first)
    if reading.set_aside or reading.now:
        return None
    days = parse_duration_days(first, dt.date.today())
    return {"pain_duration_days": days} if days is not None else None


def _checkin_interrupted(tracker: Tracker, action: str = CHECK_ACTION) -> str | None:
    """The check-in question the emergency check (or reply) interrupted, if any.

    Read from the events before `action` last ran: the question being asked, and whether
    the check-in was the form still running then. A red flag cleared as past or someone
    else's goes back to the check-in, as a cleared suspicion does.
    """
    requested: str | None = None
    for event in _before_last_run_of(tracker, action):
        if event.get("event") == "slot" and event.get("name") == "requested_slot":
            requested = requested or (str(event["value"]) if event.get("value") else None)
        if event.get("event") == "active_loop":
            return requested if event.get("name") == CHECKIN_FORM else None
    return None


def _booking_interrupted(tracker: Tracker, action: str) -> bool:
    """Whether the booking form was running when `action` (the urgent reply) last ran."""
    for event in _before_last_run_of(tracker, action):
        if event.get("event") == "active_loop":
            return event.get("name") == BOOKING_FORM
    return False


def _message_answered_by(tracker: Tracker, action: str) -> dict[str, Any]:
    """The patient's message `action` last answered (the latest before it), or {}."""
    for event in _before_last_run_of(tracker, action):
        if event.get("event") == "user":
            return event
    return {}


def _suspected_text(tracker: Tracker) -> str:
    """The text of the message the emergency check asked about, or ""."""
    return str(_message_answered_by(tracker, CHECK_ACTION).get("text") or "")


_CHECKIN_ANSWERS = ("pain_duration_days", "pain_severity")


def _answers_kept_through_the_check(tracker: Tracker) -> list[EventType]:
    """The check-in's answers from before the emergency check, where later words were not.

    Words said while the check was asked ("it's been on and off for weeks") are picked up
    by the slots' mappings but not read: a story's values are read by the check-in's
    validation, which does not run while the check is asked. The answer already read and
    validated stands.
    """
    before: dict[str, Any] = {}
    for event in reversed(_before_last_run_of(tracker, CHECK_ACTION)):
        if event.get("event") == "slot" and event.get("name") in _CHECKIN_ANSWERS:
            before[str(event["name"])] = event.get("value")
    return [
        SlotSet(name, before[name])
        for name in _CHECKIN_ANSWERS
        if isinstance(tracker.get_slot(name), str) and before.get(name) is not None
    ]


def _red_flag_event(tracker: Tracker) -> dict[str, Any]:
    """The patient's message the urgent reply answered (the latest before it), or {}."""
    return _message_answered_by(tracker, "action_emergency")


def _red_flag_message(tracker: Tracker) -> str:
    """The text of the message the urgent reply answered, or ""."""
    return str(_red_flag_event(tracker).get("text") or "")


def _raised_flags(tracker: Tracker) -> set[str]:
    """The red flags the urgent reply answered."""
    parse_data = _red_flag_event(tracker).get("parse_data") or {}
    return set(parse_data.get("red_flags") or []) | set(
        parse_data.get("red_flags_with_back_pain") or []
    )


def _intent(tracker: Tracker) -> str | None:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")


class ActionEmergency(Action):
    """The reply to a red flag the rules found, in any state."""

    def name(self) -> str:
        """Predicted by the emergency policy for `report_emergency` and `report_crisis`."""
        return "action_emergency"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Urgent care for a physical red flag, the crisis line for self-harm, or both."""
        flags = _flags(tracker)
        crisis = "self_harm" in flags or _intent(tracker) == "report_crisis"
        physical = bool(flags - {"self_harm"}) or not crisis
        text = str((tracker.latest_message or {}).get("text") or "")
        state = _state(tracker)
        if (
            state in (State.URGENT, State.HELP_COMING, State.CLEARING_URGENT)
            and not crisis
            and (is_retraction(text) or already_seen(text))
        ):
            # The advice was given; now the patient names the sign again to say it is past,
            # checked or not theirs ("the bleeding was last week and they checked me"):
            # answered as any reply in the emergency, with the check, not the advice again.
            step = follow_up(state, None, text)
        elif (
            physical
            and not crisis
            and (about_someone_else(text) or red_flags_told_of_someone_else(text))
            and looked_after(text)
        ):
            # "My neighbour had back pain and a high fever, they took her to hospital": the
            # person is being cared for; the writer hears when to get care themselves, or,
            # asking about the person's booking, how to change it now.
            in_care = IN_CARE_BOOKING if asks_about_a_booking(text) else IN_CARE
            entry = _clear_answer(tracker.latest_message or {}, domain)
            pair = compared_conditions(
                text, conditions_from_parse_data(tracker.latest_message or {})
            )
            if in_care == IN_CARE and entry is None and pair is not None:
                # "He's in hospital being looked after. Anyway, is sciatica the same as a
                # herniated disc?": what the guide says of each, as to any comparison.
                events = _say(dispatcher, tracker, Step((IN_CARE_ANSWERED,), None))
                dispatcher.utter_message(response="utter_comparison_intro")
                for key in pair:
                    dispatcher.utter_message(response=f"{RESPONSE_PREFIX}{key}")
                return [*events, SlotSet(LAST_FAQ_SLOT, pair[-1])]
            if in_care == IN_CARE and entry is not None:
                # "He's in hospital. They said he has spinal stenosis - what is that?": the
                # question asked is answered, not replaced by "how can I help you?".
                events = _say(dispatcher, tracker, Step((IN_CARE_ANSWERED,), None))
                dispatcher.utter_message(response=entry.response_name)
                return [*events, SlotSet(LAST_FAQ_SLOT, entry.key)]
            step = Step((in_care,), None)
        elif physical and not crisis and told_as_longstanding(text):
            # "She's had bladder accidents for years, the doctor knows": is it new or worse?
            # The question carries the urgent advice.
            step = Step(("utter_emergency_confirm_longstanding",), State.CLEARING_LONGSTANDING)
        else:
            step = on_red_flag(
                crisis=crisis, physical=physical, settled_past=is_settled_retraction(text)
            )
        return _say(dispatcher, tracker, step, _advice(tracker, flags))


class ActionEmergencyCheck(Action):
    """Ask about a suspected red flag, with the urgent advice in the question."""

    def name(self) -> str:
        """Predicted by the emergency policy for `suspected_emergency` and `suspected_crisis`."""
        return "action_emergency_check"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """One yes/no question; the answer is read by the follow-up action.

        Besides the suspected intents, the emergency policy sends low mood told after
        thoughts of self-harm here: that is asked about as a crisis.
        """
        step = on_suspicion(crisis=_intent(tracker) != "suspected_emergency")
        return _say(dispatcher, tracker, step)


class ActionEmergencyFollowup(Action):
    """Every message while the conversation is in the emergency state."""

    def name(self) -> str:
        """Predicted by the emergency policy while `emergency_state` is set."""
        return "action_emergency_followup"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Repeat the advice, or check and clear a red flag that was past or someone else's."""
        state = _state(tracker) or State.URGENT  # an unreadable state errs on the safe side
        text = str((tracker.latest_message or {}).get("text") or "")
        raised = _raised_flags(tracker)
        step = follow_up(
            state,
            _intent(tracker),
            text,
            denies_red_flags=denies_red_flags(text),
            asks_to_book=_wants_to_book(tracker.latest_message or {}),
            told_as_someone_elses=about_someone_else(_red_flag_message(tracker)),
            only_fever=raised == {RedFlag.FEVER.value},
            only_leg_weakness=raised == {RedFlag.BOTH_LEGS_WEAKNESS.value},
            suspected_for_weeks=state is State.CHECK_URGENT
            and told_for_weeks(_suspected_text(tracker)),
        )
        if (
            tracker.get_slot(ADVICE_SLOT) == Advice.AMBULANCE.value
            and step.responses[:1] == ("utter_emergency_help_coming",)
            and driven_not_by_ambulance(text)
        ):
            # "My daughter says she'll drive me to A&E": with chest or tearing pain, or legs
            # that will not carry someone after a fall, an ambulance rather than the car.
            step = Step((NOT_BY_CAR,), State.URGENT)
        interrupted = (
            _checkin_interrupted(tracker)
            if step.responses in ((CHECK_CLEARED,), (LONGSTANDING_CLEARED,))
            else _checkin_interrupted(tracker, "action_emergency")
            if step.responses == (CLEARED,)
            else None
        )
        if interrupted is not None:
            # Not an emergency (now), in the middle of the check-in: it carries on where it
            # was. The message the check asked about may have answered the question it
            # interrupted ("both legs feel weak when I stand long"): that answer is kept,
            # and the check-in goes on to what is left.
            events = _say(dispatcher, tracker, Step((CHECK_CLEARED_BRIEFLY,), None))
            answered = (
                nerve_answer(_suspected_text(tracker))
                if interrupted == "nerve_symptoms" and step.responses != (CLEARED,)
                # "On and off for a year. I also had no control of my bladder", then "that
                # was two years ago": the length told first is kept, not asked again.
                else _duration_answer(_red_flag_message(tracker))
                if interrupted == "pain_duration_days" and step.responses == (CLEARED,)
                else None
            )
            if answered:
                return [
                    *events,
                    ActiveLoop(CHECKIN_FORM),
                    *_answers_kept_through_the_check(tracker),
                    *(SlotSet(name, value) for name, value in answered.items()),
                    SlotSet("requested_slot", None),
                    FollowupAction(CHECKIN_FORM),
                ]
            dispatcher.utter_message(response=f"utter_ask_{interrupted}")
            return [
                *events,
                ActiveLoop(CHECKIN_FORM),
                *_answers_kept_through_the_check(tracker),
                SlotSet("requested_slot", interrupted),
            ]
        if step.responses in ((CLEARED,), (CHECK_CLEARED,)) and _booking_interrupted(
            tracker, "action_emergency" if step.responses == (CLEARED,) else CHECK_ACTION
        ):
            # "Sorry, the weak legs were two years ago": the booking the red flag stopped
            # carries on where it was.
            events = _say(dispatcher, tracker, Step((CHECK_CLEARED_BRIEFLY,), None))
            dispatcher.utter_message(response="utter_booking_resumed")
            return [*events, ActiveLoop(BOOKING_FORM), FollowupAction(BOOKING_FORM)]
        if step.responses in ((CHECK_CLEARED,), (LONGSTANDING_CLEARED,)):
            # Not an emergency: now what the suspected message asked for after all.
            suspected = _suspected_message(tracker)
            scope = str(suspected.get("scope") or "")
            if scope in SCOPE_RESPONSES:
                # "A child's back pain should be checked by a doctor."
                step = Step((CHECK_CLEARED_BRIEFLY, SCOPE_RESPONSES[scope]), None)
            elif step.responses == (LONGSTANDING_CLEARED,):
                # "Been like that for months, just numb toes. Should he book in?": what the
                # guide says of such symptoms is the answer, with the booking offered.
                pass
            elif reported_symptoms(str(suspected.get("text") or "")) is not None:
                # "My legs feel weak", then "no, not now": not an emergency, but what the
                # article says to see a specialist about.
                step = Step(("utter_emergency_cleared_longstanding",), None)
            elif asks_to_be_called(text) or asks_to_be_called(str(suspected.get("text") or "")):
                # "No, it's not an emergency, just call me": the call-back's questions.
                events = _say(dispatcher, tracker, Step((CHECK_CLEARED_BRIEFLY,), None))
                return [*events, FollowupAction(CALLBACK_FORM)]
            elif (entry := _clear_answer(suspected, domain)) is not None:
                # "Is there anything else that helps her?", then "no" to the check: the
                # question asked in the first place, answered after all.
                events = _say(dispatcher, tracker, Step((CHECK_CLEARED_BRIEFLY,), None))
                dispatcher.utter_message(response=entry.response_name)
                return [*events, SlotSet(LAST_FAQ_SLOT, entry.key)]
            elif _wants_to_book(suspected):
                # "My back is sore too lol. Thursday morning?", then "no": the booking.
                events = _say(dispatcher, tracker, Step((CHECK_CLEARED_BRIEFLY,), None))
                dispatcher.utter_message(response="utter_start_booking")
                return [*events, FollowupAction(BOOKING_FORM)]
            elif tells_of_the_pain(str(suspected.get("text") or ""), dt.date.today()):
                # "Bad back, 9/10, can hardly get out of bed, 3 days", then "no": the
                # check-in that story is for, reading what it already told.
                # The form itself, not the action that starts it: no rule follows that
                # action after an answer to the emergency question.
                events = _say(dispatcher, tracker, Step((CHECK_CLEARED_BRIEFLY,), None))
                dispatcher.utter_message(response="utter_start_checkin")
                return [*events, FollowupAction("symptom_checkin_form")]
        if step.responses in ((ALREADY_SEEN,), (ALREADY_SEEN_OTHER,)) and _wants_to_book(
            tracker.latest_message or {}
        ):
            # "They checked me at A&E and said to follow up with physio, can I book?"
            events = _say(dispatcher, tracker, step)
            dispatcher.utter_message(response="utter_start_booking")
            return [*events, FollowupAction(BOOKING_FORM)]
        asked_to_book = _wants_to_book(_message_before(tracker)) or _wants_to_book(
            tracker.latest_message or {}
        )
        if step.responses == (CLEARED,) and asked_to_book:
            # "You misunderstood, I just want to see one of your specialists": cleared,
            # then the booking they asked for, not "how else can I help?".
            events = _say(dispatcher, tracker, Step((CHECK_CLEARED_BRIEFLY,), None))
            dispatcher.utter_message(response="utter_start_booking")
            return [*events, FollowupAction(BOOKING_FORM)]
        if step.responses == (CRISIS_CLEARED,) and asked_to_book:
            # "Can we carry on, I want to see someone about the back", then "yes I'm safe",
            # or "yes im safe. can i get an appointment for my back": the helpline kept in
            # view, then the booking asked for.
            events = _say(dispatcher, tracker, step)
            dispatcher.utter_message(response="utter_start_booking")
            return [*events, FollowupAction(BOOKING_FORM)]
        if step.responses == (CRISIS_CLEARED,) and any(
            asks_to_be_called(text) for text in _recent_user_texts(tracker, _CRISIS_TURNS)
        ):
            # "can someone from the clinic call me about the back pain?", then "yes I'm
            # safe": the helpline kept in view, then the call-back asked for.
            events = _say(dispatcher, tracker, step)
            return [*events, FollowupAction("callback_form")]
        events = _say(dispatcher, tracker, step, _advice(tracker, _flags(tracker)))
        latest = tracker.latest_message or {}
        # "OK he'll ring 111 today. Last thing, if my back still hurts after the baby, should
        # I see a specialist?": stood down, the patient's own question is next; so it is
        # after another person's urgent advice said again ("what about me?").
        own_turn = SlotSet(STATE_SLOT, None) in events or step.responses == (THEIR_CARE_NOW,)
        if step.responses == (LONGSTANDING_CLEARED,) and only_asks_what_to_do(text):
            # "Been like that for months. Should he book in?": the reply is the answer.
            own_turn = False
        if own_turn and (entry := _clear_answer(latest, domain)):
            dispatcher.utter_message(response=entry.response_name)
            return [*events, SlotSet(LAST_FAQ_SLOT, entry.key)]
        if step.responses in ((THEIR_CARE_NOW,), (OWN_BACK,)):
            # No clear question of the writer's own in it: asked for.
            dispatcher.utter_message(response="utter_about_your_own_back")
            return events
        if _intent(tracker) in ASKS_FOR_A_PERSON and not _OTHER_SERVICE.search(text):
            # The advice first, and the clinic's own people too when asked for, said not to
            # be the way to help now (no call-back offered); not when the question is
            # whether another service (111, the GP) would do instead.
            give_contact(dispatcher, "utter_contact_in_emergency")
        return events
