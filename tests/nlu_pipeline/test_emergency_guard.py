import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu_pipeline.emergency_guard import EMERGENCY_INTENT, EmergencyGuard


def classified(text: str, intent: str = "faq", confidence: float = 0.31) -> Message:
    """A message as the classifier left it: some intent, possibly with low confidence."""
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": confidence})
    message.set("intent_ranking", [{"name": intent, "confidence": confidence}])
    return message


@pytest.mark.parametrize(
    "text",
    [
        "i cant control my bladder since my back went",
        "numb between my legs and my lower back hurts",
        "both my legs have gone weak and it's getting worse",
        "fell off a ladder and now my back is agony",
        "back pain and a high temperature",
    ],
)
def test_red_flags_override_any_classification_with_certainty(text: str) -> None:
    [message] = EmergencyGuard().process([classified(text, "nlu_fallback", 0.1)])
    assert message.get("intent") == {"name": EMERGENCY_INTENT, "confidence": 1.0}
    assert message.get("intent_ranking")[0]["name"] == EMERGENCY_INTENT
    assert message.get("red_flags")


@pytest.mark.parametrize(
    "text",
    [
        "what is sciatica",
        "my fingers go numb from typing",
        "I had a bladder infection last year, is it related to back pain?",
        "I have a fever",
        '/choose_faq{"faq_key": "sciatica"}',
    ],
)
def test_other_messages_keep_their_classification(text: str) -> None:
    [message] = EmergencyGuard().process([classified(text)])
    assert message.get("intent") == {"name": "faq", "confidence": 0.31}
    assert message.get("red_flags") is None


@pytest.mark.parametrize(
    "text",
    [
        "what are the signs that back pain is an actual emergency?",
        "about 10 days. but seriously what are the emergency signs",
        "if i got one of those warning signs, where do i go?",
        "so if i did get one of those what do i do, a&e?",
        "what counts as an emergency with a bad back?",
        "so if the numbness came back would that be an emergency?",
        "stop. does a small amount of bladder leakage count as a warning sign yes or no",
        # a red flag only imagined, asked whether it counts
        "what if someone lost control of their bladder but only a little bit, would that count",
        "physio mentioned cauda equina and said to watch out for it. what are the warning signs?",
        "so what ARE the warning signs",
        "hypothetically if i ever got numbness around my bum or couldnt pee what would i do",
        "quick q, if someone's back pain came with a fever would that be serious? not me, just"
        " wondering, i was reading about it",
        # when to get help before the appointment
        "monday is 2 days away. what do i do if the numbness gets worse over the weekend?",
    ],
)
def test_a_question_about_what_counts_as_an_emergency_gets_the_urgency_advice(text: str) -> None:
    [message] = EmergencyGuard().process([classified(text, "faq", 0.9)])
    assert message.get("intent") == {"name": "ask_if_urgent", "confidence": 1.0}
    assert message.get("red_flags") is None


@pytest.mark.parametrize(
    "text",
    [
        "what symptoms should I tell the specialist about?",
        "I went to A&E last year, what are the symptoms of sciatica?",
        "does walking count as exercise?",
    ],
)
def test_other_questions_about_symptoms_are_left_to_the_classifier(text: str) -> None:
    [message] = EmergencyGuard().process([classified(text, "faq", 0.9)])
    assert message.get("intent") == {"name": "faq", "confidence": 0.9}


def ranked(text: str, ranking: list[tuple[str, float]]) -> Message:
    message = Message(data={"text": text})
    message.set("intent", {"name": ranking[0][0], "confidence": ranking[0][1]})
    message.set("intent_ranking", [{"name": n, "confidence": c} for n, c in ranking])
    return message


@pytest.mark.parametrize("confidence", [0.55, 0.99])
def test_a_classifier_only_emergency_becomes_a_suspicion_to_ask_about(confidence: float) -> None:
    # Certain, however unsure the classifier: the FallbackClassifier after it must not make
    # a close call "I didn't understand" instead of the question.
    text = "my back has been killing me since i moved house, what do i do"
    [message] = EmergencyGuard().process(
        [ranked(text, [(EMERGENCY_INTENT, confidence), ("faq", 0.01)])]
    )
    assert message.get("intent") == {"name": "suspected_emergency", "confidence": 0.99}
    assert [item["name"] for item in message.get("intent_ranking")] == [
        "suspected_emergency",
        "faq",
    ]


def test_thoughts_of_self_harm_alone_are_a_crisis() -> None:
    [message] = EmergencyGuard().process([ranked("I want to end my life", [("faq", 0.4)])])
    assert message.get("intent") == {"name": "report_crisis", "confidence": 1.0}
    assert message.get("red_flags") == ["self_harm"]


def test_self_harm_with_a_physical_red_flag_is_an_emergency() -> None:
    text = "I've lost control of my bladder and I want to end my life"
    [message] = EmergencyGuard().process([ranked(text, [("faq", 0.4)])])
    assert message.get("intent") == {"name": "report_emergency", "confidence": 1.0}
    assert message.get("red_flags") == ["bladder_bowel", "self_harm"]


def test_a_red_flag_that_needs_back_pain_is_set_aside_for_the_dialogue() -> None:
    [alone] = EmergencyGuard().process([classified("and i have a fever too")])
    assert alone.get("intent") == {"name": "faq", "confidence": 0.31}, "not an emergency alone"
    assert alone.get("red_flags_with_back_pain") == ["fever"]
    [with_back] = EmergencyGuard().process([classified("back pain and a fever")])
    assert with_back.get("intent")["name"] == EMERGENCY_INTENT
    assert with_back.get("red_flags_with_back_pain") is None


@pytest.mark.parametrize(
    "text",
    [
        "no numbness and no problems with my bladder",
        "what if my legs go weak?",
        "my mum had cauda equina years ago and she's fine now",
        "I'm scared I'll end up incontinent",
    ],
)
def test_a_learned_guess_gives_way_to_red_flag_words_read_in_their_context(text: str) -> None:
    [message] = EmergencyGuard().process(
        [ranked(text, [(EMERGENCY_INTENT, 0.7), ("describe_own_pain", 0.2), ("faq", 0.1)])]
    )
    assert message.get("intent") == {"name": "describe_own_pain", "confidence": 0.2}
    assert [item["name"] for item in message.get("intent_ranking")] == ["describe_own_pain", "faq"]
    assert message.get("red_flags_set_aside")


def test_a_learned_guess_on_words_the_rules_do_not_know_is_still_asked_about() -> None:
    text = "my undercarriage feels like it belongs to someone else"
    [message] = EmergencyGuard().process([ranked(text, [(EMERGENCY_INTENT, 0.7), ("faq", 0.3)])])
    assert message.get("intent")["name"] == "suspected_emergency"
    assert message.get("red_flags_set_aside") is None


def test_a_learned_guess_on_saying_there_is_no_pain_is_dropped() -> None:
    message = ranked("I DONT HAVE PAIN", [("report_crisis", 0.6), ("stop", 0.3)])
    [gated] = EmergencyGuard().process([message])
    assert gated.get("intent")["name"] == "stop"


def test_warning_signs_in_pregnancy_are_an_emergency_or_wait_for_the_conversation() -> None:
    [said] = EmergencyGuard().process(
        [classified("I'm 30 weeks pregnant and getting tightenings every 10 minutes")]
    )
    assert said.get("intent") == {"name": EMERGENCY_INTENT, "confidence": 1.0}
    assert said.get("red_flags") == ["pregnancy"]
    [alone] = EmergencyGuard().process([classified("it comes in waves and my belly goes tight")])
    assert alone.get("intent")["name"] == "faq", "not an emergency without the pregnancy"
    assert alone.get("pregnancy_signs") is True


def test_asking_whether_a_fall_told_before_matters_asks_about_the_warning_signs() -> None:
    [asked] = EmergencyGuard().process(
        [classified("no numbness no tingling. but the fall, does that matter?")]
    )
    assert asked.get("intent") == {"name": "ask_if_urgent", "confidence": 1.0}
    assert asked.get("red_flags_with_back_pain") is None
    [again] = EmergencyGuard().process(
        [classified("she fell again this morning, does that matter?")]
    )
    assert again.get("red_flags_with_back_pain") == ["trauma"]


def test_warning_signs_denied_with_what_should_i_do_are_no_question_about_them() -> None:
    text = "5 days, 3/10, no numbness, no bladder issues, no fever, no fall. what should i do?"
    [told] = EmergencyGuard().process([classified(text, "describe_own_pain", 0.8)])
    assert told.get("intent")["name"] == "describe_own_pain"


def test_a_guess_at_what_the_checkin_asks_with_the_signs_denied_is_no_suspicion() -> None:
    text = (
        "my legs get heavy and a bit tingly if I walk more than 10 minutes, goes off when I "
        "sit down. none of the other stuff"
    )
    [message] = EmergencyGuard().process(
        [ranked(text, [(EMERGENCY_INTENT, 0.74), ("describe_own_pain", 0.2)])]
    )
    assert message.get("intent")["name"] == "describe_own_pain"


def test_the_signs_of_cauda_equina_one_had_are_asked_about_not_alarmed() -> None:
    text = (
        "I ask because I had cauda equina, couldn't control my bladder and my legs went weak, "
        "so I'm nervous about lifting weights"
    )
    [message] = EmergencyGuard().process([classified(text)])
    assert message.get("intent")["name"] == "suspected_emergency"
    assert not message.get("red_flags")


@pytest.mark.parametrize(
    "text",
    [
        "I had cauda equina surgery last year and now I can't control my bladder again",
        "I couldn't control my bladder this morning and my legs went weak",
    ],
)
def test_the_same_signs_told_as_todays_are_an_emergency(text: str) -> None:
    [message] = EmergencyGuard().process([classified(text)])
    assert message.get("intent") == {"name": EMERGENCY_INTENT, "confidence": 1.0}


def test_a_pets_limp_is_no_suspected_emergency() -> None:
    text = "my dog is limping on his back leg, what's wrong with him"
    [message] = EmergencyGuard().process([ranked(text, [(EMERGENCY_INTENT, 0.7), ("faq", 0.2)])])
    assert message.get("intent")["name"] == "out_of_scope"


def test_the_writers_own_legs_beside_a_pet_are_still_asked_about() -> None:
    text = "my dog was pulling on the lead and now my legs feel strange"
    [message] = EmergencyGuard().process([ranked(text, [(EMERGENCY_INTENT, 0.7), ("faq", 0.2)])])
    assert message.get("intent")["name"] == "suspected_emergency"
