"""The action server answers only callers with its token, and only on loopback by default."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.conftest import PROJECT_ROOT
from tools.stack import free_ports

TOKEN = "action-s3cret"
CALL = {"next_action": "action_not_there", "sender_id": "x", "tracker": {"sender_id": "x"}}


@pytest.fixture(scope="module")
def action_server() -> Iterator[str]:
    [port] = free_ports(1)
    env = {**os.environ, "ACTION_SERVER_TOKEN": TOKEN, "SANIC_WORKERS": "1"}
    env.pop("SANIC_HOST", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "action_server", "--actions", "actions", "--port", str(port)],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            pytest.fail("the action server did not start")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def listening_addresses(port: int) -> set[str]:
    """The local addresses listening on `port`, from the kernel's socket table."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table, encoding="ascii") as lines:
            next(lines)
            for line in lines:
                local, _, state = line.split()[1:4]
                address, hex_port = local.split(":")
                if int(hex_port, 16) == port and state == "0A":  # LISTEN
                    found.add(address)
    return found


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"X-Token": TOKEN}],
)
def test_a_call_without_the_token_is_refused_before_any_action_runs(
    action_server: str, headers: dict[str, str]
) -> None:
    response = httpx.post(f"{action_server}/webhook", json=CALL, headers=headers, timeout=10)
    assert response.status_code == 401
    assert response.json() == {"error": "unauthorised"}


def test_a_call_with_the_token_reaches_the_actions(action_server: str) -> None:
    response = httpx.post(
        f"{action_server}/webhook",
        json=CALL,
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=10,
    )
    assert response.status_code == 404  # rasa-sdk's answer for an unknown action
    listed = httpx.get(
        f"{action_server}/actions", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10
    )
    assert "action_emergency" in {action["name"] for action in listed.json()}


def test_the_health_check_needs_no_token(action_server: str) -> None:
    assert httpx.get(f"{action_server}/health", timeout=5).status_code == 200


def test_it_listens_on_loopback_only(action_server: str) -> None:
    port = int(action_server.rsplit(":", 1)[1])
    assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, little-endian hex
