"""Where conversations are kept: Rasa's Redis tracker store, saving without a second read.

Rasa's `RedisTrackerStore.save` reads the stored conversation back, rebuilds it event by
event and merges it with the new one, so that a conversation's earlier sessions (which
`retrieve` leaves out) and anything another writer saved are kept. In the common case,
the stored events are simply the start of the new ones (this worker read them, then the
patient and the assistant added to them), and the merge returns the new conversation
unchanged: 2 of the 4 ms a save took here. This store checks for that case on the stored
JSON and then writes what Rasa would have written (`serialise_tracker`'s text). In every
other case (a patient back for a second session, two writers at once, a value it cannot
read) it merges, or fails, exactly as Rasa does. Reading a conversation of one session
skips Rasa's split into sessions, whose result would be the tracker already read.

With `keeps_trackers` (off unless the `kept_trackers` patch is named in RASA_PATCHES, see
rasa_server/patches/kept_trackers.py), a worker also keeps the trackers it saved: when it
reads a conversation that it saved itself and that nobody has changed since (Redis still
holds the very text it wrote), the tracker it saved is handed back, once, instead of being
rebuilt; and saving such a tracker again adds the new events to the text written last
time (the text `json.dumps` writes) instead of writing the whole conversation again.
"""

from __future__ import annotations

import json
import operator
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from rasa.core.tracker_store import RedisTrackerStore
from rasa.shared.core.constants import ACTION_SESSION_START_NAME
from rasa.shared.core.events import ActionExecuted, Event, UserUttered, split_events
from rasa.shared.core.trackers import (
    DialogueStateTracker,
    get_trackers_for_conversation_sessions,
)

from clinic.privacy import FORGET_ACTION

# How much a worker keeps of the conversations it saved, counted in stored JSON: a
# patient's twelve-message conversation is 65 KB of it (plus about as much again for the
# tracker and its replayed states), so about 250 patients in the latest minutes.
KEPT_JSON_CHARACTERS = 16_000_000


def extends(stored: list[dict[str, Any]], events: list[dict[str, Any]]) -> bool:
    """Whether `events` are the `stored` events followed only by later ones.

    This is when Rasa's merge keeps the new conversation as it is: the events up to the
    last stored one's time are exactly the stored events.
    """
    if len(events) < len(stored) or events[: len(stored)] != stored:
        return False
    if not stored:
        return True
    return all_later(
        stored[-1]["timestamp"], (event["timestamp"] for event in events[len(stored) :])
    )


def all_later(last_saved: float, timestamps: Iterable[float]) -> bool:
    """Whether every new event comes after the last stored one.

    Then Rasa's merge keeps the new conversation as it is; both save paths rely on it.
    """
    return all(timestamp > last_saved for timestamp in timestamps)


def _events(stored: str | bytes) -> list[dict[str, Any]] | None:
    """The stored conversation's events, or None when Rasa could not read it either."""
    try:
        events = json.loads(stored).get("events")
    except (ValueError, AttributeError):
        return None
    return events if isinstance(events, list) else None


@dataclass
class _Saved:
    """A tracker as this worker saved it, and the text it wrote to Redis."""

    tracker: DialogueStateTracker
    serialised: str
    events: list[Event]  # the tracker's events when saved (the very objects)
    handed_out: bool = False

    def is_current(self, stored: str) -> bool:
        """Redis still holds what was saved, and the tracker has not changed since."""
        return (
            stored == self.serialised
            and len(self.tracker.events) == len(self.events)
            and self.starts_as_saved()
        )

    def starts_as_saved(self) -> bool:
        """The tracker's events start with the very events it had when saved."""
        events = self.tracker.events
        return len(events) >= len(self.events) and all(map(operator.is_, self.events, events))

    def extended(self, stored: str | None, tail: str) -> str | None:
        """The text Rasa's save would write now, built on the text written last time.

        Only when Redis still holds that text, the tracker's events start with the very
        events it was written from, and the new ones come after them in time (so Rasa's
        merge would keep the tracker as it is); None otherwise.
        """
        events = self.tracker.events
        if not (
            self.events
            and stored == self.serialised
            and stored.endswith(tail)
            and self.starts_as_saved()
        ):
            return None
        new = list(events)[len(self.events) :]
        if not all_later(self.events[-1].timestamp, (event.timestamp for event in new)):
            return None
        added = "".join(", " + json.dumps(event.as_dict()) for event in new)
        return stored[: -len(tail)] + added + tail


def single_session(tracker: DialogueStateTracker) -> bool:
    """Whether `tracker` is one conversation session (what Rasa's retrieve returns whole)."""
    sessions = split_events(
        tracker.events, ActionExecuted, {"action_name": ACTION_SESSION_START_NAME}, True
    )
    return len(sessions) <= 1


def forgotten_in_latest_turn(tracker: DialogueStateTracker) -> bool:
    """Whether the forget-me action ran since the patient's latest message."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, ActionExecuted) and event.action_name == FORGET_ACTION:
            return True
    return False


def retention_seconds(value: Any) -> int | None:
    """How long a conversation is kept after its last message; None (or 0) is for ever."""
    if value is None or value == "":
        return None
    seconds = int(float(value))
    return seconds if seconds > 0 else None


class AppendingRedisTrackerStore(RedisTrackerStore):
    """`RedisTrackerStore` (same keys, format and settings), cheaper to save and read.

    endpoints.yml names it as the tracker store's `type`; Rasa passes it the same
    settings as its own Redis store.
    """

    keeps_trackers = False
    """Keep saved trackers to hand back and append to (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # endpoints.yml's `record_exp: ${CONVERSATION_RETENTION_S}` arrives as text.
        configured: Any = vars(self).get("record_exp")
        self.record_exp = retention_seconds(configured)
        self._saved: OrderedDict[str, _Saved] = OrderedDict()
        self._saved_characters = 0

    async def save(self, tracker: DialogueStateTracker, timeout: float | None = None) -> None:
        """Save `tracker`, merging with the stored conversation only when it must.

        A turn in which the patient had the conversation forgotten deletes it instead.
        """
        if forgotten_in_latest_turn(tracker):
            self.red.delete(self.key_prefix + tracker.sender_id)
            self._forget(tracker.sender_id)
            return
        await self.stream_events(tracker)
        if not timeout and self.record_exp:
            timeout = self.record_exp
        key = self.key_prefix + tracker.sender_id
        stored = self.red.get(key)
        saved = self._forget(tracker.sender_id)
        # The conversation this worker read, grown: add the new events to the text.
        tail = '], "name": ' + json.dumps(tracker.sender_id) + "}"
        serialised = None
        if saved is not None and saved.tracker is tracker:
            serialised = saved.extended(stored, tail)
        serialised_as_is = True
        if serialised is None:
            dialogue = tracker.as_dialogue().as_dict()
            stored_events = None if stored is None else _events(stored)
            if stored is None or (
                stored_events is not None and extends(stored_events, dialogue["events"])
            ):
                serialised = json.dumps(dialogue)  # Rasa's serialise_tracker, dialogue reused
            else:  # an earlier session, another writer's events, or unreadable: Rasa's way
                prior = self.deserialise_tracker(tracker.sender_id, stored)
                serialised = self.serialise_tracker(self._merge_trackers(prior, tracker))
                serialised_as_is = False
        self.red.set(key, serialised, ex=timeout)
        if self.keeps_trackers and serialised_as_is and single_session(tracker):
            self._keep(tracker, serialised)

    def _keep(self, tracker: DialogueStateTracker, serialised: str) -> None:
        self._saved[tracker.sender_id] = _Saved(tracker, serialised, list(tracker.events))
        self._saved_characters += len(serialised)
        while self._saved_characters > KEPT_JSON_CHARACTERS:
            self._forget(next(iter(self._saved)))

    def _forget(self, sender_id: str) -> _Saved | None:
        saved = self._saved.pop(sender_id, None)
        if saved is not None:
            self._saved_characters -= len(saved.serialised)
        return saved

    async def _retrieve(
        self, sender_id: str, fetch_all_sessions: bool
    ) -> DialogueStateTracker | None:
        """Rasa's `_retrieve`; with `keeps_trackers`, the tracker saved here if still current."""
        saved = None
        if self.keeps_trackers and not fetch_all_sessions:
            saved = self._saved.get(sender_id)
        stored = self.red.get(self.key_prefix + sender_id)
        if stored is None:
            return None
        if saved is not None and not saved.handed_out and saved.is_current(stored):
            saved.handed_out = True  # to this caller alone; kept to save it cheaply
            return saved.tracker
        tracker = self.deserialise_tracker(sender_id, stored)
        # Rasa rebuilds a tracker per session, then returns `tracker` itself when there is
        # one session: telling that from the events spares replaying them all again.
        if fetch_all_sessions or tracker is None or single_session(tracker):
            return tracker
        sessions = get_trackers_for_conversation_sessions(tracker)
        return tracker if len(sessions) <= 1 else sessions[-1]
