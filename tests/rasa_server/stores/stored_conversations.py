"""Conversations written to a real Redis through the assistant's own tracker store class."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import redis
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from rasa_server.stores.tracker_store import AppendingRedisTrackerStore

DOMAIN = Domain.empty()
Turn = tuple[str, str]
"""A patient message and the name of the response the assistant gave to it."""


def database_url(redis_url: str, database: int) -> str:
    """`redis_url` pointing at another database, emptied, so each test module has its own."""
    address = urlsplit(redis_url)
    url = f"redis://{address.hostname}:{address.port}/{database}"
    redis.Redis.from_url(url).flushdb()
    return url


def store_at(url: str) -> AppendingRedisTrackerStore:
    address = urlsplit(url)
    return AppendingRedisTrackerStore(
        DOMAIN, host=address.hostname, port=address.port, db=int(address.path.strip("/"))
    )


def events_of(turns: Sequence[Turn], start: float) -> list[Event]:
    events: list[Event] = [ActionExecuted("action_listen", timestamp=start)]
    for number, (text, reply) in enumerate(turns):
        at = start + number * 10
        events += [
            UserUttered(text, {"name": "faq", "confidence": 0.4}, timestamp=at + 1),
            ActionExecuted(reply, timestamp=at + 2),
            BotUttered("...", metadata={"utter_action": reply}, timestamp=at + 3),
            ActionExecuted("action_listen", timestamp=at + 4),
        ]
    return events


def save_conversation(url: str, sender: str, turns: Sequence[Turn], start: float) -> None:
    """Save a conversation as the Rasa server does, through AppendingRedisTrackerStore.

    In a thread of its own, so that it works beside Playwright's running event loop.
    """
    tracker = DialogueStateTracker.from_events(sender, events_of(turns, start))
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, store_at(url).save(tracker)).result()
