import pytest

from clinic.triage.yes_no import denies_the_rest, parse_yes_no


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
        ("like i said no", False),
        ("i already said yes", True),
        ("i literally just said no to those. no", False),
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
        ("sí", True),
        ("oui", True),
        ("ja", True),
        ("nein", False),
        ("não", False),
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


@pytest.mark.parametrize(
    "text",
    [
        "no numbness. nothing of this",
        "sometimes my hands tingle but that's from typing. none of the other stuff",
        "a bit of pins and needles in my left foot sometimes. none of the other scary things",
        "only right leg. no other things",
        "my foot tingles, nothing else",
        "none of the rest",
        "not any of the others",
        "other than that, no",
        "apart from that nothing",
        "the rest no",
        "just the tingling, that's all",
        "no, no numbness or any of those other things",
    ],
)
def test_a_no_to_the_rest_of_the_list_is_read(text: str) -> None:
    assert denies_the_rest(text)


@pytest.mark.parametrize(
    "text",
    [
        "no",
        "no numbness or tingling",
        "tingling in my left foot",
        "no more than usual",
        "not that bad",
        "not this week",
        "no pain in my other leg",
        "not the other leg",
        "nothing helps",
    ],
)
def test_a_no_to_one_thing_is_not_a_no_to_the_rest(text: str) -> None:
    assert not denies_the_rest(text)


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("sorry no i dont have any of those", False),
        ("sorry, no", False),
        ("oh sorry yes", True),
        ("honestly no", False),
        ("actually yes", True),
    ],
)
def test_an_apology_or_filler_before_the_answer_is_skipped(text: str, answer: bool) -> None:
    assert parse_yes_no(text) is answer


@pytest.mark.parametrize(
    "text", ["no warning signs either", "no other warning signs", "none of the warning signs"]
)
def test_a_no_to_the_warning_signs_by_name_is_a_no_to_the_rest(text: str) -> None:
    assert denies_the_rest(text)


def test_a_no_said_again_and_a_no_to_the_other_things() -> None:
    assert parse_yes_no("i say no already") is False
    assert parse_yes_no("I told you no") is False
    assert denies_the_rest("little tingle in left foot sometimes. other things no")


@pytest.mark.parametrize(
    "text",
    [
        "none of the emergency stuff, but my fingers tingle sometimes",
        "no scary symptoms",
        "nothing scary like bladder problems",
        "i meant 3 weeks not days. and no to all that",
        "no bladder stuff or anything, but my left leg goes numb",
    ],
)
def test_other_ways_of_saying_no_to_the_warning_signs(text: str) -> None:
    assert denies_the_rest(text)


def test_a_scary_pain_is_no_denial() -> None:
    assert not denies_the_rest("the pain is scary")


@pytest.mark.parametrize("text", ["ji haan yes", "haan", "ji haan"])
def test_a_yes_in_urdu_or_hindi(text: str) -> None:
    assert parse_yes_no(text) is True


@pytest.mark.parametrize("text", ["ye go on", "ye", "yh sure", "yeh ok"])
def test_a_yes_in_text_speak(text: str) -> None:
    assert parse_yes_no(text) is True
