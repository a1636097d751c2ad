"""Single-sender latency with each conversation store: `python -m tools.bench_stores`.

Serves the clinic assistant (`tools.stack.running_assistant`) once per store, Redis (the
default), SQL on a SQLite file and SQL on PostgreSQL (make run-cluster's, in its own
empty database for the bench's one run), warms it up, then plays the bench's
conversations (`tools.bench.run_level`) from one sender and prints the latency
percentiles. The numbers are in docs/decisions/0010-durable-stores-and-retention.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from pathlib import Path

from tools.bench import MESSAGES_PER_LEVEL, REPORTS, run_level, warm_up
from tools.cluster_postgres import running_postgres
from tools.stack import free_ports, running_assistant

STORES = ("redis", "sqlite", "postgresql")


@contextlib.contextmanager
def store_env(store: str, work: Path) -> Iterator[dict[str, str]]:
    """The settings that put the conversations in `store` (a PostgreSQL is started here)."""
    if store == "redis":
        yield {"CONVERSATION_STORE": "redis"}
    elif store == "sqlite":
        url = f"sqlite:///{work / 'conversations.db'}"
        yield {"CONVERSATION_STORE": "sql", "CONVERSATION_DATABASE_URL": url}
    else:
        # The cluster `make run-cluster` runs: durable (fsync on), loopback TCP, a password.
        work.chmod(0o755)  # run as root, PostgreSQL runs as `postgres`, which must reach it
        with running_postgres(work / "state", free_ports(1)[0]) as postgres:
            yield {"CONVERSATION_STORE": "sql", "CONVERSATION_DATABASE_URL": postgres.url("outbox")}


def main(argv: Sequence[str] | None = None) -> int:
    """Measure each store once; print one line per store; write reports/bench_stores.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--stores", nargs="+", choices=STORES, default=list(STORES))
    parser.add_argument("--messages", type=int, default=MESSAGES_PER_LEVEL)
    args = parser.parse_args(argv)
    results = {}
    for store in args.stores:
        with contextlib.ExitStack() as stack:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-store-")))
            env = stack.enter_context(store_env(store, work))
            assistant = stack.enter_context(running_assistant(extra_env=env))
            warm_up(assistant.rasa_url, store)
            level = asyncio.run(
                run_level(assistant.rasa_url, 1, store, messages=args.messages, seconds=600)
            )
        results[store] = asdict(level)
        print(f"{store}: {json.dumps(results[store])}", flush=True)
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "bench_stores.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
