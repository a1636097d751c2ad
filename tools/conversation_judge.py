"""Judge one turn of a scripted conversation: what the assistant did, against what was expected.

The blind conversations (``tests/blind/conversations.yml``) name outcomes, not reply
texts: ``ask_duration``, ``faq(sciatica)``, ``offer_slots("tuesday morning")`` and so on.
This module reads the tracker events of one turn (from a ``user`` event to the next one)
and names what the assistant did, in the same vocabulary. It is pure: it reads event
dictionaries and imports no Rasa.

A turn's label is that of its first *decisive* reply; preambles ("Let's find a time")
and greetings only count when nothing decisive follows. A turn with no reply at all is
labelled ``silent`` and never passes.

``offer_slots("<day> <part of day>")`` passes when every offered time (the buttons of
``utter_ask_chosen_slot_id``, without "None of these") falls on that day and in that part
of the day, and no two buttons have the same title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tools.outcomes import utter_action

SILENT = "silent"
UNLISTED = "unlisted"

RESPONSE_LABELS: Mapping[str, str] = {
    "utter_emergency": "emergency",
    "utter_emergency_reminder": "emergency",
    "utter_emergency_ambulance": "emergency",
    "utter_emergency_ambulance_reminder": "emergency",
    "utter_emergency_ambulance_passed": "emergency",
    "utter_emergency_maternity": "emergency",
    "utter_emergency_maternity_reminder": "emergency",
    "utter_emergency_maternity_passed": "emergency",
    "utter_emergency_doctor_today": "emergency",
    "utter_emergency_doctor_today_reminder": "emergency",
    "utter_emergency_doctor_today_arranged": "emergency",
    "utter_heart_worry": "not_covered",
    "utter_whether_it_gets_worse": "not_covered",
    "utter_crisis": "crisis",
    "utter_crisis_reminder": "crisis",
    "utter_emergency_check": "emergency_check",
    "utter_crisis_check": "crisis",
    "utter_emergency_check_again": "emergency_check",
    "utter_crisis_check_again": "crisis",
    "utter_emergency_confirm_clear": "emergency_check",
    "utter_emergency_confirm_clear_again": "emergency_check",
    "utter_emergency_help_coming": "emergency",
    "utter_emergency_why": "emergency",
    "utter_emergency_ambulance_not_by_car": "emergency",
    "utter_emergency_dont_drive": "emergency",
    "utter_emergency_call_now": "emergency",
    "utter_emergency_cannot_call": "emergency",
    "utter_emergency_help_coming_reminder": "emergency",
    "utter_emergency_book_after": "emergency",
    "utter_emergency_cancel_later": "emergency",
    "utter_emergency_nothing_booked": "emergency",
    "utter_emergency_passed_recently": "emergency",
    "utter_emergency_masked": "emergency",
    "utter_emergency_ambulance_masked": "emergency",
    "utter_emergency_confirm_longstanding": "emergency_check",
    "utter_emergency_confirm_longstanding_again": "emergency_check",
    "utter_emergency_cleared": "emergency_cleared",
    "utter_emergency_only_asked": "emergency_cleared",
    "utter_emergency_own_back": "emergency_cleared",
    "utter_emergency_their_care_own_back": "emergency",
    "utter_emergency_already_seen": "emergency_cleared",
    "utter_emergency_already_seen_book": "emergency_cleared",
    "utter_emergency_already_seen_other": "emergency_cleared",
    "utter_emergency_someone_else_in_care": "emergency_cleared",
    "utter_emergency_someone_else_in_care_answered": "emergency_cleared",
    "utter_emergency_someone_else_in_care_booking": "emergency_cleared",
    "utter_emergency_check_cleared": "emergency_cleared",
    "utter_emergency_check_cleared_briefly": "emergency_cleared",
    "utter_crisis_check_cleared": "emergency_cleared",
    "utter_crisis_cleared": "emergency_cleared",
    "utter_crisis_confirm_clear": "crisis",
    "utter_crisis_safe_check": "crisis",
    "utter_scope_other_joint": "scope_joint",
    "utter_scope_other_joint_referral": "scope_joint",
    "utter_scope_other_joint_in_booking": "scope_joint",
    "utter_scope_child": "scope_child",
    "utter_scope_child_other_condition": "scope_child",
    "utter_scope_child_again": "scope_child",
    "utter_scope_child_urgency": "scope_child",
    "utter_scope_other_condition": "not_covered",
    "utter_scope_other_condition_compared": "not_covered",
    "utter_scope_fear_of_serious_illness": "not_covered",
    "utter_scope_test_results": "not_covered",
    "utter_scope_pregnancy": "not_covered",
    "utter_scope_health_condition": "not_covered",
    "utter_scope_prescription": "not_covered",
    "utter_cannot_renew_prescription": "not_covered",
    "utter_scope_medicine_use": "not_covered",
    "utter_scope_other_medicine_use": "not_covered",
    "utter_scope_urinary": "not_covered",
    "utter_scope_kidney": "not_covered",
    "utter_scope_swollen_leg": "not_covered",
    "utter_scope_worse_with_exercise": "not_covered",
    "utter_scope_digestive": "not_covered",
    "utter_scope_animal": "not_covered",
    "utter_scope_other_service": "not_covered",
    "utter_not_covered": "not_covered",
    "utter_in_other_words": "not_covered",
    "utter_activity_not_covered": "not_covered",
    "utter_other_question_not_covered": "not_covered",
    "utter_question_not_covered": "not_covered",
    "utter_topic_not_covered": "not_covered",
    "utter_activity_question_not_covered": "not_covered",
    "utter_no_yes_or_no": "not_covered",
    "utter_side_effect_not_covered": "not_covered",
    "utter_other_language": "other_language",
    "utter_out_of_scope": "fallback",
    "utter_cannot_answer": "fallback",
    "utter_did_you_mean": "fallback",
    "utter_ask_rephrase": "fallback",
    "utter_default": "fallback",
    "utter_contact": "contact",
    "utter_contact_details": "contact",
    "utter_person_now": "contact",
    "utter_contact_out_of_hours": "contact",
    "utter_contact_in_emergency": "contact",
    "utter_contact_unavailable": "contact",
    "utter_callback_requested": "contact",
    "utter_callback_requested_for_time": "contact",
    "utter_can_book_here": "contact",
    "utter_others_can_book": "contact",
    "utter_contact_change_with_team": "contact",
    "utter_callback_already": "contact",
    "utter_callback_contact_changed": "contact",
    "utter_offer_contact": "contact",
    "utter_callback_needs_contact": "ask_contact",
    "utter_ask_callback_form_patient_contact": "ask_contact",
    "utter_ask_pain_duration_days": "ask_duration",
    "utter_wrong_pain_duration_days": "ask_duration",
    "utter_ask_pain_severity": "ask_severity",
    "utter_wrong_pain_severity": "ask_severity",
    "utter_ask_nerve_symptoms": "ask_symptoms",
    "utter_wrong_nerve_symptoms": "ask_symptoms",
    "utter_ask_red_flags_denied": "ask_symptoms",
    "utter_ask_remaining_red_flags": "ask_symptoms",
    "utter_wrong_red_flags_denied": "ask_symptoms",
    "utter_red_flags_in_plain_words": "ask_symptoms",
    "utter_consultation_recommended": "referral",
    "utter_why_consultation": "referral",
    "utter_why_self_care": "self_care",
    "utter_offer_booking": "referral",
    "utter_self_care": "self_care",
    "utter_meanwhile": "self_care",
    "utter_whether_to_book": "referral",
    "utter_criterion_met_offer": "referral",
    "utter_other_joint_too": "scope_joint",
    "utter_other_joint_beside_checkin": "scope_joint",
    "utter_cure_not_covered": "not_covered",
    "utter_self_help_without_booking": "self_care",
    "utter_ask_preferred_time": "ask_time",
    "utter_wrong_preferred_time": "ask_time",
    "utter_no_matching_slots": "ask_time",
    "utter_no_more_slots": "ask_time",
    "utter_scheduling_unavailable": "contact",
    "utter_ask_chosen_slot_id": "offer_slots",
    "utter_wrong_chosen_slot_id": "offer_slots",
    "utter_slot_taken": "offer_slots",
    "utter_ask_patient_name": "ask_name",
    "utter_wrong_patient_name": "ask_name",
    "utter_ask_patient_contact": "ask_contact",
    "utter_wrong_patient_contact": "ask_contact",
    "utter_ask_booking_confirmed": "confirm_booking",
    "utter_ask_move_confirmed": "confirm_booking",
    "utter_ask_what_to_change": "ask_what_to_change",
    "utter_booking_confirmed": "booked",
    "utter_booking_pending": "booked",
    "utter_ask_manage_reference": "ask_reference",
    "utter_wrong_manage_reference": "contact",
    "utter_ask_manage_identity": "ask_identity",
    "utter_wrong_manage_identity": "ask_identity",
    "utter_wrong_manage_identity_again": "ask_identity",
    "utter_identity_why": "ask_identity",
    "utter_identity_unknown": "contact",
    "utter_appointment_cancelled": "cancelled",
    "utter_appointment_not_found": "ask_reference",
    "utter_cancel_unavailable": "contact",
    "utter_booking_status": "booking_status",
    "utter_booking_name": "booking_status",
    "utter_contact_added": "booking_status",
    "utter_rescheduled": "rescheduled",
    "utter_stopped_manage": "stopped",
    "utter_ask_manage_confirmed": "ask_cancel_confirm",
    "utter_no_reference": "contact",
    "utter_appointment_not_found_again": "contact",
    "utter_identity_not_confirmed": "contact",
    "utter_next_steps_booked": "booking_status",
    "utter_next_steps_pending": "booking_status",
    "utter_nothing_booked_here": "stopped",
    "utter_clinic_info": "contact",
    "utter_appointment_length": "contact",
    "utter_can_book_again": "contact",
    "utter_clinicians": "contact",
    "utter_current_clinician": "contact",
    "utter_reference_needed": "contact",
    "utter_sorry_for_the_trouble": "contact",
    "utter_scope_child_booking": "scope_child",
    "utter_child_booking_not_made": "scope_child",
    "utter_scope_child_or_adult": "scope_child",
    "utter_form_way_out": "contact",
    "utter_wrong_booking_change": "ask_what_to_change",
    "utter_stopped_booking": "stopped",
    "utter_stopped_booking_kept": "stopped",
    "utter_stopped_booking_move": "stopped",
    "utter_stopped_checkin": "stopped",
    "utter_booking_not_made": "stopped",
    "utter_no_booking": "stopped",
    "utter_goodbye": "goodbye",
    "utter_you_are_welcome": "thanks",
    "utter_welcome_in_form": "thanks",
    "utter_faq_helped": "thanks",
    "utter_faq_helped_goodbye": "goodbye",
    "utter_iamabot": "bot_challenge",
    "utter_greet": "greet",
    "utter_anything_else": "greet",
    "utter_capabilities": "greet",
    "utter_ask_away": "greet",
}
"""Bot responses by name and the outcome each one means."""

WEAK_RESPONSES = frozenset(
    {
        "utter_intro",
        "utter_about_your_own_back",
        "utter_comparison_intro",
        "utter_other_question_choices",
        "utter_exercise_amount_not_covered",
        "utter_avoid_not_covered",
        "utter_start_booking",
        "utter_booking_resumed",
        "utter_start_checkin",
        # Said before the times it introduces, which decide the turn.
        "utter_closed_at_weekends",
        # Said before the answer it introduces, which decides the turn.
        "utter_clinic_sees_back_conditions",
        # Said before the call-back's confirmation, which decides the turn.
        "utter_team_answers_on_the_call",
        # A note on the other joint before the check-in's questions, which say what it does.
        "utter_other_joint_beside_checkin",
        "utter_start_reschedule",
        "utter_greet",
        "utter_noted_correction",
        "utter_noted_duration",
        "utter_noted_symptoms",
        "utter_symptom_place_noted",
        "utter_reference_changed",
        "utter_report_condition_in_general",
        "utter_bulging_disc_note",
        "utter_about_the_back_only",
        "utter_medicine_not_named",
        "utter_nearest_times",
        "utter_nearest_times_open",
        "utter_asked_time_taken",
        "utter_none_then_soonest",
        "utter_day_full",
        "utter_time_changed",
        "utter_patient_summary",
        "utter_too_far_ahead",
        "utter_cannot_diagnose",
        "utter_explain_serious_injury",
    }
)
"""Preambles: they decide a turn only when nothing else was said."""

NOT_A_TIME = re.compile(r"none of these|call me|callback|call back", re.IGNORECASE)


@dataclass(frozen=True)
class TurnReply:
    """What the assistant did in one turn."""

    label: str
    evidence: tuple[str, ...]
    buttons: tuple[str, ...]
    texts: tuple[str, ...]


REREAD_ACTION = "action_read_typed_button"


def without_reverted(events: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The events without a message the typed-button action took back to log it again.

    A typed answer re-read as a button (actions/typed_button.py) is one patient turn, not
    two. Other rewinds (Rasa's default fallback reverts the message it answered) keep
    their turn: the patient was answered.
    """
    kept: list[Mapping[str, Any]] = []
    for event in events:
        rereads = (
            event.get("event") == "rewind"
            and bool(kept)
            and kept[-1].get("event") == "action"
            and kept[-1].get("name") == REREAD_ACTION
        )
        if not rereads:
            kept.append(event)
            continue
        while kept and kept[-1].get("event") != "user":
            kept.pop()
        if kept:
            kept.pop()
    return kept


def split_turns(events: Iterable[Mapping[str, Any]]) -> list[list[Mapping[str, Any]]]:
    """The events after each ``user`` event, up to the next one (one list per user turn)."""
    turns: list[list[Mapping[str, Any]]] = []
    for event in without_reverted(events):
        if event.get("event") == "user":
            turns.append([])
        elif turns:
            turns[-1].append(event)
    return turns


def _label(name: str | None) -> str:
    if name is None:
        return UNLISTED
    if name.startswith("utter_faq/"):
        return f"faq({name.removeprefix('utter_faq/')})"
    return RESPONSE_LABELS.get(name, UNLISTED)


def read_turn(turn: Sequence[Mapping[str, Any]]) -> TurnReply:
    """Name what the assistant did in one turn's events."""
    evidence: list[str] = []
    texts: list[str] = []
    decided: str | None = None
    weak: str | None = None
    buttons: tuple[str, ...] = ()
    for event in turn:
        if event.get("event") != "bot":
            continue
        name = utter_action(event)
        evidence.append(name or "bot:<text>")
        texts.append(str(event.get("text") or ""))
        label = _label(name)
        if name in WEAK_RESPONSES or label == UNLISTED:
            weak = weak or label
            continue
        if decided is None:
            decided = label
            data = event.get("data") or {}
            buttons = tuple(str(button.get("title", "")) for button in (data.get("buttons") or []))
    if decided is None and weak is None:
        return TurnReply(SILENT, tuple(evidence), (), tuple(texts))
    return TurnReply(decided or weak or UNLISTED, tuple(evidence), buttons, tuple(texts))


_OFFER = re.compile(r'offer_slots\("(?P<want>[^"]*)"\)')
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CLOCK = re.compile(r"\b(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<meridiem>am|pm)\b", re.I)


def _minutes(title: str) -> int | None:
    match = _CLOCK.search(title)
    if match is None:
        return None
    hour = int(match["hour"]) % 12 + (12 if match["meridiem"].lower() == "pm" else 0)
    return hour * 60 + int(match["minute"] or 0)


def _period_allows(want: str, minutes: int) -> bool:
    if "after 5" in want or "evening" in want:
        return minutes >= 17 * 60
    if "lunchtime" in want:
        return 11 * 60 + 30 <= minutes <= 14 * 60
    if "morning" in want:
        return minutes < 12 * 60
    if "afternoon" in want:
        return 12 * 60 < minutes < 17 * 60 or (minutes == 12 * 60 and "lunch" in want)
    return True


def offered_times_fit(want: str, buttons: Sequence[str]) -> tuple[bool, str]:
    """Whether the offered buttons suit `want` ("tuesday morning", "any"); with a reason."""
    times = [title for title in buttons if not NOT_A_TIME.search(title)]
    if not times:
        return False, "no time was offered"
    if len(set(times)) != len(times):
        return False, "two buttons have the same title"
    want = want.lower()
    day = next((name for name in _WEEKDAYS if name in want), None)
    for title in times:
        if day is not None and not re.search(rf"\b{day[:3]}", title.lower()):
            return False, f"{title!r} is not on {day}"
        minutes = _minutes(title)
        if minutes is None:
            return False, f"{title!r} has no time"
        if not _period_allows(want, minutes):
            return False, f"{title!r} is not in the {want}"
    return True, ""


def turn_passes(expected: Sequence[str], reply: TurnReply) -> tuple[bool, str]:
    """Whether `reply` is one of the `expected` outcomes; with a reason when it is not."""
    if reply.label == SILENT:
        return False, "no reply"
    reasons = []
    for outcome in expected:
        offer = _OFFER.fullmatch(outcome)
        if offer is not None:
            if reply.label != "offer_slots":
                continue
            fits, why = offered_times_fit(offer["want"], reply.buttons)
            if fits:
                return True, ""
            reasons.append(why)
        elif outcome == reply.label:
            return True, ""
    return False, "; ".join(reasons) or f"got {reply.label}"
