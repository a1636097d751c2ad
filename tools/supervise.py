"""Run the Procfile's processes and keep them running: `make run`'s supervisor.

Each process runs in its own process group, with its output prefixed by its name; with a
log folder, each process's output goes to its own file there instead, and the terminal
shows one line per process as it becomes ready, plus its errors. One
that exits is started again after a back-off (1 s, doubling to 30 s while it keeps
failing within a minute of starting), and the failure is logged; the others carry on,
so a crash of the action server does not take Redis and every conversation with it.
Ctrl-C, SIGTERM and a hang-up (closing the terminal) stop every process it started;
and each child is asked by Linux to stop should the supervisor itself be killed.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from tools.stack import STOP_GRACE_S, die_with_parent, signal_group

MIN_BACKOFF_S = 1.0
MAX_BACKOFF_S = 30.0
STABLE_AFTER_S = 60.0
"""A process that ran this long before exiting starts again after the shortest back-off."""
POLL_S = 0.2

_LINE = re.compile(r"^(?P<name>[A-Za-z0-9_-]+):\s*(?P<command>.+)$")
ATTENTION = re.compile(r"\b(?:ERROR|CRITICAL|FATAL|Traceback|[A-Za-z]*Error:)|^Cannot start")
"""Lines that reach the terminal even when a process's output goes to its log file."""


@dataclass(frozen=True)
class Program:
    """One Procfile line: a name and a shell command (with $VARIABLES)."""

    name: str
    command: str


def read_procfile(path: Path) -> list[Program]:
    """The programs of a Procfile, in order; blank lines and comments are skipped."""
    programs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _LINE.match(line.strip())
        if match is None:
            raise ValueError(f"{path}:{number}: expected 'name: command'")
        programs.append(Program(match["name"], match["command"]))
    return programs


def _shell_line(command: str) -> str:
    """The shell line for `command`.

    A single command replaces the shell (`exec`), so its process id is the program's own
    and a signal reaches it directly.
    """
    return command if re.search(r"[;&|]", command) else f"exec {command}"


@dataclass
class _Running:
    program: Program
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    backoff_s: float = MIN_BACKOFF_S
    restart_at: float | None = None
    restarts: int = 0
    ready: bool = False
    threads: list[threading.Thread] = field(default_factory=list)


class Supervisor:
    """Starts the programs, restarts any that exits, and stops them all on a signal."""

    def __init__(
        self,
        programs: Sequence[Program],
        env: Mapping[str, str],
        *,
        cwd: Path | None = None,
        out: IO[str] | None = None,
        min_backoff_s: float = MIN_BACKOFF_S,
        max_backoff_s: float = MAX_BACKOFF_S,
        stable_after_s: float = STABLE_AFTER_S,
        log_dir: Path | None = None,
        ready_when: Mapping[str, re.Pattern[str]] | None = None,
    ) -> None:
        """`log_dir`: one `<name>.log` per program there, instead of all on the terminal.

        `ready_when` maps a program's name to the line it prints once it serves; the
        terminal then shows "ready" once per start. Both only matter with `log_dir`.
        """
        self._log_dir = log_dir
        self._ready_when = dict(ready_when or {})
        self._running = [_Running(program, backoff_s=min_backoff_s) for program in programs]
        self._env = dict(env)
        self._cwd = cwd
        self._out = out or sys.stdout
        self._min_backoff_s = min_backoff_s
        self._max_backoff_s = max_backoff_s
        self._stable_after_s = stable_after_s
        self._stopping = threading.Event()
        self._write_lock = threading.Lock()
        width = max((len(program.name) for program in programs), default=0)
        self._width = width

    def say(self, name: str, line: str) -> None:
        """One line of output, prefixed with the time and the program's name."""
        with self._write_lock:
            self._out.write(f"{time.strftime('%H:%M:%S')} {name:<{self._width}} | {line}\n")
            self._out.flush()

    def run(self) -> int:
        """Run until a signal asks to stop; 0 then."""
        previous = {
            signum: signal.signal(signum, self._on_signal)
            for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
        }
        if self._log_dir is not None:
            # Each run's logs start empty; restarts within a run add to them.
            self._log_dir.mkdir(parents=True, exist_ok=True)
            for running in self._running:
                (self._log_dir / f"{running.program.name}.log").write_text("", encoding="utf-8")
        try:
            for running in self._running:
                self._start(running)
            while not self._stopping.wait(POLL_S):
                self._check()
        finally:
            self.stop()
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        return 0

    def request_stop(self) -> None:
        """Ask `run` to stop every program and return."""
        self._stopping.set()

    def pids(self) -> dict[str, int | None]:
        """Each program's current process id (None while it waits to restart)."""
        return {
            running.program.name: running.process.pid
            if running.process and running.process.poll() is None
            else None
            for running in self._running
        }

    def restarts(self) -> dict[str, int]:
        """How often each program was started again."""
        return {running.program.name: running.restarts for running in self._running}

    def stop(self) -> None:
        """SIGTERM every process group, then SIGKILL what outlives the grace period."""
        self._stopping.set()
        alive = [r.process for r in self._running if r.process and r.process.poll() is None]
        for process in alive:
            signal_group(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_S
        for process in alive:
            try:
                process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                signal_group(process.pid, signal.SIGKILL)
                process.wait(timeout=STOP_GRACE_S)
        for running in self._running:
            for thread in running.threads:
                thread.join(timeout=1)

    def _on_signal(self, signum: int, _frame: Any) -> None:
        self.say("supervisor", f"{signal.Signals(signum).name}: stopping every process")
        self._stopping.set()

    def _start(self, running: _Running) -> None:
        process = subprocess.Popen(
            ["/bin/sh", "-c", _shell_line(running.program.command)],
            cwd=self._cwd,
            env=self._env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=die_with_parent,
        )
        running.process = process
        running.started_at = time.monotonic()
        running.restart_at = None
        running.ready = False
        reader = threading.Thread(target=self._relay, args=(running, process.stdout), daemon=True)
        reader.start()
        running.threads = [reader]

    def _relay(self, running: _Running, stream: IO[bytes] | None) -> None:
        if stream is None:
            return
        name = running.program.name
        if self._log_dir is None:
            for raw in iter(stream.readline, b""):
                self.say(name, raw.decode("utf-8", "replace").rstrip())
            return
        self._log_dir.mkdir(parents=True, exist_ok=True)
        ready_when = self._ready_when.get(name)
        with (self._log_dir / f"{name}.log").open("a", encoding="utf-8") as log:
            for raw in iter(stream.readline, b""):
                line = raw.decode("utf-8", "replace").rstrip()
                log.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {line}\n")
                log.flush()
                if ATTENTION.search(line):
                    self.say(name, line)
                elif not running.ready and ready_when is not None and ready_when.search(line):
                    running.ready = True
                    self.say(name, f"ready (log: {self._log_dir / f'{name}.log'})")

    def _check(self) -> None:
        now = time.monotonic()
        for running in self._running:
            if running.restart_at is not None:
                if now >= running.restart_at:
                    running.restarts += 1
                    self.say(running.program.name, "starting again")
                    self._start(running)
                continue
            process = running.process
            if process is None or process.poll() is None:
                continue
            lived = now - running.started_at
            if lived >= self._stable_after_s:
                running.backoff_s = self._min_backoff_s
            self.say(
                running.program.name,
                f"exited with code {process.returncode} after {lived:.0f} s; "
                f"starting it again in {running.backoff_s:g} s",
            )
            running.restart_at = now + running.backoff_s
            running.backoff_s = min(running.backoff_s * 2, self._max_backoff_s)
