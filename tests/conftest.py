"""Shared fixtures: the project's real domain and FAQ data, and a real Redis server."""

from __future__ import annotations

import contextlib
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
import yaml

from clinic.faq.catalogue import read_faq_responses
from rasa_server import redis_command
from tools.stack import free_ports

PROJECT_ROOT = Path(__file__).resolve().parent.parent
FAQ_DIR = PROJECT_ROOT / "data" / "faq"
FOLDER_MARKS = {"e2e": "e2e", "widget": "browser", "nlu": "model"}
"""Tests marked by their folder, so that each of `make test`'s stages (tools/stages.py)
selects its tests by mark and every test is in exactly one stage."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each test by the folder it is in (see FOLDER_MARKS)."""
    tests = Path(__file__).resolve().parent
    for item in items:
        try:
            folder = Path(item.path).resolve().relative_to(tests).parts[0]
        except ValueError:
            continue
        if folder in FOLDER_MARKS:
            item.add_marker(FOLDER_MARKS[folder])


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    """domain.yml with the FAQ answers merged in, as Rasa sends it to the action server."""
    content = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    content["responses"] = {**content["responses"], **read_faq_responses(FAQ_DIR)}
    return content


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A real Redis server on a free loopback port (`make test` installs redis-server)."""
    [port] = free_ports(1)
    process = subprocess.Popen(
        redis_command(port), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    client = redis.Redis(port=port)
    try:
        deadline = time.monotonic() + 10
        while True:
            with contextlib.suppress(redis.ConnectionError):
                if client.ping():
                    break
            assert process.poll() is None, "redis-server exited at start"
            assert time.monotonic() < deadline, "redis-server did not answer in 10 s"
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/2"
    finally:
        process.terminate()
        process.wait(timeout=10)
