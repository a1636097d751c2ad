"""Start the real assistant (action server + Rasa server) for evaluation and end-to-end tests.

Both servers run as they do in production, from the repository root, on free loopback
ports, each in its own process group so that stopping the stack also stops anything
they spawned. Readiness is polled over HTTP with a bounded timeout; if a server dies or
never becomes ready, the error carries the tail of its log, because that is the only
place the reason is written.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import requests

from action_server import COMMAND as ACTION_SERVER
from channels.credentials import write_credentials
from clinic.settings import PROJECT_ROOT, load_clinic_settings
from model_server import publish
from rasa_server import COMMAND as RASA_SERVER
from rasa_server import rasa_server_environment, redis_command
from startup.rasa_api import api_headers
from startup.settings import load_settings

READY_TIMEOUT_S = 300.0
"""How long both servers together may take to become ready (loading the model is slow)."""

STOP_GRACE_S = 10.0
"""How long a server may take to exit after SIGTERM before it is killed."""

REQUEST_TIMEOUT_S = 60.0
"""How long one HTTP request to a running server may take."""

LOG_TAIL_LINES = 40

RASA_LOG = "rasa.log"
ACTIONS_LOG = "actions.log"

_ACTION_FAILURE_MARKS = (
    "Encountered an exception while running action",
    "Failed to run custom action",
)
_POLL_INTERVAL_S = 0.5
_PROBE_TIMEOUT_S = 5.0


class StackError(RuntimeError):
    """The assistant could not be started (no model, a server died, or it never got ready)."""


def newest_model(model_dir: Path) -> Path:
    """The most recently written ``*.tar.gz`` in `model_dir`, as `rasa run` would pick it."""
    models = sorted(model_dir.glob("*.tar.gz"), key=lambda path: path.stat().st_mtime)
    if not models:
        raise StackError(
            f"No trained model in {model_dir} (expected models/*.tar.gz). "
            "Train one first (the Makefile trains one before running the tests)."
        )
    return models[-1]


def free_ports(count: int) -> list[int]:
    """Ask the OS for `count` distinct free loopback ports.

    The sockets are held open together so the ports differ; a tiny race remains until
    the servers bind them, which is acceptable for a local test stack.
    """
    with contextlib.ExitStack() as stack:
        sockets = [stack.enter_context(socket.socket()) for _ in range(count)]
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [int(sock.getsockname()[1]) for sock in sockets]


def log_tail(path: Path, lines: int = LOG_TAIL_LINES) -> str:
    """The last `lines` lines of a log file, for error messages."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        return f"<could not read {path}: {error}>"
    return "\n".join(text.splitlines()[-lines:])


def _masked(part: str, secrets: tuple[str, ...]) -> str:
    """`part` of a command line with every secret in it (``--auth-token=...`` too) hidden."""
    for secret in secrets:
        if secret:
            part = part.replace(secret, "***")
    return part


def rasa_server_command(
    port: int, credentials: Path, model: Path, origins: Sequence[str] = ()
) -> list[str]:
    """The Rasa server's command line for a stack on loopback (secrets come by environment)."""
    return [
        *RASA_SERVER,
        "run",
        "--enable-api",
        *(["--cors", *origins] if origins else []),
        "-p",
        str(port),
        "-i",
        "127.0.0.1",
        "--credentials",
        str(credentials),
        "--endpoints",
        "endpoints.yml",
        "-m",
        str(model),
    ]


def die_with_parent() -> None:
    """Ask Linux to SIGTERM the child if the process that started it dies.

    This covers the one case a context manager cannot: the test runner being killed.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    pr_set_pdeathsig = 1
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def signal_group(pgid: int, signum: signal.Signals) -> None:
    """Send `signum` to a process group that may already be gone."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signum)


@dataclass
class ManagedProcess:
    """A server process running in its own process group, with its log file."""

    name: str
    process: subprocess.Popen[bytes]
    log_path: Path

    @classmethod
    def start(
        cls,
        name: str,
        command: list[str],
        *,
        env: Mapping[str, str],
        log_path: Path,
        secrets: tuple[str, ...] = (),
    ) -> ManagedProcess:
        """Start `command` from the repository root, writing stdout and stderr to `log_path`.

        The command line is logged first, with `secrets` masked.
        """
        log_path.parent.mkdir(parents=True, exist_ok=True)
        shown = [_masked(part, secrets) for part in command]
        with log_path.open("wb") as log:
            log.write(f"$ {' '.join(shown)}\n".encode())
            log.flush()
            process = subprocess.Popen(
                command,
                cwd=PROJECT_ROOT,
                env=dict(env),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=die_with_parent,  # the stack starts before any worker thread
            )
        return cls(name, process, log_path)

    def check_alive(self) -> None:
        """Raise with the log tail if the process has exited."""
        code = self.process.poll()
        if code is not None:
            raise StackError(
                f"The {self.name} exited with code {code} before it was ready. "
                f"Last lines of {self.log_path}:\n{log_tail(self.log_path)}"
            )

    def stop(self, grace: float = STOP_GRACE_S) -> None:
        """SIGTERM the whole process group, then SIGKILL it if it outlives `grace`."""
        pgid = self.process.pid  # start_new_session makes the child its group's leader
        self._signal_group(pgid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=grace)
        # Kill whatever is left in the group, including children of an exited leader.
        self._signal_group(pgid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=grace)

    @staticmethod
    def _signal_group(pgid: int, signum: signal.Signals) -> None:
        signal_group(pgid, signum)


@dataclass
class RestartableService:
    """The scheduling service, which outage tests stop and start again on the same port."""

    command: list[str]
    env: dict[str, str]
    log_dir: Path
    url: str
    token: str
    ready_timeout: float
    current: ManagedProcess | None = None
    starts: int = 0

    def start(self) -> None:
        """Start it (again) and wait until /health answers."""
        self.starts += 1
        self.current = ManagedProcess.start(
            "scheduling service",
            self.command,
            env=self.env,
            log_path=self.log_dir / f"scheduling-{self.starts}.log",
        )
        wait_until_ready([(self.current, lambda: _healthy(self.url))], self.ready_timeout)

    def stop(self) -> None:
        """Stop it, as an outage would."""
        if self.current is not None:
            self.current.stop()
            self.current = None

    def get(self, path: str, **params: str) -> requests.Response:
        """An authenticated GET, for tests that check what the clinic's system received."""
        return requests.get(
            f"{self.url}{path}",
            params=params,
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=REQUEST_TIMEOUT_S,
        )


def _healthy(url: str) -> bool:
    return requests.get(f"{url}/health", timeout=_PROBE_TIMEOUT_S).status_code == 200


@dataclass(frozen=True)
class AssistantStack:
    """A running assistant: where to reach it, and small helpers for its HTTP API."""

    rasa_url: str
    action_url: str
    jwt_secret: str
    demo_port: int
    redis_port: int
    model_path: Path
    log_dir: Path
    scheduling: RestartableService
    live_model_dir: Path | None = None
    """Where the model server serves the live model from (`model_server.publish` there)."""
    workers: int = 1

    def send(self, sender_id: str, text: str) -> list[dict[str, Any]]:
        """Send one user message over the REST channel; return the bot's messages."""
        response = requests.post(
            f"{self.rasa_url}/webhooks/rest/webhook",
            json={"sender": sender_id, "message": text},
            timeout=REQUEST_TIMEOUT_S,
        )
        response.raise_for_status()
        messages: list[dict[str, Any]] = response.json()
        return messages

    def tracker(self, sender_id: str) -> dict[str, Any]:
        """The conversation's full tracker, including every event."""
        response = requests.get(
            f"{self.rasa_url}/conversations/{quote(sender_id, safe='')}/tracker",
            headers=api_headers(self.jwt_secret),
            timeout=REQUEST_TIMEOUT_S,
        )
        response.raise_for_status()
        tracker: dict[str, Any] = response.json()
        return tracker

    def action_failures(self) -> list[str]:
        """Lines of the Rasa log saying a custom action failed.

        Rasa carries on without the action's events when the action server cannot be
        reached or raises, so the replies alone would hide the failure.
        """
        try:
            text = (self.log_dir / RASA_LOG).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return []
        return [line for line in text.splitlines() if any(m in line for m in _ACTION_FAILURE_MARKS)]

    def status(self) -> dict[str, Any]:
        """The Rasa server's status (which model is loaded)."""
        response = requests.get(
            f"{self.rasa_url}/status",
            headers=api_headers(self.jwt_secret),
            timeout=REQUEST_TIMEOUT_S,
        )
        response.raise_for_status()
        status: dict[str, Any] = response.json()
        return status


def _action_server_ready(action_url: str) -> bool:
    response = requests.get(f"{action_url}/health", timeout=_PROBE_TIMEOUT_S)
    return response.status_code == 200


def _rasa_ready(rasa_url: str, token: str) -> bool:
    response = requests.get(
        f"{rasa_url}/status", headers=api_headers(token), timeout=_PROBE_TIMEOUT_S
    )
    if response.status_code in (401, 403):
        raise StackError(f"The Rasa server rejected the auth token ({response.status_code}).")
    if response.status_code != 200:
        return False  # 409 while the model is still loading
    body = response.json()
    return bool(body.get("model_id") or body.get("model_file"))


def wait_until_ready(
    checks: list[tuple[ManagedProcess, Callable[[], bool]]], timeout: float
) -> None:
    """Poll every check until all pass; fail fast if a process dies, or at `timeout`."""
    deadline = time.monotonic() + timeout
    pending = list(checks)
    while pending:
        for managed, check in list(pending):
            managed.check_alive()
            try:
                ready = check()
            except (requests.ConnectionError, requests.Timeout, ValueError):
                ready = False
            if ready:
                pending.remove((managed, check))
        if not pending:
            return
        if time.monotonic() > deadline:
            details = "\n\n".join(
                f"Last lines of {managed.log_path}:\n{log_tail(managed.log_path)}"
                for managed, _ in pending
            )
            names = ", ".join(managed.name for managed, _ in pending)
            raise StackError(f"The {names} did not become ready within {timeout:.0f} s.\n{details}")
        time.sleep(_POLL_INTERVAL_S)


T = TypeVar("T")
R = TypeVar("R")


def map_in_parallel(work: Callable[[T], R], items: Sequence[T], workers: int) -> list[R]:
    """`work` on every item, a few at a time (conversations, questions); results in order.

    On a failure the items not yet started are dropped instead of all being tried.
    """
    pool = ThreadPoolExecutor(max_workers=workers)
    try:
        return list(pool.map(work, items))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _default_log_dir() -> Path:
    base = PROJECT_ROOT / "reports" / "stack"
    base.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=time.strftime("%Y%m%d-%H%M%S-"), dir=base))


@contextlib.contextmanager
def running_assistant(
    model_path: Path | None = None,
    *,
    jwt_secret: str | None = None,
    log_dir: Path | None = None,
    ready_timeout: float = READY_TIMEOUT_S,
    extra_env: Mapping[str, str] | None = None,
) -> Iterator[AssistantStack]:
    """Run the real action server and Rasa server for the duration of the `with` block.

    `model_path` defaults to the newest ``models/*.tar.gz``; `jwt_secret` (which signs the
    HTTP API's tokens) defaults to the settings' (``RASA_JWT_SECRET``, or a random one).
    Logs go to `log_dir` (default: a new directory under ``reports/stack/``). Both servers
    are stopped on exit, whatever happened inside the block. `extra_env` sets settings for
    both servers (for example FAQ thresholds), on top of this process's environment; so
    `RASA_PATCHES=none` in it, or in the environment of `pytest tests/e2e`, runs the stack
    on Rasa as installed, without the project's patches.
    """
    settings = load_settings()
    model = (model_path or newest_model(settings.model_dir)).resolve()
    if not model.is_file():
        raise StackError(f"Model file not found: {model}")
    token = jwt_secret or settings.jwt_secret
    logs = log_dir or _default_log_dir()
    action_port, rasa_port, scheduling_port, redis_port, demo_port, model_port = free_ports(6)
    if shutil.which("redis-server") is None:
        raise StackError(
            "redis-server is not installed: the Rasa server keeps conversations in Redis. "
            "`make test` and `make run` install it (Debian package redis-server)."
        )
    # Not beside the logs, which are kept: a copy of the model per test stack adds up.
    live_dir = Path(tempfile.mkdtemp(prefix="live-model-"))

    # Evaluations and benchmarks send thousands of messages from this one address; a test
    # of the limits sets its own.
    unlimited = {"RATE_LIMIT_PER_SENDER": "1000000", "RATE_LIMIT_PER_ADDRESS": "1000000"}
    env = {**os.environ, **unlimited, **(extra_env or {})}
    env.update(
        {
            "RASA_HOST": "127.0.0.1",
            "RASA_PORT": str(rasa_port),
            # The demo page's origin is the one browsers may call the assistant from.
            "DEMO_PORT": str(demo_port),
            "ACTION_SERVER_HOST": "127.0.0.1",
            "ACTION_SERVER_PORT": str(action_port),
            "RASA_JWT_SECRET": token,
            "RASA_TELEMETRY_ENABLED": "false",
            "PYTHONUNBUFFERED": "1",
            "PYTHONWARNINGS": "ignore::DeprecationWarning",
            # The scheduling service and the outbox keep their data in this run's folder.
            "SCHEDULING_HOST": "127.0.0.1",
            "SCHEDULING_PORT": str(scheduling_port),
            "SCHEDULING_API_TOKEN": secrets.token_urlsafe(24),
            "SCHEDULING_DATABASE_URL": f"sqlite:///{logs / 'scheduling.db'}",
            "OUTBOX_DATABASE_URL": f"sqlite:///{logs / 'outbox.db'}",
            "REDIS_HOST": "127.0.0.1",
            "REDIS_PORT": str(redis_port),
            "REDIS_PASSWORD": "",
            "OUTBOX_RETRY_INTERVAL_S": env.get("OUTBOX_RETRY_INTERVAL_S", "1"),
            "SCHEDULING_RETRIES": env.get("SCHEDULING_RETRIES", "1"),
            "SCHEDULING_TIMEOUT_S": env.get("SCHEDULING_TIMEOUT_S", "2"),
            # This stack's own model server, serving the model from this run's folder.
            "MODEL_SERVER_HOST": "127.0.0.1",
            "MODEL_SERVER_PORT": str(model_port),
            "LIVE_MODEL_DIR": str(live_dir),
        }
    )
    stack_settings = load_settings(env)
    env.update(rasa_server_environment(stack_settings, load_clinic_settings(env)))

    action_command = [
        *ACTION_SERVER,
        "--actions",
        "actions",
        "-p",
        str(action_port),
    ]
    rasa_command = rasa_server_command(
        rasa_port,
        write_credentials(logs / "credentials.yml", stack_settings),
        model,
        stack_settings.allowed_origins,
    )
    action_url = f"http://127.0.0.1:{action_port}"
    scheduling = RestartableService(
        command=[sys.executable, "-m", "scheduling_service"],
        env=env,
        log_dir=logs,
        url=stack_settings.scheduling.url,
        token=env["SCHEDULING_API_TOKEN"],
        ready_timeout=ready_timeout,
    )
    stack = AssistantStack(
        rasa_url=stack_settings.rasa_url,
        action_url=action_url,
        jwt_secret=token,
        demo_port=demo_port,
        redis_port=redis_port,
        model_path=model,
        log_dir=logs,
        scheduling=scheduling,
        live_model_dir=stack_settings.live_model_dir,
        workers=stack_settings.rasa_workers,
    )

    processes: list[ManagedProcess] = []
    try:
        processes.append(
            ManagedProcess.start(
                "Redis", redis_command(redis_port), env=env, log_path=logs / "redis.log"
            )
        )
        scheduling.start()
        publish(model, stack_settings.live_model_dir)
        processes.append(
            ManagedProcess.start(
                "model server",
                [sys.executable, "-m", "model_server"],
                env=env,
                log_path=logs / "model_server.log",
            )
        )
        processes.append(
            ManagedProcess.start(
                "outbox worker",
                [sys.executable, "-m", "action_server.io.outbox_worker"],
                env=env,
                log_path=logs / "outbox.log",
            )
        )
        actions = ManagedProcess.start(
            "action server", action_command, env=env, log_path=logs / ACTIONS_LOG
        )
        processes.append(actions)
        server = ManagedProcess.start(
            "Rasa server", rasa_command, env=env, log_path=logs / RASA_LOG, secrets=(token,)
        )
        processes.append(server)
        wait_until_ready(
            [
                (actions, lambda: _action_server_ready(action_url)),
                (server, lambda: _rasa_ready(stack.rasa_url, token)),
            ],
            timeout=ready_timeout,
        )
        yield stack
    finally:
        for managed in reversed(processes):
            managed.stop()
        scheduling.stop()
        shutil.rmtree(live_dir, ignore_errors=True)
