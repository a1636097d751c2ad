"""Conversations in SQL instead of Redis: Rasa's `SQLTrackerStore`, keeping the privacy rules.

Chosen with CONVERSATION_STORE=sql (Redis stays the default; docs/decisions/0010): a SQLite
file by default, PostgreSQL when CONVERSATION_DATABASE_URL names one. Rasa's store keeps
every event for ever; this one keeps the two promises the Redis store keeps:

- a conversation is gone `record_exp` seconds after its last message (RETENTION_DAYS): an
  expired one is never handed back, and expired ones are deleted at most every
  `PURGE_INTERVAL_S`, on a save (each worker, so no extra process is needed);
- a turn in which the patient had the conversation forgotten ("forget me") deletes it.

endpoints.yml passes every tracker store the same settings; the Redis ones (port,
password, db) mean nothing here and are left out.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine import make_url

from rasa_server.stores.tracker_store import forgotten_in_latest_turn, retention_seconds

PURGE_INTERVAL_S = 3600.0
_REDIS_ONLY = ("port", "password", "db", "username", "use_ssl", "key_prefix")


class RetainingSQLTrackerStore(SQLTrackerStore):
    """`SQLTrackerStore` that forgets conversations on request and after the retention period.

    `sql_url` (or `host`, as Rasa names it) is a SQLAlchemy URL.
    """

    def __init__(
        self,
        domain: Any = None,
        host: str | None = None,
        sql_url: str | None = None,
        record_exp: Any = None,
        **kwargs: Any,
    ) -> None:
        url = sql_url or host or "sqlite:///rasa.db"
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
            Path(str(parsed.database)).parent.mkdir(parents=True, exist_ok=True)
        for name in _REDIS_ONLY:
            kwargs.pop(name, None)
        super().__init__(domain=domain, host=url, **kwargs)
        # endpoints.yml's `record_exp: ${CONVERSATION_RETENTION_S}` arrives as text.
        self.record_exp = retention_seconds(record_exp)
        self._purged_at = 0.0

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Rasa's save; a turn that forgot the conversation deletes it instead."""
        if forgotten_in_latest_turn(tracker):
            self.delete(tracker.sender_id)
            return
        await super().save(tracker)
        if self.record_exp and time.monotonic() - self._purged_at >= PURGE_INTERVAL_S:
            self.purge_expired()

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        """Rasa's retrieve, except that an expired conversation is gone, as in Redis."""
        tracker = await super()._retrieve(sender_id, fetch_events_from_all_sessions)
        if tracker is None or not self.record_exp or not tracker.events:
            return tracker
        last = tracker.events[-1].timestamp
        if last < time.time() - self.record_exp:
            self.delete(sender_id)
            return None
        return tracker

    def delete(self, sender_id: str) -> int:
        """Delete every event of the conversation; return how many."""
        events = self.SQLEvent.__table__
        with self.engine.begin() as connection:
            deleted = connection.execute(sa.delete(events).where(events.c.sender_id == sender_id))
        return int(deleted.rowcount or 0)

    def purge_expired(self, now: float | None = None) -> int:
        """Delete every conversation whose last event is older than `record_exp`."""
        self._purged_at = time.monotonic()
        if not self.record_exp:
            return 0
        cutoff = (time.time() if now is None else now) - self.record_exp
        events = self.SQLEvent.__table__
        expired = (
            sa.select(events.c.sender_id)
            .group_by(events.c.sender_id)
            .having(sa.func.max(events.c.timestamp) < cutoff)
        )
        with self.engine.begin() as connection:
            deleted = connection.execute(
                sa.delete(events).where(events.c.sender_id.in_(expired.scalar_subquery()))
            )
        return int(deleted.rowcount or 0)
