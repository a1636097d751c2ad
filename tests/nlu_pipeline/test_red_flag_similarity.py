from pathlib import Path

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_pipeline.emergency_guard import SET_ASIDE_KEY
from nlu_pipeline.red_flag_similarity import RedFlagSimilarity, could_tell_a_red_flag


def message(vector: list[float], text: str = "x", intent: str | None = None) -> Message:
    """A message with one dense token feature, as the language-model featurizer leaves it."""
    result = Message(data={"text": text})
    if intent is not None:
        result.set("intent", intent)
    result.add_features(
        Features(np.asarray([vector], dtype=np.float32), "sequence", "text", "LanguageModel")
    )
    return result


def classified(vector: list[float], text: str = "x") -> Message:
    result = message(vector, text)
    result.set("intent", {"name": "faq", "confidence": 0.6})
    result.set("intent_ranking", [{"name": "faq", "confidence": 0.6}])
    return result


@pytest.fixture
def detector(tmp_path: Path) -> RedFlagSimilarity:
    storage = LocalModelStorage(tmp_path)
    created = RedFlagSimilarity.create(
        {"min_similarity": 0.8, "margin": 0.05},
        storage,
        Resource("red_flags"),
        ExecutionContext(GraphSchema({}), "test"),
    )
    created.train(
        TrainingData(
            [
                message([1.0, 0.0, 0.0], intent="report_emergency"),
                message([0.0, 1.0, 0.0], intent="report_crisis"),
                message([0.0, 0.0, 1.0], intent="faq"),
            ]
        )
    )
    return created


def test_a_message_close_to_a_red_flag_example_becomes_a_suspicion(
    detector: RedFlagSimilarity,
) -> None:
    [found] = detector.process([classified([0.95, 0.05, 0.1])])
    assert found.get("intent")["name"] == "suspected_emergency"
    [crisis] = detector.process([classified([0.05, 0.95, 0.1])])
    assert crisis.get("intent")["name"] == "suspected_crisis"


def test_a_message_nearer_an_ordinary_example_is_left_alone(
    detector: RedFlagSimilarity,
) -> None:
    [message_] = detector.process([classified([0.6, 0.0, 0.8])])
    assert message_.get("intent")["name"] == "faq"


def test_red_flag_words_the_rules_set_aside_are_not_second_guessed(
    detector: RedFlagSimilarity,
) -> None:
    denied = classified([0.95, 0.05, 0.1], "no numbness, no bladder problems")
    denied.set(SET_ASIDE_KEY, ["bladder_bowel"])
    [found] = detector.process([denied])
    assert found.get("intent")["name"] == "faq"


def test_the_trained_vectors_are_loaded_back(detector: RedFlagSimilarity, tmp_path: Path) -> None:
    loaded = RedFlagSimilarity.load(
        {"min_similarity": 0.8, "margin": 0.05},
        LocalModelStorage(tmp_path),
        Resource("red_flags"),
        ExecutionContext(GraphSchema({}), "test"),
    )
    [found] = loaded.process([classified([0.95, 0.05, 0.1])])
    assert found.get("intent")["name"] == "suspected_emergency"


def test_another_joints_likeness_to_a_red_flag_is_no_suspicion(
    detector: RedFlagSimilarity,
) -> None:
    shoulder = classified([0.95, 0.05, 0.1], "shoulder stiff for 2 months, cant lift my arm")
    shoulder.set("scope", "other_joint")
    [found] = detector.process([shoulder])
    assert found.get("intent")["name"] == "faq"
    crisis = classified([0.05, 0.95, 0.1], "my knee is ruined, i want to end it")
    crisis.set("scope", "other_joint")
    [worried] = detector.process([crisis])
    assert worried.get("intent")["name"] == "suspected_crisis", "self-harm is asked about"


@pytest.mark.parametrize(
    ("text", "suspected"),
    [("numb. right leg numb", False), ("right leg numb and I wet myself", True)],
)
def test_one_legs_likeness_to_a_red_flag_is_no_suspicion(
    detector: RedFlagSimilarity, text: str, suspected: bool
) -> None:
    [found] = detector.process([classified([0.95, 0.05, 0.1], text)])
    assert (found.get("intent")["name"] == "suspected_emergency") is suspected


def guessed(vector: list[float], text: str = "x") -> Message:
    """A message the classifier already guessed a red flag in (a suspicion)."""
    result = message(vector, text)
    ranking = [
        {"name": "suspected_emergency", "confidence": 0.7},
        {"name": "describe_own_pain", "confidence": 0.2},
    ]
    result.set("intent", ranking[0])
    result.set("intent_ranking", ranking)
    return result


def test_the_classifiers_guess_stays_though_the_wording_is_nearer_ordinary_examples(
    detector: RedFlagSimilarity,
) -> None:
    text = "hurt my back at work and my legs feel odd"
    [found] = detector.process([guessed([0.3, 0.0, 0.95], text)])
    assert found.get("intent")["name"] == "suspected_emergency", "asked, not dropped"
    # A strain told with nothing else a red flag could be is the check-in's.
    [strain] = detector.process([guessed([0.3, 0.0, 0.95], "hurt my back lifting a sofa")])
    assert strain.get("intent")["name"] == "describe_own_pain"


@pytest.mark.parametrize(
    "text",
    ["cant walk on heel on the left side, it just falls down", "my foot has become weak"],
)
def test_the_classifiers_guess_about_one_weak_foot_stays(
    detector: RedFlagSimilarity, text: str
) -> None:
    [found] = detector.process([guessed([0.3, 0.0, 0.95], text)])
    assert found.get("intent")["name"] == "suspected_emergency"


@pytest.mark.parametrize(
    ("text", "suspected"),
    [
        ("my shoulder is frozen, can't lift my arm above my head", False),
        # A warning sign the safety question names, beside the other joint: still asked.
        ("my knee hurts and my bladder feels odd", True),
    ],
)
def test_the_classifiers_guess_about_another_joint_is_dropped_without_a_warning_sign(
    detector: RedFlagSimilarity, text: str, suspected: bool
) -> None:
    guess = guessed([0.95, 0.05, 0.1], text)
    guess.set("scope", "other_joint")
    [found] = detector.process([guess])
    assert found.get("intent")["name"] == ("suspected_emergency" if suspected else "out_of_scope")


@pytest.mark.parametrize(
    ("text", "suspected"),
    [
        (
            "pulled my back moving a sofa 3 days ago, its sore but i can walk ok, pain maybe 3/10",
            False,
        ),
        ("i can walk ok but both legs feel numb", True),
        ("back pain since yesterday, bent over to pick up the laundry. pretty sore", False),
        ("bent over to pick up the laundry and felt a sudden tearing pain", True),
        ("lifted a box this morning and now I can't move", True),
    ],
)
def test_the_classifiers_guess_about_a_strain_told_with_legs_that_work_is_dropped(
    detector: RedFlagSimilarity, text: str, suspected: bool
) -> None:
    [found] = detector.process([guessed([0.95, 0.05, 0.1], text)])
    assert (found.get("intent")["name"] == "suspected_emergency") is suspected


@pytest.mark.parametrize(
    ("text", "suspected"),
    [
        ("bak pain 4 weeks now n my right leg feels kinda weak when i walk far", False),
        ("my right leg suddenly went weak today", True),
        ("for 2 months my left leg is weak and my foot drags", True),
    ],
)
def test_the_classifiers_guess_about_one_leg_weak_for_weeks_is_dropped(
    detector: RedFlagSimilarity, text: str, suspected: bool
) -> None:
    [found] = detector.process([guessed([0.95, 0.05, 0.1], text)])
    assert (found.get("intent")["name"] == "suspected_emergency") is suspected


def test_the_classifiers_guess_near_a_red_flag_example_stays(
    detector: RedFlagSimilarity,
) -> None:
    [found] = detector.process([guessed([0.95, 0.05, 0.1], "my legs went funny")])
    assert found.get("intent")["name"] == "suspected_emergency"


@pytest.mark.parametrize(
    ("sentence", "tells"),
    [
        ("my name is margaret , i am 79 years of age .", False),
        ("she has no numbness .", False),
        ("i do not have any pins and needles .", False),
        ("no numbness / tingling .", False),
        ("no pain but i can not control my wee", True),
        ("i do n't want to be here anymore", True),
        ("i wet myself", True),
        # Only where: "... can i get a physio appt nxt mon? 4 my lower back"
        ("4 my lower back", False),
        ("for my back .", False),
        ("my legs gave way", True),
    ],
)
def test_only_a_sentence_that_could_tell_a_red_flag_is_compared(sentence: str, tells: bool) -> None:
    assert could_tell_a_red_flag(sentence) is tells


def test_the_classifiers_guess_about_one_leg_is_dropped(detector: RedFlagSimilarity) -> None:
    text = "numb feeling in my right leg now and then w my back pain shud i mention it"
    [found] = detector.process([guessed([0.95, 0.05, 0.1], text)])
    assert found.get("intent")["name"] == "describe_own_pain"


@pytest.mark.parametrize(
    ("text", "dropped"),
    [
        ("ok same doctor but monday 14th morning", True),
        ("Can't pull my toes up on the left since this morning", False),
        ("woke up soaked, never happened before", False),
    ],
)
def test_the_classifiers_guess_in_words_that_could_tell_no_red_flag_is_dropped(
    detector: RedFlagSimilarity, text: str, dropped: bool
) -> None:
    [found] = detector.process([guessed([0.3, 0.0, 0.95], text)])
    assert (found.get("intent")["name"] != "suspected_emergency") is dropped


def test_a_question_about_the_warning_signs_is_not_second_guessed(
    detector: RedFlagSimilarity,
) -> None:
    asked = classified(
        [0.95, 0.05, 0.1],
        "he said chest pain going into the back can be something serious? is that true?",
    )
    asked.set("intent", {"name": "ask_if_urgent", "confidence": 1.0})
    [found] = detector.process([asked])
    assert found.get("intent")["name"] == "ask_if_urgent"


@pytest.mark.parametrize(
    ("text", "suspected"),
    [
        ("ok english. back pain 2 weeks, leg pain very much", False),
        ("leg pain and back pain 2 weeks. very strong. what I do?", False),
        ("back pain 2 weeks, leg pain very much, cant walk", True),
        ("sudden back pain, very strong", True),
    ],
)
def test_a_message_of_only_where_how_long_and_how_bad_is_no_suspicion(
    detector: RedFlagSimilarity, text: str, suspected: bool
) -> None:
    [found] = detector.process([classified([0.95, 0.05, 0.1], text)])
    assert (found.get("intent")["name"] == "suspected_emergency") is suspected


def test_the_classifiers_guess_about_only_where_how_long_and_how_bad_is_dropped(
    detector: RedFlagSimilarity,
) -> None:
    text = "ok english little. back pain 2 weeks, leg pain very much"
    [found] = detector.process([guessed([0.3, 0.0, 0.95], text)])
    assert found.get("intent")["name"] == "describe_own_pain"


@pytest.mark.parametrize(
    ("text", "suspected"),
    [
        ("my gran slipped yesterday but she's walking around fine, just a bit sore", False),
        (
            "his left leg is weak on the stairs and his toes are numb. None of the other things.",
            False,
        ),
        ("my legs feel strange and heavy all of a sudden", True),
    ],
)
def test_a_likeness_to_a_red_flag_is_set_aside_as_the_classifiers_guess_would_be(
    detector: RedFlagSimilarity, text: str, suspected: bool
) -> None:
    [found] = detector.process([classified([0.95, 0.05, 0.1], text)])
    assert (found.get("intent")["name"] == "suspected_emergency") is suspected


@pytest.mark.parametrize(
    ("text", "dropped"),
    [
        # The pain, and the warning signs' words only to say they are absent.
        ("back sore since sat. 3/10. no numbness or tingling, legs fine", True),
        # One leg, asked about: the check-in's matter, not the warning sign of both legs.
        ("and if my leg went numb later on what would that mean", True),
        # A sign still told beside the denial.
        ("back pain, no bladder problems but numb groin", False),
        ("sudden weakness in both legs, no fever", False),
    ],
)
def test_the_classifiers_guess_about_denied_signs_or_one_leg_is_dropped(
    detector: RedFlagSimilarity, text: str, dropped: bool
) -> None:
    [found] = detector.process([guessed([0.3, 0.0, 0.95], text)])
    assert (found.get("intent")["name"] != "suspected_emergency") is dropped


@pytest.mark.parametrize(
    ("text", "suspected"),
    [
        # advice asked for until the appointment, however like a crisis example it reads
        ("k. anything i can do meantime", False),
        ("what can i do till then", False),
        # not such a question: still asked about
        ("there's nothing i can do anymore", True),
    ],
)
def test_asking_what_helps_meanwhile_is_no_crisis_suspicion(
    detector: RedFlagSimilarity, text: str, suspected: bool
) -> None:
    [found] = detector.process([classified([0.05, 0.95, 0.1], text)])
    assert (found.get("intent")["name"] == "suspected_crisis") is suspected
