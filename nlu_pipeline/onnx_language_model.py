"""Rasa's LanguageModelFeaturizer with the encoder run by ONNX Runtime.

Rasa 3.6 runs the encoder with TensorFlow, op by op: about 60 ms a question here, 8.7 ms
even when traced into one graph, and about 300 MB in every Rasa process. The same
weights, exported once at build time (export_language_model.py), give the same vectors
(to within 1e-5) in ONNX Runtime in about 3.5 ms; its weights are mapped from the
export's data file, so the encoder adds about 80 MB to a process instead of 300.
Everything else, from tokenizing to cutting the padding off, is Rasa's own code.

Training re-reads every example with the encoder, and one new FAQ changes the training
data's fingerprint, so Rasa's own cache cannot help: most of a retrain was spent encoding
examples it had encoded before. The features of each training example are therefore kept
in a small SQLite file (`training_cache`), keyed by the encoder's own digest, the
attribute and the example's tokens; only new examples are encoded. Answering patients
never reads or writes it. Used in config.yml as::

    - name: nlu_pipeline.onnx_language_model.OnnxLanguageModelFeaturizer
      model_name: bert
      model_weights: build/language_model       # the tokenizer
      onnx_model: build/language_model.onnx     # the encoder, from `make spacy`
      training_cache: build/encoder_cache.sqlite
"""

from __future__ import annotations

import hashlib
import io
import logging
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import SENTENCE_FEATURES, SEQUENCE_FEATURES, TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.lm_featurizer import LanguageModelFeaturizer
from rasa.shared.exceptions import RasaException
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_pipeline.export_language_model import ATTENTION_MASK, TOKEN_IDS, weights_file

logger = logging.getLogger(__name__)


class LanguageModelMissing(RasaException):
    """The exported encoder is not where config.yml says."""


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class OnnxLanguageModelFeaturizer(LanguageModelFeaturizer):
    """The same features as LanguageModelFeaturizer, computed by ONNX Runtime."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Rasa's options, plus where the exported encoder is and how many threads run it."""
        return {
            **LanguageModelFeaturizer.get_default_config(),
            "onnx_model": "build/language_model.onnx",
            # One thread: each Sanic worker has a core of its own, so more would contend.
            "threads": 1,
            # Training examples' features, so that a retrain encodes only new examples;
            # None turns it off.
            "training_cache": None,
        }

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        """The export's content: Rasa's training cache must not reuse another export's features."""
        return _encoder_digest(Path({**cls.get_default_config(), **config}["onnx_model"]))

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Rasa's featurizing, with each example's features read from the cache when kept."""
        cache_path = self._config.get("training_cache")
        digest = _encoder_digest(Path(self._config["onnx_model"]))
        if not cache_path or digest is None:
            return super().process_training_data(training_data)
        self._cache = FeatureCache(Path(cache_path), digest)
        try:
            return super().process_training_data(training_data)
        finally:
            self._cache.close()
            del self._cache

    def _get_docs_for_batch(
        self, batch_examples: list[Message], attribute: str, inference_mode: bool = False
    ) -> list[dict[str, Any]]:
        """Kept features for examples seen before; the encoder for the rest, then kept."""
        cache: FeatureCache | None = getattr(self, "_cache", None)
        if cache is None or inference_mode:
            return super()._get_docs_for_batch(batch_examples, attribute, inference_mode)
        keys = [cache.key(attribute, example) for example in batch_examples]
        docs: list[dict[str, Any] | None] = [cache.get(key) for key in keys]
        missing = [index for index, doc in enumerate(docs) if doc is None]
        if missing:
            fresh = super()._get_docs_for_batch(
                [batch_examples[index] for index in missing], attribute, inference_mode
            )
            for index, doc in zip(missing, fresh, strict=True):
                docs[index] = doc
            cache.put_all([(keys[index], docs[index]) for index in missing])
        return [doc for doc in docs if doc is not None]

    def _load_model_instance(self) -> None:
        """Load the model's tokenizer, and the encoder into an ONNX Runtime session."""
        from transformers import AutoTokenizer

        # The model's fast (Rust) tokenizer: the same word pieces as the Python one Rasa
        # picks, three times faster (tests compare the features with Rasa's).
        self.tokenizer = AutoTokenizer.from_pretrained(
            self.model_weights, cache_dir=self.cache_dir, use_fast=True
        )
        # Rasa pads with the unknown token; the attention mask hides it.
        self.pad_token_id = self.tokenizer.unk_token_id
        path = Path(self._config["onnx_model"])
        for needed in (path, weights_file(path)):
            if not needed.is_file():
                raise LanguageModelMissing(
                    f"The sentence encoder's {needed} is missing. Build it with `make spacy`."
                )
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = int(self._config["threads"])
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(
            str(path), options, providers=["CPUExecutionProvider"]
        )

    def _compute_batch_sequence_features(
        self, batch_attention_mask: np.ndarray, padded_token_ids: list[list[int]]
    ) -> np.ndarray:
        """Feed the padded batch through the encoder; same contract as Rasa's."""
        [hidden_states] = self._session.run(
            None,
            {
                TOKEN_IDS: np.asarray(padded_token_ids, dtype=np.int32),
                ATTENTION_MASK: np.asarray(batch_attention_mask, dtype=np.float32),
            },
        )
        return np.asarray(hidden_states)


def _encoder_digest(path: Path) -> str | None:
    """The exported encoder's content, or None when it is missing."""
    files = (path, weights_file(path))
    if not all(file.is_file() for file in files):
        return None  # loading it will say what is missing
    digest = hashlib.sha256()
    for file in files:
        with file.open("rb") as content:
            for block in iter(lambda: content.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


class FeatureCache:
    """Sequence and sentence features of training examples, in one SQLite file.

    A cache only: if the file cannot be read or written (another training holds it, the
    disk is full), the examples are encoded as if it were not there.
    """

    def __init__(self, path: Path, encoder_digest: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._encoder = encoder_digest
        self._db: sqlite3.Connection | None = None
        try:
            self._db = sqlite3.connect(path, timeout=30)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS features (key TEXT PRIMARY KEY, doc BLOB NOT NULL)"
            )
        except sqlite3.Error as error:
            logger.warning("Not using the encoder cache %s: %s", path, error)
            self._db = None

    def key(self, attribute: str, example: Message) -> str:
        """The encoder, the attribute and the example's tokens (features follow the tokens)."""
        tokens = example.get(TOKENS_NAMES[attribute]) or []
        words = "\x1f".join(f"{token.text}@{token.start}" for token in tokens)
        text = str(example.get(attribute) or "")
        raw = f"{self._encoder}\x00{attribute}\x00{text}\x00{words}"
        return hashlib.sha256(raw.encode()).hexdigest()

    def get(self, key: str) -> dict[str, Any] | None:
        """The kept features, or None."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT doc FROM features WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        if row is None:
            return None
        with np.load(io.BytesIO(row[0])) as stored:
            return {
                SEQUENCE_FEATURES: stored[SEQUENCE_FEATURES],
                SENTENCE_FEATURES: stored[SENTENCE_FEATURES],
            }

    def put_all(self, items: list[tuple[str, dict[str, Any] | None]]) -> None:
        """Keep a batch of examples' features, in one short transaction."""
        if self._db is None:
            return
        rows = []
        for key, doc in items:
            if doc is None:
                continue
            buffer = io.BytesIO()
            np.savez(
                buffer,
                **{
                    SEQUENCE_FEATURES: np.asarray(doc[SEQUENCE_FEATURES]),
                    SENTENCE_FEATURES: np.asarray(doc[SENTENCE_FEATURES]),
                },
            )
            rows.append((key, buffer.getvalue()))
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO features (key, doc) VALUES (?, ?)", rows
                )
        except sqlite3.Error as error:
            logger.warning("Could not keep encoder features: %s", error)

    def close(self) -> None:
        """Let go of the file."""
        if self._db is not None:
            with closing(self._db):
                pass
