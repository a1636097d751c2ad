"""Read FAQs from a spreadsheet exported as CSV, and decide row by row what to do.

Excel and Google Sheets export CSV differently: UTF-8 with or without a byte-order mark,
a comma or (in many European locales) a semicolon between cells. The delimiter is read
from the header row, which names the columns and holds no quoted text.

One row is one FAQ. The columns are the FAQ source's fields (`key` is required; header
names ignore case, spaces and underscores). A cell left empty keeps what the FAQ already
says, so a sheet of only `key` and `review_date` updates review dates. Examples go one a
line inside their cell (Alt+Enter in Excel) or separated by `|`; follow-ups are keys
separated by commas.

A row is rejected, with its reasons, when it is unreadable or when the FAQ it would make
fails the content checks (`clinic.faq.checks`): an import never writes an FAQ that
`make retrain` would stop on. Nothing here reads or writes files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from clinic.faq.checks import CheckSettings, check_all
from clinic.faq.source import (
    FIELDS,
    KEY_PATTERN,
    FaqSource,
    normalise_answer,
    parse_date,
    parse_source,
    render_source,
    split_examples,
)

ADDED = "added"
CHANGED = "changed"
UNCHANGED = "unchanged"
REJECTED = "rejected"


class SpreadsheetError(ValueError):
    """The file as a whole cannot be imported (not UTF-8, no header, no key column)."""


@dataclass(frozen=True)
class RowOutcome:
    """What the import did with one row, and why, for the row-by-row report."""

    row: int
    key: str
    action: str
    details: tuple[str, ...] = ()

    def __str__(self) -> str:
        key = self.key or "(no key)"
        detail = f": {'; '.join(self.details)}" if self.details else ""
        return f"row {self.row} {key}: {self.action}{detail}"


def decode(data: bytes) -> str:
    """The CSV's text; a byte-order mark is dropped, anything but UTF-8 refused."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SpreadsheetError(
            "the file is not UTF-8 text: in Excel choose 'Save as' > 'CSV UTF-8'; "
            "Google Sheets exports UTF-8 already"
        ) from error


def delimiter_of(text: str) -> str:
    """The cell delimiter, from the header row: semicolon, tab or comma."""
    header = text.split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in (";", "\t", ",")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def column_name(header: str) -> str:
    """A header cell as a field name: 'Tell me more' and 'tell_me_more' are one column."""
    return re.sub(r"[\s_-]+", "_", header.strip().lower())


def read_rows(text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The column names and each non-empty row (with its row number in the sheet)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(text))
    try:
        header = next(reader)
    except StopIteration as error:
        raise SpreadsheetError("the file is empty") from error
    columns = [column_name(cell) for cell in header]
    unknown = [name for name in columns if name and name not in FIELDS]
    if unknown:
        raise SpreadsheetError(
            f"unknown column(s) {', '.join(unknown)}; the columns are {', '.join(FIELDS)}"
        )
    if "key" not in columns:
        raise SpreadsheetError("there is no 'key' column: every row needs the FAQ's key")
    rows = []
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        extra = cells[len(columns) :]
        row = {name: cell.strip() for name, cell in zip(columns, cells, strict=False) if name}
        if any(cell.strip() for cell in extra):
            row["__extra__"] = "yes"
        rows.append((number, row))
    return columns, rows


def _examples(cell: str) -> list[str]:
    parts = cell.split("\n") if "\n" in cell else cell.split("|")
    return [example.text for example in split_examples("\n".join(parts), 1)]


def _keys(cell: str) -> tuple[str, ...]:
    return tuple(part for part in re.split(r"[,;\s]+", cell) if part)


def faq_from_row(row: Mapping[str, str], existing: FaqSource | None) -> tuple[FaqSource, list[str]]:
    """The FAQ a row makes (empty cells keep `existing`'s values), and why it cannot be."""
    key = row.get("key", "")
    reasons = []
    if row.get("__extra__"):
        reasons.append("more cells than columns (a stray delimiter?)")
    base = existing or FaqSource(key=key)
    changes: dict[str, object] = {}
    for name in ("question", "section", "source", "topic", "tell_me_more", "reviewed_by"):
        if row.get(name):
            changes[name] = " ".join(row[name].split())
    if row.get("answer"):
        changes["answer"] = normalise_answer(row["answer"])
    if row.get("follow_ups"):
        changes["follow_ups"] = _keys(row["follow_ups"])
    if row.get("examples"):
        changes["examples"] = split_examples("\n".join(_examples(row["examples"])), 1)
    if row.get("review_date"):
        date = parse_date(row["review_date"])
        if date is None:
            reasons.append(
                f"review date '{row['review_date']}' should be written like 2026-12-03 "
                "(format the column as text or yyyy-mm-dd)"
            )
        else:
            changes["review_date"] = date
    faq = replace(base, **changes)  # type: ignore[arg-type]
    # The lines of the file the import will write, so that problems point into it.
    return parse_source(render_source(faq), key)[0], reasons


def changed_fields(old: FaqSource, new: FaqSource) -> list[str]:
    """The names of the fields that differ, for the report."""
    names = []
    for name, before, after in zip(FIELDS, _values(old), _values(new), strict=True):
        if before != after:
            names.append(name)
    return names


def _values(faq: FaqSource) -> tuple[object, ...]:
    return (
        faq.key,
        faq.question,
        faq.answer,
        faq.section,
        faq.source,
        faq.topic,
        faq.tell_me_more,
        faq.follow_ups,
        faq.reviewed_by,
        faq.review_date,
        tuple(example.text for example in faq.examples),
    )


def plan_import(
    text: str,
    existing: Mapping[str, FaqSource],
    today: dt.date,
    settings: CheckSettings,
) -> tuple[list[RowOutcome], dict[str, FaqSource]]:
    """What each row does, and the FAQs to write (added or changed), by key.

    Rows are checked together with the FAQs already there and the sheet's other rows,
    so a row may link to an FAQ added a few rows below it.
    """
    _, rows = read_rows(text)
    outcomes: dict[int, RowOutcome] = {}
    candidates: dict[str, tuple[int, FaqSource]] = {}
    for number, row in rows:
        key = row.get("key", "")
        if not key:
            outcomes[number] = RowOutcome(number, "", REJECTED, ("the key is empty",))
            continue
        if not KEY_PATTERN.match(key):
            outcomes[number] = RowOutcome(
                number,
                key,
                REJECTED,
                ("a key is lower case letters, digits and _ (like back_pain_causes)",),
            )
            continue
        if key in candidates:
            first = candidates[key][0]
            outcomes[number] = RowOutcome(
                number, key, REJECTED, (f"the same key as row {first}; keep one row per FAQ",)
            )
            continue
        faq, reasons = faq_from_row(row, existing.get(key))
        if reasons:
            outcomes[number] = RowOutcome(number, key, REJECTED, tuple(reasons))
            continue
        candidates[key] = (number, faq)

    merged = {**existing, **{key: faq for key, (_, faq) in candidates.items()}}
    problems = check_all(list(merged.values()), today, settings)
    to_write: dict[str, FaqSource] = {}
    for key, (number, faq) in candidates.items():
        reasons = [
            problem.message if problem.faq == key else str(problem)
            for problem in problems
            if problem.faq == key or f"faqs/{key}.yml" in problem.message
        ]
        old = existing.get(key)
        if reasons:
            outcomes[number] = RowOutcome(number, key, REJECTED, tuple(dict.fromkeys(reasons)))
        elif old is None:
            outcomes[number] = RowOutcome(number, key, ADDED, (f"{len(faq.examples)} examples",))
            to_write[key] = faq
        elif old.content() == faq.content():
            outcomes[number] = RowOutcome(number, key, UNCHANGED)
        else:
            outcomes[number] = RowOutcome(number, key, CHANGED, tuple(changed_fields(old, faq)))
            to_write[key] = faq
    return [outcomes[number] for number in sorted(outcomes)], to_write


def summary(outcomes: Sequence[RowOutcome]) -> str:
    """One line: how many rows were added, changed, unchanged and rejected."""
    counts = {action: 0 for action in (ADDED, CHANGED, UNCHANGED, REJECTED)}
    for outcome in outcomes:
        counts[outcome.action] += 1
    return ", ".join(f"{count} {action}" for action, count in counts.items())
