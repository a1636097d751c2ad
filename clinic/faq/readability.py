"""How easy an answer is to read: the Flesch reading ease, with a simple syllable count.

Flesch reading ease = 206.835 - 1.015 x (words per sentence) - 84.6 x (syllables per word).
About 60-70 is plain English; below 30 reads like an academic paper. Syllables are
counted as groups of vowels (y counts as a vowel), less a silent final "e", at least one
a word: off by one now and then on a single word, which a whole answer averages out.
It is a measure of long sentences and long words, not of meaning, so a check warns
staff only when an answer is clearly harder than the clinic's setting.
"""

from __future__ import annotations

import re

_APOSTROPHE = "\u2019"  # the typographic apostrophe word processors put in
_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)?")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")


def words(text: str) -> list[str]:
    """The words of `text` (numbers and punctuation are not words)."""
    return _WORD.findall(text)


def sentence_count(text: str) -> int:
    """Sentences, counted by their ending punctuation; an unended text is one sentence."""
    return max(1, len(_SENTENCE_END.findall(text.strip())))


def syllables(word: str) -> int:
    """An estimate of the syllables in one English word."""
    lowered = word.lower().replace(_APOSTROPHE, "'").split("'")[0]
    count = len(_VOWEL_GROUP.findall(lowered))
    if lowered.endswith("e") and not lowered.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(1, count)


def reading_ease(text: str) -> float:
    """The Flesch reading ease of `text`; higher is easier. An empty text scores 100."""
    found = words(text)
    if not found:
        return 100.0
    per_sentence = len(found) / sentence_count(text)
    per_word = sum(syllables(word) for word in found) / len(found)
    return 206.835 - 1.015 * per_sentence - 84.6 * per_word
