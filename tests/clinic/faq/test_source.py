import datetime as dt

import pytest
import yaml

from clinic.faq.source import (
    Example,
    parse_source,
    render_rasa,
    render_source,
    source_from_rasa,
    split_examples,
)
from tests.clinic.faq.faq_factory import make_faq

SOURCE = """\
# a comment line
key: hydrotherapy
question: Do you offer hydrotherapy?
answer: |
  Hydrotherapy is exercise
  in a warm pool.
section: Decrease Symptoms
topic: treatment
tell_me_more: sciatica
follow_ups: [sciatica, exercise_benefits]
reviewed_by: Dr Ana Ruiz
review_date: 2026-12-01
examples: |
  what is hydrotherapy
  - pool therapy: does it help?

  don't you have a pool
"""


def test_a_source_is_read_with_the_line_of_every_field_and_example() -> None:
    faq, problems = parse_source(SOURCE, "hydrotherapy")
    assert problems == []
    assert faq.answer == "Hydrotherapy is exercise in a warm pool."
    assert faq.follow_ups == ("sciatica", "exercise_benefits")
    assert faq.review_date == dt.date(2026, 12, 1)
    assert faq.line_of("question") == 3
    assert faq.line_of("source") == 1  # not given: the file's first line
    assert faq.examples == (
        Example("what is hydrotherapy", 14),
        Example("pool therapy: does it help?", 15),
        Example("don't you have a pool", 17),
    )


def test_examples_may_also_be_a_list_and_follow_ups_a_comma_list() -> None:
    text = "key: k\nfollow_ups: a, b\nexamples:\n  - one\n  - 'two: three'\n"
    faq, problems = parse_source(text, "k")
    assert problems == []
    assert faq.follow_ups == ("a", "b")
    assert faq.examples == (Example("one", 4), Example("two: three", 5))


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("key: k\nanwser: hi\n", 2, "unknown field 'anwser'"),
        ("key: k\nquestion: a?\nquestion: b?\n", 3, "'question' is given twice"),
        ("key: k\nreview_date: 3/12/2026\n", 2, "should be written like 2026-12-03"),
        ("key: k\nquestion: [a, b]\n", 2, "'question' should be text"),
        ("key: other\n", 1, "the key 'other' should be the file's name"),
        ("key: k\nquestion: 'unclosed\n", 3, "cannot read this file"),
        ("", 1, "the file is empty"),
        ("- a list\n", 1, "expected fields"),
    ],
)
def test_problems_of_form_name_the_line(text: str, line: int, words: str) -> None:
    _, problems = parse_source(text, "k")
    assert len(problems) == 1
    assert problems[0].line == line
    assert words in problems[0].message
    assert str(problems[0]).startswith(f"faqs/k.yml line {line}: ")


def test_split_examples_drops_dashes_and_blank_lines() -> None:
    assert split_examples("- a\n\n  b  \n", 7) == (Example("a", 7), Example("b", 9))


def test_the_staff_file_reads_back_as_written() -> None:
    faq = make_faq(answer="A long answer " * 20 + "ends here.", source='Leaflet "Back care": 2026')
    again, problems = parse_source(render_source(faq), faq.key)
    assert problems == []
    assert again.content() == faq.content()


def test_the_rasa_file_has_the_keys_and_payloads_staff_never_write() -> None:
    faq = make_faq(follow_ups=("sciatica",), source="Clinic leaflet")
    text = render_rasa(faq, {"sciatica": "What is sciatica?"})
    assert text.startswith("# Generated from faqs/hydrotherapy.yml")
    assert """payload: '/choose_faq{{"faq_key": "sciatica"}}'""" in text
    content = yaml.safe_load(text)
    assert content["nlu"][0]["intent"] == "faq/hydrotherapy"
    assert content["nlu"][0]["examples"].splitlines()[0] == "- what is hydrotherapy"
    [response] = content["responses"]["utter_faq/hydrotherapy"]
    assert response["buttons"][0]["title"] == "What is sciatica?"
    assert response["metadata"] == {
        "question": "Do you offer hydrotherapy?",
        "section": "Decrease Symptoms",
        "source": "Clinic leaflet",
        "topic": "treatment",
        "tell_me_more": "sciatica",
    }
    assert "review" not in text


def test_a_rasa_file_converts_to_a_source_and_back() -> None:
    faq = make_faq(review_date=dt.date(2026, 12, 3))
    text = render_rasa(faq, {"sciatica": "What is sciatica?"})
    back = source_from_rasa(faq.key, yaml.safe_load(text), faq.reviewed_by, dt.date(2026, 12, 3))
    assert back.content() == faq.content()


def test_a_button_that_is_not_an_faq_link_cannot_be_converted() -> None:
    content = yaml.safe_load(render_rasa(make_faq(), {}))
    content["responses"]["utter_faq/hydrotherapy"][0]["buttons"][0]["payload"] = "/greet"
    with pytest.raises(ValueError, match="not a link to an FAQ"):
        source_from_rasa("hydrotherapy", content, "x", dt.date(2026, 1, 1))
