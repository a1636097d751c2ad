from typing import Any

from rasa.shared.nlu.training_data.message import Message

from nlu_pipeline.intents import override_intent


def _rasas_fallback_classifier() -> Any:
    """Rasa's FallbackClassifier with this project's threshold and ambiguity margin."""
    from rasa.engine.graph import ExecutionContext
    from rasa.engine.storage.resource import Resource
    from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier

    return FallbackClassifier.create(
        {**FallbackClassifier.get_default_config(), "threshold": 0.4, "ambiguity_threshold": 0.1},
        None,
        Resource("fallback"),
        ExecutionContext(None, None),
    )


def test_the_new_intent_heads_the_ranking_without_the_dropped_ones() -> None:
    message = Message(data={"text": "x"})
    message.set("intent", {"name": "a", "confidence": 0.6})
    ranking = [{"name": "a", "confidence": 0.6}, {"name": "b", "confidence": 0.3}]
    message.set("intent_ranking", [*ranking, {"name": "c", "confidence": 0.1}])
    override_intent(message, "c", 0.9, drop=("a",))
    assert message.get("intent") == {"name": "c", "confidence": 0.9}
    assert [item["name"] for item in message.get("intent_ranking")] == ["c", "b"]


def test_a_certain_override_stands_alone_so_rasa_does_not_call_it_ambiguous() -> None:

    message = Message(data={"text": "i cant control my bladder since my back went"})
    message.set("intent", {"name": "faq", "confidence": 0.95})
    message.set("intent_ranking", [{"name": "faq", "confidence": 0.95}])
    override_intent(message, "report_emergency", 1.0)
    fallback = _rasas_fallback_classifier()
    [result] = fallback.process([message])
    assert result.get("intent")["name"] == "report_emergency"


def test_a_less_certain_override_outranks_more_confident_guesses_so_it_is_not_ambiguous() -> None:

    message = Message(data={"text": "my son keeps complaining his back hurts"})
    message.set("intent", {"name": "out_of_scope", "confidence": 1.0})
    ranking = [{"name": "out_of_scope", "confidence": 1.0}, {"name": "faq", "confidence": 0.2}]
    message.set("intent_ranking", ranking)
    override_intent(message, "suspected_emergency", 0.71)
    assert [item["name"] for item in message.get("intent_ranking")] == [
        "suspected_emergency",
        "faq",
    ]
    fallback = _rasas_fallback_classifier()
    [result] = fallback.process([message])
    assert result.get("intent")["name"] == "suspected_emergency"


def test_a_guess_just_below_a_less_certain_override_does_not_make_it_ambiguous() -> None:

    # Saddle numbness the similarity detector suspects at 0.71, the classifier's
    # "own pain" at 0.76 and a question at 0.65 below it.
    message = Message(data={"text": "sitting on a numb patch around my bottom, plus back pain"})
    ranking = [
        {"name": "describe_own_pain", "confidence": 0.76},
        {"name": "faq", "confidence": 0.65},
        {"name": "greet", "confidence": 0.3},
    ]
    message.set("intent", ranking[0])
    message.set("intent_ranking", ranking)
    override_intent(message, "suspected_emergency", 0.71)
    fallback = _rasas_fallback_classifier()
    [result] = fallback.process([message])
    assert result.get("intent")["name"] == "suspected_emergency"
    assert [item["name"] for item in result.get("intent_ranking")] == [
        "suspected_emergency",
        "greet",
    ]


def test_the_margin_is_the_fallback_classifiers_ambiguity_in_the_config() -> None:
    from pathlib import Path

    import yaml

    from nlu_pipeline.intents import AMBIGUITY

    config = yaml.safe_load(Path("config.yml").read_text(encoding="utf-8"))
    [fallback] = [c for c in config["pipeline"] if c["name"] == "FallbackClassifier"]
    assert fallback["ambiguity_threshold"] == AMBIGUITY
