"""Read every stored conversation's events from the tracker store, for the inbox.

The store is Redis, or SQL (CONVERSATION_STORE=sql: a SQLAlchemy URL, where Rasa's
`SQLTrackerStore` keeps one row per event, read in order per conversation).

The events are read as the JSON the tracker store wrote (rasa_server/stores/tracker_store.py,
the same keys and format as Rasa's `RedisTrackerStore`), not rebuilt into Rasa trackers:
the inbox needs only the messages and the reply names, and rebuilding needs the domain
and costs far more. Keys are visited with SCAN, so a large store does not block Redis
for the assistant's workers.
"""

from __future__ import annotations

import itertools
import json
import operator
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import redis
import sqlalchemy as sa
from rasa.core.tracker_store import DEFAULT_REDIS_TRACKER_STORE_KEY_PREFIX
from sqlalchemy.engine import make_url

BATCH = 200


class ConversationStoreError(RuntimeError):
    """The conversation store cannot be read; the message names where, never a password."""


def describe(url: str) -> str:
    """Where `url` points, without its password."""
    if not _is_redis(url):
        return f"the database {make_url(url).render_as_string(hide_password=True)}"
    address = urlsplit(url)
    return f"Redis at {address.hostname}:{address.port or 6379}{address.path or '/0'}"


def _is_redis(url: str) -> bool:
    return url.startswith(("redis://", "rediss://", "unix://"))


def read_conversations(
    url: str, key_prefix: str = DEFAULT_REDIS_TRACKER_STORE_KEY_PREFIX
) -> Iterator[list[dict[str, Any]]]:
    """The events of each conversation stored under `key_prefix` in the Redis at `url`.

    A stored value that is not a conversation (unreadable JSON, no event list) is left
    out, as Rasa itself could not read it either. A SQL URL is read with `_sql_conversations`.
    """
    if not _is_redis(url):
        yield from _sql_conversations(url)
        return
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


def _sql_conversations(url: str) -> Iterator[list[dict[str, Any]]]:
    """Each conversation's events from Rasa's SQL `events` table, in the order stored."""
    engine = sa.create_engine(url)
    events = sa.table("events", sa.column("id"), sa.column("sender_id"), sa.column("data"))
    query = sa.select(events.c.sender_id, events.c.data).order_by(events.c.sender_id, events.c.id)
    try:
        with engine.connect() as connection:
            rows = connection.execution_options(stream_results=True).execute(query)
            for _, group in itertools.groupby(rows, key=operator.itemgetter(0)):
                conversation = [event for _, data in group if (event := _event(data))]
                if conversation:
                    yield conversation
    except sa.exc.SQLAlchemyError as error:
        raise ConversationStoreError(
            f"cannot read the conversations from {describe(url)} ({type(error).__name__}); "
            "is the conversation database reachable?"
        ) from error
    finally:
        engine.dispose()


def _event(data: str | None) -> dict[str, Any] | None:
    try:
        event = json.loads(data or "")
    except ValueError:
        return None
    return event if isinstance(event, dict) else None


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
