"""The supervisor behind `make run`: restarts what dies, stops everything on a signal."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from tools.supervise import Program, Supervisor, read_procfile


def wait_for(condition: object, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().split()[2] != "Z"


def test_the_procfile_is_read_as_name_and_command(tmp_path: Path) -> None:
    procfile = tmp_path / "Procfile"
    procfile.write_text("# comment\n\nweb: python -m web --port $PORT\nworker: sleep 1\n")
    assert read_procfile(procfile) == [
        Program("web", "python -m web --port $PORT"),
        Program("worker", "sleep 1"),
    ]
    procfile.write_text("not a line\n")
    with pytest.raises(ValueError, match="Procfile:1: expected 'name: command'"):
        read_procfile(procfile)


def test_a_process_that_dies_is_started_again_and_the_others_carry_on(tmp_path: Path) -> None:
    out = io.StringIO()
    supervisor = Supervisor(
        [Program("steady", "sleep 60"), Program("flaky", "echo up $GREETING; sleep 60")],
        {**os.environ, "GREETING": "hello"},
        out=out,
        min_backoff_s=0.1,
    )
    runner = threading.Thread(target=supervisor_run_without_signals, args=(supervisor,))
    runner.start()
    try:
        wait_for(lambda: all(supervisor.pids().values()))
        # Killed before its shell has echoed, the first run would print nothing.
        wait_for(lambda: out.getvalue().count("up hello") == 1)
        steady, flaky = supervisor.pids()["steady"], supervisor.pids()["flaky"]
        assert steady and flaky
        os.kill(flaky, signal.SIGKILL)
        wait_for(lambda: supervisor.restarts()["flaky"] == 1 and supervisor.pids()["flaky"])
        assert supervisor.pids()["flaky"] != flaky
        assert supervisor.pids()["steady"] == steady
        wait_for(lambda: out.getvalue().count("up hello") == 2)
        assert "flaky" in out.getvalue() and "exited with code -9" in out.getvalue()
    finally:
        supervisor.request_stop()
        runner.join(timeout=20)
    assert not alive(steady)


def supervisor_run_without_signals(supervisor: Supervisor) -> int:
    """Supervisor.run, minus installing signal handlers (only the main thread may)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(signal, "signal", lambda signum, handler: None)
        return Supervisor.run(supervisor)


def test_a_process_that_keeps_failing_waits_longer_each_time() -> None:
    out = io.StringIO()
    supervisor = Supervisor(
        [Program("broken", "sh -c 'exit 3'")], dict(os.environ), out=out, min_backoff_s=0.1
    )
    runner = threading.Thread(target=supervisor_run_without_signals, args=(supervisor,))
    runner.start()
    try:
        wait_for(lambda: supervisor.restarts()["broken"] >= 3)
    finally:
        supervisor.request_stop()
        runner.join(timeout=20)
    waits = [
        line.split("again in ")[1] for line in out.getvalue().splitlines() if "again in" in line
    ]
    assert waits[:3] == ["0.1 s", "0.2 s", "0.4 s"]
    assert "exited with code 3" in out.getvalue()


CHILD_PIDS = textwrap.dedent(
    """
    import os, sys
    from tools.supervise import Program, Supervisor

    supervisor = Supervisor([Program("a", "sleep 60"), Program("b", "sleep 60")], dict(os.environ))
    import threading, time
    def report():
        while not all(supervisor.pids().values()):
            time.sleep(0.05)
        print(" ".join(str(pid) for pid in supervisor.pids().values()), flush=True)
    threading.Thread(target=report, daemon=True).start()
    sys.exit(supervisor.run())
    """
)


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM, signal.SIGINT])
def test_a_hang_up_or_interrupt_stops_every_process(signum: signal.Signals) -> None:
    root = Path(__file__).resolve().parents[2]
    parent = subprocess.Popen(
        [sys.executable, "-c", CHILD_PIDS], cwd=root, stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    pids = [int(pid) for pid in parent.stdout.readline().split()]
    assert len(pids) == 2 and all(alive(pid) for pid in pids)
    parent.send_signal(signum)
    assert parent.wait(timeout=20) == 0
    wait_for(lambda: not any(alive(pid) for pid in pids))


def test_children_stop_when_the_supervisor_is_killed_outright() -> None:
    root = Path(__file__).resolve().parents[2]
    parent = subprocess.Popen(
        [sys.executable, "-c", CHILD_PIDS], cwd=root, stdout=subprocess.PIPE, text=True
    )
    assert parent.stdout is not None
    pids = [int(pid) for pid in parent.stdout.readline().split()]
    parent.kill()
    parent.wait(timeout=10)
    wait_for(lambda: not any(alive(pid) for pid in pids))


def test_with_a_log_folder_the_terminal_shows_readiness_and_errors_only(tmp_path: Path) -> None:
    out = io.StringIO()
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "web.log").write_text("from an earlier run\n")
    script = (
        "echo noise; echo DeprecationWarning: old; echo web is up; echo web is up;"
        " echo ERROR boom; sleep 60"
    )
    supervisor = Supervisor(
        [Program("web", script)],
        dict(os.environ),
        out=out,
        log_dir=logs,
        ready_when={"web": re.compile("is up")},
    )
    runner = threading.Thread(target=supervisor_run_without_signals, args=(supervisor,))
    runner.start()
    try:
        wait_for(lambda: "boom" in out.getvalue())
    finally:
        supervisor.request_stop()
        runner.join(timeout=20)
    terminal = out.getvalue()
    assert terminal.count("web | ready (log: ") == 1
    assert "ERROR boom" in terminal
    assert "noise" not in terminal and "DeprecationWarning" not in terminal
    log = (logs / "web.log").read_text()
    assert "from an earlier run" not in log
    assert [line.split(" ", 2)[2] for line in log.splitlines()] == [
        "noise",
        "DeprecationWarning: old",
        "web is up",
        "web is up",
        "ERROR boom",
    ]
