"""Each fix must keep Rasa's results (verdicts, messages, predictions) and only cut the cost."""

from __future__ import annotations

import ast
import asyncio
import contextlib
import copy
import gc
import importlib
import inspect
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import aiohttp
import pytest
import rasa.core.run
from aiohttp import web
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    BotUttered,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.slots import Slot
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from rasa_server import fixes
from tests.conftest import PROJECT_ROOT
from tests.model_files import trained_model

GOOD_REPLY: dict[str, Any] = {
    "events": [{"event": "slot", "name": "faq_match", "value": "clear"}],
    "responses": [{"response": "utter_faq"}],
}
BAD_REPLIES: list[dict[str, Any]] = [
    {"events": [{"event": "not_an_event"}], "responses": []},
    {"events": "slot faq_match clear"},
    {"events": [], "responses": ["hello"]},
]


@pytest.fixture(autouse=True)
def rasa_unchanged_afterwards() -> Iterator[None]:
    """Other tests see Rasa's own methods, whatever a test here applied."""
    validate = RemoteAction.__dict__["_validate_action_result"]
    resolve = Event.__dict__["resolve_by_type"]
    load_agent = rasa.core.run.load_agent_on_start
    copies = {name: importlib.import_module(name).copy for name in fixes.LOG_ONLY_COPIES}
    slot_copy = Slot.__dict__.get("__copy__")
    states = Domain.__dict__["states_for_tracker_history"]
    run_graph = DaskGraphRunner.__dict__["run"]
    session = EndpointConfig.__dict__["session"]
    yield
    EndpointConfig.session = session
    Domain.states_for_tracker_history = states
    DaskGraphRunner.run = run_graph
    RemoteAction._validate_action_result = validate
    Event.resolve_by_type = resolve
    rasa.core.run.load_agent_on_start = load_agent
    for name, module in copies.items():
        importlib.import_module(name).copy = module  # type: ignore[attr-defined]
    if slot_copy is None and "__copy__" in Slot.__dict__:
        del Slot.__copy__
    gc.unfreeze()


@pytest.fixture
def original() -> Any:
    """Rasa's own reply validation."""
    return RemoteAction.__dict__["_validate_action_result"]


def action() -> RemoteAction:
    return RemoteAction("action_match_faq", None)


def test_apply_installs_the_cached_validator(original: Any) -> None:
    fixes.apply()
    assert RemoteAction._validate_action_result is fixes.validate_action_result
    assert action()._validate_action_result(GOOD_REPLY) is True


@pytest.mark.parametrize("reply", BAD_REPLIES)
def test_a_bad_reply_fails_exactly_as_in_rasa(original: Any, reply: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as rasas:
        original(action(), dict(reply))
    fixes.apply()
    with pytest.raises(ValidationError) as ours:
        action()._validate_action_result(dict(reply))
    assert ours.value.message == rasas.value.message
    assert "Failed to validate Action server response" in ours.value.message


def test_the_schema_is_checked_once() -> None:
    assert fixes.reply_validator() is fixes.reply_validator()


def test_another_rasa_version_is_refused(original: Any) -> None:
    with pytest.raises(fixes.RasaVersionError, match=r"3\.6\.21"):
        fixes.apply("3.7.0")
    assert RemoteAction._validate_action_result is original


@pytest.fixture
def original_resolve() -> Any:
    """Rasa's own event class look-up."""
    return Event.__dict__["resolve_by_type"].__func__


@pytest.mark.parametrize(
    "name", ["slot", "user", "bot", "action", "active_loop", "session_started"]
)
def test_event_classes_are_found_as_rasa_finds_them(original_resolve: Any, name: str) -> None:
    expected = original_resolve(name)
    fixes.apply()
    assert Event.resolve_by_type(name) is expected
    assert Event.resolve_by_type(name) is expected  # and again, from the cache


def test_an_unknown_event_name_still_fails_or_takes_the_default(original_resolve: Any) -> None:
    fixes.apply()
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    assert Event.resolve_by_type("topic") is None  # Rasa's backwards-compatible name


def test_a_tracker_reads_back_the_same_after_the_fix(original_resolve: Any) -> None:
    events = [UserUttered("hi"), SlotSet("faq_match", "clear"), BotUttered("hello")]
    dumped = [event.as_dict() for event in events]
    fixes.apply()
    assert [Event.from_parameters(item) for item in dumped] == events


def test_what_the_worker_loaded_is_frozen_out_of_the_collectors_passes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loaded: list[object] = []

    async def load_agent(*args: Any) -> object:
        loaded.append([{"weights": n} for n in range(1000)])  # what a model load leaves
        return "agent"

    monkeypatch.setattr(fixes, "_load_agent", load_agent)
    fixes.apply()
    assert rasa.core.run.load_agent_on_start is fixes.load_agent_then_freeze
    before = gc.get_freeze_count()
    assert (
        asyncio.run(rasa.core.run.load_agent_on_start("models", None, None, "app", "loop"))
        == "agent"
    )
    assert loaded and gc.get_freeze_count() >= before + 1000


def log_call_copies(module_name: str) -> tuple[int, int]:
    """(uses of `copy` in the module, those that are `copy.deepcopy` in a structlogger call)."""
    tree = ast.parse(inspect.getsource(importlib.import_module(module_name)))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

    def in_log_call(node: ast.AST) -> bool:
        while node in parents:
            node = parents[node]
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "structlogger"
            ):
                return True
        return False

    uses = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "copy"
    ]
    logged = [node for node in uses if node.attr == "deepcopy" and in_log_call(node)]
    return len(uses), len(logged)


@pytest.mark.parametrize("module_name", fixes.LOG_ONLY_COPIES)
def test_these_modules_deep_copy_only_what_they_log(module_name: str) -> None:
    uses, logged = log_call_copies(module_name)
    assert uses > 0 and logged == uses


def test_a_module_that_copies_for_itself_is_recognised() -> None:
    uses, logged = log_call_copies("rasa.shared.core.events")  # one copy is not for a log
    assert logged < uses


def test_log_arguments_are_passed_as_they_are() -> None:
    fixes.apply()
    for name in fixes.LOG_ONLY_COPIES:
        module = importlib.import_module(name)
        assert module.copy is fixes.LogArgumentsUncopied
    value = {"entities": [{"entity": "condition"}]}
    assert fixes.LogArgumentsUncopied.deepcopy(value) is value
    assert importlib.import_module("rasa.shared.core.events").copy is copy  # untouched


def test_slots_are_copied_as_pythons_own_copy_copies_them() -> None:
    slots = Domain.load(str(PROJECT_ROOT / "domain.yml")).slots
    slots[0].value = ["a", "list"]  # a mutable value: shared by the copy, as before
    expected = [copy.copy(slot) for slot in slots]
    fixes.apply()
    actual = [copy.copy(slot) for slot in slots]
    assert {type(slot).__name__ for slot in slots} >= {"TextSlot", "BooleanSlot", "FloatSlot"}
    for original, theirs, ours in zip(slots, expected, actual, strict=True):
        assert type(ours) is type(theirs) and ours is not original
        assert ours.__dict__ == theirs.__dict__
        assert all(ours.__dict__[key] is value for key, value in original.__dict__.items())
    actual[0].value = "changed"
    assert slots[0].value == ["a", "list"]


STORY_FILES = (
    "data/rules.yml",
    "data/rules_booking.yml",
    "data/rules_triage.yml",
    "tests/conversations/test_checkin_stories.yml",
    "tests/conversations/test_faq_stories.yml",
)


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(PROJECT_ROOT / "domain.yml"))


@pytest.fixture(scope="module")
def conversations(domain: Domain) -> list[list[Event]]:
    """The events of every rule and test conversation: forms, slots, loops, check-ins."""
    from rasa.core.training import load_data

    trackers = [
        tracker
        for name in STORY_FILES
        for tracker in load_data(str(PROJECT_ROOT / name), domain, augmentation_factor=0)
    ]
    assert len(trackers) > 50
    return [list(tracker.events) for tracker in trackers]


def rasas_states(domain: Domain, tracker: DialogueStateTracker, omit: bool) -> list[Any]:
    return fixes._states_for_tracker_history(domain, tracker, omit)


def our_states(domain: Domain, tracker: DialogueStateTracker, omit: bool) -> list[Any]:
    return fixes.states_for_tracker_history(domain, tracker, omit)


@pytest.mark.parametrize("omit_unset_slots", [False, True])
def test_dialogue_states_are_rasas_after_every_event_and_replay_only_new_events(
    domain: Domain, conversations: list[list[Event]], omit_unset_slots: bool
) -> None:
    checked = 0
    for events in conversations:
        tracker = DialogueStateTracker("patient", domain.slots)
        for event in events:
            tracker.update(event)  # as the processor adds them
            ours = our_states(domain, tracker, omit_unset_slots)
            assert ours == rasas_states(domain, tracker, omit_unset_slots)
            # Rasa's featurizers edit the states they get; the next call must not see it.
            for state in ours:
                state.get("user", {}).pop("text", None)
                state.pop("slots", None)
            checked += 1
        replayed = tracker.__dict__[fixes.REPLAYED]
        assert replayed.events == tracker.applied_events()  # one replay, extended
    assert checked > 500


@pytest.mark.parametrize(
    "undo",
    [UserUtteranceReverted(), ActionReverted(), Restarted(), SessionStarted()],
    ids=lambda event: type(event).__name__,
)
def test_events_that_undo_history_start_the_replay_again(
    domain: Domain, conversations: list[list[Event]], undo: Event
) -> None:
    events = max(conversations, key=len)
    tracker = DialogueStateTracker("patient", domain.slots)
    for event in events:
        tracker.update(event)
    our_states(domain, tracker, False)
    before = tracker.__dict__[fixes.REPLAYED]
    tracker.update(undo)
    assert our_states(domain, tracker, False) == rasas_states(domain, tracker, False)
    assert tracker.__dict__[fixes.REPLAYED] is not before
    tracker.update(ActionExecuted("action_listen"))
    assert our_states(domain, tracker, False) == rasas_states(domain, tracker, False)


def test_a_copied_tracker_replays_its_own_history(
    domain: Domain, conversations: list[list[Event]]
) -> None:
    tracker = DialogueStateTracker("patient", domain.slots)
    for event in max(conversations, key=len):
        tracker.update(event)
    our_states(domain, tracker, False)
    assert copy.deepcopy(tracker).__dict__[fixes.REPLAYED] is None  # not copied for nothing
    for duplicate in (copy.deepcopy(tracker), copy.copy(tracker), tracker.copy()):
        duplicate.update(SlotSet("checkin_done", True))
        assert our_states(domain, duplicate, False) == rasas_states(domain, duplicate, False)
    assert our_states(domain, tracker, False) == rasas_states(domain, tracker, False)


def test_histories_for_machine_learned_policies_go_to_rasa(
    domain: Domain, monkeypatch: pytest.MonkeyPatch
) -> None:
    tracker = DialogueStateTracker("patient", domain.slots)
    expected = rasas_states(domain, tracker, False)
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(fixes, "_states_for_tracker_history", lambda *args: calls.append(args))
    rule_only = {"slots": ["faq_match"], "loops": []}
    fixes.apply()
    tracker.past_states(domain, ignore_rule_only_turns=True, rule_only_data=rule_only)
    assert calls == [(domain, tracker, False, True, rule_only)]
    assert tracker.past_states(domain) == expected  # ours
    assert len(calls) == 1 and fixes.REPLAYED in tracker.__dict__


@pytest.mark.model
def test_the_graph_runs_in_order_with_rasas_results_and_errors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import UserMessage
    from rasa.engine.exceptions import GraphComponentException, GraphRunError

    agent = Agent.load(str(trained_model()))
    runner = agent.processor.graph_runner
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

    def run(how: Any, targets: list[str] | None) -> dict[str, Any]:
        messages = [UserMessage(text, message_id=text) for text in texts]
        return how(runner, {"__message__": messages, "__tracker__": tracker}, targets)

    def failure(how: Any, inputs: dict[str, Any], targets: list[str]) -> tuple[type, str]:
        with pytest.raises(Exception) as raised:
            how(runner, inputs, targets)
        return type(raised.value), str(raised.value)

    for targets in ([nlu], [core], None):
        rasas, ours = run(fixes._dask_run, targets), run(fixes.run_graph_in_order, targets)
        assert rasas.keys() == ours.keys()
        for name in rasas:
            if name == nlu:
                assert [m.as_dict(only_output_properties=True) for m in ours[name]] == [
                    m.as_dict(only_output_properties=True) for m in rasas[name]
                ]
            else:
                assert ours[name] == rasas[name]
    assert run(fixes.run_graph_in_order, [nlu])[nlu][2].get("intent")["name"] == "greet"

    clash = {"__message__": "run_RulePolicy1"}
    missing: dict[str, Any] = {}
    broken = {"__tracker__": "not a tracker"}
    for inputs, error in (
        (clash, GraphRunError),
        (missing, GraphRunError),
        (broken, GraphComponentException),
    ):
        expected = failure(fixes._dask_run, inputs, [core])
        assert expected[0] is error
        got = failure(fixes.run_graph_in_order, inputs, [core])
        # Several policy nodes lack (or fail on) the tracker; which one is named first
        # follows the traversal order, which dask does not define.
        assert got[0] is expected[0]
        assert got[1].split(" node ")[0] == expected[1].split(" node ")[0]

    expected_prediction = fixes._dask_run(runner, {"__tracker__": tracker}, [core])[core]
    monkeypatch.setattr("dask.get", None)  # dask is not called
    fixes.apply()
    assert runner.run({"__tracker__": tracker}, [core])[core] == expected_prediction


def every_event_kind() -> list[dict[str, Any]]:
    """One event of each kind an action may return, as the action server sends them."""
    from datetime import datetime

    from rasa.shared.core import events as kinds

    made = [
        kinds.UserUttered("hi", {"name": "greet", "confidence": 1.0}),
        kinds.ActionExecuted("action_listen"),
        SlotSet("faq_match", "clear"),
        kinds.EntitiesAdded([{"entity": "condition", "value": "sciatica"}]),
        kinds.DefinePrevUserUtteredFeaturization(True),
        kinds.ReminderCancelled("a reminder"),
        kinds.ReminderScheduled("remind", datetime(2026, 11, 30, 9, 0)),
        kinds.ActionExecutionRejected("symptom_checkin_form"),
        kinds.LoopInterrupted(True),
        kinds.ActiveLoop("symptom_checkin_form"),
        kinds.AllSlotsReset(),
        kinds.ConversationResumed(),
        kinds.ConversationPaused(),
        kinds.FollowupAction("utter_greet"),
        kinds.StoryExported(),
        kinds.Restarted(),
        kinds.UserUtteranceReverted(),
        kinds.ActionReverted(),
        BotUttered("hello", {"buttons": []}),
        kinds.SessionStarted(),
        kinds.AgentUttered("hello"),
    ]
    return [event.as_dict() for event in made]


def broken(event: dict[str, Any]) -> list[Any]:
    """Ways an action server could get an event wrong."""
    return [
        {**event, "timestamp": "yesterday"},
        {**event, "event": "no_such_event"},
        {key: value for key, value in event.items() if key != "event"},
        {**event, "event": 7},
        "slot faq_match clear",
    ]


def test_replies_checked_by_event_kind_are_exactly_those_rasas_schema_accepts() -> None:
    full = fixes.reply_validator()
    events = every_event_kind()
    replies: list[Any] = [{"events": [event]} for event in events]
    replies += [{"events": events, "responses": [{"response": "utter_faq/sciatica"}]}]
    replies += [{"events": [event, bad]} for event in events for bad in broken(event)]
    replies += [*BAD_REPLIES, {}, {"events": None}, {"responses": "hi"}, ["a list"], None]
    replies += [{"events": [{**SlotSet("faq_match", "x").as_dict(), "name": 3}]}]
    accepted = [reply for reply in replies if full.is_valid(reply)]
    assert accepted == [*replies[: len(events) + 1], {}]  # the corpus covers both answers
    for reply in replies:
        assert fixes.valid_by_event_kind(reply) is full.is_valid(reply), reply


def test_a_valid_reply_skips_the_full_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fixes, "reply_validator", None)  # calling it would fail
    fixes.apply()
    reply = {"events": every_event_kind(), "responses": [{"response": "utter_greet"}]}
    assert action()._validate_action_result(reply) is True


def test_a_schema_whose_event_kinds_share_a_name_gets_the_full_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    schema = RemoteAction.action_response_format_spec()
    kinds = schema["properties"]["events"]["items"]["oneOf"]
    kinds.append(copy.deepcopy(kinds[0]))
    monkeypatch.setattr(RemoteAction, "action_response_format_spec", staticmethod(lambda: schema))
    fixes.reply_validators_by_event.cache_clear()
    try:
        assert fixes.reply_validators_by_event() is None
        assert not fixes.valid_by_event_kind(GOOD_REPLY)
    finally:
        fixes.reply_validators_by_event.cache_clear()


Seen = list[tuple[asyncio.BaseTransport, web.Request]]


@contextlib.asynccontextmanager
async def action_server_stand_in(
    keepalive_timeout: float = 75.0,
) -> AsyncIterator[tuple[str, list]]:
    """A local HTTP server that notes, for each request, the connection and what came with it."""
    seen: Seen = []

    async def webhook(request: web.Request) -> web.Response:
        assert request.transport is not None
        seen.append((request.transport, request))  # kept, so no two connections share an id
        return web.json_response({"events": [], "responses": []})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app, keepalive_timeout=keepalive_timeout)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://127.0.0.1:{port}/webhook", seen
    finally:
        pool = fixes._connection_pools.pop(asyncio.get_running_loop(), None)
        if pool is not None:
            await pool.close()
        await runner.cleanup()


def connections(seen: Seen) -> int:
    """How many connections the requests came on."""
    return len({id(transport) for transport, _ in seen})


def test_action_calls_reuse_a_kept_alive_connection_where_rasa_opens_one_each() -> None:
    async def three_calls() -> int:
        async with action_server_stand_in() as (url, seen):
            endpoint = EndpointConfig(url)
            for _ in range(3):
                assert await endpoint.request(json={"next_action": "x"}) == {
                    "events": [],
                    "responses": [],
                }
            return connections(seen)

    assert asyncio.run(three_calls()) == 3  # Rasa's own sessions
    fixes.apply()
    assert asyncio.run(three_calls()) == 1


def test_a_session_is_otherwise_rasas_own() -> None:
    fixes.apply()

    async def call() -> web.Request:
        async with action_server_stand_in() as (url, seen):
            endpoint = EndpointConfig(
                url,
                headers={"X-Clinic": "joint-pain"},
                basic_auth={"username": "rasa", "password": "secret"},
                token="t0ken",
            )
            session = endpoint.session()
            assert session.timeout.total == fixes.DEFAULT_REQUEST_TIMEOUT
            await session.close()
            await endpoint.request(json={"next_action": "x"})
            return seen[0][1]

    request = asyncio.run(call())
    assert request.headers["X-Clinic"] == "joint-pain"
    assert request.headers["Authorization"] == aiohttp.BasicAuth("rasa", "secret").encode()
    assert request.query["token"] == "t0ken"


def test_a_connection_the_server_closed_is_not_used_again() -> None:
    fixes.apply()

    async def calls_with_a_pause() -> int:
        async with action_server_stand_in(keepalive_timeout=0.1) as (url, seen):
            endpoint = EndpointConfig(url)
            await endpoint.request(json={"next_action": "x"})
            [(transport, _)] = seen
            deadline = time.monotonic() + 10
            while not transport.is_closing():  # the server closes the idle connection
                assert time.monotonic() < deadline, "the stand-in kept the connection open"
                await asyncio.sleep(0.05)
            await asyncio.sleep(0.1)  # and the client has seen it close
            await endpoint.request(json={"next_action": "x"})
            return connections(seen)

    assert asyncio.run(calls_with_a_pause()) == 2


def test_each_event_loop_keeps_its_own_pool_and_without_one_rasas_session_is_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fixes.apply()
    endpoint = EndpointConfig("http://127.0.0.1:1/webhook")

    async def pool() -> object:
        session = endpoint.session()
        connector = session.connector
        assert session.connector is endpoint.session().connector  # the same pool
        await session.close()
        assert connector is not None and not connector.closed  # closing a session keeps it
        return connector

    assert asyncio.run(pool()) is not asyncio.run(pool())
    made: list[EndpointConfig] = []
    monkeypatch.setattr(fixes, "_new_session", made.append)
    endpoint.session()
    assert made == [endpoint]
