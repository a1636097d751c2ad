"""Fixes to Rasa 3.6.21, found with a profiler, applied at start-up.

None changes what Rasa decides (each is tested against Rasa's own behaviour).

- Rasa checks every custom-action reply against its reply schema with
  `jsonschema.validate`, which first checks the *schema itself* against the JSON Schema
  meta-schema, on every call: about 20 ms of each action call here, more than the action
  takes. We build the validator once and use it for every reply. Even so, a two-event
  reply took 0.67 ms: each event is tried against all 23 event kinds (`oneOf`). A valid
  reply is now checked against the one kind its `event` names (the kinds are told apart
  by that name alone), 0.09 ms; anything else goes to the full check, so an invalid
  reply still raises the same `ValidationError` with Rasa's message.
- Reading a conversation back from the tracker store finds each event's class by
  walking all of `Event`'s subclasses again (0.04 ms an event, a few ms a message in a
  long conversation). We remember the answer per event name.
- Loading a trained DIET or ResponseSelector, Rasa first *trains* it on one example,
  only to create its variables, then overwrites them with the saved weights. That builds
  the whole training graph and the optimizer's state: about 200 MB of each Rasa process
  that prediction never uses. We let prediction create the variables instead, each
  restored from the saved weights as it is created, and check that every one was.
- A loaded model is a few million Python objects, which the garbage collector's full
  pass walks every few hundred messages: a 240 ms stall for every patient that worker is
  serving. Once the model is loaded, we move those objects out of the collector's sight
  (`gc.freeze()`, meant for servers like this one); they are freed as before when
  nothing refers to them.
- Rasa joins each message's sparse features (word counts, character n-grams, regexes,
  lexical features) two at a time with `scipy.sparse.hstack`, whose general block
  assembly takes 0.15 ms a join, about 14 joins a message. Two COO matrices of numbers
  are joined by concatenating their entries instead (0.03 ms), the very matrix scipy
  builds; anything else still goes to scipy.
- DIET and the ResponseSelector call their compiled TensorFlow function through its
  Python front door, which matches and converts the inputs against the signature on
  every call (about 0.6 ms a model). The signature is fixed at the first call, so we
  look up its compiled function once and call it with the converted inputs; anything
  the compiled function does not take goes through the front door as before.
- Rasa deep-copies what it passes to its debug log lines (each parse, each prediction's
  dialogue states, each action's events) before the logger decides to drop them: about
  1 ms a message here, with debug logging off. In the modules of the message path whose
  every `copy.deepcopy` is such a log argument, the values are passed as they are.
  Rasa's log pipeline renders an entry at once and never changes the values it is given,
  so what a debug log shows is unchanged.
- Every tracker Rasa builds (when it reads a conversation, and several times for each
  prediction) copies each of the domain's slots with `copy.copy`, which goes through
  Python's generic pickle protocol: 85 µs for our 39 slots, about 1 ms a message. A slot
  is a plain object, so the copy is the same one made directly: 33 µs.
- Each prediction turns the whole conversation into dialogue states by replaying every
  event into a fresh tracker: four times a message, about 1 ms each for 100 events, so
  a patient's tenth question cost 8 ms more than their first. The replay is kept on the
  tracker and continued with the events added since, as long as the earlier events are
  the very same ones (anything that undoes history starts it again).
- Rasa runs its model graph through `dask.get` for each parse and each prediction: 0.2 ms
  of task-graph bookkeeping a prediction, up to 1 ms a parse, for a graph whose nodes run
  one after another anyway. The same nodes are called in the same dependency order
  directly, with the same inputs, outputs and errors.

`apply()` is idempotent and fails loudly if Rasa is not the version this was measured
on, so an upgrade cannot silently keep fixes it no longer needs (or break them).
"""

from __future__ import annotations

import copy
import functools
import gc
import graphlib
import importlib
import operator
from typing import Any

import numpy as np
import rasa
import rasa.core.run
import scipy.sparse
import tensorflow as tf
from jsonschema import ValidationError
from jsonschema.validators import validator_for
from keras.utils import tf_utils
from rasa.core.actions.action import RemoteAction
from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.shared.constants import DIAGNOSTIC_DATA, DOCS_BASE_URL
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import ActionExecuted, Event
from rasa.shared.core.slots import Slot
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.training_data.features import Features
from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY
from rasa.utils.tensorflow.model_data import RasaModelData
from rasa.utils.tensorflow.models import RasaModel

RASA_VERSION = "3.6.21"


class RasaVersionError(RuntimeError):
    """The installed Rasa is not the one this fix was written and measured for."""


@functools.lru_cache(maxsize=1)
def reply_validator() -> Any:
    """Rasa's reply schema, checked once, as a reusable validator."""
    schema = RemoteAction.action_response_format_spec()
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@functools.lru_cache(maxsize=1)
def reply_validators_by_event() -> tuple[Any, dict[str, Any]] | None:
    """Rasa's reply schema without its `oneOf` of event kinds, and a validator per kind.

    None if the kinds are not told apart by a distinct `event` name each (then every
    reply gets the full check).
    """
    schema = RemoteAction.action_response_format_spec()
    items = schema["properties"]["events"]["items"]
    kinds = items.get("oneOf", [])
    names = [kind.get("properties", {}).get("event", {}).get("const") for kind in kinds]
    if not kinds or None in names or len(set(names)) != len(names):
        return None
    if "event" not in items.get("required", []):
        return None
    without_kinds = copy.deepcopy(schema)
    del without_kinds["properties"]["events"]["items"]["oneOf"]
    cls = validator_for(schema)
    return cls(without_kinds), {name: cls(kind) for name, kind in zip(names, kinds, strict=True)}


def valid_by_event_kind(result: Any) -> bool:
    """True only if Rasa's full schema accepts `result`; False means: check it in full.

    `oneOf` holds when exactly one kind matches, and only the kind the event names can.
    """
    split = reply_validators_by_event()
    if split is None:
        return False
    without_kinds, by_name = split
    if not without_kinds.is_valid(result):
        return False
    for event in result.get("events") or []:
        kind = by_name.get(event["event"])
        if kind is None or not kind.is_valid(event):
            return False
    return True


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """`RemoteAction._validate_action_result`, with the validator built once."""
    if valid_by_event_kind(result):
        return True
    try:
        reply_validator().validate(result)
    except ValidationError as error:
        error.message += (
            ". Failed to validate Action server response from API, "
            "make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit {DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


_resolve_by_type = Event.resolve_by_type


@functools.cache
def _event_class(type_name: str) -> type[Event] | None:
    return _resolve_by_type(type_name)


def resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    """`Event.resolve_by_type`, remembered per event name (unknown names are not cached)."""
    try:
        return _event_class(type_name)
    except ValueError:
        if default is not None:
            return default
        raise


_load_by_training = RasaModel.load.__func__


def load_for_prediction(
    cls: type[RasaModel],
    model_file_name: str,
    model_data_example: RasaModelData,
    predict_data_example: RasaModelData | None = None,
    finetune_mode: bool = False,
    *args: Any,
    **kwargs: Any,
) -> RasaModel:
    """`RasaModel.load` for prediction: the variables come from the saved weights alone.

    Fine-tuning (which does need the optimizer) and a load without an example to predict
    on keep Rasa's own way.
    """
    if finetune_mode or predict_data_example is None:
        return _load_by_training(
            cls,
            model_file_name,
            model_data_example,
            predict_data_example,
            finetune_mode,
            *args,
            **kwargs,
        )
    config = kwargs.get("config", {})
    model = cls(*args, **kwargs)
    model.compile(
        optimizer=tf.keras.optimizers.Adam(config.get(LEARNING_RATE, 0.001)),
        run_eagerly=config.get(RUN_EAGERLY),
    )
    # TensorFlow restores each variable from the checkpoint when it is created: here, by
    # the first prediction (which Rasa runs at load time anyway, to trace the graph).
    restored = model.load_weights(model_file_name)
    model.run_inference(predict_data_example)
    # Every variable prediction uses must have its trained value (the optimizer's saved
    # state is left unread, on purpose).
    restored.assert_existing_objects_matched().expect_partial()
    return model


_load_agent = rasa.core.run.load_agent_on_start


async def load_agent_then_freeze(*args: Any, **kwargs: Any) -> Any:
    """Rasa's `load_agent_on_start` (once per Sanic worker), then freeze what it loaded."""
    agent = await _load_agent(*args, **kwargs)
    gc.collect()
    gc.freeze()
    return agent


_combine_sparse_features = Features._combine_sparse_features
NUMBERS = "iuf"  # NumPy's integer and float kinds, which concatenate to scipy's dtype


def combine_sparse_features(self: Features, additional_features: Features) -> None:
    """`Features._combine_sparse_features`, joining two COO matrices of numbers directly."""
    left, right = self.features, additional_features.features
    if not (
        isinstance(left, scipy.sparse.coo_matrix)
        and isinstance(right, scipy.sparse.coo_matrix)
        and left.shape[0] == right.shape[0]
        and left.dtype.kind in NUMBERS
        and right.dtype.kind in NUMBERS
        and left.row.dtype == right.row.dtype
    ):
        _combine_sparse_features(self, additional_features)  # scipy, or Rasa's error
        return
    self.features = scipy.sparse.coo_matrix(
        (
            np.concatenate([left.data, right.data]),
            (
                np.concatenate([left.row, right.row]),
                np.concatenate([left.col, right.col + left.shape[1]]),
            ),
        ),
        shape=(left.shape[0], left.shape[1] + right.shape[1]),
    )
    self._cached_fingerprint = None


_rasa_predict = RasaModel._rasa_predict


def rasa_predict(self: RasaModel, batch_in: tuple[np.ndarray, ...]) -> dict[str, Any]:
    """`RasaModel._rasa_predict`, calling the traced prediction function directly."""
    function = self._tf_predict_step
    if function is None or self._run_eagerly or self._training:
        return _rasa_predict(self, batch_in)  # traces it on the first call
    cached = self.__dict__.get("_compiled_predict_step")
    if cached is None:
        compiled = function.get_concrete_function(*function.input_signature)
        accepted = [
            (spec.shape.rank, spec.shape[-1], spec.dtype.as_numpy_dtype)
            for spec in compiled.structured_input_signature[0][0]
        ]
        cached = self.__dict__["_compiled_predict_step"] = (compiled, accepted)
    compiled, accepted = cached
    if len(batch_in) != len(accepted) or not all(
        array.ndim == rank and (last is None or array.shape[-1] == last) and array.dtype == dtype
        for (rank, last, dtype), array in zip(accepted, batch_in, strict=True)
    ):
        return _rasa_predict(self, batch_in)  # TensorFlow's own checks and errors
    outputs = compiled._call_flat(
        [tf.convert_to_tensor(array) for array in batch_in], compiled.captured_inputs
    )
    outputs = tf_utils.sync_to_numpy_or_python_type(outputs)
    if DIAGNOSTIC_DATA in outputs:
        outputs[DIAGNOSTIC_DATA] = self._empty_lists_to_none_in_dict(outputs[DIAGNOSTIC_DATA])
    return outputs


def copy_slot(self: Slot) -> Slot:
    """`copy.copy` of a slot made directly: a new object of its class, attributes shared."""
    new = self.__class__.__new__(self.__class__)
    new.__dict__.update(self.__dict__)
    return new


_states_for_tracker_history = Domain.states_for_tracker_history
REPLAYED = "_replayed_states"  # where a tracker keeps its _ReplayedStates


class _ReplayedStates:
    """A tracker's history replayed up to some event, and the dialogue states on the way.

    Kept on the tracker, so the next prediction in the same message replays only the
    events added since. It is valid for any tracker whose events start with the very
    same event objects; a deep copy (new events) starts afresh, so it is not copied.
    """

    def __init__(self, domain: Domain, tracker: DialogueStateTracker, omit_unset_slots: bool):
        self.domain = domain
        self.omit_unset_slots = omit_unset_slots
        self.events: list[Event] = []
        self.replay = tracker.init_copy()
        self.states: list[State] = []  # one before each ActionExecuted replayed

    def __deepcopy__(self, memo: Any) -> None:
        return None

    def continues(self, domain: Domain, applied: list[Event], omit_unset_slots: bool) -> bool:
        """Whether `applied` is what was replayed (the very same events) plus new ones."""
        return (
            domain is self.domain
            and omit_unset_slots == self.omit_unset_slots
            and len(applied) >= len(self.events)
            and all(map(operator.is_, applied, self.events))
        )

    def replay_events(self, events: list[Event]) -> None:
        """Rasa's `generate_all_prior_trackers` loop, for events not replayed yet."""
        for event in events:
            if isinstance(event, ActionExecuted):
                self.states.append(self.current_state())
            self.replay.update(event)
            self.events.append(event)

    def current_state(self) -> State:
        return self.domain._clean_state(
            self.domain.get_active_state(self.replay, omit_unset_slots=self.omit_unset_slots)
        )


def states_for_tracker_history(
    self: Domain,
    tracker: DialogueStateTracker,
    omit_unset_slots: bool = False,
    ignore_rule_only_turns: bool = False,
    rule_only_data: dict[str, Any] | None = None,
) -> list[State]:
    """`Domain.states_for_tracker_history`, replaying only the events new since last time.

    Rasa replays the whole conversation for every prediction (about 1 ms for 100 events,
    four times a message). The states of the events replayed before are kept; each call
    returns new dictionaries, since Rasa's featurizers edit the states they get.
    Histories that hide rule-only turns (for machine-learned policies) go to Rasa.
    """
    if ignore_rule_only_turns:
        return _states_for_tracker_history(
            self, tracker, omit_unset_slots, ignore_rule_only_turns, rule_only_data
        )
    applied = tracker.applied_events()
    replayed = tracker.__dict__.get(REPLAYED)
    if not (
        isinstance(replayed, _ReplayedStates)
        and replayed.continues(self, applied, omit_unset_slots)
    ):
        replayed = tracker.__dict__[REPLAYED] = _ReplayedStates(self, tracker, omit_unset_slots)
    replayed.replay_events(applied[len(replayed.events) :])
    states = [*replayed.states, replayed.current_state()]
    return [{kind: dict(sub_state) for kind, sub_state in state.items()} for state in states]


_dask_run = DaskGraphRunner.run


def run_graph_in_order(
    self: DaskGraphRunner,
    inputs: dict[str, Any] | None = None,
    targets: list[str] | None = None,
) -> dict[str, Any]:
    """`DaskGraphRunner.run` without dask: each needed node once, after what it needs.

    Inputs reach the nodes as Rasa's dask graph passes them, `(name, value)`; the order
    for a set of targets is worked out once (a runner's graph never changes).
    """
    run_targets = targets if targets else self._graph_schema.target_names
    orders: dict[tuple[str, ...], list[tuple[str, tuple[str, ...]]]]
    orders = self.__dict__.setdefault("_orders", {})
    order = orders.get(tuple(run_targets))
    if order is None:
        schema = self._graph_schema.minimal_graph_schema(run_targets)
        needs = {name: tuple(node.needs.values()) for name, node in schema.nodes.items()}
        order = orders[tuple(run_targets)] = [
            (name, needs[name])
            for name in graphlib.TopologicalSorter(needs).static_order()
            if name in needs  # not the inputs
        ]
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
                # A parent that is neither a node nor an input is passed as its name, as dask does.
                values[name] = node(*(values.get(parent, parent) for parent in parents))
        return dict(values[target] for target in run_targets)
    except RuntimeError as error:
        raise GraphRunError("Error running runner.") from error


class LogArgumentsUncopied:
    """Stands in for the `copy` module where Rasa deep-copies only what it logs."""

    @staticmethod
    def deepcopy(value: Any, memo: Any = None) -> Any:
        """The value itself: the logger renders it at once and does not change it."""
        return value


# Message-path modules in which every use of `copy` is `copy.deepcopy(...)` inside a
# `structlogger` call (tests/rasa_server/test_fixes.py checks their source).
LOG_ONLY_COPIES = (
    "rasa.core.processor",
    "rasa.core.policies.rule_policy",
    "rasa.core.actions.forms",
    "rasa.core.channels.rest",
    "rasa.core.nlg.interpolator",
)


def apply(version: str = rasa.__version__) -> None:
    """Install the fixes; raise RasaVersionError on any other Rasa than 3.6.21."""
    if version != RASA_VERSION:
        raise RasaVersionError(
            f"rasa_server.fixes was written for Rasa {RASA_VERSION}, found {version}: "
            "profile the message path again, then update or drop the fix."
        )
    RemoteAction._validate_action_result = validate_action_result
    Event.resolve_by_type = staticmethod(resolve_by_type)
    RasaModel.load = classmethod(load_for_prediction)
    rasa.core.run.load_agent_on_start = load_agent_then_freeze
    Features._combine_sparse_features = combine_sparse_features
    RasaModel._rasa_predict = rasa_predict
    Slot.__copy__ = copy_slot
    Domain.states_for_tracker_history = states_for_tracker_history
    DaskGraphRunner.run = run_graph_in_order
    for name in LOG_ONLY_COPIES:
        importlib.import_module(name).copy = LogArgumentsUncopied  # type: ignore[attr-defined]
