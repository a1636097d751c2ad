"""The staff's FAQ source: one small, plain file per FAQ, and the Rasa data made from it.

Staff write `faqs/<key>.yml`; `data/faq/<key>.yml` (what Rasa trains on) is generated from
it, so staff never rename intent and response keys or write a button payload's braces.
Examples and the answer are block text (`|`): one example per line, no dashes and no
quoting, so a colon or an apostrophe in a patient's words cannot break the file.

Parsing keeps the line of every field and example, so that every problem found later
can name the FAQ and the line. Nothing here reads or writes files or imports Rasa.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import yaml

from clinic.faq.catalogue import INTENT_PREFIX, RESPONSE_PREFIX

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
FIELDS = (
    "key",
    "question",
    "answer",
    "section",
    "source",
    "topic",
    "tell_me_more",
    "follow_ups",
    "reviewed_by",
    "review_date",
    "examples",
)
REQUIRED = (
    "key",
    "question",
    "answer",
    "section",
    "topic",
    "tell_me_more",
    "reviewed_by",
    "review_date",
    "examples",
)
GENERATED_MARK = "# Generated from faqs/"
ANSWER_WIDTH = 88


@dataclass(frozen=True)
class Problem:
    """Something wrong with one FAQ, where it is, and what to do, in staff's words."""

    faq: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"faqs/{self.faq}.yml line {self.line}: {self.message}"


@dataclass(frozen=True)
class Example:
    """One example question and the line of the source it is on."""

    text: str
    line: int


@dataclass(frozen=True)
class FaqSource:
    """One FAQ as staff write it. Empty strings and lists mean "not filled in"."""

    key: str
    question: str = ""
    answer: str = ""
    section: str = ""
    source: str = ""
    """Where the answer comes from when it is not only the article section (optional)."""
    topic: str = ""
    tell_me_more: str = ""
    follow_ups: tuple[str, ...] = ()
    reviewed_by: str = ""
    review_date: dt.date | None = None
    examples: tuple[Example, ...] = ()
    lines: Mapping[str, int] = field(default_factory=dict, compare=False)
    """The line of each field found in the file (1-based); missing fields are absent."""

    def line_of(self, name: str) -> int:
        """The line of field `name`, or 1 when the field is missing."""
        return self.lines.get(name, 1)

    def content(self) -> tuple[object, ...]:
        """Everything that matters, without line numbers, to tell a change from none."""
        return (
            self.key,
            self.question,
            self.answer,
            self.section,
            self.source,
            self.topic,
            self.tell_me_more,
            self.follow_ups,
            self.reviewed_by,
            self.review_date,
            tuple(example.text for example in self.examples),
        )


def normalise_answer(text: str) -> str:
    """The answer as one paragraph: staff may wrap lines however they like."""
    return " ".join(text.split())


def split_examples(text: str, first_line: int) -> tuple[Example, ...]:
    """Examples from block text, one a line; `first_line` is the line of the first one.

    A leading "- " is dropped, so examples pasted from a Rasa file still read right.
    """
    examples = []
    for offset, raw in enumerate(text.split("\n")):
        line = raw.strip()
        if line.startswith("- "):
            line = line[2:].strip()
        if line:
            examples.append(Example(line, first_line + offset))
    return tuple(examples)


def _scalar_text(node: yaml.Node) -> str:
    return str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""


def _block_first_line(node: yaml.ScalarNode) -> int:
    """The 1-based line of a scalar's first text line (the line after `|` for a block)."""
    line = int(node.start_mark.line) + 1
    return line + 1 if node.style in ("|", ">") else line


def parse_source(text: str, key: str) -> tuple[FaqSource, list[Problem]]:
    """Read `faqs/<key>.yml`; return what could be read and every problem with the file.

    Only problems of form are reported here (the file is not YAML, an unknown or
    mistyped field); whether the content is complete and sound is for `clinic.faq.checks`.
    """
    problems: list[Problem] = []
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = int(mark.line) + 1 if mark is not None else 1
        reason = getattr(error, "problem", None) or "the file is not readable"
        return FaqSource(key=key), [
            Problem(key, line, f"cannot read this file ({reason}); compare it with another FAQ")
        ]
    if root is None:
        return FaqSource(key=key), [Problem(key, 1, "the file is empty")]
    if not isinstance(root, yaml.MappingNode):
        return FaqSource(key=key), [
            Problem(key, 1, "expected fields like 'question: ...', one a line")
        ]
    values: dict[str, object] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in root.value:
        name = _scalar_text(key_node)
        line = int(key_node.start_mark.line) + 1
        if name not in FIELDS:
            problems.append(
                Problem(key, line, f"unknown field '{name}' (the fields are {', '.join(FIELDS)})")
            )
            continue
        if name in lines:
            problems.append(Problem(key, line, f"'{name}' is given twice"))
            continue
        lines[name] = line
        if name == "examples":
            values[name] = _examples(value_node)
        elif name == "follow_ups":
            values[name] = _key_list(value_node)
        elif name == "review_date":
            values[name], problem = _date(value_node)
            if problem:
                problems.append(Problem(key, line, problem))
        elif isinstance(value_node, yaml.ScalarNode):
            values[name] = _scalar_text(value_node)
        else:
            problems.append(Problem(key, line, f"'{name}' should be text, not a list"))
    answer = normalise_answer(str(values.get("answer", "")))
    source = FaqSource(
        key=str(values.get("key", "")),
        question=str(values.get("question", "")),
        answer=answer,
        section=str(values.get("section", "")),
        source=str(values.get("source", "")),
        topic=str(values.get("topic", "")),
        tell_me_more=str(values.get("tell_me_more", "")),
        follow_ups=tuple(values.get("follow_ups", ())),  # type: ignore[arg-type]
        reviewed_by=str(values.get("reviewed_by", "")),
        review_date=values.get("review_date"),  # type: ignore[arg-type]
        examples=tuple(values.get("examples", ())),  # type: ignore[arg-type]
        lines=lines,
    )
    if source.key and source.key != key:
        problems.append(
            Problem(key, source.line_of("key"), f"the key '{source.key}' should be the file's name")
        )
    return source, problems


def _examples(node: yaml.Node) -> tuple[Example, ...]:
    if isinstance(node, yaml.ScalarNode):
        return split_examples(str(node.value), _block_first_line(node))
    if isinstance(node, yaml.SequenceNode):
        return tuple(
            Example(_scalar_text(item), int(item.start_mark.line) + 1)
            for item in node.value
            if _scalar_text(item)
        )
    return ()


def _key_list(node: yaml.Node) -> tuple[str, ...]:
    if isinstance(node, yaml.SequenceNode):
        return tuple(_scalar_text(item) for item in node.value if _scalar_text(item))
    return tuple(part.strip() for part in _scalar_text(node).split(",") if part.strip())


def parse_date(text: str) -> dt.date | None:
    """A review date written as 2026-12-03 (what spreadsheets export as ISO), or None."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def _date(node: yaml.Node) -> tuple[dt.date | None, str]:
    text = _scalar_text(node)
    if not text:
        return None, ""
    date = parse_date(text)
    if date is None:
        return None, f"the review date '{text}' should be written like 2026-12-03"
    return date, ""


# ---------------------------------------------------------------------------------------
# Writing: the staff file and the Rasa file.


def _quoted(text: str) -> str:
    """A YAML double-quoted string (JSON's escaping is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


_PLAIN_SAFE = re.compile(r"^[A-Za-z0-9(][^:#\n\"'{}\[\]]*$")


def _plain_or_quoted(text: str) -> str:
    if _PLAIN_SAFE.match(text) and text == text.strip() and not text.endswith((":", "?:")):
        try:
            if yaml.safe_load(text) == text:
                return text
        except yaml.YAMLError:
            pass
    return _quoted(text)


def render_source(faq: FaqSource) -> str:
    """The staff file for `faq`, laid out the same way every time."""
    answer = textwrap.fill(
        faq.answer, width=ANSWER_WIDTH, break_long_words=False, break_on_hyphens=False
    )
    lines = [
        "# One FAQ of the assistant. Edit it, then run `make retrain` (docs/staff-guide.md).",
        f"key: {faq.key}",
        f"question: {_plain_or_quoted(faq.question)}",
        "answer: |",
        *(f"  {line}" for line in answer.splitlines()),
        f"section: {_plain_or_quoted(faq.section)}",
    ]
    if faq.source:
        lines.append(f"source: {_plain_or_quoted(faq.source)}")
    lines += [
        f"topic: {faq.topic}",
        f"tell_me_more: {faq.tell_me_more}",
        f"follow_ups: [{', '.join(faq.follow_ups)}]",
        f"reviewed_by: {_plain_or_quoted(faq.reviewed_by)}",
        f"review_date: {faq.review_date.isoformat() if faq.review_date else ''}",
        "examples: |",
        *(f"  {example.text}" for example in faq.examples),
    ]
    return "\n".join(lines) + "\n"


def render_rasa(faq: FaqSource, questions: Mapping[str, str]) -> str:
    """The Rasa training file for `faq`, with the keys and payloads staff never write.

    Examples go under `faq/<key>`, the answer under `utter_faq/<key>`, with one button
    per follow-up titled with that FAQ's question. `questions` maps every FAQ key to
    its question; the review fields stay in the staff file, as the assistant has no
    use for them.
    """
    lines = [
        f"{GENERATED_MARK}{faq.key}.yml by `make retrain`: edit that file, not this one.",
        'version: "3.1"',
        "",
        "nlu:",
        f"  - intent: {INTENT_PREFIX}{faq.key}",
        "    examples: |",
        *(f"      - {example.text}" for example in faq.examples),
        "",
        "responses:",
        f"  {RESPONSE_PREFIX}{faq.key}:",
        f"    - text: {_quoted(faq.answer)}",
    ]
    if faq.follow_ups:
        lines.append("      buttons:")
        for target in faq.follow_ups:
            payload = "/choose_faq{{" + f'"faq_key": {json.dumps(target)}' + "}}"
            lines += [
                f"        - title: {_quoted(questions.get(target, target))}",
                f"          payload: '{payload}'",
            ]
    lines += [
        "      metadata:",
        f"        question: {_quoted(faq.question)}",
        f"        section: {_quoted(faq.section)}",
    ]
    if faq.source:
        lines.append(f"        source: {_quoted(faq.source)}")
    lines += [
        f"        topic: {faq.topic}",
        f"        tell_me_more: {faq.tell_me_more}",
    ]
    return "\n".join(lines) + "\n"


_PAYLOAD = re.compile(r'^/choose_faq\{\{"faq_key": "(?P<key>[a-z0-9_]+)"\}\}$')


def source_from_rasa(
    key: str, content: Mapping[str, object], reviewed_by: str, review_date: dt.date
) -> FaqSource:
    """The staff source equivalent to an existing Rasa FAQ file (read with yaml).

    Used once, to move the FAQs written as Rasa files to staff files; the review
    fields are not in Rasa files, so the caller says who reviewed them and when.
    """
    nlu: Sequence[Mapping[str, str]] = content["nlu"]  # type: ignore[assignment]
    responses: Mapping[str, Sequence[Mapping[str, object]]] = content["responses"]  # type: ignore[assignment]
    response = responses[RESPONSE_PREFIX + key][0]
    metadata: Mapping[str, str] = response.get("metadata") or {}  # type: ignore[assignment]
    buttons: Sequence[Mapping[str, str]] = response.get("buttons") or []  # type: ignore[assignment]
    follow_ups = []
    for button in buttons:
        match = _PAYLOAD.match(button["payload"])
        if match is None:
            raise ValueError(f"{key}: a button payload is not a link to an FAQ")
        follow_ups.append(match["key"])
    return FaqSource(
        key=key,
        question=str(metadata.get("question", "")),
        answer=str(response.get("text", "")),
        section=str(metadata.get("section", "")),
        source=str(metadata.get("source", "")),
        topic=str(metadata.get("topic", "")),
        tell_me_more=str(metadata.get("tell_me_more", "")),
        follow_ups=tuple(follow_ups),
        reviewed_by=reviewed_by,
        review_date=review_date,
        examples=split_examples(nlu[0]["examples"], 1),
    )
