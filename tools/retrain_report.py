"""Compare the new model's scores with the live one's, decide, and write it up.

Both models are scored on the same items (`tools.model_scores`, from the data as it is
now). A suite's score is its share of right items. Items the live model cannot know
(the examples of an FAQ it does not have) are left out of the comparison and reported
on their own, so adding an FAQ neither hides a regression nor counts as one.

The new model is refused when any suite's score is lower than the live model's by
more than the clinic's tolerance (clinic_config/faq.yml); the report lists what got
worse (right with the live model, wrong with the new one) so staff can see the conflict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from clinic.faq.catalogue import INTENT_PREFIX
from tools.model_scores import SUITES

SHOWN_PER_SUITE = 10


@dataclass(frozen=True)
class Worse:
    """An item the live model got right and the new one gets wrong."""

    text: str
    expected: str
    got: str


@dataclass(frozen=True)
class SuiteResult:
    """One suite's scores, side by side."""

    suite: str
    count: int
    live: float | None
    new: float
    worse: tuple[Worse, ...] = ()
    better: int = 0

    @property
    def drop(self) -> float:
        """How much lower the new score is (negative: it is higher)."""
        return 0.0 if self.live is None else self.live - self.new


@dataclass(frozen=True)
class AnswerChanges:
    """FAQ answers added, removed or reworded since the live model."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    reworded: tuple[str, ...] = ()


@dataclass(frozen=True)
class Comparison:
    """Everything the retrain decides on and reports."""

    suites: tuple[SuiteResult, ...]
    tolerance: float
    changes: AnswerChanges = field(default_factory=AnswerChanges)
    new_faq_right: int = 0
    new_faq_count: int = 0
    tolerances: Mapping[str, float] = field(default_factory=dict)
    """Suites with a tolerance of their own (emergencies: none)."""

    def allowed(self, suite: str) -> float:
        """How far `suite`'s score may drop."""
        return self.tolerances.get(suite, self.tolerance)

    @property
    def regressions(self) -> tuple[SuiteResult, ...]:
        """The suites whose score dropped by more than their tolerance."""
        return tuple(
            suite for suite in self.suites if suite.drop > self.allowed(suite.suite) + 1e-9
        )

    @property
    def accepted(self) -> bool:
        """Whether the new model may go live."""
        return not self.regressions


def _key(row: Mapping[str, Any]) -> tuple[str, str, str]:
    return (str(row["suite"]), str(row["text"]), str(row["expected"]))


def _knowable(row: Mapping[str, Any], live_answers: Mapping[str, str]) -> bool:
    expected = str(row["expected"])
    if expected.startswith(INTENT_PREFIX):
        return expected[len(INTENT_PREFIX) :] in live_answers
    return True


def answer_changes(live: Mapping[str, str], new: Mapping[str, str]) -> AnswerChanges:
    """Which FAQ answers were added, removed or reworded."""
    return AnswerChanges(
        added=tuple(sorted(set(new) - set(live))),
        removed=tuple(sorted(set(live) - set(new))),
        reworded=tuple(sorted(key for key in set(new) & set(live) if new[key] != live[key])),
    )


def compare(
    live: Mapping[str, Any] | None,
    new: Mapping[str, Any],
    tolerance: float,
    tolerances: Mapping[str, float] | None = None,
) -> Comparison:
    """Compare two `tools.model_scores` results (`live` is None when nothing is live).

    `tolerances` overrides `tolerance` for the suites it names.
    """
    live_answers: Mapping[str, str] = live["answers"] if live else {}
    live_rows = {_key(row): bool(row["right"]) for row in live["rows"]} if live else {}
    suites = []
    new_right = new_count = 0
    for suite in SUITES:
        rows = [row for row in new["rows"] if row["suite"] == suite]
        if not rows:
            continue
        if live is not None:
            unknown = [row for row in rows if not _knowable(row, live_answers)]
            new_count += len(unknown)
            new_right += sum(bool(row["right"]) for row in unknown)
            rows = [row for row in rows if _knowable(row, live_answers) and _key(row) in live_rows]
        if not rows:
            continue
        new_share = sum(bool(row["right"]) for row in rows) / len(rows)
        if live is None:
            suites.append(SuiteResult(suite, len(rows), None, new_share))
            continue
        live_share = sum(live_rows[_key(row)] for row in rows) / len(rows)
        worse = tuple(
            Worse(str(row["text"]), str(row["expected"]), str(row["got"]))
            for row in rows
            if live_rows[_key(row)] and not row["right"]
        )
        better = sum(1 for row in rows if row["right"] and not live_rows[_key(row)])
        suites.append(SuiteResult(suite, len(rows), live_share, new_share, worse, better))
    return Comparison(
        suites=tuple(suites),
        tolerance=tolerance,
        tolerances=dict(tolerances or {}),
        changes=answer_changes(live_answers, new["answers"]) if live else AnswerChanges(),
        new_faq_right=new_right,
        new_faq_count=new_count,
    )


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def table(comparison: Comparison) -> list[str]:
    """The scores as rows of a Markdown table (readable in a terminal too)."""
    lines = [
        "| suite | items | live | new | change | worse | better |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for suite in comparison.suites:
        change = "-" if suite.live is None else f"{(suite.new - suite.live) * 100:+.1f} pts"
        flag = " **refused**" if suite in comparison.regressions else ""
        lines.append(
            f"| {suite.suite}{flag} | {suite.count} | {_share(suite.live)} | "
            f"{_share(suite.new)} | {change} | {len(suite.worse)} | {suite.better} |"
        )
    return lines


def verdict(comparison: Comparison) -> str:
    """One sentence: accepted or refused, and why."""
    points = comparison.tolerance * 100
    if comparison.accepted:
        extra = "".join(
            f", {suite} by more than {allowed * 100:.1f}"
            for suite, allowed in sorted(comparison.tolerances.items())
        )
        return f"Accepted: no score dropped by more than {points:.1f} points{extra}."
    dropped = ", ".join(
        f"{suite.suite} by {suite.drop * 100:.1f} points "
        f"(the clinic allows {comparison.allowed(suite.suite) * 100:.1f})"
        for suite in comparison.regressions
    )
    return f"Refused: {dropped}. The live model stays; see what got worse below."


def details(comparison: Comparison) -> list[str]:
    """What changed, the new FAQs' own examples, and what got worse."""
    lines = []
    changes = comparison.changes
    for label, keys in (
        ("New FAQs", changes.added),
        ("Removed FAQs", changes.removed),
        ("Reworded answers", changes.reworded),
    ):
        if keys:
            lines.append(f"- {label}: {', '.join(keys)}")
    if comparison.new_faq_count:
        lines.append(
            f"- The new FAQs' own examples: {comparison.new_faq_right} of "
            f"{comparison.new_faq_count} answered at once"
        )
    for suite in comparison.suites:
        if not suite.worse:
            continue
        lines.append("")
        lines.append(f"Worse in {suite.suite} ({len(suite.worse)}):")
        for item in suite.worse[:SHOWN_PER_SUITE]:
            lines.append(f'- "{item.text}": should be {item.expected}, now {item.got}')
        if len(suite.worse) > SHOWN_PER_SUITE:
            lines.append(f"- ... and {len(suite.worse) - SHOWN_PER_SUITE} more")
    return lines


def markdown(
    comparison: Comparison, when: dt.datetime, models: Sequence[str], steps: Sequence[str]
) -> str:
    """The report file: when, which models, the steps taken, the table, the verdict."""
    lines = [
        f"# Retrain report, {when:%Y-%m-%d %H:%M}",
        "",
        f"Live model: {models[0]}  ",
        f"New model: {models[1]}",
        "",
        *(f"- {step}" for step in steps),
        "",
        *table(comparison),
        "",
        f"**{verdict(comparison)}**",
        "",
        *details(comparison),
    ]
    return "\n".join(lines).rstrip() + "\n"
