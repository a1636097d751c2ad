"""`make run-cluster`: one conversation through nginx survives losing a Rasa replica.

The cluster is started as `make run-cluster` starts it (`python -m tools.cluster`, with
Procfile.cluster under the supervisor, PostgreSQL and nginx), on free loopback ports and
in a temporary state folder. A check-in goes through nginx, served by both replicas in
turn; the replica that nginx will pick next is killed in the middle; the check-in and a
booking carry on to the end through nginx with nothing lost and one booking made.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa

from startup.rasa_api import api_headers
from tests.e2e.test_checkin_and_booking import Patient, appointment, reach_confirmation
from tests.e2e.test_rest_conversation import assert_actions_ran
from tools.cluster_postgres import Postgres
from tools.stack import (
    _ACTION_FAILURE_MARKS,
    REQUEST_TIMEOUT_S,
    AssistantStack,
    ManagedProcess,
    RestartableService,
    StackError,
    free_ports,
    newest_model,
    wait_until_ready,
)

pytestmark = pytest.mark.e2e

READY_TIMEOUT_S = 240.0
RESTART_WAIT_S = 120.0
STOPPED_WAIT_S = 30.0


@dataclass(frozen=True)
class ThroughNginx(AssistantStack):
    """The assistant reached through nginx, noting which replica answered each message."""

    upstreams: list[str] = field(default_factory=list)

    def send(self, sender_id: str, text: str) -> list[dict[str, Any]]:
        """Send one message; remember nginx's X-Upstream (every replica it tried)."""
        response = requests.post(
            f"{self.rasa_url}/webhooks/rest/webhook",
            json={"sender": sender_id, "message": text},
            timeout=REQUEST_TIMEOUT_S,
        )
        response.raise_for_status()
        self.upstreams.append(response.headers.get("X-Upstream", ""))
        messages: list[dict[str, Any]] = response.json()
        return messages

    def action_failures(self) -> list[str]:
        """Failed custom actions in every replica's log."""
        return [
            line
            for log in sorted(self.log_dir.glob("rasa-*.log"))
            for line in log.read_text(encoding="utf-8", errors="replace").splitlines()
            if any(mark in line for mark in _ACTION_FAILURE_MARKS)
        ]


@dataclass
class Cluster:
    """A running `python -m tools.cluster` and where its parts listen."""

    stack: ThroughNginx
    process: ManagedProcess
    rasa_ports: tuple[int, ...]
    postgres: Postgres
    ports: tuple[int, ...]
    """Every port the cluster listens on: nginx, the servers, Redis, PostgreSQL."""

    def scalar(self, database: str, query: str) -> Any:
        """One value from one of the cluster's PostgreSQL databases."""
        engine = sa.create_engine(self.postgres.url(database))
        try:
            with engine.connect() as connection:
                return connection.execute(sa.text(query)).scalar_one()
        finally:
            engine.dispose()


def _status_ready(url: str, secret: str) -> bool:
    response = requests.get(f"{url}/status", headers=api_headers(secret), timeout=5)
    return response.status_code == 200 and bool(response.json().get("model_file"))


def _healthy(url: str) -> bool:
    return requests.get(f"{url}/health", timeout=5).status_code == 200


def listening_pid(port: int) -> int | None:
    """The process listening on 127.0.0.1:`port`, found through /proc (Linux)."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        address, state, inode = fields[1], fields[3], fields[9]
        if state == "0A" and int(address.split(":")[1], 16) == port:
            inodes.add(f"socket:[{inode}]")
    for fd_dir in Path("/proc").glob("[0-9]*/fd"):
        with contextlib.suppress(OSError):
            for fd in fd_dir.iterdir():
                with contextlib.suppress(OSError):
                    if os.readlink(fd) in inodes:
                        return int(fd_dir.parent.name)
    return None


@contextlib.contextmanager
def running_cluster() -> Iterator[Cluster]:
    """`python -m tools.cluster` on free ports, in a temporary state folder; stopped on exit."""
    newest_model(Path("models"))  # fail early, with the reason, when there is no model
    root = Path(tempfile.mkdtemp(prefix="clinic-cluster-"))
    root.chmod(0o755)  # PostgreSQL runs as its own user and must reach its data folder
    state_dir, log_dir = root / "state", root / "logs"
    ports = tuple(free_ports(11))
    (nginx, nginx_actions, scheduling, redis_port, model, demo, *rest) = ports
    rasa_ports, action_ports, postgres_port = tuple(rest[:2]), tuple(rest[2:4]), rest[4]
    secret = secrets.token_urlsafe(24)
    scheduling_token = secrets.token_urlsafe(24)
    env = {
        **os.environ,
        "RASA_HOST": "127.0.0.1",
        "RASA_PORT": str(nginx),
        "ACTION_SERVER_HOST": "127.0.0.1",
        "ACTION_SERVER_PORT": str(nginx_actions),
        "SCHEDULING_HOST": "127.0.0.1",
        "SCHEDULING_PORT": str(scheduling),
        "SCHEDULING_API_TOKEN": scheduling_token,
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": str(redis_port),
        "REDIS_PASSWORD": "",
        "MODEL_SERVER_HOST": "127.0.0.1",
        "MODEL_SERVER_PORT": str(model),
        "LIVE_MODEL_DIR": str(root / "live"),
        "DEMO_PORT": str(demo),
        "RASA_JWT_SECRET": secret,
        "OUTBOX_RETRY_INTERVAL_S": "1",
        "RASA_TELEMETRY_ENABLED": "false",
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        sys.executable,
        "-m",
        "tools.cluster",
        f"--state-dir={state_dir}",
        f"--log-dir={log_dir}",
        f"--rasa-ports={','.join(map(str, rasa_ports))}",
        f"--action-ports={','.join(map(str, action_ports))}",
        f"--postgres-port={postgres_port}",
    ]
    process = ManagedProcess.start(
        "cluster", command, env=env, log_path=root / "cluster.log", secrets=(secret,)
    )
    rasa_url = f"http://127.0.0.1:{nginx}"
    try:
        # Each replica is asked directly before any request goes through nginx: a probe
        # through nginx that finds a replica still starting takes it out of the rotation
        # for nginx's fail_timeout (10 s), and a kill inside that window would leave
        # nginx no live replica to move on to.
        direct = [
            *(
                (process, lambda port=port: _status_ready(f"http://127.0.0.1:{port}", secret))
                for port in rasa_ports
            ),
            *(
                (process, lambda port=port: _healthy(f"http://127.0.0.1:{port}"))
                for port in action_ports
            ),
            (process, lambda: _healthy(f"http://127.0.0.1:{scheduling}")),
        ]
        wait_until_ready(direct, READY_TIMEOUT_S)
        through_nginx = [
            (process, lambda: _status_ready(rasa_url, secret)),
            (process, lambda: _healthy(f"http://127.0.0.1:{nginx_actions}")),
        ]
        wait_until_ready(through_nginx, READY_TIMEOUT_S)
        password = (state_dir / "postgres-password").read_text(encoding="utf-8").strip()
        stack = ThroughNginx(
            rasa_url=rasa_url,
            action_url=f"http://127.0.0.1:{nginx_actions}",
            jwt_secret=secret,
            demo_port=demo,
            redis_port=redis_port,
            model_path=newest_model(Path("models")),
            log_dir=log_dir,
            scheduling=RestartableService(
                command=[],
                env=env,
                log_dir=log_dir,
                url=f"http://127.0.0.1:{scheduling}",
                token=scheduling_token,
                ready_timeout=READY_TIMEOUT_S,
            ),
        )
        yield Cluster(stack, process, rasa_ports, Postgres(postgres_port, password), ports)
    finally:
        process.stop(grace=STOPPED_WAIT_S)
        # Keep the logs of a failed run; the databases and Redis log are not needed.
        kept = Path("reports") / "stack" / root.name
        with contextlib.suppress(OSError):
            shutil.copytree(log_dir, kept, dirs_exist_ok=True)
            shutil.copy(root / "cluster.log", kept / "cluster.log")
        shutil.rmtree(root, ignore_errors=True)


def kill_replica(address: str) -> None:
    """Kill the Rasa replica at `address` (host:port) outright, as a crash would."""
    pid = listening_pid(int(address.rsplit(":", 1)[1]))
    assert pid is not None, f"nothing listens on {address}"
    os.killpg(os.getpgid(pid), signal.SIGKILL)
    # For a moment after the kill the kernel still accepts connections (then resets
    # them), as it would for a replica dying in the middle of a request; wait until it
    # refuses them, as it does for a replica that is down.
    host, port = address.rsplit(":", 1)
    deadline = time.monotonic() + STOPPED_WAIT_S
    while True:
        try:
            socket.create_connection((host, int(port)), timeout=1).close()
        except ConnectionRefusedError:
            return
        assert time.monotonic() < deadline, f"{address} still accepts after SIGKILL"
        time.sleep(0.05)


def test_a_checkin_carries_on_when_a_replica_dies() -> None:
    try:
        with running_cluster() as cluster:
            stack = cluster.stack
            patient = Patient(stack)
            said = patient.says("my lower back has hurt for 2 weeks")
            assert said[-1] == "utter_ask_pain_severity", said
            assert patient.says("8")[-1] == "utter_ask_nerve_symptoms"
            replicas = {f"127.0.0.1:{port}" for port in cluster.rasa_ports}
            assert set(stack.upstreams) == replicas, "each replica served one turn"

            # Round-robin: the replica that answered the first message gets the next one.
            killed = stack.upstreams[0]
            survivor = stack.upstreams[1]
            kill_replica(killed)

            said = patient.says("no")
            assert said == ["utter_consultation_recommended", "utter_offer_booking"], said
            assert stack.upstreams[-1] == f"{killed}, {survivor}", "nginx tried it, moved on"
            # The answers given before the kill are still there.
            assert "severe" in patient.reply[0]["text"], "the 8/10 given before the kill"
            assert patient.slot("pain_duration_days") == 14
            assert patient.slot("pain_severity") == 8

            slot_id = reach_confirmation(patient)
            assert patient.says("/affirm") == ["utter_booking_confirmed"]
            reference = patient.slot("booking_reference")
            booked = appointment(stack, reference)
            assert booked is not None and booked["status"] == "booked"
            assert booked["slot"] == [{"reference": f"Slot/{slot_id}"}]
            assert "8/10" in booked["comment"], "the severity reached the clinic"
            assert cluster.scalar("scheduling", "SELECT count(*) FROM appointment") == 1
            assert cluster.scalar("outbox", "SELECT count(*) FROM booking_outbox") == 1
            assert_actions_ran(stack)

            # The supervisor starts the killed replica again, and it serves again.
            killed_url = f"http://{killed}"
            deadline = time.monotonic() + RESTART_WAIT_S
            while time.monotonic() < deadline:
                with contextlib.suppress(requests.ConnectionError):
                    if _status_ready(killed_url, stack.jwt_secret):
                        break
                time.sleep(1)
            else:
                pytest.fail(f"the killed replica {killed} did not come back")
            supervisor_log = cluster.process.log_path.read_text(encoding="utf-8")
            assert re.search(r"rasa-\d +\| exited with code -9", supervisor_log)

            # Stopping the command (SIGTERM to it alone) stops all it started.
            cluster.process.process.send_signal(signal.SIGTERM)
            assert cluster.process.process.wait(timeout=STOPPED_WAIT_S) == 0
            for port in cluster.ports:
                assert listening_pid(port) is None, f"something still listens on {port}"
    except StackError as error:
        pytest.fail(f"Could not start the cluster: {error}", pytrace=False)
