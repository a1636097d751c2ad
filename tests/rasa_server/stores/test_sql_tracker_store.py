"""The SQL tracker store keeps conversations as Rasa's does, and forgets them as Redis does.

Every test runs on a SQLite file and on a real, throwaway PostgreSQL cluster.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import read_endpoint_config
from sqlalchemy.engine import make_url

from clinic.settings import SettingsError, load_clinic_settings
from rasa_server import rasa_server_environment
from rasa_server.stores.conversation_reader import ConversationStoreError, read_conversations
from rasa_server.stores.sql_tracker_store import RetainingSQLTrackerStore
from startup.settings import load_settings
from tests.conftest import PROJECT_ROOT
from tests.rasa_server.stores.test_tracker_store import DOMAIN, at, opening, turn
from tests.scheduling_service.postgres import (
    PostgresCluster,
    PostgresUnavailableError,
    running_postgres,
)

DAY_S = 24 * 3600
RETENTION_S = 30 * DAY_S


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresCluster | PostgresUnavailableError]:
    """One cluster for the module; a start-up error is kept so that tests FAIL with it."""
    try:
        with running_postgres() as cluster:
            yield cluster
    except PostgresUnavailableError as error:
        yield error


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        # A folder that does not exist yet: the store makes it.
        return f"sqlite:///{tmp_path / 'local' / 'conversations.db'}"
    cluster = request.getfixturevalue("postgres")
    if isinstance(cluster, PostgresUnavailableError):
        pytest.fail(f"This test needs PostgreSQL: {cluster}", pytrace=False)
    return cluster.create_database()


def make_store(url: str, record_exp: object = str(RETENTION_S)) -> RetainingSQLTrackerStore:
    # As endpoints.yml passes them: the Redis settings too, every value as text.
    return RetainingSQLTrackerStore(
        DOMAIN,
        host="127.0.0.1",
        sql_url=url,
        port="6390",
        password="",
        db="0",
        record_exp=record_exp,
    )


def save(store: SQLTrackerStore, sender: str, events: list[Event]) -> DialogueStateTracker:
    tracker = DialogueStateTracker.from_events(sender, events, DOMAIN.slots)
    asyncio.run(store.save(tracker))
    return tracker


def texts(tracker: DialogueStateTracker | None) -> list[str | None]:
    assert tracker is not None
    return [event.text for event in tracker.events if isinstance(event, UserUttered)]


def test_a_conversation_is_read_back_by_another_store_on_the_same_database(
    database_url: str,
) -> None:
    now = time.time()
    first = make_store(database_url)
    save(first, "patient", opening(now) + turn(now + 1, "my knee hurts"))
    # The next turn, as Rasa takes one: read the conversation, add to it, save it.
    tracker = asyncio.run(first.retrieve("patient"))
    assert tracker is not None
    tracker.update_with_events(turn(now + 2, "since Monday"), DOMAIN, override_timestamp=False)
    asyncio.run(first.save(tracker))
    first.engine.dispose()
    # A new process (a restarted Rasa) reads the same conversation, events in order.
    second = make_store(database_url)
    read = asyncio.run(second.retrieve("patient"))
    assert texts(read) == ["my knee hurts", "since Monday"]
    full = asyncio.run(second.retrieve_full_tracker("patient"))
    assert full is not None
    expected = opening(now) + turn(now + 1, "my knee hurts") + turn(now + 2, "since Monday")
    assert [e.as_dict() for e in full.events] == [e.as_dict() for e in expected]
    assert asyncio.run(second.retrieve("someone else")) is None


def test_forget_me_deletes_the_conversation(database_url: str) -> None:
    now = time.time()
    store = make_store(database_url)
    save(store, "patient", opening(now) + turn(now + 1, "my name is Anna, 07700 900123"))
    save(store, "other", opening(now) + turn(now + 1, "hello"))
    tracker = asyncio.run(store.retrieve("patient"))
    assert tracker is not None
    forgetting = [
        at(now + 3.0, UserUttered("yes", {"name": "affirm", "confidence": 0.9})),
        at(now + 3.1, ActionExecuted("action_forget_me")),
        at(now + 3.2, BotUttered("Done: this conversation and your details are deleted.")),
        at(now + 3.3, ActionExecuted("action_listen")),
    ]
    tracker.update_with_events(forgetting, DOMAIN, override_timestamp=False)
    asyncio.run(store.save(tracker))
    assert asyncio.run(store.retrieve_full_tracker("patient")) is None
    assert set(asyncio.run(store.keys())) == {"other"}
    # The next message starts a new conversation, which is kept as usual.
    save(store, "patient", opening(now + 10) + turn(now + 11, "hello again"))
    assert texts(asyncio.run(store.retrieve("patient"))) == ["hello again"]


def test_a_conversation_past_the_retention_period_is_gone(database_url: str) -> None:
    now = time.time()
    store = make_store(database_url)
    old = now - RETENTION_S - 60
    save(store, "old", opening(old) + turn(old + 1, "my back hurts"))
    recent = now - RETENTION_S + 3600
    save(store, "recent", opening(recent) + turn(recent + 1, "my hip hurts"))
    # Not handed back even before a purge has run, as Redis would have expired it.
    assert asyncio.run(store.retrieve("old")) is None
    assert "old" not in asyncio.run(store.keys())
    assert texts(asyncio.run(store.retrieve("recent"))) == ["my hip hurts"]


def test_expired_conversations_are_purged_in_rounds(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("rasa_server.stores.sql_tracker_store.PURGE_INTERVAL_S", float("inf"))
    now = time.time()
    store = make_store(database_url)
    for index in range(3):
        start = now - RETENTION_S - DAY_S * (index + 1)
        save(store, f"old-{index}", opening(start) + turn(start + 1, "hello"))
    save(store, "recent", opening(now) + turn(now + 1, "hello"))
    assert len(set(asyncio.run(store.keys()))) == 4
    assert store.purge_expired() == 3 * 7  # every event of the three old conversations
    assert set(asyncio.run(store.keys())) == {"recent"}
    assert store.purge_expired(now + RETENTION_S + 60) == 7
    assert asyncio.run(store.keys()) == []


def test_a_save_purges_at_most_once_an_interval(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = time.time()
    store = make_store(database_url)
    save(store, "new", opening(now) + turn(now + 1, "hi"))  # the first save purges
    old = now - RETENTION_S - 60
    save(store, "old", opening(old) + turn(old + 1, "hello"))  # too soon for another round
    assert set(asyncio.run(store.keys())) == {"old", "new"}
    monkeypatch.setattr("rasa_server.stores.sql_tracker_store.PURGE_INTERVAL_S", 0.0)
    save(store, "newer", opening(now) + turn(now + 1, "hi"))
    assert set(asyncio.run(store.keys())) == {"new", "newer"}


def test_without_a_retention_period_nothing_expires(database_url: str) -> None:
    store = make_store(database_url, record_exp="")
    old = time.time() - 10 * RETENTION_S
    save(store, "old", opening(old) + turn(old + 1, "hello"))
    assert store.purge_expired() == 0
    assert texts(asyncio.run(store.retrieve("old"))) == ["hello"]


def test_the_inbox_reads_the_conversations_from_the_sql_store(database_url: str) -> None:
    now = time.time()
    store = make_store(database_url)
    save(store, "b", opening(now) + turn(now + 1, "my hip hurts"))
    save(store, "a", opening(now) + turn(now + 1, "my knee hurts"))
    tracker = asyncio.run(store.retrieve("a"))
    assert tracker is not None
    tracker.update_with_events(turn(now + 2, "since Monday"), DOMAIN, override_timestamp=False)
    asyncio.run(store.save(tracker))
    conversations = list(read_conversations(database_url))
    assert [[e["text"] for e in events if e["event"] == "user"] for events in conversations] == [
        ["my knee hurts", "since Monday"],
        ["my hip hurts"],
    ]
    assert conversations[0][0]["event"] == "action"  # every session, from the first event


def test_an_unreachable_sql_store_is_explained_without_its_password() -> None:
    url = "postgresql+psycopg2://clinic:s3cret@127.0.0.1:1/conversations"
    with pytest.raises(ConversationStoreError, match="is the conversation database") as caught:
        list(read_conversations(url))
    assert "s3cret" not in str(caught.value) and "127.0.0.1:1" in str(caught.value)


def test_endpoints_yml_configures_the_sql_store_when_asked(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = {"CONVERSATION_STORE": "sql", "CONVERSATION_DATABASE_URL": database_url}
    # Every ${...} in endpoints.yml, as the launchers set them.
    for name, value in rasa_server_environment(load_settings(env), load_clinic_settings()).items():
        monkeypatch.setenv(name, value)
    endpoint = read_endpoint_config(str(PROJECT_ROOT / "endpoints.yml"), "tracker_store")
    store = TrackerStore.create(endpoint, DOMAIN)
    assert isinstance(store, RetainingSQLTrackerStore)
    assert store.record_exp == 30 * DAY_S
    assert store.engine.url == make_url(database_url)


def test_redis_stays_the_default_and_other_stores_are_refused() -> None:
    assert load_settings({}).conversation_store == "redis"
    assert load_settings({"CONVERSATION_STORE": " SQL "}).conversation_store == "sql"
    with pytest.raises(SettingsError, match="CONVERSATION_STORE must be redis or sql"):
        load_settings({"CONVERSATION_STORE": "mongo"})
