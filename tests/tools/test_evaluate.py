"""Reading the questions file and scoring replies, without any server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tools import evaluate
from tools.evaluate import (
    EvalFileError,
    Question,
    Result,
    format_table,
    load_questions,
    parse_questions,
    report_payload,
    score,
    summarise,
)

HEADER = "question\tscope\tacceptable\tprimary\torigin"


def tsv(*rows: str) -> str:
    return "\n".join([HEADER, *rows]) + "\n"


def question(
    scope: str = "in", acceptable: tuple[str, ...] = ("faq/a",), primary: str = "faq/a"
) -> Question:
    return Question("q?", scope, acceptable, primary, "probe")


def test_parses_rows_and_splits_acceptable_outcomes() -> None:
    text = tsv(
        'What is "slipped disc"?\tpartial\tfaq/a, fallback\tfaq/a\tprobe',
        "Can I book?\tin\trequest_appointment\trequest_appointment\tconsumer:x",
    )
    questions = parse_questions(text)
    assert questions == [
        Question('What is "slipped disc"?', "partial", ("faq/a", "fallback"), "faq/a", "probe"),
        Question(
            "Can I book?", "in", ("request_appointment",), "request_appointment", "consumer:x"
        ),
    ]


def test_tolerates_crlf_and_blank_lines() -> None:
    text = tsv("A?\tout\tfallback\tfallback\tprobe", "", "B?\tin\tfaq/b\tfaq/b\tprobe").replace(
        "\n", "\r\n"
    )
    assert [q.question for q in parse_questions(text)] == ["A?", "B?"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "header"),
        ("question,scope,acceptable,primary,origin\n", "header"),
        (tsv("A?\tin\tfaq/a\tfaq/a"), ":2: expected 5 tab-separated columns, found 4"),
        (tsv("A?\tin\tfaq/a\tfaq/a\tprobe\textra"), "found 6"),
        (tsv("A?\tmaybe\tfaq/a\tfaq/a\tprobe"), "scope must be one of"),
        (tsv("\tin\tfaq/a\tfaq/a\tprobe"), "question is empty"),
        (tsv("A?\tin\t , \tfaq/a\tprobe"), "no acceptable outcomes"),
        (tsv("A?\tin\tfaq/a\t\tprobe"), "primary outcome is empty"),
        (HEADER + "\n", "no questions"),
    ],
)
def test_malformed_files_are_rejected_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(EvalFileError, match=message):
        parse_questions(text, source="q.tsv")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(EvalFileError, match="not found"):
        load_questions(tmp_path / "nope.tsv")


def test_main_exits_2_on_a_malformed_file_without_starting_servers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_servers(*args: object, **kwargs: object) -> None:
        raise AssertionError("servers must not start for a bad file")

    monkeypatch.setattr(evaluate, "running_assistant", no_servers)
    bad = tmp_path / "bad.tsv"
    bad.write_text("not a header\n", encoding="utf-8")
    assert evaluate.main([str(bad)]) == 2
    assert "header" in capsys.readouterr().err
    assert evaluate.main([str(tmp_path / "missing.tsv")]) == 2
    assert "not found" in capsys.readouterr().err


def test_scoring_math() -> None:
    results = [
        # in: 2 of 4 acceptable, 1 of 4 primary
        Result(question("in", ("faq/a", "fallback"), "faq/a"), "faq/a"),
        Result(question("in", ("faq/a", "fallback"), "faq/a"), "fallback"),
        Result(question("in", ("faq/a",), "faq/a"), "faq/b"),
        Result(question("in", ("faq/a",), "faq/a"), "faq/b"),
        # partial: 1 of 2 acceptable and primary
        Result(question("partial", ("faq/c",), "faq/c"), "faq/c"),
        Result(question("partial", ("emergency",), "emergency"), "fallback"),
        # out: nothing
    ]
    in_, partial, out, overall = score(results)

    assert (in_.scope, in_.count, in_.acceptable_share, in_.primary_share) == ("in", 4, 0.5, 0.25)
    assert in_.top_wrong == (("faq/a", "faq/b", 2),)
    assert (partial.count, partial.acceptable_share, partial.primary_share) == (2, 0.5, 0.5)
    assert partial.top_wrong == (("emergency", "fallback", 1),)
    assert (out.count, out.acceptable_share, out.primary_share, out.top_wrong) == (0, 0, 0, ())
    assert overall.scope == "overall"
    assert overall.count == 6
    assert overall.acceptable_share == pytest.approx(3 / 6)
    assert overall.primary_share == pytest.approx(2 / 6)


def test_top_wrong_keeps_the_five_most_frequent() -> None:
    results = [
        Result(question("out", ("fallback",), "fallback"), f"faq/{key}")
        for key, times in zip("abcdefg", (7, 6, 5, 4, 3, 2, 1), strict=True)
        for _ in range(times)
    ]
    summary = summarise("out", results)
    assert [got for _, got, _ in summary.top_wrong] == ["faq/a", "faq/b", "faq/c", "faq/d", "faq/e"]
    assert summary.top_wrong[0] == ("fallback", "faq/a", 7)


def test_table_and_report_are_readable(tmp_path: Path) -> None:
    results = [
        Result(question("in"), "faq/a", ("utter_faq/a",), "s1"),
        Result(question("out", ("fallback",), "fallback"), "faq/a", ("utter_faq/a",), "s2"),
    ]
    summaries = score(results)
    table = format_table(summaries)
    assert "in" in table
    assert "100.0%" in table
    assert "fallback -> faq/a" in table

    payload = report_payload(tmp_path / "q.tsv", tmp_path / "m.tar.gz", results, summaries)
    json.dumps(payload)  # must be JSON-ready
    assert payload["rows"][1]["outcome"] == "faq/a"
    assert payload["rows"][1]["is_acceptable"] is False
    assert payload["rows"][0]["evidence"] == ["utter_faq/a"]
    assert [s["scope"] for s in payload["summary"]] == ["in", "partial", "out", "overall"]


def test_did_you_mean_choices_are_read_and_judged() -> None:
    events: list[dict[str, Any]] = [
        {"event": "user", "text": "stretches?"},
        {"event": "slot", "name": "faq_match", "value": "unclear"},
        {
            "event": "bot",
            "data": {
                "buttons": [
                    {
                        "title": "Do stretches help?",
                        "payload": '/choose_faq{"faq_key": "home_exercise_stretching"}',
                    },
                    {"title": "x", "payload": '/choose_faq{"faq_key": "strength_training"}'},
                    {"title": "Something else", "payload": "/something_else"},
                ]
            },
            "metadata": {"utter_action": "utter_did_you_mean"},
        },
    ]
    offered = evaluate.offered_choices(events)
    assert offered == ("faq/home_exercise_stretching", "faq/strength_training")
    question = Question("stretches?", "in", ("faq/home_exercise_stretching",), "x", "y")
    helpful = Result(question, "fallback", offered=offered)
    unhelpful = Result(question, "fallback", offered=("faq/sciatica",))
    answered = Result(question, "faq/home_exercise_stretching")
    assert helpful.offered_acceptable and not unhelpful.offered_acceptable
    line = evaluate.did_you_mean_line([helpful, unhelpful, answered])
    assert line == '"Did you mean": asked 2 times, offered an acceptable answer 1 (50%)'


def test_no_did_you_mean_without_its_reply() -> None:
    events: list[dict[str, Any]] = [
        {"event": "user", "text": "x"},
        {
            "event": "bot",
            "data": {"buttons": [{"title": "x", "payload": '/choose_faq{"faq_key": "sciatica"}'}]},
            "metadata": {"utter_action": "utter_cannot_answer"},
        },
    ]
    assert evaluate.offered_choices(events) == ()
