"""The graph run in order: Rasa's runner's outputs and errors, chosen where Rasa chooses."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_server.patches import graph_runner
from rasa_server.patches.graph_runner import InOrderGraphRunner
from tests.model_files import trained_model


@pytest.mark.model
def test_the_graph_runs_in_order_with_rasas_results_and_errors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import UserMessage
    from rasa.engine.exceptions import GraphComponentException, GraphRunError

    graph_runner.apply()
    agent = Agent.load(str(trained_model()))
    runner = agent.processor.graph_runner
    assert isinstance(runner, InOrderGraphRunner)  # the processor chose ours
    nlu, core = (
        agent.processor.model_metadata.nlu_target,
        agent.processor.model_metadata.core_target,
    )
    tracker = DialogueStateTracker.from_events(
        "patient",
        [ActionExecuted("action_listen"), UserUttered("hi", {"name": "greet", "confidence": 1.0})],
        agent.domain.slots,
    )
    texts = ("what is sciatica", "my back has hurt for a month", "hi", "can I swim")
    rasas_run, our_run = DaskGraphRunner.run, InOrderGraphRunner.run

    def run(how: Any, targets: list[str] | None) -> dict[str, Any]:
        messages = [UserMessage(text, message_id=text) for text in texts]
        return how(runner, {"__message__": messages, "__tracker__": tracker}, targets)

    def failure(how: Any, inputs: dict[str, Any], targets: list[str]) -> tuple[type, str]:
        with pytest.raises(Exception) as raised:
            how(runner, inputs, targets)
        return type(raised.value), str(raised.value)

    for targets in ([nlu], [core], None):
        rasas, ours = run(rasas_run, targets), run(our_run, targets)
        assert rasas.keys() == ours.keys()
        for name in rasas:
            if name == nlu:
                assert [m.as_dict(only_output_properties=True) for m in ours[name]] == [
                    m.as_dict(only_output_properties=True) for m in rasas[name]
                ]
            else:
                assert ours[name] == rasas[name]
    assert run(our_run, [nlu])[nlu][2].get("intent")["name"] == "greet"

    clash = {"__message__": "run_RulePolicy1"}
    missing: dict[str, Any] = {}
    broken = {"__tracker__": "not a tracker"}
    for inputs, error in (
        (clash, GraphRunError),
        (missing, GraphRunError),
        (broken, GraphComponentException),
    ):
        expected = failure(rasas_run, inputs, [core])
        assert expected[0] is error
        got = failure(our_run, inputs, [core])
        # Several policy nodes lack (or fail on) the tracker; which one is named first
        # follows the traversal order, which dask does not define.
        assert got[0] is expected[0]
        assert got[1].split(" node ")[0] == expected[1].split(" node ")[0]

    expected_prediction = rasas_run(runner, {"__tracker__": tracker}, [core])[core]
    monkeypatch.setattr("dask.get", None)  # dask is not called
    assert runner.run({"__tracker__": tracker}, [core])[core] == expected_prediction


def test_rasas_runner_is_chosen_without_the_patch_and_ours_with_it() -> None:
    import rasa.core.processor

    assert rasa.core.processor.DaskGraphRunner is DaskGraphRunner
    graph_runner.apply()
    assert rasa.core.processor.DaskGraphRunner is InOrderGraphRunner
    assert DaskGraphRunner.run is not InOrderGraphRunner.run  # Rasa's class is untouched
