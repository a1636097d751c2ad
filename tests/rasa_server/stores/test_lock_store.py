"""The atomic lock store behaves as Rasa's Redis lock store, in one round trip a change."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
from rasa.core.lock_store import LockError, LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from rasa_server.stores.lock_store import AtomicRedisLockStore

DB = 4
MakeStores = Callable[[str], tuple[RedisLockStore, AtomicRedisLockStore]]


@pytest.fixture
def address(redis_url: str) -> dict[str, object]:
    parts = urlsplit(redis_url)
    return {"host": parts.hostname, "port": parts.port, "db": DB}


@pytest.fixture
def stores(address: dict[str, object]) -> MakeStores:
    """Rasa's store and ours on the test Redis, each under its own key prefix."""

    def make(name: str) -> tuple[RedisLockStore, AtomicRedisLockStore]:
        return (
            RedisLockStore(key_prefix=f"rasa{name}", **address),
            AtomicRedisLockStore(key_prefix=f"ours{name}", **address),
        )

    return make


def tickets(store: RedisLockStore, conversation_id: str) -> list[int] | None:
    """The ticket numbers in the stored lock, read by Rasa's own method (None: no lock)."""
    lock = store.get_lock(conversation_id)
    return None if lock is None else [ticket.number for ticket in lock.tickets]


def test_the_same_steps_leave_the_same_lock_as_rasas_store(stores: MakeStores) -> None:
    rasas, ours = stores("steps")
    steps: list[tuple[str, int]] = [
        ("issue", 0),
        ("issue", 0),
        ("issue", 0),
        ("finish", 1),  # a later ticket given back first (its message failed)
        ("finish", 0),
        ("issue", 0),
        ("finish", 2),
        ("finish", 3),  # the last one: the lock goes
        ("issue", 0),  # numbering starts again
    ]
    for step, number in steps:
        results = []
        for store in (rasas, ours):
            if step == "issue":
                results.append(store.issue_ticket("patient"))
            else:
                store.cleanup("patient", number)
                results.append(None)
            results.append(tickets(store, "patient"))
        assert results[:2] == results[2:], (step, number)
    assert tickets(ours, "patient") == [0]


def test_a_stored_lock_reads_back_in_rasas_format(stores: MakeStores) -> None:
    _, ours = stores("format")
    ours.issue_ticket("patient", lock_lifetime=60)
    ours.issue_ticket("patient", lock_lifetime=60)
    lock = ours.get_lock("patient")
    assert lock is not None
    assert lock.conversation_id == "patient"
    assert lock.now_serving == 0
    assert not lock.is_locked(0) and lock.is_locked(1)
    assert all(not ticket.has_expired() for ticket in lock.tickets)
    assert type(ours).get_lock is RedisLockStore.get_lock  # read by Rasa's own method


def test_expired_tickets_are_dropped_as_rasas_store_drops_them(stores: MakeStores) -> None:
    rasas, ours = stores("expired")
    for store in (rasas, ours):
        assert store.issue_ticket("patient", lock_lifetime=-1) == 0  # expired at once
        assert store.issue_ticket("patient", lock_lifetime=-1) == 0  # so numbering restarts
        assert store.issue_ticket("patient") == 0
        assert store.issue_ticket("patient") == 1
        assert tickets(store, "patient") == [0, 1]


def test_waiting_for_a_turn_does_not_rewrite_the_lock(stores: MakeStores) -> None:
    _, ours = stores("waiting")
    ours.issue_ticket("patient", lock_lifetime=-1)
    ours.issue_ticket("patient")
    before = ours.red.get(ours.key_prefix + "patient")
    ours.update_lock("patient")
    assert ours.red.get(ours.key_prefix + "patient") == before


def test_one_patients_messages_are_served_one_at_a_time_in_order(stores: MakeStores) -> None:
    _, ours = stores("order")
    served: list[str] = []

    async def message(name: str, started: asyncio.Event | None = None) -> None:
        async with ours.lock("patient", wait_time_in_seconds=0.01):
            if started is not None:
                started.set()
            served.append(f"{name} in")
            await asyncio.sleep(0.05)
            served.append(f"{name} out")

    async def main() -> None:
        started = asyncio.Event()
        first = asyncio.create_task(message("first", started))
        await started.wait()
        await asyncio.gather(first, message("second"))

    asyncio.run(main())
    assert served == ["first in", "first out", "second in", "second out"]
    assert tickets(ours, "patient") is None  # nothing left behind


def test_two_workers_issuing_at_once_never_share_a_ticket(address: dict[str, object]) -> None:
    workers = [AtomicRedisLockStore(key_prefix="race", **address) for _ in range(2)]
    issued: list[list[int]] = [[], []]

    def issue(index: int) -> None:
        for _ in range(150):
            issued[index].append(workers[index].issue_ticket("patient"))

    threads = [threading.Thread(target=issue, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    numbers = issued[0] + issued[1]
    assert sorted(numbers) == list(range(300))
    assert tickets(workers[0], "patient") == list(range(300))


def test_a_message_costs_three_round_trips(
    stores: MakeStores, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, ours = stores("trips")
    commands: list[str] = []
    execute = ours.red.execute_command

    def counted(*args: Any, **options: Any) -> Any:
        commands.append(str(args[0]))
        return execute(*args, **options)

    async def one_message() -> None:
        async with ours.lock("patient"):
            pass

    asyncio.run(one_message())  # loads the scripts into Redis
    monkeypatch.setattr(ours.red, "execute_command", counted)
    asyncio.run(one_message())
    # issue the ticket, check it is being served (Rasa's loop), give it back
    assert commands == ["EVALSHA", "GET", "EVALSHA"]
    assert tickets(ours, "patient") is None


def test_rasa_builds_it_from_the_endpoint_settings(address: dict[str, object]) -> None:
    config = EndpointConfig(
        url=str(address["host"]),
        type="rasa_server.stores.lock_store.AtomicRedisLockStore",
        port=address["port"],
        db=DB,
        key_prefix="built",
    )
    store = LockStore.create(config)
    assert isinstance(store, AtomicRedisLockStore)
    assert store.key_prefix == "built:lock:"
    assert store.issue_ticket("patient") == 0
    store.cleanup("patient", 0)
    assert tickets(store, "patient") is None


def test_an_unreachable_redis_fails_with_rasas_lock_error(address: dict[str, object]) -> None:
    store = AtomicRedisLockStore(host="127.0.0.1", port=1, db=DB, socket_timeout=0.5)
    with pytest.raises(LockError, match="Error while acquiring lock"):
        store.issue_ticket("patient")
