"""The process handling of the stack launcher, with small stand-in processes instead of Rasa."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path

import pytest
from rasa.__main__ import create_argument_parser

from tools.stack import (
    RASA_LOG,
    AssistantStack,
    ManagedProcess,
    RestartableService,
    StackError,
    free_ports,
    log_tail,
    newest_model,
    rasa_server_command,
    wait_until_ready,
)


def start_python(tmp_path: Path, code: str, name: str = "stand-in") -> ManagedProcess:
    return ManagedProcess.start(
        name,
        [sys.executable, "-c", code],
        env=dict(os.environ),
        log_path=tmp_path / f"{name}.log",
    )


def alive(pid: int) -> bool:
    """Whether `pid` still runs; a zombie (dead, not yet reaped by init) does not count."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    with contextlib.suppress(OSError):
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    return True


def test_newest_model_picks_the_latest(tmp_path: Path) -> None:
    old, new = tmp_path / "old.tar.gz", tmp_path / "new.tar.gz"
    old.write_bytes(b"")
    new.write_bytes(b"")
    os.utime(old, (1_000, 1_000))
    assert newest_model(tmp_path) == new


def test_newest_model_explains_a_missing_model(tmp_path: Path) -> None:
    with pytest.raises(StackError, match=r"No trained model .*models/\*\.tar\.gz"):
        newest_model(tmp_path)


def test_free_ports_are_distinct() -> None:
    ports = free_ports(3)
    assert len(set(ports)) == 3
    assert all(0 < port < 65536 for port in ports)


def test_log_tail(tmp_path: Path) -> None:
    log = tmp_path / "x.log"
    log.write_text("\n".join(f"line {i}" for i in range(100)), encoding="utf-8")
    assert log_tail(log, 2) == "line 98\nline 99"
    assert "could not read" in log_tail(tmp_path / "missing.log")


def test_a_dying_process_fails_fast_with_its_log(tmp_path: Path) -> None:
    dying = start_python(tmp_path, "import sys; print('model is broken'); sys.exit(3)", "server")
    started = time.monotonic()
    with pytest.raises(StackError, match=r"(?s)server exited with code 3.*model is broken"):
        wait_until_ready([(dying, lambda: False)], timeout=30)
    assert time.monotonic() - started < 10


def test_a_server_that_never_gets_ready_times_out_with_its_log(tmp_path: Path) -> None:
    slow = start_python(tmp_path, "import time; print('still loading', flush=True); time.sleep(60)")
    try:
        with pytest.raises(StackError, match=r"(?s)did not become ready within 1 s.*still loading"):
            wait_until_ready([(slow, lambda: False)], timeout=1)
    finally:
        slow.stop(grace=2)


def test_stop_terminates_the_whole_process_group(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    # A parent that spawns a child and ignores SIGTERM: only SIGKILL of the group stops both.
    code = (
        "import signal, subprocess, sys, time\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
        f"open({str(pid_file)!r}, 'w').write(str(child.pid))\n"
        "time.sleep(60)\n"
    )
    managed = start_python(tmp_path, code)
    deadline = time.monotonic() + 20
    while not (pid_file.exists() and pid_file.read_text()):
        assert time.monotonic() < deadline, log_tail(managed.log_path)
        time.sleep(0.1)
    child_pid = int(pid_file.read_text())

    managed.stop(grace=1)

    assert managed.process.poll() is not None
    deadline = time.monotonic() + 5
    while alive(child_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not alive(child_pid)


def test_secrets_are_masked_in_the_log(tmp_path: Path) -> None:
    managed = ManagedProcess.start(
        "echo",
        [sys.executable, "-c", "pass", "--auth-token", "s3cret", "--auth-token=s3cret"],
        env=dict(os.environ),
        log_path=tmp_path / "echo.log",
        secrets=("s3cret",),
    )
    managed.process.wait(timeout=20)
    assert "s3cret" not in managed.log_path.read_text()
    assert "--auth-token *** --auth-token=***" in managed.log_path.read_text()


def test_the_rasa_command_line_carries_no_secret(tmp_path: Path) -> None:
    command = rasa_server_command(5005, tmp_path / "c.yml", tmp_path / "m.tar.gz")
    arguments = create_argument_parser().parse_args(command[command.index("run") :])
    assert arguments.auth_token is None and arguments.jwt_secret is None
    assert arguments.port == 5005 and arguments.model == str(tmp_path / "m.tar.gz")


def test_action_failures_are_read_from_the_rasa_log(tmp_path: Path) -> None:
    scheduling = RestartableService([], {}, tmp_path, "http://s", "t", 1.0)
    stack = AssistantStack(
        "http://r", "http://a", "t", 8080, 6390, tmp_path / "m.tar.gz", tmp_path, scheduling
    )
    assert stack.action_failures() == []
    (tmp_path / RASA_LOG).write_text(
        "INFO all good\n"
        "ERROR rasa.core.processor  - Encountered an exception while running action 'x'.\n"
        "rasa.shared.exceptions.RasaException: Failed to run custom action 'x'. Error: boom\n",
        encoding="utf-8",
    )
    assert len(stack.action_failures()) == 2
    assert "boom" in stack.action_failures()[1]
