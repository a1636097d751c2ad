import pytest

from clinic.faq.answer_choice import Answer, Clarify, Fallback
from clinic.faq.condition_topics import (
    refine_by_named_condition,
    refine_by_topic,
    topic_asked_about_condition,
)


@pytest.mark.parametrize(
    ("text", "chosen", "topic"),
    [
        ("exercises for slipped disc", "herniated_disc", "home_exercise_stretching"),
        ("workouts with a herniated disc", "herniated_disc", "home_exercise_stretching"),
        ("physio for herniated disc?", "herniated_disc", "physical_therapy"),
        (
            "treatment for degenerative disc disease",
            "degenerative_disc_disease",
            "treatment_options",
        ),
        ("painkillers for sciatica", "sciatica", "otc_medication"),
        ("what are the best exercises for sciatica", "sciatica", "home_exercise_stretching"),
        ("what is the treatment for stenosis", "spinal_stenosis", "treatment_options"),
        ("stenosis in my spine, what helps", "spinal_stenosis", "treatment_options"),
        ("i have a slipped disc, what can i do about it", "herniated_disc", "treatment_options"),
    ],
)
def test_a_topic_for_a_condition_gets_the_topics_answer(text: str, chosen: str, topic: str) -> None:
    assert topic_asked_about_condition(text, chosen) == topic


@pytest.mark.parametrize(
    ("text", "chosen"),
    [
        ("what is a herniated disc", "herniated_disc"),  # the condition itself
        ("what causes sciatica", "sciatica"),
        ("sciatica symptoms", "sciatica"),
        ("my sciatica is bad", "sciatica"),  # no topic named
        ("exercises for back pain", "home_exercise_stretching"),  # not a condition's answer
        # a topic told of, not asked about
        (
            "I'll ask the midwife about the tablets. but what about the osteoarthritis, does "
            "it run in families?",
            "osteoarthritis",
        ),
    ],
)
def test_questions_about_the_condition_keep_its_answer(text: str, chosen: str) -> None:
    assert topic_asked_about_condition(text, chosen) is None


def test_a_did_you_mean_led_by_the_condition_answers_the_topic_among_its_choices() -> None:
    text = "exercises for slipped disc"
    assert refine_by_topic(Clarify(("herniated_disc", "home_exercise_stretching")), text) == (
        Answer("home_exercise_stretching")
    )
    # the topic not among the choices: still asked
    unclear = Clarify(("herniated_disc", "sciatica"))
    assert refine_by_topic(unclear, text) == unclear
    assert refine_by_topic(Fallback(), text) == Fallback()
    assert refine_by_topic(Answer("herniated_disc"), text) == Answer("home_exercise_stretching")


def test_a_did_you_mean_among_topics_answers_the_one_the_question_names() -> None:
    text = "how many times a week should i do physio for my back"
    choices = Clarify(("treatment_options", "physical_therapy", "home_exercise_stretching"))
    assert refine_by_topic(choices, text) == Answer("physical_therapy")
    # no topic named: still asked
    assert refine_by_topic(choices, "what about it") == choices


def test_a_did_you_mean_led_by_the_topic_answers_the_topic_too() -> None:
    offered = Clarify(("physical_therapy", "herniated_disc"))
    assert refine_by_topic(offered, "physio for herniated disc?") == Answer("physical_therapy")


def test_a_did_you_mean_offering_a_related_answer_on_the_topic_answers_with_it() -> None:
    text = "my GP said I have degenerative disc disease and to do exercises, which ones?"
    offered = Clarify(("degenerative_disc_disease", "treatment_options", "exercise_benefits"))
    assert refine_by_topic(offered, text) == Answer("exercise_benefits")


def test_another_conditions_answer_gives_way_to_the_one_condition_named() -> None:
    # "What causes spinal stenosis pain in the legs?" reads like sciatica.
    named = ["spinal_stenosis"]
    assert refine_by_named_condition(Answer("sciatica"), named) == Answer("spinal_stenosis")
    assert refine_by_named_condition(
        Clarify(("sciatica", "spinal_stenosis", "back_pain_causes")), named
    ) == Answer("spinal_stenosis")


@pytest.mark.parametrize(
    ("decision", "named"),
    [
        # Two conditions named: which one is asked about is the classifier's to read.
        (Answer("sciatica"), ["herniated_disc", "sciatica"]),
        (Answer("herniated_disc"), ["spinal_stenosis", "herniated_disc"]),
        # A topic's answer stays: "exercises for stenosis" asks the topic.
        (Answer("home_exercise_stretching"), ["spinal_stenosis"]),
        (Clarify(("treatment_options", "spinal_stenosis")), ["spinal_stenosis"]),
        # A condition the guide does not cover says nothing about which answer fits.
        (Answer("sciatica"), ["aortic_stenosis"]),
        (Answer("sciatica"), []),
        (Fallback(), ["sciatica"]),
    ],
)
def test_the_named_condition_changes_nothing_else(
    decision: Answer | Clarify | Fallback, named: list[str]
) -> None:
    assert refine_by_named_condition(decision, named) == decision


def test_medication_torn_between_the_two_medicine_answers_gets_the_first() -> None:
    unclear = Clarify(("otc_medication", "prescription_medication"))
    assert refine_by_topic(unclear, "medication for back pain") == Answer("otc_medication")
    # Not when the question is not about medicines.
    assert refine_by_topic(unclear, "what helps?") == unclear
