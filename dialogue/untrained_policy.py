"""A dialogue policy whose behaviour is written, not learned from stories or rules."""

from __future__ import annotations

from typing import Any

from rasa.core.policies.policy import Policy, SupportedData
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.generator import TrackerWithCachedStates


class UntrainedPolicy(Policy):
    """Trains on nothing; subclasses predict from the tracker alone."""

    @staticmethod
    def supported_data() -> SupportedData:
        """Nothing is learned from stories or rules."""
        return SupportedData.ML_AND_RULE_DATA

    def train(
        self, training_trackers: list[TrackerWithCachedStates], domain: Domain, **kwargs: Any
    ) -> Resource:
        """Nothing to learn: the behaviour is the subclass's prediction."""
        return self._resource
