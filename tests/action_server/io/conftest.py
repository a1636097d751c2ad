"""A stand-in scheduling service per test, and clients tuned to fail fast."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from action_server.io.scheduling_client import SchedulingClient
from tests.action_server.io.fake_scheduling import TOKEN, FakeScheduling


def make_client(url: str, *, timeout_s: float = 1.0, retries: int = 3) -> SchedulingClient:
    return SchedulingClient(
        url, TOKEN, timeout_s=timeout_s, retries=retries, backoff_base_s=0.01, backoff_cap_s=0.05
    )


@pytest.fixture
def stand_in() -> Iterator[FakeScheduling]:
    """A stand-in that is NOT running yet: tests start it (or leave it down) themselves."""
    fake = FakeScheduling()
    yield fake
    fake.stop()


@pytest.fixture
def running(stand_in: FakeScheduling) -> FakeScheduling:
    return stand_in.start()


@pytest.fixture
def client(stand_in: FakeScheduling) -> SchedulingClient:
    return make_client(stand_in.url)
