import pytest

from actions.parse_data import conditions_from_parse_data, ranking_from_parse_data
from clinic.faq.answer_choice import Candidate


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
