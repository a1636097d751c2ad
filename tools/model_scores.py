"""Score one trained model on everything stored in the repository, for `make retrain`.

Usage: ``python -m tools.model_scores MODEL OUT.json``. Runs in its own process (the
retrain scores the live and the new model side by side, and each loaded model holds its
own memory). It loads the model once, in process, and records one row per item:

- ``faq examples``: every example question in data/faq/. Right when the assistant would
  answer that FAQ at once: the intent is `faq` and `clinic.faq.answer_choice` chooses
  that answer (a "Did you mean...?" counts as not answered).
- ``other examples``: every other example in data/ (booking, check-in, red flags...).
  Right when the model gives its intent (an out-of-scope message may also fall back).
- ``emergencies`` and ``near-misses``: clinic/triage/red_flag_dev_messages.yml, the
  hand-written red-flag development messages. An emergency is right when it becomes a
  red-flag intent (certain or suspected); a near-miss when it does not.
- ``conversations``: the test stories in tests/conversations, played with Rasa's own
  story test; a conversation is right when every action in it is predicted.

Nothing is sent to a server and nothing is written but OUT.json (and the story test's
files in a temporary folder). The blind evaluation sets are never read.

The ``dev questions`` suite is made apart, by `make eval`'s own scorer (tools/evaluate.py:
each question of the shared dev file as the first message of a fresh conversation, on the
real servers, the first reply mapped to an outcome): `dev_rows` turns its report into rows
like the others, a question right when its outcome is one the file accepts. The dev file
is only read to report; it never becomes training data.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import re
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

from actions.parse_data import ranking_from_parse_data
from clinic.faq.answer_choice import Answer, choose_answer
from clinic.faq.catalogue import INTENT_PREFIX, RESPONSE_PREFIX
from clinic.settings import PROJECT_ROOT, FaqThresholds

DATA_DIR = PROJECT_ROOT / "data"
FAQ_DATA_DIR = DATA_DIR / "faq"
DEV_MESSAGES = PROJECT_ROOT / "clinic" / "triage" / "red_flag_dev_messages.yml"
STORIES = PROJECT_ROOT / "tests" / "conversations"

FAQ_EXAMPLES = "faq examples"
OTHER_EXAMPLES = "other examples"
EMERGENCIES = "emergencies"
NEAR_MISSES = "near-misses"
CONVERSATIONS = "conversations"
DEV_QUESTIONS = "dev questions"
SUITES = (FAQ_EXAMPLES, OTHER_EXAMPLES, EMERGENCIES, NEAR_MISSES, CONVERSATIONS, DEV_QUESTIONS)

RED_FLAG_INTENTS = frozenset(
    {"report_emergency", "report_crisis", "suspected_emergency", "suspected_crisis"}
)
EMERGENCY = "a red flag"
NOT_EMERGENCY = "not a red flag"
PASSED = "passes"
# Labels that lead to the same reply (as in tests/nlu): an out-of-scope message caught by
# the FallbackClassifier gets the same "I can't help with that".
EQUIVALENT = {"out_of_scope": frozenset({"nlu_fallback"})}
_ENTITY_MARKUP = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\{[^}]*\}")


@dataclass(frozen=True)
class Item:
    """One thing to try on a model, and what counts as right."""

    suite: str
    text: str
    expected: str


@dataclass(frozen=True)
class Row:
    """What the model did with one item."""

    suite: str
    text: str
    expected: str
    got: str
    right: bool


def plain_text(example: str) -> str:
    """An example without Rasa's entity markup: `[back](body_part)` is `back`."""
    return _ENTITY_MARKUP.sub(lambda match: match.group(1) or match.group(2), example)


def example_items(data_dir: Path = DATA_DIR) -> list[Item]:
    """Every example in the training data, FAQ examples labelled `faq/<key>`."""
    items = []
    for path in sorted(data_dir.rglob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in content.get("nlu") or []:
            if "intent" not in block:
                continue
            label = str(block["intent"])
            suite = FAQ_EXAMPLES if label.startswith(INTENT_PREFIX) else OTHER_EXAMPLES
            for line in str(block.get("examples", "")).splitlines():
                text = line.strip()
                if text.startswith("- "):
                    items.append(Item(suite, plain_text(text[2:].strip()), label))
    return items


def _leaves(node: Any) -> Iterator[str]:
    if isinstance(node, Mapping):
        for value in node.values():
            yield from _leaves(value)
    elif isinstance(node, list):
        for value in node:
            yield from _leaves(value)
    elif isinstance(node, str) and node.strip():
        yield node.strip()


def red_flag_items(path: Path = DEV_MESSAGES) -> list[Item]:
    """The red-flag development messages: emergencies, then near-misses."""
    content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    emergencies = [Item(EMERGENCIES, text, EMERGENCY) for text in _leaves(content["emergencies"])]
    near = [Item(NEAR_MISSES, text, NOT_EMERGENCY) for text in _leaves(content["near_misses"])]
    return emergencies + near


def outcome(item: Item, parse_data: Mapping[str, Any], thresholds: FaqThresholds) -> str:
    """What the model made of `item`, in the terms of its suite's `expected`."""
    intent = str((parse_data.get("intent") or {}).get("name") or "")
    if item.suite in (EMERGENCIES, NEAR_MISSES):
        return EMERGENCY if intent in RED_FLAG_INTENTS else NOT_EMERGENCY
    if intent == "faq":
        decision = choose_answer(ranking_from_parse_data(parse_data), thresholds)
        if isinstance(decision, Answer):
            return INTENT_PREFIX + decision.key
        return "did you mean" if decision.__class__.__name__ == "Clarify" else "fallback"
    return intent


def is_right(item: Item, got: str) -> bool:
    """Whether `got` is what `item` expects (or an equivalent reply)."""
    return got == item.expected or got in EQUIVALENT.get(item.expected, frozenset())


def story_rows(result_dir: Path, stories: Path) -> list[Row]:
    """One row per test story, from the files Rasa's story test wrote."""
    names = []
    for path in sorted(stories.glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        names += [str(story["story"]) for story in content.get("stories") or []]
    failed_file = result_dir / "failed_test_stories.yml"
    failed_content = (
        yaml.safe_load(failed_file.read_text(encoding="utf-8")) if failed_file.exists() else None
    )
    failed = {str(story.get("story")) for story in (failed_content or {}).get("stories") or []}
    return [
        Row(CONVERSATIONS, name, PASSED, "fails" if name in failed else PASSED, name not in failed)
        for name in names
    ]


def dev_rows(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rows of a `make eval` report (reports/eval.json's shape) as ``dev questions``.

    Expected is the file's primary outcome, for reading; right is whether the outcome was
    one of the acceptable ones, as `make eval` counts it.
    """
    return [
        asdict(
            Row(
                DEV_QUESTIONS,
                str(row["question"]),
                str(row["primary"]),
                str(row["outcome"]),
                bool(row["is_acceptable"]),
            )
        )
        for row in report.get("rows") or []
    ]


async def _score(model: Path, items: Sequence[Item], stories: Path) -> dict[str, Any]:
    from rasa.core.agent import Agent
    from rasa.core.test import test as test_stories

    agent = Agent.load(str(model))
    thresholds = FaqThresholds()
    rows = []
    for item in items:
        parse_data = await agent.parse_message(item.text)
        got = outcome(item, parse_data, thresholds)
        rows.append(Row(item.suite, item.text, item.expected, got, is_right(item, got)))
    with tempfile.TemporaryDirectory() as result_dir:
        await test_stories(str(stories), agent, out_directory=result_dir, disable_plotting=True)
        rows += story_rows(Path(result_dir), stories)
    domain = agent.domain
    answers = {
        name[len(RESPONSE_PREFIX) :]: str(variations[0].get("text", ""))
        for name, variations in (domain.responses if domain else {}).items()
        if name.startswith(RESPONSE_PREFIX) and variations
    }
    return {"model": str(model), "answers": answers, "rows": [asdict(row) for row in rows]}


def main(argv: Sequence[str] | None = None) -> int:
    """Score MODEL and write OUT.json; exit 1 with a plain message when it cannot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("model", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--stories", type=Path, default=STORIES)
    args = parser.parse_args(argv)
    from rasa.utils.log_utils import configure_structlog

    logging.disable(logging.WARNING)
    configure_structlog(logging.WARNING)  # Rasa logs every parse at debug level otherwise
    if not args.model.is_file():
        print(f"error: there is no model {args.model}", file=sys.stderr)
        return 1
    if not args.data.is_dir():
        print(f"error: there is no data folder {args.data}", file=sys.stderr)
        return 1
    items = example_items(args.data) + red_flag_items()
    result = asyncio.run(_score(args.model, items, args.stories))
    args.out.write_text(json.dumps(result, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
