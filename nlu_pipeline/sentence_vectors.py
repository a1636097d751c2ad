"""Sentence vectors from the encoder's token features: the whole message and its parts.

all-MiniLM-L6-v2 places sentences that mean the same close together when its token
vectors are mean-pooled and scaled to unit length. A long message (a history, what was
tried, then the question) pools into a blur of all of it; pooling the tokens of each
sentence separately gives the question, or the one alarming sentence, a vector of its own.
The token vectors are contextual, so each part still carries some of the message around it.
"""

from __future__ import annotations

import re
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
    text: str = ""
    """The sentence's words, lower case, joined by spaces."""


_ONLY_WHERE = re.compile(
    r"^\W*(?:(?:4|for|about|re|in|on|with|my|his|her|the|a|lower|upper|low|mid|middle|left"
    r"|right|both|back|spine|neck|hips?|legs?|knees?)\W*)+$",
    re.IGNORECASE,
)


def only_says_where(text: str) -> bool:
    """Whether a part only names a place ("4 my lower back"): nothing said happens there."""
    return bool(_ONLY_WHERE.match(text))


def part_vectors(message: Message, *, at_joined_questions: bool = False) -> list[Part]:
    """One vector per sentence of a message of two or more sentences; [] otherwise.

    With `at_joined_questions`, a question joined on by a comma or "and" is a part of its
    own: "I've got a mild backache from gardening, what stretches help?".
    """
    read = _words_and_vectors(message)
    if read is None:
        return []
    words, tokens = read
    parts = _spans(words, at_joined_questions=at_joined_questions)
    if len(parts) < 2:
        return []
    # A question is a sentence ending in "?" or, typed without one, opening with a question
    # word ("... i dont like taking tablets. what can i do at home").
    return [
        Part(
            vector,
            words[last - 1] == "?" or words[first] in _QUESTION_WORDS,
            " ".join(words[first:last]),
        )
        for first, last in parts
        if (vector := _unit(tokens[first:last])) is not None
    ]


def _words_and_vectors(message: Message) -> tuple[list[str], np.ndarray] | None:
    """The message's words (lower case) and their vectors, when the two line up."""
    tokens = _token_vectors(message)
    words = message.get(TOKENS_NAMES[TEXT]) or []
    if tokens is None or len(words) != tokens.shape[0]:
        return None
    return [word.text.lower() for word in words], tokens


def _spans(words: list[str], *, at_joined_questions: bool) -> list[tuple[int, int]]:
    """Where the sentences are (token start, end), long enough to read alone.

    With `at_joined_questions`, "... and how is it treated" starts a span of its own too.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for index, word in enumerate(words):
        joined = (
            at_joined_questions
            and word in _JOINS
            and index + 1 < len(words)
            and _opens_a_question(words, index + 1)
        )
        # "1) what is stenosis 2) is it a slipped disc": a numbered list's ")" ends one;
        # "my mum (78) has stenosis" is an aside, not a list.
        numbered = (
            word == ")"
            and index > 0
            and words[index - 1].isdigit()
            and (index < 2 or words[index - 2] != "(")
        )
        if joined or numbered or word in _SENTENCE_ENDS or index == len(words) - 1:
            end = index if joined else index + 1
            if end - start >= MIN_PART_TOKENS:
                spans.append((start, end))
            start = index + 1
    return spans


# "What is sciatica and how is it treated?", "what is sciatica, how long does it last": a
# second question joined by "and" or a comma starts with one of these words after the join.
_JOINS = frozenset({"and", "also", "plus", "&", ","})
_QUESTION_WORDS = frozenset(
    {
        "how",
        "what",
        "whats",
        "what's",
        "when",
        "where",
        "which",
        "why",
        "who",
        "can",
        "could",
        "should",
        "shall",
        "is",
        "are",
        "do",
        "does",
        "will",
        "would",
        "may",
    }
)


# "... and doesn't do computers" (the tokenizer's "does" "n't"): a statement, not a question.
_NEGATIONS = frozenset({"n't", "not", "nt"})


def _opens_a_question(words: list[str], index: int) -> bool:
    """Whether the word at `index` is a question word that opens a question there."""
    return words[index] in _QUESTION_WORDS and (
        index + 1 >= len(words) or words[index + 1] not in _NEGATIONS
    )


def question_clauses(message: Message) -> list[Part]:
    """One vector per question of a message that asks two or more; [] otherwise.

    A question is a sentence ending in "?" or starting with a question word, or a clause
    joined by "and" that starts with one ("... and how is it treated").
    """
    read = _words_and_vectors(message)
    if read is None:
        return []
    lowered, tokens = read
    spans = _spans(lowered, at_joined_questions=True)
    questions = [
        (first, last)
        for first, last in spans
        if _opens_a_question(lowered, first) or lowered[last - 1] == "?"
    ]
    if len(questions) < 2:
        return []
    return [
        Part(vector, True, " ".join(lowered[first:last]))
        for first, last in questions
        if (vector := _unit(tokens[first:last])) is not None
    ]
