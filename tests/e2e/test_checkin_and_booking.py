"""Check-in, referral, booking, cancelling and an outage, over REST against the real stack.

The stack is the real Rasa server, action server, scheduling service and outbox worker
(tools/stack.py), each on a free loopback port with its own databases.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

import pytest

from tests.e2e.conftest import running
from tests.e2e.test_rest_conversation import (
    assert_actions_ran,
    bot_events_since_last_user,
    utter_actions,
)
from tools.stack import AssistantStack, StackError

pytestmark = pytest.mark.e2e

DELIVERY_WAIT_S = 30


class Patient:
    """One conversation, with the assistant's replies and tracker at hand."""

    def __init__(self, assistant: AssistantStack) -> None:
        self.assistant = assistant
        self.sender = f"e2e-{uuid.uuid4().hex}"
        self.reply: list[dict[str, Any]] = []

    def says(self, text: str) -> list[str | None]:
        """Send a message; return the names of the responses the bot used for it."""
        self.reply = self.assistant.send(self.sender, text)
        return utter_actions(bot_events_since_last_user(self.tracker()))

    def tracker(self) -> dict[str, Any]:
        return self.assistant.tracker(self.sender)

    def slot(self, name: str) -> Any:
        return self.tracker()["slots"].get(name)

    def buttons(self) -> list[dict[str, str]]:
        return [button for message in self.reply for button in message.get("buttons", [])]


def complete_checkin(patient: Patient) -> None:
    """A check-in whose first message already gives the duration; it recommends a consultation."""
    said = patient.says("my lower back has hurt for 2 weeks")
    assert "utter_start_checkin" in said and said[-1] == "utter_ask_pain_severity", said
    assert patient.slot("pain_duration_days") == 14, "the first message filled the duration"
    assert patient.says("8")[-1] == "utter_ask_nerve_symptoms"
    # The symptom question lists the warning signs too, so "no" answers both.
    said = patient.says("no")
    assert said == ["utter_consultation_recommended", "utter_offer_booking"], said
    assert patient.slot("red_flags_denied") is True
    assert "severe" in patient.reply[0]["text"], "the reasons are given in plain words"


def reach_confirmation(patient: Patient) -> str:
    """From the booking offer to "Shall I book...?"; returns the chosen slot's id.

    Times come first, so patients see what is free before giving their details.
    """
    said = patient.says("/request_appointment")
    assert said == ["utter_start_booking", "utter_ask_preferred_time"], said
    assert patient.says("any weekday morning") == ["utter_ask_chosen_slot_id"]
    choices = patient.buttons()
    assert 2 <= len(choices) <= 4 and choices[-1]["title"] == "None of these", choices
    titles = [c["title"] for c in choices[:-1]]
    assert all("am" in title for title in titles), "mornings only"
    assert len(set(titles)) == len(titles), "no two buttons alike"
    assert patient.says(choices[0]["payload"]) == ["utter_ask_patient_name"]
    assert patient.says("Severe") == ["utter_wrong_patient_name", "utter_ask_patient_name"]
    assert patient.says("my name is anna smith") == ["utter_ask_patient_contact"]
    assert patient.says("not sure") == ["utter_wrong_patient_contact", "utter_ask_patient_contact"]
    said = patient.says("07700 900123 or anna@example.com")
    assert said == ["utter_ask_booking_confirmed"], said
    assert patient.slot("patient_phone") == "+447700900123"
    assert patient.slot("patient_email") == "anna@example.com"
    assert patient.slot("patient_name") == "Anna Smith"
    confirmation = patient.reply[0]["text"]
    assert "Dr " in confirmation or "Rhian" in confirmation, "the clinician is named"
    return str(patient.slot("chosen_slot_id"))


def appointment(assistant: AssistantStack, reference: str) -> dict[str, Any] | None:
    response = assistant.scheduling.get("/Appointment", identifier=reference)
    response.raise_for_status()
    entries = response.json().get("entry") or []
    return entries[0]["resource"] if entries else None


def test_checkin_booking_and_cancel(started: AssistantStack | StackError) -> None:
    assistant = running(started)
    patient = Patient(assistant)
    complete_checkin(patient)
    slot_id = reach_confirmation(patient)

    assert patient.says("/affirm") == ["utter_booking_confirmed"]
    reference = patient.slot("booking_reference")
    assert reference and reference in patient.reply[0]["text"]
    booked = appointment(assistant, reference)
    assert booked is not None and booked["status"] == "booked"
    assert booked["slot"] == [{"reference": f"Slot/{slot_id}"}]
    summary = booked["comment"]
    assert "14 days" in summary and "8/10" in summary, summary
    assert "red flags" in summary.lower(), "staff see that red flags were asked about"

    telecom = booked["contained"][0]["telecom"]
    assert {"system": "email", "value": "anna@example.com"} in telecom, "both contacts kept"

    # Another conversation must show the booking is theirs before cancelling it.
    stranger = Patient(assistant)
    said = stranger.says(f"cancel {reference.lower()}")
    assert said == ["utter_ask_manage_identity"], said
    said = stranger.says("07700 111222")
    assert said == ["utter_wrong_manage_identity", "utter_ask_manage_identity"], said
    still = appointment(assistant, reference)
    assert still is not None and still["status"] == "booked", "nothing changes for a stranger"
    said = stranger.says("anna@EXAMPLE.com")
    assert said == ["utter_ask_manage_confirmed"], said
    assert reference in stranger.reply[0]["text"], "the patient sees which booking goes"
    said = stranger.says("No, keep it")
    assert said == ["utter_stopped_manage"], said
    kept = appointment(assistant, reference)
    assert kept is not None and kept["status"] == "booked", "a no keeps the booking"
    said = stranger.says(f"please cancel {reference}")
    assert said == ["utter_ask_manage_confirmed"], "shown to be theirs in this conversation"
    said = stranger.says("yes go ahead")
    assert said == ["utter_appointment_cancelled"], said
    cancelled = appointment(assistant, reference)
    assert cancelled is not None and cancelled["status"] == "cancelled"
    assert_actions_ran(assistant)


def test_a_booking_made_during_an_outage_arrives_after_the_restart(
    started: AssistantStack | StackError,
) -> None:
    assistant = running(started)
    patient = Patient(assistant)
    complete_checkin(patient)
    reach_confirmation(patient)

    assistant.scheduling.stop()
    try:
        said = patient.says("/affirm")
        assert said == ["utter_booking_pending"], said
        reference = patient.slot("booking_reference")
        assert reference and reference in patient.reply[0]["text"]
    finally:
        assistant.scheduling.start()

    deadline = time.monotonic() + DELIVERY_WAIT_S
    delivered = appointment(assistant, reference)
    while delivered is None and time.monotonic() < deadline:
        time.sleep(0.5)
        delivered = appointment(assistant, reference)
    assert delivered is not None, "the outbox worker delivered the booking after the restart"
    assert delivered["status"] == "booked"

    # The worker told the patient's conversation: "An update on your booking: confirmed".
    deadline = time.monotonic() + DELIVERY_WAIT_S
    told: list[str | None] = []
    while "utter_booking_news" not in told and time.monotonic() < deadline:
        time.sleep(0.5)
        told = [
            (event.get("metadata") or {}).get("utter_action")
            for event in patient.tracker()["events"]
            if event.get("event") == "bot"
        ]
    assert "utter_booking_news" in told, told[-5:]
    assert_actions_ran(assistant)


def test_values_given_early_are_not_asked_again(started: AssistantStack | StackError) -> None:
    patient = Patient(running(started))
    said = patient.says("my back has hurt for 3 weeks and the pain is 8 out of 10")
    assert said[-1] == "utter_ask_nerve_symptoms", said
    assert patient.slot("pain_duration_days") == 21
    assert patient.slot("pain_severity") == 8


def test_an_emergency_mid_checkin_stops_it_with_the_urgent_reply(
    started: AssistantStack | StackError,
) -> None:
    patient = Patient(running(started))
    patient.says("my back is really sore")
    said = patient.says("and now i can't control my bladder")
    assert said == ["utter_emergency"], said
    assert patient.tracker()["active_loop"] in ({}, None) or not patient.tracker()[
        "active_loop"
    ].get("name")


def test_a_question_mid_checkin_is_answered_and_the_checkin_resumes(
    started: AssistantStack | StackError,
) -> None:
    patient = Patient(running(started))
    patient.says("my back has hurt for a month")
    said = patient.says("what is sciatica")
    assert said == ["utter_faq/sciatica", "utter_ask_pain_severity"], said
    said = patient.says("stop")
    # A month already meets a referral criterion: said with the stop, not lost with it.
    assert said == ["utter_checkin_stopped_criterion_met", "utter_stopped_checkin"], said
    assert "more than a few weeks" in patient.reply[0]["text"]


def test_a_patient_can_ask_to_be_called_back_instead(started: AssistantStack | StackError) -> None:
    import sqlite3

    assistant = running(started)
    patient = Patient(assistant)
    complete_checkin(patient)
    patient.says("/request_appointment")
    said = patient.says("/request_callback")
    assert said == ["utter_ask_callback_form_patient_contact"], said
    assert "delete my data" in patient.reply[0]["text"], "what the number is for, and how to undo"
    said = patient.says("it's Bo Lee, bo.lee@example.com")
    assert said == ["utter_callback_requested"], said
    reference = patient.slot("booking_reference")
    assert reference and reference in patient.reply[0]["text"]
    assert patient.tracker()["active_loop"].get("name") is None, "booking has stopped"
    with sqlite3.connect(assistant.log_dir / "outbox.db") as db:
        rows = db.execute(
            "select name, contact from callback_requests where reference = ?", (reference,)
        ).fetchall()
    assert rows == [("Bo Lee", "bo.lee@example.com")]
    assert_actions_ran(assistant)


def test_a_callback_request_with_the_number_in_it_is_taken_at_once(
    started: AssistantStack | StackError,
) -> None:
    patient = Patient(running(started))
    said = patient.says("could someone call me back on 07700 900222")
    assert said == ["utter_callback_requested"], said
    assert "+447700900222" in patient.reply[-1]["text"]


@pytest.mark.parametrize(
    ("safety_answer", "then"),
    [
        (
            "no",
            ["utter_consultation_recommended", "utter_start_booking", "utter_ask_preferred_time"],
        ),
        ("yes", ["utter_emergency"]),
        # Going on about the booking instead: it goes ahead, the urgent advice said again.
        (
            "can she come next tuesday morning",
            ["utter_booking_safety_unanswered", "utter_start_booking", "utter_ask_chosen_slot_id"],
        ),
    ],
)
def test_asking_to_book_in_the_check_in_gets_the_safety_question_first(
    started: AssistantStack | StackError, safety_answer: str, then: list[str]
) -> None:
    patient = Patient(running(started))
    said = patient.says("my mum's back has been bad for 2 months, she is in a lot of pain")
    assert "utter_start_checkin" in said, said
    assert patient.slot("checkin_for_other") is True
    assert "their pain" in patient.reply[-1]["text"], "the questions are about her"
    said = patient.says("yes please just book for her")
    assert said == ["utter_safety_before_booking", "utter_ask_red_flags_denied"], said
    assert "do they have" in patient.reply[-1]["text"]
    said = patient.says(safety_answer)
    assert said[: len(then)] == then, said
