"""Measure how the real assistant answers patients' first messages.

Usage: ``python -m tools.evaluate [FILE]`` (default ``../shared/eval/patient_questions_dev.tsv``
relative to the repository root). Each question is sent as the first message of a fresh
conversation to the real stack (see `tools.stack`); the reply is mapped to an outcome by
`tools.outcomes` and compared with the outcomes the file accepts.

The printed table shows, for each scope, how many replies were acceptable, how many were
the single best (primary) outcome, and the most frequent unacceptable replies as
``expected primary -> got``. ``reports/eval.json`` keeps every row for closer reading.

A low score is a measurement, not a failure: the exit status is non-zero only when the
file is missing or malformed (2) or the servers fail (1).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import requests

from clinic.settings import PROJECT_ROOT
from tools.outcomes import first_message_verdict, first_turn_events, utter_action
from tools.stack import RASA_LOG, AssistantStack, StackError, map_in_parallel, running_assistant

DEFAULT_QUESTIONS = PROJECT_ROOT.parent / "shared" / "eval" / "patient_questions_dev.tsv"
DEFAULT_REPORT = PROJECT_ROOT / "reports" / "eval.json"
COLUMNS = ("question", "scope", "acceptable", "primary", "origin")
SCOPES = ("in", "partial", "out")
# The red-flag battery's format: each message is an emergency or a near-miss.
RED_FLAG_COLUMNS = ("message", "label", "kind", "note")
RED_FLAG_SCOPES = ("emergency", "near_miss")
ANY_FAQ = "faq/*"
NOT_AN_EMERGENCY = ("fallback", "assessment", "request_appointment", ANY_FAQ)
WORKERS = 4
TOP_WRONG = 5


class EvalFileError(ValueError):
    """The questions file is missing or not in the documented format."""


@dataclass(frozen=True)
class Question:
    """One evaluation question and the outcomes a careful clinic would accept."""

    question: str
    scope: str
    acceptable: tuple[str, ...]
    primary: str
    origin: str


@dataclass(frozen=True)
class Result:
    """What the assistant did with one question."""

    question: Question
    outcome: str
    evidence: tuple[str, ...] = ()
    sender_id: str = ""
    offered: tuple[str, ...] = ()
    """The answers a "Did you mean...?" offered as buttons (`faq/<key>`), if one was asked."""

    @property
    def offered_acceptable(self) -> bool:
        """Whether a "Did you mean...?" offered at least one acceptable answer."""
        return any(
            key in self.question.acceptable or ANY_FAQ in self.question.acceptable
            for key in self.offered
        )

    @property
    def acceptable(self) -> bool:
        """Whether the outcome is one the file accepts (`faq/*`: any FAQ answer)."""
        if ANY_FAQ in self.question.acceptable and self.outcome.startswith("faq/"):
            return True
        return self.outcome in self.question.acceptable

    @property
    def primary(self) -> bool:
        """Whether the outcome is the single best one."""
        return self.outcome == self.question.primary


@dataclass(frozen=True)
class ScopeSummary:
    """Accuracy over a group of results (one scope, or all of them)."""

    scope: str
    count: int
    acceptable_share: float
    primary_share: float
    top_wrong: tuple[tuple[str, str, int], ...]
    """The most frequent unacceptable replies: (expected primary, got, how often)."""


def parse_red_flags(lines: list[str], source: str) -> list[Question]:
    """Read the red-flag battery as questions.

    An emergency must get the urgent reply; a near-miss may get anything else.
    """
    questions = []
    for number, raw in enumerate(lines[1:], start=2):
        if not raw.strip():
            continue
        fields = [field.strip() for field in raw.rstrip("\r").split("\t")]
        if len(fields) != len(RED_FLAG_COLUMNS) or fields[1] not in RED_FLAG_SCOPES:
            raise EvalFileError(
                f"{source}:{number}: expected message, label (emergency or near_miss), kind, note"
            )
        message, label, kind, _ = fields
        if label == "emergency":
            questions.append(Question(message, label, ("emergency",), "emergency", kind))
        else:
            questions.append(Question(message, label, NOT_AN_EMERGENCY, "fallback", kind))
    if not questions:
        raise EvalFileError(f"{source}: no messages after the header")
    return questions


def parse_questions(text: str, source: str = "<text>") -> list[Question]:
    """Parse the questions TSV: one header row, five tab-separated columns, no quoting.

    A red-flag battery (columns message, label, kind, note) is read as well.
    """
    lines = text.splitlines()
    if lines and tuple(lines[0].rstrip("\r").split("\t")) == RED_FLAG_COLUMNS:
        return parse_red_flags(lines, source)
    if not lines or tuple(lines[0].rstrip("\r").split("\t")) != COLUMNS:
        found = lines[0] if lines else "<empty file>"
        raise EvalFileError(
            f"{source}: the first line must be the header {chr(9).join(COLUMNS)!r} "
            f"(tab-separated), found {found!r}"
        )
    questions: list[Question] = []
    for number, raw in enumerate(lines[1:], start=2):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != len(COLUMNS):
            raise EvalFileError(
                f"{source}:{number}: expected {len(COLUMNS)} tab-separated columns, "
                f"found {len(fields)}"
            )
        question, scope, acceptable_field, primary, origin = (field.strip() for field in fields)
        acceptable = tuple(item.strip() for item in acceptable_field.split(",") if item.strip())
        if not question:
            raise EvalFileError(f"{source}:{number}: the question is empty")
        if scope not in SCOPES:
            raise EvalFileError(
                f"{source}:{number}: scope must be one of {', '.join(SCOPES)}, found {scope!r}"
            )
        if not acceptable:
            raise EvalFileError(f"{source}:{number}: no acceptable outcomes")
        if not primary:
            raise EvalFileError(f"{source}:{number}: the primary outcome is empty")
        questions.append(Question(question, scope, acceptable, primary, origin))
    if not questions:
        raise EvalFileError(f"{source}: no questions after the header")
    return questions


def load_questions(path: Path) -> list[Question]:
    """Read and parse the questions file, with a clear error if it is missing."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise EvalFileError(f"Questions file not found: {path}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise EvalFileError(f"Cannot read questions file {path}: {error}") from error
    return parse_questions(text, source=str(path))


def summarise(scope: str, results: Sequence[Result], top: int = TOP_WRONG) -> ScopeSummary:
    """Accuracy figures for `results`, labelled `scope`."""
    count = len(results)
    wrong = Counter((r.question.primary, r.outcome) for r in results if not r.acceptable)
    return ScopeSummary(
        scope=scope,
        count=count,
        acceptable_share=sum(r.acceptable for r in results) / count if count else 0.0,
        primary_share=sum(r.primary for r in results) / count if count else 0.0,
        top_wrong=tuple((expected, got, n) for (expected, got), n in wrong.most_common(top)),
    )


def score(results: Sequence[Result]) -> list[ScopeSummary]:
    """One summary per scope (in, partial, out; or emergency, near_miss), then overall."""
    present = {r.question.scope for r in results}
    scopes = RED_FLAG_SCOPES if present <= set(RED_FLAG_SCOPES) else SCOPES
    summaries = [
        summarise(scope, [r for r in results if r.question.scope == scope]) for scope in scopes
    ]
    summaries.append(summarise("overall", results))
    return summaries


def format_table(summaries: Iterable[ScopeSummary]) -> str:
    """The human-readable accuracy table."""
    lines = [f"{'scope':<8} {'count':>5} {'acceptable':>11} {'primary':>8}"]
    for summary in summaries:
        lines.append(
            f"{summary.scope:<8} {summary.count:>5} {summary.acceptable_share:>11.1%} "
            f"{summary.primary_share:>8.1%}"
        )
        for expected, got, n in summary.top_wrong:
            lines.append(f"{'':<8} {n:>5}x  {expected} -> {got}")
    return "\n".join(lines)


def did_you_mean_line(results: Sequence[Result]) -> str:
    """How often "Did you mean...?" was asked, and how often it offered an acceptable answer.

    A "Did you mean" counts as not answering in the table; this line says whether the
    patient could still have found the answer with one tap.
    """
    asked = [result for result in results if result.offered]
    helpful = sum(result.offered_acceptable for result in asked)
    share = f" ({helpful / len(asked):.0%})" if asked else ""
    return (
        f'"Did you mean": asked {len(asked)} times, offered an acceptable answer {helpful}{share}'
    )


CHOOSE_FAQ = "/choose_faq"


def offered_choices(events: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    """The FAQ keys a "Did you mean...?" in the first turn offered, from its buttons."""
    offered = []
    for event in first_turn_events(events):
        if utter_action(event) != "utter_did_you_mean":
            continue
        for button in (event.get("data") or {}).get("buttons") or []:
            payload = str(button.get("payload") or "")
            if not payload.startswith(CHOOSE_FAQ):
                continue  # "Something else"
            try:
                key = json.loads(payload[len(CHOOSE_FAQ) :]).get("faq_key")
            except (ValueError, AttributeError):
                continue
            if key:
                offered.append(f"faq/{key}")
    return tuple(offered)


def report_payload(
    source: Path, model: Path, results: Sequence[Result], summaries: Sequence[ScopeSummary]
) -> dict[str, Any]:
    """Everything worth keeping from a run, as JSON-ready data."""
    return {
        "questions_file": str(source),
        "model": str(model),
        "summary": [asdict(summary) for summary in summaries],
        "rows": [
            {
                **asdict(result.question),
                "outcome": result.outcome,
                "is_acceptable": result.acceptable,
                "is_primary": result.primary,
                "evidence": list(result.evidence),
                "sender_id": result.sender_id,
                "did_you_mean_offered": list(result.offered),
            }
            for result in results
        ],
    }


def ask(stack: AssistantStack, question: Question) -> Result:
    """Play `question` as the first message of a new conversation and map the reply."""
    sender_id = f"eval-{uuid.uuid4().hex}"
    stack.send(sender_id, question.question)
    events = stack.tracker(sender_id).get("events", [])
    verdict = first_message_verdict(events)
    return Result(question, verdict.outcome, verdict.evidence, sender_id, offered_choices(events))


def run(
    questions: Sequence[Question], stack: AssistantStack, workers: int = WORKERS
) -> list[Result]:
    """Ask every question, a few at a time; results keep the questions' order."""
    return map_in_parallel(lambda question: ask(stack, question), questions, workers)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--model", type=Path, default=None, help="default: newest models/*.tar.gz")
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    parser.add_argument("--workers", type=int, default=WORKERS)
    args = parser.parse_args(argv)

    try:
        questions = load_questions(args.file)
    except EvalFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2

    started = time.monotonic()
    try:
        with running_assistant(args.model) as stack:
            print(f"Asking {len(questions)} questions (model {stack.model_path.name}) ...")
            results = run(questions, stack, workers=args.workers)
            model = stack.model_path
            failures = stack.action_failures()
    except StackError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except requests.RequestException as error:
        print(f"error: the assistant failed to answer: {error}", file=sys.stderr)
        return 1

    if failures:
        shown = "\n".join(failures[:6])
        print(
            f"error: {len(failures)} custom action call(s) failed, so the figures would be "
            f"meaningless. See {stack.log_dir / RASA_LOG}:\n{shown}",
            file=sys.stderr,
        )
        return 1

    summaries = score(results)
    print(format_table(summaries))
    print(did_you_mean_line(results))
    args.report.parent.mkdir(parents=True, exist_ok=True)
    payload = report_payload(args.file, model, results, summaries)
    args.report.write_text(
        json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    print(f"Wrote {args.report} ({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
