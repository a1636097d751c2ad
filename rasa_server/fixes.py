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
- A loaded model is a few million Python objects, which the garbage collector's full
  pass walks every few hundred messages: a 240 ms stall for every patient that worker is
  serving. Once the model is loaded, we move those objects out of the collector's sight
  (`gc.freeze()`, meant for servers like this one); they are freed as before when
  nothing refers to them.
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
- Rasa opens a new HTTP connection to the action server for every custom-action call (a
  new `aiohttp.ClientSession`, with its own connection pool, per request), and the
  action server accepts and closes one each time. A worker now keeps one pool per event
  loop, so calls reuse kept-alive connections; each session is otherwise Rasa's own
  (headers, authentication, timeout). Idle connections are dropped after 2 s, before
  Sanic's keep-alive timeout (5 s) could close one under a request.

`apply()` is idempotent and fails loudly if Rasa is not the version this was measured
on, so an upgrade cannot silently keep fixes it no longer needs (or break them).
"""

from __future__ import annotations

import asyncio
import copy
import functools
import gc
import graphlib
import importlib
import operator
import weakref
from typing import Any

import aiohttp
import rasa
import rasa.core.run
from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import ActionExecuted, Event
from rasa.shared.core.slots import Slot
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

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


_load_agent = rasa.core.run.load_agent_on_start


async def load_agent_then_freeze(*args: Any, **kwargs: Any) -> Any:
    """Rasa's `load_agent_on_start` (once per Sanic worker), then freeze what it loaded."""
    agent = await _load_agent(*args, **kwargs)
    gc.collect()
    gc.freeze()
    return agent


# Shorter than Sanic's keep-alive timeout (5 s, the action server's), so a request never
# goes out on a connection the server is about to close.
IDLE_CONNECTION_S = 2.0
_connection_pools: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, aiohttp.TCPConnector]
_connection_pools = weakref.WeakKeyDictionary()
_new_session = EndpointConfig.session


def session_on_kept_connections(self: EndpointConfig) -> aiohttp.ClientSession:
    """`EndpointConfig.session`, drawing on the running loop's pool of kept-alive connections."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return _new_session(self)  # no loop to keep a pool on
    pool = _connection_pools.get(loop)
    if pool is None or pool.closed:
        pool = _connection_pools[loop] = aiohttp.TCPConnector(keepalive_timeout=IDLE_CONNECTION_S)
    auth = None
    if self.basic_auth:
        auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"])
    return aiohttp.ClientSession(
        headers=self.headers,
        auth=auth,
        timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
        connector=pool,
        connector_owner=False,  # closing the session leaves the pool open
    )


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
    rasa.core.run.load_agent_on_start = load_agent_then_freeze
    Slot.__copy__ = copy_slot
    Domain.states_for_tracker_history = states_for_tracker_history
    DaskGraphRunner.run = run_graph_in_order
    EndpointConfig.session = session_on_kept_connections
    for name in LOG_ONLY_COPIES:
        importlib.import_module(name).copy = LogArgumentsUncopied  # type: ignore[attr-defined]
