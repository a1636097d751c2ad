"""The real service as a process: start-up, and bookings racing for one slot.

Twenty bookings with different idempotency keys race for one slot: exactly one wins.
Ten retries with the same key race too: one booking, the rest replay it. Both run on
SQLite and on a real PostgreSQL.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from scheduling_service.__main__ import main
from tests.scheduling_service.conftest import AUTH, TOKEN, appointment_body
from tests.scheduling_service.postgres import PostgresUnavailableError
from tools.stack import ManagedProcess, free_ports, log_tail

START_TIMEOUT_S = 30.0


@pytest.fixture
def service(
    database_url: str | PostgresUnavailableError, tmp_path: Path
) -> Iterator[str | PostgresUnavailableError]:
    """`python -m scheduling_service` on a free loopback port, with the clinic's schedule.

    Without PostgreSQL the error is handed to the test, so that it FAILS (not errors).
    """
    if isinstance(database_url, PostgresUnavailableError):
        yield database_url
        return
    port = free_ports(1)[0]
    env = {
        **os.environ,
        "SCHEDULING_API_TOKEN": TOKEN,
        "SCHEDULING_DATABASE_URL": database_url,
        "SCHEDULING_HOST": "127.0.0.1",
        "SCHEDULING_PORT": str(port),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("SCHEDULING_SCHEDULE_FILE", None)
    log = tmp_path / "scheduling.log"
    process = ManagedProcess.start(
        "scheduling service",
        [sys.executable, "-m", "scheduling_service"],
        env=env,
        log_path=log,
        secrets=(TOKEN,),
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            process.check_alive()
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"The service was not ready in time:\n{log_tail(log)}")
            time.sleep(0.1)
        yield url
    finally:
        process.stop()


async def race(client: httpx.AsyncClient, slot_id: str, keys: list[str]) -> list[httpx.Response]:
    return await asyncio.gather(
        *(
            client.post(
                "/Appointment",
                json=appointment_body(slot_id, f"BK-{key}"),
                headers={"Idempotency-Key": key},
            )
            for key in keys
        )
    )


async def test_concurrent_bookings_take_a_slot_exactly_once(
    service: str | PostgresUnavailableError,
) -> None:
    if isinstance(service, PostgresUnavailableError):
        pytest.fail(f"This test needs PostgreSQL: {service}", pytrace=False)
    service_url = service
    async with httpx.AsyncClient(base_url=service_url, headers=AUTH, timeout=30) as client:
        free = await client.get("/Slot", params={"status": "free", "_count": 2})
        assert free.status_code == 200, free.text
        first, second = (entry["resource"]["id"] for entry in free.json()["entry"])

        responses = await race(client, first, [f"key-{index}" for index in range(20)])
        statuses = sorted(response.status_code for response in responses)
        assert statuses == [201] + [409] * 19, [r.text for r in responses if r.status_code >= 500]
        winner = next(response.json() for response in responses if response.status_code == 201)
        busy = await client.get("/Slot", params={"status": "busy"})
        assert [entry["resource"]["id"] for entry in busy.json()["entry"]] == [first]
        reference = winner["identifier"][0]["value"]
        found = await client.get(
            "/Appointment", params={"identifier": f"urn:clinic:booking-reference|{reference}"}
        )
        assert found.json()["entry"][0]["resource"]["id"] == winner["id"]

        retries = await race(client, second, ["same-key"] * 10)
        assert sorted(response.status_code for response in retries) == [200] * 9 + [201]
        assert len({response.json()["id"] for response in retries}) == 1


def test_main_explains_a_broken_schedule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "schedule.yml"
    broken.write_text("timezone: Mars/Olympus\n", encoding="utf-8")
    monkeypatch.setenv("SCHEDULING_SCHEDULE_FILE", str(broken))
    assert main([]) == 2
    assert "Cannot start the scheduling service" in capsys.readouterr().err


def test_main_explains_bad_settings(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SCHEDULING_PORT", "fifty")
    assert main([]) == 2
    assert "SCHEDULING_PORT must be a whole number" in capsys.readouterr().err
