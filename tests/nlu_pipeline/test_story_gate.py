import pytest
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.utils.io import read_config_file

from nlu_pipeline.story_gate import StoryGate
from tests.conftest import PROJECT_ROOT


def _read(text: str, intent: str) -> dict[str, object]:
    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": 0.67})
    message.set(
        "intent_ranking",
        [{"name": intent, "confidence": 0.67}, {"name": "describe_own_pain", "confidence": 0.2}],
    )
    [gated] = StoryGate().process([message])
    return dict(gated.get("intent"))


def test_own_pain_told_with_how_long_and_no_question_is_a_story() -> None:
    text = (
        "i think i have that. pain goes from my butt down the back of my leg, "
        "off and on for a couple weeks"
    )
    assert _read(text, "faq") == {"name": "describe_own_pain", "confidence": 0.67}


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("i've had sciatica for 3 weeks, what exercises can i do?", "faq"),
        ("sciatica usually lasts a few weeks", "faq"),
        ("my knee has hurt for 2 months", "out_of_scope"),
        ("what is sciatica", "faq"),
    ],
)
def test_a_question_no_story_or_another_intent_is_left_alone(text: str, intent: str) -> None:
    assert _read(text, intent)["name"] == intent


def _own_pain(text: str, entities: list[str]) -> str:
    message = Message(data={"text": text})
    message.set("intent", {"name": "describe_own_pain", "confidence": 0.5})
    message.set(
        "intent_ranking",
        [{"name": "describe_own_pain", "confidence": 0.5}, {"name": "faq", "confidence": 0.3}],
    )
    message.set("entities", [{"entity": name, "value": "x"} for name in entities])
    [gated] = StoryGate().process([message])
    return str(gated.get("intent")["name"])


@pytest.mark.parametrize(
    "text",
    [
        "fair. should i restart the physio exercises tho",
        "ok and should i rest it or keep moving?",
        "is there anything i can do at my desk to help",
    ],
)
def test_a_question_that_tells_nothing_of_the_pain_is_not_a_story(text: str) -> None:
    assert _own_pain(text, []) == "faq"


@pytest.mark.parametrize(
    ("text", "entities"),
    [
        ("my back hurts, what should I do?", ["body_part"]),
        ("is it normal to have this for 3 weeks?", ["duration"]),
        ("why does it ache so much?", []),
        ("it's been bad since monday", ["duration"]),
    ],
)
def test_a_story_asked_about_stays_a_story(text: str, entities: list[str]) -> None:
    assert _own_pain(text, entities) == "describe_own_pain"


def test_a_request_for_the_check_in_stays_a_story() -> None:
    assert _own_pain("can you check my symptoms", []) == "describe_own_pain"


def test_a_question_whose_next_reading_is_not_an_answer_stays_a_story() -> None:
    message = Message(data={"text": "can you check my symptoms"})
    message.set("intent", {"name": "describe_own_pain", "confidence": 0.5})
    message.set(
        "intent_ranking",
        [
            {"name": "describe_own_pain", "confidence": 0.5},
            {"name": "request_appointment", "confidence": 0.3},
        ],
    )
    [gated] = StoryGate().process([message])
    assert gated.get("intent")["name"] == "describe_own_pain"


@pytest.mark.parametrize("text", ["back pain", "lower back pain", "sore back", "backache"])
def test_a_complaint_in_a_few_words_is_a_story(text: str) -> None:
    assert _read(text, "faq") == {"name": "describe_own_pain", "confidence": 1.0}


def test_a_complaint_in_a_few_words_is_certain_even_when_the_classifiers_are_torn() -> None:
    # A tie between the story and an FAQ would otherwise be Rasa's ambiguity fallback.
    assert _read("lower back pain", "describe_own_pain") == {
        "name": "describe_own_pain",
        "confidence": 1.0,
    }


@pytest.mark.parametrize("text", ["back pain causes", "what is back pain", "back pain?"])
def test_a_topic_asked_about_is_left_to_the_classifier(text: str) -> None:
    assert _read(text, "faq")["name"] == "faq"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("can you check if i need to see a specialist", "nlu_fallback"),
        (
            "i mean can you ask me questions about my back pain to see if i should come in",
            "request_appointment",
        ),
    ],
)
def test_asking_to_be_checked_is_the_check_in(text: str, intent: str) -> None:
    assert _read(text, intent)["name"] == "describe_own_pain"


def test_asking_to_check_a_free_time_is_not_the_check_in() -> None:
    assert _read("can you check if tuesday is free", "request_appointment")["name"] == (
        "request_appointment"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hurt my back at the gym", "describe_own_pain"),
        ("i hurt my back at the gym, what exercises are safe", "faq"),
    ],
)
def test_own_back_pain_told_without_a_question_is_a_story(text: str, expected: str) -> None:
    assert _read(text, "faq")["name"] == expected


def test_a_relatives_story_told_without_a_question_is_a_story() -> None:
    text = (
        "Good afternoon. I am enquiring on behalf of my mother who is 86. Her back pain has"
        " been getting gradually worse over the last 6 weeks or so. She would describe it as"
        " about 5 out of 10. She has not had a fall, and her bladder and bowels are as normal."
    )
    assert _read(text, "faq")["name"] == "describe_own_pain"


@pytest.mark.parametrize("intent", ["faq", "nlu_fallback"])
def test_how_long_and_how_bad_told_with_a_question_starts_the_check_in(intent: str) -> None:
    text = (
        "back pain 10 days, about 5/10, no numbness/tingling/weakness and nothing scary like "
        "bladder problems. is it ok to go to the gym"
    )
    assert _read(text, intent)["name"] == "describe_own_pain"


def _torn(
    text: str, own_pain: float, book: float, gate: StoryGate | None = None
) -> dict[str, object]:
    message = Message(data={"text": text})
    ranking = sorted(
        [
            {"name": "describe_own_pain", "confidence": own_pain},
            {"name": "request_appointment", "confidence": book},
        ],
        key=lambda item: -float(str(item["confidence"])),
    )
    message.set("intent", ranking[0])
    message.set("intent_ranking", ranking)
    [gated] = (gate or StoryGate()).process([message])
    return dict(gated.get("intent"))


def test_a_story_told_with_a_wish_to_book_is_the_story_when_the_classifier_is_torn() -> None:
    text = "hi i'd like to book something for my back, it's been going on about 5 weeks"
    assert _torn(text, 0.51, 0.47) == {"name": "describe_own_pain", "confidence": 1.0}
    # Not torn: the classifier's own reading stands.
    assert _torn(text, 0.2, 0.75)["name"] == "request_appointment"
    # Torn, but no story told: left to the classifier (and the fallback).
    assert _torn("can I book something", 0.51, 0.47)["confidence"] == 0.51


def test_how_torn_the_classifier_must_be_comes_from_the_config() -> None:
    text = "hi i'd like to book something for my back, it's been going on about 5 weeks"
    wide = StoryGate.create({"torn_margin": 0.3}, None, None, None)
    # The default (the FallbackClassifier's own default, 0.1) does not call 0.6/0.35 torn.
    assert _torn(text, 0.35, 0.6)["name"] == "request_appointment"
    assert _torn(text, 0.35, 0.6, wide)["name"] == "describe_own_pain"


def test_the_config_gives_the_gate_the_fallback_classifiers_ambiguity_threshold() -> None:
    config = read_config_file(str(PROJECT_ROOT / "config.yml"))
    pipeline = {step["name"]: step for step in config["pipeline"]}
    gate = pipeline["nlu_pipeline.story_gate.StoryGate"]
    assert gate["torn_margin"] == pipeline["FallbackClassifier"]["ambiguity_threshold"]


@pytest.mark.parametrize("text", ["osteoarthritis back??", "sciatica leg", "spinal stenosis?"])
def test_a_condition_named_in_a_few_words_is_a_topic_not_a_story(text: str) -> None:
    assert _own_pain(text, ["condition", "body_part"]) == "faq"


@pytest.mark.parametrize(
    ("text", "entities"),
    [
        ("my sciatica again??", ["condition"]),
        ("sciatica 3 weeks", ["condition", "duration"]),
        ("sciatica, numb foot", ["condition", "symptom"]),
        ("i think it's sciatica but my leg hurts all day long now", ["condition"]),
    ],
)
def test_a_condition_named_with_the_pain_told_stays_a_story(text: str, entities: list[str]) -> None:
    assert _own_pain(text, entities) == "describe_own_pain"


def test_which_ones_is_a_question_not_none_of_these() -> None:
    message = Message(data={"text": "which ones?"})
    ranking = [("something_else", 0.45), ("describe_own_pain", 0.3), ("inform", 0.2)]
    message.set("intent", {"name": "something_else", "confidence": 0.45})
    message.set("intent_ranking", [{"name": n, "confidence": c} for n, c in ranking])
    [gated] = StoryGate().process([message])
    assert gated.get("intent")["name"] == "inform"


def test_a_story_whose_when_asks_nothing_is_the_patients_own_pain() -> None:
    text = (
        "Good morning. I am 74 and my doctor once said I have a bit of osteoarthritis. Lately "
        "my back has been playing up, a month and a bit now, and my right leg goes a bit weak "
        "and wobbly when I've been walking a while."
    )
    assert _read(text, "faq")["name"] == "describe_own_pain"
    # a question opened in a clause still asks
    assert _read("my back has hurt for 2 weeks, what can I do", "faq")["name"] == "faq"
