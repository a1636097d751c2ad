"""Choose the NLU's settings by grouped cross-validation on the project's own training data.

Usage: ``python -m tools.cross_validate`` (``make cross-validate``). Never reads the dev
questions or the blind sets: those are for reporting only.

Paraphrases of one question sit close together, so a plain k-fold split would test each
example against its own near-twins and flatter every setting. Examples of one label whose
sentence vectors are at least ``GROUP_SIMILARITY`` alike are grouped (connected
components), and whole groups are held out together (StratifiedGroupKFold, 5 folds).

For every fold it measures, on the held-out examples:
- the classifier's accuracy for each ``C`` (inverse regularisation), reading long
  messages by their sentences or not;
- the red-flag similarity detector: each held-out example's nearest red-flag and nearest
  ordinary similarity to the training folds, plus the development messages in
  clinic/triage/red_flag_dev_messages.yml (hard near-misses and lay emergencies, never
  trained on), so that the threshold and margin are chosen for recall with few false
  alarms. Measured as the detectors run: the rules first, and no suspicion where the rules
  read the red-flag words and set them aside by their context.

Each choice keeps the setting config.yml (and the FAQ thresholds) hold now when the folds
cannot tell it from the best by more than one standard error: the choices otherwise move
from run to run at differences that are noise, and every reply with them.

It prints the tables and writes ``reports/cross_validation.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
from rasa.nlu.utils.spacy_utils import SpacyNLP
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold

from clinic.faq.answer_choice import Answer, Candidate, choose_answer
from clinic.faq.catalogue import INTENT_PREFIX, FaqCatalogue, read_faq_responses
from clinic.faq.condition_topics import refine_by_topic
from clinic.settings import PROJECT_ROOT, FaqThresholds
from clinic.triage.ordinary_pain import tells_only_ordinary_pain
from clinic.triage.red_flags import read_red_flags
from nlu_pipeline.intents import SUSPECTED
from nlu_pipeline.onnx_language_model import OnnxLanguageModelFeaturizer
from nlu_pipeline.red_flag_similarity import red_flag_scores
from nlu_pipeline.scope_gate import OUT_OF_SCOPE
from nlu_pipeline.sentence_classifier import answer_shares, answers_by_intent, read_by_parts
from nlu_pipeline.sentence_vectors import Part, part_vectors, sentence_vector
from nlu_pipeline.spelling import correct_tokens, english_words, speller_from, vocabulary

GROUP_SIMILARITY = 0.85
FOLDS = 5
C_GRID = (3.0, 10.0, 30.0, 100.0)
THRESHOLDS = tuple(round(0.55 + 0.025 * step, 3) for step in range(15))
# The detector asks a question rather than sending anyone to urgent care, so recall comes
# first; but it may add at most this share of ordinary messages to those the rules and the
# classifier already question, or the question would frighten patients and be ignored.
MAX_EXTRA_FALSE_ALARMS = 0.01
# The same limit for the hard near-misses of the development messages, which the ordinary
# messages (nine in ten of the negatives) would otherwise drown.
MAX_EXTRA_NEAR_MISS_QUESTIONS = 0.03
CONFIG = PROJECT_ROOT / "config.yml"
MARGINS = (-0.05, 0.0, 0.05, 0.1)
# When the FAQ action answers outright rather than asking "Did you mean...?": the top
# answer's share of the `faq` confidence and its lead over the runner-up.
ANSWER_GRID = tuple(round(0.3 + 0.05 * step, 2) for step in range(7))
MARGIN_GRID = (0.0, 0.05, 0.1, 0.15)
# A wrong answer outright (an out-of-scope question answered included) counts as this many
# missed ones: it misleads and the patient must still ask again, while a "Did you mean...?"
# costs one click and offers the right answer most of the time.
WRONG_ANSWER_COST = 2.0
# A question read alone as one clause of a longer message ("... and what stretches help?")
# gets its answer when the classifier's top label reaches `second_question_min`; held-out
# examples of a clause's length measure it, read as the clause is (no parts).
CLAUSE_WORDS = 8
CLAUSE_GRID = tuple(round(0.3 + 0.05 * step, 2) for step in range(9))
FAQ_INTENT = INTENT_PREFIX.removesuffix("/")
DEV_MESSAGES = PROJECT_ROOT / "clinic" / "triage" / "red_flag_dev_messages.yml"
REPORT = PROJECT_ROOT / "reports" / "cross_validation.json"
FAQ_DIR = PROJECT_ROOT / "data" / "faq"


@dataclass(frozen=True)
class Configured:
    """The settings config.yml and the FAQ thresholds hold now.

    Kept when the folds cannot tell them from the best: a threshold moved by a difference
    smaller than the noise would change replies for nothing, and back again next run.
    """

    c: float
    read_parts: bool
    second_question_min: float
    red_flag_threshold: float
    red_flag_margin: float
    faq: FaqThresholds

    @property
    def classifier(self) -> str:
        """The classifier setting's name in the accuracy table."""
        return f"C={self.c:g} parts={self.read_parts}"


def configured_settings(config: Path = CONFIG) -> Configured:
    """The settings in `config` (the classifier's and the red-flag detector's) and the FAQ's."""
    pipeline = yaml.safe_load(config.read_text(encoding="utf-8"))["pipeline"]
    by_name = {str(step["name"]).rsplit(".", 1)[-1]: step for step in pipeline}
    classifier, detector = by_name["SentenceClassifier"], by_name["RedFlagSimilarity"]
    return Configured(
        c=float(classifier["C"]),
        read_parts=bool(classifier.get("read_parts", False)),
        second_question_min=float(classifier["second_question_min"]),
        red_flag_threshold=float(detector["min_similarity"]),
        red_flag_margin=float(detector["margin"]),
        faq=FaqThresholds(),
    )


Scored = tuple[float, float, bool, bool, bool, bool]
"""Nearest red-flag and ordinary similarity, ruled an emergency, classifier's red-flag guess,
red-flag words set aside by the rules, and whether it is a red flag."""


def featurize(messages: list[Message]) -> None:
    """Run the pipeline's own spaCy, tokenizer, spelling and encoder components over `messages`.

    The spelling vocabulary comes from all of `messages` (no answers' texts here): a word's
    spelling says nothing about which answer it belongs to.
    """
    context = ExecutionContext(GraphSchema({}))
    spacy = SpacyNLP.create({"model": "build/spacy_pipeline"}, None, None, context)
    tokenizer = SpacyTokenizer.create(SpacyTokenizer.get_default_config(), None, None, context)
    config = {
        **OnnxLanguageModelFeaturizer.get_default_config(),
        "model_name": "bert",
        "model_weights": "build/language_model",
        "onnx_model": "build/language_model.onnx",
    }
    encoder = OnnxLanguageModelFeaturizer.create(config, None, None, context)
    data = TrainingData(training_examples=messages)
    spacy.process_training_data(data, spacy.provide())
    tokenizer.process_training_data(data)
    english = english_words()
    words = vocabulary((str(m.get(TEXT) or "") for m in messages), english)
    correct_tokens(messages, speller_from(words, english))
    encoder.process_training_data(data)


def standard_error(values: Sequence[float]) -> float:
    """The standard error of the mean of the folds' scores."""
    return float(np.std(values, ddof=1) / np.sqrt(len(values))) if len(values) > 1 else 0.0


# On a tie: sentences read as parts, then joined questions too, then the whole alone.
_PARTS_PREFERENCE = ("True", "clauses", "False")


def one_standard_error_choice(
    accuracy: dict[str, list[float]], configured: str | None = None
) -> str:
    """The most regularised setting (smallest C) within one standard error of the best.

    Reading sentences wins a tie, for long messages; the `configured` setting wins when it
    is within.

    Differences smaller than the folds' own spread are noise; among settings the data
    cannot tell apart, the simplest model generalises best to wording nobody wrote.
    """
    best_name = max(accuracy, key=lambda name: np.mean(accuracy[name]))
    floor = np.mean(accuracy[best_name]) - standard_error(accuracy[best_name])
    within = [name for name, values in accuracy.items() if np.mean(values) >= floor]
    if configured in within:
        return str(configured)

    def simplicity(name: str) -> tuple[float, int]:
        c, parts = name.split()
        return float(c.removeprefix("C=")), _PARTS_PREFERENCE.index(parts.removeprefix("parts="))

    return min(within, key=simplicity)


def rule_reading(text: str) -> tuple[bool, bool]:
    """Whether the rules call `text` an emergency, and whether nothing is left to suspect.

    Nothing is left when the rules read its red-flag words and set them aside, or when it
    tells only where, how long and how bad the pain is (as RedFlagSimilarity skips it).
    """
    reading = read_red_flags(text)
    # As a first message: flags that need back pain count only with it (EmergencyGuard).
    ruled = bool(reading.now)
    set_aside = bool(reading.set_aside) and not ruled and not reading.with_back_pain
    return ruled, set_aside or (not ruled and tells_only_ordinary_pain(text))


def label_of(message: Message) -> str:
    """The classifier's label: the intent, or the FAQ answer for `faq` examples."""
    return str(message.get(INTENT_RESPONSE_KEY) or message.get(INTENT))


def paraphrase_groups(vectors: np.ndarray, labels: Sequence[str]) -> np.ndarray:
    """Group ids: examples of one label at least GROUP_SIMILARITY alike share a group."""
    parent = list(range(len(labels)))

    def find(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    similar = vectors @ vectors.T
    for first in range(len(labels)):
        for second in np.nonzero(similar[first, first + 1 :] >= GROUP_SIMILARITY)[0]:
            other = first + 1 + int(second)
            if labels[first] == labels[other]:
                parent[find(first)] = find(other)
    return np.asarray([find(index) for index in range(len(labels))])


def classify(model: LogisticRegression, whole: np.ndarray, parts: list[Part]) -> str:
    """The classifier's label, reading a long message by its parts as SentenceClassifier does."""
    return str(model.classes_[int(np.argmax(read_by_parts(model, whole, parts)))])


def choose_red_flag_setting(
    table: Sequence[dict[str, float]],
    red_flags: int,
    base_fa: float,
    base_near_fa: float,
    *,
    ordinary: int = 0,
    configured: tuple[float, float] | None = None,
) -> dict[str, float]:
    """The red-flag detector's threshold and margin, from the cross-validation's table.

    Among settings that add few false alarms to those of the rules and the classifier, and
    whose recall the folds cannot tell from the best (one standard error of a proportion
    over `red_flags` held-out red flags), the one with the fewest false alarms: as for the
    classifier, a difference smaller than the noise buys nothing. The `configured`
    (threshold, margin) is kept when it is among them and its false alarms are within one
    standard error (over `ordinary` held-out ordinary messages) of that fewest.
    """
    allowed = [
        row
        for row in table
        if row["fa"] <= base_fa + MAX_EXTRA_FALSE_ALARMS
        and row["dev_near_miss_fa"] <= base_near_fa + MAX_EXTRA_NEAR_MISS_QUESTIONS
    ] or list(table)
    best_recall = max(row["recall"] for row in allowed)
    recall_error = float(np.sqrt(best_recall * (1 - best_recall) / max(1, red_flags)))
    candidates = [row for row in allowed if row["recall"] >= best_recall - recall_error]
    chosen = min(candidates, key=lambda row: (row["fa"], -row["recall"]))
    fa_error = float(np.sqrt(chosen["fa"] * (1 - chosen["fa"]) / max(1, ordinary)))
    current = next(
        (
            row
            for row in candidates
            if configured is not None
            and np.isclose(row["threshold"], configured[0])
            and np.isclose(row["margin"], configured[1])
        ),
        None,
    )
    if current is not None and ordinary and current["fa"] <= chosen["fa"] + fa_error:
        return current
    return chosen


def _good_done(row: Mapping[str, float]) -> float:
    """Right answers given less the wrong ones' cost (WRONG_ANSWER_COST each)."""
    return row["answered_right"] - WRONG_ANSWER_COST * row["answered_wrong"]


def _good_error(row: Mapping[str, float], examples: int) -> float:
    """One standard error of `_good_done` over `examples` held-out FAQ examples.

    Each example scores 1 (right), -WRONG_ANSWER_COST (wrong) or 0 (not answered).
    """
    second_moment = row["answered_right"] + WRONG_ANSWER_COST**2 * row["answered_wrong"]
    return float(np.sqrt(max(0.0, second_moment - _good_done(row) ** 2) / max(1, examples)))


def _kept_if_within_noise(
    table: Sequence[dict[str, float]],
    best: dict[str, float],
    examples: int,
    is_configured: Callable[[Mapping[str, float]], bool],
) -> dict[str, float]:
    """The configured row when its good done is within one standard error of `best`'s."""
    current = next((row for row in table if is_configured(row)), None)
    if current is None or not examples:
        return best
    within = _good_done(current) >= _good_done(best) - _good_error(best, examples)
    return current if within else best


def choose_faq_thresholds(
    table: Sequence[dict[str, float]],
    *,
    examples: int = 0,
    configured: FaqThresholds | None = None,
) -> dict[str, float]:
    """The FAQ answer threshold and margins that do the most good.

    Right answers less the wrong ones' cost (WRONG_ANSWER_COST each); of equals, the
    stricter threshold and the larger margins. The `configured` thresholds are kept when
    their good is within one standard error (over `examples` FAQ examples) of the best.
    """
    best = max(
        table,
        key=lambda row: (_good_done(row), row["answer"], row["margin"], row["topic_margin"]),
    )
    if configured is None:
        return best
    return _kept_if_within_noise(
        table,
        best,
        examples,
        lambda row: bool(
            np.isclose(row["answer"], configured.answer)
            and np.isclose(row["margin"], configured.margin)
            and np.isclose(row["topic_margin"], configured.topic_margin)
        ),
    )


def clause_threshold_table(
    rows: Sequence[tuple[Sequence[str], np.ndarray, str]],
) -> list[dict[str, float]]:
    """Clause answers given, right and wrong, for every `second_question_min` in the grid.

    `rows` are held-out clause-length FAQ and out-of-scope examples: the fold model's
    classes, the probabilities of the example read alone, and its label. An answer is given
    when the top label is an FAQ answer at or above the threshold; an out-of-scope example
    answered counts as wrong.
    """
    faqs = sum(1 for *_, label in rows if label.startswith(INTENT_PREFIX))
    table = []
    for least in CLAUSE_GRID:
        right = wrong = 0
        for classes, row, label in rows:
            top = str(classes[int(np.argmax(row))])
            if not top.startswith(INTENT_PREFIX) or float(row.max()) < least:
                continue
            right += top == label
            wrong += top != label
        table.append(
            {
                "second_question_min": least,
                "answered_right": right / max(1, faqs),
                "answered_wrong": wrong / max(1, faqs),
                "precision": right / (right + wrong) if right + wrong else 1.0,
            }
        )
    return table


def choose_clause_threshold(
    table: Sequence[dict[str, float]], *, examples: int = 0, configured: float | None = None
) -> dict[str, float]:
    """The clause threshold that does the most good, scored as the FAQ thresholds are.

    The `configured` threshold is kept when its good is within one standard error of the
    best's, as for the FAQ thresholds.
    """
    best = max(table, key=lambda row: (_good_done(row), row["second_question_min"]))
    if configured is None:
        return best
    return _kept_if_within_noise(
        table, best, examples, lambda row: bool(np.isclose(row["second_question_min"], configured))
    )


def faq_outcome(
    classes: Sequence[str],
    row: np.ndarray,
    text: str,
    thresholds: FaqThresholds,
    topics: Mapping[str, str] | None = None,
) -> str | None:
    """The FAQ answer given outright for one message's label probabilities, or None.

    As the assistant reads them: the `faq` intent must lead the summed intents, and then
    the answers' shares of it go through the FAQ action's own choice.
    """
    by_intent = answers_by_intent(classes, row)
    totals = {intent: sum(answers.values()) for intent, answers in by_intent.items()}
    if max(totals, key=lambda name: totals[name]) != FAQ_INTENT or totals[FAQ_INTENT] <= 0:
        return None
    ranking = [
        Candidate(label.removeprefix(INTENT_PREFIX), share)
        for label, share in answer_shares(by_intent[FAQ_INTENT], totals[FAQ_INTENT])
    ]
    decision = refine_by_topic(choose_answer(ranking, thresholds, topics), text)
    return decision.key if isinstance(decision, Answer) else None


def faq_threshold_table(
    rows: Sequence[tuple[Sequence[str], np.ndarray, str, str]],
    topics: Mapping[str, str] | None = None,
) -> list[dict[str, float]]:
    """Answers given outright, right and wrong, for every answer threshold and margins.

    `rows` are held-out FAQ and out-of-scope examples: the fold model's classes, the
    example's probabilities, its text and its label. An out-of-scope question answered
    outright counts as a wrong answer, and so does another answer on the same topic.
    `topics` (each answer's topic) adds the grid of same-topic margins.
    """
    faqs = sum(1 for *_, label in rows if label.startswith(INTENT_PREFIX))
    out_of_scope = sum(1 for *_, label in rows if label == OUT_OF_SCOPE)
    table = []
    grid = [
        (answer, margin, topic_margin)
        for answer in ANSWER_GRID
        for margin in MARGIN_GRID
        for topic_margin in (MARGIN_GRID if topics else (margin,))
        if topic_margin <= margin
    ]
    for answer, margin, topic_margin in grid:
        thresholds = FaqThresholds(
            answer=answer, margin=margin, fallback=min(0.2, answer), topic_margin=topic_margin
        )
        given = [
            (faq_outcome(classes, row, text, thresholds, topics), label)
            for classes, row, text, label in rows
        ]
        right = sum(1 for key, label in given if key and INTENT_PREFIX + key == label)
        answered = sum(1 for key, _ in given if key)
        table.append(
            {
                "answer": answer,
                "margin": margin,
                "topic_margin": topic_margin,
                "answered_right": right / max(1, faqs),
                "answered_wrong": (answered - right) / max(1, faqs),
                "precision": right / answered if answered else 1.0,
                "out_of_scope_answered": sum(
                    1 for key, label in given if key and label == OUT_OF_SCOPE
                )
                / max(1, out_of_scope),
            }
        )
    return table


def main(argv: Sequence[str] | None = None) -> int:
    """Run the cross-validation and print what it chooses."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--report", type=Path, default=REPORT)
    args = parser.parse_args(argv)
    configured = configured_settings()

    files = sorted((PROJECT_ROOT / "data").glob("*/*.yml"))
    examples = [
        Message(data=dict(message.data))
        for file in files
        for message in load_data(str(file)).intent_examples
    ]
    dev = yaml.safe_load(DEV_MESSAGES.read_text(encoding="utf-8"))
    dev_texts = [
        (text, part == "emergencies")
        for part in dev
        for texts in dev[part].values()
        for text in texts
    ]
    near = [Message(data={TEXT: text}) for text, _ in dev_texts]
    featurize(examples + near)
    kept = [(m, v) for m in examples if (v := sentence_vector(m)) is not None]
    messages = [m for m, _ in kept]
    vectors = np.vstack([v for _, v in kept])
    labels = [label_of(m) for m in messages]
    parts = [part_vectors(m) for m in messages]
    clause_parts = [part_vectors(m, at_joined_questions=True) for m in messages]
    # Where reading joined questions as parts changes anything: the accuracy that matters.
    differ = {
        i
        for i, (a, b) in enumerate(zip(parts, clause_parts, strict=True))
        if [p.text for p in a] != [p.text for p in b]
    }
    groups = paraphrase_groups(vectors, labels)
    flagged = np.asarray([m.get(INTENT) in SUSPECTED for m in messages])
    near_kept = [
        (np.vstack([v, *(p.vector for p in part_vectors(m))]), m, is_flag)
        for m, (_, is_flag) in zip(near, dev_texts, strict=True)
        if (v := sentence_vector(m)) is not None
    ]
    near_vectors = [whole for whole, _, _ in near_kept]
    near_flagged = [is_flag for _, _, is_flag in near_kept]
    print(f"{len(messages)} examples, {len(set(labels))} labels, {len(set(groups))} groups")

    accuracy: dict[str, list[float]] = {}
    joined_right: dict[str, int] = {}
    held_scores: list[Scored] = []
    near_scores: list[Scored] = []
    faq_rows: list[tuple[Sequence[str], np.ndarray, str, str]] = []
    clause_rows: list[tuple[Sequence[str], np.ndarray, str]] = []
    readings = [rule_reading(str(m.get(TEXT))) for m in messages]
    near_readings = [rule_reading(str(m.get(TEXT))) for _, m, _ in near_kept]
    splitter = StratifiedGroupKFold(n_splits=FOLDS, shuffle=True, random_state=0)
    for fold, (train, test) in enumerate(splitter.split(vectors, labels, groups)):
        for c in C_GRID:
            model = LogisticRegression(C=c, max_iter=5000).fit(
                vectors[train], [labels[i] for i in train]
            )
            for reading, read in (("False", None), ("True", parts), ("clauses", clause_parts)):
                got = [classify(model, vectors[i], read[i] if read else []) for i in test]
                right = np.mean([g == labels[i] for g, i in zip(got, test, strict=True)])
                accuracy.setdefault(f"C={c:g} parts={reading}", []).append(float(right))
                changed = [(g, i) for g, i in zip(got, test, strict=True) if i in differ]
                joined_right[f"C={c:g} parts={reading}"] = joined_right.get(
                    f"C={c:g} parts={reading}", 0
                ) + sum(g == labels[i] for g, i in changed)
        train_flagged = vectors[train][flagged[train]]
        train_ordinary = vectors[train][~flagged[train]]
        chosen_model = LogisticRegression(C=configured.c, max_iter=5000).fit(
            vectors[train], [labels[i] for i in train]
        )
        for i in test:
            whole = np.vstack([vectors[i], *(p.vector for p in parts[i])])
            best, ordinary, _ = red_flag_scores(whole, train_flagged, train_ordinary)
            ruled, set_aside = readings[i]
            chosen_parts = parts[i] if configured.read_parts else []
            guessed = classify(chosen_model, vectors[i], chosen_parts) in SUSPECTED
            held_scores.append((best, ordinary, ruled, guessed, set_aside, bool(flagged[i])))
            if labels[i].startswith(INTENT_PREFIX) or labels[i] == OUT_OF_SCOPE:
                probabilities = read_by_parts(chosen_model, vectors[i], parts[i])
                faq_rows.append(
                    (
                        list(chosen_model.classes_),
                        probabilities,
                        str(messages[i].get(TEXT)),
                        labels[i],
                    )
                )
                if len(str(messages[i].get(TEXT)).split()) <= CLAUSE_WORDS:
                    alone = chosen_model.predict_proba(vectors[i][None, :])[0]
                    clause_rows.append((list(chosen_model.classes_), alone, labels[i]))
        if fold == 0:
            for whole, (ruled, set_aside), is_flag in zip(
                near_vectors, near_readings, near_flagged, strict=True
            ):
                best, ordinary, _ = red_flag_scores(whole, train_flagged, train_ordinary)
                guessed = classify(chosen_model, whole[0], []) in SUSPECTED
                near_scores.append((best, ordinary, ruled, guessed, set_aside, is_flag))
        print(f"fold {fold + 1}/{FOLDS} done")

    print("\nClassifier accuracy on held-out paraphrase groups (mean over folds):")
    ranked = sorted(accuracy.items(), key=lambda item: -np.mean(item[1]))
    for name, values in ranked:
        print(f"  {name:<22} {np.mean(values):.3f} (standard error {standard_error(values):.3f})")
    chosen_classifier = one_standard_error_choice(accuracy, configured.classifier)
    print(
        "Chosen (the configured setting, or else the most regularised, within one standard "
        f"error of the best): {chosen_classifier}"
    )
    print(f"\nOn the {len(differ)} examples with a question joined by a comma or 'and':")
    for name, right in sorted(joined_right.items(), key=lambda item: -item[1]):
        print(f"  {name:<22} {right}/{len(differ)} right")

    # Measured together with the rules and the classifier's own red-flag guess, as they run.
    def caught(
        row: tuple[float, float, bool, bool, bool, bool], threshold: float, margin: float
    ) -> bool:
        best, ordinary, ruled, guessed, set_aside, _ = row
        similar = best >= threshold and best >= ordinary + margin
        return ruled or (not set_aside and (guessed or similar))

    positives = [row for row in held_scores + near_scores if row[-1]]
    negatives = [row for row in held_scores + near_scores if not row[-1]]
    dev_positives = [row for row in near_scores if row[-1]]
    dev_negatives = [row for row in near_scores if not row[-1]]
    never = 2.0  # a threshold no similarity reaches: the rules and the classifier alone
    base_recall = np.mean([caught(row, never, 0.0) for row in positives])
    base_fa = np.mean([caught(row, never, 0.0) for row in negatives])
    base_near_fa = np.mean([caught(row, never, 0.0) for row in dev_negatives])
    rules_fa = np.mean([row[2] for row in dev_negatives])
    rules_recall = np.mean([row[2] for row in dev_positives])
    print(
        f"\nRules alone on the development messages: recall {rules_recall:.3f}, "
        f"false alarms on near-misses {rules_fa:.3f}"
    )
    print(
        f"Rules and classifier alone: recall {base_recall:.3f}, false alarms {base_fa:.3f} "
        f"(near-misses questioned {base_near_fa:.3f})"
    )
    table: list[dict[str, float]] = []
    for threshold in THRESHOLDS:
        for margin in MARGINS:
            table.append(
                {
                    "threshold": threshold,
                    "margin": margin,
                    "recall": float(np.mean([caught(r, threshold, margin) for r in positives])),
                    "fa": float(np.mean([caught(r, threshold, margin) for r in negatives])),
                    "dev_recall": float(
                        np.mean([caught(r, threshold, margin) for r in dev_positives])
                    ),
                    "dev_near_miss_fa": float(
                        np.mean([caught(r, threshold, margin) for r in dev_negatives])
                    ),
                }
            )
    chosen = choose_red_flag_setting(
        table,
        len(positives),
        float(base_fa),
        float(base_near_fa),
        ordinary=len(negatives),
        configured=(configured.red_flag_threshold, configured.red_flag_margin),
    )
    print(
        f"\nRed-flag similarity on held-out examples: {len(positives)} red flags, "
        f"{len(negatives)} ordinary messages and near-misses"
    )
    for row in table:
        if row["margin"] == chosen["margin"]:
            print(
                f"  threshold {row['threshold']:.3f} margin {row['margin']:+.2f}: "
                f"recall {row['recall']:.3f}, false alarms {row['fa']:.3f} "
                f"(development messages: recall {row['dev_recall']:.3f}, "
                f"near-misses questioned {row['dev_near_miss_fa']:.3f})"
            )
    print(f"Chosen: threshold {chosen['threshold']}, margin {chosen['margin']}")

    topics = FaqCatalogue.from_responses(read_faq_responses(FAQ_DIR)).topics()
    faq_table = faq_threshold_table(faq_rows, topics)
    faq_examples = sum(1 for *_, label in faq_rows if label.startswith(INTENT_PREFIX))
    faq_chosen = choose_faq_thresholds(faq_table, examples=faq_examples, configured=configured.faq)
    print(
        "\nFAQ answers given outright on held-out FAQ and out-of-scope examples "
        f"(shares of the FAQ examples; a wrong answer costs {WRONG_ANSWER_COST:g} right ones):"
    )
    for row in faq_table:
        print(
            f"  answer {row['answer']:.2f} margin {row['margin']:.2f} "
            f"topic margin {row['topic_margin']:.2f}: "
            f"right {row['answered_right']:.3f}, wrong {row['answered_wrong']:.3f}, "
            f"precision {row['precision']:.3f}, "
            f"out of scope answered {row['out_of_scope_answered']:.3f}"
        )
    print(
        f"Chosen: answer {faq_chosen['answer']}, margin {faq_chosen['margin']}, "
        f"topic margin {faq_chosen['topic_margin']}"
    )
    clause_table = clause_threshold_table(clause_rows)
    clause_examples = sum(1 for *_, label in clause_rows if label.startswith(INTENT_PREFIX))
    clause_chosen = choose_clause_threshold(
        clause_table, examples=clause_examples, configured=configured.second_question_min
    )
    print(
        f"\nOne question of several, read alone ({len(clause_rows)} held-out examples of at "
        f"most {CLAUSE_WORDS} words):"
    )
    for row in clause_table:
        print(
            f"  second_question_min {row['second_question_min']:.2f}: "
            f"right {row['answered_right']:.3f}, wrong {row['answered_wrong']:.3f}, "
            f"precision {row['precision']:.3f}"
        )
    print(f"Chosen: second_question_min {clause_chosen['second_question_min']}")
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(
        json.dumps(
            {
                "classifier": {name: float(np.mean(v)) for name, v in ranked},
                "chosen_classifier": chosen_classifier,
                "joined_questions_right": {"of": len(differ), **joined_right},
                "red_flag_similarity": [{k: float(v) for k, v in row.items()} for row in table],
                "chosen_red_flag_similarity": {k: float(v) for k, v in chosen.items()},
                "faq_answer": faq_table,
                "chosen_faq_answer": faq_chosen,
                "second_question": clause_table,
                "chosen_second_question": clause_chosen,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"Wrote {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
