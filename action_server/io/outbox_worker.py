"""Deliver bookings the assistant saved while the scheduling service was unreachable.

Run `python -m action_server.io.outbox_worker` next to the action server. Every
OUTBOX_RETRY_INTERVAL_S it sends the pending bookings (safe to repeat: each carries its
idempotency key) and finishes cancellations the service missed. SIGINT or SIGTERM stops it
after the round in progress.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
from collections.abc import Sequence
from datetime import timedelta

from action_server.io.booking_news import RasaBookingNews
from action_server.io.outbox import BookingService, Notify
from clinic.settings import load_clinic_settings
from startup.settings import load_settings

logger = logging.getLogger("action_server.io.outbox_worker")


async def run_rounds(
    service: BookingService,
    interval_s: float,
    stop: asyncio.Event,
    notify: Notify | None = None,
    retention: timedelta | None = None,
) -> None:
    """Deliver, wait `interval_s` (or until `stop`), repeat until `stop` is set.

    One bad round (a locked database, a bug) is logged and retried, never fatal: the worker
    is what eventually confirms the patients' bookings. `notify` tells each patient. With
    `retention`, settled bookings older than that are deleted with their personal details.
    """
    while not stop.is_set():
        try:
            delivered = await service.deliver_pending(notify)
            forgotten = await service.forget_settled(retention) if retention is not None else 0
        except Exception:
            logger.exception("Outbox round failed; retrying in %.0fs", interval_s)
        else:
            if delivered:
                logger.info("Delivered %d pending booking(s)", delivered)
            if forgotten:
                logger.info("Deleted %d settled booking(s) past the retention period", forgotten)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval_s)


async def serve(
    service: BookingService,
    interval_s: float,
    notify: Notify | None = None,
    retention: timedelta | None = None,
) -> None:
    """Run rounds until SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    logger.info(
        "Outbox worker started: scheduling service %s, every %.0fs",
        service.client.base_url,
        interval_s,
    )
    try:
        await run_rounds(service, interval_s, stop, notify, retention)
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
        service.engine.dispose()
    logger.info("Outbox worker stopped")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `python -m action_server.io.outbox_worker`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--once", action="store_true", help="deliver what is pending once, then exit"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = load_settings()
    service = BookingService.from_settings(settings)
    news = RasaBookingNews(settings.rasa_url, settings.jwt_secret)
    if args.once:
        delivered = asyncio.run(service.deliver_pending(news))
        logger.info("Delivered %d pending booking(s)", delivered)
        return 0
    retention = timedelta(days=load_clinic_settings().retention_days)
    asyncio.run(serve(service, settings.outbox_retry_interval_s, news, retention))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
