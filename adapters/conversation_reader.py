"""Read every stored conversation's events from the tracker store in Redis, for the inbox.

The events are read as the JSON the tracker store wrote (adapters/tracker_store.py, the
same keys and format as Rasa's `RedisTrackerStore`), not rebuilt into Rasa trackers:
the inbox needs only the messages and the reply names, and rebuilding needs the domain
and costs far more. Keys are visited with SCAN, so a large store does not block Redis
for the assistant's workers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import redis
from rasa.core.tracker_store import DEFAULT_REDIS_TRACKER_STORE_KEY_PREFIX

BATCH = 200


class ConversationStoreError(RuntimeError):
    """The conversation store cannot be read; the message names where, never a password."""


def describe(url: str) -> str:
    """Where `url` points, without its password."""
    address = urlsplit(url)
    return f"Redis at {address.hostname}:{address.port or 6379}{address.path or '/0'}"


def read_conversations(
    url: str, key_prefix: str = DEFAULT_REDIS_TRACKER_STORE_KEY_PREFIX
) -> Iterator[list[dict[str, Any]]]:
    """The events of each conversation stored under `key_prefix` in the Redis at `url`.

    A stored value that is not a conversation (unreadable JSON, no event list) is left
    out, as Rasa itself could not read it either.
    """
    client = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
    try:
        keys = list(client.scan_iter(match=key_prefix + "*", count=BATCH))
        for start in range(0, len(keys), BATCH):
            for stored in client.mget(keys[start : start + BATCH]):
                events = _events(stored)
                if events is not None:
                    yield events
    except redis.RedisError as error:
        raise ConversationStoreError(
            f"cannot read the conversations from {describe(url)} ({type(error).__name__}); "
            "is the assistant's Redis running?"
        ) from error
    finally:
        client.close()


def _events(stored: bytes | None) -> list[dict[str, Any]] | None:
    if stored is None:
        return None
    try:
        events = json.loads(stored).get("events")
    except (ValueError, AttributeError):
        return None
    if not isinstance(events, list):
        return None
    return [event for event in events if isinstance(event, dict)]
