"""Whole conversations in patients' own words, over REST against the real servers.

Comparisons of two conditions, a question told with the story of the pain, a topic asked
for a condition, fear of cancer, a son of unknown age, a day named after the hours,
cancelling with the phone number given before the reference, help on its way after an
emergency, a stop with a question, a child's back asked about again, and a no to only some
of the warning signs.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import running
from tests.e2e.test_checkin_and_booking import (
    Patient,
    appointment,
    complete_checkin,
    reach_confirmation,
)
from tools.stack import AssistantStack, StackError

pytestmark = pytest.mark.e2e


def without_intro(said: list[str | None]) -> list[str | None]:
    """The replies after the first message's introduction of the assistant."""
    return [name for name in said if name != "utter_intro"]


def book(patient: Patient) -> str:
    """A booking made in `patient`'s conversation; its reference."""
    reach_confirmation(patient)
    assert patient.says("/affirm") == ["utter_booking_confirmed"]
    return str(patient.slot("booking_reference"))


def test_two_conditions_compared_get_the_guide_on_each(
    started: AssistantStack | StackError,
) -> None:
    patient = Patient(running(started))
    said = without_intro(
        patient.says("what's the difference between sciatica and a herniated disc?")
    )
    assert said == [
        "utter_comparison_intro",
        "utter_faq/sciatica",
        "utter_faq/herniated_disc",
    ], said

    patient = Patient(running(started))
    assert without_intro(patient.says("what is sciatica")) == ["utter_faq/sciatica"]
    said = patient.says("is it the same as arthritis?")
    assert said == [
        "utter_comparison_intro",
        "utter_faq/sciatica",
        "utter_faq/osteoarthritis",
    ], said


def test_a_question_told_with_the_story_is_answered_then_the_checkin_goes_on(
    started: AssistantStack | StackError,
) -> None:
    patient = Patient(running(started))
    said = without_intro(
        patient.says(
            "hi there. so ive had this lower back ache for about 10 days after moving house, "
            "took some ibuprofen which helped a bit. is there anything i can do at home?"
        )
    )
    assert said[:2] == ["utter_faq/home_exercise_stretching", "utter_start_checkin"], said
    assert patient.slot("pain_duration_days") == 10, "the story is not asked for again"
    assert said[-1] == "utter_ask_pain_severity", said


def test_a_topic_asked_for_a_condition_gets_the_topics_answer(
    started: AssistantStack | StackError,
) -> None:
    patient = Patient(running(started))
    said = without_intro(patient.says("physio for herniated disc?"))
    assert said == ["utter_faq/physical_therapy"], said


def test_fear_of_cancer_and_a_son_of_unknown_age_get_their_own_kind_replies(
    started: AssistantStack | StackError,
) -> None:
    patient = Patient(running(started))
    said = without_intro(patient.says("could my back pain be cancer? im really scared"))
    assert said == ["utter_scope_fear_of_serious_illness"], said
    assert [b["title"] for b in patient.buttons()] == ["Check my symptoms", "Book a consultation"]

    patient = Patient(running(started))
    said = without_intro(patient.says("my son hurt his back at rugby, what should he do"))
    assert said == ["utter_scope_child_or_adult"], said
    said = patient.says("/request_appointment")
    assert said[:1] == ["utter_start_booking"], "an adult son's booking is not refused"


def test_a_day_named_after_the_hours_keeps_the_hours(started: AssistantStack | StackError) -> None:
    patient = Patient(running(started))
    said = without_intro(patient.says("I need an appointment, I can only do after 4:30"))
    assert said[-1] == "utter_ask_chosen_slot_id", said
    said = patient.says("what about thursday?")
    assert said == ["utter_ask_chosen_slot_id"], said
    titles = [button["title"] for button in patient.buttons()[:-1]]
    assert titles and all(title.startswith("Thu") for title in titles), titles
    assert not any(" 9am" in title or "am -" in title for title in titles), titles


def test_cancelling_with_the_phone_number_before_the_reference(
    started: AssistantStack | StackError,
) -> None:
    assistant = running(started)
    booker = Patient(assistant)
    reference = book(booker)

    patient = Patient(assistant)
    said = without_intro(
        patient.says("hi, I need to cancel my appointment for monday, something came up")
    )
    assert said == ["utter_ask_manage_reference"], said
    said = patient.says("07700 900123")
    assert said == ["utter_reference_before_contact", "utter_ask_manage_reference"], said
    code = reference.removeprefix("JPC-").lower()
    said = patient.says(code)
    assert said == ["utter_ask_manage_confirmed"], "the number given first proved it"
    assert patient.says("yes") == ["utter_appointment_cancelled"]
    cancelled = appointment(assistant, reference)
    assert cancelled is not None and cancelled["status"] == "cancelled"


def test_cannot_make_it_with_the_reference_in_the_sentence_starts_cancelling(
    started: AssistantStack | StackError,
) -> None:
    assistant = running(started)
    booker = Patient(assistant)
    reference = book(booker)
    spaced = "jpc " + reference.removeprefix("JPC-").lower()

    patient = Patient(assistant)
    said = without_intro(
        patient.says(f"I booked earlier but can't make it anymore, reference {spaced}, sorry")
    )
    assert said == ["utter_ask_manage_identity"], said
    assert patient.slot("manage_task") == "cancel"


def test_moving_a_booking_with_a_request_to_book_keeps_it_one_booking(
    started: AssistantStack | StackError,
) -> None:
    assistant = running(started)
    patient = Patient(assistant)
    old = book(patient)

    said = patient.says("actually i need to move that, can I see a doctor any weekday afternoon?")
    assert said[-1] == "utter_ask_chosen_slot_id", said
    choice = patient.buttons()[0]
    assert "Dr" in choice["title"], "a doctor, as asked"
    patient.says(choice["payload"])
    said = patient.says("/affirm")
    assert said == ["utter_rescheduled"], said
    moved_from = appointment(assistant, old)
    assert moved_from is not None and moved_from["status"] == "cancelled", "never two bookings"
    said = patient.says("is the old one cancelled?")
    assert said == ["utter_booking_status"], said
    assert old in patient.reply[0]["text"] and "cancelled" in patient.reply[0]["text"]


def test_a_time_for_the_call_said_afterwards_is_noted(started: AssistantStack | StackError) -> None:
    patient = Patient(running(started))
    said = without_intro(patient.says("Could someone from the clinic phone me please?"))
    assert said == ["utter_ask_callback_form_patient_contact"], said
    assert patient.says("My name is Doreen Walsh, the number is 07700 900118")[-1] == (
        "utter_callback_requested"
    )
    said = patient.says("Thank you. Please could they ring after 2 o'clock, I'm out in the morning")
    assert said == ["utter_callback_time_noted"], said
    assert "after 2 o'clock" in patient.reply[0]["text"]
    assert patient.says("Will it be today?") == ["utter_callback_already"]


def test_help_on_its_way_is_remembered_and_a_booking_for_afterwards_explained(
    started: AssistantStack | StackError,
) -> None:
    patient = Patient(running(started))
    said = without_intro(patient.says("my back is agony and I've lost control of my bladder"))
    assert said == ["utter_emergency"], said
    assert patient.says("can i just book with you next week instead?") == [
        "utter_emergency_reminder"
    ]
    assert patient.says("should i drive there") == ["utter_emergency_dont_drive"]
    assert patient.says("fine. ok. im going. thanks") == ["utter_emergency_help_coming"]
    assert patient.says("ok") == ["utter_emergency_help_coming_reminder"]
    assert patient.says("can i book a follow up with you for after?") == [
        "utter_emergency_book_after"
    ]


def test_the_checkin_stops_when_told_and_answers_the_question_said_with_the_stop(
    started: AssistantStack | StackError,
) -> None:
    patient = Patient(running(started))
    said = without_intro(patient.says("my back hurts"))
    assert said[-1] == "utter_ask_pain_duration_days", said
    said = patient.says("stop. can i do deadlifts with a herniated disc")
    assert "utter_stopped_checkin" in said, said
    assert patient.says("my son is 9 and his back hurts after football") == ["utter_scope_child"]
    said = patient.says("hes fine otherwise. cant i just do the stretches from your page with him")
    assert said == ["utter_scope_child_again"], said


def test_a_no_to_some_warning_signs_is_followed_by_a_question_about_the_rest(
    started: AssistantStack | StackError,
) -> None:
    patient = Patient(running(started))
    said = without_intro(patient.says("my back hurts for 2 months, 5 out of 10, no numbness"))
    assert said[-1] == "utter_ask_red_flags_denied", said
    assert patient.says("no bladder problems") == ["utter_ask_remaining_red_flags"]
    said = patient.says("no none of those")
    assert "utter_consultation_recommended" in said, said


def test_changing_the_clinician_while_choosing_offers_only_theirs(
    started: AssistantStack | StackError,
) -> None:
    patient = Patient(running(started))
    patient.says("I would like a consultation with Dr Lindqvist, preferably Wednesday afternoon.")
    assert all("Lindqvist" in button["title"] for button in patient.buttons()[:-1])
    patient.says(
        "Actually, on reflection I'd rather see the consultant, Dr Okafor. Same afternoon."
    )
    offered = [button["title"] for button in patient.buttons()[:-1]]
    assert offered and all("Okafor" in title and "Wed" in title for title in offered), offered


def test_after_the_result_and_a_no_to_booking_questions_are_answered_without_the_offer(
    started: AssistantStack | StackError,
) -> None:
    patient = Patient(running(started))
    complete_checkin(patient)
    assert patient.says("Not now") == ["utter_no_booking"]
    said = patient.says(
        "no I meant for my dad, not me. anyway - when I sneeze I get a sharp stab in my "
        "lower back for a second, is that something to worry about?"
    )
    assert said and not {"utter_consultation_recommended", "utter_offer_booking"} & set(said), said
    said = patient.says("sharp stab in my back when I sneeze - worry or not?")
    assert said and not {"utter_consultation_recommended", "utter_offer_booking"} & set(said), said


def test_a_no_to_the_offer_with_a_question_gets_the_answer_and_nothing_else(
    started: AssistantStack | StackError,
) -> None:
    patient = Patient(running(started))
    complete_checkin(patient)
    said = patient.says(
        "Not just yet, I'd like to talk to my daughter first. If I do go, what should I tell "
        "the doctor?"
    )
    assert said == ["utter_no_booking", "utter_faq/symptoms_to_report"], said


def test_stopping_a_move_names_the_booking_that_stays(started: AssistantStack | StackError) -> None:
    patient = Patient(running(started))
    reference = book(patient)
    said = patient.says("actually i need to move that, can I see a doctor any weekday afternoon?")
    assert said[-1] == "utter_ask_chosen_slot_id", said
    said = patient.says("stop")
    assert "utter_stopped_booking_move" in said, said
    assert reference in " ".join(str(m.get("text")) for m in patient.reply)
    assert "None" not in " ".join(str(m.get("text")) for m in patient.reply)


def test_stopping_a_second_booking_names_the_first(started: AssistantStack | StackError) -> None:
    patient = Patient(running(started))
    reference = book(patient)
    assert patient.says("can I book another appointment?")[-1] == "utter_ask_chosen_slot_id"
    said = patient.says("stop")
    assert "utter_stopped_booking_kept" in said, said
    assert reference in " ".join(str(m.get("text")) for m in patient.reply)


def test_cancelling_at_a_moves_confirmation_cancels_the_booking_being_moved(
    started: AssistantStack | StackError,
) -> None:
    patient = Patient(running(started))
    reference = book(patient)
    said = patient.says("actually i need to move that, can I see a doctor any weekday afternoon?")
    assert said[-1] == "utter_ask_chosen_slot_id", said
    said = patient.says("the first one")
    assert said[-1] == "utter_ask_move_confirmed", said
    said = patient.says("actually no. just cancel it altogether, ill rebook when i get my new rota")
    assert "utter_ask_booking_change" not in said, said
    assert any("cancel" in str(m.get("text")).lower() for m in patient.reply), patient.reply
    assert reference in " ".join(str(m.get("text")) for m in patient.reply), patient.reply
