"""Fixtures for the scheduling service: a pinned clock, a small schedule, both databases.

API tests run once on SQLite and once on a real, throwaway PostgreSQL cluster.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest
from sanic_testing.reusable import ReusableClient

from scheduling_service.app import create_app
from scheduling_service.schedule import ClinicSchedule, parse_schedule
from scheduling_service.settings import load_settings
from tests.scheduling_service.postgres import (
    PostgresCluster,
    PostgresUnavailableError,
    running_postgres,
)
from tools.stack import free_ports

UTC = timezone.utc
TOKEN = "test-scheduling-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
# Monday 30 November 2026, 08:00 in London (GMT, so also 08:00 UTC).
MONDAY_8AM = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)

TEST_SCHEDULE: dict[str, Any] = {
    "timezone": "Europe/London",
    "slot_minutes": 30,
    "days_ahead": 6,
    "opening_hours": {
        "monday": ["09:00-12:00", "13:00-15:00"],
        "tuesday": ["09:00-12:00"],
        "wednesday": ["09:00-12:00"],
        "thursday": ["09:00-12:00"],
        "friday": ["09:00-11:00"],
    },
    "closed_dates": ["2026-12-02"],
    "clinicians": [
        {
            "id": "dr-a",
            "name": "Dr Ada",
            "role": "consultant rheumatologist",
            "short_role": "consultant",
        },
        # No short_role: buttons use the role.
        {"id": "physio-b", "name": "Bo Physio", "role": "physio", "days": ["monday", "friday"]},
    ],
}


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(MONDAY_8AM)


@pytest.fixture
def schedule() -> ClinicSchedule:
    return parse_schedule(TEST_SCHEDULE)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster | PostgresUnavailableError]:
    """One cluster for the session; a start-up error is kept so that tests FAIL with it."""
    try:
        with running_postgres() as cluster:
            yield cluster
    except PostgresUnavailableError as error:
        yield error


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str | PostgresUnavailableError:
    """A fresh, empty database of each kind (or the reason PostgreSQL is unavailable)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'scheduling.db'}"
    cluster = request.getfixturevalue("postgres")
    if isinstance(cluster, PostgresUnavailableError):
        return cluster
    return cluster.create_database()


def appointment_body(
    slot_id: str,
    reference: str = "BK-0001",
    *,
    name: str = "Alex Example",
    telecom: tuple[str, str] = ("phone", "07700 900123"),
) -> dict[str, Any]:
    """A booking exactly as the assistant's client sends it."""
    return {
        "resourceType": "Appointment",
        "status": "booked",
        "identifier": [{"system": "urn:clinic:booking-reference", "value": reference}],
        "slot": [{"reference": f"Slot/{slot_id}"}],
        "contained": [
            {
                "resourceType": "Patient",
                "id": "patient",
                "name": [{"text": name}],
                "telecom": [{"system": telecom[0], "value": telecom[1]}],
            }
        ],
        "participant": [{"actor": {"reference": "#patient"}, "status": "accepted"}],
        "reasonCode": [{"text": "Right knee pain for three weeks"}],
        "comment": "Pain 6/10, worse on stairs; no red flags reported.",
    }


@dataclass
class Api:
    """The service under sanic-testing's reusable client, authenticated by default."""

    client: ReusableClient | None
    unavailable: str | None = None

    def request(
        self,
        method: str,
        path: str,
        *,
        auth: bool = True,
        headers: dict[str, str] | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        if self.unavailable is not None or self.client is None:
            pytest.fail(f"This test needs PostgreSQL: {self.unavailable}", pytrace=False)
        all_headers = {**(AUTH if auth else {}), **(headers or {})}
        send = getattr(self.client, method.lower())
        _, response = send(path, gather_request=False, headers=all_headers, **kwargs)
        assert response is not None
        response.__class__ = httpx.Response  # sanic-testing makes .json a property
        return response

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("PATCH", path, **kwargs)

    def book(self, slot_id: str, key: str = "key-1", reference: str = "BK-0001") -> httpx.Response:
        return self.post(
            "/Appointment",
            json=appointment_body(slot_id, reference),
            headers={"Idempotency-Key": key},
        )


@pytest.fixture
def api(
    database_url: str | PostgresUnavailableError, schedule: ClinicSchedule, clock: Clock
) -> Iterator[Api]:
    if isinstance(database_url, PostgresUnavailableError):
        yield Api(None, str(database_url))
        return
    settings = load_settings(
        {"SCHEDULING_API_TOKEN": TOKEN, "SCHEDULING_DATABASE_URL": database_url}
    )
    app = create_app(settings, schedule=schedule, clock=clock)
    client = ReusableClient(app, port=free_ports(1)[0])
    loop = client._loop
    client.run()
    try:
        yield Api(client)
    finally:
        client.stop()
        loop.close()
        asyncio.set_event_loop(None)
