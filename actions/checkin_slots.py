"""The check-in's answers as Rasa keeps them in slots, read back as the clinic's types."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from itertools import islice
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from clinic.triage.referral import (
    DURATION_REASON,
    NERVE_REASON,
    SEVERITY_REASON,
    CheckIn,
    ConsultationRecommended,
    clinic_referral_rules,
    decide,
    summary_for_patient,
)
from clinic.triage.severity import severity_in_words
from clinic.triage.story import reasons_told
from clinic.triage.symptoms import NerveSymptoms
from clinic.wording import about_someone_else

FOR_SOMEONE_ELSE = "checkin_for_other"
SEVERITY_SLOT = "pain_severity"
COMPLAINT_SLOT = "checkin_complaint"
STIFFNESS = "stiffness"
"""The value of `COMPLAINT_SLOT` when the patient told of stiffness or a click, not pain."""


def nerve_symptoms_from_slot(value: Any) -> NerveSymptoms | None:
    """Rebuild the dataclass from the dictionary the slot stores; None if it is malformed."""
    if not isinstance(value, dict):
        return None
    flags = {
        field.name: value.get(field.name, field.default)
        for field in dataclasses.fields(NerveSymptoms)
        if field.name != "locations"
    }
    locations = value.get("locations", ())
    if not all(isinstance(flag, bool) for flag in flags.values()):
        return None
    if not isinstance(locations, list | tuple) or not all(isinstance(p, str) for p in locations):
        return None
    return NerveSymptoms(**flags, locations=tuple(locations))


def checkin_from_tracker(tracker: Tracker) -> CheckIn:
    """The check-in answers as the decision function's input."""
    denied = tracker.get_slot("red_flags_denied")
    duration = tracker.get_slot("pain_duration_days")
    severity = tracker.get_slot("pain_severity")
    return CheckIn(
        duration_days=int(duration) if isinstance(duration, int | float) else None,
        severity=int(severity) if isinstance(severity, int | float) else None,
        nerve_symptoms=nerve_symptoms_from_slot(tracker.get_slot("nerve_symptoms")),
        red_flags=(),
        red_flags_asked=denied is not None,
        red_flags_reported=denied is False,
    )


def severity_told_in_words(tracker: Tracker) -> str | None:
    """How bad the pain is in the patient's words, if the score kept came from words.

    The message before the severity slot was last set is the one it was read from.
    """
    said: str | None = None
    told: str | None = None
    for event in tracker.events:
        if event.get("event") == "user":
            said = str(event.get("text") or "")
        elif event.get("event") == "slot" and event.get("name") == SEVERITY_SLOT:
            told = said if event.get("value") is not None else None
    return severity_in_words(told) if told and not told.startswith("/") else None


def summary_from_tracker(tracker: Tracker) -> str | None:
    """What the patient told the check-in, to pass on, in the words its slots call for."""
    return summary_for_patient(
        checkin_from_tracker(tracker),
        whose="their" if tracker.get_slot(FOR_SOMEONE_ELSE) else "your",
        complaint="stiffness" if tracker.get_slot(COMPLAINT_SLOT) == STIFFNESS else "pain",
        severity_words=severity_told_in_words(tracker),
    )


def session_messages(tracker: Tracker) -> Iterator[dict[str, Any]]:
    """The patient's message events in this session, newest first."""
    for event in reversed(tracker.events):
        if event.get("event") == "session_started":
            return
        if event.get("event") == "user":
            yield event


def say_criterion_met(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    response: str = "utter_checkin_criterion_met",
) -> bool:
    """Say so when the answers so far already meet a referral criterion; False if none does.

    "It's been 3 months, shouldn't I see someone?" deserves a yes, not the general
    guidance; the remaining questions still come first, as they check for an emergency.
    A patient who stops the questions hears it too (`utter_checkin_stopped_criterion_met`).
    """
    rules = clinic_referral_rules()
    decision = decide(checkin_from_tracker(tracker), rules)
    if not isinstance(decision, ConsultationRecommended):
        return False
    dispatcher.utter_message(response=response, triage_reasons=" ".join(decision.reasons))
    return True


def criteria_met_so_far(tracker: Tracker, text: str) -> str:
    """The referral criteria the message, or else the check-in's answers so far, meet.

    Nothing for a message about someone else ("is it worth him coming in?"): the patient's
    own answers are not theirs.
    """
    if about_someone_else(text):
        return ""
    rules = clinic_referral_rules()
    told = reasons_told(text, date.today(), rules)
    if not told:
        decision = decide(checkin_from_tracker(tracker), rules)
        told = decision.reasons if isinstance(decision, ConsultationRecommended) else ()
    if not told:
        # "I've had it for 3 years" and "it's about an 8", told before a crisis or an
        # answer that left the check-in: the patient's own earlier words this session.
        own = (
            said
            for event in session_messages(tracker)
            if not about_someone_else(said := str(event.get("text") or ""))
        )
        found = {
            reason
            for said in islice(own, _MESSAGES_READ_FOR_REASONS)
            for reason in reasons_told(said, date.today(), rules)
        }
        told = tuple(reason for reason in _REASON_ORDER if reason in found)
    return " ".join(told)


_MESSAGES_READ_FOR_REASONS = 6
_REASON_ORDER = (DURATION_REASON, SEVERITY_REASON, NERVE_REASON)
