import asyncio
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from action_server.io.outbox import DELIVERED, BookingService, Notify, Pending, create_outbox_engine
from action_server.io.outbox_worker import run_rounds
from tests.action_server.io.conftest import make_client
from tests.action_server.io.fake_scheduling import TOKEN, FakeScheduling, wait_until
from tests.action_server.io.test_scheduling_client import booking
from tests.conftest import PROJECT_ROOT


async def test_rounds_deliver_and_stop_when_asked(stand_in: FakeScheduling, tmp_path: Path) -> None:
    service = BookingService(
        create_outbox_engine(f"sqlite:///{tmp_path / 'outbox.db'}"),
        make_client(stand_in.url, retries=0),
    )
    request = booking()
    assert await service.submit(request) == Pending(request.reference)

    stop = asyncio.Event()
    worker = asyncio.create_task(run_rounds(service, 0.05, stop))
    await asyncio.sleep(0.15)  # a few rounds against a service that is down
    assert not worker.done()
    stand_in.start()
    for _ in range(100):
        row = await service.get(request.reference)
        if row is not None and row.status == DELIVERED:
            break
        await asyncio.sleep(0.02)
    assert row is not None and row.status == DELIVERED
    stop.set()
    await asyncio.wait_for(worker, timeout=2)
    assert stand_in.bookings_made == 1


async def test_a_failing_round_does_not_stop_the_worker(tmp_path: Path) -> None:
    class Flaky(BookingService):
        calls = 0

        async def deliver_pending(self, notify: Notify | None = None) -> int:
            Flaky.calls += 1
            if Flaky.calls == 1:
                raise RuntimeError("database is locked")
            return 0

    service = Flaky(
        create_outbox_engine(f"sqlite:///{tmp_path / 'o.db'}"), make_client("http://127.0.0.1:1")
    )
    stop = asyncio.Event()
    worker = asyncio.create_task(run_rounds(service, 0.01, stop))
    while Flaky.calls < 3:
        await asyncio.sleep(0.01)
    stop.set()
    await asyncio.wait_for(worker, timeout=2)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_module_delivers_logs_and_stops_on_signal(
    running: FakeScheduling, tmp_path: Path, signum: signal.Signals
) -> None:
    db_url = f"sqlite:///{tmp_path / 'outbox.db'}"
    service = BookingService(create_outbox_engine(db_url), make_client(running.url))
    request = booking()
    service._insert(request)  # saved by an action server that could not send it

    env = {
        **os.environ,
        "OUTBOX_DATABASE_URL": db_url,
        "SCHEDULING_HOST": "127.0.0.1",
        "SCHEDULING_PORT": str(running.port),
        "SCHEDULING_API_TOKEN": TOKEN,
        "OUTBOX_RETRY_INTERVAL_S": "0.1",
        "PYTHONUNBUFFERED": "1",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "action_server.io.outbox_worker"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_until(lambda: running.bookings_made == 1, timeout_s=20)
        time.sleep(0.3)  # let it record the delivery and go back to waiting
        process.send_signal(signum)
        output, _ = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, output
    assert f"Delivered booking {request.reference} as appointment appt-1" in output
    assert "Outbox worker stopped" in output
    assert "Traceback" not in output


async def test_rounds_delete_settled_bookings_past_the_retention_period(
    stand_in: FakeScheduling, tmp_path: Path
) -> None:
    service = BookingService(
        create_outbox_engine(f"sqlite:///{tmp_path / 'outbox.db'}"),
        make_client(stand_in.url, retries=0),
    )
    stand_in.start()
    request = booking()
    await service.submit(request)
    stop = asyncio.Event()
    worker = asyncio.create_task(run_rounds(service, 0.02, stop, retention=timedelta(0)))
    for _ in range(100):
        if await service.get(request.reference) is None:
            break
        await asyncio.sleep(0.02)
    stop.set()
    await asyncio.wait_for(worker, timeout=2)
    assert await service.get(request.reference) is None
