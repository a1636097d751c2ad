from pathlib import Path

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_pipeline.novelty_gate import NoveltyGate
from nlu_pipeline.sentence_vectors import sentence_vector


def message(tokens: list[list[float]], intent: str | None = None, text: str = "x") -> Message:
    """A message with dense token features, as LanguageModelFeaturizer leaves it."""
    result = Message(data={"text": text})
    if intent is not None:
        result.set("intent", intent)
    result.add_features(
        Features(
            np.asarray(tokens, dtype=np.float32), "sequence", "text", "LanguageModelFeaturizer"
        )
    )
    return result


def classified(tokens: list[list[float]], intent: str = "faq") -> Message:
    result = message(tokens)
    result.set("intent", {"name": intent, "confidence": 0.99})
    result.set("intent_ranking", [{"name": intent, "confidence": 0.99}])
    return result


@pytest.fixture
def storage(tmp_path: Path) -> LocalModelStorage:
    return LocalModelStorage(tmp_path)


def trained(storage: LocalModelStorage, min_similarity: float = 0.5) -> NoveltyGate:
    gate = NoveltyGate.create(
        {"min_similarity": min_similarity},
        storage,
        Resource("gate"),
        ExecutionContext(GraphSchema({}), "test"),
    )
    gate.train(
        TrainingData(
            [
                message([[1.0, 0.0], [1.0, 0.2]], "faq"),
                message([[0.8, 0.6]], "faq"),
                message([[0.0, 1.0]], "greet"),  # other intents are not FAQ examples
            ]
        )
    )
    return gate


def test_sentence_vectors_are_unit_length_means() -> None:
    vector = sentence_vector(message([[3.0, 0.0], [3.0, 8.0]]))
    assert vector is not None
    np.testing.assert_allclose(vector, [0.6, 0.8], rtol=1e-6)


def test_a_message_without_dense_features_has_no_vector() -> None:
    assert sentence_vector(Message(data={"text": "hi"})) is None


def test_an_faq_like_its_examples_keeps_its_intent(storage: LocalModelStorage) -> None:
    [result] = trained(storage).process([classified([[1.0, 0.1]])])
    assert result.get("intent")["name"] == "faq"
    assert result.get("faq_similarity") == pytest.approx(1.0, abs=0.01)


def test_an_faq_guess_unlike_every_example_falls_back(storage: LocalModelStorage) -> None:
    # (0, 1) resembles the greeting, which is not an FAQ example, far more than any FAQ.
    [result] = trained(storage, min_similarity=0.7).process([classified([[0.0, 1.0]])])
    assert result.get("intent") == {"name": "nlu_fallback", "confidence": 1.0}
    # a certain override stands alone, so the FallbackClassifier cannot call it ambiguous
    assert [item["name"] for item in result.get("intent_ranking")] == ["nlu_fallback"]
    assert result.get("faq_similarity") == pytest.approx(0.6, abs=0.01)


def test_other_intents_are_not_gated(storage: LocalModelStorage) -> None:
    [result] = trained(storage).process([classified([[0.0, 1.0]], intent="greet")])
    assert result.get("intent")["name"] == "greet"
    assert result.get("faq_similarity") is None


def test_the_examples_survive_saving_and_loading(storage: LocalModelStorage) -> None:
    trained(storage, min_similarity=0.7)
    loaded = NoveltyGate.load(
        {"min_similarity": 0.7},
        storage,
        Resource("gate"),
        ExecutionContext(GraphSchema({}), "test"),
    )
    [kept, dropped] = loaded.process([classified([[0.8, 0.6]]), classified([[0.0, 1.0]])])
    assert kept.get("intent")["name"] == "faq"
    assert dropped.get("intent")["name"] == "nlu_fallback"
