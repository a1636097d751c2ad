import datetime as dt

import pytest

from clinic.faq.checks import CheckSettings
from clinic.faq.source import FaqSource
from clinic.faq.spreadsheet import (
    ADDED,
    CHANGED,
    REJECTED,
    UNCHANGED,
    RowOutcome,
    SpreadsheetError,
    column_name,
    decode,
    delimiter_of,
    plan_import,
    summary,
)
from tests.clinic.faq.faq_factory import EXAMPLES, TODAY, back_pain, make_faq, sciatica

HEADER = (
    "key,question,answer,section,topic,tell_me_more,follow_ups,reviewed_by,review_date,examples"
)
NEW_ROW = (
    'hydrotherapy,Do you offer hydrotherapy?,"Hydrotherapy is exercise in a warm pool. A '
    'specialist can tell you if it suits you.",Decrease Symptoms,treatment,sciatica,sciatica,'
    'Dr Ana Ruiz,2026-12-01,"' + "\n".join(EXAMPLES) + '"'
)


def plan(
    text: str, existing: dict[str, FaqSource] | None = None
) -> tuple[list[RowOutcome], dict[str, FaqSource]]:
    faqs = (
        {"sciatica": sciatica(tell_me_more="back_pain"), "back_pain": back_pain()}
        if existing is None
        else existing
    )
    return plan_import(text, faqs, TODAY, CheckSettings())


def test_a_new_faq_is_added() -> None:
    outcomes, to_write = plan(f"{HEADER}\n{NEW_ROW}\n")
    assert [str(o) for o in outcomes] == ["row 2 hydrotherapy: added: 10 examples"]
    faq = to_write["hydrotherapy"]
    assert faq.content() == make_faq(review_date=dt.date(2026, 12, 1)).content()


def test_excel_semicolons_and_a_byte_order_mark() -> None:
    data = ("\ufeff" + f"{HEADER}\n{NEW_ROW}\n").replace(",", ";").encode("utf-8")
    # The answer's own commas became semicolons too; that is fine, it is quoted.
    outcomes, to_write = plan(decode(data))
    assert [o.action for o in outcomes] == [ADDED]
    assert to_write["hydrotherapy"].question == "Do you offer hydrotherapy?"


def test_the_delimiter_is_read_from_the_header() -> None:
    assert delimiter_of("key;question\na,b;c") == ";"
    assert delimiter_of("key\tquestion\n") == "\t"
    assert delimiter_of("key,question\n") == ","
    assert delimiter_of("key\n") == ","


def test_header_names_ignore_case_spaces_and_underscores() -> None:
    assert column_name(" Tell me more ") == "tell_me_more"
    assert column_name("Review-Date") == "review_date"


def test_examples_may_be_separated_by_bars() -> None:
    row = NEW_ROW.replace("\n".join(EXAMPLES), " | ".join(EXAMPLES))
    _, to_write = plan(f"{HEADER}\n{row}\n")
    assert [e.text for e in to_write["hydrotherapy"].examples] == list(EXAMPLES)


def test_empty_cells_keep_what_the_faq_says_and_the_changes_are_named() -> None:
    outcomes, to_write = plan("key,reviewed_by,review_date\nsciatica,Dr Bo Li,2026-12-02\n")
    assert [str(o) for o in outcomes] == ["row 2 sciatica: changed: reviewed_by; review_date"]
    assert to_write["sciatica"].answer == sciatica().answer


def test_a_row_that_changes_nothing() -> None:
    outcomes, to_write = plan("key,reviewed_by\nsciatica,Dr Ana Ruiz\n")
    assert [o.action for o in outcomes] == [UNCHANGED]
    assert to_write == {}


def test_a_row_may_link_to_a_faq_added_further_down() -> None:
    first = NEW_ROW.replace(",sciatica,sciatica,", ",pool_safety,sciatica,")
    second = (
        NEW_ROW.replace("hydrotherapy,Do you offer hydrotherapy?", "pool_safety,Is a pool safe?")
        .replace(",sciatica,sciatica,", ",hydrotherapy,,")
        .replace('"' + "\n".join(EXAMPLES) + '"', " | ".join(f"pool safety {n}" for n in range(10)))
    )
    outcomes, to_write = plan(f"{HEADER}\n{first}\n{second}\n")
    assert [o.action for o in outcomes] == [ADDED, ADDED]
    assert sorted(to_write) == ["hydrotherapy", "pool_safety"]


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (",x", "the key is empty"),
        ("Hydro Therapy,x", "a key is lower case letters, digits and _"),
        ("sciatica,x,extra", "more cells than columns"),
    ],
)
def test_rows_rejected_for_their_form(row: str, reason: str) -> None:
    outcomes, to_write = plan(f"key,reviewed_by\n{row}\n")
    assert len(outcomes) == 1
    assert outcomes[0].action == REJECTED
    assert reason in str(outcomes[0])
    assert to_write == {}


def test_a_date_spreadsheets_write_their_own_way_is_rejected() -> None:
    outcomes, _ = plan("key,review_date\nsciatica,03/12/2026\n")
    assert str(outcomes[0]) == (
        "row 2 sciatica: rejected: review date '03/12/2026' should be written like 2026-12-03 "
        "(format the column as text or yyyy-mm-dd)"
    )


def test_the_same_key_twice_keeps_the_first_row() -> None:
    outcomes, to_write = plan("key,reviewed_by\nsciatica,Dr A\n\nsciatica,Dr B\n")
    assert [str(o) for o in outcomes] == [
        "row 2 sciatica: changed: reviewed_by",
        "row 4 sciatica: rejected: the same key as row 2; keep one row per FAQ",
    ]
    assert to_write["sciatica"].reviewed_by == "Dr A"


def test_a_row_that_would_fail_the_content_checks_is_rejected_with_every_reason() -> None:
    row = "dose,Dose?,Take 400 mg.,Decrease Symptoms,treatment,sciatica,,Dr A,2026-12-01,a|b"
    outcomes, to_write = plan(f"{HEADER}\n{row}\n")
    assert outcomes[0].action == REJECTED
    text = str(outcomes[0])
    assert "only 2 example questions" in text
    assert "the answer gives a dose ('400 mg')" in text
    assert to_write == {}


def test_a_new_example_that_another_faq_has_is_rejected_naming_it() -> None:
    row = NEW_ROW.replace(EXAMPLES[0], "sciatic nerve pain")
    outcomes, _ = plan(f"{HEADER}\n{row}\n")
    assert outcomes[0].action == REJECTED
    assert "faqs/sciatica.yml" in str(outcomes[0])


def test_a_new_faq_missing_fields_is_rejected() -> None:
    outcomes, _ = plan("key,question\nnew_one,What is new?\n", existing={})
    assert "'answer' is missing or empty" in str(outcomes[0])


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "the file is empty"),
        ("kee,question\n", "unknown column(s) kee"),
        ("question\nWhat?\n", "there is no 'key' column"),
    ],
)
def test_files_that_cannot_be_imported(text: str, words: str) -> None:
    with pytest.raises(SpreadsheetError, match=words.replace("(", r"\(").replace(")", r"\)")):
        plan(text)


def test_a_file_that_is_not_utf8_is_refused_with_how_to_save_it() -> None:
    with pytest.raises(SpreadsheetError, match="CSV UTF-8"):
        decode("key\ncaf\xe9\n".encode("cp1252"))


def test_summary_counts_every_action() -> None:
    outcomes = [
        RowOutcome(2, "a", ADDED),
        RowOutcome(3, "b", CHANGED),
        RowOutcome(4, "c", REJECTED),
        RowOutcome(5, "d", REJECTED),
    ]
    assert summary(outcomes) == "1 added, 1 changed, 0 unchanged, 2 rejected"
