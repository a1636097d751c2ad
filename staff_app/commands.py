"""Running the `make` targets' commands for the page, and the retrain in the background."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from clinic.faq.source import FIELDS
from clinic.settings import PROJECT_ROOT

COMMAND_TIMEOUT_S = 120.0
OUTPUT_LINES = 80


@dataclass(frozen=True)
class CommandResult:
    """A command's exit status and what it printed (both streams, in order)."""

    status: int
    output: str

    @property
    def ok(self) -> bool:
        """Whether the command did what was asked (exit status 0)."""
        return self.status == 0


async def run_command(argv: Sequence[str], timeout_s: float = COMMAND_TIMEOUT_S) -> CommandResult:
    """Run `argv` from the project folder without blocking the page's other requests."""
    try:
        process = await asyncio.create_subprocess_exec(
            *argv,
            cwd=PROJECT_ROOT,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            stdin=asyncio.subprocess.DEVNULL,
        )
    except OSError as error:
        return CommandResult(127, f"The command could not start ({error.strerror}).")
    try:
        output, _ = await asyncio.wait_for(process.communicate(), timeout_s)
    except asyncio.TimeoutError:
        process.kill()
        await process.wait()
        return CommandResult(124, f"The command did not finish in {timeout_s:.0f} seconds.")
    return CommandResult(process.returncode or 0, output.decode("utf-8", errors="replace").strip())


def faq_row_csv(form: Mapping[str, str]) -> str:
    """One spreadsheet row for `make faq-import` from the page's FAQ form.

    The columns are the FAQ source's fields; the examples are one a line in their cell,
    as staff would type them in a spreadsheet.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FIELDS)
    writer.writerow([form.get(name, "").replace("\r\n", "\n").strip() for name in FIELDS])
    return buffer.getvalue()


@dataclass(frozen=True)
class RetrainState:
    """What the page shows about the latest retrain."""

    running: bool
    status: int | None
    elapsed_s: float
    output: str
    report: str | None
    report_name: str | None


class RetrainJob:
    """`make retrain` run in the background, one at a time, its output kept in a file."""

    def __init__(self, command: Sequence[str], reports: Path, log: Path) -> None:
        self.command = tuple(command)
        self.reports = reports
        self.log = log
        self._process: subprocess.Popen[bytes] | None = None
        self._started = 0.0
        self._finished: float | None = None
        self._failed_to_start: str | None = None

    @property
    def started(self) -> bool:
        """Whether a retrain was started from this page since it started."""
        return self._process is not None or self._failed_to_start is not None

    def running(self) -> bool:
        """Whether the retrain is still going."""
        return self._process is not None and self._process.poll() is None

    def start(self) -> bool:
        """Start a retrain; False when one is already running."""
        if self.running():
            return False
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self._started, self._finished, self._failed_to_start = time.time(), None, None
        with self.log.open("wb") as log:
            try:
                self._process = subprocess.Popen(
                    self.command,
                    cwd=PROJECT_ROOT,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    env={**os.environ, "PYTHONUNBUFFERED": "1"},
                    start_new_session=True,
                )
            except OSError as error:
                self._process = None
                self._failed_to_start = f"The retrain could not start ({error.strerror})."
        return True

    def state(self) -> RetrainState:
        """The retrain's progress now: its output so far, and its report once finished."""
        if self._failed_to_start is not None:
            return RetrainState(False, 127, 0.0, self._failed_to_start, None, None)
        status = None if self._process is None else self._process.poll()
        running = self._process is not None and status is None
        if self._process is not None and not running and self._finished is None:
            self._finished = time.time()
        end = self._finished or time.time()
        output = ""
        if self._process is not None and self.log.exists():
            lines = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
            output = "\n".join(lines[-OUTPUT_LINES:])
        report = None if running or self._process is None else self._report()
        return RetrainState(
            running=running,
            status=status,
            elapsed_s=max(0.0, end - self._started) if self._process is not None else 0.0,
            output=output,
            report=report.read_text(encoding="utf-8", errors="replace") if report else None,
            report_name=report.name if report else None,
        )

    def _report(self) -> Path | None:
        """The report this run wrote: the newest reports/retrain-*.md since it started."""
        written = [
            path
            for path in self.reports.glob("retrain-*.md")
            if path.stat().st_mtime >= self._started - 1
        ]
        return max(written, key=lambda path: path.stat().st_mtime) if written else None
