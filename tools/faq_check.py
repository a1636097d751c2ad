"""Check the staff's FAQ files (faqs/) before a retrain: `make faq-check`.

Prints one line per problem, naming the file and the line, and exits 1 if there is any,
so `make retrain` stops before training on content the clinic would not publish. The
limits are the clinic's, in clinic_config/faq.yml.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from clinic.faq.checks import CheckSettings, check_all
from clinic.faq.source import Problem
from tools.faq_files import FAQ_CONFIG, FAQ_SOURCE_DIR, FaqConfigError, read_config, read_sources


def problems_in(source_dir: Path, settings: CheckSettings, today: dt.date) -> list[Problem]:
    """Every problem of form and of content in the FAQ files under `source_dir`."""
    faqs, problems = read_sources(source_dir)
    if not faqs and not problems:
        return [Problem("(none)", 1, f"no FAQ files found in {source_dir}")]
    return problems + check_all(faqs, today, settings)


def report(problems: Sequence[Problem], count: int) -> str:
    """What staff see: each problem, then one line that says what to do."""
    if not problems:
        return f"All {count} FAQs pass the checks."
    faqs = len({problem.faq for problem in problems})
    lines = [str(problem) for problem in problems]
    lines.append(
        f"{len(problems)} problem(s) in {faqs} FAQ(s). Fix them, then run this again; "
        "docs/staff-guide.md explains each check."
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; 0 when every FAQ passes, 1 when not, 2 on a bad setting."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--faqs", type=Path, default=FAQ_SOURCE_DIR)
    parser.add_argument("--config", type=Path, default=FAQ_CONFIG)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    args = parser.parse_args(argv)
    try:
        settings, _ = read_config(args.config)
    except FaqConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    problems = problems_in(args.faqs, settings, args.today)
    print(report(problems, len(list(args.faqs.glob("*.yml")))))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
