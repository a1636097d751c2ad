"""The Redis tracker store writes exactly what Rasa's own would, in every case.

By default it keeps no tracker; the `kept_trackers` patch (RASA_PATCHES) switches on
keeping, handing back and appending, which the tests marked `keeping` check.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
import redis
from rasa.core.tracker_store import RedisTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    Event,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa.utils.endpoints import read_endpoint_config

from rasa_server.stores import tracker_store
from rasa_server.stores.tracker_store import AppendingRedisTrackerStore, extends, retention_seconds
from tests.conftest import PROJECT_ROOT

DOMAIN = Domain.from_yaml("slots:\n  faq_match:\n    type: text\n    mappings: []\n")


def at(time: float, event: Event) -> Event:
    event.timestamp = time
    return event


def opening(start: float) -> list[Event]:
    return [
        at(start, ActionExecuted("action_session_start")),
        at(start + 0.1, SessionStarted()),
        at(start + 0.2, ActionExecuted("action_listen")),
    ]


def turn(start: float, text: str) -> list[Event]:
    return [
        at(start, UserUttered(text, {"name": "faq", "confidence": 0.9})),
        at(start + 0.1, SlotSet("faq_match", "clear")),
        at(start + 0.2, BotUttered(f"about {text}")),
        at(start + 0.3, ActionExecuted("action_listen")),
    ]


MakeStores = Callable[[str], tuple[RedisTrackerStore, RedisTrackerStore]]


@pytest.fixture
def keeping(monkeypatch: pytest.MonkeyPatch) -> None:
    """The store as the `kept_trackers` patch leaves it."""
    monkeypatch.setattr(AppendingRedisTrackerStore, "keeps_trackers", True)


@pytest.fixture
def stores(redis_url: str) -> MakeStores:
    """Rasa's store and ours on the test Redis, each under its own key prefix."""
    address = urlsplit(redis_url)

    def make(name: str) -> tuple[RedisTrackerStore, RedisTrackerStore]:
        settings = {"host": address.hostname, "port": address.port, "db": 3}
        return (
            RedisTrackerStore(DOMAIN, key_prefix=f"rasa{name}", **settings),
            AppendingRedisTrackerStore(DOMAIN, key_prefix=f"ours{name}", **settings),
        )

    return make


def stored(store: RedisTrackerStore, sender: str) -> str:
    raw = store.red.get(store.key_prefix + sender)
    assert isinstance(raw, str)  # Rasa's Redis client decodes
    return raw


def both(
    rasas: RedisTrackerStore, ours: RedisTrackerStore, step: Callable[[RedisTrackerStore], None]
) -> None:
    step(rasas)
    step(ours)
    assert stored(ours, "patient") == stored(rasas, "patient")


def save(store: RedisTrackerStore, events: list[Event]) -> None:
    tracker = DialogueStateTracker.from_events("patient", events, DOMAIN.slots)
    asyncio.run(store.save(tracker))


def extend(store: RedisTrackerStore, events: list[Event]) -> DialogueStateTracker:
    """What a Rasa worker does: read the latest session, add to it, save it."""
    tracker = asyncio.run(store.retrieve("patient"))
    assert tracker is not None
    tracker.update_with_events(events, DOMAIN, override_timestamp=False)
    asyncio.run(store.save(tracker))
    return tracker


def read(store: RedisTrackerStore, *, full: bool = False) -> tuple[DialogueStateTracker, object]:
    """A retrieved tracker, and all it holds (as JSON: a tuple and a list are alike here)."""
    retrieve = store.retrieve_full_tracker if full else store.retrieve
    tracker = asyncio.run(retrieve("patient"))
    assert tracker is not None
    return tracker, json.loads(json.dumps(tracker.current_state(EventVerbosity.ALL)))


def kept(store: AppendingRedisTrackerStore) -> DialogueStateTracker | None:
    saved = store._saved.get("patient")
    return saved.tracker if saved else None


def merges(store: RedisTrackerStore, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each time `store` falls back to Rasa's merge."""
    calls: list[str] = []
    merge = store._merge_trackers

    def recorded(
        prior: DialogueStateTracker, tracker: DialogueStateTracker
    ) -> DialogueStateTracker:
        calls.append(tracker.sender_id)
        return merge(prior, tracker)

    monkeypatch.setattr(store, "_merge_trackers", recorded)
    return calls


def stored_json_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each time a save parses the stored conversation (its full path)."""
    calls: list[str] = []
    parse = tracker_store._events

    def recorded(stored: str | bytes) -> Any:
        calls.append(str(stored)[:20])
        return parse(stored)

    monkeypatch.setattr(tracker_store, "_events", recorded)
    return calls


@pytest.mark.parametrize("keeps", [False, True], ids=["default", "kept_trackers"])
def test_a_new_and_a_growing_conversation_are_saved_as_rasa_saves_them(
    stores: MakeStores, monkeypatch: pytest.MonkeyPatch, keeps: bool
) -> None:
    monkeypatch.setattr(AppendingRedisTrackerStore, "keeps_trackers", keeps)
    rasas, ours = stores(f"growing{keeps}")
    assert isinstance(ours, AppendingRedisTrackerStore)
    merged = merges(ours, monkeypatch)
    parsed = stored_json_parses(monkeypatch)
    both(rasas, ours, lambda store: save(store, opening(100.0)))
    both(rasas, ours, lambda store: extend(store, turn(101.0, "sciatica")))
    both(rasas, ours, lambda store: extend(store, turn(102.0, "stretches")))
    assert len(json.loads(stored(ours, "patient"))["events"]) == 11
    assert merged == []  # never read back and merged
    # Kept: the new events were added to the text written before, which is not parsed.
    assert len(parsed) == (0 if keeps else 2)
    assert (kept(ours) is not None) is keeps and (ours._saved_characters > 0) is keeps
    for full in (True, False):
        last_saved = kept(ours)
        tracker, state = read(ours, full=full)
        assert state == read(rasas, full=full)[1]
        # Handed back (not rebuilt) only when kept, and never the full history.
        assert (tracker is last_saved) is (keeps and not full)


@pytest.mark.usefixtures("keeping")
def test_a_tracker_is_handed_back_once_and_only_while_current(stores: MakeStores) -> None:
    rasas, ours = stores("current")
    assert isinstance(ours, AppendingRedisTrackerStore)
    both(rasas, ours, lambda store: save(store, opening(100.0)))
    saved = extend(ours, turn(101.0, "sciatica"))
    extend(rasas, turn(101.0, "sciatica"))
    assert read(ours)[0] is saved
    again, state = read(ours)  # handed out already: rebuilt from Redis, the same content
    assert again is not saved and state == read(rasas)[1]

    changed_after_saving = extend(ours, turn(102.0, "stretches"))
    extend(rasas, turn(102.0, "stretches"))
    changed_after_saving.update(BotUttered("never saved"), DOMAIN)
    tracker, state = read(ours)
    assert tracker is not changed_after_saving and state == read(rasas)[1]

    extend(ours, turn(103.0, "posture"))
    _, other_worker = stores("current")  # the same keys: another Sanic worker
    extend(other_worker, turn(104.0, "walking"))
    extend(rasas, turn(103.0, "posture"))
    extend(rasas, turn(104.0, "walking"))
    tracker, state = read(ours)
    assert isinstance(other_worker, AppendingRedisTrackerStore)
    assert tracker is not kept(other_worker) and state == read(rasas)[1]
    assert "walking" in [event.get("text") for event in state["events"]]  # type: ignore[index]

    capped = DialogueStateTracker.from_events(
        "patient", opening(300.0), DOMAIN.slots, max_event_history=3
    )
    ours.red.delete(ours.key_prefix + "patient")
    asyncio.run(ours.save(capped))
    assert ours._saved["patient"].tracker is capped
    capped.update(BotUttered("never saved"), DOMAIN)  # as many events, the first dropped
    assert read(ours)[0] is not capped

    ours.red.delete(ours.key_prefix + "patient")  # expired, or deleted by the clinic
    save(ours, opening(200.0))
    ours.red.delete(ours.key_prefix + "patient")
    assert asyncio.run(ours.retrieve("patient")) is None


@pytest.mark.usefixtures("keeping")
def test_only_single_sessions_and_the_latest_conversations_are_kept(
    stores: MakeStores, monkeypatch: pytest.MonkeyPatch
) -> None:
    rasas, ours = stores("kept")
    assert isinstance(ours, AppendingRedisTrackerStore)
    both(rasas, ours, lambda store: save(store, opening(100.0) + turn(101.0, "sciatica")))
    both(rasas, ours, lambda store: extend(store, opening(5000.0)))
    assert kept(ours) is None  # two sessions: Rasa reads back only the second
    assert read(ours)[1] == read(rasas)[1]

    one_conversation = len(
        json.dumps(DialogueStateTracker.from_events("one", opening(100.0)).as_dialogue().as_dict())
    )
    monkeypatch.setattr(tracker_store, "KEPT_JSON_CHARACTERS", 2 * one_conversation)
    for sender in ("one", "two", "six"):  # names of one length: conversations of one size
        asyncio.run(ours.save(DialogueStateTracker.from_events(sender, opening(100.0))))
    assert list(ours._saved) == ["two", "six"]
    assert ours._saved_characters == 2 * one_conversation
    handed_out = asyncio.run(ours.retrieve("two"))
    assert ours._saved["two"].handed_out  # kept to save it cheaply, and counted
    assert ours._saved_characters == 2 * one_conversation
    assert asyncio.run(ours.retrieve("two")) is not handed_out  # handed out once


def test_an_earlier_session_is_kept_as_rasa_keeps_it(
    stores: MakeStores, monkeypatch: pytest.MonkeyPatch
) -> None:
    rasas, ours = stores("sessions")
    merged = merges(ours, monkeypatch)
    both(rasas, ours, lambda store: save(store, opening(100.0) + turn(101.0, "sciatica")))
    # Over an hour later: a new session. retrieve() gives only the new one, and the save
    # must not lose the first.
    both(rasas, ours, lambda store: extend(store, opening(5000.0)))
    both(rasas, ours, lambda store: extend(store, turn(5001.0, "stretches")))
    events = json.loads(stored(ours, "patient"))["events"]
    assert [event["event"] for event in events].count("session_started") == 2
    assert events[3]["text"] == "sciatica"
    assert merged == ["patient"]  # only once the stored conversation held two sessions


def test_a_conversation_is_split_into_sessions_only_when_it_has_several(
    stores: MakeStores, monkeypatch: pytest.MonkeyPatch
) -> None:
    splits: list[str] = []
    split = tracker_store.get_trackers_for_conversation_sessions

    def recorded(tracker: DialogueStateTracker) -> list[DialogueStateTracker]:
        splits.append(tracker.sender_id)
        return split(tracker)

    monkeypatch.setattr(tracker_store, "get_trackers_for_conversation_sessions", recorded)
    rasas, ours = stores("split")
    both(rasas, ours, lambda store: save(store, opening(100.0) + turn(101.0, "sciatica")))
    assert read(ours)[1] == read(rasas)[1]
    assert splits == []
    both(rasas, ours, lambda store: extend(store, opening(5000.0) + turn(5001.0, "stretches")))
    _, state = read(ours)
    assert state == read(rasas)[1] and splits == ["patient"]
    texts = [event.get("text") for event in state["events"]]  # type: ignore[index]
    assert "stretches" in texts and "sciatica" not in texts  # the latest session only
    assert read(ours, full=True)[1] == read(rasas, full=True)[1]


def test_another_writers_events_are_merged_as_rasa_merges_them(stores: MakeStores) -> None:
    rasas, ours = stores("writers")
    both(rasas, ours, lambda store: save(store, opening(100.0)))

    def two_writers(store: RedisTrackerStore) -> None:
        first = asyncio.run(store.retrieve("patient"))
        second = asyncio.run(store.retrieve("patient"))
        assert first is not None and second is not None
        first.update_with_events(turn(101.0, "sciatica"), DOMAIN, override_timestamp=False)
        second.update_with_events(turn(102.0, "stretches"), DOMAIN, override_timestamp=False)
        asyncio.run(store.save(first))
        asyncio.run(store.save(second))

    both(rasas, ours, two_writers)
    texts = [e.get("text") for e in json.loads(stored(ours, "patient"))["events"]]
    assert "sciatica" in texts and "stretches" in texts


@pytest.mark.parametrize("unreadable", ["not json", '["a list"]', '{"events": "none"}'])
def test_an_odd_stored_value_is_handled_as_in_rasa(stores: MakeStores, unreadable: str) -> None:
    outcomes = []
    for store in stores("unreadable"):
        store.red.set(store.key_prefix + "patient", unreadable)
        try:
            save(store, opening(100.0))
            failure = None
        except Exception as error:
            failure = (type(error), str(error))
        outcomes.append((failure, stored(store, "patient")))
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][0] is not None or unreadable == '{"events": "none"}'


def test_extends_only_when_the_stored_events_start_the_new_ones_and_come_first() -> None:
    stored_events = [{"event": "action", "timestamp": 1.0}, {"event": "user", "timestamp": 2.0}]
    later = {"event": "bot", "timestamp": 3.0}
    assert extends([], [later])
    assert extends(stored_events, stored_events)
    assert extends(stored_events, [*stored_events, later])
    assert not extends(stored_events, stored_events[:1])
    assert not extends(stored_events, [stored_events[1], stored_events[0], later])
    assert not extends(stored_events, [*stored_events, {"event": "bot", "timestamp": 2.0}])


def test_endpoints_yml_configures_this_store(
    redis_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clinic.settings import load_clinic_settings
    from rasa_server import rasa_server_environment
    from startup.settings import load_settings

    # Every ${...} in endpoints.yml, as the launchers set them; then this test's Redis.
    for name, value in rasa_server_environment(load_settings(), load_clinic_settings()).items():
        monkeypatch.setenv(name, value)
    address = urlsplit(redis_url)
    monkeypatch.setenv("REDIS_HOST", str(address.hostname))
    monkeypatch.setenv("REDIS_PORT", str(address.port))
    monkeypatch.setenv("REDIS_PASSWORD", "")
    monkeypatch.setenv("CONVERSATION_RETENTION_S", "2592000")
    endpoint = read_endpoint_config(str(PROJECT_ROOT / "endpoints.yml"), "tracker_store")
    store = TrackerStore.create(endpoint, DOMAIN)
    assert isinstance(store, AppendingRedisTrackerStore)
    asyncio.run(store.save(DialogueStateTracker.from_events("configured", opening(1.0))))
    client = redis.Redis(port=address.port, db=0)
    assert client.exists(store.key_prefix + "configured")
    # Kept for the retention period after its last message, then Redis deletes it.
    assert 2592000 - 60 < client.ttl(store.key_prefix + "configured") <= 2592000


@pytest.mark.usefixtures("keeping")
@pytest.mark.parametrize("change", ["another writer", "history cut", "an older event"])
def test_a_save_adds_to_the_text_only_when_rasa_would_keep_the_tracker_as_it_is(
    stores: MakeStores, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    rasas, ours = stores(change.replace(" ", ""))
    assert isinstance(ours, AppendingRedisTrackerStore)
    both(rasas, ours, lambda store: save(store, opening(100.0) + turn(101.0, "sciatica")))
    parsed = stored_json_parses(monkeypatch)

    def step(store: RedisTrackerStore) -> None:
        tracker = asyncio.run(store.retrieve("patient"))
        assert tracker is not None
        if change == "another writer":
            other = DialogueStateTracker.from_events(
                "patient",
                opening(100.0) + turn(101.0, "sciatica") + turn(102.0, "posture"),
                DOMAIN.slots,
            )
            asyncio.run(RedisTrackerStore.save(store, other))
        tracker.update_with_events(turn(103.0, "stretches"), DOMAIN, override_timestamp=False)
        if change == "history cut":
            tracker.events.popleft()
        if change == "an older event":
            tracker.update(at(50.0, BotUttered("from the past")), DOMAIN)
        asyncio.run(store.save(tracker))

    both(rasas, ours, step)
    assert parsed  # the full save, which parses what Redis holds
    assert read(ours)[1] == read(rasas)[1]


@pytest.mark.parametrize(
    ("value", "seconds"), [(None, None), ("", None), ("0", None), ("86400", 86400), (60.0, 60)]
)
def test_the_retention_setting_is_read_as_whole_seconds(value: object, seconds: int | None) -> None:
    assert retention_seconds(value) == seconds


def test_a_turn_in_which_the_patient_had_the_conversation_forgotten_deletes_it(
    stores: MakeStores,
) -> None:
    _, ours = stores("forget")
    save(ours, opening(1.0) + turn(2.0, "my name is Anna, 07700 900123"))
    assert ours.red.exists(ours.key_prefix + "patient")
    tracker = asyncio.run(ours.retrieve("patient"))
    assert tracker is not None
    forgetting = [
        at(3.0, UserUttered("yes", {"name": "affirm", "confidence": 0.9})),
        at(3.1, ActionExecuted("action_forget_me")),
        at(3.2, BotUttered("Done: this conversation and your details are deleted.")),
        at(3.3, ActionExecuted("action_listen")),
    ]
    tracker.update_with_events(forgetting, DOMAIN, override_timestamp=False)
    asyncio.run(ours.save(tracker))
    assert not ours.red.exists(ours.key_prefix + "patient")
    assert asyncio.run(ours.retrieve("patient")) is None
    # The next message starts a new conversation, which is kept as usual.
    save(ours, opening(10.0) + turn(11.0, "hello again"))
    assert ours.red.exists(ours.key_prefix + "patient")
