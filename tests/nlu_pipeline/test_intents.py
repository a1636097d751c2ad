from rasa.shared.nlu.training_data.message import Message

from nlu_pipeline.intents import override_intent


def test_the_new_intent_heads_the_ranking_without_the_dropped_ones() -> None:
    message = Message(data={"text": "x"})
    message.set("intent", {"name": "a", "confidence": 0.6})
    ranking = [{"name": "a", "confidence": 0.6}, {"name": "b", "confidence": 0.3}]
    message.set("intent_ranking", [*ranking, {"name": "c", "confidence": 0.1}])
    override_intent(message, "c", 0.9, drop=("a",))
    assert message.get("intent") == {"name": "c", "confidence": 0.9}
    assert [item["name"] for item in message.get("intent_ranking")] == ["c", "b"]
