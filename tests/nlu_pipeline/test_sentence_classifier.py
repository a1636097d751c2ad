from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from rasa.core.processor import MessageProcessor
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from actions.parse_data import ranking_from_parse_data
from clinic.faq.answer_choice import Candidate
from nlu_pipeline.sentence_classifier import SentenceClassifier
from tests.conftest import PROJECT_ROOT

# Four directions in a 3-d "sentence space", one per label.
GREET = [1.0, 0.0, 0.0]
BYE = [0.0, 1.0, 0.0]
SCIATICA = [0.0, 0.0, 1.0]
STENOSIS = [0.0, 0.7, 0.7]
RESPONSES = {
    "utter_faq/sciatica": [{"text": "Sciatica is pain along the sciatic nerve."}],
    "utter_faq/stenosis": [{"text": "Spinal stenosis is a narrowing of the spine."}],
}


def message(vector: list[float] | None, text: str = "x", **data: Any) -> Message:
    """A message as LanguageModelFeaturizer leaves it (two token vectors near `vector`)."""
    result = Message(data={"text": text, **data})
    if vector is not None:
        tokens = np.asarray([vector, vector], dtype=np.float32) + 0.01
        result.add_features(Features(tokens, "sequence", "text", "LanguageModelFeaturizer"))
    return result


def examples() -> list[Message]:
    """Three phrasings per label, each a little off its direction."""
    result = []
    for noise in ([0.05, 0, 0], [0, 0.05, 0], [0, 0, 0.05]):
        for vector, labels in (
            (GREET, {"intent": "greet"}),
            (BYE, {"intent": "goodbye"}),
            (SCIATICA, {"intent": "faq", "intent_response_key": "faq/sciatica"}),
            (STENOSIS, {"intent": "faq", "intent_response_key": "faq/stenosis"}),
        ):
            result.append(message(list(np.add(vector, noise)), **labels))
    return result


@pytest.fixture
def storage(tmp_path: Path) -> LocalModelStorage:
    return LocalModelStorage(tmp_path)


def create(storage: LocalModelStorage, **config: Any) -> SentenceClassifier:
    return SentenceClassifier.create(
        config, storage, Resource("classifier"), ExecutionContext(GraphSchema({}), "test")
    )


def trained(storage: LocalModelStorage, **config: Any) -> SentenceClassifier:
    classifier = create(storage, **config)
    classifier.train(TrainingData(examples(), responses=RESPONSES))
    return classifier


def loaded(storage: LocalModelStorage, **config: Any) -> SentenceClassifier:
    return SentenceClassifier.load(
        {**SentenceClassifier.get_default_config(), **config},
        storage,
        Resource("classifier"),
        ExecutionContext(GraphSchema({}), "test"),
    )


def test_a_plain_intent_is_ranked_first_with_the_others_below(storage: LocalModelStorage) -> None:
    [result] = trained(storage).process([message(GREET)])
    ranking = result.get("intent_ranking")
    assert result.get("intent") == ranking[0]
    assert ranking[0]["name"] == "greet"
    assert ranking[0]["confidence"] > 0.9
    assert {item["name"] for item in ranking} == {"greet", "goodbye", "faq"}
    assert sum(item["confidence"] for item in ranking) == pytest.approx(1.0)


def test_an_faq_question_gets_the_intent_and_the_answer_as_the_response_selector_sets_them(
    storage: LocalModelStorage,
) -> None:
    [result] = trained(storage).process([message(SCIATICA, text="what is sciatica")])
    assert result.get("intent")["name"] == "faq"
    selector = result.get("response_selector")
    assert selector["all_retrieval_intents"] == ["faq"]
    response = selector["faq"]["response"]
    assert response["intent_response_key"] == "faq/sciatica"
    assert response["utter_action"] == "utter_faq/sciatica"
    assert response["responses"] == RESPONSES["utter_faq/sciatica"]
    ranking = selector["faq"]["ranking"]
    assert [item["intent_response_key"] for item in ranking] == ["faq/sciatica", "faq/stenosis"]
    assert response["confidence"] == ranking[0]["confidence"] > 0.5
    # Each answer's confidence is its share of the `faq` intent's.
    assert sum(item["confidence"] for item in ranking) == pytest.approx(1.0)


def test_rasa_and_the_faq_action_read_the_answer_from_it(storage: LocalModelStorage) -> None:
    [result] = trained(storage).process([message(STENOSIS)])
    parse_data = result.as_dict(only_output_properties=True)
    MessageProcessor._update_full_retrieval_intent(None, parse_data)
    assert parse_data["intent"]["full_retrieval_intent_name"] == "faq/stenosis"
    ranking = ranking_from_parse_data(parse_data)
    assert [candidate.key for candidate in ranking] == ["stenosis", "sciatica"]
    assert all(isinstance(candidate, Candidate) for candidate in ranking)


def test_the_response_selector_part_is_there_for_other_intents_too(
    storage: LocalModelStorage,
) -> None:
    """As with Rasa's ResponseSelector, whatever the intent (the FAQ action may still ask)."""
    [result] = trained(storage).process([message(BYE)])
    assert result.get("intent")["name"] == "goodbye"
    assert result.get("response_selector")["faq"]["response"]["intent_response_key"]


def test_rankings_keep_at_most_ranking_length_labels(storage: LocalModelStorage) -> None:
    [result] = trained(storage, ranking_length=1).process([message(SCIATICA)])
    assert [item["name"] for item in result.get("intent_ranking")] == ["faq"]
    assert len(result.get("response_selector")["faq"]["ranking"]) == 1


def test_a_batch_is_classified_as_each_message_alone(storage: LocalModelStorage) -> None:
    classifier = trained(storage)
    vectors = [GREET, SCIATICA, [0.3, 0.3, 0.4], STENOSIS]
    alone = [classifier.process([message(vector)])[0].as_dict() for vector in vectors]
    together = [result.as_dict() for result in classifier.process(list(map(message, vectors)))]
    assert _close(together, alone)


def _close(left: Any, right: Any) -> bool:
    """Equal structures, floats to within 1e-9."""
    if isinstance(left, dict):
        return left.keys() == right.keys() and all(_close(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(_close, left, right))
    if isinstance(left, float):
        return left == pytest.approx(right, abs=1e-9)
    return bool(left == right)


def test_a_message_without_sentence_vectors_is_left_alone(storage: LocalModelStorage) -> None:
    bare, classified = trained(storage).process([message(None, text="hi"), message(GREET)])
    assert bare.get("intent") is None
    assert bare.get("response_selector") is None
    assert classified.get("intent")["name"] == "greet"


def test_a_saved_classifier_loads_with_the_same_predictions(storage: LocalModelStorage) -> None:
    original = trained(storage).process([message(STENOSIS)])[0].as_dict()
    again = loaded(storage).process([message(STENOSIS)])[0].as_dict()
    assert _close(again, original)


def test_with_fewer_than_two_labels_it_warns_and_classifies_nothing(
    storage: LocalModelStorage,
) -> None:
    classifier = create(storage)
    only_greetings = [message(GREET, intent="greet"), message(GREET, intent="greet")]
    with pytest.warns(UserWarning, match="at least two intents"):
        classifier.train(TrainingData(only_greetings))
    assert classifier.process([message(GREET)])[0].get("intent") is None
    # Nothing was saved, so the loaded classifier is untrained too, not an error.
    assert loaded(storage).process([message(GREET)])[0].get("intent") is None


def test_examples_without_sentence_vectors_are_not_learned_from(
    storage: LocalModelStorage,
) -> None:
    classifier = create(storage)
    data = [*examples(), message(None, text="no vector", intent="stop")]
    classifier.train(TrainingData(data, responses=RESPONSES))
    [result] = classifier.process([message(GREET)])
    assert "stop" not in {item["name"] for item in result.get("intent_ranking")}


def test_rasas_warnings_that_the_faq_examples_go_unused_are_not_shown() -> None:
    """They are about DIET and the ResponseSelector, which this classifier replaces.

    In a process of its own, as `rasa train` runs (pytest resets warning filters per test).
    """
    script = """
import rasa.shared.utils.io
import nlu_pipeline.sentence_classifier
for text in (
    "You have defined training data with examples for training a response selector, but "
    "your NLU configuration does not include a response selector component.",
    "You have defined training data consisting of entity examples, but your NLU "
    "configuration does not include an entity extractor trained on your training data.",
    "Any other warning is shown.",
):
    rasa.shared.utils.io.raise_warning(text)
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "Any other warning is shown." in result.stderr
    assert "You have defined training data" not in result.stderr


def worded(*words: tuple[str, list[float]]) -> Message:
    """A message of the given tokens, each with its own vector."""
    from rasa.nlu.tokenizers.tokenizer import Token

    text = " ".join(word for word, _ in words)
    result = Message(data={"text": text})
    tokens, start = [], 0
    for word, _ in words:
        tokens.append(Token(word, start))
        start += len(word) + 1
    result.set("text_tokens", tokens)
    vectors = np.asarray([vector for _, vector in words], dtype=np.float32)
    result.add_features(Features(vectors, "sequence", "text", "LanguageModelFeaturizer"))
    return result


def test_a_second_question_joined_by_and_gets_its_own_answer(
    storage: LocalModelStorage,
) -> None:
    classifier = trained(storage, second_question_min=0.4)
    asked = worded(
        ("what", SCIATICA),
        ("is", SCIATICA),
        ("sciatica", SCIATICA),
        ("and", GREET),
        ("what", STENOSIS),
        ("is", STENOSIS),
        ("stenosis", STENOSIS),
        ("?", STENOSIS),
    )
    [result] = classifier.process([asked])
    best = result.get("response_selector")["faq"]["response"]["intent_response_key"]
    second = result.get("second_question")
    assert second is not None
    assert {f"faq/{second['faq_key']}", best} == {"faq/sciatica", "faq/stenosis"}
    # each question's own answer, in the order asked
    answers = result.get("question_answers")
    assert [answer["faq_key"] for answer in answers] == ["sciatica", "stenosis"]


def test_questions_joined_by_commas_get_their_own_answers(storage: LocalModelStorage) -> None:
    classifier = trained(storage, second_question_min=0.4)
    asked = worded(
        ("hi", GREET),
        (",", GREET),
        ("what", SCIATICA),
        ("is", SCIATICA),
        ("sciatica", SCIATICA),
        (",", GREET),
        ("what", STENOSIS),
        ("is", STENOSIS),
        ("stenosis", STENOSIS),
    )
    [result] = classifier.process([asked])
    answers = result.get("question_answers")
    assert [answer["faq_key"] for answer in answers] == ["sciatica", "stenosis"]


def test_a_question_no_answer_is_sure_for_is_kept_with_its_likely_answers(
    storage: LocalModelStorage,
) -> None:
    classifier = trained(storage, second_question_min=0.6)
    between = list(np.add(GREET, SCIATICA) / 2)
    asked = worded(
        ("what", STENOSIS),
        ("is", STENOSIS),
        ("stenosis", STENOSIS),
        ("?", STENOSIS),
        ("how", between),
        ("is", between),
        ("it", between),
        ("treated", between),
        ("?", between),
    )
    [result] = classifier.process([asked])
    assert [answer["faq_key"] for answer in result.get("question_answers")] == ["stenosis"]
    [unsure] = result.get("unsure_questions")
    assert unsure["text"] == "how is it treated ?"
    assert unsure["faq_keys"][0] == "sciatica"


def test_sure_questions_leave_none_unsure(storage: LocalModelStorage) -> None:
    classifier = trained(storage, second_question_min=0.4)
    asked = worded(
        ("what", SCIATICA),
        ("is", SCIATICA),
        ("sciatica", SCIATICA),
        ("and", GREET),
        ("what", STENOSIS),
        ("is", STENOSIS),
        ("stenosis", STENOSIS),
    )
    [result] = classifier.process([asked])
    assert result.get("unsure_questions") is None


@pytest.mark.parametrize(
    "words",
    [
        # one question, with "and" inside it
        [("sciatica", SCIATICA), ("and", SCIATICA), ("tingling", SCIATICA), ("?", SCIATICA)],
        # "and" not followed by a question word
        [
            ("what", SCIATICA),
            ("is", SCIATICA),
            ("sciatica", SCIATICA),
            ("and", STENOSIS),
            ("stenosis", STENOSIS),
            ("pain", STENOSIS),
            ("please", STENOSIS),
        ],
    ],
)
def test_a_single_question_has_no_second(
    storage: LocalModelStorage, words: list[tuple[str, list[float]]]
) -> None:
    classifier = trained(storage, second_question_min=0.4)
    [result] = classifier.process([worded(*words)])
    assert result.get("second_question") is None
    assert result.get("question_answers") is None


def test_a_question_typed_without_its_mark_is_read_as_the_question_part() -> None:
    from nlu_pipeline.sentence_vectors import part_vectors

    message = worded(
        ("hello", GREET),
        ("my", GREET),
        ("daughter", GREET),
        ("set", GREET),
        ("this", GREET),
        ("up", GREET),
        (".", GREET),
        ("what", SCIATICA),
        ("is", SCIATICA),
        ("sciatica", SCIATICA),
    )
    assert [part.question for part in part_vectors(message)] == [False, True]


def test_numbered_questions_get_their_own_answers(storage: LocalModelStorage) -> None:
    classifier = trained(storage, second_question_min=0.4)
    asked = worded(
        ("1", GREET),
        (")", GREET),
        ("what", SCIATICA),
        ("is", SCIATICA),
        ("sciatica", SCIATICA),
        ("2", SCIATICA),
        (")", GREET),
        ("what", STENOSIS),
        ("is", STENOSIS),
        ("stenosis", STENOSIS),
    )
    [result] = classifier.process([asked])
    answers = result.get("question_answers")
    assert [answer["faq_key"] for answer in answers] == ["sciatica", "stenosis"]


def test_an_age_in_brackets_does_not_end_a_sentence() -> None:
    from nlu_pipeline.sentence_vectors import part_vectors

    told = worded(
        ("my", GREET),
        ("mum", GREET),
        ("(", GREET),
        ("78", GREET),
        (")", GREET),
        ("has", STENOSIS),
        ("stenosis", STENOSIS),
        (".", STENOSIS),
        ("what", SCIATICA),
        ("is", SCIATICA),
        ("sciatica", SCIATICA),
    )
    assert [part.question for part in part_vectors(told)] == [False, True]


def test_a_question_no_faq_answers_is_named_for_the_faq_action(
    storage: LocalModelStorage,
) -> None:
    # "what is sciatica and are you open saturdays?": the second asks the clinic.
    relabelled = [
        message(
            list(example.features[0].features[0] - 0.01),
            **(
                {"intent": "request_human"}
                if example.get("intent") == "goodbye"
                else {key: example.get(key) for key in ("intent", "intent_response_key")}
            ),
        )
        for example in examples()
    ]
    classifier = create(storage, second_question_min=0.4)
    classifier.train(TrainingData(relabelled, responses=RESPONSES))
    asked = worded(
        ("what", SCIATICA),
        ("is", SCIATICA),
        ("sciatica", SCIATICA),
        ("and", GREET),
        ("are", BYE),
        ("you", BYE),
        ("open", BYE),
        ("?", BYE),
    )
    [result] = classifier.process([asked])
    assert [answer["faq_key"] for answer in result.get("question_answers")] == ["sciatica"]
    assert result.get("other_questions") == ["ask_clinic_info"]


def test_a_message_of_faq_questions_names_no_other_question(storage: LocalModelStorage) -> None:
    classifier = trained(storage, second_question_min=0.4)
    asked = worded(
        ("what", SCIATICA),
        ("is", SCIATICA),
        ("sciatica", SCIATICA),
        ("and", GREET),
        ("what", STENOSIS),
        ("is", STENOSIS),
        ("stenosis", STENOSIS),
    )
    [result] = classifier.process([asked])
    assert result.get("other_questions") is None


def test_a_negated_auxiliary_after_and_is_no_second_question() -> None:
    from nlu_pipeline.sentence_vectors import question_clauses

    told = worded(
        *[(word, GREET) for word in ["my", "dad", "is", "66", "and", "does", "n't"]],
        *[(word, GREET) for word in ["do", "computers", "."]],
        *[(word, SCIATICA) for word in ["should", "he", "see", "a", "specialist", "?"]],
    )
    assert question_clauses(told) == [], "one question only: 'and doesn't' tells"
    asked = worded(
        *[(word, SCIATICA) for word in ["what", "is", "sciatica", "and", "does", "it"]],
        *[(word, STENOSIS) for word in ["last", "long", "?"]],
    )
    assert len(question_clauses(asked)) == 2


class _Rows:
    """A classifier stand-in that gives fixed probabilities: the whole, then each part."""

    classes_ = np.asarray(["cancel_appointment", "thank"])

    def __init__(self, rows: list[list[float]]) -> None:
        self._rows = np.asarray(rows)

    def predict_proba(self, vectors: np.ndarray) -> np.ndarray:
        return self._rows[: len(vectors)]


def test_a_thanks_before_the_request_does_not_speak_for_the_message() -> None:
    from nlu_pipeline.sentence_classifier import read_by_parts
    from nlu_pipeline.sentence_vectors import Part

    # "Thank you. Unfortunately I have to cancel it, my work has sent me away that week."
    rows = _Rows([[0.45, 0.55], [0.02, 0.98], [0.9, 0.1]])
    parts = [Part(np.zeros(3), False, "thank you ."), Part(np.zeros(3), False, "i have to cancel")]
    probabilities = read_by_parts(rows, np.zeros(3), parts)
    assert rows.classes_[int(np.argmax(probabilities))] == "cancel_appointment"
    # Thanks alone is still thanks.
    alone = _Rows([[0.1, 0.9], [0.02, 0.98], [0.05, 0.95]])
    probabilities = read_by_parts(alone, np.zeros(3), parts)
    assert alone.classes_[int(np.argmax(probabilities))] == "thank"


def test_a_part_that_only_says_where_does_not_speak_for_the_message() -> None:
    from nlu_pipeline.sentence_classifier import read_by_parts
    from nlu_pipeline.sentence_vectors import Part

    class _Emergency(_Rows):
        classes_ = np.asarray(["request_appointment", "report_emergency"])

    # "hey cn i get a physio appt nxt mon aftrnoon? 4 my lower back"
    rows = _Emergency([[0.45, 0.55], [0.7, 0.3], [0.05, 0.95]])
    parts = [
        Part(np.zeros(3), False, "hey cn i get a physio appt nxt mon aftrnoon"),
        Part(np.zeros(3), False, "4 my lower back"),
    ]
    probabilities = read_by_parts(rows, np.zeros(3), parts)
    assert rows.classes_[int(np.argmax(probabilities))] == "request_appointment"
