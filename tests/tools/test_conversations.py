"""Loading the scripted conversations, and the report's table."""

from pathlib import Path

import pytest

from tools.conversations import (
    ConversationFileError,
    ConversationResult,
    TurnResult,
    format_failures,
    format_table,
    load_conversations,
    pass_rate,
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "conversations.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_conversations_reads_ids_groups_and_turns(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "- id: a\n  group: g\n  turns:\n    - user: hi\n      expect: [greet, fallback]\n",
    )
    [conversation] = load_conversations(path)
    assert (conversation.id, conversation.group) == ("a", "g")
    assert conversation.turns[0].user == "hi"
    assert conversation.turns[0].expect == ("greet", "fallback")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "just text",
        "- id: a\n  turns: []\n  group: g\n",
        "- id: a\n  group: g\n  turns:\n    - user: hi\n      expect: []\n",
        "- id: a\n  turns:\n    - user: hi\n      expect: [greet]\n",
        "- [unclosed\n",
    ],
)
def test_a_malformed_file_is_refused_with_a_clear_error(tmp_path: Path, text: str) -> None:
    with pytest.raises(ConversationFileError):
        load_conversations(write(tmp_path, text))


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ConversationFileError):
        load_conversations(tmp_path / "nope.yml")


def turn(passed: bool) -> TurnResult:
    return TurnResult(
        "hi",
        "greet",
        ("greet",),
        "greet" if passed else "fallback",
        passed,
        "" if passed else "got fallback",
        ("utter_greet",),
        ("Hello",),
        (),
    )


def test_the_table_and_failures_count_whole_conversations() -> None:
    results = [
        ConversationResult("a", "g", "s1", (turn(True), turn(True))),
        ConversationResult("b", "g", "s2", (turn(True), turn(False))),
    ]
    assert pass_rate(results) == 0.5
    assert "1/2" in format_table(results)
    failures = format_failures(results)
    assert failures.startswith("b #2 'hi' (greet)")
    assert "got fallback" in failures
