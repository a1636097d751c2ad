import pytest

from clinic.triage.pregnancy import pregnancy_earlier, pregnancy_warning_signs


@pytest.mark.parametrize(
    "text",
    [
        "its kind of coming in waves today and my belly goes tight with it",
        "severe when it comes, like every 10 minutes",
        "I'm getting tightenings on and off",
        "my waters broke an hour ago",
        "there's some spotting in my knickers",
        "the baby is moving less today",
        "I think these are contractions",
        "it comes and goes every few minutes now and theres a bit of bleeding, is that normal?",
        "its every evening and its like 8/10 and goes round to my tummy sometimes",
        "wait, is it normal that the pain goes to my tummy? should i be worried",
    ],
)
def test_warning_signs_are_read(text: str) -> None:
    assert pregnancy_warning_signs(text)


@pytest.mark.parametrize(
    "text",
    [
        "no bleeding, just a sore lower back",
        "is bleeding normal in pregnancy?",
        "my back hurts when I walk",
        "not leaking anything and baby is kicking away",
        "the pain is worse in the evenings",
        "no pain going to my tummy",
    ],
)
def test_denied_asked_or_ordinary_are_not(text: str) -> None:
    assert not pregnancy_warning_signs(text)


def test_pregnancy_said_earlier_in_the_conversation() -> None:
    assert pregnancy_earlier(["hi", "I'm 24 weeks pregnant, what can I take?"])
    assert not pregnancy_earlier(["hi", "my back hurts"])
