import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from clinic.faq.checks import (
    CheckSettings,
    CheckSettingsError,
    check_all,
    diagnosis_in,
    dose_in,
    normalise_example,
)
from clinic.faq.source import Example, FaqSource, Problem
from tests.clinic.faq.faq_factory import EXAMPLES, TODAY, make_faq, sciatica

SETTINGS = CheckSettings()


def problems(*faqs: FaqSource, **settings: Any) -> list[Problem]:
    return check_all(list(faqs), TODAY, CheckSettings(**settings))


def with_example(faq: FaqSource, text: str, line: int) -> FaqSource:
    return replace(faq, examples=(*faq.examples, Example(text, line)))


def messages(*faqs: FaqSource, **settings: Any) -> list[str]:
    return [str(problem) for problem in problems(*faqs, **settings)]


def test_complete_sound_faqs_pass() -> None:
    assert problems(make_faq(), sciatica()) == []


@pytest.mark.parametrize(
    "field", ["question", "answer", "section", "topic", "tell_me_more", "reviewed_by"]
)
def test_a_missing_field_is_named(field: str) -> None:
    faq = make_faq(**{field: ""})
    assert "faqs/hydrotherapy.yml line " in messages(faq, sciatica())[0]
    assert f"'{field}' is missing or empty" in " ".join(messages(faq, sciatica()))


def test_missing_date_and_examples_are_named() -> None:
    found = " ".join(messages(make_faq(review_date=None, examples=()), sciatica()))
    assert "'review_date' is missing" in found
    assert "'examples' is missing" in found


def test_fewer_than_the_minimum_examples() -> None:
    faq = make_faq(examples=("one", "two"))
    assert messages(faq, sciatica()) == [
        "faqs/hydrotherapy.yml line 13: only 2 example questions; write at least 10, "
        "in patients' own words"
    ]
    assert problems(faq, sciatica(), min_examples=2) == []


def test_an_example_twice_in_one_faq_names_both_lines() -> None:
    faq = make_faq(examples=(*EXAMPLES, "What is hydrotherapy?"))
    assert messages(faq, sciatica()) == [
        "faqs/hydrotherapy.yml line 30: 'What is hydrotherapy?' repeats the example on line 20"
    ]


def test_the_same_example_under_two_faqs_names_both() -> None:
    other = with_example(sciatica(), "What is HYDROtherapy", 40)
    assert messages(make_faq(), other) == [
        "faqs/sciatica.yml line 40: 'What is HYDROtherapy' is the same as "
        "'what is hydrotherapy' in faqs/hydrotherapy.yml line 20; keep it in one FAQ"
    ]


def test_a_near_duplicate_under_two_faqs_is_found_but_a_different_question_is_not() -> None:
    near = with_example(sciatica(), "do you ofer hydrotherapy", 41)
    found = messages(make_faq(), near)
    assert found == [
        "faqs/sciatica.yml line 41: 'do you ofer hydrotherapy' is nearly the same as "
        "'do you offer hydrotherapy' in faqs/hydrotherapy.yml line 21; keep it in one FAQ"
    ]
    # One word apart in meaning ("strength training" / "stretching"): 0.86 alike, not a conflict.
    unlike = with_example(sciatica(), "how does stretching help my back", 41)
    base = make_faq(examples=(*EXAMPLES, "how does strength training help my back"))
    assert problems(base, unlike) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Take 400 mg of ibuprofen.", "400 mg"),
        ("A 2.5ml spoon is enough.", "2.5ml"),
        ("Two tablets usually help.", "Two tablets"),
        ("Use it twice a day.", "twice a day"),
        ("Repeat every 6 hours.", "every 6 hours"),
    ],
)
def test_a_dose_is_found(text: str, found: str) -> None:
    assert dose_in(text) == found
    assert any("gives a dose" in m for m in messages(make_faq(answer=text), sciatica()))


def test_numbers_that_are_not_doses_pass() -> None:
    assert dose_in("Most people feel better within 6 weeks; 1 in 10 need more help.") is None


@pytest.mark.parametrize(
    "text",
    [
        "You have sciatica.",
        "It sounds like you've got a slipped disc.",
        "You are suffering from arthritis.",
        "You may have a herniated disc.",
        "This is probably spinal stenosis.",
    ],
)
def test_a_diagnosis_is_found(text: str) -> None:
    assert diagnosis_in(text)
    assert any("reads as a diagnosis" in m for m in messages(make_faq(answer=text), sciatica()))


@pytest.mark.parametrize(
    "text",
    [
        "If you have sciatica, gentle exercise helps.",
        "Do you have a trapped nerve? A specialist can tell.",
        "You have to keep moving, gently.",
        "You have several options.",
    ],
)
def test_a_condition_said_conditionally_or_no_condition_is_not_a_diagnosis(text: str) -> None:
    assert diagnosis_in(text) is None


def test_an_old_review_date_and_a_future_one() -> None:
    old = make_faq(review_date=TODAY - dt.timedelta(days=366))
    assert messages(old, sciatica()) == [
        "faqs/hydrotherapy.yml line 12: last reviewed 2025-12-02, more than 365 days ago: "
        "check the answer, then set reviewed_by and review_date"
    ]
    assert problems(make_faq(review_date=TODAY - dt.timedelta(days=365)), sciatica()) == []
    assert problems(old, sciatica(), review_max_age_days=400) == []
    future = make_faq(review_date=TODAY + dt.timedelta(days=1))
    assert messages(future, sciatica()) == [
        "faqs/hydrotherapy.yml line 12: the review date 2026-12-04 is in the future"
    ]


def test_a_long_answer_and_too_many_sentences() -> None:
    answer = "Walk a bit each day. " * 5
    found = " ".join(messages(make_faq(answer=answer), sciatica(), max_answer_words=20))
    assert "the answer has 25 words; keep it to 20" in found
    assert "the answer has 5 sentences; keep it to 4" in found


def test_a_hard_to_read_answer() -> None:
    answer = (
        "Intervertebral degeneration necessitates comprehensive multidisciplinary "
        "rehabilitation incorporating physiotherapeutic interventions."
    )
    [message] = messages(make_faq(answer=answer), sciatica())
    assert "the answer is hard to read (reading ease" in message
    assert "the clinic asks for 30 or more" in message


def test_links_section_topic_and_question_form() -> None:
    faq = make_faq(
        tell_me_more="nowhere",
        follow_ups=("hydrotherapy", "missing"),
        section="Chapter 9",
        topic="gossip",
        question="Tell me about pools",
    )
    found = "\n".join(messages(faq, sciatica()))
    assert "tell_me_more names 'nowhere', but there is no faqs/nowhere.yml" in found
    assert "follow-up 'hydrotherapy' is this FAQ itself" in found
    assert "follow-up 'missing' is not an FAQ" in found
    assert "section 'Chapter 9' is not one of the article's sections" in found
    assert "topic 'gossip' should be one of" in found
    assert "the question should end with '?'" in found
    assert "tell_me_more must be another FAQ" in " ".join(
        messages(make_faq(tell_me_more="hydrotherapy"), sciatica())
    )


def test_a_file_name_that_is_not_a_key() -> None:
    found = messages(make_faq("Hydro Therapy"), sciatica())
    assert found[:1] == [
        "faqs/Hydro Therapy.yml line 1: the file name must be lower case letters, digits and _ "
        "(like back_pain.yml)"
    ]


def test_two_faqs_with_one_question() -> None:
    twin = replace(sciatica(), question="Do you offer hydrotherapy?")
    assert messages(make_faq(), twin) == [
        "faqs/sciatica.yml line 3: the question is the same as faqs/hydrotherapy.yml's (line 3)"
    ]


def test_normalising_keeps_only_letters_and_digits() -> None:
    assert normalise_example("  What's   SCIATICA?! ") == "what s sciatica"


def test_settings_from_the_config_file() -> None:
    assert CheckSettings.from_mapping({"min_examples": 12}).min_examples == 12
    assert CheckSettings.from_mapping({"min_reading_ease": 25}).min_reading_ease == 25


@pytest.mark.parametrize(
    ("values", "words"),
    [
        ({"min_exmples": 3}, "unknown check setting(s): min_exmples"),
        ({"min_examples": 2.5}, "min_examples must be a whole number"),
        ({"min_examples": "ten"}, "min_examples must be a whole number"),
        ({"review_max_age_days": -1}, "must be a whole number of 0 or more"),
        ({"near_duplicate_ratio": True}, "must be a number"),
        ({"near_duplicate_ratio": 1.5}, "between 0 and 1"),
    ],
)
def test_unusable_settings_are_refused(values: dict[str, object], words: str) -> None:
    with pytest.raises(CheckSettingsError, match=words.replace("(", r"\(").replace(")", r"\)")):
        CheckSettings.from_mapping(values)
