"""The novelty gate: an FAQ guess for a question unlike every FAQ example becomes a fallback.

Classifiers must pick one of the known answers, so "what is a hiatal hernia?" lands on
the herniated-disc answer with high confidence. Sentence meaning tells them apart: the
gate mean-pools the sentence encoder's token vectors (LanguageModelFeaturizer, the same
all-MiniLM-L6-v2 features the classifier uses) and compares the message with every FAQ training
example. Below `min_similarity` (cosine) to the nearest one, the `faq` intent is replaced
by `nlu_fallback`, and the assistant says kindly that it cannot answer. Measured on the
dev questions: out-of-scope questions sit well below in-scope ones
(docs/decisions/0000-earlier-measurements.md).
Used in config.yml after the classifier as::

    - name: nlu_pipeline.novelty_gate.NoveltyGate
      min_similarity: 0.5
"""

from __future__ import annotations

from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_pipeline.intents import override_intent
from nlu_pipeline.sentence_vectors import sentence_vector

GATED_INTENT = "faq"
FALLBACK_INTENT = "nlu_fallback"
SIMILARITY_KEY = "faq_similarity"
EMBEDDINGS_FILE = "faq_examples.npy"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class NoveltyGate(GraphComponent, IntentClassifier):
    """Send FAQ guesses that resemble no FAQ example to the fallback."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Cosine similarity to the nearest FAQ example below which we fall back."""
        return {"min_similarity": 0.5}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        examples: np.ndarray | None = None,
    ) -> None:
        self._min_similarity = float(config["min_similarity"])
        self._model_storage = model_storage
        self._resource = resource
        self._examples = examples if examples is not None else np.zeros((0, 0), np.float32)

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> NoveltyGate:
        """An untrained gate."""
        return cls({**cls.get_default_config(), **config}, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> NoveltyGate:
        """The gate with the FAQ examples' vectors saved at training time."""
        with model_storage.read_from(resource) as directory:
            examples = np.load(directory / EMBEDDINGS_FILE)
        return cls({**cls.get_default_config(), **config}, model_storage, resource, examples)

    def train(self, training_data: TrainingData) -> Resource:
        """Keep one vector per FAQ training example."""
        vectors = [
            vector
            for message in training_data.intent_examples
            if message.get(INTENT) == GATED_INTENT
            and (vector := sentence_vector(message)) is not None
        ]
        dimension = vectors[0].shape[0] if vectors else 0
        self._examples = np.vstack(vectors) if vectors else np.zeros((0, dimension), np.float32)
        with self._model_storage.write_to(self._resource) as directory:
            np.save(directory / EMBEDDINGS_FILE, self._examples)
        return self._resource

    def similarity(self, message: Message) -> float | None:
        """Cosine similarity of the message to its nearest FAQ example."""
        vector = sentence_vector(message)
        if vector is None or self._examples.size == 0:
            return None
        return float(np.max(self._examples @ vector))

    def process(self, messages: list[Message]) -> list[Message]:
        """Replace unlike-anything `faq` guesses by `nlu_fallback`."""
        for message in messages:
            intent = message.get(INTENT) or {}
            if intent.get("name") != GATED_INTENT:
                continue
            similarity = self.similarity(message)
            if similarity is None:
                continue
            message.set(SIMILARITY_KEY, similarity, add_to_output=True)
            if similarity >= self._min_similarity:
                continue
            override_intent(message, FALLBACK_INTENT, 1.0)
        return messages
