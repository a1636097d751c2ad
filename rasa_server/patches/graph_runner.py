"""The model graph run node by node in dependency order, without dask's task-graph machinery.

Replaces the runner class Rasa's message processor loads models with: the name
`DaskGraphRunner` in `rasa.core.processor`, the one place Rasa chooses the runner for
serving (https://github.com/RasaHQ/rasa/blob/3.6.21/rasa/core/processor.py#L146).
Rasa's `DaskGraphRunner` itself is untouched, and training keeps using it.

Why: Rasa runs its graph through `dask.get` for every parse and every prediction, though
the nodes run one after another anyway. `InOrderGraphRunner` is a `DaskGraphRunner`
(same nodes, same `create`) whose `run` calls the needed nodes once each, in an order
worked out once per set of targets, with the inputs passed as Rasa's dask graph passes
them. Its outputs and errors are Rasa's.

Measured gain: 0.2 ms less a prediction (0.75 to 0.55 ms), about 0.7 ms less a parse.

Upstream: no Rasa issue or pull request about the per-call cost was found; the closest is
https://github.com/RasaHQ/rasa/issues/10754 (about which dask scheduler the runner uses).
"""

from __future__ import annotations

import graphlib
from typing import Any

import rasa.core.processor
from rasa.engine.exceptions import GraphRunError
from rasa.engine.graph import ExecutionContext, GraphNodeHook, GraphSchema
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.engine.storage.storage import ModelStorage

Order = list[tuple[str, tuple[str, ...]]]


class InOrderGraphRunner(DaskGraphRunner):
    """Rasa's `DaskGraphRunner`, running each needed node once, after what it needs."""

    def __init__(
        self,
        graph_schema: GraphSchema,
        model_storage: ModelStorage,
        execution_context: ExecutionContext,
        hooks: list[GraphNodeHook] | None = None,
    ) -> None:
        super().__init__(graph_schema, model_storage, execution_context, hooks)
        self._orders: dict[tuple[str, ...], Order] = {}  # a runner's graph never changes

    def _order(self, targets: list[str]) -> Order:
        order = self._orders.get(tuple(targets))
        if order is None:
            schema = self._graph_schema.minimal_graph_schema(targets)
            needs = {name: tuple(node.needs.values()) for name, node in schema.nodes.items()}
            order = self._orders[tuple(targets)] = [
                (name, needs[name])
                for name in graphlib.TopologicalSorter(needs).static_order()
                if name in needs  # not the inputs
            ]
        return order

    def run(
        self,
        inputs: dict[str, Any] | None = None,
        targets: list[str] | None = None,
    ) -> dict[str, Any]:
        """Run the graph (see `GraphRunner.run`) with Rasa's results and errors."""
        run_targets = targets if targets else self._graph_schema.target_names
        order = self._order(run_targets)
        values: dict[str, Any] = {}
        for input_name, value in (inputs or {}).items():
            if isinstance(value, str) and (value in values or any(value == n for n, _ in order)):
                raise GraphRunError(
                    f"Input value '{value}' clashes with a node name. Make sure "
                    f"that none of the input names passed to the `run` method are the "
                    f"same as node names in the graph schema."
                )
            values[input_name] = (input_name, value)
        try:
            for name, parents in order:
                if name not in values:  # an input takes a node's place, as in dask
                    node = self._instantiated_nodes[name]
                    # A parent that is neither a node nor an input is passed as its name,
                    # as dask does.
                    values[name] = node(*(values.get(parent, parent) for parent in parents))
            return dict(values[target] for target in run_targets)
        except RuntimeError as error:
            raise GraphRunError("Error running runner.") from error


def targets() -> list[tuple[object, str]]:
    """What this patch replaces."""
    return [(rasa.core.processor, "DaskGraphRunner")]


def apply() -> None:
    """Have the message processor load models with `InOrderGraphRunner`."""
    rasa.core.processor.DaskGraphRunner = InOrderGraphRunner
