"""The scheduling service's free time, as the booking and contact actions ask for it."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from action_server.io.scheduling_client import SchedulingClient, SchedulingError, Slot
from clinic.booking.preferences import parse_time_preference
from clinic.booking.time_preference import HORIZON, TimePreference, search_windows
from clinic.settings import load_clinic_settings
from startup.settings import load_settings

logger = logging.getLogger(__name__)

MAX_CANDIDATES = 30
"""At most this many free slots are looked at for one request: enough for three pages."""
SLOTS_PER_DAY = 12
"""At most this many free slots per day asked for, so one full day never hides the next."""


def clinic_now() -> datetime:
    """The current time in the clinic's timezone, which patients' "Tuesday morning" means."""
    return datetime.now(ZoneInfo(load_clinic_settings().clinic_timezone))


WHOLE_DAY = 100
"""Enough free slots for the whole of a day, for "the latest you have on Thursday"."""


async def free_slots(
    preference: TimePreference, limit: int = MAX_CANDIDATES, per_window: int = SLOTS_PER_DAY
) -> list[Slot] | None:
    """The free slots in the windows the patient asked for; None if the service is down."""
    try:
        async with SchedulingClient.from_settings(load_settings()) as client:
            return await client.free_slots_in(
                search_windows(preference), per_window=per_window, limit=limit
            )
    except SchedulingError as error:
        logger.warning("Could not list free slots: %s", error)
        return None


async def clinicians_on_the_schedule(now: datetime) -> dict[str, Slot]:
    """Each clinician with free time in the booking window, name to their soonest slot.

    Empty if the service cannot be reached. Every day of the window is asked about, so a
    clinician who works only later in the week is not missed.
    """
    anytime = parse_time_preference("any time", now)
    if anytime is None:
        return {}
    every_day = HORIZON.days * SLOTS_PER_DAY
    slots = await free_slots(replace(anytime, latest=now + HORIZON), limit=every_day)
    soonest: dict[str, Slot] = {}
    for slot in slots or []:
        soonest.setdefault(slot.clinician_name, slot)
    return soonest
