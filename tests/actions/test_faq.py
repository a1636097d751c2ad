from typing import Any

import pytest
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.faq import (
    ActionAnswerChosenFaq,
    ActionAnswerFaq,
    ActionAnswerFollowup,
    ActionAnswerUrgency,
    ActionMatchFaq,
)
from tests.actions.conftest import make_tracker


def question(domain: dict[str, Any], key: str) -> str:
    return domain["responses"][f"utter_faq/{key}"][0]["metadata"]["question"]


async def test_a_clear_answer_is_marked_for_the_answer_rule(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(ranking=[("sciatica", 0.95), ("osteoarthritis", 0.02)])
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert events == [SlotSet("faq_match", "clear"), SlotSet("last_faq_key", "sciatica")]
    assert dispatcher.messages == []


async def test_a_switch_of_clinician_at_the_confirmation_is_left_to_the_booking(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="oh wait she's a physio? I think I'd rather see a consultant. same day if poss",
        ranking=[("physical_therapy", 0.95)],
        slots={"requested_slot": "booking_confirmed"},
        active_loop="booking_form",
    )
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert events == [SlotSet("faq_match", "unclear")]
    assert dispatcher.messages == []


async def test_an_unclear_answer_asks_did_you_mean_with_a_button_per_choice(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        ranking=[("otc_medication", 0.45), ("prescription_medication", 0.4), ("sciatica", 0.01)]
    )
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert events == [SlotSet("faq_match", "unclear")]
    assert [(m["response"], m["buttons"]) for m in dispatcher.messages] == [
        (
            "utter_did_you_mean",
            [
                {
                    "title": question(domain, "otc_medication"),
                    "payload": '/choose_faq{"faq_key": "otc_medication"}',
                },
                {
                    "title": question(domain, "prescription_medication"),
                    "payload": '/choose_faq{"faq_key": "prescription_medication"}',
                },
                {"title": "Something else", "payload": "/something_else"},
            ],
        )
    ]


async def test_what_the_one_condition_named_is_beats_the_story_around_it(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="hi my physio mentioned sciatia, what actualy is that",
        ranking=[("physical_therapy", 0.9), ("sciatica", 0.05)],
    )
    tracker.latest_message["entities"] = [{"entity": "condition", "value": "sciatica"}]
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert SlotSet("last_faq_key", "sciatica") in events
    # What causes the one condition named: its answer, which says how it comes about.
    text = (
        "my sister has osteoarthritis in her spine and I'm worried I'll get it too. what causes it?"
    )
    tracker = make_tracker(text=text, ranking=[("back_pain_causes", 0.5)])
    tracker.latest_message["entities"] = [{"entity": "condition", "value": "osteoarthritis"}]
    events = await ActionMatchFaq().run(CollectingDispatcher(), tracker, domain)
    assert SlotSet("last_faq_key", "osteoarthritis") in events
    # Asked about the physiotherapy itself, that is the answer.
    tracker = make_tracker(
        text="my physio mentioned sciatica, how does physio work?",
        ranking=[("physical_therapy", 0.9), ("sciatica", 0.05)],
    )
    tracker.latest_message["entities"] = [{"entity": "condition", "value": "sciatica"}]
    events = await ActionMatchFaq().run(CollectingDispatcher(), tracker, domain)
    assert SlotSet("last_faq_key", "physical_therapy") in events


@pytest.mark.parametrize(
    ("text", "ranking", "key"),
    [
        (
            "my back hurts when i carry shopping bags or go up the stairs. can exercise help?",
            [("daily_function", 0.45), ("exercise_benefits", 0.42)],
            "daily_function",
        ),
        (
            "how does exercise actually reduce back pain? like what is the mechanism",
            [("treatment_options", 0.45), ("exercise_benefits", 0.42)],
            "exercise_benefits",
        ),
        (
            "are core exercises good or bad for lower back?",
            [("exercise_benefits", 0.46), ("core_muscles", 0.43)],
            "core_muscles",
        ),
        (
            "wat helps lower bak pain",
            [("treatment_options", 0.47), ("otc_medication", 0.45)],
            "treatment_options",
        ),
        (
            "can back pain get worse if I just ignore it?",
            [("when_to_see_specialist", 0.31), ("specialist_consultation", 0.15)],
            "specialist_consultation",
        ),
        # a treatment the guide does not name: said so with the treatments it does
        (
            "Is massage or a chiropractor good for back pain?",
            [("treatment_options", 0.31), ("exercise_benefits", 0.24)],
            "treatment_options",
        ),
    ],
)
async def test_a_choice_the_question_names_in_so_many_words_is_no_did_you_mean(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    text: str,
    ranking: list[tuple[str, float]],
    key: str,
) -> None:
    tracker = make_tracker(text=text, ranking=ranking)
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert SlotSet("last_faq_key", key) in events
    assert "utter_did_you_mean" not in [m["response"] for m in dispatcher.messages]


async def test_a_treatment_the_guide_does_not_name_is_said_before_its_treatments(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="Is massage or a chiropractor good for back pain?",
        ranking=[("treatment_options", 0.31), ("exercise_benefits", 0.24)],
        slots={"last_faq_key": "treatment_options"},
    )
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    responses = [m["response"] for m in dispatcher.messages]
    assert responses[:2] == ["utter_activity_not_covered", "utter_faq/treatment_options"]
    assert dispatcher.messages[0]["activity"] == "massage"


async def test_a_story_asking_only_what_to_do_goes_to_the_checkin_not_did_you_mean(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="I've had back pain on and off for years and lately my legs feel weak when I walk "
        "a long way. What does the clinic suggest?",
        ranking=[("symptoms_to_report", 0.45), ("specialist_consultation", 0.42)],
    )
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert events == [SlotSet("faq_match", "own_pain")]
    assert dispatcher.messages == []


async def test_why_a_specialist_is_what_a_specialist_adds(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="Why do I need a specialist if I can just stretch at home?",
        ranking=[("home_exercise_stretching", 0.9)],
    )
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert SlotSet("last_faq_key", "specialist_consultation") in events


async def test_whether_someone_else_can_be_seen_is_a_yes_not_a_did_you_mean(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="my dad was in a bad car crash years ago and now has back pain, can he see your "
        "specialist?",
        ranking=[("specialist_consultation", 0.45), ("when_to_see_specialist", 0.42)],
    )
    await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_others_can_book"]


async def test_a_topic_the_guide_leaves_out_is_said_with_the_nearest_answer_not_asked_about(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="Will losing weight help my back pain? I'm about 20kg overweight",
        ranking=[("strength_training", 0.45), ("exercise_benefits", 0.4)],
    )
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert SlotSet("faq_match", "clear") in events
    assert SlotSet("last_faq_key", "strength_training") in events
    # (The answer's action says that weight is beyond the guide, with the answer.)
    assert "utter_did_you_mean" not in [m["response"] for m in dispatcher.messages]


@pytest.mark.parametrize(
    "ranking",
    [
        [("sciatica", 0.1), ("osteoarthritis", 0.09)],  # nothing likely
        [],  # no ranking at all
        [("retired_topic", 0.97)],  # the model knows an answer the data no longer has
    ],
)
async def test_no_likely_answer_is_marked_for_the_fallback_rule(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], ranking: list
) -> None:
    events = await ActionMatchFaq().run(dispatcher, make_tracker(ranking=ranking), domain)
    assert events == [SlotSet("faq_match", "no_match")]


async def test_a_chosen_button_gives_that_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        intent="choose_faq", entities=[{"entity": "faq_key", "value": "osteoarthritis"}]
    )
    events = await ActionAnswerChosenFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_faq/osteoarthritis"]
    assert events == [SlotSet("last_faq_key", "osteoarthritis")]


@pytest.mark.parametrize("entities", [[], [{"entity": "faq_key", "value": "no_such_topic"}]])
async def test_a_bad_or_missing_choice_is_answered_kindly(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], entities: list
) -> None:
    tracker = make_tracker(intent="choose_faq", entities=entities)
    assert await ActionAnswerChosenFaq().run(dispatcher, tracker, domain) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_cannot_answer"]


@pytest.mark.parametrize(
    ("text", "last", "response", "events"),
    [
        ("what can I do about it?", "sciatica", "utter_faq/treatment_options",
         [SlotSet("last_faq_key", "treatment_options")]),
        ("which exercises help?", "herniated_disc", "utter_faq/home_exercise_stretching",
         [SlotSet("last_faq_key", "home_exercise_stretching")]),
        ("tell me more", None, "utter_capabilities", []),
    ],
)  # fmt: skip
async def test_followups_use_the_previous_answer(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    text: str,
    last: str | None,
    response: str,
    events: list,
) -> None:
    tracker = make_tracker(text=text, intent="ask_followup", slots={"last_faq_key": last})
    assert await ActionAnswerFollowup().run(dispatcher, tracker, domain) == events
    assert [m["response"] for m in dispatcher.messages] == [response]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("do u treat sciatica", ["utter_clinic_sees_back_conditions", "utter_faq/sciatica"]),
        ("what is sciatica", ["utter_faq/sciatica"]),
    ],
)
async def test_whether_the_clinic_treats_a_condition_of_the_guide_hears_yes(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, said: list[str]
) -> None:
    tracker = make_tracker(
        text=text, ranking=[("sciatica", 0.9)], slots={"last_faq_key": "sciatica"}
    )
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages][: len(said)] == said


async def test_a_follow_up_of_two_questions_answers_the_one_the_guide_covers(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="and medication? will i need surgery",
        intent="ask_followup",
        slots={"last_faq_key": "sciatica"},
    )
    await ActionAnswerFollowup().run(dispatcher, tracker, domain)
    responses = [m["response"] for m in dispatcher.messages]
    assert responses[0] == "utter_faq/otc_medication"
    assert responses[-1] == "utter_other_question_not_covered"


async def test_tell_me_more_follows_the_answers_own_link(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    link = domain["responses"]["utter_faq/sciatica"][0]["metadata"]["tell_me_more"]
    tracker = make_tracker(
        text="tell me more", intent="ask_followup", slots={"last_faq_key": "sciatica"}
    )
    await ActionAnswerFollowup().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [f"utter_faq/{link}"]


def with_ranking(tracker: Any, **confidences: float) -> Any:
    tracker.latest_message["intent_ranking"] = [
        {"name": name, "confidence": value} for name, value in confidences.items()
    ]
    return tracker


ANSWERED_SCIATICA = [
    {"event": "user", "text": "what is sciatica"},
    {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_faq/sciatica"}},
    {"event": "user", "text": "what about exercise?"},
]


@pytest.mark.parametrize(
    ("text", "own_pain", "active_loop", "expected"),
    [
        ("back pain", 0.39, None, "own_pain"),
        ("sore lower back", 0.3, None, "own_pain"),
        # a question, a weak second guess, or a form in progress keep the FAQ path
        ("what is back pain?", 0.39, None, "clear"),
        ("back pain", 0.1, None, "clear"),
        ("back pain", 0.39, "booking_form", "clear"),
    ],
)
async def test_a_bare_complaint_read_as_own_pain_starts_the_checkin(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    text: str,
    own_pain: float,
    active_loop: str | None,
    expected: str,
) -> None:
    tracker = make_tracker(text=text, ranking=[("back_pain_causes", 0.95)], active_loop=active_loop)
    events = await ActionMatchFaq().run(
        dispatcher, with_ranking(tracker, faq=0.55, describe_own_pain=own_pain), domain
    )
    assert events[0] == SlotSet("faq_match", expected)


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        (ANSWERED_SCIATICA, "followup"),
        # with no answer just before, "what about exercise?" is a question of its own
        ([{"event": "user", "text": "what about exercise?"}], "clear"),
    ],
)
async def test_a_question_leaning_on_the_answer_just_given_is_a_followup(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    events: list[dict[str, Any]],
    expected: str,
) -> None:
    tracker = make_tracker(
        text="what about exercise?",
        ranking=[("daily_function", 0.95)],
        slots={"last_faq_key": "sciatica"},
        events=events,
    )
    result = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert result[0] == SlotSet("faq_match", expected)


async def test_the_answer_just_given_is_not_given_again_to_its_follow_up(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    answered: list[dict[str, Any]] = [
        {"event": "user", "text": "does exercise help back pain?"},
        {
            "event": "bot",
            "text": "...",
            "metadata": {"utter_action": "utter_faq/exercise_benefits"},
        },
        {"event": "user", "text": "what kind of exercise"},
    ]
    tracker = make_tracker(
        text="what kind of exercise",
        ranking=[("exercise_benefits", 0.95)],
        slots={"last_faq_key": "exercise_benefits"},
        events=answered,
    )
    result = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert result[0] == SlotSet("faq_match", "followup")


async def test_a_passing_numbness_asked_about_is_said_plainly_without_an_answer_or_checkin(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "my leg went to sleep from sitting cross legged too long, its fine now after walking. "
        "is that bad for my back?"
    )
    tracker = make_tracker(text=text, ranking=[("when_to_see_specialist", 0.9)])
    result = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert result == [SlotSet("faq_match", "unclear")]
    assert [m["response"] for m in dispatcher.messages] == ["utter_passing_nerve_symptom"]


async def test_an_unclear_follow_up_with_its_own_answer_needs_no_did_you_mean(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "thanks. should i see someone about the disc or just do exercises"
    answered: list[dict[str, Any]] = [
        {"event": "user", "text": "what is a herniated disc?"},
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_faq/herniated_disc"}},
        {"event": "user", "text": text},
    ]
    tracker = make_tracker(
        text=text,
        ranking=[("exercise_benefits", 0.4), ("herniated_disc", 0.35)],
        slots={"last_faq_key": "herniated_disc"},
        events=answered,
    )
    result = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert result[0] == SlotSet("faq_match", "followup")
    assert dispatcher.messages == []


async def test_a_second_question_in_the_message_is_answered_after_the_first(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="what is sciatica and how is it treated?", slots={"last_faq_key": "sciatica"}
    )
    tracker.latest_message["second_question"] = {"faq_key": "treatment_options", "confidence": 0.8}
    events = await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_faq/sciatica",
        "utter_faq/treatment_options",
    ]
    assert dispatcher.messages[0]["buttons"] == [], "the feedback buttons come once, at the end"
    assert events == [SlotSet("last_faq_key", "treatment_options")]


async def test_a_question_asked_first_with_a_clear_answer_is_answered_before_the_chosen_one(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "my questions: 1) is this a herniated disc? 2) gym or rest? 3) can i take ibuprofen?"
    tracker = make_tracker(text=text, slots={"last_faq_key": "otc_medication"})
    tracker.latest_message["question_answers"] = [{"faq_key": "herniated_disc", "confidence": 0.85}]
    events = await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages][:3] == [
        "utter_cannot_diagnose",
        "utter_faq/herniated_disc",
        "utter_faq/otc_medication",
    ]
    assert SlotSet("last_faq_key", "otc_medication") in events


@pytest.mark.parametrize(
    ("other", "said"),
    [
        (["ask_clinic_info"], ["utter_faq/sciatica", "utter_contact"]),
        (["out_of_scope"], ["utter_faq/sciatica", "utter_other_question_not_covered"]),
        ([], ["utter_faq/sciatica"]),
    ],
)
async def test_a_question_no_faq_answers_is_not_left_as_if_answered(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], other: list[str], said: list[str]
) -> None:
    tracker = make_tracker(
        text="what is sciatica and one more thing?", slots={"last_faq_key": "sciatica"}
    )
    tracker.latest_message["other_questions"] = other
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == said


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "what is spinal stenosis exactly? my dad has it, could it run in families?",
            ["utter_faq/spinal_stenosis", "utter_other_question_not_covered"],
        ),
        ("what is spinal stenosis? my dad has it.", ["utter_faq/spinal_stenosis"]),
        # The question not covered comes first, the one answered after it.
        (
            "Is spinal stenosis surgery necessary or can exercise help?",
            [
                "utter_faq/spinal_stenosis",
                "utter_faq/home_exercise_stretching",
                "utter_other_question_not_covered",
            ],
        ),
        (
            "does losing weight help back pain, and what about spinal stenosis",
            ["utter_faq/spinal_stenosis", "utter_other_question_not_covered"],
        ),
    ],
)
async def test_a_later_question_the_guide_does_not_cover_is_said_to_be_so(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, said: list[str]
) -> None:
    tracker = make_tracker(text=text, slots={"last_faq_key": "spinal_stenosis"})
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == said


@pytest.mark.parametrize(
    ("text", "set_aside", "said"),
    [
        (
            "What does cauda equina mean? My physio mentioned it as something to watch for.",
            ["bladder_bowel"],
            ["utter_faq/symptoms_to_report", "utter_warning_signs"],
        ),
        # No warning sign named: the routine list is the answer.
        ("what symptoms should i tell the specialist about?", [], ["utter_faq/symptoms_to_report"]),
    ],
)
async def test_a_question_naming_a_warning_sign_gets_the_signs_beside_the_routine_list(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    text: str,
    set_aside: list[str],
    said: list[str],
) -> None:
    tracker = make_tracker(text=text, slots={"last_faq_key": "symptoms_to_report"})
    tracker.latest_message["red_flags_set_aside"] = set_aside
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == said


@pytest.mark.parametrize("second", ["sciatica", "no_such_answer"])
async def test_a_second_question_with_the_same_or_no_answer_adds_nothing(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], second: str
) -> None:
    tracker = make_tracker(slots={"last_faq_key": "sciatica"})
    tracker.latest_message["second_question"] = {"faq_key": second, "confidence": 0.8}
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_faq/sciatica"]


async def test_is_that_serious_in_the_check_in_hears_what_its_answers_already_say(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="is that serious?",
        intent="ask_if_urgent",
        slots={"pain_severity": 10, "requested_slot": "pain_duration_days"},
        active_loop="symptom_checkin_form",
    )
    await ActionAnswerUrgency().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_urgency_advice",
        "utter_checkin_criterion_met",
    ]


async def test_is_that_serious_right_after_an_answer_is_about_that_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="is that serious?",
        intent="ask_if_urgent",
        slots={"last_faq_key": "sciatica"},
        events=[
            {"event": "user", "text": "what is sciatica"},
            {"event": "bot", "metadata": {"utter_action": "utter_faq/sciatica"}},
            {"event": "user", "text": "is that serious?"},
        ],
    )
    await ActionAnswerUrgency().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_faq/when_to_see_specialist"]


async def test_is_it_dangerous_after_another_condition_was_declined_is_about_that_one(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="is it dangerous?",
        intent="ask_if_urgent",
        events=[
            {"event": "user", "text": "What is aortic stenosis? my dad was just told he has it"},
            {"event": "bot", "metadata": {"utter_action": "utter_scope_other_condition"}},
            {"event": "user", "text": "is it dangerous?"},
        ],
    )
    await ActionAnswerUrgency().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_scope_other_condition"]


async def test_is_it_urgent_without_an_answer_before_gets_the_urgency_advice(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(text="is it urgent?", intent="ask_if_urgent")
    await ActionAnswerUrgency().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_urgency_advice"]


@pytest.mark.parametrize(
    "text",
    [
        "hypothetically if i ever lost bladder control would that be an emergency?",
        "Hypothetically, what would happen if someone with sciatica lost control of their bladder?",
        "what are the signs that back pain is an emergency?",
    ],
)
async def test_a_question_about_the_warning_signs_gets_the_signs_not_the_checkins_result(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str
) -> None:
    tracker = make_tracker(text=text, intent="ask_if_urgent", slots={"triage_outcome": "self_care"})
    await ActionAnswerUrgency().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_warning_signs"]


async def test_is_it_urgent_about_the_child_just_spoken_of_gets_the_advice_for_a_child(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="is that urgent or can it wait til next week",
        intent="ask_if_urgent",
        slots={"scope_reason": "child"},
        events=[
            {"event": "user", "text": "my son is 9 and his back hurts after school"},
            {"event": "bot", "metadata": {"utter_action": "utter_scope_child"}},
            {"event": "user", "text": "is that urgent or can it wait til next week"},
        ],
    )
    await ActionAnswerUrgency().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_scope_child_urgency"]


def condition(value: str, start: int) -> dict[str, Any]:
    return {"entity": "condition", "value": value, "start": start, "end": start + 5}


async def test_a_comparison_of_two_conditions_gets_the_article_on_each(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="what's the difference between sciatica and a herniated disc?",
        ranking=[("sciatica", 0.5), ("herniated_disc", 0.4)],
        entities=[condition("herniated_disc", 45), condition("sciatica", 30)],
    )
    match = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert match == [SlotSet("faq_match", "clear"), SlotSet("last_faq_key", "sciatica")]
    assert dispatcher.messages == [], "no 'Did you mean' between the two"
    tracker.slots["last_faq_key"] = "sciatica"  # as the match set it
    events = await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_comparison_intro",
        "utter_faq/sciatica",
        "utter_faq/herniated_disc",
    ]
    assert events == [SlotSet("last_faq_key", "herniated_disc")], "follow-ups are about the last"


async def test_a_question_after_a_comparison_is_answered_after_both(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="what's the difference between sciatica and a herniated disc? and does exercise help?",
        ranking=[("sciatica", 0.5), ("herniated_disc", 0.4)],
        entities=[condition("herniated_disc", 45), condition("sciatica", 30)],
    )
    tracker.latest_message["question_answers"] = [
        {"faq_key": "sciatica", "confidence": 0.6},
        {"faq_key": "exercise_benefits", "confidence": 0.9},
    ]
    tracker.slots["last_faq_key"] = "sciatica"
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_comparison_intro",
        "utter_faq/sciatica",
        "utter_faq/herniated_disc",
        "utter_faq/exercise_benefits",
    ]


async def test_is_it_the_same_as_compares_with_the_answer_just_given(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    answered: list[dict[str, Any]] = [
        {"event": "user", "text": "what is sciatica"},
        {"event": "bot", "metadata": {"utter_action": "utter_faq/sciatica"}},
        {"event": "user", "text": "is it the same as arthritis?"},
    ]
    tracker = make_tracker(
        text="is it the same as arthritis?",
        ranking=[("osteoarthritis", 0.9)],
        entities=[condition("osteoarthritis", 18)],
        slots={"last_faq_key": "sciatica"},
        events=answered,
    )
    assert (await ActionMatchFaq().run(dispatcher, tracker, domain))[1] == SlotSet(
        "last_faq_key", "sciatica"
    )
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_comparison_intro",
        "utter_faq/sciatica",
        "utter_faq/osteoarthritis",
    ]


async def test_is_it_the_same_as_compares_with_the_condition_answered_before_another(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "is it the same thing as sciatica? and what causes it"
    answered: list[dict[str, Any]] = [
        {"event": "user", "text": "what is spinal stenosis and can exercise help with it?"},
        {"event": "bot", "metadata": {"utter_action": "utter_faq/spinal_stenosis"}},
        {"event": "bot", "metadata": {"utter_action": "utter_faq/exercise_benefits"}},
        {"event": "user", "text": text},
    ]
    tracker = make_tracker(
        text=text,
        ranking=[("sciatica", 0.9)],
        entities=[condition("sciatica", 23)],
        slots={"last_faq_key": "exercise_benefits"},
        events=answered,
    )
    assert (await ActionMatchFaq().run(dispatcher, tracker, domain))[1] == SlotSet(
        "last_faq_key", "spinal_stenosis"
    )


async def test_the_same_words_with_nothing_answered_before_answer_the_one_condition(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="is it the same as arthritis?",
        ranking=[("osteoarthritis", 0.9)],
        entities=[condition("osteoarthritis", 18)],
        slots={"last_faq_key": "sciatica"},
    )
    match = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert match[1] == SlotSet("last_faq_key", "osteoarthritis")


async def test_exercises_for_a_condition_get_the_exercise_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="exercises for slipped disc",
        ranking=[("herniated_disc", 0.9), ("home_exercise_stretching", 0.05)],
        entities=[condition("herniated_disc", 14)],
    )
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert events == [
        SlotSet("faq_match", "clear"),
        SlotSet("last_faq_key", "home_exercise_stretching"),
    ]


async def test_a_question_told_with_the_story_gets_the_answer_then_the_checkin(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "hello, i have pain in back since 6 week, also my hand is numb sometime. what i should do?"
    )
    tracker = make_tracker(text=text, slots={"last_faq_key": "symptoms_to_report"})
    events = await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_faq/symptoms_to_report",
        "utter_start_checkin",
    ]
    assert events[-1] == FollowupAction("symptom_checkin_form")


async def test_a_question_told_with_the_story_after_the_result_gets_only_the_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "my leg pain for 2 months, is it sciatica?"
    slots = {
        "last_faq_key": "sciatica",
        "pain_duration_days": 60,
        "pain_severity": 5,
        "nerve_symptoms": {"numbness": False, "tingling": True, "weakness": False},
        "red_flags_denied": True,
        "triage_outcome": "consult",
    }
    events = await ActionAnswerFaq().run(dispatcher, make_tracker(text=text, slots=slots), domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_cannot_diagnose",
        "utter_faq/sciatica",
    ]
    assert FollowupAction("symptom_checkin_form") not in events


async def test_a_plain_question_gets_only_its_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(text="what is sciatica?", slots={"last_faq_key": "sciatica"})
    assert await ActionAnswerFaq().run(dispatcher, tracker, domain) == [
        SlotSet("last_faq_key", "sciatica")
    ]


@pytest.mark.parametrize(
    "text", ["TINGLING. right leg. no warning signs", "i just said pins and needles in the leg??"]
)
async def test_the_symptom_question_answered_in_the_articles_words_is_left_to_the_form(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str
) -> None:
    tracker = make_tracker(
        text=text,
        ranking=[("symptoms_to_report", 0.95)],
        slots={"requested_slot": "nerve_symptoms"},
        active_loop="symptom_checkin_form",
    )
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert SlotSet("faq_match", "unclear") in events
    assert dispatcher.messages == []


async def test_a_question_about_one_activity_says_the_guide_does_not_name_it(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="even deadlifts?",
        ranking=[("strength_training", 0.95)],
        slots={"last_faq_key": "strength_training"},
    )
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_activity_not_covered"
    assert dispatcher.messages[0]["activity"] == "deadlifts"
    assert dispatcher.messages[1]["response"] == "utter_faq/strength_training"


@pytest.mark.parametrize(
    ("text", "leaned_on"),
    [
        ("Does a TENS machine help with back pain?", "strength_training"),
        ("Does acupuncture work for chronic back pain?", "physical_therapy"),
    ],
)
async def test_a_treatment_the_guide_does_not_name_gets_the_treatments_it_does(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, leaned_on: str
) -> None:
    tracker = make_tracker(
        text=text, ranking=[(leaned_on, 0.95)], slots={"last_faq_key": leaned_on}
    )
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    responses = [m["response"] for m in dispatcher.messages]
    assert responses[0] == "utter_activity_not_covered"
    assert responses[1] == "utter_faq/treatment_options"


@pytest.mark.parametrize(
    "text",
    ["how many minutes a day should i stretch for my back", "how often should i do them?"],
)
async def test_how_much_to_exercise_is_said_to_be_beyond_the_guide_before_the_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str
) -> None:
    tracker = make_tracker(
        text=text,
        ranking=[("home_exercise_stretching", 0.95)],
        slots={"last_faq_key": "home_exercise_stretching"},
    )
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    responses = [m["response"] for m in dispatcher.messages]
    assert responses[:2] == [
        "utter_exercise_amount_not_covered",
        "utter_faq/home_exercise_stretching",
    ]


async def test_an_activity_the_guide_does_not_name_is_said_once(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="whats the best exercise for back pain? is swimming ok? should I avoid weights?",
        ranking=[("strength_training", 0.95)],
        slots={"last_faq_key": "strength_training"},
    )
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    responses = [m["response"] for m in dispatcher.messages]
    assert responses[:2] == ["utter_activity_not_covered", "utter_faq/strength_training"]
    assert "utter_activity_question_not_covered" not in responses


async def test_an_activity_beside_two_exercise_answers_is_said_once(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="is running ok with sciatica and what stretches can i do at home?",
        ranking=[("exercise_benefits", 0.95)],
        slots={"last_faq_key": "exercise_benefits"},
    )
    tracker.latest_message["second_question"] = {
        "faq_key": "home_exercise_stretching",
        "confidence": 0.8,
    }
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    responses = [m["response"] for m in dispatcher.messages]
    assert responses[:3] == [
        "utter_activity_not_covered",
        "utter_faq/exercise_benefits",
        "utter_faq/home_exercise_stretching",
    ]


async def test_asking_what_two_conditions_are_answers_each_without_comparing(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "what is spinal stenosis and what is osteoarthritis"
    tracker = make_tracker(
        text=text,
        ranking=[("spinal_stenosis", 0.95)],
        entities=[
            {"entity": "condition", "value": "spinal_stenosis", "start": 8, "end": 23},
            {"entity": "condition", "value": "osteoarthritis", "start": 36, "end": 50},
        ],
        slots={"last_faq_key": "spinal_stenosis"},
    )
    match = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert SlotSet("last_faq_key", "spinal_stenosis") in match
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages][:2] == [
        "utter_faq/spinal_stenosis",
        "utter_faq/osteoarthritis",
    ]


async def test_asking_whether_one_has_a_condition_is_told_only_a_specialist_can_say(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="Is it sciatica what I have?",
        ranking=[("sciatica", 0.95)],
        slots={"last_faq_key": "sciatica"},
    )
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages][:2] == [
        "utter_cannot_diagnose",
        "utter_faq/sciatica",
    ]


async def test_what_if_it_gets_worse_gets_who_to_call_meanwhile(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    from actions.faq import ActionAnswerUrgency

    tracker = make_tracker(text="what if my leg gets worse before monday?", intent="ask_if_urgent")
    assert await ActionAnswerUrgency().run(dispatcher, tracker, domain) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_if_it_gets_worse"]


async def test_a_question_about_the_pain_scale_while_it_is_asked_is_explained(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="what does 10 mean, like a broken bone?",
        ranking=[("symptoms_to_report", 0.9)],
        slots={"requested_slot": "pain_severity"},
        active_loop="symptom_checkin_form",
    )
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert events == [SlotSet("faq_match", "unclear")], "the form asks for the score again"
    assert [m["response"] for m in dispatcher.messages] == ["utter_explain_pain_scale"]


async def test_a_comparison_told_with_the_story_goes_on_to_the_checkin(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "whats the difference between sciatica and a slipped disc, i think i have one of "
        "them. pain shoots down my leg for a week now"
    )
    tracker = make_tracker(
        text=text,
        ranking=[("sciatica", 0.5), ("herniated_disc", 0.4)],
        entities=[condition("herniated_disc", 44), condition("sciatica", 27)],
        slots={"last_faq_key": "sciatica"},
    )
    events = await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages][-1] == "utter_start_checkin"
    assert events[-1] == FollowupAction("symptom_checkin_form")


async def test_a_question_joined_with_and_that_leans_on_the_answer_is_answered_after_it(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="What exactly is osteoarthritis, and is it going to get worse?",
        slots={"last_faq_key": "osteoarthritis"},
    )
    events = await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_faq/osteoarthritis",
        "utter_faq/specialist_consultation",
    ]
    assert SlotSet("last_faq_key", "specialist_consultation") in events


async def test_a_brief_numbness_from_sitting_is_said_not_to_be_a_warning_sign(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "My dad had a heart attack last year so I worry a lot. My leg went a bit numb after "
        "sitting cross-legged on the floor last night, it was fine after a minute. Is that "
        "serious?"
    )
    tracker = make_tracker(text=text, intent="ask_if_urgent")
    assert await ActionAnswerUrgency().run(dispatcher, tracker, domain) == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_passing_nerve_symptom"]


async def test_numbness_with_a_warning_sign_now_is_not_called_passing(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "my legs went numb after sitting too long and now I can't control my bladder, "
        "is that serious?"
    )
    tracker = make_tracker(text=text, intent="ask_if_urgent")
    await ActionAnswerUrgency().run(dispatcher, tracker, domain)
    assert "utter_passing_nerve_symptom" not in [m["response"] for m in dispatcher.messages]


async def test_the_weather_asked_beside_another_question_is_said_to_be_beyond_the_guide(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text=(
            "I have osteoarthritis in my lower back. Two questions please: does the weather "
            "make it worse, and why is it that I feel stiffer in the mornings?"
        ),
        slots={"last_faq_key": "joint_lubrication"},
    )
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_faq/joint_lubrication",
        "utter_other_question_not_covered",
    ]


@pytest.mark.parametrize(
    ("text", "last", "expected"),
    [
        (
            "prescription or over the counter?",
            "prescription_medication",
            ["utter_faq/otc_medication", "utter_faq/prescription_medication"],
        ),
        (
            "the medicine from pharmacy is enough or I need the prescription?",
            "otc_medication",
            ["utter_faq/otc_medication", "utter_faq/prescription_medication"],
        ),
    ],
)
async def test_pharmacy_or_prescription_gets_what_the_guide_says_of_each(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    text: str,
    last: str,
    expected: list[str],
) -> None:
    tracker = make_tracker(text=text, ranking=[(last, 0.9)], slots={"last_faq_key": last})
    events = await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == expected
    assert SlotSet("last_faq_key", "prescription_medication") in events


async def test_a_did_you_mean_between_the_messages_own_questions_answers_each_in_order(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "what is sciatica, how long does it last and can I exercise with it?"
    tracker = make_tracker(text=text, ranking=[("exercise_benefits", 0.46), ("sciatica", 0.34)])
    tracker.latest_message["question_answers"] = [
        {"faq_key": "sciatica", "confidence": 0.89},
        {"faq_key": "exercise_benefits", "confidence": 0.8},
    ]
    match = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert match == [SlotSet("faq_match", "clear"), SlotSet("last_faq_key", "sciatica")]
    assert dispatcher.messages == [], "no 'Did you mean'"
    tracker.slots["last_faq_key"] = "sciatica"
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    said = [m["response"] for m in dispatcher.messages]
    assert said[:2] == ["utter_faq/sciatica", "utter_faq/exercise_benefits"]


async def test_a_did_you_mean_between_questions_about_the_one_condition_named_answers_each(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "i keep hearing about degenrative disc disease. what is it and does exercise "
        "actually help with it?"
    )
    tracker = make_tracker(
        text=text,
        ranking=[("degenerative_disc_disease", 0.45), ("home_exercise_stretching", 0.4)],
        entities=[{"entity": "condition", "value": "degenerative_disc_disease"}],
    )
    match = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert match == [
        SlotSet("faq_match", "clear"),
        SlotSet("last_faq_key", "degenerative_disc_disease"),
    ]
    assert dispatcher.messages == [], "no 'Did you mean'"
    tracker.slots["last_faq_key"] = "degenerative_disc_disease"
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    said = [m["response"] for m in dispatcher.messages]
    assert said[:2] == [
        "utter_faq/degenerative_disc_disease",
        "utter_faq/home_exercise_stretching",
    ]


async def test_tablets_on_prescription_or_over_the_counter_beside_physio_get_both_answers(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "would physio help with my back? and what about tablets, prescription or over the counter?"
    )
    tracker = make_tracker(
        text=text, ranking=[("physical_therapy", 0.9)], slots={"last_faq_key": "physical_therapy"}
    )
    tracker.latest_message["question_answers"] = [
        {"faq_key": "physical_therapy", "confidence": 0.68},
        {"faq_key": "treatment_options", "confidence": 0.35},
    ]
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_faq/physical_therapy",
        "utter_faq/otc_medication",
        "utter_faq/prescription_medication",
    ]


async def test_a_condition_asked_beyond_the_guide_in_one_question_says_so_after_its_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "Different question, my mum has degenerative disc disease, is that something that "
        "runs in families?"
    )
    tracker = make_tracker(text=text, slots={"last_faq_key": "degenerative_disc_disease"})
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_faq/degenerative_disc_disease",
        "utter_question_not_covered",
    ]


async def test_a_follow_up_asking_over_the_counter_or_prescription_gets_both(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="and tablets? over the counter or do i need a prescription",
        slots={"last_faq_key": "physical_therapy"},
    )
    await ActionAnswerFollowup().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_faq/otc_medication",
        "utter_faq/prescription_medication",
    ]


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("treatment_options", "Can osteoarthritis in the back be cured or reversed?"),
        ("osteoarthritis", "can OA be cured?"),
    ],
)
async def test_a_question_about_a_cure_is_told_the_guide_does_not_say(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], key: str, text: str
) -> None:
    tracker = make_tracker(text=text, slots={"last_faq_key": key})
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages][:2] == [
        "utter_cure_not_covered",
        f"utter_faq/{key}",
    ]


async def test_what_kind_of_medicine_gets_each_kind_not_a_did_you_mean(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "what kind of medicine helps back pain?"
    tracker = make_tracker(
        text=text,
        ranking=[
            ("otc_medication", 0.4),
            ("prescription_medication", 0.35),
            ("treatment_options", 0.2),
        ],
    )
    result = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert result == [SlotSet("faq_match", "clear"), SlotSet("last_faq_key", "otc_medication")]
    assert dispatcher.messages == []
    answered = make_tracker(text=text, slots={"last_faq_key": "otc_medication"})
    await ActionAnswerFaq().run(dispatcher, answered, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_faq/otc_medication",
        "utter_faq/prescription_medication",
    ]


async def test_a_look_alike_word_after_its_decline_is_answered_for_the_back_and_said_so(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    events: list[dict[str, Any]] = [
        {"event": "user", "text": "I have aortic stenosis, can I exercise?"},
        {"event": "bot", "metadata": {"utter_action": "utter_scope_other_condition"}},
        {"event": "user", "text": "but is exercise good for stenosis in general?"},
    ]
    tracker = make_tracker(
        text="but is exercise good for stenosis in general?",
        ranking=[("exercise_benefits", 0.9)],
        events=events,
        slots={"last_faq_key": "exercise_benefits"},
    )
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_about_the_back_only",
        "utter_faq/exercise_benefits",
    ]


@pytest.mark.parametrize(
    ("before", "text"),
    [
        (
            "My MRI says lumbar spinal stenosis, what is it?",
            "ok. what about exercise, is walking good for stenosis?",
        ),
        ("hello", "What about exercise - is it still a good idea with the arthritis in my back?"),
    ],
)
async def test_a_look_alike_word_about_their_own_back_gets_no_note(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], before: str, text: str
) -> None:
    events: list[dict[str, Any]] = [
        {"event": "user", "text": before},
        {"event": "user", "text": "my dad has aortic stenosis and my sister rheumatoid arthritis"},
        {"event": "bot", "metadata": {"utter_action": "utter_scope_other_condition"}},
        {"event": "user", "text": text},
    ]
    tracker = make_tracker(
        text=text,
        ranking=[("exercise_benefits", 0.9)],
        events=events,
        slots={"last_faq_key": "exercise_benefits"},
    )
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert "utter_about_the_back_only" not in [m["response"] for m in dispatcher.messages]


async def test_which_muscles_is_answered_by_the_answer_that_names_them(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="which muscles should i be strengthening to protect my lower back",
        ranking=[("strength_training", 0.5), ("core_muscles", 0.45)],
    )
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert events == [SlotSet("faq_match", "clear"), SlotSet("last_faq_key", "core_muscles")]
    assert dispatcher.messages == [], "no 'Did you mean'"


async def test_a_painkiller_the_guide_does_not_name_is_said_before_its_medicine_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="what about paracetamol then?",
        ranking=[("otc_medication", 0.9)],
        slots={"last_faq_key": "otc_medication"},
    )
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    responses = [m["response"] for m in dispatcher.messages]
    assert responses[:2] == ["utter_medicine_not_named", "utter_faq/otc_medication"]
    assert dispatcher.messages[0]["medicine"] == "paracetamol"


async def test_whether_one_can_still_work_is_said_to_be_beyond_the_guide_before_its_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="Can I still do my voluntary work at the charity shop? It's mostly standing.",
        ranking=[("daily_function", 0.9)],
        slots={"last_faq_key": "daily_function"},
    )
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    responses = [m["response"] for m in dispatcher.messages]
    assert responses[:2] == ["utter_activity_not_covered", "utter_faq/daily_function"]
    assert dispatcher.messages[0]["activity"] == "your work"


async def test_what_two_named_conditions_mean_gets_each_answer_in_order(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    report = "My MRI report says degenerative disc disease and some osteoarthritis."
    text = f"{report} What do those mean?"
    entities = [
        {"entity": "condition", "value": "degenerative_disc_disease", "start": 18},
        {"entity": "condition", "value": "osteoarthritis", "start": 54},
    ]
    tracker = make_tracker(
        text=text, entities=entities, slots={"last_faq_key": "degenerative_disc_disease"}
    )
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages][:2] == [
        "utter_faq/degenerative_disc_disease",
        "utter_faq/osteoarthritis",
    ]


@pytest.mark.parametrize(
    ("text", "key", "topic"),
    [
        ("is degenerative disc disease genetic? my mum had it", "degenerative_disc_disease", None),
        (
            "I'm quite overweight. Will losing weight help my back pain along with exercise?",
            "exercise_benefits",
            "weight and diet",
        ),
        ("heat or ice for back pain? and does stretching help", "home_exercise_stretching", None),
        (
            "Will an MRI show degenerative disc disease?",
            "degenerative_disc_disease",
            "scans and X-rays",
        ),
        (
            "herniated disc - do I need surgery or will exercise fix it?",
            "home_exercise_stretching",
            "surgery",
        ),
    ],
)
async def test_a_part_the_guide_leaves_out_is_said_to_be_so(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    text: str,
    key: str,
    topic: str | None,
) -> None:
    tracker = make_tracker(text=text, slots={"last_faq_key": key})
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    said = [m["response"] for m in dispatcher.messages]
    assert f"utter_faq/{key}" in said
    assert set(said) & {
        "utter_topic_not_covered",
        "utter_other_question_not_covered",
        "utter_question_not_covered",
        "utter_activity_not_covered",
    }, said
    if topic is not None:
        assert {"response": "utter_topic_not_covered", "topic": topic}.items() <= next(
            m for m in dispatcher.messages if m["response"] == "utter_topic_not_covered"
        ).items()


@pytest.mark.parametrize(
    ("text", "slots", "said"),
    [
        # The length told now meets the guide's criterion: a yes, and the booking offered.
        ("so 5 weeks means i should?", {}, ["utter_criterion_met_offer"]),
        # Told in the check-in before it was stopped.
        (
            "ok. so should I be seeing one of your specialists?",
            {"pain_duration_days": 730},
            ["utter_criterion_met_offer"],
        ),
        # Nothing told that meets a criterion: the guide's general answer.
        ("should I see a specialist?", {"pain_duration_days": 3}, []),
    ],
)
async def test_whether_to_be_seen_with_a_criterion_met_gets_a_yes(
    dispatcher: CollectingDispatcher,
    domain: dict[str, Any],
    text: str,
    slots: dict[str, Any],
    said: list[str],
) -> None:
    tracker = make_tracker(text=text, ranking=[("when_to_see_specialist", 0.95)], slots=slots)
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == said
    assert (SlotSet("faq_match", "clear") in events) is (not said)


async def test_whether_to_be_seen_after_a_crisis_reads_what_was_told_before_it(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "so is that a yes? do I need a specialist"
    tracker = make_tracker(
        text=text,
        ranking=[("when_to_see_specialist", 0.95)],
        events=[
            {"event": "user", "text": "I've had it for 3 years. Tried physio, nothing works"},
            {"event": "user", "text": "yes I'm safe"},
            {"event": "user", "text": text},
        ],
    )
    await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_criterion_met_offer"]
    # Another person's years of pain are not the writer's.
    other = make_tracker(
        text=text,
        ranking=[("when_to_see_specialist", 0.95)],
        events=[{"event": "user", "text": "my dad has had back pain for 3 years"}],
    )
    assert await ActionMatchFaq().run(CollectingDispatcher(), other, domain) == [
        SlotSet("faq_match", "clear"),
        SlotSet("last_faq_key", "when_to_see_specialist"),
    ]


async def test_another_joint_beside_the_back_is_said_to_be_the_clinics_not_the_guides(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "I have osteoarthritis in my back and my knees also hurt, what can I do for both?"
    tracker = make_tracker(
        text=text,
        slots={"last_faq_key": "treatment_options"},
        entities=[
            {"entity": "body_part", "value": "back", "start": 25},
            {"entity": "body_part", "value": "knee", "start": 40},
        ],
    )
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    said = [m["response"] for m in dispatcher.messages]
    assert said[:2] == ["utter_faq/treatment_options", "utter_other_joint_too"], said


async def test_two_conditions_in_a_letter_asked_what_they_mean_get_both(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "I was told after an x-ray that I have 'wear and tear' in my spine, the letter said "
        "osteoarthritis and possibly some spinal stenosis. Could you explain what those mean "
        "in plain English?"
    )
    tracker = make_tracker(
        text=text,
        slots={"last_faq_key": "osteoarthritis"},
        entities=[
            {"entity": "condition", "value": "osteoarthritis", "start": text.index("osteo")},
            {"entity": "condition", "value": "spinal_stenosis", "start": text.index("spinal")},
        ],
    )
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    said = [m["response"] for m in dispatcher.messages]
    assert said[:2] == ["utter_faq/osteoarthritis", "utter_faq/spinal_stenosis"], said
    assert "utter_topic_not_covered" not in said, "the x-ray is told of, not asked about"


async def test_is_that_serious_after_pointing_back_to_the_answer_is_a_followup(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "thats what the physio at my work thinks i have. is that serious??"
    answered: list[dict[str, Any]] = [
        {"event": "user", "text": "what is a herniated disc"},
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_faq/herniated_disc"}},
        {"event": "user", "text": text},
    ]
    tracker = make_tracker(
        text=text,
        ranking=[("daily_function", 0.9)],
        slots={"last_faq_key": "herniated_disc"},
        events=answered,
    )
    result = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert result[0] == SlotSet("faq_match", "followup")


async def test_how_much_exercise_between_exercise_answers_is_answered_not_asked_about(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "how many times a week should i do back exercises and for how long?"
    tracker = make_tracker(
        text=text,
        ranking=[
            ("exercise_benefits", 0.45),
            ("treatment_options", 0.3),
            ("strength_training", 0.2),
        ],
    )
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert events == [SlotSet("faq_match", "clear"), SlotSet("last_faq_key", "exercise_benefits")]
    assert dispatcher.messages == []


async def test_a_followup_after_the_child_reply_is_still_about_the_child(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    events: list[dict[str, Any]] = [
        {"event": "user", "text": "my grandson is 8 and his back hurts after football"},
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_scope_child"}},
        {"event": "user", "text": "ok so what should we do then"},
    ]
    tracker = make_tracker(
        text="ok so what should we do then", intent="ask_followup", events=events
    )
    await ActionAnswerFollowup().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_scope_child_again"]


async def test_torn_between_when_to_be_seen_and_what_to_report_the_story_answers(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "heyy so my lower bak has been killin me 4 like 2 months now n i get pins n needles "
        "down my leg into my foot sometimes. do i need 2 see sum1 or nah"
    )
    ranking = [("when_to_see_specialist", 0.45), ("symptoms_to_report", 0.4)]
    tracker = make_tracker(text=text, ranking=ranking)
    await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_criterion_met_offer"]
    # Without a story that meets a criterion, the question which was meant.
    unsure = CollectingDispatcher()
    plain = make_tracker(text="do i need 2 see sum1 or what should i tell them", ranking=ranking)
    await ActionMatchFaq().run(unsure, plain, domain)
    assert [m["response"] for m in unsure.messages] != ["utter_criterion_met_offer"]


async def test_how_long_till_it_goes_away_is_beyond_the_guide_though_a_criterion_is_met(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "no i mean how many weeks till the sciatica goes away"
    tracker = make_tracker(
        text=text, ranking=[("when_to_see_specialist", 0.95)], slots={"pain_duration_days": 60}
    )
    await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_not_covered"]


@pytest.mark.parametrize(
    ("text", "noted"),
    [
        ("what does bulging disc mean, doc mentioned it", True),
        ("is a disc bulge serious", True),
        ("what is a herniated disc", False),
        # Asked whether they are the same: the note says they are not quite.
        ("is a bulging disc the same as a slipped disc", True),
    ],
)
async def test_a_bulging_disc_is_said_to_differ_from_the_herniated_disc_described(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, noted: bool
) -> None:
    tracker = make_tracker(text=text, slots={"last_faq_key": "herniated_disc"})
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    said = [m["response"] for m in dispatcher.messages]
    assert ("utter_bulging_disc_note" in said) is noted
    assert "utter_faq/herniated_disc" in said


async def test_whether_a_named_condition_is_serious_gets_when_to_be_seen_after_its_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "the physio said my discs are 'degenerating'. Is that serious?"
    tracker = make_tracker(text=text, slots={"last_faq_key": "degenerative_disc_disease"})
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    said = [m["response"] for m in dispatcher.messages]
    assert said[:2] == ["utter_faq/degenerative_disc_disease", "utter_urgency_advice"]


async def test_a_question_beyond_the_guide_told_with_a_story_is_said_to_be_so(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "does it get better? ive had it 6 years, every day 7 or 8 out of 10 in my back"
    tracker = make_tracker(text=text, ranking=[("joint_lubrication", 0.9)])
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    said = [m["response"] for m in dispatcher.messages]
    assert said[0] == "utter_not_covered"
    assert "utter_faq/joint_lubrication" not in said
    assert SlotSet("faq_match", "unclear") in events


async def test_a_short_question_right_after_the_other_joints_reply_is_still_about_it(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "ok. should i ice it tho?"
    events: list[dict[str, Any]] = [
        {"event": "user", "text": "my knee is swollen and clicks, what should i do?"},
        {"event": "bot", "text": "...", "metadata": {"utter_action": "utter_scope_other_joint"}},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text},
    ]
    tracker = make_tracker(text=text, ranking=[("treatment_options", 0.9)], events=events)
    result = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_scope_other_joint"]
    assert SlotSet("faq_match", "unclear") in result


async def test_a_letter_naming_two_conditions_asked_what_each_is_gets_both(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "Good morning. My consultant letter mentions spinal stenosis and osteoarthritis. "
        "Could you explain, in plain terms, what each of those is?"
    )
    tracker = make_tracker(
        text=text,
        ranking=[("symptoms_to_report", 0.40), ("spinal_stenosis", 0.37)],
        entities=[
            {"entity": "condition", "value": "spinal_stenosis", "start": text.index("spinal")},
            {"entity": "condition", "value": "osteoarthritis", "start": text.index("osteo")},
        ],
    )
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert events == [SlotSet("faq_match", "clear"), SlotSet("last_faq_key", "spinal_stenosis")]
    answered = CollectingDispatcher()
    tracker.slots["last_faq_key"] = "spinal_stenosis"
    await ActionAnswerFaq().run(answered, tracker, domain)
    said = [m["response"] for m in answered.messages]
    assert said[:2] == ["utter_faq/spinal_stenosis", "utter_faq/osteoarthritis"], said


async def test_is_the_tingling_sciatica_gets_no_diagnosis_but_what_it_is(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "before that - is the tingling sciatica?"
    tracker = make_tracker(
        text=text,
        ranking=[("symptoms_to_report", 0.50), ("when_to_see_specialist", 0.30)],
        entities=[{"entity": "condition", "value": "sciatica", "start": text.index("sciatica")}],
        slots={"pain_duration_days": 42, "pain_severity": 7, "checkin_done": True},
    )
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert events == [SlotSet("faq_match", "clear"), SlotSet("last_faq_key", "sciatica")]
    assert dispatcher.messages == []
    answered = CollectingDispatcher()
    tracker.slots["last_faq_key"] = "sciatica"
    await ActionAnswerFaq().run(answered, tracker, domain)
    said = [m["response"] for m in answered.messages]
    assert said[:2] == ["utter_cannot_diagnose", "utter_faq/sciatica"], said


async def test_when_to_go_to_ae_after_when_to_be_seen_gets_the_warning_signs_too(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "what are the warning signs that it's getting dangerous? like what should make me go to A&E"
    )
    tracker = make_tracker(text=text, slots={"last_faq_key": "when_to_see_specialist"})
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    said = [m["response"] for m in dispatcher.messages]
    assert said == ["utter_faq/when_to_see_specialist", "utter_warning_signs"], said


async def test_what_causes_a_condition_named_is_answered_by_its_answer_alone(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "And the osteoarthritis, what causes that?"
    tracker = make_tracker(
        text=text,
        slots={"last_faq_key": "osteoarthritis"},
        entities=[{"entity": "condition", "value": "osteoarthritis", "start": 8}],
    )
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    said = [m["response"] for m in dispatcher.messages]
    assert said == ["utter_faq/osteoarthritis"], said


async def test_when_a_booking_being_moved_is_asked_is_left_to_the_booking(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="remind me when it is at the moment? anyway a wednesday afternoon would be better",
        ranking=[("symptoms_to_report", 0.9)],
        slots={"reschedule_from": "JPC-XL67PQ", "requested_slot": "preferred_time"},
        active_loop="booking_form",
    )
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert events == [SlotSet("faq_match", "unclear")]
    assert dispatcher.messages == []


async def test_a_treatment_the_guide_never_names_beside_one_it_does_gets_said_so(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "is a chiropractor the same as physical therapy for back pain"
    tracker = make_tracker(
        text=text, ranking=[("physical_therapy", 0.45), ("treatment_options", 0.40)]
    )
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert events[0] == SlotSet("faq_match", "clear"), events
    answered = CollectingDispatcher()
    tracker.slots["last_faq_key"] = events[1]["value"]
    await ActionAnswerFaq().run(answered, tracker, domain)
    said = [m["response"] for m in answered.messages]
    assert said[:2] == ["utter_activity_not_covered", "utter_faq/physical_therapy"], said


@pytest.mark.parametrize(
    ("text", "key", "said"),
    [
        (
            "Bulging disc vs herniated disc, what's the difference?",
            "herniated_disc",
            ["utter_bulging_disc_note", "utter_faq/herniated_disc"],
        ),
        (
            "How long does sciatica usually take to go away?",
            "when_to_see_specialist",
            ["utter_faq/when_to_see_specialist", "utter_topic_not_covered"],
        ),
        (
            "Heat or ice for lower back pain? and should I keep moving",
            "exercise_benefits",
            ["utter_activity_not_covered", "utter_faq/exercise_benefits"],
        ),
    ],
)
async def test_the_part_the_guide_leaves_out_is_said_beside_its_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, key: str, said: list[str]
) -> None:
    tracker = make_tracker(text=text, slots={"last_faq_key": key})
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages][: len(said)] == said


async def test_a_condition_asked_about_before_the_booking_is_the_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "hi i want to book an appointment, actually no wait, first can you tell me if "
        "osteoarthritis can affect the back"
    )
    tracker = make_tracker(text=text, ranking=[("specialist_consultation", 0.9)])
    start = text.index("osteoarthritis")
    tracker.latest_message["entities"] = [
        {"entity": "condition", "value": "osteoarthritis", "start": start, "end": start + 14}
    ]
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert events == [SlotSet("faq_match", "clear"), SlotSet("last_faq_key", "osteoarthritis")]


async def test_a_no_to_the_symptom_question_gets_no_faq_answer(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="nope, nothing like that, just stiff",
        ranking=[("joint_lubrication", 0.9)],
        slots={"requested_slot": "nerve_symptoms"},
        active_loop="symptom_checkin_form",
    )
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert events == [SlotSet("faq_match", "unclear")]


async def test_a_list_of_exercises_asked_for_gets_the_exercise_answer_not_did_you_mean(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="what exercises should I do for sciatica, give me a list",
        ranking=[("home_exercise_stretching", 0.45), ("exercise_benefits", 0.4)],
    )
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert events == [
        SlotSet("faq_match", "clear"),
        SlotSet("last_faq_key", "home_exercise_stretching"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "does sciatica cause weakness in the leg?",
            ["utter_faq/sciatica", "utter_faq/symptoms_to_report"],
        ),
        ("what is sciatica?", ["utter_faq/sciatica"]),
    ],
)
async def test_a_nerve_symptom_asked_about_with_a_condition_gets_what_to_report(
    dispatcher: CollectingDispatcher, domain: dict[str, Any], text: str, expected: list[str]
) -> None:
    tracker = make_tracker(text=text, slots={"last_faq_key": "sciatica"})
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert [m["response"] for m in dispatcher.messages][:2] == expected


async def test_a_question_told_with_a_change_of_booking_gets_the_answer_then_the_change(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = (
        "Good morning. I have appointment JPC-ZZ11AA next week, I want to change to other day "
        "because of my daughter wedding, and also I want ask is stretching good for back pain?"
    )
    tracker = make_tracker(text=text, slots={"last_faq_key": "home_exercise_stretching"})
    events = await ActionAnswerFaq().run(dispatcher, tracker, domain)
    assert dispatcher.messages[0]["response"] == "utter_faq/home_exercise_stretching"
    assert events[-1] == FollowupAction("action_start_manage_booking")


async def test_whether_a_condition_can_bring_a_warning_sign_gets_the_signs_too(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "can a slipped disc ever affect your bladder?"
    tracker = make_tracker(text=text, slots={"last_faq_key": "herniated_disc"})
    await ActionAnswerFaq().run(dispatcher, tracker, domain)
    sent = [m["response"] for m in dispatcher.messages]
    assert sent[0] == "utter_faq/herniated_disc"
    assert "utter_warning_signs" in sent


async def test_a_topic_named_in_the_fewest_words_is_answered_without_did_you_mean(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="what about medicines",
        ranking=[("prescription_medication", 0.45), ("treatment_options", 0.4)],
    )
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert events == [SlotSet("faq_match", "clear"), SlotSet("last_faq_key", "otc_medication")]
    assert dispatcher.messages == []


async def test_whether_one_condition_causes_another_gets_each_and_that_the_link_is_not_covered(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    text = "does a herniated disc cause sciatica?"
    entities = [condition("herniated_disc", 7), condition("sciatica", 28)]
    tracker = make_tracker(
        text=text,
        ranking=[("sciatica", 0.45), ("herniated_disc", 0.42)],
        entities=entities,
    )
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert events == [SlotSet("faq_match", "clear"), SlotSet("last_faq_key", "herniated_disc")]
    answering = make_tracker(text=text, slots={"last_faq_key": "herniated_disc"}, entities=entities)
    await ActionAnswerFaq().run(dispatcher, answering, domain)
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_faq/herniated_disc",
        "utter_faq/sciatica",
        "utter_topic_not_covered",
    ]


async def test_strong_abs_are_the_core(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="can strong abs help my back?",
        ranking=[("strength_training", 0.45), ("core_muscles", 0.42)],
    )
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert events == [SlotSet("faq_match", "clear"), SlotSet("last_faq_key", "core_muscles")]


async def test_preventing_injuries_is_the_answer_on_everyday_tasks(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="does exercise prevent future back injuries",
        ranking=[("exercise_benefits", 0.45), ("daily_function", 0.42)],
    )
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert events == [SlotSet("faq_match", "clear"), SlotSet("last_faq_key", "daily_function")]


async def test_bad_enough_to_see_a_doctor_asks_when_to_be_seen(
    dispatcher: CollectingDispatcher, domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        text="how do i know if my back pain is bad enough to see a doctor",
        ranking=[("symptoms_to_report", 0.45), ("when_to_see_specialist", 0.42)],
    )
    events = await ActionMatchFaq().run(dispatcher, tracker, domain)
    assert events == [
        SlotSet("faq_match", "clear"),
        SlotSet("last_faq_key", "when_to_see_specialist"),
    ]
