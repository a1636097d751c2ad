import pytest

from clinic.faq.readability import reading_ease, sentence_count, syllables, words


@pytest.mark.parametrize(
    ("word", "count"),
    [("back", 1), ("spine", 1), ("table", 2), ("exercise", 3), ("medicine", 3), ("I", 1)],
)
def test_syllables_are_counted_by_vowel_groups(word: str, count: int) -> None:
    assert syllables(word) == count


def test_words_and_sentences() -> None:
    assert words("Don't lift 20 kg, rest!") == ["Don't", "lift", "kg", "rest"]
    assert sentence_count("One. Two? Three!") == 3
    assert sentence_count("no full stop") == 1


def test_short_plain_sentences_read_easier_than_long_technical_ones() -> None:
    plain = reading_ease("Walk a bit every day. It helps your back.")
    hard = reading_ease(
        "Intervertebral degeneration necessitates comprehensive multidisciplinary "
        "rehabilitation incorporating physiotherapeutic interventions."
    )
    assert plain > 80
    assert hard < 0


def test_an_empty_answer_is_not_called_hard() -> None:
    assert reading_ease("") == 100.0
