"""What this conversation did to bookings, read from its events.

Both the booking's stop message and the manage-booking replies need it: a booking
cancelled here is not "still as it is".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from rasa_sdk import Tracker


@dataclass(frozen=True)
class ChangedHere:
    """What this conversation did to bookings: which it cancelled, and which it moved where."""

    cancelled: frozenset[str] = frozenset()
    moved_to: Mapping[str, str] = field(default_factory=dict)


def changed_here(tracker: Tracker) -> ChangedHere:
    """The bookings cancelled or moved in this conversation, read from its events.

    A cancellation is the manage form's "cancelled" outcome for the reference it held; a
    move is the booking form's "rescheduled" outcome, from the booking it was moving
    (`reschedule_from`) to the reference it then set.
    """
    cancelled: set[str] = set()
    moved_to: dict[str, str] = {}
    managing = moving = None
    just_moved = False
    for event in tracker.events:
        if event.get("event") != "slot":
            continue
        name, value = event.get("name"), event.get("value")
        if name == "manage_reference" and value:
            managing = str(value)
        elif name == "manage_outcome" and value == "cancelled" and managing:
            cancelled.add(managing)
        elif name == "reschedule_from" and value:
            moving = str(value)
        elif name == "booking_outcome":
            just_moved = value == "rescheduled" and moving is not None
        elif name == "booking_reference" and value and just_moved and moving:
            moved_to[moving] = str(value)
            moving, just_moved = None, False
    return ChangedHere(frozenset(cancelled), moved_to)


NOTHING_CHANGED = ChangedHere()
