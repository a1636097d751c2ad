"""Sentence vectors from the encoder's token features: the whole message and its parts.

all-MiniLM-L6-v2 places sentences that mean the same close together when its token
vectors are mean-pooled and scaled to unit length. A long message (a history, what was
tried, then the question) pools into a blur of all of it; pooling the tokens of each
sentence separately gives the question, or the one alarming sentence, a vector of its own.
The token vectors are contextual, so each part still carries some of the message around it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

# Tokens that end a sentence; a part needs this many tokens to be worth its own vector.
_SENTENCE_ENDS = frozenset({".", "!", "?", "\n", ";"})
MIN_PART_TOKENS = 3


def _unit(vectors: np.ndarray) -> np.ndarray | None:
    if vectors.ndim != 2 or vectors.shape[0] == 0:
        return None
    mean = vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else None


def _token_vectors(message: Message) -> np.ndarray | None:
    sequence, _ = message.get_dense_features(TEXT)
    if sequence is None:
        return None
    return np.asarray(sequence.features, dtype=np.float32)


def sentence_vector(message: Message) -> np.ndarray | None:
    """The unit-length mean of the message's dense token vectors, or None without any."""
    tokens = _token_vectors(message)
    return None if tokens is None else _unit(tokens)


@dataclass(frozen=True)
class Part:
    """One sentence of a longer message: its vector, and whether it is a question."""

    vector: np.ndarray
    question: bool


def part_vectors(message: Message) -> list[Part]:
    """One vector per sentence of a message of two or more sentences; [] otherwise."""
    tokens = _token_vectors(message)
    words = message.get(TOKENS_NAMES[TEXT]) or []
    if tokens is None or len(words) != tokens.shape[0]:
        return []
    parts: list[tuple[int, int]] = []
    start = 0
    for index, word in enumerate(words):
        if word.text in _SENTENCE_ENDS or index == len(words) - 1:
            if index + 1 - start >= MIN_PART_TOKENS:
                parts.append((start, index + 1))
            start = index + 1
    if len(parts) < 2:
        return []
    found = []
    for first, last in parts:
        vector = _unit(tokens[first:last])
        if vector is not None:
            found.append(Part(vector, words[last - 1].text == "?"))
    return found
