"""The base of the NLU components that read rules, not training data.

The gates (language, scope, booking refusal, emergency guard) correct the classifiers'
intent from what clinic/ reads in the text. They have nothing to train, persist or
configure, so Rasa's graph builds each one from its class alone.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from typing_extensions import Self


class RuleGate(GraphComponent, IntentClassifier):
    """An intent component whose rules live in clinic/: built without training or config.

    Subclasses register themselves with `DefaultV1Recipe.register(..., is_trainable=False)`
    and implement `process`.
    """

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> Self:
        """Nothing to train or load."""
        return cls()
