import pytest

from actions.parse_data import (
    conditions_asked_about,
    conditions_from_parse_data,
    faq_decision_from_parse_data,
    ranking_from_parse_data,
)
from clinic.faq.answer_choice import Answer, Candidate


def ranking(*pairs: tuple[str, float]) -> list[Candidate]:
    return [Candidate(key, confidence) for key, confidence in pairs]


def test_ranking_is_read_from_parse_data_best_first() -> None:
    parse_data = {
        "response_selector": {
            "faq": {
                "ranking": [
                    {"intent_response_key": "faq/sciatica", "confidence": 0.2},
                    {"intent_response_key": "faq/osteoarthritis", "confidence": 0.7},
                    {"intent_response_key": "chitchat/weather", "confidence": 0.9},
                    {"intent_response_key": "faq/broken", "confidence": None},
                ]
            }
        }
    }
    assert ranking_from_parse_data(parse_data) == ranking(
        ("osteoarthritis", 0.7), ("sciatica", 0.2)
    )


@pytest.mark.parametrize(
    "parse_data",
    [{}, {"response_selector": None}, {"response_selector": {"faq": {}}}, {"text": "hi"}],
)
def test_missing_ranking_reads_as_empty(parse_data: dict) -> None:
    assert ranking_from_parse_data(parse_data) == []


def test_conditions_are_read_in_the_order_written() -> None:
    parse_data = {
        "entities": [
            {"entity": "condition", "value": "sciatica", "start": 20},
            {"entity": "body_part", "value": "back", "start": 0},
            {"entity": "condition", "value": "osteoarthritis", "start": 5},
            {"entity": "condition", "value": None, "start": 9},
        ]
    }
    assert conditions_from_parse_data(parse_data) == ["osteoarthritis", "sciatica"]
    assert conditions_from_parse_data({}) == []


def _condition_at(text: str, words: str, value: str) -> dict:
    return {"entity": "condition", "value": value, "start": text.index(words)}


def test_the_conditions_asked_about_are_those_in_its_questions() -> None:
    told = "I have degenerative disc disease. Why does my leg hurt?"
    parse_data = {"text": told, "entities": [_condition_at(told, "degenerative", "ddd")]}
    assert conditions_asked_about(parse_data) == []
    asked = "what causes spinal stenosis pain in the legs?"
    parse_data = {"text": asked, "entities": [_condition_at(asked, "spinal", "spinal_stenosis")]}
    assert conditions_asked_about(parse_data) == ["spinal_stenosis"]
    # Nothing asked outright: every condition named counts.
    terse = "sciatica causes"
    parse_data = {"text": terse, "entities": [_condition_at(terse, "sciatica", "sciatica")]}
    assert conditions_asked_about(parse_data) == ["sciatica"]


def test_the_condition_asked_about_chooses_between_conditions_answers() -> None:
    text = "what causes spinal stenosis pain in the legs?"
    parse_data = {
        "text": text,
        "entities": [_condition_at(text, "spinal", "spinal_stenosis")],
        "response_selector": {
            "faq": {
                "ranking": [
                    {"intent_response_key": "faq/sciatica", "confidence": 0.9},
                    {"intent_response_key": "faq/spinal_stenosis", "confidence": 0.05},
                ]
            }
        },
    }
    assert faq_decision_from_parse_data(parse_data) == Answer("spinal_stenosis")


def test_a_condition_ruled_out_is_not_asked_about() -> None:
    text = "sorry, I meant osteoarthritis, not DDD"
    parse_data = {
        "text": text,
        "entities": [
            _condition_at(text, "osteoarthritis", "osteoarthritis"),
            _condition_at(text, "DDD", "degenerative_disc_disease"),
        ],
        "response_selector": {
            "faq": {
                "ranking": [
                    {"intent_response_key": "faq/osteoarthritis", "confidence": 0.5},
                    {"intent_response_key": "faq/degenerative_disc_disease", "confidence": 0.4},
                ]
            }
        },
    }
    assert conditions_asked_about(parse_data) == ["osteoarthritis"]
    assert faq_decision_from_parse_data(parse_data) == Answer("osteoarthritis")
    # Only one named, and ruled out: still what the message is about.
    alone = "not DDD"
    only = {"text": alone, "entities": [_condition_at(alone, "DDD", "degenerative_disc_disease")]}
    assert conditions_asked_about(only) == ["degenerative_disc_disease"]
