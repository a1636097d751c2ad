"""Performance benchmark: latency, throughput, memory, load and training times (`make bench`).

One run measures the clinic assistant (the real Rasa server, action server, scheduling
service and outbox worker, via `tools.stack.running_assistant`) and a stock assistant
(`rasa init --no-prompt`, served with `rasa run --enable-api`, no action server) with the
same message mix over the REST channel, at 1, 10 and 50 concurrent senders. It also times
a full `rasa train --force` and how long a new FAQ takes to go live (train with the cache,
start the servers, ask). It prints one table, and writes ``reports/bench.json`` and
``reports/bench.png``.

Both assistants are served side by side and take turns: each level runs for ours, stock,
stock, ours (`measure_interleaved`), so that a slow period of the machine falls on both.

The load generator talks only to 127.0.0.1 and stops by itself: each level ends after
`MESSAGES_PER_LEVEL` messages or `SECONDS_PER_LEVEL` seconds, whichever comes first.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import httpx

from model_server.deploy import DeployError, Deployment
from rasa_server import patches
from startup.rasa_api import api_headers
from tools.stack import (
    ManagedProcess,
    StackError,
    free_ports,
    log_tail,
    newest_model,
    running_assistant,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
REPORTS = PROJECT_ROOT / "reports"

LEVELS = (1, 10, 50)
MESSAGES_PER_LEVEL = 200
SECONDS_PER_LEVEL = 60.0
REQUEST_TIMEOUT_S = 60.0
READY_TIMEOUT_S = 300.0
TRAIN_TIMEOUT_S = 900.0
PROBE_ANSWER_TIMEOUT_S = 30.0
WARMUP_SENDERS = 10
WARMUP_MESSAGES = 60

FAQ_QUESTIONS = (
    "what is sciatica",
    "why does my lower back hurt",
    "can exercise help my back pain",
    "what painkillers can I buy without a prescription",
    "what does a physiotherapist do for back pain",
    "which stretches can I do at home",
    "when should I see a specialist about my back",
    "what is a slipped disc",
    "what is osteoarthritis",
    "what is spinal stenosis",
    "why are core muscles important",
    "is strength training safe for my back",
    "what symptoms should I tell the doctor about",
    "what treatments are there for joint pain",
    "what is degenerative disc disease",
    "how do joints stay lubricated",
    "what counts as joint pain",
    "will back pain stop me doing everyday things",
    "what prescription drugs help with back pain",
    "do I need to see a specialist or my GP",
)
SMALL_TALK = ("hi", "thanks", "bye")
CHECKIN = ("my lower back has hurt for a month", "8", "no", "no")

PROBE_KEY = "bench_probe"
PROBE_RESPONSE = f"utter_faq/{PROBE_KEY}"
PROBE_ANSWER = "BENCH PROBE: yes, our physiotherapists run hydrotherapy sessions in a warm pool."
PROBE_QUESTION = "does the clinic offer hydrotherapy"
PROBE_EXAMPLES = (
    "does the clinic offer hydrotherapy",
    "do you do hydrotherapy",
    "can I have hydrotherapy for my back",
    "is there a hydrotherapy pool",
    "what is aquatic therapy",
    "do you offer water therapy for joint pain",
    "can I do exercises in a warm pool",
    "hydrotherapy sessions",
    "is hydrotherapy available here",
    "does pool therapy help joint pain",
    "can I book aqua therapy",
    "warm water exercise for my joints",
)


# ---------------------------------------------------------------------------------------
# Pure parts: the message mix, percentiles, throughput, parsing /proc, the table.


def sender_script(index: int) -> list[str]:
    """The messages sender `index` sends, in order: a fixed mix rotated by whole units.

    Every sender says the same units (greeting, FAQ questions, the four-message check-in,
    thanks, goodbye); rotating by `index` keeps the mix even when each sender only gets
    through a few messages. The check-in stays one unit so its turns stay in order.
    """
    faq = [FAQ_QUESTIONS[(index * 5 + n) % len(FAQ_QUESTIONS)] for n in range(5)]
    units: list[list[str]] = [
        [SMALL_TALK[0]],
        [faq[0]],
        [faq[1]],
        list(CHECKIN),
        [faq[2]],
        [SMALL_TALK[1]],
        [faq[3]],
        [faq[4]],
        [SMALL_TALK[2]],
    ]
    start = index % len(units)
    rotated = units[start:] + units[:start]
    return [message for unit in rotated for message in unit]


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation, as numpy's default."""
    if not values:
        return float("nan")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be within 0..100, not {q}")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def throughput(messages: int, elapsed_s: float) -> float:
    """Completed messages per second over the wall-clock time of a level."""
    if elapsed_s <= 0:
        return float("nan")
    return messages / elapsed_s


@dataclass
class LevelResult:
    """What one concurrency level measured."""

    senders: int
    messages: int
    errors: int
    elapsed_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    throughput_per_s: float
    rasa_cpu_ms: float | None = None


def summarize(
    senders: int, latencies_s: Sequence[float], errors: int, elapsed_s: float
) -> LevelResult:
    """Percentiles (ms) and throughput of the successful messages of one level."""
    ms = [value * 1000 for value in latencies_s]
    return LevelResult(
        senders=senders,
        messages=len(ms),
        errors=errors,
        elapsed_s=elapsed_s,
        p50_ms=percentile(ms, 50),
        p95_ms=percentile(ms, 95),
        p99_ms=percentile(ms, 99),
        throughput_per_s=throughput(len(ms), elapsed_s),
    )


def parse_kb(text: str, name: str) -> int | None:
    """Field `name` (kB) from /proc/<pid>/status or smaps_rollup text, or None if absent."""
    for line in text.splitlines():
        if line.startswith(f"{name}:"):
            return int(line.split()[1])
    return None


def _stat_fields(stat_text: str) -> list[str]:
    """/proc/<pid>/stat's fields from the third (the state) on."""
    # The command name (field 2) may contain spaces and parentheses; split after it.
    return stat_text[stat_text.rindex(")") + 2 :].split()


def parse_stat(stat_text: str) -> tuple[int, int]:
    """(parent pid, start time in clock ticks since boot) from /proc/<pid>/stat."""
    rest = _stat_fields(stat_text)
    return int(rest[1]), int(rest[19])


def parse_cpu_ticks(stat_text: str) -> int:
    """User plus system CPU time (clock ticks) from /proc/<pid>/stat."""
    rest = _stat_fields(stat_text)
    return int(rest[11]) + int(rest[12])


def ratio(ours: float | None, stock: float | None) -> float | None:
    """Ours / stock, or None when either is missing or stock is zero."""
    if ours is None or stock is None or stock == 0:
        return None
    if ours != ours or stock != stock:  # NaN
        return None
    return ours / stock


def fmt(value: float | None, digits: int = 1) -> str:
    """A number for the table, or a dash when it was not measured."""
    if value is None or value != value:
        return "-"
    return f"{value:,.{digits}f}"


def format_table(rows: Sequence[tuple[str, float | None, float | None, int]]) -> str:
    """Rows of (metric, ours, stock, digits) as a fixed-width table with a ratio column."""
    header = ("metric", "clinic", "stock", "clinic/stock")
    body = [
        (name, fmt(ours, digits), fmt(stock, digits), fmt(ratio(ours, stock), 2) + "x")
        for name, ours, stock, digits in rows
    ]
    body = [(a, b, c, "-" if d == "-x" else d) for a, b, c, d in body]
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(4)]
    lines = [
        "  ".join(
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        )
        for row in [header, *body]
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------
# Processes: finding our servers, their memory, their start time.


def _read(path: str) -> str | None:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def memory_mb(pid: int) -> dict[str, float | None]:
    """Memory of `pid` and all its descendants (Sanic's workers), in MiB.

    `rss`: resident memory summed over the processes (pages forked workers share are
    counted in each); `pss`: proportional set size, each shared page counted once in all,
    what the processes together cost the machine; `largest`: the largest single process.
    """
    rss, pss, largest = 0, 0, 0
    for each in [pid, *descendants(pid)]:
        resident = parse_kb(_read(f"/proc/{each}/status") or "", "VmRSS") or 0
        rss += resident
        largest = max(largest, resident)
        pss += parse_kb(_read(f"/proc/{each}/smaps_rollup") or "", "Pss") or 0
    return {
        "rss": rss / 1024 if rss else None,
        "pss": pss / 1024 if pss else None,
        "largest": largest / 1024 if largest else None,
    }


def cpu_seconds(pid: int) -> float:
    """CPU time used so far by `pid` and all its descendants (Sanic's workers)."""
    ticks = 0
    for each in [pid, *descendants(pid)]:
        text = _read(f"/proc/{each}/stat")
        ticks += parse_cpu_ticks(text) if text else 0
    return ticks / os.sysconf("SC_CLK_TCK")


def descendants(pid: int) -> list[int]:
    """Every process below `pid`, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        text = _read(f"/proc/{entry.name}/stat")
        if text:
            parents.setdefault(parse_stat(text)[0], []).append(int(entry.name))
    found, queue = [], [pid]
    while queue:
        children = parents.get(queue.pop(), [])
        found.extend(children)
        queue.extend(children)
    return found


def child_with(marker: str, among: Sequence[int] | None = None) -> int | None:
    """The pid of a child of this process (or of `among`) whose command line has `marker`."""
    for pid in descendants(os.getpid()) if among is None else among:
        cmdline = (_read(f"/proc/{pid}/cmdline") or "").replace("\0", " ")
        if marker in cmdline:
            return pid
    return None


def started_at(pid: int) -> float:
    """When `pid` started, on the CLOCK_BOOTTIME clock (seconds)."""
    text = _read(f"/proc/{pid}/stat")
    if text is None:
        raise StackError(f"process {pid} is gone")
    return parse_stat(text)[1] / os.sysconf("SC_CLK_TCK")


def boottime() -> float:
    """Now, on the clock /proc start times use."""
    return time.clock_gettime(time.CLOCK_BOOTTIME)


# ---------------------------------------------------------------------------------------
# The load generator.


async def _sender(
    client: aiohttp.ClientSession,
    url: str,
    slot_id: str,
    script: list[str],
    budget: dict[str, Any],
    latencies: list[float],
) -> None:
    """One sender slot: patient after patient, each a new conversation playing `script`."""
    for patient in itertools.count():
        sender_id = f"{slot_id}-{patient}"
        for text in script:
            if budget["left"] <= 0 or time.monotonic() >= budget["deadline"]:
                return
            budget["left"] -= 1
            began = time.perf_counter()
            try:
                async with client.post(url, json={"sender": sender_id, "message": text}) as reply:
                    reply.raise_for_status()
                    await reply.json()
            except (aiohttp.ClientError, asyncio.TimeoutError, ValueError):
                budget["errors"] += 1
                continue
            latencies.append(time.perf_counter() - began)


@dataclass
class Timed:
    """One timed run of a level: each successful message's latency, the errors, how long."""

    latencies_s: list[float]
    errors: int
    elapsed_s: float


async def timed_run(
    base_url: str,
    senders: int,
    tag: str,
    *,
    messages: int = MESSAGES_PER_LEVEL,
    seconds: float = SECONDS_PER_LEVEL,
) -> Timed:
    """`senders` patients at once, each slot starting a new patient when one is done.

    Every patient is a new sender id with one realistic conversation (`sender_script`),
    so the figures are those of the clinic's traffic, not of one ever-growing conversation
    (Rasa's cost per message grows with the conversation's length).
    """
    if not base_url.startswith("http://127.0.0.1:"):
        raise ValueError(f"the load generator only talks to 127.0.0.1, not {base_url}")
    url = f"{base_url}/webhooks/rest/webhook"
    latencies: list[float] = []
    budget: dict[str, Any] = {
        "left": messages,
        "errors": 0,
        "deadline": time.monotonic() + seconds,
    }
    # aiohttp, not httpx: the generator shares the two cores with the assistant it measures,
    # and costs about a third as much CPU a message (docs/decisions/0000-earlier-measurements.md).
    async with aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=senders),
        timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S),
    ) as client:
        began = time.perf_counter()
        await asyncio.gather(
            *(
                _sender(client, url, f"bench-{tag}-{senders}-{i}", script, budget, latencies)
                for i in range(senders)
                for script in [sender_script(i)]
            )
        )
        elapsed = time.perf_counter() - began
    return Timed(latencies, int(budget["errors"]), elapsed)


async def run_level(
    base_url: str,
    senders: int,
    tag: str,
    *,
    messages: int = MESSAGES_PER_LEVEL,
    seconds: float = SECONDS_PER_LEVEL,
) -> LevelResult:
    """One timed run of a level, summarised."""
    run = await timed_run(base_url, senders, tag, messages=messages, seconds=seconds)
    return summarize_runs(senders, [run])


def summarize_runs(senders: int, runs: Sequence[Timed]) -> LevelResult:
    """Several runs of one level as one: all their latencies, their summed time."""
    return summarize(
        senders,
        [latency for run in runs for latency in run.latencies_s],
        sum(run.errors for run in runs),
        sum(run.elapsed_s for run in runs),
    )


def warm_up(base_url: str, tag: str) -> None:
    """Untimed traffic first, so no level pays for lazy initialisation.

    Several senders at once, so that every Sanic worker (each its own process with its
    own model) gets some of it, whichever worker the operating system hands them to.
    """
    asyncio.run(run_level(base_url, WARMUP_SENDERS, f"{tag}-warmup", messages=WARMUP_MESSAGES))


# ---------------------------------------------------------------------------------------
# Measuring one served assistant.


@dataclass
class ServedResult:
    """What serving one assistant measured."""

    name: str
    model_load_s: float | None = None
    training_s: float | None = None
    memory_mb: dict[str, float | None] = field(default_factory=dict)
    levels: list[LevelResult] = field(default_factory=list)
    profile: list[tuple[str, float]] = field(default_factory=list)


def _rasa_command() -> list[str]:
    script = Path(sys.executable).parent / "rasa"
    return [str(script)] if script.exists() else [sys.executable, "-m", "rasa"]


def _env(**extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "PYTHONWARNINGS": "ignore::DeprecationWarning",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        "PYTHONHASHSEED": os.environ.get("PYTHONHASHSEED", "0"),
    }
    env.update(extra)
    return env


@dataclass
class Served:
    """An assistant being served: where to reach it, and its processes to watch."""

    result: ServedResult
    base_url: str
    pids: dict[str, int | None]


def record_memory(served: Served, phase: str) -> None:
    """Memory of the assistant's processes now, under `phase` ("warm" or "after")."""
    for name, pid in served.pids.items():
        for kind, value in (memory_mb(pid) if pid else {}).items():
            served.result.memory_mb[f"{name}_{phase}_{kind}"] = value


def warm(served: Served) -> None:
    """Untimed traffic, then the warm memory."""
    warm_up(served.base_url, served.result.name)
    record_memory(served, "warm")


def measure_interleaved(assistants: Sequence[Served]) -> None:
    """Run every level for each assistant in turn.

    Each level runs twice for each assistant, in the order A, B, B, A: this shared
    machine has slow periods of a minute or more in which every process costs 30-50%
    more CPU, and a period falling on one assistant's levels alone would decide the
    ratio. Interleaved, a slow minute (or a steady drift) falls on both.
    """
    for senders in LEVELS:
        runs: dict[str, list[Timed]] = {served.result.name: [] for served in assistants}
        cpu: dict[str, float] = dict.fromkeys(runs, 0.0)
        for turn, served in enumerate([*assistants, *reversed(assistants)]):
            name, rasa_pid = served.result.name, served.pids.get("rasa")
            cpu_before = cpu_seconds(rasa_pid) if rasa_pid else 0.0
            runs[name].append(asyncio.run(timed_run(served.base_url, senders, f"{name}{turn}")))
            cpu[name] += (cpu_seconds(rasa_pid) - cpu_before) if rasa_pid else 0.0
        for served in assistants:
            name = served.result.name
            level = summarize_runs(senders, runs[name])
            if served.pids.get("rasa") and level.messages:
                level.rasa_cpu_ms = 1000 * cpu[name] / level.messages
            print(
                f"  {name}: {senders:>2} senders: {level.messages} ok, {level.errors} errors, "
                f"p50 {level.p50_ms:.0f} ms, {level.throughput_per_s:.1f} msg/s",
                flush=True,
            )
            served.result.levels.append(level)


def profile_under_load(pid: int, base_url: str, seconds: int, out: Path) -> list[tuple[str, float]]:
    """py-spy record on `pid` and its workers while 10 senders talk to it; the top functions."""
    py_spy = Path(sys.executable).parent / "py-spy"
    if not py_spy.exists():
        print("  (py-spy is not installed in the venv; skipping the profile)", flush=True)
        return []
    raw = out.with_suffix(".txt")
    recorder = subprocess.Popen(
        [
            str(py_spy),
            "record",
            "-p",
            str(pid),
            "-d",
            str(seconds),
            "-r",
            "50",
            "--format",
            "raw",
            "-o",
            str(raw),
            "--nonblocking",
            "--subprocesses",  # Sanic's workers are the parent's children
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    asyncio.run(run_level(base_url, 10, "profile", messages=10_000, seconds=seconds + 2))
    recorder.wait(timeout=seconds + 60)
    return top_frames(_read(str(raw)) or "")


NOT_INTERESTING = ("asyncio", "dask", "sanic", "concurrent", "threading", "runpy", "keras", "<")


WAITING_FOR_WORKERS = re.compile(r"(^|;)join \([^;]*multiprocessing/process\.py")


def top_frames(collapsed: str, count: int = 60) -> list[tuple[str, float]]:
    """From py-spy's collapsed stacks, the share of samples in which each frame appears.

    Frames are counted once per stack ("inclusive"), so the top shows where time goes at
    the level of named functions (for example the featurizer or the tracker store). The
    Sanic parent waiting for its workers is not work, and is left out; so are the
    per-process root frames py-spy adds with --subprocesses.
    """
    totals: dict[str, int] = {}
    samples = 0
    for line in collapsed.splitlines():
        stack, _, number = line.rpartition(" ")
        if not stack or not number.isdigit() or WAITING_FOR_WORKERS.search(stack):
            continue
        stack = ";".join(part for part in stack.split(";") if not part.startswith("process "))
        samples += int(number)
        for frame in {
            part.split(" (")[0] + " (" + _module(part) + ")" for part in stack.split(";")
        }:
            totals[frame] = totals.get(frame, 0) + int(number)
    if not samples:
        return []
    ranked = sorted(totals.items(), key=lambda item: -item[1])
    return [(frame, 100 * hits / samples) for frame, hits in ranked[:count]]


def _module(frame: str) -> str:
    inside = frame.partition(" (")[2].rstrip(")")
    path = inside.split(":")[0]
    for marker in ("site-packages/", "/work/main/"):
        if marker in path:
            path = path.split(marker, 1)[1]
    return path


@contextlib.contextmanager
def stock_server(project: Path, log_dir: Path) -> Iterator[tuple[str, int, float]]:
    """`rasa run --enable-api` of the stock project on a free loopback port."""
    (port,) = free_ports(1)
    log_path = log_dir / "stock-rasa.log"
    command = [*_rasa_command(), "run", "--enable-api", "-i", "127.0.0.1", "-p", str(port)]
    command += ["-m", str(project / "models")]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=project,
            env=_env(),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    managed = ManagedProcess("stock Rasa server", process, log_path)
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + READY_TIMEOUT_S
        while True:
            managed.check_alive()
            with contextlib.suppress(httpx.HTTPError, ValueError):
                body = httpx.get(f"{base_url}/status", timeout=5).json()
                if body.get("model_id") or body.get("model_file"):
                    break
            if time.monotonic() > deadline:
                raise StackError(f"stock server not ready:\n{log_tail(log_path)}")
            time.sleep(0.5)
        yield base_url, process.pid, boottime() - started_at(process.pid)
    finally:
        managed.stop()


def train_stock(work: Path) -> tuple[Path, float]:
    """`rasa init --no-prompt` (which trains): the stock project's directory, and how long."""
    project = work / "stock"
    project.mkdir()
    began = time.perf_counter()
    _run_logged(
        [*_rasa_command(), "init", "--no-prompt", "--init-dir", str(project)],
        cwd=project,
        log_path=work / "stock-init.log",
    )
    if not list((project / "models").glob("*.tar.gz")):
        _run_logged([*_rasa_command(), "train"], cwd=project, log_path=work / "stock-train.log")
    return project, time.perf_counter() - began


def bench_served(
    work: Path, stock_project: Path | None, profile_seconds: int, also_patches: str | None = None
) -> tuple[ServedResult, ServedResult, ServedResult | None]:
    """Serve ours (as in production, newest model) and stock side by side; load them in turn.

    With `also_patches`, ours is also served with `RASA_PATCHES` set to it, in the same
    turns, so that two choices of patches are compared under the same load.
    """
    clinic, stock = ServedResult("clinic"), ServedResult("stock")
    # Its name goes into sender ids, which the REST channel allows only A-Za-z0-9_.:@-.
    also_name = "clinic@" + re.sub(r"[^A-Za-z0-9_.-]", ".", also_patches or "")
    also = None if also_patches is None else ServedResult(also_name)
    with running_assistant() as stack:
        ready = boottime()
        rasa_pid = child_with(" run --enable-api")
        action_pid = child_with("-m action_server")
        if rasa_pid:
            clinic.model_load_s = ready - started_at(rasa_pid)
        ours = Served(clinic, stack.rasa_url, {"rasa": rasa_pid, "actions": action_pid})
        # Our memory is read while ours runs alone: PSS splits the pages two processes
        # share (the same Python and libraries) between them, so stock's would lower it.
        warm(ours)
        with contextlib.ExitStack() as stock_running:
            assistants = [ours]
            if stock_project is not None:
                base_url, pid, stock.model_load_s = stock_running.enter_context(
                    stock_server(stock_project, work)
                )
                assistants.append(Served(stock, base_url, {"rasa": pid}))
                warm(assistants[-1])
            if also is not None:
                started = set(descendants(os.getpid()))
                other = stock_running.enter_context(
                    running_assistant(extra_env={patches.SETTING: str(also_patches)})
                )
                new = [pid for pid in descendants(os.getpid()) if pid not in started]
                assistants.append(
                    Served(also, other.rasa_url, {"rasa": child_with(" run --enable-api", new)})
                )
                warm(assistants[-1])
            measure_interleaved(assistants)
            for served in assistants[1:]:
                record_memory(served, "after")
        record_memory(ours, "after")
        if profile_seconds and rasa_pid:
            clinic.profile = profile_under_load(
                rasa_pid, stack.rasa_url, profile_seconds, REPORTS / "bench-profile"
            )
    return clinic, stock, also


# ---------------------------------------------------------------------------------------
# Training and a new FAQ going live.


def _run_logged(
    command: list[str], *, cwd: Path, log_path: Path, env: dict[str, str] | None = None
) -> None:
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env or _env(),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            code = process.wait(timeout=TRAIN_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise StackError(f"{command[1:3]} timed out:\n{log_tail(log_path)}") from None
    if code != 0:
        raise StackError(f"{' '.join(command[:3])} failed ({code}):\n{log_tail(log_path)}")


def full_training(work: Path) -> float:
    """`rasa train --force` of the project with an empty cache, into a temp dir; seconds."""
    began = time.perf_counter()
    _run_logged(
        [*_rasa_command(), "train", "--force", "--out", str(work / "full-models")],
        cwd=PROJECT_ROOT,
        log_path=work / "full-train.log",
        env=_env(RASA_CACHE_DIRECTORY=str(work / "empty-cache"), LOG_LEVEL="WARNING"),
    )
    return time.perf_counter() - began


def probe_faq_yaml() -> str:
    """A new FAQ file: 12 examples and an answer with the metadata the actions need."""
    examples = "\n".join(f"      - {text}" for text in PROBE_EXAMPLES)
    return (
        'version: "3.1"\n\nnlu:\n'
        f"  - intent: faq/{PROBE_KEY}\n    examples: |\n{examples}\n\n"
        f"responses:\n  {PROBE_RESPONSE}:\n"
        f'    - text: "{PROBE_ANSWER}"\n'
        "      metadata:\n"
        '        question: "Do you offer hydrotherapy?"\n'
        '        section: "Physical Therapy"\n'
        '        topic: "hydrotherapy"\n'
    )


@dataclass
class ProbeResult:
    """How long a new FAQ took to go live in the running assistant, and where the time went."""

    total_s: float | None = None
    train_s: float | None = None
    load_s: float | None = None
    """From publishing the model to every Rasa worker serving it (no restart)."""
    answer_s: float | None = None
    answered: bool = False
    reply: str = ""
    conversation_carried_on: bool = False
    """A check-in begun before the swap got its next question after it."""


CHECKIN_OPENING = "my lower back has hurt for a month"
CHECKIN_NEXT = ("8", "utter_ask_nerve_symptoms")


def _utters_since_last_user(tracker: dict[str, Any]) -> list[str | None]:
    events = tracker.get("events", [])
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    return [
        (event.get("metadata") or {}).get("utter_action")
        for event in events[last_user + 1 :]
        if event.get("event") == "bot"
    ]


def faq_to_live(work: Path) -> ProbeResult:
    """Seconds from saving a new FAQ to the running assistant answering it, without a restart.

    The assistant runs on the current model with a patient in the middle of the check-in.
    Then data/faq/bench_probe.yml is added to a copy of the data, a model trained with (a
    copy of) the cache and deployed as `make retrain` does (published to the model server,
    every Rasa worker waited for), and the question asked until `utter_faq/bench_probe`
    comes back. The patient's check-in must carry on after the swap.
    """
    result = ProbeResult()
    data = work / "probe-data"
    shutil.copytree(PROJECT_ROOT / "data", data)
    cache = work / "probe-cache"
    project_cache = PROJECT_ROOT / ".rasa" / "cache"
    if project_cache.is_dir():  # a copy, so the probe neither grows nor evicts the real cache
        shutil.copytree(project_cache, cache)
    out = work / "probe-models"
    with running_assistant() as stack:
        patient = "bench-checkin"
        stack.send(patient, CHECKIN_OPENING)
        began = time.perf_counter()
        (data / "faq" / f"{PROBE_KEY}.yml").write_text(probe_faq_yaml(), encoding="utf-8")
        _run_logged(
            [
                *_rasa_command(),
                "train",
                "--data",
                str(data),
                "--domain",
                "domain.yml",
                "--config",
                "config.yml",
                "--out",
                str(out),
                "--fixed-model-name",
                PROBE_KEY,
            ],
            cwd=PROJECT_ROOT,
            log_path=work / "probe-train.log",
            env=_env(RASA_CACHE_DIRECTORY=str(cache), LOG_LEVEL="INFO"),
        )
        result.train_s = time.perf_counter() - began
        swapping = time.perf_counter()
        assert stack.live_model_dir is not None
        deployment = Deployment(
            folder=stack.live_model_dir,
            rasa_url=stack.rasa_url,
            headers=lambda: api_headers(stack.jwt_secret),
            workers=stack.workers,
            say=lambda _line: None,
        )
        try:
            deployment.deploy(out / f"{PROBE_KEY}.tar.gz", lambda: None)
        except DeployError as error:
            result.reply = str(error)
            return result
        result.load_s = time.perf_counter() - swapping
        asked = time.perf_counter()
        attempt = 0
        while time.perf_counter() - asked < PROBE_ANSWER_TIMEOUT_S:
            attempt += 1
            sender = f"bench-probe-{attempt}"
            replies = stack.send(sender, PROBE_QUESTION)
            result.reply = " | ".join(str(m.get("text", "")) for m in replies)
            if PROBE_RESPONSE in _utters_since_last_user(stack.tracker(sender)):
                result.answered = True
                break
            time.sleep(1)
        result.answer_s = time.perf_counter() - asked
        result.total_s = time.perf_counter() - began
        message, expected = CHECKIN_NEXT
        stack.send(patient, message)
        result.conversation_carried_on = expected in _utters_since_last_user(stack.tracker(patient))
    return result


# ---------------------------------------------------------------------------------------
# The report.


MEMORY_ROWS = (
    ("rasa_warm_pss", "Rasa memory, PSS, warm (MiB)"),
    ("rasa_after_pss", "Rasa memory, PSS, after load (MiB)"),
    ("rasa_after_rss", "Rasa memory, RSS summed (MiB)"),
    ("rasa_after_largest", "Rasa largest process RSS (MiB)"),
    ("actions_after_pss", "action server PSS (MiB)"),
)


def table_rows(
    clinic: ServedResult, stock: ServedResult, full_train_s: float | None, probe: ProbeResult
) -> list[tuple[str, float | None, float | None, int]]:
    """Every figure of the run, as rows for `format_table`."""
    rows: list[tuple[str, float | None, float | None, int]] = []
    stock_levels = {level.senders: level for level in stock.levels}
    for level in clinic.levels:
        other = stock_levels.get(level.senders)
        n = level.senders
        for label, attr in (("p50", "p50_ms"), ("p95", "p95_ms"), ("p99", "p99_ms")):
            rows.append(
                (
                    f"latency {label} @{n} (ms)",
                    getattr(level, attr),
                    getattr(other, attr) if other else None,
                    0,
                )
            )
        rows.append(
            (
                f"throughput @{n} (msg/s)",
                level.throughput_per_s,
                other.throughput_per_s if other else None,
                1,
            )
        )
        rows.append(
            (
                f"Rasa CPU per message @{n} (ms)",
                level.rasa_cpu_ms,
                other.rasa_cpu_ms if other else None,
                1,
            )
        )
        rows.append((f"messages ok @{n}", level.messages, other.messages if other else None, 0))
        rows.append((f"errors @{n}", level.errors, other.errors if other else None, 0))
    for key, label in MEMORY_ROWS:
        rows.append((label, clinic.memory_mb.get(key), stock.memory_mb.get(key), 0))
    rows.append(("model load (s)", clinic.model_load_s, stock.model_load_s, 1))
    rows.append(("full training (s)", full_train_s, stock.training_s, 0))
    rows.append(("new FAQ to live, no restart (s)", probe.total_s, None, 0))
    rows.append(("  of which training (s)", probe.train_s, None, 0))
    rows.append(("  of which swap into every worker (s)", probe.load_s, None, 0))
    rows.append(("  of which first right answer (s)", probe.answer_s, None, 1))
    rows.append(
        ("check-in carried on across the swap", float(probe.conversation_carried_on), None, 0)
    )
    return rows


def plot(clinic: ServedResult, stock: ServedResult, path: Path) -> None:
    """Latency percentiles and throughput per level, clinic against stock."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (latency_axes, rate_axes) = plt.subplots(1, 2, figsize=(11, 4.5))
    for result, style in ((clinic, "-"), (stock, "--")):
        senders = [level.senders for level in result.levels]
        for label, attr in (("p50", "p50_ms"), ("p95", "p95_ms"), ("p99", "p99_ms")):
            values = [getattr(level, attr) for level in result.levels]
            latency_axes.plot(senders, values, style, marker="o", label=f"{result.name} {label}")
        rate_axes.plot(
            senders,
            [level.throughput_per_s for level in result.levels],
            style,
            marker="o",
            label=result.name,
        )
    latency_axes.set(xscale="log", yscale="log", xlabel="concurrent senders", ylabel="latency (ms)")
    latency_axes.set_title("REST latency per message")
    latency_axes.legend(fontsize=7)
    rate_axes.set(xscale="log", xlabel="concurrent senders", ylabel="messages / s")
    rate_axes.set_title("Throughput")
    rate_axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def describe_probe(probe: ProbeResult) -> str:
    """The new-FAQ-to-live figures in one line, with where the time went."""
    parts = [
        f"{name} {fmt(value, 0)} s"
        for name, value in (
            ("total", probe.total_s),
            ("training", probe.train_s),
            ("swap into every worker", probe.load_s),
            ("until answered", probe.answer_s),
        )
    ]
    return (
        f"New FAQ to live: {', '.join(parts)}; answered: {probe.answered}, check-in carried "
        f"on: {probe.conversation_carried_on}"
    )


def report_faq_to_live() -> int:
    """Only the new-FAQ-to-live measurement, written to reports/bench-faq-to-live.json."""
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        probe = faq_to_live(Path(tmp))
    print(describe_probe(probe))
    print(f"Load average before {load_before[0]:.2f}, after {os.getloadavg()[0]:.2f}.")
    report = {"cpus": os.cpu_count(), "load_average_before": load_before} | asdict(probe)
    path = REPORTS / "bench-faq-to-live.json"
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0 if probe.answered and probe.conversation_carried_on else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the whole benchmark once; print the table; write reports/bench.{json,png}."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--no-training", action="store_true", help="skip the training timings")
    parser.add_argument("--no-stock", action="store_true", help="skip the stock assistant")
    parser.add_argument(
        "--only-faq-to-live",
        action="store_true",
        help="measure only a new FAQ to live (train with the cache, swap in, ask)",
    )
    parser.add_argument(
        "--profile", type=int, default=0, metavar="S", help="py-spy the Rasa server for S seconds"
    )
    parser.add_argument(
        "--also-patches",
        metavar="SETTING",
        help="also serve ours with RASA_PATCHES=SETTING (e.g. all), in the same turns",
    )
    args = parser.parse_args(argv)

    REPORTS.mkdir(exist_ok=True)
    newest_model(PROJECT_ROOT / "models")
    if args.only_faq_to_live:
        return report_faq_to_live()
    chosen = patches.chosen(os.environ.get(patches.SETTING))
    if args.also_patches is not None:
        patches.chosen(args.also_patches)  # an unknown name fails here, not in a server
    print(f"Rasa patches ({patches.SETTING}): {', '.join(chosen) or 'none'}", flush=True)
    load_before = os.getloadavg()
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        stock_project = None
        stock_training_s: float | None = None
        if not args.no_stock:
            print("Stock assistant: rasa init --no-prompt (which trains)...", flush=True)
            stock_project, stock_training_s = train_stock(work)
        print("Under load, level by level (ours, stock, stock, ours)...", flush=True)
        clinic, stock, also = bench_served(work, stock_project, args.profile, args.also_patches)
        stock.training_s = stock_training_s
        full_s: float | None = None
        probe = ProbeResult()
        if not args.no_training:
            print("Full training (rasa train --force, empty cache)...", flush=True)
            full_s = full_training(work)
            print(f"  {full_s:.0f} s", flush=True)
            print("New FAQ to live (train with the cache, swap in, ask)...", flush=True)
            probe = faq_to_live(work)
            took = "-" if probe.total_s is None else f"{probe.total_s:.0f} s"
            print(
                f"  {took}, answered: {probe.answered}, check-in carried on: "
                f"{probe.conversation_carried_on}",
                flush=True,
            )
    rows = table_rows(clinic, stock, full_s, probe)
    bench_s = time.perf_counter() - began
    print()
    print(format_table(rows))
    if clinic.profile:
        print("\nWhere the Rasa server's time goes under 10 senders (py-spy, share of samples):")
    for frame, share in clinic.profile:
        if share < 80 and not frame.split(" (")[1].startswith(NOT_INTERESTING):
            print(f"  {share:5.1f}%  {frame}")
    report = {
        "levels": list(LEVELS),
        "messages_per_level": MESSAGES_PER_LEVEL,
        "seconds_per_level": SECONDS_PER_LEVEL,
        "cpus": os.cpu_count(),
        "rasa_patches": list(chosen),
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "bench_seconds": bench_s,
        "clinic": asdict(clinic),
        "stock": asdict(stock),
        "clinic_also": None if also is None else asdict(also),
        "full_training_s": full_s,
        "faq_to_live": asdict(probe),
        "table": [
            {"metric": name, "clinic": ours, "stock": other, "ratio": ratio(ours, other)}
            for name, ours, other, _ in rows
        ],
    }
    (REPORTS / "bench.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    plot(clinic, stock, REPORTS / "bench.png")
    print(
        f"\nWrote {REPORTS / 'bench.json'} and {REPORTS / 'bench.png'} "
        f"({bench_s / 60:.1f} min; load average before {load_before[0]:.2f})."
    )
    return 0 if (args.no_training or (probe.answered and probe.conversation_carried_on)) else 1


if __name__ == "__main__":
    sys.exit(main())
