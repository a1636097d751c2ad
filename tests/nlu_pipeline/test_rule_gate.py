from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message

from nlu_pipeline.emergency_guard import EmergencyGuard
from nlu_pipeline.language_gate import LanguageGate
from nlu_pipeline.rule_gate import RuleGate
from nlu_pipeline.scope_gate import ScopeGate
from nlu_pipeline.stop_gate import StopGate
from nlu_pipeline.story_gate import StoryGate


def test_each_gate_is_built_from_its_class_alone(tmp_path: Any) -> None:
    storage = LocalModelStorage(tmp_path)
    for gate in (StopGate, StoryGate, EmergencyGuard, LanguageGate, ScopeGate):
        built = gate.create({}, storage, Resource("gate"), ExecutionContext(None, "test"))
        assert type(built) is gate
        assert isinstance(built, RuleGate)
        assert built.process([Message(data={"text": "/affirm"})])[0].get("text") == "/affirm"
