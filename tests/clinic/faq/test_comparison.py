import pytest

from clinic.faq.comparison import (
    asks_comparison,
    compared_conditions,
    conditions_each_asked_about,
)


@pytest.mark.parametrize(
    "text",
    [
        "what's the difference between sciatica and a herniated disc?",
        "sciatica vs herniated disc",
        "is stenosis the same as arthritis",
        "are sciatica and a slipped disc related?",
        "i get confused between ddd and osteoarthritis",
        "wats the diffrence between sciatica and a herniated disc",
        "diference between stenosis and arthritis?",
        "is there a differnce between ddd and a slipped disc",
    ],
)
def test_comparisons_are_recognised(text: str) -> None:
    assert asks_comparison(text)


@pytest.mark.parametrize(
    "text",
    [
        "what is sciatica and how is it treated?",
        "I have sciatica and a herniated disc, what exercises can I do?",
        "I have had the same pain for weeks",
    ],
)
def test_questions_about_both_without_comparing_are_not_comparisons(text: str) -> None:
    assert not asks_comparison(text)


def test_two_article_conditions_compared_are_given_in_the_order_named() -> None:
    pair = compared_conditions(
        "difference between sciatica and a herniated disc?", ["sciatica", "herniated_disc"]
    )
    assert pair == ("sciatica", "herniated_disc")


def test_one_condition_compared_is_compared_with_the_one_answered_before() -> None:
    assert compared_conditions("is it the same as arthritis?", ["osteoarthritis"], "sciatica") == (
        "sciatica",
        "osteoarthritis",
    )


@pytest.mark.parametrize(
    ("conditions", "previous"),
    [
        (["osteoarthritis"], None),  # nothing answered before to compare with
        (["osteoarthritis"], "osteoarthritis"),  # the same condition
        (["osteoarthritis"], "physical_therapy"),  # the answer before was not a condition
        (["sciatica", "aortic_stenosis"], None),  # the article does not describe one of them
        (["sciatica", "sciatica"], None),
    ],
)
def test_no_pair_of_article_conditions_is_no_comparison(
    conditions: list[str], previous: str | None
) -> None:
    assert compared_conditions("what is the difference?", conditions, previous) is None


def test_plain_arthritis_compared_is_the_articles_osteoarthritis() -> None:
    assert compared_conditions("is it the same as arthritis?", [], "sciatica") == (
        "sciatica",
        "osteoarthritis",
    )
    assert compared_conditions("sciatica vs arthritis", ["sciatica"]) == (
        "sciatica",
        "osteoarthritis",
    )
    assert compared_conditions("is it the same as arthritis?", [], None) is None


def _mentions(text: str, names: dict[str, str]) -> list[tuple[int, str]]:
    return sorted((text.lower().index(word), value) for word, value in names.items())


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "what is spinal stenosis and what is osteoarthritis",
            {"spinal stenosis": "spinal_stenosis", "osteoarthritis": "osteoarthritis"},
        ),
        (
            "What are sciatica and a herniated disc?",
            {"sciatica": "sciatica", "herniated disc": "herniated_disc"},
        ),
        (
            "whats sciatica? and whats stenosis",
            {"sciatica": "sciatica", "stenosis": "spinal_stenosis"},
        ),
    ],
)
def test_asking_what_each_of_two_conditions_is_names_both(text: str, names: dict[str, str]) -> None:
    pair = conditions_each_asked_about(text, _mentions(text, names))
    assert pair == tuple(names.values())


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "I have sciatica and a herniated disc, what exercises can I do?",
            {"sciatica": "sciatica", "herniated disc": "herniated_disc"},
        ),
        (
            "what is the treatment for sciatica and stenosis",
            {"sciatica": "sciatica", "stenosis": "spinal_stenosis"},
        ),
        ("what is sciatica and how is it treated?", {"sciatica": "sciatica"}),
        (
            "what is rheumatoid arthritis and what is osteoarthritis",
            {"rheumatoid arthritis": "rheumatoid_arthritis", "osteoarthritis": "osteoarthritis"},
        ),
    ],
)
def test_other_questions_naming_two_conditions_are_not_asking_what_each_is(
    text: str, names: dict[str, str]
) -> None:
    assert conditions_each_asked_about(text, _mentions(text, names)) is None


@pytest.mark.parametrize(
    ("text", "compares"),
    [
        ("prescription or over the counter?", True),
        ("the medicine from pharmacy is enough or I need the prescription?", True),
        ("can I get it from the chemist or do I need a prescription", True),
        ("when is prescription medicine needed?", False),
        ("can over-the-counter medicine help?", False),
        ("what kind of medicine helps back pain?", True),
        ("which type of painkillers work best", True),
        ("what medicine helps?", False),
        ("sciatca tablets?? otc or presciption", True),
    ],
)
def test_medicine_from_the_pharmacy_and_on_prescription_asked_together(
    text: str, compares: bool
) -> None:
    from clinic.faq.comparison import compares_medicines

    assert compares_medicines(text) is compares
