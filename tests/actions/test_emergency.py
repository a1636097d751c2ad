"""The emergency actions: the advice, the state, and a person when asked for."""

from typing import Any

import pytest
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.emergency import ActionEmergency, ActionEmergencyCheck, ActionEmergencyFollowup
from tests.actions.conftest import make_tracker


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [message["response"] for message in dispatcher.messages]


async def test_a_red_flag_ends_any_form_with_the_urgent_reply(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="i cant control my bladder", intent="report_emergency", active_loop="booking_form"
    )
    events = await ActionEmergency().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency"]
    assert SlotSet("emergency_state", "urgent") in events
    assert ActiveLoop(None) in events


async def test_past_thoughts_of_self_harm_get_the_helpline_and_a_check(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "i had thoughts of hurting myself but that was years ago, im ok now"
    tracker = make_tracker(text=text, intent="report_crisis")
    events = await ActionEmergency().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_crisis_confirm_clear"]
    assert "helpline" in dispatcher.messages[0]
    assert SlotSet("emergency_state", "clearing_crisis") in events


@pytest.mark.parametrize(
    ("state", "advice"),
    [("urgent", "utter_emergency_reminder"), ("crisis", "utter_crisis_reminder")],
)
async def test_asking_for_a_person_in_the_emergency_state_gives_the_clinic_too(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], state: str, advice: str
) -> None:
    tracker = make_tracker(
        text="will someone call me?", intent="request_callback", slots={"emergency_state": state}
    )
    await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [advice, "utter_contact_in_emergency"]


async def test_asking_whether_another_service_would_do_gets_the_advice_only(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="could I ring 111 instead or my GP?",
        intent="request_human",
        slots={"emergency_state": "urgent"},
    )
    await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_reminder"]


async def test_other_messages_in_the_emergency_state_get_the_advice_only(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="can i just book for next week",
        intent="request_appointment",
        slots={"emergency_state": "urgent"},
    )
    await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_reminder"]


async def test_pain_from_the_heart_or_aorta_gets_the_ambulance_advice_and_keeps_it(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="ripping pain in his back and he fainted", intent="report_emergency"
    )
    tracker.latest_message["red_flags"] = ["aortic"]
    events = await ActionEmergency().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_ambulance"]
    assert SlotSet("emergency_advice", "ambulance") in events

    later = CollectingDispatcher()
    slots = {"emergency_state": "urgent", "emergency_advice": "ambulance"}
    for text, response in [
        ("should i drive him or call an ambulance?", "utter_emergency_ambulance_reminder"),
        ("he is fine now, he's sitting up and talking", "utter_emergency_ambulance_passed"),
    ]:
        tracker = make_tracker(text=text, intent="inform", slots=slots)
        events = await ActionEmergencyFollowup().run(later, tracker, domain)
        assert responses(later)[-1] == response
        assert SlotSet("emergency_state", "urgent") in events


async def test_clearing_the_emergency_clears_the_ambulance_advice_too(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="that was years ago, i'm fine now",
        intent="inform",
        slots={"emergency_state": "urgent", "emergency_advice": "ambulance"},
    )
    events = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_cleared"]
    assert SlotSet("emergency_advice", None) in events


async def test_warning_signs_after_saying_she_is_pregnant_get_the_maternity_advice(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="it comes in waves and my belly goes tight",
        intent="describe_own_pain",
        events=[
            {"event": "user", "text": "I'm 24 weeks pregnant, which painkillers are safe?"},
            {"event": "bot", "text": "Our guide isn't written for pregnancy."},
            {"event": "user", "text": "it comes in waves and my belly goes tight"},
        ],
    )
    tracker.latest_message["pregnancy_signs"] = True
    events = await ActionEmergency().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_maternity"]
    assert SlotSet("emergency_advice", "maternity") in events


@pytest.mark.parametrize(
    ("text", "reply", "state"),
    [
        (
            "no you misunderstood, the bleeding was last week and they checked me, all fine",
            "utter_emergency_confirm_clear",
            "clearing_urgent",
        ),
        (
            "the pains in waves are just my back muscles, checked yesterday. nothing new today",
            "utter_emergency_confirm_longstanding",
            "clearing_longstanding",
        ),
    ],
)
async def test_a_red_flag_named_again_to_say_it_is_past_gets_the_check_not_the_advice(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, reply: str, state: str
) -> None:
    tracker = make_tracker(
        text=text,
        intent="report_emergency",
        slots={"emergency_state": "urgent", "emergency_advice": "maternity"},
    )
    events = await ActionEmergency().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [reply]
    assert SlotSet("emergency_state", state) in events


async def test_a_fall_named_again_as_already_seen_at_a_and_e_is_stood_down(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "sorry i should explain, the fall was 3 weeks ago, she went to A&E that day and had"
        " xray, nothing broken. but still has pain so want the doctor to see her"
    )
    tracker = make_tracker(
        text=text, intent="report_emergency", slots={"emergency_state": "urgent"}
    )
    await ActionEmergency().run(dispatcher, tracker, domain)
    assert "utter_emergency" not in responses(dispatcher)


async def test_a_red_flag_named_again_now_keeps_the_advice(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="the bleeding is worse now",
        intent="report_emergency",
        slots={"emergency_state": "urgent"},
    )
    events = await ActionEmergency().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency"]
    assert SlotSet("emergency_state", "urgent") in events


async def test_a_cleared_suspicion_about_a_child_gets_the_childs_reply_after_all(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    asked = {
        "event": "user",
        "text": "my son is 9 and keeps complaining his back hurts after school",
        "parse_data": {"intent": {"name": "suspected_emergency"}, "scope": "child"},
    }
    answer = {"event": "user", "text": "no", "parse_data": {"intent": {"name": "deny"}}}
    tracker = make_tracker(
        text="no",
        intent="deny",
        slots={"emergency_state": "check_urgent"},
        events=[asked, {"event": "bot", "text": "..."}, answer],
    )
    events = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_check_cleared_briefly", "utter_scope_child"]
    assert SlotSet("emergency_state", None) in events


async def test_a_suspicion_cleared_as_longstanding_gets_the_scope_reply_after_all(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    asked = {
        "event": "user",
        "text": "i get pain on my right side under the ribs, could that be my kidney or my back?",
        "parse_data": {"intent": {"name": "suspected_emergency"}, "scope": "kidney"},
    }
    text = "no its been a dull ache on and off for months, not an emergency"
    answer = {"event": "user", "text": text, "parse_data": {"intent": {"name": "deny"}}}
    tracker = make_tracker(
        text=text,
        intent="deny",
        slots={"emergency_state": "check_urgent"},
        events=[asked, {"event": "bot", "text": "..."}, answer],
    )
    await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_check_cleared_briefly", "utter_scope_kidney"]


async def test_a_cleared_suspicion_without_a_scope_gets_the_usual_reply(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    asked = {"event": "user", "text": "my legs feel odd", "parse_data": {}}
    answer = {"event": "user", "text": "no", "parse_data": {"intent": {"name": "deny"}}}
    tracker = make_tracker(
        text="no",
        intent="deny",
        slots={"emergency_state": "check_urgent"},
        events=[asked, answer],
    )
    await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_check_cleared"]


async def test_a_cleared_suspicion_about_weak_legs_points_to_a_specialist(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    asked = {"event": "user", "text": "my legs feel weak and my back has been sore"}
    answer = {"event": "user", "text": "No", "parse_data": {"intent": {"name": "deny"}}}
    tracker = make_tracker(
        text="No",
        intent="deny",
        slots={"emergency_state": "check_urgent"},
        events=[asked, answer],
    )
    events = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_cleared_longstanding"]
    assert SlotSet("emergency_state", None) in events


@pytest.mark.parametrize(
    ("first", "answer"),
    [
        ("pls call me back i cant type much my back hurts", "no"),
        ("my legs feel odd", "no its not an emergency just call me"),
    ],
)
async def test_a_cleared_suspicion_goes_on_to_the_call_back_asked_for(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], first: str, answer: str
) -> None:
    from rasa_sdk.events import FollowupAction

    asked = {"event": "user", "text": first, "parse_data": {}}
    said = {"event": "user", "text": answer, "parse_data": {}}
    tracker = make_tracker(
        text=answer,
        intent="deny",
        slots={"emergency_state": "check_urgent"},
        events=[asked, said],
    )
    events = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_check_cleared_briefly"]
    assert SlotSet("emergency_state", None) in events
    assert events[-1] == FollowupAction("callback_form")


async def test_a_cleared_emergency_goes_on_to_the_booking_asked_for(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    asked = {
        "event": "user",
        "text": "you misunderstood. i just want to see one of your back specialists",
        "parse_data": {"intent": {"name": "inform"}},
    }
    answer = {"event": "user", "text": "Yes, nobody has them now", "parse_data": {}}
    tracker = make_tracker(
        text="Yes, nobody has them now",
        intent="affirm",
        slots={"emergency_state": "clearing_urgent"},
        events=[asked, answer],
    )
    events = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_check_cleared_briefly", "utter_start_booking"]
    assert SlotSet("emergency_state", None) in events
    assert FollowupAction("booking_form") in events


async def test_a_red_flag_told_as_a_relatives_is_not_retracted_by_saying_so_again(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    told = {
        "event": "user",
        "text": "my dad fell off a ladder and now he says he cant move his legs",
        "parse_data": {},
    }
    raised = {"event": "action", "name": "action_emergency"}
    again = {"event": "user", "text": "its my dad not me", "parse_data": {}}
    tracker = make_tracker(
        text="its my dad not me",
        intent="inform",
        slots={"emergency_state": "urgent"},
        events=[told, raised, again],
    )
    await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_reminder"]


async def test_a_crisis_cleared_goes_on_to_the_booking_asked_for(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    asked = {
        "event": "user",
        "text": "can we carry on, i want to see someone about the back",
        "parse_data": {"intent": {"name": "request_appointment"}},
    }
    answer = {"event": "user", "text": "yes im safe", "parse_data": {}}
    tracker = make_tracker(
        text="yes im safe",
        intent="affirm",
        slots={"emergency_state": "clearing_crisis"},
        events=[asked, answer],
    )
    events = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_crisis_cleared", "utter_start_booking"]
    assert FollowupAction("booking_form") in events


async def test_a_crisis_cleared_in_the_message_that_asks_to_book_goes_on_to_the_booking(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "yes im safe. can i get an appointment for my back"
    answer = {"event": "user", "text": text, "parse_data": {}}
    tracker = make_tracker(
        text=text,
        intent="affirm",
        slots={"emergency_state": "clearing_crisis"},
        events=[answer],
    )
    events = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_crisis_cleared", "utter_start_booking"]
    assert FollowupAction("booking_form") in events


async def test_a_cleared_emergency_without_a_booking_asked_for_asks_how_else_to_help(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    asked = {"event": "user", "text": "that was years ago", "parse_data": {}}
    answer = {"event": "user", "text": "yes", "parse_data": {}}
    tracker = make_tracker(
        text="yes",
        intent="affirm",
        slots={"emergency_state": "clearing_urgent"},
        events=[asked, answer],
    )
    await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_cleared"]


async def test_a_cleared_check_in_the_middle_of_the_checkin_carries_it_on(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    events: list[dict[str, Any]] = [
        {"event": "active_loop", "name": "symptom_checkin_form"},
        {"event": "slot", "name": "requested_slot", "value": "nerve_symptoms"},
        {"event": "user", "text": "yes numb. leg sleep I say. other things no"},
        {"event": "action", "name": "action_emergency_check"},
        {"event": "active_loop", "name": None},
        {"event": "slot", "name": "requested_slot", "value": None},
        {"event": "user", "text": "No", "parse_data": {"intent": {"name": "deny"}}},
    ]
    tracker = make_tracker(
        text="No", intent="deny", slots={"emergency_state": "check_urgent"}, events=events
    )
    result = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    # The message the check asked about answered the question it interrupted: kept, and
    # the check-in goes on to what is left rather than asking it again.
    assert responses(dispatcher) == ["utter_emergency_check_cleared_briefly"]
    assert ActiveLoop("symptom_checkin_form") in result
    [told] = [e for e in result if e.get("event") == "slot" and e["name"] == "nerve_symptoms"]
    assert told["value"]["numbness"] is True
    assert FollowupAction("symptom_checkin_form") in result


async def test_a_cleared_check_that_answered_nothing_asks_the_interrupted_question(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    events: list[dict[str, Any]] = [
        {"event": "active_loop", "name": "symptom_checkin_form"},
        {"event": "slot", "name": "requested_slot", "value": "nerve_symptoms"},
        {"event": "user", "text": "is that what happens before you lose control of your bladder?"},
        {"event": "action", "name": "action_emergency_check"},
        {"event": "active_loop", "name": None},
        {"event": "user", "text": "No", "parse_data": {"intent": {"name": "deny"}}},
    ]
    tracker = make_tracker(
        text="No", intent="deny", slots={"emergency_state": "check_urgent"}, events=events
    )
    result = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [
        "utter_emergency_check_cleared_briefly",
        "utter_ask_nerve_symptoms",
    ]
    assert SlotSet("requested_slot", "nerve_symptoms") in result


async def test_a_check_cleared_as_long_standing_keeps_the_answers_already_read(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    events: list[dict[str, Any]] = [
        {"event": "slot", "name": "pain_duration_days", "value": 65},
        {"event": "active_loop", "name": "symptom_checkin_form"},
        {"event": "slot", "name": "requested_slot", "value": "nerve_symptoms"},
        {"event": "user", "text": "legs feel weak when i stand a long time. both legs"},
        {"event": "action", "name": "action_emergency_check"},
        {"event": "active_loop", "name": None},
        {"event": "user", "text": "its not sudden, its been on and off for weeks"},
        {"event": "slot", "name": "pain_duration_days", "value": "for weeks"},
    ]
    tracker = make_tracker(
        text="its not sudden, its been on and off for weeks",
        intent="describe_own_pain",
        slots={"emergency_state": "check_urgent", "pain_duration_days": "for weeks"},
        events=events,
    )
    result = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_check_cleared_briefly"]
    assert SlotSet("pain_duration_days", 65) in result
    [told] = [e for e in result if e.get("event") == "slot" and e["name"] == "nerve_symptoms"]
    assert told["value"]["weakness"] is True
    assert FollowupAction("symptom_checkin_form") in result


async def test_a_cleared_suspicion_answers_the_question_first_asked(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    ranking = [{"intent_response_key": "faq/treatment_options", "confidence": 0.9}]
    asked = {
        "event": "user",
        "text": "co-codamol makes her drowsy. is there anything else that helps?",
        "parse_data": {
            "intent": {"name": "suspected_emergency"},
            "response_selector": {"faq": {"ranking": ranking}},
        },
    }
    answer = {"event": "user", "text": "No", "parse_data": {"intent": {"name": "deny"}}}
    tracker = make_tracker(
        text="No", intent="deny", slots={"emergency_state": "check_urgent"}, events=[asked, answer]
    )
    events = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [
        "utter_emergency_check_cleared_briefly",
        "utter_faq/treatment_options",
    ]
    assert SlotSet("last_faq_key", "treatment_options") in events


async def test_a_red_flag_cleared_in_the_middle_of_the_checkin_carries_it_on(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    events: list[dict[str, Any]] = [
        {"event": "active_loop", "name": "symptom_checkin_form"},
        {"event": "slot", "name": "requested_slot", "value": "red_flags_denied"},
        {"event": "user", "text": "well i had a temperature last week"},
        {"event": "action", "name": "action_emergency"},
        {"event": "active_loop", "name": None},
        {"event": "user", "text": "it was last week, it's gone now"},
        {"event": "action", "name": "action_emergency_followup"},
        {"event": "user", "text": "Yes, nobody has them now"},
    ]
    tracker = make_tracker(
        text="Yes, nobody has them now",
        intent="affirm",
        slots={"emergency_state": "clearing_urgent"},
        events=events,
    )
    result = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [
        "utter_emergency_check_cleared_briefly",
        "utter_ask_red_flags_denied",
    ]
    assert ActiveLoop("symptom_checkin_form") in result


async def test_how_long_told_with_a_red_flag_since_stood_down_is_not_asked_again(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    told = "on and off for a year. I also had no control of my bladder"
    over = "no - that was two years ago before my back operation, it's been normal since"
    events: list[dict[str, Any]] = [
        {"event": "active_loop", "name": "symptom_checkin_form"},
        {"event": "slot", "name": "requested_slot", "value": "pain_duration_days"},
        {"event": "user", "text": told},
        {"event": "action", "name": "action_emergency"},
        {"event": "active_loop", "name": None},
        {"event": "user", "text": over},
    ]
    tracker = make_tracker(
        text=over, intent="deny", slots={"emergency_state": "clearing_longstanding"}, events=events
    )
    result = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_check_cleared_briefly"]
    assert SlotSet("pain_duration_days", 365) in result
    assert FollowupAction("symptom_checkin_form") in result


async def test_a_check_in_finished_before_the_suspicion_is_not_started_again(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    events: list[dict[str, Any]] = [
        {"event": "active_loop", "name": "symptom_checkin_form"},
        {"event": "slot", "name": "requested_slot", "value": "nerve_symptoms"},
        {"event": "active_loop", "name": None},
        {"event": "user", "text": "my legs feel odd"},
        {"event": "action", "name": "action_emergency_check"},
        {"event": "user", "text": "No", "parse_data": {"intent": {"name": "deny"}}},
    ]
    tracker = make_tracker(
        text="No", intent="deny", slots={"emergency_state": "check_urgent"}, events=events
    )
    await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_check_cleared"]


@pytest.mark.parametrize(
    ("flags", "reply"),
    [
        (["fever"], "utter_emergency_confirm_clear"),
        (["bladder_bowel"], "utter_emergency_passed_recently"),
    ],
)
async def test_only_a_fever_days_gone_is_checked_rather_than_sent_to_a_doctor_today(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], flags: list[str], reply: str
) -> None:
    text = "it was last week and it's gone now, I'm fine apart from the back"
    events: list[dict[str, Any]] = [
        {
            "event": "user",
            "text": "bad back and a temperature of 38.9",
            "parse_data": {"intent": {"name": "report_emergency"}, "red_flags": flags},
        },
        {"event": "action", "name": "action_emergency"},
        {"event": "user", "text": text, "parse_data": {"intent": {"name": "inform"}}},
    ]
    tracker = make_tracker(
        text=text, intent="inform", slots={"emergency_state": "urgent"}, events=events
    )
    await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [reply]


async def test_warning_signs_in_pregnancy_that_passed_still_need_the_midwife_today(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "its not happening right now, it was yesterday. should i still call?"
    tracker = make_tracker(
        text=text,
        intent="inform",
        slots={"emergency_state": "urgent", "emergency_advice": "maternity"},
    )
    events = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_maternity_passed"]
    assert SlotSet("emergency_state", "urgent") in events


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        (
            "her legs are weaker, but gradual over the last year. she has some accidents with "
            "her bladder but she has had that for years, the doctor knows about it.",
            "utter_emergency_confirm_longstanding",
        ),
        # something new beside the long-standing: urgent at once
        (
            "i have had back pain for years and since this morning i cant control my bladder",
            "utter_emergency",
        ),
    ],
)
async def test_a_red_flag_told_as_long_standing_is_checked_for_being_new(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, reply: str
) -> None:
    tracker = make_tracker(text=text, intent="report_emergency")
    tracker.latest_message["red_flags"] = ["bladder_bowel"]
    await ActionEmergency().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [reply]


def _chest_pain_told(*answers: str) -> list[dict[str, Any]]:
    told = "pressure in my chest that goes to my back when i climb stairs"
    events: list[dict[str, Any]] = [
        {"event": "user", "text": told, "parse_data": {"red_flags": ["cardiac"]}},
        {"event": "action", "name": "action_emergency"},
    ]
    for answer in answers:
        events += [
            {"event": "user", "text": answer},
            {"event": "action", "name": "action_emergency_followup"},
        ]
    return events[:-1]


@pytest.mark.parametrize(
    ("answers", "state", "reply", "advice"),
    [
        # Not there now, but it keeps coming back: a doctor today, not stood down.
        (
            ("its not happening right now, just sometimes on the stairs",),
            "urgent",
            "utter_emergency_doctor_today",
            "doctor_today",
        ),
        # Over, and someone else's: checked, then stood down as before.
        (
            ("sorry, that was my dad last year, he's fine now",),
            "urgent",
            "utter_emergency_confirm_clear",
            "ambulance",
        ),
    ],
)
async def test_chest_pain_that_comes_and_goes_is_for_a_doctor_today(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    answers: tuple[str, ...],
    state: str,
    reply: str,
    advice: str,
) -> None:
    tracker = make_tracker(
        text=answers[-1],
        intent="inform",
        slots={"emergency_state": state, "emergency_advice": "ambulance"},
        events=_chest_pain_told(*answers),
    )
    events = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [reply]
    assert SlotSet("emergency_advice", advice) in events


@pytest.mark.parametrize(
    ("text", "reply", "state"),
    [
        ("Yes, nobody has them now", "utter_emergency_doctor_today", "urgent"),
        (
            "ok so its probably just my back muscles then?",
            "utter_emergency_doctor_today_reminder",
            "urgent",
        ),
        ("ok i'll call my gp this afternoon", "utter_emergency_doctor_today_arranged", None),
        ("my GP checked it last week, all fine", "utter_emergency_already_seen", None),
    ],
)
async def test_the_advice_to_see_a_doctor_today_holds_until_a_doctor_is_seen(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    text: str,
    reply: str,
    state: str | None,
) -> None:
    tracker = make_tracker(
        text=text,
        intent="affirm" if text.startswith("Yes") else "inform",
        slots={"emergency_state": "urgent", "emergency_advice": "doctor_today"},
        events=_chest_pain_told("its not happening right now, just sometimes on the stairs", text),
    )
    events = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [reply]
    assert SlotSet("emergency_state", state) in events


async def test_a_question_told_with_the_doctor_arranged_is_answered_after_the_stand_down(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "ok he'll ring 111 today, thank you. last thing, if I still have back pain after the "
        "baby comes is that when I should see one of your specialists?"
    )
    tracker = make_tracker(
        text=text,
        intent="faq",
        ranking=[("when_to_see_specialist", 0.9)],
        slots={"emergency_state": "urgent", "emergency_advice": "doctor_today"},
        events=_chest_pain_told("it was about 6 days ago, he's fine now", text),
    )
    events = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [
        "utter_emergency_doctor_today_arranged",
        "utter_faq/when_to_see_specialist",
    ]
    assert SlotSet("emergency_state", None) in events


async def test_a_red_flag_cleared_in_the_middle_of_the_booking_carries_it_on(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    events: list[dict[str, Any]] = [
        {"event": "active_loop", "name": "booking_form"},
        {"event": "slot", "name": "requested_slot", "value": "patient_name"},
        {"event": "user", "text": "Gary Holt. btw both my legs went weak this morning"},
        {"event": "action", "name": "action_emergency"},
        {"event": "active_loop", "name": None},
        {"event": "user", "text": "sorry, the weak legs were two years ago, it went away"},
        {"event": "action", "name": "action_emergency_followup"},
        {"event": "user", "text": "Yes, nobody has them now"},
    ]
    tracker = make_tracker(
        text="Yes, nobody has them now",
        intent="affirm",
        slots={"emergency_state": "clearing_urgent"},
        events=events,
    )
    result = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [
        "utter_emergency_check_cleared_briefly",
        "utter_booking_resumed",
    ]
    assert ActiveLoop("booking_form") in result
    assert FollowupAction("booking_form") in result


async def test_a_red_flag_of_someone_already_in_hospital_needs_no_urgent_reply_for_the_writer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "my neighbour had terrible back pain and a high fever, they took her to hospital"
    tracker = make_tracker(text=text, intent="report_emergency")
    tracker.latest_message["red_flags"] = ["fever"]
    events = await ActionEmergency().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_someone_else_in_care"]
    assert SlotSet("emergency_state", None) in events


async def test_a_question_asked_about_someone_in_hospital_is_answered(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "My dad had a car accident last week and hurt his back, he's in hospital and being "
        "looked after. They said he has spinal stenosis - what is that?"
    )
    tracker = make_tracker(
        text=text, intent="report_emergency", ranking=[("spinal_stenosis", 0.94)]
    )
    tracker.latest_message["red_flags"] = ["trauma"]
    events = await ActionEmergency().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [
        "utter_emergency_someone_else_in_care_answered",
        "utter_faq/spinal_stenosis",
    ]
    assert SlotSet("emergency_state", None) in events


async def test_someone_in_hospital_whose_booking_is_asked_about_gets_how_to_change_it(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    # The writer speaks of themselves only to ask; the red flag is the wife's, in care.
    text = (
        "my wife has an appointment with you but she's in hospital after a fall last night - "
        "she couldn't feel her legs. I need to cancel it. I don't know the reference"
    )
    tracker = make_tracker(text=text, intent="report_emergency")
    tracker.latest_message["red_flags"] = ["both_legs_weakness", "trauma"]
    events = await ActionEmergency().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_someone_else_in_care_booking"]
    assert dispatcher.messages[0]["phone"]
    assert SlotSet("emergency_state", None) in events


async def test_the_writers_own_red_flag_beside_someone_in_hospital_is_still_urgent(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "my wife is in hospital and now i cant feel my legs either, cancel our appointment"
    tracker = make_tracker(text=text, intent="report_emergency")
    tracker.latest_message["red_flags"] = ["both_legs_weakness"]
    await ActionEmergency().run(dispatcher, tracker, domain)
    assert "utter_emergency" in responses(dispatcher)


async def test_a_cleared_suspicion_about_a_story_of_the_pain_starts_the_check_in(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    asked = {
        "event": "user",
        "text": "bak pain realy bad 9/10 cant hardly get out of bed, 3 days now",
        "parse_data": {"intent": {"name": "suspected_emergency"}},
    }
    again = {
        "event": "user",
        "text": "what do you mean?",
        "parse_data": {"intent": {"name": "faq"}},
    }
    answer = {"event": "user", "text": "no", "parse_data": {"intent": {"name": "deny"}}}
    tracker = make_tracker(
        text="no",
        intent="deny",
        slots={"emergency_state": "check_urgent"},
        events=[
            asked,
            {"event": "bot", "text": "..."},
            again,
            {"event": "bot", "text": "..."},
            answer,
        ],
    )
    events = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_check_cleared_briefly", "utter_start_checkin"]
    # The form itself: no rule runs it after the action that starts it, on this turn.
    assert FollowupAction("symptom_checkin_form") in events


async def test_a_cleared_suspicion_with_a_time_asked_for_starts_the_booking(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    asked = {
        "event": "user",
        "text": "my back is sore too lol. can i get an appointment thursday morning?",
        "parse_data": {"intent": {"name": "suspected_emergency"}},
    }
    answer = {"event": "user", "text": "no", "parse_data": {"intent": {"name": "deny"}}}
    tracker = make_tracker(
        text="no",
        intent="deny",
        slots={"emergency_state": "check_urgent"},
        events=[asked, {"event": "bot", "text": "..."}, answer],
    )
    events = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_check_cleared_briefly", "utter_start_booking"]
    assert FollowupAction("booking_form") in events


async def test_a_cancel_asked_for_in_an_emergency_is_left_for_later_with_the_clinics_phone(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="ambulance is on the way. please just cancel JPC-KRDDA6 so someone else can have it",
        intent="cancel_appointment",
        slots={"emergency_state": "urgent"},
    )
    events = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_help_coming", "utter_emergency_cancel_later"]
    assert dispatcher.messages[1]["phone"]  # the clinic's number, to cancel by phone
    assert SlotSet("emergency_state", "help_coming") in events


async def test_asking_which_bit_is_the_emergency_names_the_signs_told(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    told = {
        "event": "user",
        "text": "i wet myself and my bum is numb",
        "parse_data": {"red_flags": ["bladder_bowel", "saddle_numbness"]},
    }
    text = "why though? which bit is the emergency?"
    latest = {"event": "user", "text": text, "parse_data": {"red_flags": []}}
    tracker = make_tracker(
        text=text,
        intent="ask_if_urgent",
        slots={"emergency_state": "urgent"},
        events=[told, latest],
    )
    await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_why", "utter_emergency_reminder"]
    assert dispatcher.messages[0]["signs"] == (
        "loss of bladder or bowel control or difficulty passing urine and "
        "numbness in the groin, genitals, buttocks or inner thighs"
    )


async def test_being_driven_to_hospital_with_ambulance_advice_gets_the_ambulance_again(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="my daughter says she'll drive me to A&E now, it's only 10 mins",
        intent="inform",
        slots={"emergency_state": "urgent", "emergency_advice": "ambulance"},
    )
    events = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_ambulance_not_by_car"]
    assert SlotSet("emergency_state", "urgent") in events


async def test_being_driven_to_hospital_with_urgent_care_advice_is_the_right_thing(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="my husband is driving me to a&e now",
        intent="inform",
        slots={"emergency_state": "urgent"},
    )
    await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_help_coming"]


async def test_asking_to_cancel_an_appointment_on_the_way_to_hospital_is_not_a_booking(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="yes my flatmate is driving me there now. can you just cancel my appointment",
        intent="cancel_appointment",
        slots={"emergency_state": "urgent"},
    )
    await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_help_coming", "utter_emergency_cancel_later"]


@pytest.mark.parametrize(
    ("text", "ranking", "said"),
    [
        (
            "what about me, I just have mild stiffness, what stretches?",
            [("home_exercise_stretching", 0.95)],
            ["utter_emergency_their_care_own_back", "utter_faq/home_exercise_stretching"],
        ),
        (
            "what about me?",
            [],
            ["utter_emergency_their_care_own_back", "utter_about_your_own_back"],
        ),
    ],
)
async def test_the_writers_own_back_after_a_friends_red_flag_gets_an_answer_after_their_advice(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    text: str,
    ranking: list[tuple[str, float]],
    said: list[str],
) -> None:
    told = {"event": "user", "text": "my friend had a bad fall and hurt his back", "parse_data": {}}
    raised = {"event": "action", "name": "action_emergency"}
    tracker = make_tracker(
        text=text,
        intent="faq",
        ranking=ranking,
        slots={"emergency_state": "urgent"},
        events=[told, raised, {"event": "user", "text": text, "parse_data": {}}],
    )
    events = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == said
    assert SlotSet("emergency_state", None) not in events


@pytest.mark.parametrize(
    ("text", "ranking", "said"),
    [
        (
            "sorry, it was my grandma not me, she's already at the hospital. "
            "I just wanted to know about stretches for my own stiff back",
            [("home_exercise_stretching", 0.95)],
            ["utter_emergency_own_back", "utter_faq/home_exercise_stretching"],
        ),
        (
            "no the ambulance is for my DAD. im asking about MY back",
            [],
            ["utter_emergency_own_back", "utter_about_your_own_back"],
        ),
    ],
)
async def test_the_writers_own_back_once_another_person_is_looked_after(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    text: str,
    ranking: list[tuple[str, float]],
    said: list[str],
) -> None:
    told = {"event": "user", "text": "back pain after a fall down the stairs", "parse_data": {}}
    raised = {"event": "action", "name": "action_emergency"}
    tracker = make_tracker(
        text=text,
        intent="faq",
        ranking=ranking,
        slots={"emergency_state": "help_coming" if "ambulance" in text else "urgent"},
        events=[told, raised, {"event": "user", "text": text, "parse_data": {}}],
    )
    events = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == said
    assert SlotSet("emergency_state", None) in events


async def test_a_relatives_numbness_cleared_as_longstanding_gets_the_guides_advice_to_be_seen(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    asked = {
        "event": "user",
        "text": "also my dad is 78 and hes got back pain and his feet go numb, what should he do?",
        "parse_data": {"intent": {"name": "suspected_emergency"}},
    }
    text = (
        "no its not an emergency lol its been like that for months, hes fine just numb toes. "
        "should he book in?"
    )
    answer = {"event": "user", "text": text, "parse_data": {"intent": {"name": "nlu_fallback"}}}
    tracker = make_tracker(
        text=text,
        intent="nlu_fallback",
        ranking=[("symptoms_to_report", 0.9)],
        slots={"emergency_state": "check_urgent"},
        events=[asked, {"event": "bot", "text": "..."}, answer],
    )
    events = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_cleared_longstanding"]
    assert SlotSet("emergency_state", None) in events


@pytest.mark.parametrize(
    ("slots", "said"),
    [
        # The time was being chosen when the red flag came: nothing was booked.
        ({"chosen_slot_id": "dr-okafor-20261210T1000"}, "utter_emergency_nothing_booked"),
        # Only the day asked for when it came: nothing booked either.
        ({"preferred_time": "wednesday or thursday morning"}, "utter_emergency_nothing_booked"),
        # A booking made, or one being changed: it stays, and how to cancel it later.
        (
            {"chosen_slot_id": "dr-okafor-20261210T1000", "booking_reference": "JPC-AB12CD"},
            "utter_emergency_cancel_later",
        ),
        ({}, "utter_emergency_cancel_later"),
    ],
)
async def test_asking_to_cancel_in_an_emergency_says_what_there_is_to_cancel(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    slots: dict[str, Any],
    said: str,
) -> None:
    tracker = make_tracker(
        text="ok ok my partner is going to drive me to a&e now. should i cancel the thursday thing",
        intent="cancel_appointment",
        slots={"emergency_state": "urgent", **slots},
    )
    await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_emergency_help_coming", said]


@pytest.mark.parametrize(
    ("intent", "asked"),
    [
        ("suspected_emergency", "utter_emergency_check"),
        ("suspected_crisis", "utter_crisis_check"),
        # sent by the emergency policy for low mood after thoughts of self-harm
        ("faq", "utter_crisis_check"),
    ],
)
async def test_the_check_asks_about_what_was_suspected(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], intent: str, asked: str
) -> None:
    tracker = make_tracker(text="its really getting me down", intent=intent)
    await ActionEmergencyCheck().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == asked


async def test_a_comparison_asked_beside_someone_in_hospital_is_answered(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "My neighbour fell off his bike and hurt his back, he's in hospital being looked "
        "after. Anyway, is sciatica the same as a herniated disc?"
    )
    tracker = make_tracker(
        text=text,
        intent="report_emergency",
        ranking=[("sciatica", 0.4), ("herniated_disc", 0.38)],
        entities=[
            {"entity": "condition", "value": "sciatica", "start": text.index("sciatica")},
            {"entity": "condition", "value": "herniated_disc", "start": text.index("herniated")},
        ],
    )
    tracker.latest_message["red_flags"] = ["trauma"]
    await ActionEmergency().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [
        "utter_emergency_someone_else_in_care_answered",
        "utter_comparison_intro",
        "utter_faq/sciatica",
        "utter_faq/herniated_disc",
    ]


async def test_a_crisis_cleared_goes_on_to_the_call_back_asked_for(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    asked = {
        "event": "user",
        "text": "some days i don't want to be here. can someone from the clinic call me?",
        "parse_data": {"intent": {"name": "report_crisis"}},
    }
    answer = {"event": "user", "text": "yes I'm safe", "parse_data": {}}
    again = {"event": "user", "text": "yes", "parse_data": {}}
    tracker = make_tracker(
        text="yes",
        intent="affirm",
        slots={"emergency_state": "clearing_crisis"},
        events=[asked, answer, again],
    )
    events = await ActionEmergencyFollowup().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_crisis_cleared"]
    assert FollowupAction("callback_form") in events
