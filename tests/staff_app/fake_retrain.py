"""A stand-in for `make retrain` that takes seconds: prints steps, writes a report, exits.

Usage: fake_retrain.py REPORTS_DIR EXIT_STATUS_FILE HOLD_FILE. While HOLD_FILE exists the
retrain stays at its first step, so a test can act on a running retrain however slow the
machine is (a fixed sleep raced a loaded CI machine). The real retrain is tested in
tests/tools/test_retrain*.py; the page only runs a command and shows what it wrote.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

MAX_HOLD_S = 120.0


def main() -> int:
    reports, status_file, hold = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    status = int(status_file.read_text(encoding="utf-8")) if status_file.exists() else 0
    for step in ("1/4 Checking the FAQs", "2/4 Training", "3/4 Testing", "4/4 Comparing"):
        print(step, flush=True)
        held_since = time.monotonic()
        while hold.exists() and time.monotonic() - held_since < MAX_HOLD_S:
            time.sleep(0.05)
        time.sleep(0.2)
    reports.mkdir(parents=True, exist_ok=True)
    verdict = "accepted" if status == 0 else "refused: <b>sciatica</b> got worse"
    (reports / f"retrain-fake-{time.time_ns()}.md").write_text(
        f"# Retrain report\n\n| score | live | new |\n|---|---|---|\n| examples | 0.97 | 0.98 |\n\n"
        f"Verdict: {verdict}\n",
        encoding="utf-8",
    )
    print(f"Verdict: {verdict}", flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
