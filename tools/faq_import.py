"""Import FAQs from a spreadsheet's CSV export: `make faq-import FILE=faqs.csv`.

Writes faqs/<key>.yml for every added or changed row and data/faq/ from them, then prints
row by row what was added, changed, left unchanged or rejected, and why. Rejected rows
change nothing; the exit status is 1 when any row was rejected, 2 when the file as a
whole cannot be read, so a script (or the staff page) can tell.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from clinic.faq.source import render_source
from clinic.faq.spreadsheet import REJECTED, SpreadsheetError, decode, plan_import, summary
from tools.faq_files import (
    FAQ_CONFIG,
    FAQ_DATA_DIR,
    FAQ_SOURCE_DIR,
    FaqConfigError,
    read_config,
    read_sources,
    write_rasa_files,
)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("file", type=Path, help="the CSV exported from Excel or Google Sheets")
    parser.add_argument("--faqs", type=Path, default=FAQ_SOURCE_DIR)
    parser.add_argument("--data", type=Path, default=FAQ_DATA_DIR)
    parser.add_argument("--config", type=Path, default=FAQ_CONFIG)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    args = parser.parse_args(argv)

    try:
        settings, _ = read_config(args.config)
        text = decode(args.file.read_bytes())
        existing, problems = read_sources(args.faqs)
        if problems:
            shown = "\n".join(str(problem) for problem in problems)
            raise SpreadsheetError(f"fix these FAQ files before importing:\n{shown}")
        outcomes, to_write = plan_import(
            text, {faq.key: faq for faq in existing}, args.today, settings
        )
    except FileNotFoundError:
        print(f"error: there is no file {args.file}", file=sys.stderr)
        return 2
    except (OSError, SpreadsheetError, FaqConfigError) as error:
        print(f"error: {args.file}: {error}", file=sys.stderr)
        return 2

    for key, faq in sorted(to_write.items()):
        (args.faqs / f"{key}.yml").write_text(render_source(faq), encoding="utf-8")
    if to_write:
        merged = {faq.key: faq for faq in existing} | to_write
        write_rasa_files([merged[key] for key in sorted(merged)], args.data)
    for outcome in outcomes:
        print(outcome)
    print(f"{args.file.name}: {summary(outcomes)}.")
    if to_write:
        print("Run `make retrain` to put the changes live.")
    return 1 if any(outcome.action == REJECTED for outcome in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
