"""Where a new FAQ's training time goes: every graph node of `rasa train`, timed.

Usage: ``python -m tools.profile_training [--full]``. Copies data/ and Rasa's cache
(.rasa/cache) to a temporary folder, adds the bench's probe FAQ (tools/bench.py) as
`make retrain` would see a newly saved FAQ, trains once in this process and prints each
graph node's wall time, the slowest first, and whether it came from the cache. With
``--full`` the cache is left empty, as for `rasa train --force`.

The real cache and models/ are left as they are. A measurement for docs/decisions, not a
test: on a shared machine the figures move with the load (the load average is printed).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from clinic.settings import PROJECT_ROOT
from tools.bench import PROBE_KEY, probe_faq_yaml


def timed_nodes(train: Callable[[], Any]) -> tuple[list[tuple[str, float]], float]:
    """Run `train`, timing every graph node it runs; (node, seconds) slowest first, total."""
    from rasa.engine.graph import GraphNode

    timings: list[tuple[str, float]] = []
    original = GraphNode.__call__

    def call(self: GraphNode, *inputs: Any) -> Any:
        began = time.perf_counter()
        try:
            return original(self, *inputs)
        finally:
            timings.append((self._node_name, time.perf_counter() - began))

    GraphNode.__call__ = call
    began = time.perf_counter()
    try:
        train()
    finally:
        GraphNode.__call__ = original
    return sorted(timings, key=lambda item: -item[1]), time.perf_counter() - began


def main(argv: Sequence[str] | None = None) -> int:
    """Train once on the data plus a new FAQ and print the slowest graph nodes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--full", action="store_true", help="start from an empty cache")
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="profile-training-") as tmp:
        work = Path(tmp)
        data = work / "data"
        shutil.copytree(PROJECT_ROOT / "data", data)
        (data / "faq" / f"{PROBE_KEY}.yml").write_text(probe_faq_yaml(), encoding="utf-8")
        cache = work / "cache"
        if not args.full and (PROJECT_ROOT / ".rasa" / "cache").is_dir():
            shutil.copytree(PROJECT_ROOT / ".rasa" / "cache", cache)
        os.environ["RASA_CACHE_DIRECTORY"] = str(cache)
        os.chdir(PROJECT_ROOT)
        from rasa.model_training import train

        timings, total = timed_nodes(
            lambda: train(
                domain="domain.yml",
                config="config.yml",
                training_files=[str(data)],
                output=str(work / "models"),
                fixed_model_name=PROBE_KEY,
            )
        )
    print(f"Training with a new FAQ: {total:.1f} s (load average {os.getloadavg()[0]:.1f})")
    for node, seconds in timings[: args.top]:
        print(f"  {seconds:6.1f} s  {node}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
