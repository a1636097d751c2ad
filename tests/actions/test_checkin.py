import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk.events import ActionExecutionRejected, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import checkin
from actions.checkin import (
    BOOKING_ASKED,
    ActionAskRedFlagsDenied,
    ActionStartCheckin,
    ActionTriageDecision,
    ValidateSymptomCheckinForm,
    for_someone_else,
)
from actions.checkin_slots import nerve_symptoms_from_slot
from clinic.triage.referral import (
    DURATION_REASON,
    NERVE_REASON,
    SEVERITY_REASON,
    STIFFNESS_DURATION_REASON,
)
from clinic.triage.symptoms import NONE_REPORTED
from tests.actions.conftest import make_tracker

FORM = ValidateSymptomCheckinForm()
NUMB_FOOT = {
    "numbness": True,
    "tingling": False,
    "weakness": False,
    "locations": ("foot",),
    "unspecified": False,
}
NO_SYMPTOMS = {
    "numbness": False,
    "tingling": False,
    "weakness": False,
    "locations": (),
    "unspecified": False,
}


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [message["response"] for message in dispatcher.messages]


def checkin_slots(
    days: Any = None, severity: Any = None, nerve: Any = None, denied: Any = None
) -> dict[str, Any]:
    return {
        "pain_duration_days": days,
        "pain_severity": severity,
        "nerve_symptoms": nerve,
        "red_flags_denied": denied,
    }


# --- validate_pain_duration_days ----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text", "days"),
    [
        ("3 weeks", "3 weeks", 21),
        ("a month", "it's been about a month now", 30),  # prefilled from the duration entity
        ("month", "for a month or so", 30),  # an entity the parser cannot read: the sentence can
        ("for ages", "for ages", 365),
        (10, "", 10),
        (0, "", 0),
        (4.0, "", 4),
    ],
)
def test_a_duration_is_stored_in_days(
    dispatcher: CollectingDispatcher, value: Any, text: str, days: int
) -> None:
    result = FORM.validate_pain_duration_days(value, dispatcher, make_tracker(text=text), {})
    assert result == {"pain_duration_days": days}
    assert dispatcher.messages == []


@pytest.mark.parametrize(("value", "text"), [("banana", "banana"), (-3, ""), (True, ""), ("", "")])
def test_an_unreadable_duration_is_asked_again(
    dispatcher: CollectingDispatcher, value: Any, text: str
) -> None:
    result = FORM.validate_pain_duration_days(value, dispatcher, make_tracker(text=text), {})
    assert result == {"pain_duration_days": None}
    assert responses(dispatcher) == ["utter_wrong_pain_duration_days"]


@pytest.mark.parametrize("text", ["why do you need to know that?", "why are you asking me this"])
def test_why_the_question_is_asked_is_explained_before_it_is_asked_again(
    dispatcher: CollectingDispatcher, text: str
) -> None:
    result = FORM.validate_pain_duration_days(text, dispatcher, make_tracker(text=text), {})
    assert result == {"pain_duration_days": None}
    assert responses(dispatcher) == ["utter_why_checkin_asks"]


@pytest.mark.parametrize("text", ["do you do home visits or not", "how much is it to see someone"])
def test_a_question_for_the_clinic_is_pointed_to_the_team_before_the_question_again(
    dispatcher: CollectingDispatcher, text: str
) -> None:
    result = FORM.validate_pain_duration_days(text, dispatcher, make_tracker(text=text), {})
    assert result == {"pain_duration_days": None}
    assert responses(dispatcher) == ["utter_clinic_info"]


def test_a_duration_told_with_a_story_is_the_pains_not_the_past_episodes(
    dispatcher: CollectingDispatcher,
) -> None:
    text = (
        "3 years ago I had surgery on my back, I recovered fully. Now I get a dull ache "
        "after long drives, for the last week."
    )
    result = FORM.validate_pain_duration_days("3 years", dispatcher, make_tracker(text=text), {})
    assert result == {"pain_duration_days": 7}


def test_how_long_morning_stiffness_lasts_is_not_the_pains_duration(
    dispatcher: CollectingDispatcher,
) -> None:
    text = (
        "I'm not really in pain at the moment but my back is so stiff first thing in the "
        "morning, takes me about half an hour to loosen up. Should I be worried?"
    )
    tracker = make_tracker(text=text)
    result = FORM.validate_pain_duration_days("half an hour", dispatcher, tracker, {})
    assert result == {"pain_duration_days": None}
    # Asked for, the same words are the answer.
    asked = make_tracker(text="half an hour", slots={"requested_slot": "pain_duration_days"})
    assert FORM.validate_pain_duration_days("half an hour", dispatcher, asked, {}) == {
        "pain_duration_days": 0
    }


def test_a_past_episodes_date_keeps_the_duration_already_given(
    dispatcher: CollectingDispatcher,
) -> None:
    text = "no. he did have a fall off a ladder 2 months ago but he was checked at a&e and was fine"
    tracker = make_tracker(
        text=text,
        slots={"requested_slot": "red_flags_denied"},
        events=[
            {"event": "slot", "name": "pain_duration_days", "value": 35},
            {"event": "user", "text": text, "parse_data": {}},
            {"event": "slot", "name": "pain_duration_days", "value": "2 months"},
        ],
    )
    result = FORM.validate_pain_duration_days("2 months", dispatcher, tracker, {})
    assert result == {"pain_duration_days": 35}


# --- validate_pain_severity ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "score"),
    [("7", 7), ("about a 7", 7), ("mild", 3), ("unbearable", 10), (8, 8), (0, 0), (10, 10)],
)
def test_a_severity_is_stored_as_a_score(
    dispatcher: CollectingDispatcher, value: Any, score: int
) -> None:
    result = FORM.validate_pain_severity(value, dispatcher, make_tracker(text=str(value)), {})
    assert result == {"pain_severity": score}
    assert dispatcher.messages == []


@pytest.mark.parametrize("value", ["banana", "15", "not severe", 11, -1, True])
def test_an_unclear_severity_is_asked_again(dispatcher: CollectingDispatcher, value: Any) -> None:
    asked = make_tracker(text=str(value), slots={"requested_slot": "pain_severity"})
    result = FORM.validate_pain_severity(value, dispatcher, asked, {})
    assert result == {"pain_severity": None}
    assert responses(dispatcher) == ["utter_wrong_pain_severity"]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("crippling", "the pain is crippling"),
        ("mildly", "it's mildly painful"),
        ("slightly", "slightly sore"),
        ("moderately", "moderately painful"),
        ("not so bad", "not so bad really"),
    ],
)
def test_every_severity_the_entity_ruler_prefills_is_understood(
    dispatcher: CollectingDispatcher, value: str, text: str
) -> None:
    """These are phrases of the `severity` entity in nlu_pipeline/entity_patterns.yml."""
    result = FORM.validate_pain_severity(value, dispatcher, make_tracker(text=text), {})
    assert result["pain_severity"] is not None
    assert dispatcher.messages == []


def test_a_severity_word_denied_in_the_sentence_scores_nothing(
    dispatcher: CollectingDispatcher,
) -> None:
    text = "ache for 2 months, its not terrible most of the time but my leg feels weak"
    result = FORM.validate_pain_severity("terrible", dispatcher, make_tracker(text=text), {})
    assert result["pain_severity"] is None, "asked, not scored 8"


# --- validate_nerve_symptoms --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text", "stored"),
    [
        ("my foot is numb", "my foot is numb", NUMB_FOOT),
        # A prefilled entity cannot see the negation; the patient's sentence decides.
        ("numbness", "no numbness", NO_SYMPTOMS),
        ("numbness", "no numbness or tingling at all", NO_SYMPTOMS),
        ("no", "no", NO_SYMPTOMS),
        (
            "tingles",
            "no numbness, but my foot tingles",
            {**NO_SYMPTOMS, "tingling": True, "locations": ("foot",)},
        ),
        ("yes", "yes", {**NO_SYMPTOMS, "unspecified": True}),
        # An entity from an earlier sentence, and a latest text that says nothing about it.
        ("numb foot", "hmm", NUMB_FOOT),
    ],
)
def test_nerve_symptoms_are_stored_as_a_dict(
    dispatcher: CollectingDispatcher, value: str, text: str, stored: dict[str, Any]
) -> None:
    result = FORM.validate_nerve_symptoms(value, dispatcher, make_tracker(text=text), {})
    assert result == {"nerve_symptoms": stored}
    assert dispatcher.messages == []


def test_an_already_validated_dict_is_kept(dispatcher: CollectingDispatcher) -> None:
    as_stored = {**NUMB_FOOT, "locations": ["foot"]}  # JSON gives the tuple back as a list
    result = FORM.validate_nerve_symptoms(as_stored, dispatcher, make_tracker(text="??"), {})
    assert result == {"nerve_symptoms": as_stored}
    assert dispatcher.messages == []


def test_a_symptom_long_past_and_asked_about_is_not_prefilled(
    dispatcher: CollectingDispatcher,
) -> None:
    text = (
        "about 5 years ago i had tingling in my foot for a day, never happened again. "
        "my lower back aches now. do i need to worry about the tingling thing"
    )
    result = FORM.validate_nerve_symptoms("tingling", dispatcher, make_tracker(text=text), {})
    assert result == {"nerve_symptoms": None}
    assert dispatcher.messages == []


@pytest.mark.parametrize(("value", "text"), [("banana", "banana"), ("", "")])
def test_an_unclear_nerve_answer_is_asked_again(
    dispatcher: CollectingDispatcher, value: str, text: str
) -> None:
    result = FORM.validate_nerve_symptoms(value, dispatcher, make_tracker(text=text), {})
    assert result == {"nerve_symptoms": None}
    assert responses(dispatcher) == ["utter_wrong_nerve_symptoms"]


# --- validate_red_flags_denied ------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "denied"),
    [
        ("no", True),
        ("none of those", True),
        ("yes", False),
        ("no, but I fell and hurt my back", False),
        ("I can't control my bladder", False),
        # the one thing named is not a warning sign; the rest is denied
        ("only right leg. no other things", True),
        ("my legs tingle but nothing else", True),
        ("I can't control my bladder, nothing else", False),
        (True, True),
        (False, False),
    ],
)
def test_the_red_flag_answer_is_read(
    dispatcher: CollectingDispatcher, value: Any, denied: bool
) -> None:
    result = FORM.validate_red_flags_denied(value, dispatcher, make_tracker(text=str(value)), {})
    assert result["red_flags_denied"] is denied
    # A symptom told with the no ("my legs tingle but nothing else") is kept too.
    assert ("nerve_symptoms" in result) is (value == "my legs tingle but nothing else")
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("banana", "utter_wrong_red_flags_denied"),
        ("what do you mean?", "utter_wrong_red_flags_denied"),
        # A yes to the booking the patient expects next: told it comes straight after.
        ("yes book me", "utter_safety_before_booking"),
        ("ok yeah lets book", "utter_safety_before_booking"),
        ("yes please appointment", "utter_safety_before_booking"),
    ],
)
def test_an_unclear_red_flag_answer_is_asked_again(
    dispatcher: CollectingDispatcher, value: str, said: str
) -> None:
    result = FORM.validate_red_flags_denied(value, dispatcher, make_tracker(text=value), {})
    assert result["red_flags_denied"] is None
    assert responses(dispatcher) == [said]


# --- the form as Rasa runs it -------------------------------------------------------------


async def test_the_form_validates_the_slots_rasa_extracted(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="about a month, and it's severe, my foot is numb",
        intent="describe_own_pain",
        events=[
            {"event": "user", "text": "about a month, and it's severe, my foot is numb"},
            {"event": "slot", "name": "pain_duration_days", "value": "a month"},
            {"event": "slot", "name": "pain_severity", "value": "severe"},
            {"event": "slot", "name": "nerve_symptoms", "value": "numb"},
        ],
        active_loop="symptom_checkin_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert events == [
        SlotSet("pain_duration_days", 30),
        SlotSet("pain_severity", 8),
        SlotSet("nerve_symptoms", NUMB_FOOT),
    ]
    assert dispatcher.messages == []


async def test_stiffness_told_without_pain_words_the_check_in_for_it(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "I'm not in pain, my lower back is just stiff in the mornings and clicks"
    tracker = make_tracker(
        text=text,
        intent="describe_own_pain",
        events=[{"event": "user", "text": text}],
        active_loop="symptom_checkin_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert SlotSet("checkin_complaint", "stiffness") in events


async def test_the_stiffness_is_named_in_the_reasons(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REFERRAL_RULES_FILE", raising=False)
    # Stiffness with some pain for two months: the stiffness is what lasted.
    slots = {**checkin_slots(60, 2, NO_SYMPTOMS, True), "checkin_complaint": "stiffness"}
    events = await ActionTriageDecision().run(dispatcher, make_tracker(slots=slots), domain)
    assert SlotSet("triage_reasons", STIFFNESS_DURATION_REASON) in events


async def test_a_painless_click_for_months_is_no_reason_for_a_consultation(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("REFERRAL_RULES_FILE", raising=False)
    slots = {**checkin_slots(150, 0, NO_SYMPTOMS, True), "checkin_complaint": "stiffness"}
    events = await ActionTriageDecision().run(dispatcher, make_tracker(slots=slots), domain)
    assert SlotSet("triage_outcome", "self_care") in events


@pytest.mark.parametrize("text", ["no", "nope, just stiff"])
async def test_no_to_any_pain_with_the_stiffness_is_a_0(
    dispatcher: CollectingDispatcher, text: str
) -> None:
    tracker = make_tracker(
        text=text,
        slots={"requested_slot": "pain_severity", "checkin_complaint": "stiffness"},
    )
    assert FORM.validate_pain_severity(text, dispatcher, tracker, {}) == {"pain_severity": 0}


# --- ActionTriageDecision -----------------------------------------------------------------


@pytest.mark.parametrize("replied_already", [False, True])
async def test_a_medicine_question_beside_an_answer_gets_its_reply_once(
    domain: dict[str, Any], replied_already: bool
) -> None:
    dispatcher = CollectingDispatcher()
    text = "no numb. my brother give me his tramadol pills, is ok to take?"
    tracker = make_tracker(
        text=text,
        intent="out_of_scope",
        slots={"requested_slot": "nerve_symptoms"},
        events=[
            {"event": "user", "text": text},
            *([{"event": "bot", "text": "..."}] if replied_already else []),
            {"event": "slot", "name": "nerve_symptoms", "value": text},
        ],
        active_loop="symptom_checkin_form",
    )
    tracker.latest_message["scope"] = "prescription"
    events = await FORM.run(dispatcher, tracker, domain)
    said = [m["response"] for m in dispatcher.messages]
    assert said == ([] if replied_already else ["utter_scope_prescription"])
    assert SlotSet("nerve_symptoms", dataclasses.asdict(NONE_REPORTED)) in events


async def test_a_question_beside_the_back_instead_of_an_answer_is_asked_again_kindly(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    text = "calf on the left is a bit swollen too actually, is that related?"
    tracker = make_tracker(
        text=text,
        intent="out_of_scope",
        slots={"requested_slot": "pain_duration_days"},
        events=[
            {"event": "user", "text": text},
            {"event": "slot", "name": "pain_duration_days", "value": text},
        ],
        active_loop="symptom_checkin_form",
    )
    tracker.latest_message["scope"] = "swollen_leg"
    events = await FORM.run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_scope_swollen_leg"]
    assert SlotSet("pain_duration_days", None) in events


@pytest.mark.parametrize(
    ("slots", "outcome", "reasons"),
    [
        (checkin_slots(30, 3, NO_SYMPTOMS, True), "consult", DURATION_REASON),
        (
            checkin_slots(22, 7, NUMB_FOOT, True),
            "consult",
            f"{DURATION_REASON} {SEVERITY_REASON} {NERVE_REASON}",
        ),
        (checkin_slots(21, 6, NO_SYMPTOMS, True), "self_care", ""),  # "more than 3 weeks"
        (checkin_slots(40, 9, NUMB_FOOT, False), "emergency", ""),
        (checkin_slots(1, 1, NO_SYMPTOMS, False), "emergency", ""),
    ],
)
async def test_the_triage_decision_uses_the_clinic_rules(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    slots: dict[str, Any],
    outcome: str,
    reasons: str,
) -> None:
    monkeypatch.delenv("REFERRAL_RULES_FILE", raising=False)
    events = await ActionTriageDecision().run(dispatcher, make_tracker(slots=slots), domain)
    assert events == [
        SlotSet("triage_outcome", outcome),
        SlotSet("triage_reasons", reasons),
        SlotSet("checkin_done", True),
        SlotSet("general_advice_caveat", False),
        SlotSet("exercise_made_worse", False),
    ]
    assert dispatcher.messages == []


async def test_the_triage_decision_reads_the_configured_rules_file(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    rules = tmp_path / "referral.yml"
    rules.write_text(
        "min_days_for_referral: 60\nsevere_from: 9\nrefer_on_nerve_symptoms: false\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("REFERRAL_RULES_FILE", str(rules))
    action = ActionTriageDecision()

    lenient = await action.run(
        dispatcher, make_tracker(slots=checkin_slots(30, 8, NUMB_FOOT, True)), domain
    )
    assert lenient == [
        SlotSet("triage_outcome", "self_care"),
        SlotSet("triage_reasons", ""),
        SlotSet("checkin_done", True),
        SlotSet("general_advice_caveat", False),
        SlotSet("exercise_made_worse", False),
    ]
    severe = await action.run(
        dispatcher, make_tracker(slots=checkin_slots(61, 9, NUMB_FOOT, True)), domain
    )
    assert severe == [
        SlotSet("triage_outcome", "consult"),
        SlotSet("triage_reasons", f"{DURATION_REASON} {SEVERITY_REASON}"),
        SlotSet("checkin_done", True),
        SlotSet("general_advice_caveat", False),
        SlotSet("exercise_made_worse", False),
    ]


async def test_another_health_condition_told_earlier_leaves_medicines_to_a_doctor(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    told = {"event": "user", "text": "I'm 71 and on warfarin", "parse_data": {}}
    tracker = make_tracker(slots=checkin_slots(5, 3, NUMB_FOOT, True), events=[told])
    events = await ActionTriageDecision().run(dispatcher, tracker, domain)
    assert SlotSet("general_advice_caveat", True) in events


async def test_symptoms_reported_in_an_earlier_message_are_not_asked_again(
    dispatcher: CollectingDispatcher,
) -> None:
    earlier = {
        "event": "user",
        "text": "I get tingling down my leg sometimes",
        "parse_data": {"intent": {"name": "faq"}, "entities": [{"entity": "symptom"}]},
    }
    latest = {"event": "user", "text": "can you check my symptoms", "parse_data": {}}
    tracker = make_tracker(text="can you check my symptoms", events=[earlier, latest])
    extracted = await FORM.extract_nerve_symptoms(dispatcher, tracker, {})
    assert extracted["nerve_symptoms"]["tingling"] is True
    assert extracted["nerve_symptoms"]["locations"] == ("leg",)


async def test_another_joints_duration_said_earlier_is_not_the_backs(
    dispatcher: CollectingDispatcher,
) -> None:
    knee = {
        "event": "user",
        "text": "my knee has been clicking and aching for about 2 months. is that arthritis?",
        "parse_data": {
            "intent": {"name": "out_of_scope"},
            "entities": [{"entity": "duration"}],
            "scope": "other_joint",
        },
    }
    text = "ok. my lower back aches too, could the knee be causing that?"
    latest = {"event": "user", "text": text, "parse_data": {}}
    tracker = make_tracker(text=text, intent="describe_own_pain", events=[knee, latest])
    assert await FORM.extract_pain_duration_days(dispatcher, tracker, {}) == {}


async def test_a_score_told_with_a_medicine_question_is_still_the_backs(
    dispatcher: CollectingDispatcher,
) -> None:
    told = {
        "event": "user",
        "text": "my back is worse lately, maybe 7 out of 10. can I take my daughter's ibuprofen",
        "parse_data": {
            "intent": {"name": "out_of_scope"},
            "entities": [{"entity": "severity"}],
            "scope": "medicine_use",
        },
    }
    text = "my legs feel weak when i walk far, is that the arthritis?"
    latest = {"event": "user", "text": text, "parse_data": {}}
    tracker = make_tracker(text=text, intent="describe_own_pain", events=[told, latest])
    assert await FORM.extract_pain_severity(dispatcher, tracker, {}) == {"pain_severity": 7}


async def test_a_no_then_a_question_answers_the_symptom_question(
    dispatcher: CollectingDispatcher,
) -> None:
    text = "no none of that. is it ok to take ibuprofen?"
    tracker = make_tracker(
        text=text,
        intent="faq",
        slots={"requested_slot": "nerve_symptoms"},
        events=[{"event": "user", "text": text}],
        active_loop="symptom_checkin_form",
    )
    assert await FORM.extract_nerve_symptoms(dispatcher, tracker, {}) == {
        "nerve_symptoms": dataclasses.asdict(NONE_REPORTED),
        "red_flags_denied": True,
    }


async def test_a_question_about_symptoms_fills_nothing(dispatcher: CollectingDispatcher) -> None:
    asked = {
        "event": "user",
        "text": "does sciatica cause numbness",
        "parse_data": {"intent": {"name": "faq"}, "entities": [{"entity": "symptom"}]},
    }
    tracker = make_tracker(text="does sciatica cause numbness", events=[asked])
    assert await FORM.extract_nerve_symptoms(dispatcher, tracker, {}) == {}


async def test_a_corrected_duration_replaces_the_earlier_one(
    dispatcher: CollectingDispatcher,
) -> None:
    text = "actually wait, it's closer to 2 months"
    tracker = make_tracker(
        text=text,
        slots={"pain_duration_days": 14, "requested_slot": "pain_severity"},
        active_loop="symptom_checkin_form",
    )
    assert await FORM.extract_pain_duration_days(dispatcher, tracker, {}) == {
        "pain_duration_days": 60
    }
    assert FORM.validate_pain_severity(text, dispatcher, tracker, {}) == {"pain_severity": None}
    assert dispatcher.messages == [], "no 'give a number' for a correction"


async def test_a_duration_put_right_with_the_score_asked_replaces_the_earlier_one(
    dispatcher: CollectingDispatcher,
) -> None:
    text = (
        "Oh dear, I tell a lie, it was before my grandson's birthday so it is nearer five "
        "weeks now. The pain is not terrible, I would say a 4."
    )
    tracker = make_tracker(
        text=text,
        slots={"pain_duration_days": 14, "requested_slot": "pain_severity"},
        active_loop="symptom_checkin_form",
    )
    assert await FORM.extract_pain_duration_days(dispatcher, tracker, {}) == {
        "pain_duration_days": 35
    }


async def test_a_severity_answer_leaves_the_duration_alone(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        text="7", slots={"pain_duration_days": 14, "requested_slot": "pain_severity"}
    )
    assert await FORM.extract_pain_duration_days(dispatcher, tracker, {}) == {}


async def test_a_duration_said_about_a_symptom_is_not_a_correction(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        text="tingling in my foot for a month",
        slots={"pain_duration_days": 60, "requested_slot": "nerve_symptoms"},
    )
    assert await FORM.extract_pain_duration_days(dispatcher, tracker, {}) == {}


async def test_how_long_said_alone_while_asked_about_symptoms_puts_it_right(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        text="about 6 weeks",
        slots={"pain_duration_days": 7, "requested_slot": "nerve_symptoms"},
    )
    assert await FORM.extract_pain_duration_days(dispatcher, tracker, {}) == {
        "pain_duration_days": 42
    }
    assert FORM.validate_nerve_symptoms("about 6 weeks", dispatcher, tracker, {}) == {
        "nerve_symptoms": None
    }
    assert responses(dispatcher) == ["utter_noted_duration"], "no 'sorry, I didn't follow'"


@pytest.mark.parametrize(
    ("text", "warning_signs_answered"),
    [
        ("no", True),
        ("No, none of these", True),
        ("nope", True),
        # about the nerve symptoms only: the warning signs are still asked
        ("no numbness or tingling", False),
        ("tingling in my left foot", False),
        ("yes", False),
        # a nerve answer with a no to the rest of the list answers both
        ("no numbness. nothing of this", True),
        ("sometimes my hands tingle, probably from typing. none of the other stuff", True),
        ("my foot tingles, nothing else", True),
        ("yes, in the left foot there is tingling, like ants walking. the other things no", True),
        (
            "ok so yeah pins and needles in my right hand now and then. "
            "none of the other scary stuff",
            True,
        ),
        # unless a warning sign is named in it
        ("my foot tingles and I wet myself, nothing else", False),
    ],
)
def test_only_a_no_to_everything_answers_the_warning_signs(
    dispatcher: CollectingDispatcher, text: str, warning_signs_answered: bool
) -> None:
    tracker = make_tracker(
        text=text,
        slots={"requested_slot": "nerve_symptoms"},
        active_loop="symptom_checkin_form",
    )
    result = FORM.validate_nerve_symptoms(text, dispatcher, tracker, {})
    assert ("red_flags_denied" in result) is warning_signs_answered
    if warning_signs_answered:
        assert result["red_flags_denied"] is True


def test_a_yes_about_the_tingling_is_not_a_warning_sign(dispatcher: CollectingDispatcher) -> None:
    text = "yes like i said my leg tingles"
    tracker = make_tracker(text=text, slots={"requested_slot": "red_flags_denied"})
    assert FORM.validate_red_flags_denied(text, dispatcher, tracker, {}) == {
        "red_flags_denied": None
    }
    assert responses(dispatcher) == ["utter_wrong_red_flags_denied"]


async def test_a_relatives_or_a_past_episodes_duration_and_symptoms_are_not_the_patients(
    dispatcher: CollectingDispatcher,
) -> None:
    text = (
        "my mum had cauda equina a few years ago, two years ago i had numbness, it fully "
        "went away. im 35 with a sore back from gardening"
    )
    tracker = make_tracker(
        text=text,
        intent="describe_own_pain",
        events=[{"event": "user", "text": text, "metadata": {}}],
    )
    assert await FORM.extract_pain_duration_days(dispatcher, tracker, {}) == {}
    assert await FORM.extract_nerve_symptoms(dispatcher, tracker, {}) == {}
    told = "my lower back has hurt for 3 weeks and my foot tingles"
    own = make_tracker(
        text=told, intent="describe_own_pain", events=[{"event": "user", "text": told}]
    )
    assert await FORM.extract_pain_duration_days(dispatcher, own, {}) == {"pain_duration_days": 21}
    assert (await FORM.extract_nerve_symptoms(dispatcher, own, {}))["nerve_symptoms"]["tingling"]


def test_a_nerve_symptom_named_with_a_no_to_the_rest_is_kept(
    dispatcher: CollectingDispatcher,
) -> None:
    text = "sometimes my hands tingle but thats from typing lol. none of the other stuff"
    tracker = make_tracker(text=text, slots={"requested_slot": "nerve_symptoms"})
    result = FORM.validate_nerve_symptoms(text, dispatcher, tracker, {})
    assert result["nerve_symptoms"]["tingling"] is True
    assert result["nerve_symptoms"]["locations"] == ("hand",)
    assert result["red_flags_denied"] is True


def test_a_no_said_already_answers_the_warning_signs_too(dispatcher: CollectingDispatcher) -> None:
    text = "i already said no lol. no tingling either"
    tracker = make_tracker(text=text, slots={"requested_slot": "nerve_symptoms"})
    result = FORM.validate_nerve_symptoms(text, dispatcher, tracker, {})
    assert result["nerve_symptoms"]["tingling"] is False
    assert result["red_flags_denied"] is True


# --- leaving the check-in -----------------------------------------------------------------


async def test_a_request_to_book_hands_the_turn_to_the_rules_keeping_the_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "2 month. but I want appointment please"
    tracker = make_tracker(
        text=text,
        intent="request_appointment",
        slots={"requested_slot": "pain_duration_days", "red_flags_denied": True},
        events=[
            {
                "event": "user",
                "text": text,
                "parse_data": {
                    "intent": {"name": "request_appointment"},
                    "entities": [{"entity": "duration", "value": "2 month"}],
                },
            }
        ],
        active_loop="symptom_checkin_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert events == [
        SlotSet("pain_duration_days", 60),
        ActionExecutionRejected("symptom_checkin_form"),
    ]
    assert dispatcher.messages == []


@pytest.mark.parametrize("intent", ["stop", "request_appointment", "goodbye", "ask_if_urgent"])
async def test_a_message_the_rules_answer_is_not_asked_again(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], intent: str
) -> None:
    tracker = make_tracker(
        text="asap, whatever is first",
        intent=intent,
        slots={"requested_slot": "pain_duration_days", "red_flags_denied": True},
        events=[
            {"event": "slot", "name": "pain_duration_days", "value": "asap, whatever is first"}
        ],
        active_loop="symptom_checkin_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    # The text Rasa's slot extraction put in the slot asked for is no answer: cleared, so
    # the form asks its question again once the rule has answered.
    assert events == [
        SlotSet("pain_duration_days", None),
        ActionExecutionRejected("symptom_checkin_form"),
    ]
    assert dispatcher.messages == []


async def test_a_question_asked_with_a_stop_is_answered(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="stop, i only asked if strength training is ok for my back",
        intent="stop",
        ranking=[("strength_training", 0.9), ("exercise_benefits", 0.05)],
        slots={"requested_slot": "pain_duration_days"},
        active_loop="symptom_checkin_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/strength_training"]
    assert events[-1] == ActionExecutionRejected("symptom_checkin_form")


async def test_the_form_asks_its_question_again_after_the_rule_has_answered(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="is it an emergency",
        intent="ask_if_urgent",
        slots={"requested_slot": "pain_severity", "pain_duration_days": 10},
        events=[
            {"event": "user", "text": "is it an emergency"},
            {"event": "action", "name": "utter_urgency_advice"},
        ],
        active_loop="symptom_checkin_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert events == []  # not rejected: Rasa's form then asks pain_severity again


async def test_the_pain_score_is_asked_even_once_another_reason_to_be_seen_is_met(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    # A month already meets a reason; the score is still asked, for the clinician and as
    # patients expect (docs/decisions/0040).
    tracker = make_tracker(
        text="i've had back pain for about a month, sometimes my leg goes numb",
        intent="describe_own_pain",
        slots={"requested_slot": "pain_duration_days", "pain_duration_days": 30},
        active_loop="symptom_checkin_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert not any(event.get("name") == "requested_slot" for event in events)


# --- answers given before they are asked, and the way out ---------------------------------


class _ThirdOfDecember(date):
    """Today, for the durations given as a month or a date."""

    @classmethod
    def today(cls) -> "_ThirdOfDecember":
        return cls(2026, 12, 3)


@pytest.fixture
def third_of_december(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checkin, "date", _ThirdOfDecember)


def bot(response: str) -> dict[str, Any]:
    return {"event": "bot", "metadata": {"utter_action": response}}


def said(text: str, intent: str = "inform", entity: str | None = None) -> dict[str, Any]:
    entities = [{"entity": entity}] if entity else []
    return {
        "event": "user",
        "text": text,
        "parse_data": {"intent": {"name": intent}, "entities": entities},
    }


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("since september", 93),
        ("since the summer", 185),
        ("since march", 277),
        ("since 2 november", 31),
        ("since like the weekend", 5),
    ],
)
async def test_a_month_or_date_as_the_duration_meets_the_duration_criterion(
    dispatcher: CollectingDispatcher,
    monkeypatch: pytest.MonkeyPatch,
    third_of_december: None,
    text: str,
    days: int,
) -> None:
    monkeypatch.delenv("REFERRAL_RULES_FILE", raising=False)
    asked = make_tracker(text=text, slots={"requested_slot": "pain_duration_days"})
    assert FORM.validate_pain_duration_days(text, dispatcher, asked, {}) == {
        "pain_duration_days": days
    }
    events = await ActionTriageDecision().run(
        dispatcher, make_tracker(slots=checkin_slots(days, 3, NO_SYMPTOMS, True)), {}
    )
    assert (SlotSet("triage_outcome", "consult") in events) is (days > 21)


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("7 when it shoots. is a disc bulge the same as a slipped disc / herniated?", 7),
        # a question about the scale is no score
        ("what does a 10 mean?", None),
    ],
)
async def test_a_score_told_beside_a_question_is_kept(
    dispatcher: CollectingDispatcher, text: str, score: int | None
) -> None:
    tracker = make_tracker(
        text=text,
        intent="faq",
        slots={"requested_slot": "pain_severity", "pain_duration_days": 35},
        events=[said(text, "faq")],
        active_loop="symptom_checkin_form",
    )
    expected = {} if score is None else {"pain_severity": score}
    assert await FORM.extract_pain_severity(dispatcher, tracker, {}) == expected


async def test_an_opener_with_a_duration_and_hurts_bad_still_asks_how_bad(
    dispatcher: CollectingDispatcher, third_of_december: None
) -> None:
    text = "hurts bad when i sit. since like the weekend"
    tracker = make_tracker(
        text=text,
        intent="describe_own_pain",
        entities=[{"entity": "severity", "value": "bad"}],
        events=[said(text, "describe_own_pain", "severity")],
        active_loop="symptom_checkin_form",
    )
    assert await FORM.extract_pain_duration_days(dispatcher, tracker, {}) == {
        "pain_duration_days": 5
    }
    assert await FORM.extract_pain_severity(dispatcher, tracker, {}) == {}
    # The severity entity "bad" that Rasa maps leaves the question open, without a re-ask.
    assert FORM.validate_pain_severity("bad", dispatcher, tracker, {}) == {"pain_severity": None}
    assert dispatcher.messages == []
    # Asked, "bad" is an answer.
    asked = make_tracker(text="bad", slots={"requested_slot": "pain_severity"})
    assert FORM.validate_pain_severity("bad", dispatcher, asked, {}) == {"pain_severity": 6}


async def test_symptoms_denied_beside_another_answer_are_not_asked_again(
    dispatcher: CollectingDispatcher,
) -> None:
    text = "about 4 months, its a dull 5 out of 10, no numbness"
    tracker = make_tracker(
        text=text,
        slots={"requested_slot": "pain_duration_days"},
        events=[said("my lower back aches", "describe_own_pain"), said(text, "nlu_fallback")],
    )
    assert await FORM.extract_nerve_symptoms(dispatcher, tracker, {}) == {
        "nerve_symptoms": NO_SYMPTOMS
    }
    # From any earlier turn too, once the form asks the next question.
    later = make_tracker(
        text="a 5",
        slots={"requested_slot": "pain_severity"},
        events=[said("my back aches, no tingling", "describe_own_pain"), said("a 5")],
    )
    assert await FORM.extract_nerve_symptoms(dispatcher, later, {}) == {
        "nerve_symptoms": NO_SYMPTOMS
    }


@pytest.mark.parametrize(
    ("text", "warning_signs_denied"),
    [
        ("i already said no numbness. no warning signs either", True),
        ("I TOLD YOU no numbness", False),  # the warning signs are asked on their own
    ],
)
async def test_a_symptom_answer_read_as_a_question_still_answers(
    dispatcher: CollectingDispatcher, text: str, warning_signs_denied: bool
) -> None:
    tracker = make_tracker(
        text=text,
        intent="faq",
        slots={"requested_slot": "nerve_symptoms", "pain_duration_days": 120},
        events=[said(text, "faq", "symptom"), {"event": "action", "name": "utter_faq"}],
        active_loop="symptom_checkin_form",
    )
    extracted = await FORM.extract_nerve_symptoms(dispatcher, tracker, {})
    assert extracted["nerve_symptoms"] == NO_SYMPTOMS
    assert extracted.get("red_flags_denied") is (True if warning_signs_denied else None)


async def test_a_question_about_symptoms_at_the_symptom_question_answers_nothing(
    dispatcher: CollectingDispatcher,
) -> None:
    text = "does sciatica cause numbness?"
    tracker = make_tracker(
        text=text,
        slots={"requested_slot": "nerve_symptoms"},
        events=[said(text, "faq", "symptom")],
    )
    assert await FORM.extract_nerve_symptoms(dispatcher, tracker, {}) == {}


def test_an_apologetic_no_answers_the_warning_signs(dispatcher: CollectingDispatcher) -> None:
    text = "sorry no i dont have any of those"
    tracker = make_tracker(text=text, slots={"requested_slot": "red_flags_denied"})
    assert FORM.validate_red_flags_denied(text, dispatcher, tracker, {}) == {
        "red_flags_denied": True
    }
    assert dispatcher.messages == []


def test_asking_whether_to_be_seen_when_a_criterion_is_met_gets_a_yes(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "wait, it's been since september, that's 3 months. shouldn't i see someone then?"
    tracker = make_tracker(
        text=text,
        intent="describe_own_pain",
        ranking=[("when_to_see_specialist", 0.95), ("specialist_consultation", 0.03)],
        slots={"requested_slot": "nerve_symptoms", "pain_duration_days": 93, "pain_severity": 3},
        events=[said(text, "describe_own_pain")],
    )
    assert FORM.validate_nerve_symptoms(text, dispatcher, tracker, domain) == {
        "nerve_symptoms": None
    }
    [message] = dispatcher.messages
    assert message["response"] == "utter_checkin_criterion_met"
    assert message["triage_reasons"] == DURATION_REASON


def test_is_that_serious_when_a_criterion_is_met_gets_the_yes(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "is that serious?"
    tracker = make_tracker(
        text=text,
        intent="faq",
        ranking=[("symptoms_to_report", 0.6), ("when_to_see_specialist", 0.3)],
        slots={"requested_slot": "pain_severity", "pain_duration_days": 60},
        events=[said(text, "faq")],
    )
    assert FORM.validate_pain_severity(text, dispatcher, tracker, domain) == {"pain_severity": None}
    [message] = dispatcher.messages
    assert message["response"] == "utter_checkin_criterion_met"
    assert message["triage_reasons"] == DURATION_REASON


def test_asking_whether_to_be_seen_before_any_criterion_gets_the_article(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "should i see a specialist?"
    tracker = make_tracker(
        text=text,
        ranking=[("when_to_see_specialist", 0.95), ("specialist_consultation", 0.03)],
        slots={"requested_slot": "nerve_symptoms", "pain_duration_days": 5, "pain_severity": 3},
        events=[said(text, "faq")],
    )
    FORM.validate_nerve_symptoms(text, dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/when_to_see_specialist"]


def _asked_twice(slot: str, latest: str) -> list[dict[str, Any]]:
    """The slot asked, an answer the form could not use, asked again, and `latest`."""
    return [
        said("my back hurts", "describe_own_pain"),
        bot(f"utter_ask_{slot}"),
        said("is yoga ok?", "faq"),
        bot("utter_faq/strength_training"),
        bot(f"utter_ask_{slot}"),
        said(latest),
    ]


@pytest.mark.parametrize(
    ("slot", "validate"),
    [
        ("pain_duration_days", FORM.validate_pain_duration_days),
        ("pain_severity", FORM.validate_pain_severity),
        ("nerve_symptoms", FORM.validate_nerve_symptoms),
        ("red_flags_denied", FORM.validate_red_flags_denied),
    ],
)
def test_a_second_unusable_answer_in_a_row_gets_the_way_out(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], slot: str, validate: Any
) -> None:
    tracker = make_tracker(
        text="hmm whatever",
        slots={"requested_slot": slot},
        events=_asked_twice(slot, "hmm whatever"),
    )
    assert validate("hmm whatever", dispatcher, tracker, domain) == {slot: None}
    assert responses(dispatcher) == ["utter_checkin_way_out"]
    [way_out] = domain["responses"]["utter_checkin_way_out"]
    assert [button["payload"] for button in way_out["buttons"]] == ["/stop"]


def test_a_first_unusable_answer_is_asked_again_kindly(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    events = [said("my back hurts", "describe_own_pain"), bot("utter_ask_pain_severity")]
    tracker = make_tracker(
        text="hmm whatever",
        slots={"requested_slot": "pain_severity"},
        events=[*events, said("hmm whatever")],
    )
    FORM.validate_pain_severity("hmm whatever", dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_wrong_pain_severity"]


async def test_a_second_message_in_a_row_a_rule_answers_gets_the_way_out(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "is swimming ok"
    events = [
        *_asked_twice("pain_duration_days", text)[:-1],
        said(text, "faq"),
        {"event": "action", "name": "action_match_faq"},
        {"event": "action", "name": "utter_faq"},
    ]
    tracker = make_tracker(
        text=text,
        intent="faq",
        slots={"requested_slot": "pain_duration_days"},
        events=events,
        active_loop="symptom_checkin_form",
    )
    await FORM.run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_checkin_way_out"]
    # The first such message is only answered.
    first = CollectingDispatcher()
    once = make_tracker(
        text=text,
        intent="faq",
        slots={"requested_slot": "pain_duration_days"},
        events=[events[0], events[1], *events[5:]],
        active_loop="symptom_checkin_form",
    )
    await FORM.run(first, once, domain)
    assert first.messages == []


@pytest.mark.parametrize(
    ("text", "denied"),
    [
        ("i just said no numbness. no warning signs either", True),
        ("none of the warning signs, like i said", True),
        ("any warning signs i should know?", None),  # a question
        ("what about a fever", None),
        ("no. is that sciatica?", True),  # the no answers; the question is beside it
        ("no, do I have to have a fever for it to count?", None),
        ("no. what mean groin?", None),  # not understood: not a no yet
    ],
)
async def test_a_no_to_the_warning_signs_read_as_a_question_still_answers(
    dispatcher: CollectingDispatcher, text: str, denied: bool | None
) -> None:
    tracker = make_tracker(
        text=text,
        intent="faq",
        slots={"requested_slot": "red_flags_denied"},
        events=[said(text, "faq"), {"event": "action", "name": "utter_faq"}],
        active_loop="symptom_checkin_form",
    )
    extracted = await FORM.extract_red_flags_denied(dispatcher, tracker, {})
    assert extracted.get("red_flags_denied") is denied


async def test_a_red_flag_answer_rasa_mapped_is_left_to_validation(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        text="no warning signs",
        slots={"requested_slot": "red_flags_denied"},
        events=[
            said("no warning signs"),
            {"event": "slot", "name": "red_flags_denied", "value": "no warning signs"},
        ],
    )
    assert await FORM.extract_red_flags_denied(dispatcher, tracker, {}) == {}


async def test_a_relatives_pain_is_read_as_theirs_and_the_questions_say_they(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "my husband has had back pain for a week, he says 3 out of 10, no numbness"
    tracker = make_tracker(
        text=text,
        intent="describe_own_pain",
        events=[said(text, "describe_own_pain", "duration")],
        active_loop="symptom_checkin_form",
    )
    assert for_someone_else(tracker)
    assert await FORM.extract_pain_duration_days(dispatcher, tracker, {}) == {
        "pain_duration_days": 7
    }
    symptoms = await FORM.extract_nerve_symptoms(dispatcher, tracker, {})
    assert nerve_symptoms_from_slot(symptoms["nerve_symptoms"]) == NONE_REPORTED
    events = await FORM.run(dispatcher, tracker, domain)
    assert SlotSet("checkin_for_other", True) in events


@pytest.mark.parametrize(
    ("earlier", "latest", "theirs"),
    [
        ("my mum's back has been bad for weeks, should she see someone?", "yes", True),
        ("i'm asking for my dad. his lower back aches", "a few days", True),
        ("my back hurts and my wife says i should get it checked", "ok", False),
        ("my husband thinks it's nothing", "i've had this pain for a month", False),
        (
            "my daughter is 9 and says her back hurts after school",
            "what about me, my own back has been bad for 6 weeks from carrying her lol. 4/10",
            False,
        ),
    ],
)
def test_whose_pain_it_is_comes_from_the_newest_message_that_says(
    earlier: str, latest: str, theirs: bool
) -> None:
    tracker = make_tracker(text=latest, events=[said(earlier), said(latest)])
    assert for_someone_else(tracker) is theirs


def test_once_the_questions_have_started_whose_pain_it_is_is_kept() -> None:
    tracker = make_tracker(
        text="my wife says it's worse",
        slots={"requested_slot": "pain_severity", "checkin_for_other": False},
    )
    assert not for_someone_else(tracker)


def test_every_checkin_question_has_a_they_version(domain: dict[str, Any]) -> None:
    for name in (
        "utter_ask_pain_duration_days",
        "utter_ask_pain_severity",
        "utter_ask_nerve_symptoms",
        "utter_ask_red_flags_denied",
        "utter_self_care",
    ):
        variants = domain["responses"][name]
        conditioned = [v for v in variants if v.get("condition")]
        assert conditioned, name
        assert "they" in conditioned[0]["text"], name
        assert conditioned[0]["condition"][0]["name"] == "checkin_for_other", name


@pytest.mark.parametrize(
    ("text", "requested"),
    [
        ("yes please book for her", "red_flags_denied"),
        ("can i see someone next week?", "red_flags_denied"),
        ("just book me in", "pain_severity"),
    ],
)
async def test_asking_to_book_before_the_safety_question_is_answered_asks_it_first(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, requested: str
) -> None:
    tracker = make_tracker(
        text=text,
        intent="request_appointment",
        slots={"requested_slot": requested, "pain_duration_days": 21, requested: text},
        events=[said(text, "request_appointment")],
        active_loop="symptom_checkin_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    # A "yes" in the request is not taken for a warning sign, nor the request for an answer.
    assert SlotSet("red_flags_denied", None) in events
    assert SlotSet(requested, None) in events
    assert SlotSet("booking_after_checkin", True) in events
    assert events[-1] == SlotSet("requested_slot", "red_flags_denied")
    assert not any(event.get("event") == "action_execution_rejected" for event in events)
    assert responses(dispatcher) == ["utter_safety_before_booking"]
    asked = make_tracker(slots={"booking_after_checkin": True})
    slots = await FORM.required_slots(
        ["pain_duration_days", "pain_severity", "nerve_symptoms", "red_flags_denied"],
        dispatcher,
        asked,
        domain,
    )
    assert slots == ["red_flags_denied"]


@pytest.mark.parametrize(
    ("text", "replies"),
    [
        (
            "moderate i guess. but what about yoga vs pilates?",
            ["utter_activity_not_covered", "utter_faq/exercise_benefits"],
        ),
        ("moderate i guess", []),
        ("moderate. but you didnt say if its going to get worse?", ["utter_whether_it_gets_worse"]),
    ],
)
async def test_a_question_beside_an_answer_is_answered_and_the_answer_kept(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, replies: list[str]
) -> None:
    tracker = make_tracker(
        text=text,
        intent="inform",
        slots={"requested_slot": "pain_severity", "pain_duration_days": 21, "pain_severity": text},
        events=[
            said(text),
            {"event": "slot", "name": "pain_severity", "value": text},
        ],
        active_loop="symptom_checkin_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert SlotSet("pain_severity", 5) in events
    assert responses(dispatcher) == replies


def _told_booking_comes_next(text: str, intent: str) -> list[dict[str, Any]]:
    return [
        bot("utter_start_checkin"),
        bot("utter_ask_red_flags_denied"),
        said("ok book me", "request_appointment"),
        bot("utter_safety_before_booking"),
        bot("utter_ask_red_flags_denied"),
        said(text, intent),
    ]


@pytest.mark.parametrize(
    ("text", "intent"),
    [("can I just book please", "request_appointment"), ("ok yes book it", "affirm")],
)
async def test_asking_to_book_again_instead_of_answering_goes_on_to_the_booking(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, intent: str
) -> None:
    tracker = make_tracker(
        text=text,
        intent=intent,
        slots={
            "requested_slot": "red_flags_denied",
            "pain_duration_days": 60,
            "booking_after_checkin": True,
            "red_flags_denied": text,
        },
        events=[
            *_told_booking_comes_next(text, intent),
            # Rasa's extraction puts the text in the slot asked for.
            {"event": "slot", "name": "red_flags_denied", "value": text},
        ],
        active_loop="symptom_checkin_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_booking_safety_unanswered"]
    assert SlotSet("safety_question_unanswered", True) in events
    assert SlotSet("red_flags_denied", None) in events
    # The form ends: the triage decision and then the booking follow.
    assert events[-1] == SlotSet("requested_slot", None)
    assert not any(event.get("event") == "action_execution_rejected" for event in events)


@pytest.mark.parametrize(
    ("text", "told_before", "said_now"),
    [
        ("tuesday morning would be best", True, "utter_booking_safety_unanswered"),
        # Asked instead of answering the question just read: the booking goes ahead with
        # the urgent advice said once more, rather than the question a second time.
        ("tuesday morning would be best", False, "utter_booking_safety_unanswered"),
        # A yes may be to the warning signs: asked once more.
        ("yes book me", False, "utter_safety_before_booking"),
    ],
)
def test_a_time_or_a_yes_to_booking_is_no_answer_to_the_safety_question(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    text: str,
    told_before: bool,
    said_now: str,
) -> None:
    events = (
        _told_booking_comes_next(text, "inform")
        if told_before
        else [bot("utter_start_checkin"), bot("utter_ask_red_flags_denied"), said(text)]
    )
    tracker = make_tracker(
        text=text,
        intent="inform",
        slots={"requested_slot": "red_flags_denied"},
        events=events,
        active_loop="symptom_checkin_form",
    )
    result = FORM.validate_red_flags_denied(text, dispatcher, tracker, domain)
    assert responses(dispatcher) == [said_now]
    assert result["red_flags_denied"] is None, "never read as a yes or a no"
    assert result["booking_after_checkin"] is True
    assert result.get("safety_question_unanswered", False) is (
        said_now == "utter_booking_safety_unanswered"
    )


@pytest.mark.parametrize(
    "text",
    [
        "tuesday morning, but I can't control my bladder since yesterday",
        "what do you mean by those signs",
    ],
)
def test_no_booking_goes_ahead_past_a_warning_sign_or_a_question(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str
) -> None:
    tracker = make_tracker(
        text=text,
        intent="inform",
        slots={"requested_slot": "red_flags_denied", "booking_after_checkin": True},
        events=_told_booking_comes_next(text, "inform"),
        active_loop="symptom_checkin_form",
    )
    result = FORM.validate_red_flags_denied(text, dispatcher, tracker, domain)
    assert "utter_booking_safety_unanswered" not in responses(dispatcher)
    assert "safety_question_unanswered" not in result


def test_a_booking_asked_for_in_the_symptoms_answer_is_announced(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "no numb. yes please appointment"
    tracker = make_tracker(
        text=text,
        intent="describe_own_pain",
        slots={"requested_slot": "nerve_symptoms"},
        events=[bot("utter_ask_nerve_symptoms"), said(text, "describe_own_pain")],
        active_loop="symptom_checkin_form",
    )
    result = FORM.validate_nerve_symptoms(text, dispatcher, tracker, domain)
    assert result["nerve_symptoms"]["numbness"] is False
    assert "red_flags_denied" not in result, "the warning signs are still to be asked"
    assert result["booking_after_checkin"] is True
    assert responses(dispatcher) == ["utter_safety_before_booking"]


async def test_once_the_booking_asked_for_goes_ahead_only_it_is_left(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    passed_by = {"booking_after_checkin": True, "safety_question_unanswered": True}
    tracker = make_tracker(slots=passed_by)
    slots = await FORM.required_slots(
        ["pain_duration_days", "pain_severity", "nerve_symptoms", "red_flags_denied"],
        dispatcher,
        tracker,
        domain,
    )
    assert slots == []
    monkeypatch.delenv("REFERRAL_RULES_FILE", raising=False)
    done = make_tracker(
        slots={
            **checkin_slots(60, 7, NO_SYMPTOMS, None),
            "booking_after_checkin": True,
            "safety_question_unanswered": True,
        }
    )
    events = await ActionTriageDecision().run(dispatcher, done, {})
    # Asked for the booking twice: straight to it, without the reasons first.
    assert responses(dispatcher) == ["utter_start_booking"]
    assert SlotSet("safety_question_unanswered", None) in events
    assert events[-1] == FollowupAction("booking_form")


@pytest.mark.parametrize(
    ("slots", "said_first", "follow_up"),
    [
        (checkin_slots(60, 3, NO_SYMPTOMS, True), ["utter_consultation_recommended"], True),
        (checkin_slots(5, 3, NO_SYMPTOMS, True), [], True),
        (checkin_slots(5, 3, NO_SYMPTOMS, False), [], False),
    ],
)
async def test_after_the_safety_question_the_booking_asked_for_follows(
    dispatcher: CollectingDispatcher,
    monkeypatch: pytest.MonkeyPatch,
    slots: dict[str, Any],
    said_first: list[str],
    follow_up: bool,
) -> None:
    monkeypatch.delenv("REFERRAL_RULES_FILE", raising=False)
    tracker = make_tracker(slots={**slots, "booking_after_checkin": True})
    events = await ActionTriageDecision().run(dispatcher, tracker, {})
    if follow_up:
        assert responses(dispatcher) == [*said_first, "utter_start_booking"]
        assert events[-1] == FollowupAction("booking_form")
    else:
        # A warning sign: the emergency reply's rule runs, never the booking.
        assert SlotSet("triage_outcome", "emergency") in events
        assert dispatcher.messages == []


@pytest.mark.parametrize(
    ("slots", "said"),
    [
        (checkin_slots(42, 8, NUMB_FOOT), ["utter_checkin_stopped_criterion_met"]),
        (checkin_slots(3, 2), []),
    ],
)
async def test_stopping_the_questions_keeps_what_the_answers_already_say(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    slots: dict[str, Any],
    said: list[str],
) -> None:
    monkeypatch.delenv("REFERRAL_RULES_FILE", raising=False)
    tracker = make_tracker(
        text="no I don't want to book now, just wanted info",
        intent="stop",
        slots={**slots, "requested_slot": "red_flags_denied"},
        active_loop="symptom_checkin_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert responses(dispatcher) == said
    assert events[-1] == ActionExecutionRejected("symptom_checkin_form")
    if said:
        assert "more than a few weeks" in dispatcher.messages[0]["triage_reasons"]


@pytest.mark.parametrize("text", ["not sure what you mean by tingling", "what does numbness mean?"])
def test_asking_what_the_symptom_words_mean_gets_them_explained(
    dispatcher: CollectingDispatcher, text: str
) -> None:
    tracker = make_tracker(text=text, slots={"requested_slot": "nerve_symptoms"})
    assert FORM.validate_nerve_symptoms(text, dispatcher, tracker, {}) == {"nerve_symptoms": None}
    assert responses(dispatcher) == ["utter_explain_nerve_symptoms"]


STORY_AND_QUESTION = (
    "so ive had this lower back ache for about 10 days after moving house, no numbness. "
    "is there anything i can do at home?"
)


async def test_a_question_told_with_the_story_is_answered_before_the_checkin(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text=STORY_AND_QUESTION,
        intent="describe_own_pain",
        ranking=[("home_exercise_stretching", 0.82), ("treatment_options", 0.08)],
    )
    events = await ActionStartCheckin().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/home_exercise_stretching", "utter_start_checkin"]
    assert events == [SlotSet("last_faq_key", "home_exercise_stretching")]


async def test_whether_pain_told_with_the_story_is_chronic_gets_when_to_be_seen(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    text = (
        "ive had back ache for 3 months on and off. 4/10. no numbness. is that chronic? "
        "should I do something"
    )
    tracker = make_tracker(text=text, intent="describe_own_pain", ranking=[("sciatica", 0.2)])
    events = await ActionStartCheckin().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/when_to_see_specialist", "utter_start_checkin"]
    assert events == [SlotSet("last_faq_key", "when_to_see_specialist")]


@pytest.mark.parametrize(
    ("text", "ranking"),
    [
        # a story without a question
        ("my lower back has hurt for 10 days", [("back_pain_causes", 0.9)]),
        # a question with no clear answer ("at home" would be: the exercises at home)
        (
            "so ive had this lower back ache for about 10 days after moving house, no numbness."
            " what do you reckon?",
            [("home_exercise_stretching", 0.4), ("treatment_options", 0.35)],
        ),
    ],
)
async def test_without_a_clearly_answered_question_the_checkin_just_starts(
    domain: dict[str, Any], text: str, ranking: list[tuple[str, float]]
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=text, intent="describe_own_pain", ranking=ranking)
    assert await ActionStartCheckin().run(dispatcher, tracker, domain) == []
    assert responses(dispatcher) == ["utter_start_checkin"]


async def test_a_checkin_already_answered_is_not_announced_again(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    answered = {
        "pain_duration_days": 60,
        "pain_severity": 5,
        "nerve_symptoms": {"kinds": [], "places": [], "denied": True},
        "red_flags_denied": True,
        "checkin_done": True,
    }
    tracker = make_tracker(
        text="my back still hurts tho", intent="describe_own_pain", slots=answered
    )
    assert await ActionStartCheckin().run(dispatcher, tracker, domain) == []
    assert responses(dispatcher) == []


async def test_what_helps_until_the_appointment_is_said_after_the_result(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    answered = {
        "pain_duration_days": 3,
        "pain_severity": 8,
        "nerve_symptoms": {"kinds": [], "places": [], "denied": True},
        "red_flags_denied": True,
        "checkin_done": True,
    }
    tracker = make_tracker(
        text="what can i do meanwhile", intent="describe_own_pain", slots=answered
    )
    events = await ActionStartCheckin().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_meanwhile"]
    assert events == [FollowupAction("action_listen")], "not the result again"


async def test_a_symptom_remembered_after_the_result_is_taken(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    answered = {
        "pain_duration_days": 14,
        "pain_severity": 3,
        "nerve_symptoms": {"numbness": False, "tingling": False, "weakness": False},
        "red_flags_denied": True,
    }
    text = "oh wait actually my left leg goes a bit numb when i sit for a long time"
    tracker = make_tracker(text=text, intent="describe_own_pain", slots=answered)
    events = await ActionStartCheckin().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_noted_correction"]
    [symptoms] = [event for event in events if event.get("name") == "nerve_symptoms"]
    assert symptoms["value"]["numbness"]


@pytest.mark.parametrize(
    ("text", "about_the_child"),
    [
        ("hes fine otherwise tbh. cant i just do the stretches from your page with him", True),
        ("he's had it for 3 weeks", True),
        ("my own back hurts too, for 2 months", False),
    ],
)
async def test_after_the_reply_about_a_child_the_adult_checkin_is_not_started_for_them(
    domain: dict[str, Any], text: str, about_the_child: bool
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=text, intent="describe_own_pain", slots={"scope_reason": "child"})
    events = await ActionStartCheckin().run(dispatcher, tracker, domain)
    if about_the_child:
        assert responses(dispatcher) == ["utter_scope_child_again"]
        assert events == [FollowupAction("action_listen")]
    else:
        assert responses(dispatcher) == ["utter_start_checkin"]


@pytest.mark.parametrize(
    ("text", "started"),
    [
        (
            "i've had back pain on and off for years, just a dull ache. i dont really want to "
            "see anyone, just want to know if there's anything i can do myself",
            False,
        ),
        ("my back hurts for 3 weeks, I don't want an appointment, what helps?", False),
        ("my back hurts for 3 weeks, I want to see someone", True),
    ],
)
async def test_own_pain_told_without_wanting_an_appointment_gets_the_self_help(
    domain: dict[str, Any], text: str, started: bool
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=text, intent="describe_own_pain")
    events = await ActionStartCheckin().run(dispatcher, tracker, domain)
    if started:
        assert responses(dispatcher) == ["utter_start_checkin"]
    else:
        assert responses(dispatcher) == ["utter_self_help_without_booking"]
        assert events == [FollowupAction("action_listen")]


async def test_each_question_told_with_the_story_that_has_an_answer_gets_it_first(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    text = (
        "for the last 6 weeks I get a dull ache across my lower back, maybe 4/10. Three "
        "things: does sitting all day really cause this? what stretches should I do? and do "
        "I need an MRI scan?"
    )
    tracker = make_tracker(text=text, intent="describe_own_pain")
    tracker.latest_message["question_answers"] = [
        {"faq_key": "joint_lubrication", "confidence": 0.61},
        {"faq_key": "home_exercise_stretching", "confidence": 0.71},
    ]
    await ActionStartCheckin().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [
        "utter_faq/joint_lubrication",
        "utter_faq/home_exercise_stretching",
        "utter_other_question_not_covered",
        "utter_start_checkin",
    ]


async def test_a_worry_about_the_heart_beside_a_clear_question_is_answered_too(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    text = "my back is stiff for 5 weeks and my hand tingles. Is it my heart?? What's causing it?"
    tracker = make_tracker(
        text=text, intent="describe_own_pain", ranking=[("faq/symptoms_to_report", 0.9)]
    )
    await ActionStartCheckin().run(dispatcher, tracker, domain)
    assert "utter_heart_worry" in responses(dispatcher)


async def test_a_question_about_an_activity_read_as_own_pain_gets_the_activity_reply(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="is swimming ok", intent="describe_own_pain")
    events = await ActionStartCheckin().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_activity_not_covered", "utter_faq/exercise_benefits"]
    assert FollowupAction("action_listen") in events


async def test_trouble_getting_through_is_met_with_an_apology_before_the_checkin(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    text = (
        "this is the third time ive tried to get through to your clinic and nobody answers "
        "the phone. absolutely useless. my back is killing me"
    )
    tracker = make_tracker(text=text, intent="describe_own_pain")
    await ActionStartCheckin().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_sorry_for_the_trouble", "utter_start_checkin"]


def test_a_no_to_only_some_warning_signs_asks_about_the_rest_once(
    dispatcher: CollectingDispatcher,
) -> None:
    text = "he's fine with the toilet, no fever. no falls"
    tracker = make_tracker(text=text, slots={"requested_slot": "red_flags_denied"})
    assert FORM.validate_red_flags_denied(text, dispatcher, tracker, {}) == {
        "red_flags_denied": None
    }
    assert dispatcher.messages == [], "the question about the rest says it"
    asked = [
        {
            "event": "bot",
            "text": "...",
            "metadata": {"utter_action": "utter_ask_remaining_red_flags"},
        },
        {"event": "user", "text": "no numbness there", "parse_data": {}},
    ]
    again = make_tracker(
        text="no numbness there", slots={"requested_slot": "red_flags_denied"}, events=asked
    )
    assert FORM.validate_red_flags_denied("no numbness there", dispatcher, again, {}) == {
        "red_flags_denied": True
    }


def test_nothing_new_said_to_the_remaining_sign_is_a_no(dispatcher: CollectingDispatcher) -> None:
    text = (
        "not weak exactly, just the heavy feeling after walking a while, its been like that "
        "for months, not new"
    )
    asked = [
        {
            "event": "bot",
            "text": "...",
            "metadata": {"utter_action": "utter_ask_remaining_red_flags"},
        },
        {"event": "user", "text": text, "parse_data": {}},
    ]
    tracker = make_tracker(text=text, slots={"requested_slot": "red_flags_denied"}, events=asked)
    assert FORM.validate_red_flags_denied(text, dispatcher, tracker, {}) == {
        "red_flags_denied": True
    }


def test_a_nerve_symptom_told_only_as_over_is_none_now(dispatcher: CollectingDispatcher) -> None:
    text = (
        "not now. i had tingling in my leg last year but it went away after a few days, nothing now"
    )
    tracker = make_tracker(text=text, slots={"requested_slot": "nerve_symptoms"})
    result = FORM.validate_nerve_symptoms("tingling", dispatcher, tracker, {})
    assert result["nerve_symptoms"]["tingling"] is False
    assert result["nerve_symptoms"]["numbness"] is False


def test_a_bare_no_first_answers_every_warning_sign(dispatcher: CollectingDispatcher) -> None:
    text = "no. no chest pain either if thats what you mean"
    tracker = make_tracker(text=text, slots={"requested_slot": "red_flags_denied"})
    assert FORM.validate_red_flags_denied(text, dispatcher, tracker, {}) == {
        "red_flags_denied": True
    }


async def test_the_safety_question_leaves_out_the_signs_already_denied(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    answer = "Sometimes the toes on my right foot feel tingly. No problems with the toilet."
    tracker = make_tracker(
        text=answer,
        events=[{"event": "user", "text": answer}],
        slots={"requested_slot": "red_flags_denied"},
    )
    await ActionAskRedFlagsDenied().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["response"] == "utter_ask_remaining_red_flags"
    assert "bladder" not in message["signs"]
    assert message["signs"] == (
        "numbness around the groin or bottom, new weakness in both legs, "
        "a recent serious fall or accident, or a fever"
    )


async def test_with_nothing_denied_the_whole_safety_question_is_asked(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="tingly toes", events=[{"event": "user", "text": "tingly toes"}])
    await ActionAskRedFlagsDenied().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_ask_red_flags_denied"]


async def test_asking_if_lifting_counts_as_an_accident_is_answered_before_the_question(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    text = "no numbness. does lifting the box count as an accident?"
    tracker = make_tracker(text=text, events=[{"event": "user", "text": text}])
    await ActionAskRedFlagsDenied().run(dispatcher, tracker, domain)
    assert responses(dispatcher)[0] == "utter_explain_serious_injury"
    assert responses(dispatcher)[1].startswith("utter_ask_")


async def test_stopping_because_there_is_no_pain_says_no_criterion(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # "Last year I had surgery" read as a duration is no pain's duration.
    monkeypatch.delenv("REFERRAL_RULES_FILE", raising=False)
    tracker = make_tracker(
        text="i dont have pain now. i asked about exercise",
        intent="stop",
        slots={**checkin_slots(365, None, None), "requested_slot": "pain_severity"},
        active_loop="symptom_checkin_form",
    )
    await FORM.run(dispatcher, tracker, domain)
    assert "utter_checkin_stopped_criterion_met" not in responses(dispatcher)


@pytest.mark.parametrize(
    ("text", "entities", "said", "events"),
    [
        (
            "i have sciatica. will mine get worse?",
            [{"entity": "condition", "value": "sciatica", "start": 7, "end": 15}],
            ["utter_faq/specialist_consultation", "utter_start_checkin"],
            [SlotSet("last_faq_key", "specialist_consultation")],
        ),
        (
            "my back has hurt for a month. how long will it take to heal?",
            [],
            ["utter_question_not_covered", "utter_start_checkin"],
            [],
        ),
    ],
)
async def test_a_question_told_with_the_pain_is_read_as_a_followup_before_the_checkin(
    domain: dict[str, Any],
    text: str,
    entities: list[dict[str, Any]],
    said: list[str],
    events: list[SlotSet],
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=text, intent="describe_own_pain", entities=entities)
    assert await ActionStartCheckin().run(dispatcher, tracker, domain) == events
    assert responses(dispatcher) == said


@pytest.mark.parametrize("text", ["what does 10 mean, like a broken bone?", "whats the scale"])
def test_asking_what_the_scale_means_gets_it_explained(
    dispatcher: CollectingDispatcher, text: str
) -> None:
    tracker = make_tracker(text=text, intent="inform", slots={"requested_slot": "pain_severity"})
    assert FORM.validate_pain_severity(text, dispatcher, tracker, {}) == {"pain_severity": None}
    assert responses(dispatcher) == ["utter_explain_pain_scale"]


async def test_exercise_that_made_it_worse_gets_its_reply_though_nothing_is_asked(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    text = "i tried the stretching you said and it made it worse, sharp pain now"
    tracker = make_tracker(
        text=text,
        intent="out_of_scope",
        slots={"requested_slot": "pain_severity", "pain_duration_days": 21},
        events=[
            {"event": "user", "text": text},
            {"event": "slot", "name": "pain_severity", "value": text},
        ],
        active_loop="symptom_checkin_form",
    )
    tracker.latest_message["scope"] = "worse_with_exercise"
    events = await FORM.run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_scope_worse_with_exercise"], "no 'sorry' after it"
    assert SlotSet("pain_severity", None) in events


async def test_values_told_with_a_red_flag_guess_are_kept_once_it_is_cleared(
    dispatcher: CollectingDispatcher,
) -> None:
    told = {
        "event": "user",
        "text": "since ramzan, so maybe 8 9 months. she say it is 7 out of 10",
        "parse_data": {"intent": {"name": "suspected_emergency"}, "entities": []},
    }
    answer = "no not sudden, it is slowly slowly over months"
    cleared = {
        "event": "user",
        "text": answer,
        "parse_data": {"intent": {"name": "deny"}, "entities": []},
    }
    tracker = make_tracker(
        text=answer,
        intent="deny",
        events=[told, cleared],
        slots={"requested_slot": "pain_duration_days"},
        active_loop="symptom_checkin_form",
    )
    assert await FORM.extract_pain_duration_days(dispatcher, tracker, {}) == {
        "pain_duration_days": 270
    }
    assert await FORM.extract_pain_severity(dispatcher, tracker, {}) == {"pain_severity": 7}


async def test_exercise_said_to_have_made_it_worse_changes_the_self_care_advice(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    told = {
        "event": "user",
        "text": "i tried the stretching and it made it worse",
        "parse_data": {"intent": {"name": "out_of_scope"}, "scope": "worse_with_exercise"},
    }
    tracker = make_tracker(
        text="no",
        intent="deny",
        events=[told],
        slots={"pain_duration_days": 7, "pain_severity": 3, "nerve_symptoms": None},
    )
    events = await checkin.ActionTriageDecision().run(dispatcher, tracker, domain)
    assert SlotSet("exercise_made_worse", True) in events


def test_a_yes_about_the_nerve_symptoms_with_a_no_to_the_rest_answers_both(
    dispatcher: CollectingDispatcher,
) -> None:
    text = (
        "yes tingling down the back of my right leg. no problems with bladder or anything like that"
    )
    tracker = make_tracker(text=text, slots={"requested_slot": "nerve_symptoms"})
    result = FORM.validate_nerve_symptoms("tingling", dispatcher, tracker, {})
    assert result["red_flags_denied"] is True
    assert result["nerve_symptoms"]["tingling"] is True


def test_a_no_with_a_request_to_be_seen_books_after_the_result(
    dispatcher: CollectingDispatcher,
) -> None:
    text = "no fever, toilet is normal, i not fall. i want see doctor, friday is good for me"
    tracker = make_tracker(text=text, slots={"requested_slot": "red_flags_denied"})
    result = FORM.validate_red_flags_denied(text, dispatcher, tracker, {})
    assert result[BOOKING_ASKED] is True
    # the signs not named (numbness around the groin, both legs) are still asked about
    assert result["red_flags_denied"] is None


def test_symptoms_and_signs_denied_with_a_request_to_be_seen_book_after_the_result(
    dispatcher: CollectingDispatcher,
) -> None:
    text = "no numbness, nothing else. i want see doctor, friday is good for me"
    tracker = make_tracker(text=text, slots={"requested_slot": "nerve_symptoms"})
    result = FORM.validate_nerve_symptoms(text, dispatcher, tracker, {})
    assert result["red_flags_denied"] is True
    assert result[BOOKING_ASKED] is True


def test_a_no_that_names_only_some_warning_signs_leaves_the_rest_to_ask(
    dispatcher: CollectingDispatcher,
) -> None:
    text = "no fever, toilet is normal, i not fall"
    tracker = make_tracker(text=text, slots={"requested_slot": "nerve_symptoms"})
    result = FORM.validate_nerve_symptoms(text, dispatcher, tracker, {})
    assert "red_flags_denied" not in result, "groin numbness and both legs are still asked"


async def test_what_should_i_do_told_with_the_story_is_left_to_the_checkins_result(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="Back pain 3 days, about 2/10, no numbness tingling or weakness. what should i do",
        intent="describe_own_pain",
        ranking=[("treatment_options", 0.82), ("home_exercise_stretching", 0.08)],
    )
    await ActionStartCheckin().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_start_checkin"]


@pytest.mark.parametrize(
    ("text", "theirs"),
    [("its not me its my dad. since sunday so about 6 days", True), ("who is they? its me", False)],
)
async def test_whose_pain_it_is_put_right_during_the_check_in(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, theirs: bool
) -> None:
    tracker = make_tracker(
        text=text,
        intent="inform",
        slots={"requested_slot": "pain_duration_days"},
        events=[{"event": "user", "text": text}],
        active_loop="symptom_checkin_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert SlotSet("checkin_for_other", theirs) in events
    assert not [m for m in dispatcher.messages if m["response"].startswith("utter_wrong_")]


@pytest.mark.parametrize("text", ["sorry I meant 3 not 8, typo", "no. but the pain is 3 not 8!!"])
async def test_a_score_put_right_later_replaces_the_one_given(
    dispatcher: CollectingDispatcher, text: str
) -> None:
    tracker = make_tracker(
        text=text, slots={"pain_severity": 8, "requested_slot": "nerve_symptoms"}
    )
    assert await FORM.extract_pain_severity(dispatcher, tracker, {}) == {"pain_severity": 3}


def test_a_score_put_right_is_no_answer_to_the_nerve_question(
    dispatcher: CollectingDispatcher,
) -> None:
    text = "sorry I meant 3 not 8, typo"
    tracker = make_tracker(text=text, slots={"requested_slot": "nerve_symptoms"})
    assert FORM.validate_nerve_symptoms(text, dispatcher, tracker, {}) == {"nerve_symptoms": None}
    assert dispatcher.messages == []


async def test_a_request_to_book_told_with_the_pain_books_after_the_safety_question(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    text = "hi want to book something for my lower back, its been bad for weeks"
    tracker = make_tracker(text=text, intent="describe_own_pain")
    assert await ActionStartCheckin().run(dispatcher, tracker, domain) == [
        SlotSet(BOOKING_ASKED, True)
    ]
    assert responses(dispatcher) == ["utter_safety_before_booking"]
    # The form's first run keeps the request, so only the safety question is asked.
    started = make_tracker(
        text=text,
        intent="describe_own_pain",
        slots={BOOKING_ASKED: True},
        active_loop="symptom_checkin_form",
    )
    slots = ["pain_duration_days", "pain_severity", "nerve_symptoms", "red_flags_denied"]
    assert await FORM.required_slots(slots, dispatcher, started, domain) == ["red_flags_denied"]
    events = await FORM._validate(dispatcher, started, domain)
    assert SlotSet(BOOKING_ASKED, None) not in events


async def test_a_score_put_right_while_another_question_is_open_is_taken(
    dispatcher: CollectingDispatcher,
) -> None:
    text = (
        "Sorry, actually at its worst it's more like a 7 - I was thinking of today. "
        "No numbness or anything like that."
    )
    tracker = make_tracker(
        text=text,
        slots={"pain_duration_days": 188, "pain_severity": 3, "requested_slot": "nerve_symptoms"},
        active_loop="symptom_checkin_form",
    )
    assert await FORM.extract_pain_severity(dispatcher, tracker, {}) == {"pain_severity": 7}
    # "today" in it is no new duration
    assert await FORM.extract_pain_duration_days(dispatcher, tracker, {}) == {}


async def test_a_duration_put_right_to_today_is_taken_when_said_so(
    dispatcher: CollectingDispatcher,
) -> None:
    tracker = make_tracker(
        text="sorry, it actually only started this morning",
        slots={"pain_duration_days": 14, "requested_slot": "nerve_symptoms"},
        active_loop="symptom_checkin_form",
    )
    assert await FORM.extract_pain_duration_days(dispatcher, tracker, {}) == {
        "pain_duration_days": 0
    }


async def test_a_score_put_right_at_the_symptom_question_is_no_failed_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "actually its more like a 7 when i bend down to be honest"
    tracker = make_tracker(
        text=text,
        slots={"pain_duration_days": 6, "pain_severity": 5, "requested_slot": "nerve_symptoms"},
        active_loop="symptom_checkin_form",
    )
    assert await FORM.extract_pain_severity(dispatcher, tracker, domain) == {"pain_severity": 7}
    assert FORM.validate_nerve_symptoms(text, dispatcher, tracker, domain) == {
        "nerve_symptoms": None
    }
    assert dispatcher.messages == [], "no 'sorry, I didn't follow' for a correction"


@pytest.mark.parametrize(
    "text", ["actually no wait, more like a 3, its not that bad", "no wait, sorry, more like a 6"]
)
async def test_a_no_inside_a_score_correction_answers_nothing(
    text: str, dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text=text,
        slots={"pain_duration_days": 2, "pain_severity": 4, "requested_slot": "nerve_symptoms"},
        active_loop="symptom_checkin_form",
        events=[
            {"event": "slot", "name": "pain_severity", "value": 4},
            {"event": "user", "text": text},
        ],
    )
    assert (await FORM.extract_pain_severity(dispatcher, tracker, domain))["pain_severity"] != 4
    # As Rasa validates it: the new score is already in the tracker.
    tracker.slots["pain_severity"] = 3 if "3" in text else 6
    assert FORM.validate_nerve_symptoms(text, dispatcher, tracker, domain) == {
        "nerve_symptoms": None
    }
    assert dispatcher.messages == []


async def test_a_no_before_a_score_correction_still_answers(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "no, nothing like that. actually more like a 3"
    tracker = make_tracker(
        text=text,
        slots={"pain_duration_days": 2, "pain_severity": 4, "requested_slot": "nerve_symptoms"},
        active_loop="symptom_checkin_form",
    )
    answered = FORM.validate_nerve_symptoms(text, dispatcher, tracker, domain)
    assert answered["nerve_symptoms"] is not None


async def test_a_leg_asleep_from_sitting_told_without_pain_starts_no_checkin(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="my leg went numb after sitting crosslegged for ages watching tv, its fine now, "
        "is that normal?",
        intent="describe_own_pain",
        ranking=[("symptoms_to_report", 0.4)],
    )
    events = await ActionStartCheckin().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_passing_nerve_symptom"]
    assert events == [FollowupAction("action_listen")]


async def test_will_it_get_worse_told_with_the_story_is_answered_beside_the_other_answer(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    text = (
        "ive had that for 2 months now, the GP said its sciatica from a herniated disc. will it "
        "get worse? and can i keep going to the gym or should i stop"
    )
    tracker = make_tracker(
        text=text, intent="describe_own_pain", ranking=[("exercise_benefits", 0.9)]
    )
    await ActionStartCheckin().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [
        # the gym, which the guide does not name, is not left as if answered
        "utter_activity_not_covered",
        "utter_faq/exercise_benefits",
        "utter_whether_it_gets_worse",
        "utter_start_checkin",
    ]


async def test_a_question_after_the_result_is_answered_not_the_result_again(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="Maybe. What should I tell the doctor when I go?",
        intent="describe_own_pain",
        ranking=[("symptoms_to_report", 0.9)],
        slots={
            "pain_duration_days": 60,
            "pain_severity": 0,
            "nerve_symptoms": {"numbness": False, "tingling": False, "weakness": False},
            "red_flags_denied": True,
        },
    )
    events = await ActionStartCheckin().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/symptoms_to_report"]
    assert FollowupAction("action_listen") in events


async def test_a_story_and_question_after_the_result_get_the_answer_not_the_result_again(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    text = (
        "also my dad fell off a stepladder back in July and bruised his back, he's been "
        "walking fine ever since but still moans about it. is it worth him coming in?"
    )
    tracker = make_tracker(
        text=text,
        intent="describe_own_pain",
        ranking=[("when_to_see_specialist", 0.9)],
        slots={
            "pain_duration_days": 7,
            "pain_severity": 3,
            "nerve_symptoms": {"numbness": True, "tingling": False, "weakness": False},
            "red_flags_denied": True,
            "triage_outcome": "consult",
        },
    )
    events = await ActionStartCheckin().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_faq/when_to_see_specialist"]
    assert FollowupAction("action_listen") in events


def test_how_long_a_symptom_has_lasted_does_not_replace_how_long_the_pain_has(
    dispatcher: CollectingDispatcher,
) -> None:
    text = (
        "no numbness but my right leg feels a bit weak going up stairs, been like that a few weeks"
    )
    tracker = make_tracker(
        text=text,
        slots={"requested_slot": "nerve_symptoms", "pain_duration_days": 21},
        events=[
            {"event": "user", "text": "my back has been killing me since the start of January"},
            {"event": "slot", "name": "pain_duration_days", "value": 335},
            {"event": "user", "text": text},
            {"event": "slot", "name": "pain_duration_days", "value": 21},
        ],
        active_loop="symptom_checkin_form",
    )
    assert FORM.validate_pain_duration_days("a few weeks", dispatcher, tracker, {}) == {
        "pain_duration_days": 335
    }


def test_a_vague_length_told_before_the_question_is_no_failed_answer(
    dispatcher: CollectingDispatcher,
) -> None:
    # The duration entity in the opening message ("for a while") gives no number of days:
    # the form asks its question without "sorry, I didn't catch how long".
    text = "my back has hurt for a while"
    result = FORM.validate_pain_duration_days(
        "for a while", dispatcher, make_tracker(text=text), {}
    )
    assert result == {"pain_duration_days": None}
    assert dispatcher.messages == []


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("car accident 10 years ago, my back has been sore on and off since", 3650),
        ("I fell off a ladder 3 months ago and it has hurt ever since", 90),
        # Nothing has lasted since the operation: the question is asked.
        ("op 2 years ago, been fine ever since. my back aches", None),
    ],
)
def test_a_pain_that_has_lasted_since_a_dated_event_has_its_length(
    dispatcher: CollectingDispatcher, text: str, days: int | None
) -> None:
    result = FORM.validate_pain_duration_days(text, dispatcher, make_tracker(text=text), {})
    assert result == {"pain_duration_days": days}


async def test_a_follow_up_about_the_knee_just_declined_gets_the_knee_reply_again(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "ok what about ice on it, or should i keep walking on it"
    tracker = make_tracker(
        text=text,
        intent="describe_own_pain",
        events=[
            said("my knee is swollen since 5-a-side, can u help??", "out_of_scope"),
            bot("utter_scope_other_joint"),
            said(text, "describe_own_pain"),
        ],
    )
    events = await ActionStartCheckin().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_scope_other_joint"]
    assert events == [FollowupAction("action_listen")]


def test_a_symptom_told_while_asked_how_bad_is_kept_and_the_score_asked_again(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "yes, tingling in my left foot"
    tracker = make_tracker(text=text, slots={"requested_slot": "pain_severity"})
    result = FORM.validate_pain_severity(text, dispatcher, tracker, domain)
    assert result["pain_severity"] is None
    assert result["nerve_symptoms"]["tingling"] is True
    assert responses(dispatcher) == ["utter_noted_symptoms"]


async def test_a_no_before_a_request_to_book_answers_the_combined_question(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "no. just book me the first thing you have, any day"
    tracker = make_tracker(
        text=text,
        intent="request_appointment",
        slots={"requested_slot": "nerve_symptoms", "pain_duration_days": 67, "pain_severity": 9},
        events=[
            bot("utter_start_checkin"),
            bot("utter_ask_nerve_symptoms"),
            said(text, "request_appointment"),
        ],
        active_loop="symptom_checkin_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [], "no question asked again"
    assert SlotSet("red_flags_denied", True) in events
    assert SlotSet("booking_after_checkin", True) in events
    told = [event for event in events if event.get("name") == "nerve_symptoms"]
    assert nerve_symptoms_from_slot(told[-1]["value"]) == NONE_REPORTED


@pytest.mark.parametrize(
    ("text", "said_now", "denied"),
    [
        ("no. can i book for friday then", [], True),
        # The question just read, a booking asked for instead of an answer: it goes ahead.
        ("can i get an appointment this friday", ["utter_booking_safety_unanswered"], None),
        # A yes may be to the booking or to a warning sign: asked once more.
        ("yes please book me in", ["utter_safety_before_booking"], None),
    ],
)
async def test_a_request_to_book_right_after_the_safety_question(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    text: str,
    said_now: list[str],
    denied: bool | None,
) -> None:
    tracker = make_tracker(
        text=text,
        intent="request_appointment",
        slots={"requested_slot": "red_flags_denied", "pain_duration_days": 2},
        events=[
            bot("utter_start_checkin"),
            bot("utter_ask_red_flags_denied"),
            said(text, "request_appointment"),
        ],
        active_loop="symptom_checkin_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert responses(dispatcher) == said_now
    assert SlotSet("booking_after_checkin", True) in events
    set_to = [event["value"] for event in events if event.get("name") == "red_flags_denied"]
    assert set_to[-1] is denied
    unanswered = SlotSet("safety_question_unanswered", True) in events
    assert unanswered is (said_now == ["utter_booking_safety_unanswered"])


def test_a_symptom_told_with_the_no_to_the_warning_signs_is_kept(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "no none of those. my right leg gets a bit pins and needles at night tho, does that count?"
    )
    tracker = make_tracker(
        text=text,
        intent="inform",
        slots={
            "requested_slot": "red_flags_denied",
            "nerve_symptoms": dataclasses.asdict(NONE_REPORTED),
        },
        events=[bot("utter_start_checkin"), bot("utter_ask_remaining_red_flags"), said(text)],
        active_loop="symptom_checkin_form",
    )
    result = FORM.validate_red_flags_denied(text, dispatcher, tracker, domain)
    assert result["red_flags_denied"] is True
    told = nerve_symptoms_from_slot(result["nerve_symptoms"])
    assert told is not None and told.tingling and told.locations == ("leg",)


def test_what_to_do_in_the_middle_of_the_checkin_gets_what_its_answers_say(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "what should I do?"
    tracker = make_tracker(
        text=text,
        intent="nlu_fallback",
        ranking=[("treatment_options", 0.4)],
        slots={"requested_slot": "pain_severity", "pain_duration_days": 90},
        events=[said(text, "nlu_fallback")],
    )
    FORM.validate_pain_severity(text, dispatcher, tracker, domain)
    [message] = [m for m in dispatcher.messages if m["response"] == "utter_checkin_criterion_met"]
    assert message["triage_reasons"] == DURATION_REASON


async def test_a_knee_told_beside_the_back_is_said_to_be_the_clinics_before_the_questions(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "I have pain in knee, right one, and also low back. one month"
    tracker = make_tracker(
        text=text,
        intent="describe_own_pain",
        entities=[
            {"entity": "body_part", "value": "knee", "start": text.index("knee")},
            {"entity": "body_part", "value": "lower_back", "start": text.index("low back")},
        ],
        events=[said(text, "describe_own_pain")],
    )
    await ActionStartCheckin().run(dispatcher, tracker, domain)
    said_now = responses(dispatcher)
    assert said_now[0] == "utter_other_joint_beside_checkin", said_now
    assert "utter_start_checkin" in said_now


def test_a_symptom_taken_back_while_asked_how_long_is_noted(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "sorry typo, I meant NO tingling. just the pain"
    tracker = make_tracker(
        text=text,
        intent="inform",
        slots={"requested_slot": "pain_duration_days"},
        events=[said(text)],
        active_loop="symptom_checkin_form",
    )
    result = FORM.validate_pain_duration_days(text, dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_noted_symptoms"]
    assert result["pain_duration_days"] is None
    assert nerve_symptoms_from_slot(result["nerve_symptoms"]) == NONE_REPORTED


async def test_a_childs_back_pain_is_never_given_the_adult_checkin(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "hi, random q first - do you know if the 73 bus stops near you? anyway the real "
        "reason, my son is 9 and keeps complaining his back hurts after football"
    )
    tracker = make_tracker(text=text, intent="ask_clinic_info", events=[said(text)])
    events = await ActionStartCheckin().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_scope_child"]
    assert SlotSet("scope_reason", "child") in events


async def test_learning_in_the_check_in_that_it_is_a_childs_pain_ends_it_with_no_result(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "no its not me its my son, hes 11"
    tracker = make_tracker(
        text=text,
        intent="inform",
        slots={"requested_slot": "pain_duration_days"},
        events=[bot("utter_ask_pain_duration_days"), said(text)],
        active_loop="symptom_checkin_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_scope_child"]
    assert SlotSet("requested_slot", None) in events
    ended = make_tracker(text=text, intent="inform", slots={"scope_reason": "child"})
    result = await checkin.ActionTriageDecision().run(dispatcher, ended, domain)
    assert not any(event.get("name") == "triage_outcome" for event in result)
    assert FollowupAction("action_listen") in result


def test_a_booking_not_wanted_after_the_safety_question_does_not_go_ahead(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "hmm not sure i want to come in, can i try exercises first?"
    tracker = make_tracker(
        text=text,
        intent="inform",
        slots={"requested_slot": "red_flags_denied"},
        events=[bot("utter_start_checkin"), bot("utter_ask_red_flags_denied"), said(text)],
        active_loop="symptom_checkin_form",
    )
    result = FORM.validate_red_flags_denied(text, dispatcher, tracker, domain)
    assert "utter_booking_safety_unanswered" not in responses(dispatcher)
    assert not result.get("booking_after_checkin")


async def test_a_booking_not_wanted_read_as_a_request_is_no_booking(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "hmm not sure i want to come in, can i try exercises first?"
    tracker = make_tracker(
        text=text,
        intent="request_appointment",
        ranking=[("home_exercise_stretching", 0.9)],
        slots={"requested_slot": "red_flags_denied", "pain_duration_days": 35},
        events=[bot("utter_start_checkin"), bot("utter_ask_red_flags_denied"), said(text)],
        active_loop="symptom_checkin_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert "utter_booking_safety_unanswered" not in responses(dispatcher)
    assert "utter_safety_before_booking" not in responses(dispatcher)
    assert SlotSet("booking_after_checkin", True) not in events


async def test_another_joint_put_right_in_the_check_in_ends_it_with_its_reply(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "sorry I meant my neck, not my back"
    tracker = make_tracker(
        text=text,
        intent="inform",
        slots={"requested_slot": "pain_duration_days"},
        events=[bot("utter_ask_pain_duration_days"), said(text)],
        active_loop="symptom_checkin_form",
    )
    events = await FORM.run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_scope_other_joint"]
    assert SlotSet("requested_slot", None) in events
    result = await checkin.ActionTriageDecision().run(dispatcher, make_tracker(text=text), domain)
    assert FollowupAction("action_listen") in result


@pytest.mark.parametrize(
    "text",
    [
        "my lower back has been aching for about 6 weeks, about a 5, no numbness. Should I come "
        "in?",
        "I've had back pain for a while and now there's tingling in my right leg too. Should I "
        "worry?",
    ],
)
async def test_should_i_come_in_as_the_check_in_starts_hears_yes_when_a_reason_is_met(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str
) -> None:
    tracker = make_tracker(
        text=text,
        intent="describe_own_pain",
        events=[said(text)],
        active_loop="symptom_checkin_form",
    )
    await FORM.run(dispatcher, tracker, domain)
    assert "utter_checkin_criterion_met" in responses(dispatcher)


async def test_whether_a_symptom_is_serious_after_the_result_gets_the_urgency_advice(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    text = "Oh god. Is the weakness serious?? I'm not going to end up in a wheelchair am I"
    tracker = make_tracker(
        text=text,
        intent="describe_own_pain",
        ranking=[("when_to_see_specialist", 0.9)],
        slots={
            "pain_duration_days": 35,
            "pain_severity": 5,
            "nerve_symptoms": {"numbness": False, "tingling": False, "weakness": True},
            "red_flags_denied": True,
            "triage_outcome": "consult",
        },
    )
    events = await ActionStartCheckin().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_urgency_advice", "utter_whether_it_gets_worse"]
    assert events == [FollowupAction("action_listen")]
    # Before the check-in has a result, the question does not skip its questions.
    early = CollectingDispatcher()
    started = make_tracker(text="is the weakness serious?", intent="describe_own_pain")
    await ActionStartCheckin().run(early, started, domain)
    assert "utter_urgency_advice" not in responses(early)


def test_a_score_put_right_while_asked_how_long_is_noted(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "actually it's more like 3/10, I exaggerated"
    tracker = make_tracker(
        text=text,
        intent="inform",
        slots={"requested_slot": "pain_duration_days", "pain_severity": 7},
        events=[said(text)],
        active_loop="symptom_checkin_form",
    )
    result = FORM.validate_pain_duration_days(text, dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_noted_symptoms"]
    assert result == {"pain_duration_days": None}
    # Not a correction: the question again, with the apology.
    other = CollectingDispatcher()
    plain = make_tracker(
        text="it hurts",
        intent="inform",
        slots={"requested_slot": "pain_duration_days"},
        events=[said("it hurts")],
        active_loop="symptom_checkin_form",
    )
    FORM.validate_pain_duration_days("it hurts", other, plain, domain)
    assert "utter_noted_symptoms" not in responses(other)


def test_a_word_of_the_safety_question_asked_about_gets_it_in_plain_words(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "what is bowel? sorry i dont know this word"
    tracker = make_tracker(
        text=text,
        intent="nlu_fallback",
        slots={"requested_slot": "red_flags_denied"},
        events=[said(text)],
        active_loop="symptom_checkin_form",
    )
    result = FORM.validate_red_flags_denied(text, dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_red_flags_in_plain_words"]
    assert result == {"red_flags_denied": None}


async def test_another_joint_put_right_before_the_check_in_gets_the_other_joints_reply(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "sorry I meant my knee, not my back"
    tracker = make_tracker(text=text, intent="describe_own_pain", events=[said(text)])
    events = await ActionStartCheckin().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_scope_other_joint"]
    assert events == [FollowupAction("action_listen")]


def test_a_score_told_while_asked_how_long_is_noted_without_an_apology(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "its pretty bad like a 7 when i sit for long"
    tracker = make_tracker(
        text=text,
        intent="inform",
        slots={"requested_slot": "pain_duration_days", "pain_severity": 7},
        events=[said(text)],
        active_loop="symptom_checkin_form",
    )
    result = FORM.validate_pain_duration_days(text, dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_noted_symptoms"]
    assert result == {"pain_duration_days": None}


def test_a_length_put_right_while_asked_something_else_is_acknowledged(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "no none of that. wait actually sorry i got mixed up its been 3 WEEKS not 3 days"
    tracker = make_tracker(
        text=text,
        intent="deny",
        slots={"requested_slot": "red_flags_denied", "pain_duration_days": 21},
        events=[SlotSet("pain_duration_days", 3), said(text)],
        active_loop="symptom_checkin_form",
    )
    result = FORM.validate_pain_duration_days(21, dispatcher, tracker, domain)
    assert result == {"pain_duration_days": 21}
    assert responses(dispatcher) == ["utter_noted_duration"]
    # The same length told again is no change to acknowledge.
    again = CollectingDispatcher()
    FORM.validate_pain_duration_days(3, again, tracker, domain)
    assert responses(again) == []


async def test_a_dose_question_beside_a_score_gets_its_reply_once(domain: dict[str, Any]) -> None:
    dispatcher = CollectingDispatcher()
    text = (
        "um about a 4 now, it was way worse in october. no tingling or anything. but what "
        "about painkillers, how much ibuprofen can I take a day?"
    )
    tracker = make_tracker(
        text=text,
        intent="out_of_scope",
        slots={"requested_slot": "pain_severity", "pain_duration_days": 60},
        events=[
            {"event": "user", "text": text},
            {"event": "slot", "name": "pain_severity", "value": text},
        ],
        active_loop="symptom_checkin_form",
    )
    tracker.latest_message["scope"] = "medicine_use"
    events = await FORM.run(dispatcher, tracker, domain)
    said = [m["response"] for m in dispatcher.messages]
    assert said == ["utter_scope_medicine_use"]
    assert SlotSet("pain_severity", 4) in events


async def test_a_pregnancy_told_in_the_checkin_gets_its_reply_and_the_question_without_sorry(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    text = "I'm 30 weeks pregnant btw"
    tracker = make_tracker(
        text=text,
        intent="inform",
        slots={"requested_slot": "pain_duration_days"},
        events=[
            {"event": "user", "text": text},
            {"event": "slot", "name": "pain_duration_days", "value": text},
        ],
        active_loop="symptom_checkin_form",
    )
    tracker.latest_message["scope"] = "pregnancy"
    await FORM.run(dispatcher, tracker, domain)
    said = [m["response"] for m in dispatcher.messages]
    assert said[0] == "utter_scope_pregnancy", said
    assert "utter_wrong_pain_duration_days" not in said


@pytest.mark.parametrize(
    "text",
    [
        "about 6 weeks now. and medication, is there anything that helps?",
        "5ish. you didnt answer about medication though",
    ],
)
def test_a_question_beside_a_checkin_answer_is_seen(text: str) -> None:
    answered = [{"event": "slot", "name": "pain_severity", "value": 5}]
    assert checkin._answered_with_a_question(answered, text)


async def test_why_the_warning_signs_are_asked_is_answered_beside_the_no(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    text = "no none of those. why are you asking about a fever?? im fine temperature wise i think"
    tracker = make_tracker(
        text=text,
        intent="deny",
        slots={"requested_slot": "red_flags_denied"},
        events=[
            {"event": "user", "text": text},
            {"event": "slot", "name": "red_flags_denied", "value": text},
        ],
        active_loop="symptom_checkin_form",
    )
    await FORM.run(dispatcher, tracker, domain)
    said = [m["response"] for m in dispatcher.messages]
    assert said == ["utter_why_safety_question"], said


async def test_a_story_that_asks_only_to_book_gets_no_faq_answer_first(
    domain: dict[str, Any],
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text="sorry, english: my back hurts one month, can I book?",
        intent="describe_own_pain",
        ranking=[("daily_function", 0.9)],
    )
    await ActionStartCheckin().run(dispatcher, tracker, domain)
    assert "utter_faq/daily_function" not in responses(dispatcher)


@pytest.mark.parametrize(
    ("text", "answered"),
    [
        ("nope, nothing like that, just stiff", True),
        ("no nothing like that but my foot is numb", False),
    ],
)
async def test_a_no_to_everything_then_a_remark_answers_the_symptom_question(
    dispatcher: CollectingDispatcher, text: str, answered: bool
) -> None:
    tracker = make_tracker(
        text=text,
        intent="faq",
        slots={"requested_slot": "nerve_symptoms"},
        events=[{"event": "user", "text": text}],
        active_loop="symptom_checkin_form",
    )
    result = await FORM.extract_nerve_symptoms(dispatcher, tracker, {})
    assert (result.get("nerve_symptoms") == dataclasses.asdict(NONE_REPORTED)) is answered
