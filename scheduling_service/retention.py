"""Personal data is not kept for ever: appointments are redacted a while after they are over.

An appointment is over when its slot has ended or when it was cancelled. After the
retention period (`RETENTION_DAYS`, 30 by default, the same period as conversations and
the outbox) its stored resource loses the patient: the contained Patient keeps only its
id (so the participant's `#patient` reference still resolves), and the reason, the
symptom summary and every other field not on the short list below are dropped. The
appointment itself stays (time, clinician, status, booking reference), so the clinic's
counts and the slot history still add up, and the resource carries the
`REDACTED` security label.

A cancelled appointment is kept whole for the same period after its cancellation, not
redacted at once: a patient who asks "is my booking still on?" in a later conversation
proves it is theirs with the phone number or email it was made with, and should hear
that it was cancelled rather than that their details do not match.

The service runs the purge when it starts and then every hour (`install`); `python -m
scheduling_service.retention` runs it once, for a cron job or by hand.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

from sanic import Sanic
from sanic.log import logger
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from scheduling_service import storage
from scheduling_service.settings import SettingsError, load_settings

INTERVAL_S = 3600.0
TASK_NAME = "personal_data_retention"
REDACTED = {
    "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationValue",
    "code": "REDACTED",
    "display": "redacted",
}
PATIENT_ID = "patient"
BOOKING_REFERENCE_SYSTEM = "urn:clinic:booking-reference"
# Fields of an Appointment that say nothing about the patient.
_KEPT = frozenset(
    {
        "resourceType",
        "status",
        "slot",
        "serviceCategory",
        "serviceType",
        "specialty",
        "appointmentType",
        "priority",
        "minutesDuration",
    }
)

Clock = Callable[[], datetime]


def redact(resource: dict[str, Any]) -> dict[str, Any]:
    """The Appointment without its patient.

    Only the fields in _KEPT, the booking reference, and participants reduced to their
    reference and status are kept; the contained Patient keeps only its id.
    """
    redacted = {key: value for key, value in resource.items() if key in _KEPT}
    identifiers = resource.get("identifier")
    if isinstance(identifiers, list):
        redacted["identifier"] = [
            {"system": BOOKING_REFERENCE_SYSTEM, "value": item.get("value")}
            for item in identifiers
            if isinstance(item, dict) and item.get("system") == BOOKING_REFERENCE_SYSTEM
        ]
    participants = resource.get("participant")
    if isinstance(participants, list):
        redacted["participant"] = [_participant(item) for item in participants]
    redacted["contained"] = [{"resourceType": "Patient", "id": PATIENT_ID}]
    redacted["meta"] = {"security": [dict(REDACTED)]}
    return redacted


def _participant(item: Any) -> dict[str, Any]:
    """A participant's actor reference and status, without a display name."""
    if not isinstance(item, dict):
        return {}
    kept: dict[str, Any] = {}
    actor = item.get("actor")
    if isinstance(actor, dict) and isinstance(actor.get("reference"), str):
        kept["actor"] = {"reference": actor["reference"]}
    if isinstance(item.get("status"), str):
        kept["status"] = item["status"]
    return kept


def purge(engine: Engine, retention: timedelta, now: datetime) -> int:
    """Redact every appointment over for longer than `retention`; return how many."""
    return storage.remove_personal_data(engine, now - retention, now, redact)


def install(app: Sanic, retention: timedelta, interval_s: float | None = None) -> None:
    """Purge once the service has started and then every `interval_s` (INTERVAL_S) seconds.

    Needs `app.ctx.engine` and `app.ctx.clock` (set by the app before it serves).
    """

    async def start(app: Sanic, loop: asyncio.AbstractEventLoop) -> None:
        every = INTERVAL_S if interval_s is None else interval_s
        # The loop's own task, not app.add_task: that needs `app.run`, and tests serve
        # the app with `create_server`.
        app.ctx.retention_task = loop.create_task(_every(app, retention, every), name=TASK_NAME)

    async def stop(app: Sanic, _loop: Any) -> None:
        task: asyncio.Task[None] | None = getattr(app.ctx, "retention_task", None)
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    app.after_server_start(start)
    app.before_server_stop(stop)


async def _every(app: Sanic, retention: timedelta, interval_s: float) -> None:
    while True:
        try:
            removed = await asyncio.to_thread(purge, app.ctx.engine, retention, app.ctx.clock())
        except SQLAlchemyError:
            # The database may be briefly away; the next round tries again.
            logger.exception("Could not remove personal data past the retention period")
        else:
            if removed:
                logger.info(
                    "Removed personal details from %d appointment(s) over for more than %d days",
                    removed,
                    retention.days,
                )
        await asyncio.sleep(interval_s)


def main(argv: list[str] | None = None) -> int:
    """Purge once and say how many appointments were redacted; 2 if settings are unusable."""
    parser = argparse.ArgumentParser(
        description="Remove patients' personal details from appointments over for longer "
        "than the retention period (RETENTION_DAYS)."
    )
    parser.add_argument("--days", type=int, help="the retention period (default RETENTION_DAYS)")
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"Cannot read the settings: {error}", file=sys.stderr)
        return 2
    days = settings.retention_days if args.days is None else args.days
    if days < 1:
        print("--days must be at least 1", file=sys.stderr)
        return 2
    engine = storage.make_engine(settings.database_url)
    try:
        storage.create_tables(engine)
        removed = purge(engine, timedelta(days=days), datetime.now(timezone.utc))
    finally:
        engine.dispose()
    print(f"Removed personal details from {removed} appointment(s) over for more than {days} days")
    return 0


if __name__ == "__main__":
    sys.exit(main())
