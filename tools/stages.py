"""`make test`'s stages, in order, each timed: lint, unit, model and data, end to end, browser.

A failing stage stops the run (later stages would only repeat its failure at greater
cost), and the summary says which stage failed and how long each took, so a slow CI run
shows where its time went.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Stage:
    """One stage: a name and the commands it runs, in order."""

    name: str
    commands: tuple[tuple[str, ...], ...]


def _pytest(marks: str, workers: int = 1) -> tuple[str, ...]:
    """The pytest command for the tests with `marks`, in `workers` processes when above 1."""
    spread = ("-n", str(workers)) if workers > 1 else ()
    return (sys.executable, "-m", "pytest", *spread, "-m", marks)


UNIT_WORKERS = 2
"""The unit tests share nothing but read-only files (each Redis, PostgreSQL and server a test
starts has its own port and folder), so two processes halve the longest stage on CI's two
cores. The later stages run whole stacks of servers and stay in one process."""


STAGES = (
    Stage(
        "lint",
        (
            (str(VENV_BIN / "ruff"), "check", "."),
            (str(VENV_BIN / "ruff"), "format", "--check", "."),
            (str(VENV_BIN / "mypy"),),
        ),
    ),
    Stage("unit", (_pytest("not model and not e2e and not browser", UNIT_WORKERS),)),
    Stage("model and data", (_pytest("model and not e2e and not browser"),)),
    Stage("end to end", (_pytest("e2e and not browser"),)),
    Stage("browser", (_pytest("browser"),)),
)
"""Every test is in exactly one pytest stage: tests/conftest.py marks them by folder."""


@dataclass(frozen=True)
class Outcome:
    """How one stage went."""

    stage: str
    seconds: float
    passed: bool


def run_stages(stages: Sequence[Stage], cwd: Path = PROJECT_ROOT) -> list[Outcome]:
    """Run `stages` in order until one fails; the outcome of each that ran."""
    outcomes = []
    for stage in stages:
        print(f"\n=== {stage.name} ===", flush=True)
        started = time.monotonic()
        passed = all(subprocess.run(command, cwd=cwd).returncode == 0 for command in stage.commands)
        outcomes.append(Outcome(stage.name, time.monotonic() - started, passed))
        if not passed:
            break
    return outcomes


def summary(outcomes: Sequence[Outcome], stages: Sequence[Stage] = STAGES) -> str:
    """A table of each stage's result and time; stages not reached are listed as such."""
    width = max(len(stage.name) for stage in stages)
    lines = ["", "stage".ljust(width) + "  result   time"]
    ran = {outcome.stage: outcome for outcome in outcomes}
    for stage in stages:
        outcome = ran.get(stage.name)
        if outcome is None:
            lines.append(f"{stage.name:<{width}}  not run")
        else:
            result = "passed" if outcome.passed else "FAILED"
            minutes, seconds = divmod(round(outcome.seconds), 60)
            lines.append(f"{stage.name:<{width}}  {result:<7}  {minutes:2d}:{seconds:02d}")
    total = round(sum(outcome.seconds for outcome in outcomes))
    lines.append(f"{'total':<{width}}           {total // 60:2d}:{total % 60:02d}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run every stage (or those named); 0 when all passed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("names", nargs="*", help="only these stages (default: all)")
    args = parser.parse_args(argv)
    chosen = [stage for stage in STAGES if not args.names or stage.name in args.names]
    unknown = set(args.names) - {stage.name for stage in STAGES}
    if unknown:
        known = ", ".join(stage.name for stage in STAGES)
        print(f"Unknown stage {', '.join(sorted(unknown))}; the stages are: {known}.")
        return 2
    outcomes = run_stages(chosen)
    print(summary(outcomes, chosen), flush=True)
    every_one_passed = len(outcomes) == len(chosen) and all(o.passed for o in outcomes)
    return 0 if every_one_passed else 1


if __name__ == "__main__":
    sys.exit(main())
