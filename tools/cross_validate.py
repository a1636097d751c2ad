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
  ordinary similarity to the training folds, plus the near-misses in
  clinic/triage/red_flag_near_misses.yml (never trained on), so that the threshold and
  margin are chosen for recall with few false alarms.

It prints the tables and writes ``reports/cross_validation.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
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

from clinic.settings import PROJECT_ROOT
from clinic.triage.red_flags import emergency_flags
from nlu_pipeline.intents import SUSPECTED
from nlu_pipeline.onnx_language_model import OnnxLanguageModelFeaturizer
from nlu_pipeline.red_flag_similarity import red_flag_scores
from nlu_pipeline.sentence_classifier import read_by_parts
from nlu_pipeline.sentence_vectors import Part, part_vectors, sentence_vector

GROUP_SIMILARITY = 0.85
FOLDS = 5
C_GRID = (3.0, 10.0, 30.0, 100.0)
THRESHOLDS = tuple(round(0.55 + 0.025 * step, 3) for step in range(15))
# The detector asks a question rather than sending anyone to urgent care, so recall comes
# first; but it may add at most this share of ordinary messages to those the rules and the
# classifier already question, or the question would frighten patients and be ignored.
MAX_EXTRA_FALSE_ALARMS = 0.01
CHOSEN_C = 10.0
MARGINS = (-0.05, 0.0, 0.05, 0.1)
NEAR_MISSES = PROJECT_ROOT / "clinic" / "triage" / "red_flag_near_misses.yml"
REPORT = PROJECT_ROOT / "reports" / "cross_validation.json"


def featurize(messages: list[Message]) -> None:
    """Run the pipeline's own spaCy, tokenizer and encoder components over `messages`."""
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
    encoder.process_training_data(data)


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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the cross-validation and print what it chooses."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--report", type=Path, default=REPORT)
    args = parser.parse_args(argv)

    files = sorted((PROJECT_ROOT / "data").glob("*/*.yml"))
    examples = [
        Message(data=dict(message.data))
        for file in files
        for message in load_data(str(file)).intent_examples
    ]
    near_misses = yaml.safe_load(NEAR_MISSES.read_text(encoding="utf-8"))
    near = [Message(data={TEXT: text}) for texts in near_misses.values() for text in texts]
    featurize(examples + near)
    kept = [(m, v) for m in examples if (v := sentence_vector(m)) is not None]
    messages = [m for m, _ in kept]
    vectors = np.vstack([v for _, v in kept])
    labels = [label_of(m) for m in messages]
    parts = [part_vectors(m) for m in messages]
    groups = paraphrase_groups(vectors, labels)
    flagged = np.asarray([m.get(INTENT) in SUSPECTED for m in messages])
    near_vectors = [
        np.vstack([v, *(p.vector for p in part_vectors(m))])
        for m in near
        if (v := sentence_vector(m)) is not None
    ]
    print(f"{len(messages)} examples, {len(set(labels))} labels, {len(set(groups))} groups")

    accuracy: dict[str, list[float]] = {}
    held_scores: list[tuple[float, float, bool, bool]] = []
    near_scores: list[tuple[float, float, bool]] = []
    ruled = [bool(emergency_flags(str(m.get(TEXT)))) for m in messages]
    near_ruled = [bool(emergency_flags(str(m.get(TEXT)))) for m in near]
    splitter = StratifiedGroupKFold(n_splits=FOLDS, shuffle=True, random_state=0)
    for fold, (train, test) in enumerate(splitter.split(vectors, labels, groups)):
        for c in C_GRID:
            model = LogisticRegression(C=c, max_iter=5000).fit(
                vectors[train], [labels[i] for i in train]
            )
            for read_parts in (False, True):
                got = [classify(model, vectors[i], parts[i] if read_parts else []) for i in test]
                right = np.mean([g == labels[i] for g, i in zip(got, test, strict=True)])
                accuracy.setdefault(f"C={c:g} parts={read_parts}", []).append(float(right))
        train_flagged = vectors[train][flagged[train]]
        train_ordinary = vectors[train][~flagged[train]]
        chosen_model = LogisticRegression(C=CHOSEN_C, max_iter=5000).fit(
            vectors[train], [labels[i] for i in train]
        )
        for i in test:
            whole = np.vstack([vectors[i], *(p.vector for p in parts[i])])
            best, ordinary, _ = red_flag_scores(whole, train_flagged, train_ordinary)
            other = ruled[i] or classify(chosen_model, vectors[i], parts[i]) in SUSPECTED
            held_scores.append((best, ordinary, other, bool(flagged[i])))
        if fold == 0:
            for whole, rule in zip(near_vectors, near_ruled, strict=True):
                best, ordinary, _ = red_flag_scores(whole, train_flagged, train_ordinary)
                other = rule or classify(chosen_model, whole[0], []) in SUSPECTED
                near_scores.append((best, ordinary, other))
        print(f"fold {fold + 1}/{FOLDS} done")

    print("\nClassifier accuracy on held-out paraphrase groups (mean over folds):")
    ranked = sorted(accuracy.items(), key=lambda item: -np.mean(item[1]))
    for name, values in ranked:
        print(f"  {name:<22} {np.mean(values):.3f}")

    # Measured together with the rules and the classifier's own red-flag guess, as they run.
    positives = [(b, o, r) for b, o, r, is_flag in held_scores if is_flag]
    negatives = [(b, o, r) for b, o, r, is_flag in held_scores if not is_flag] + near_scores
    base_recall = np.mean([r for _, _, r in positives])
    base_fa = np.mean([r for _, _, r in negatives])
    print(f"\nRules and classifier alone: recall {base_recall:.3f}, false alarms {base_fa:.3f}")
    table: list[dict[str, float]] = []
    for threshold in THRESHOLDS:
        for margin in MARGINS:
            recall = np.mean([r or (b >= threshold and b >= o + margin) for b, o, r in positives])
            false_alarm = np.mean(
                [r or (b >= threshold and b >= o + margin) for b, o, r in negatives]
            )
            table.append(
                {
                    "threshold": threshold,
                    "margin": margin,
                    "recall": float(recall),
                    "fa": float(false_alarm),
                }
            )
    allowed = [row for row in table if row["fa"] <= base_fa + MAX_EXTRA_FALSE_ALARMS] or table
    chosen = max(allowed, key=lambda row: (row["recall"], -row["fa"]))
    print(
        f"\nRed-flag similarity on held-out examples: {len(positives)} red flags, "
        f"{len(negatives)} ordinary messages and near-misses"
    )
    for row in table:
        if row["margin"] == chosen["margin"]:
            print(
                f"  threshold {row['threshold']:.3f} margin {row['margin']:+.2f}: "
                f"recall {row['recall']:.3f}, false alarms {row['fa']:.3f}"
            )
    print(f"Chosen: threshold {chosen['threshold']}, margin {chosen['margin']}")
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(
        json.dumps(
            {
                "classifier": {name: float(np.mean(v)) for name, v in ranked},
                "red_flag_similarity": [{k: float(v) for k, v in row.items()} for row in table],
                "chosen_red_flag_similarity": {k: float(v) for k, v in chosen.items()},
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
