import pytest

from clinic.wording import is_question, speaks_of_self


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("can i work", True),
        ("does sciatica cause numbness", True),
        ("my leg is numb?", True),
        ("I get tingling down my leg", False),
        ("back pain", False),
    ],
)
def test_is_question(text: str, question: bool) -> None:
    assert is_question(text) is question


@pytest.mark.parametrize(
    ("text", "self_"),
    [("my back hurts", True), ("I'm sore", True), ("im sore", True), ("the back", False)],
)
def test_speaks_of_self(text: str, self_: bool) -> None:
    assert speaks_of_self(text) is self_
