"""Intents and FAQ answers from the sentence encoder's meaning, by one logistic regression.

all-MiniLM-L6-v2 was trained to place sentences that mean the same close together, so a
linear model on its sentence vector (the unit-length mean of its token vectors, as the
novelty gate uses) tells the assistant's intents and FAQ answers apart, from our
thousand examples, better than DIET did. Measured on the project's own NLU test
set (docs/decisions/0000-earlier-measurements.md): 96.0% against 92.4% for DIET plus
the ResponseSelector, in
about 0.1 ms a message instead of 5, trained in seconds instead of two minutes.

One model ranks every label: plain intents (`greet`) and each FAQ answer (`faq/sciatica`).
A retrieval intent's confidence is the sum over its answers, and each answer's confidence
within it is its share of that sum, so the message comes out exactly as DIET and the
ResponseSelector leave it (`intent`, `intent_ranking`, `response_selector`), and the
FallbackClassifier, the novelty gate and the FAQ action read it unchanged. Used in
config.yml as::

    - name: nlu_pipeline.sentence_classifier.SentenceClassifier
      C: 30
"""

from __future__ import annotations

import warnings
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import joblib
import numpy as np
import rasa.shared.utils.io
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import (
    RESPONSE_SELECTOR_PREDICTION_KEY,
    RESPONSE_SELECTOR_PROPERTY_NAME,
    RESPONSE_SELECTOR_RANKING_KEY,
    RESPONSE_SELECTOR_RESPONSES_KEY,
    RESPONSE_SELECTOR_RETRIEVAL_INTENTS,
    RESPONSE_SELECTOR_UTTER_ACTION_KEY,
)
from rasa.shared.nlu.constants import (
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    INTENT_RESPONSE_KEY,
    PREDICTED_CONFIDENCE_KEY,
    RESPONSE_IDENTIFIER_DELIMITER,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.shared.nlu.training_data.util import intent_response_key_to_template_key
from sklearn.linear_model import LogisticRegression

from clinic.faq.answer_choice import MAX_CANDIDATES
from nlu_pipeline.sentence_vectors import (
    Part,
    only_says_where,
    part_vectors,
    question_clauses,
    sentence_vector,
)

MODEL_FILE = "classifier.joblib"
SECOND_QUESTION_KEY = "second_question"
QUESTION_ANSWERS_KEY = "question_answers"
"""The FAQ answer of each question in a message that asks two or more, surest ones only."""
OTHER_QUESTIONS_KEY = "other_questions"
"""The questions of a several-question message that no FAQ answers: the clinic's hours or
contact, or something the guide does not cover (their intents, in the order asked)."""
UNSURE_QUESTIONS_KEY = "unsure_questions"
"""The questions of a several-question message no answer is sure for, each with the FAQ
answers it may ask for (best first). The FAQ actions offer them as choices ("what is this?"
of the one condition a message names is answered)."""
OTHER_QUESTION_INTENTS = frozenset({"ask_clinic_info", "request_human", "out_of_scope"})
_CLINIC_INTENTS = ("ask_clinic_info", "request_human")


def _other_question(
    row: np.ndarray, labels: list[str], asks_clinic: list[int], least: float
) -> str | None:
    """The kind of question one clause asks that no FAQ answers, if it is sure enough."""
    if float(row[asks_clinic].sum()) >= least:
        return "ask_clinic_info"
    best = labels[int(np.argmax(row))]
    return best if float(row.max()) >= least and best in OTHER_QUESTION_INTENTS else None


def _faq_choices(row: np.ndarray, labels: list[str], least: float) -> list[str]:
    """The FAQ answers one unsure clause may ask for, best first (as many as are offered)."""
    ranked = sorted(range(len(labels)), key=lambda index: float(row[index]), reverse=True)
    return [
        labels[index][len(FAQ_PREFIX) :]
        for index in ranked
        if labels[index].startswith(FAQ_PREFIX) and float(row[index]) >= least
    ][:MAX_CANDIDATES]


FAQ_PREFIX = "faq" + RESPONSE_IDENTIFIER_DELIMITER
RESPONSES_FILE = "responses.json"

# Rasa's config check knows only its own classes: without a ResponseSelector or DIET it
# warns on every `rasa train` that the FAQ examples and the entity annotations go unused.
# Here this classifier learns the FAQ examples, and the annotated entities come from
# buttons' payloads (an FAQ key) and the RegexEntityExtractor (booking references), so the
# warnings would only mislead staff.
for _unused_data_warning in (
    "You have defined training data with examples for training a response selector",
    "You have defined training data consisting of entity examples",
):
    warnings.filterwarnings("ignore", message=_unused_data_warning, category=UserWarning)


def answers_by_intent(labels: Sequence[str], row: Iterable[float]) -> dict[str, dict[str, float]]:
    """Each label's probability under its intent: `faq` holds `faq/sciatica` and the rest."""
    by_intent: dict[str, dict[str, float]] = defaultdict(dict)
    for label, probability in zip(labels, row, strict=True):
        by_intent[label.split(RESPONSE_IDENTIFIER_DELIMITER, 1)[0]][label] = float(probability)
    return by_intent


def answer_shares(answers: Mapping[str, float], total: float) -> list[tuple[str, float]]:
    """Each answer's share of its retrieval intent's confidence `total`, best first."""
    return sorted(
        ((key, probability / total if total > 0 else 0.0) for key, probability in answers.items()),
        key=lambda item: item[1],
        reverse=True,
    )


COURTESIES = frozenset({"thank", "greet"})
"""Labels of a part that only greets or thanks, which never speaks for the message."""


def read_by_parts(model: LogisticRegression, whole: np.ndarray, parts: list[Part]) -> np.ndarray:
    """Each label's probability for a message, read by its parts as well as whole.

    With no parts, the whole message's distribution. Otherwise it is averaged with that of
    the most confident part (its questions, when it asks any). A part that is only a
    courtesy ("Thank you. I have to cancel it, ...") is no candidate while another part
    says something: the thanks is sure of itself, and the message is about the rest.
    """
    if not parts:
        return np.asarray(model.predict_proba(whole[np.newaxis, :])[0])
    rows = model.predict_proba(np.vstack([whole, *(part.vector for part in parts)]))
    labels = model.classes_
    # Nor one that only says where ("... nxt mon aftrnoon? 4 my lower back").
    said = [
        index
        for index in range(1, len(rows))
        if str(labels[int(np.argmax(rows[index]))]) not in COURTESIES
        and not only_says_where(parts[index - 1].text)
    ]
    questions = [index for index in said if parts[index - 1].question]
    candidates = questions or said or list(range(1, len(rows)))
    best = max(candidates, key=lambda index: float(rows[index].max()))
    return np.asarray((rows[0] + rows[best]) / 2)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class SentenceClassifier(GraphComponent, IntentClassifier):
    """Rank intents and FAQ answers by a logistic regression on the sentence vector."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Inverse regularisation and how many labels each ranking keeps (chosen by measurement)."""
        return {
            "C": 30.0,
            "max_iter": 5000,
            "ranking_length": 10,
            "read_parts": True,
            "second_question_min": 0.6,
            # How sure a clause must be to count as a question no FAQ answers (the clinic's
            # hours, something beyond the guide): a wrong one adds "your other question
            # isn't covered" to an answered message, so it keeps its own, stricter value.
            "other_question_min": 0.6,
            # How likely an answer must be, for a question no answer is sure for, to be
            # offered as a choice: "what is a herniated disc? should i take ibuprofen? and
            # when should i see a specialist?" leaves the ibuprofen question unanswered,
            # and it is offered rather than dropped.
            "unsure_choice_min": 0.15,
        }

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: LogisticRegression | None = None,
        responses: dict[str, list[dict[str, Any]]] | None = None,
    ) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._model = model
        self._responses = responses or {}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SentenceClassifier:
        """An untrained classifier."""
        return cls({**cls.get_default_config(), **config}, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> SentenceClassifier:
        """The classifier saved at training time (untrained if there was nothing to learn)."""
        config = {**cls.get_default_config(), **config}
        try:
            with model_storage.read_from(resource) as directory:
                model = joblib.load(directory / MODEL_FILE)
                responses = rasa.shared.utils.io.read_json_file(directory / RESPONSES_FILE)
        except (ValueError, FileNotFoundError):
            return cls(config, model_storage, resource)
        return cls(config, model_storage, resource, model, responses)

    def train(self, training_data: TrainingData) -> Resource:
        """Fit one label per intent, or per answer for retrieval intents like `faq`."""
        examples = [
            (vector, message.get(INTENT_RESPONSE_KEY) or message.get(INTENT))
            for message in training_data.intent_examples
            if (vector := sentence_vector(message)) is not None
        ]
        if len({label for _, label in examples}) < 2:
            rasa.shared.utils.io.raise_warning(
                "SentenceClassifier needs examples of at least two intents to learn from; "
                "it will not classify any message."
            )
            return self._resource
        vectors, labels = zip(*examples, strict=True)
        self._model = LogisticRegression(C=self._config["C"], max_iter=self._config["max_iter"])
        self._model.fit(np.vstack(vectors), labels)
        self._responses = training_data.responses
        with self._model_storage.write_to(self._resource) as directory:
            joblib.dump(self._model, directory / MODEL_FILE)
            rasa.shared.utils.io.dump_obj_as_json_to_file(
                directory / RESPONSES_FILE, self._responses
            )
        return self._resource

    def process(self, messages: list[Message]) -> list[Message]:
        """Set each message's intent, its ranking and, for a retrieval intent, the answers."""
        if self._model is None:
            return messages
        labels: list[str] = list(self._model.classes_)
        for message in messages:
            row = self.probabilities(message)
            if row is not None:
                self._set_predictions(message, labels, row.tolist())
                self._set_second_question(message, labels[int(np.argmax(row))])
        return messages

    def _set_second_question(self, message: Message, best: str) -> None:
        """For a message asking two FAQ questions, the answer the second one wants.

        "What is sciatica and how is it treated?" is one message with two answers; each
        question is read alone, and the surest FAQ answer that is not the message's own
        best is set as `SECOND_QUESTION_KEY`, for the FAQ action to give as well.
        """
        if self._model is None or not self._config["second_question_min"]:
            return
        clauses = question_clauses(message)
        if not clauses:
            return
        labels: list[str] = list(self._model.classes_)
        rows = self._model.predict_proba(np.vstack([clause.vector for clause in clauses]))
        found = [
            (float(row.max()), labels[int(np.argmax(row))])
            for row in rows
            if float(row.max()) >= self._config["second_question_min"]
        ]
        # Each question's own answer, in the order asked, for a message the whole of which
        # no answer fits ("what would they do there? and should I take ibuprofen?").
        answers: list[dict[str, Any]] = []
        for confidence, label in found:
            if label.startswith(FAQ_PREFIX) and all(
                answer["faq_key"] != label[len(FAQ_PREFIX) :] for answer in answers
            ):
                answers.append(
                    {"faq_key": label[len(FAQ_PREFIX) :], "confidence": round(confidence, 4)}
                )
        if answers:
            message.set(QUESTION_ANSWERS_KEY, answers, add_to_output=True)
        # "... 2) are you open on thursday evenings 3) can my mum still do yoga?": the
        # questions no FAQ answers are not left as if answered. Asking for the team and
        # asking about the clinic are one kind here: the clinic's details answer both.
        asks_clinic = [labels.index(name) for name in _CLINIC_INTENTS if name in labels]
        least = self._config["other_question_min"]
        unsure = [
            {"text": clause.text, "faq_keys": choices}
            for clause, row in zip(clauses, rows, strict=True)
            if not (
                float(row.max()) >= self._config["second_question_min"]
                and labels[int(np.argmax(row))].startswith(FAQ_PREFIX)
            )
            and _other_question(row, labels, asks_clinic, least) is None
            and (choices := _faq_choices(row, labels, self._config["unsure_choice_min"]))
        ]
        if unsure:
            message.set(UNSURE_QUESTIONS_KEY, unsure, add_to_output=True)
        other = list(
            dict.fromkeys(
                kind
                for row in rows
                if (kind := _other_question(row, labels, asks_clinic, least)) is not None
            )
        )
        if other:
            message.set(OTHER_QUESTIONS_KEY, other, add_to_output=True)
        others = [
            (confidence, label)
            for confidence, label in found
            if label != best and label.startswith(FAQ_PREFIX)
        ]
        if others:
            confidence, label = max(others)
            message.set(
                SECOND_QUESTION_KEY,
                {"faq_key": label[len(FAQ_PREFIX) :], "confidence": round(confidence, 4)},
                add_to_output=True,
            )

    def probabilities(self, message: Message) -> np.ndarray | None:
        """Each label's probability, a long message read by its parts (`read_by_parts`)."""
        if self._model is None or (whole := sentence_vector(message)) is None:
            return None
        parts = part_vectors(message) if self._config["read_parts"] else []
        return read_by_parts(self._model, whole, parts)

    def _set_predictions(self, message: Message, labels: list[str], row: list[float]) -> None:
        by_intent = answers_by_intent(labels, row)
        totals = {intent: sum(answers.values()) for intent, answers in by_intent.items()}
        ranking = sorted(totals.items(), key=lambda item: item[1], reverse=True)
        ranking = ranking[: self._config["ranking_length"]]
        intent_ranking = [
            {INTENT_NAME_KEY: name, PREDICTED_CONFIDENCE_KEY: score} for name, score in ranking
        ]
        message.set(INTENT, dict(intent_ranking[0]), add_to_output=True)
        message.set(INTENT_RANKING_KEY, intent_ranking, add_to_output=True)
        retrieval_intents = sorted(
            intent
            for intent, answers in by_intent.items()
            if any(RESPONSE_IDENTIFIER_DELIMITER in label for label in answers)
        )
        selector: dict[str, Any] = {RESPONSE_SELECTOR_RETRIEVAL_INTENTS: retrieval_intents}
        for intent in retrieval_intents:
            selector[intent] = self._selection(by_intent[intent], totals[intent])
        message.set(RESPONSE_SELECTOR_PROPERTY_NAME, selector, add_to_output=True)

    def _selection(self, answers: dict[str, float], total: float) -> dict[str, Any]:
        """The ResponseSelector's output for one retrieval intent: its best answer and ranking."""
        shares = answer_shares(answers, total)[: self._config["ranking_length"]]
        best, confidence = shares[0]
        utter_action = intent_response_key_to_template_key(best)
        return {
            RESPONSE_SELECTOR_PREDICTION_KEY: {
                RESPONSE_SELECTOR_RESPONSES_KEY: self._responses.get(utter_action, []),
                PREDICTED_CONFIDENCE_KEY: confidence,
                INTENT_RESPONSE_KEY: best,
                RESPONSE_SELECTOR_UTTER_ACTION_KEY: utter_action,
            },
            RESPONSE_SELECTOR_RANKING_KEY: [
                {PREDICTED_CONFIDENCE_KEY: share, INTENT_RESPONSE_KEY: key} for key, share in shares
            ],
        }
