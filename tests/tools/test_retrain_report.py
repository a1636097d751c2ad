import datetime as dt
from typing import Any

from tools.retrain_report import answer_changes, compare, details, markdown, table, verdict


def row(suite: str, text: str, expected: str, right: bool, got: str = "") -> dict[str, Any]:
    return {
        "suite": suite,
        "text": text,
        "expected": expected,
        "got": got or (expected if right else "did you mean"),
        "right": right,
    }


def scores(answers: dict[str, str], rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"model": "m", "answers": answers, "rows": rows}


LIVE = scores(
    {"sciatica": "Sciatica is ...", "back": "Back pain ..."},
    [row("faq examples", f"sciatica {n}", "faq/sciatica", True) for n in range(10)]
    + [row("emergencies", "can't pee", "a red flag", True)],
)


def test_a_drop_beyond_the_tolerance_is_refused_and_what_got_worse_is_listed() -> None:
    new_rows = [row("faq examples", f"sciatica {n}", "faq/sciatica", n >= 2) for n in range(10)]
    new_rows.append(row("emergencies", "can't pee", "a red flag", True))
    comparison = compare(LIVE, scores(LIVE["answers"], new_rows), tolerance=0.1)
    assert not comparison.accepted
    [faq] = comparison.regressions
    assert (faq.suite, faq.live, faq.new, len(faq.worse)) == ("faq examples", 1.0, 0.8, 2)
    assert verdict(comparison) == (
        "Refused: faq examples by 20.0 points (the clinic allows 10.0). The live model stays; "
        "see what got worse below."
    )
    assert '- "sciatica 0": should be faq/sciatica, now did you mean' in details(comparison)
    assert table(comparison)[2].startswith("| faq examples **refused** | 10 | 100.0% | 80.0% |")


def test_a_suite_may_have_a_tolerance_of_its_own() -> None:
    new_rows = [row("faq examples", f"sciatica {n}", "faq/sciatica", n >= 1) for n in range(10)]
    new_rows.append(row("emergencies", "can't pee", "a red flag", False, "not a red flag"))
    comparison = compare(LIVE, scores(LIVE["answers"], new_rows), 0.2, {"emergencies": 0.0})
    assert [suite.suite for suite in comparison.regressions] == ["emergencies"]
    assert verdict(comparison).startswith(
        "Refused: emergencies by 100.0 points (the clinic allows 0.0)."
    )


def test_a_drop_within_the_tolerance_is_accepted() -> None:
    new_rows = [row("faq examples", f"sciatica {n}", "faq/sciatica", n >= 1) for n in range(10)]
    comparison = compare(LIVE, scores(LIVE["answers"], new_rows), tolerance=0.1)
    assert comparison.accepted
    assert verdict(comparison) == "Accepted: no score dropped by more than 10.0 points."


def test_a_new_faqs_examples_are_reported_apart_not_counted_as_a_gain_or_loss() -> None:
    new_rows = [*LIVE["rows"]] + [
        row("faq examples", f"pool {n}", "faq/hydrotherapy", n != 0) for n in range(4)
    ]
    answers = {**LIVE["answers"], "hydrotherapy": "Hydrotherapy ...", "back": "Reworded."}
    del answers["sciatica"]
    answers["sciatica"] = "Sciatica is ..."
    comparison = compare(LIVE, scores(answers, new_rows), tolerance=0.0)
    assert comparison.accepted
    assert comparison.suites[0].count == 10
    assert (comparison.new_faq_right, comparison.new_faq_count) == (3, 4)
    lines = details(comparison)
    assert "- New FAQs: hydrotherapy" in lines
    assert "- Reworded answers: back" in lines
    assert "- The new FAQs' own examples: 3 of 4 answered at once" in lines


def test_without_a_live_model_the_new_scores_are_shown_alone() -> None:
    comparison = compare(None, LIVE, tolerance=0.01)
    assert comparison.accepted
    assert table(comparison)[2] == "| faq examples | 10 | - | 100.0% | - | 0 | 0 |"


def test_answer_changes() -> None:
    changes = answer_changes({"a": "1", "b": "2"}, {"b": "3", "c": "4"})
    assert (changes.added, changes.removed, changes.reworded) == (("c",), ("a",), ("b",))


def test_many_worse_items_are_cut_short() -> None:
    live = scores({}, [row("other examples", f"hi {n}", "greet", True) for n in range(15)])
    new = scores({}, [row("other examples", f"hi {n}", "greet", False, "bye") for n in range(15)])
    lines = details(compare(live, new, tolerance=0.0))
    assert lines[-1] == "- ... and 5 more"


def test_the_markdown_report_holds_steps_table_and_verdict() -> None:
    text = markdown(
        compare(LIVE, LIVE, 0.01), dt.datetime(2026, 12, 3, 14, 5), ["abc", "def"], ["trained"]
    )
    assert text.startswith("# Retrain report, 2026-12-03 14:05\n")
    assert "Live model: abc" in text and "- trained" in text
    assert "**Accepted: no score dropped by more than 1.0 points.**" in text
