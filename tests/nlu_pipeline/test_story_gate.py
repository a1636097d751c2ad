import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu_pipeline.story_gate import StoryGate


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
