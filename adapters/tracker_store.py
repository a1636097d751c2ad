"""Where conversations are kept: Rasa's Redis tracker store, saving without a second read.

Rasa's `RedisTrackerStore.save` reads the stored conversation back, rebuilds it event by
event and merges it with the new one, so that a conversation's earlier sessions (which
`retrieve` leaves out) and anything another writer saved are kept. In the common case,
the stored events are simply the start of the new ones (this worker read them, then the
patient and the assistant added to them), and the merge returns the new conversation
unchanged: measured, 2 of the 4 ms a save takes here. This store checks for that case on
the stored JSON and then writes what Rasa would have written. In every other case (a
patient back for a second session, two writers at once, a value it cannot read) it
merges, or fails, exactly as Rasa does.
"""

from __future__ import annotations

import json
from typing import Any

from rasa.core.tracker_store import RedisTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker


def extends(stored: list[dict[str, Any]], events: list[dict[str, Any]]) -> bool:
    """Whether `events` are the `stored` events followed only by later ones.

    This is when Rasa's merge keeps the new conversation as it is: the events up to the
    last stored one's time are exactly the stored events.
    """
    if len(events) < len(stored) or events[: len(stored)] != stored:
        return False
    if not stored:
        return True
    last_saved = stored[-1]["timestamp"]
    return all(event["timestamp"] > last_saved for event in events[len(stored) :])


def _events(stored: str | bytes) -> list[dict[str, Any]] | None:
    """The stored conversation's events, or None when Rasa could not read it either."""
    try:
        events = json.loads(stored).get("events")
    except (ValueError, AttributeError):
        return None
    return events if isinstance(events, list) else None


class AppendingRedisTrackerStore(RedisTrackerStore):
    """`RedisTrackerStore` (same keys, format and settings) with a cheaper save.

    endpoints.yml names it as the tracker store's `type`; Rasa passes it the same
    settings as its own Redis store.
    """

    async def save(self, tracker: DialogueStateTracker, timeout: float | None = None) -> None:
        """Save `tracker`, merging with the stored conversation only when it must."""
        await self.stream_events(tracker)
        if not timeout and self.record_exp:
            timeout = self.record_exp
        key = self.key_prefix + tracker.sender_id
        stored = self.red.get(key)
        dialogue = tracker.as_dialogue().as_dict()
        stored_events = None if stored is None else _events(stored)
        if stored is None or (
            stored_events is not None and extends(stored_events, dialogue["events"])
        ):
            serialised = json.dumps(dialogue)
        else:  # an earlier session, another writer's events, or unreadable: Rasa's way
            prior = self.deserialise_tracker(tracker.sender_id, stored)
            serialised = self.serialise_tracker(self._merge_trackers(prior, tracker))
        self.red.set(key, serialised, ex=timeout)
