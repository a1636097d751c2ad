"""Rasa's LanguageModelFeaturizer with the encoder run by ONNX Runtime.

Rasa 3.6 runs the encoder with TensorFlow, op by op: about 60 ms a question here, 8.7 ms
even when traced into one graph, and about 300 MB in every Rasa process. The same
weights, exported once at build time (export_language_model.py), give the same vectors
(to within 1e-5) in ONNX Runtime in about 3.5 ms; its weights are mapped from the
export's data file, so the encoder adds about 80 MB to a process instead of 300.
Everything else, from tokenizing to cutting the padding off, is Rasa's own code. Used in
config.yml as::

    - name: nlu_pipeline.onnx_language_model.OnnxLanguageModelFeaturizer
      model_name: bert
      model_weights: build/language_model       # the tokenizer
      onnx_model: build/language_model.onnx     # the encoder, from `make spacy`
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.featurizers.dense_featurizer.lm_featurizer import LanguageModelFeaturizer
from rasa.shared.exceptions import RasaException

from nlu_pipeline.export_language_model import ATTENTION_MASK, TOKEN_IDS, weights_file


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
        }

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        """The export's content: Rasa's training cache must not reuse another export's features."""
        path = Path({**cls.get_default_config(), **config}["onnx_model"])
        files = (path, weights_file(path))
        if not all(file.is_file() for file in files):
            return None  # loading it will say what is missing
        digest = hashlib.sha256()
        for file in files:
            with file.open("rb") as content:
                for block in iter(lambda: content.read(1 << 20), b""):
                    digest.update(block)
        return digest.hexdigest()

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
