import pytest

from clinic.triage.yes_no import parse_yes_no


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("yes", True),
        ("Yes!", True),
        ("yeah", True),
        ("yep", True),
        ("yup", True),
        ("I do", True),
        ("I have", True),
        ("I do, unfortunately", True),
        ("I think so", True),
        ("sure", True),
        ("that's right", True),
        ("yes I do", True),
        ("no", False),
        ("No.", False),
        ("ah ok no none", False),
        ("well yes", True),
        ("nope", False),
        ("nah", False),
        ("not at all", False),
        ("none of those", False),
        ("no I don't", False),
        ("I don't", False),
        ("I don't think so", False),
        ("not really", False),
        ("never", False),
        ("nothing like that", False),
        ("not that I know of", False),
        ("I haven't", False),
        ("I have no numbness", False),
        ("I\u2019ve got none", False),
        ("definitely not", False),
        ("of course not", False),
    ],
)
def test_parse_yes_no(text: str, answer: bool) -> None:
    assert parse_yes_no(text) is answer


@pytest.mark.parametrize(
    "text",
    [
        "",
        "maybe",
        "not sure",
        "I don't know",
        "dunno",
        "yes and no",
        "my back hurts",
        "right leg",
        "I have back pain",
        "ok",
        "hmm",
    ],
)
def test_neither_or_hedged_gives_none(text: str) -> None:
    assert parse_yes_no(text) is None
