"""Words typed with a slip of the finger, put right before the sentence encoder reads them.

Patients type "streching benifits" and "treatmnet chronic back pain". The encoder splits
an unknown word into pieces that no longer mean what the patient meant, so such a
question lands far from every FAQ example and falls back. A word that is neither English
(pyspellchecker's word list, shipped inside its wheel) nor familiar from our own training
data is replaced, for the encoder only, by the nearest word our data uses: one letter
away for a short word, two for a long one, the most used of equals. The message's text
is never changed, so names, references and the rules that read the text see what the
patient typed. Used in config.yml, between the tokenizer and the encoder, as::

    - name: nlu_pipeline.spelling.SpellingCorrector
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import rasa.shared.utils.io
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import TOKENS_NAMES
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

VOCABULARY_FILE = "vocabulary.json"
_WORD = re.compile(r"[a-z]+")
# Common endings, and the stems they may follow ("texting" from "text", "hoping" from "hope").
_ENDINGS: tuple[tuple[str, Callable[[str], tuple[str, ...]]], ...] = (
    ("ing", lambda stem: (stem, stem + "e")),
    ("ed", lambda stem: (stem, stem + "e")),
    ("s", lambda stem: (stem,)),
    ("y", lambda stem: (stem,)),
)
# A word of ours is familiar when our data uses it this often, unless it is one slip from
# an English word our data uses at least _SLIP_RATIO times as often.
_FAMILIAR_COUNT = 2
_SENTENCE_ENDS = frozenset({".", "!", "?", ":", ";"})
_SLIP_RATIO = 3
# Text-speak is no slip of the finger: "shud" is one letter from "shut", not "should".
TEXT_SPEAK = {
    "abt": "about",
    "alot": "a lot",
    "b4": "before",
    "becoz": "because",
    # "my bk is rly bad rn": in a back clinic's chat, "bk" is the back.
    "bk": "back",
    "bck": "back",
    "bcoz": "because",
    "coz": "because",
    "cuz": "because",
    "cud": "could",
    "pls": "please",
    "plz": "please",
    "ppl": "people",
    "r": "are",
    "rly": "really",
    "rn": "right now",
    "shud": "should",
    "thanx": "thanks",
    "thx": "thanks",
    "tho": "though",
    "u": "you",
    "ur": "your",
    "wat": "what",
    "wen": "when",
    "wot": "what",
    "wud": "would",
}


@dataclass(frozen=True)
class Speller:
    """Puts a misspelt word right to the nearest word of our own data, and text-speak to words.

    `targets` are the words a slip may be put right to, with how often our data uses them;
    `is_known` tells a word to leave alone (English, or familiar from our data).
    """

    targets: Mapping[str, int]
    is_known: Callable[[str], bool]
    min_length: int = 4
    long_word: int = 7

    def correct(self, word: str) -> str | None:
        """The word meant, or None when `word` is fine or nothing is near enough."""
        lower = word.lower()
        if lower in TEXT_SPEAK:
            return TEXT_SPEAK[lower]
        if len(lower) < self.min_length or not _WORD.fullmatch(lower) or self.is_known(lower):
            return None
        found = _near(lower, self.targets, edits=2 if len(lower) >= self.long_word else 1)
        nearest = min((distance for _, distance in found), default=None)
        if nearest != 1 and (halves := self._halves(lower)) is not None:
            return halves
        if nearest is None:
            return None
        return max(
            (candidate for candidate, distance in found if distance == nearest),
            key=lambda candidate: (self.targets[candidate], candidate),
        )

    def _halves(self, word: str) -> str | None:
        """Two words of ours typed as one ("backpain"), written apart."""
        for cut in range(3, len(word) - 2):
            first, second = word[:cut], word[cut:]
            if first in self.targets and second in self.targets:
                return f"{first} {second}"
        return None


def _near(word: str, words: Mapping[str, int], *, edits: int) -> list[tuple[str, int]]:
    """The `words` at most `edits` slips from `word`, each with its distance.

    A swap of two neighbouring letters ("treatmnet") is one slip.
    """
    found = process.extract(
        word, words.keys(), scorer=DamerauLevenshtein.distance, score_cutoff=edits, limit=None
    )
    return [(other, int(distance)) for other, distance, _ in found]


def vocabulary(texts: Iterable[str], is_english: Callable[[str], bool]) -> dict[str, Any]:
    """What our data says about words: the English ones it uses, and its own familiar ones.

    A word that is not English but recurs in our data ("physio", "pilates", "xray") is
    familiar: left alone, and a word a slip may be put right to. One that is a single slip
    from an English word our data uses far more ("benifits", written into examples on
    purpose) is a slip like any other.
    """
    counts = Counter(word for text in texts for word in _WORD.findall(text.lower()))
    targets = {word: n for word, n in sorted(counts.items()) if is_english(word)}

    def is_a_slip(word: str) -> bool:
        near = _near(word, targets, edits=1)
        return any(targets[other] >= _SLIP_RATIO * counts[word] for other, _ in near)

    familiar = sorted(
        word
        for word, n in counts.items()
        if n >= _FAMILIAR_COUNT and word not in targets and not is_a_slip(word)
    )
    return {
        "targets": {**targets, **{word: counts[word] for word in familiar}},
        "familiar": familiar,
    }


def english_words() -> Callable[[str], bool]:
    """Whether a word is English: pyspellchecker's word list, with spaCy's lookup tables.

    pyspellchecker knows "statin" and "realize" but not "statins", "realise" or "texting";
    spaCy's lemma table (inflected forms) and norm table (British spellings), from
    spacy-lookups-data, and a known stem under a common ending fill the gap. A contraction
    typed without its apostrophe ("dont", "couldnt") is English too: put right to the
    nearest word, "couldnt" would lose its "not". Loaded in about half a second.
    """
    import spacy_lookups_data
    from spellchecker import SpellChecker

    words = SpellChecker(language="en").word_frequency
    tables = Path(spacy_lookups_data.__file__).parent / "data"
    forms = set()
    for table in ("en_lemma_lookup.json.gz", "en_lexeme_norm.json.gz"):
        with gzip.open(tables / table, "rt", encoding="utf-8") as file:
            forms.update(json.load(file))

    def is_english(word: str) -> bool:
        return (
            word in words
            or word in forms
            or any(f"{word[:cut]}'{word[cut:]}" in words for cut in range(1, len(word)))
            or any(
                word.endswith(ending) and len(word) - len(ending) >= 3 and stem in words
                for ending, stems in _ENDINGS
                for stem in stems(word[: -len(ending)])
            )
        )

    return is_english


def speller_from(
    words: Mapping[str, Any], is_english: Callable[[str], bool], **limits: int
) -> Speller:
    """The speller for a vocabulary made by `vocabulary`."""
    familiar = frozenset(words.get("familiar") or ())
    return Speller(
        targets=words["targets"],
        is_known=lambda word: word in familiar or is_english(word),
        **limits,
    )


def correct_tokens(messages: Iterable[Message], speller: Speller) -> None:
    """Replace each misspelt token's text, the words the encoder reads, with the word meant."""
    for message in messages:
        tokens = message.get(TOKENS_NAMES[TEXT]) or []
        for index, token in enumerate(tokens):
            if _is_a_name(token.text, tokens[index - 1].text if index else None):
                continue
            if (meant := speller.correct(token.text)) is not None:
                token.text = meant


def _is_a_name(word: str, before: str | None) -> bool:
    """A capitalised word inside a sentence ("Mr Jones", "in Paris") is a name, not a slip."""
    return (
        before is not None
        and before not in _SENTENCE_ENDS
        and word[:1].isupper()
        and not word.isupper()
    )


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class SpellingCorrector(GraphComponent):
    """Corrects the tokens the encoder reads; the message's text stays as typed."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Words shorter than `min_length` are left alone; from `long_word`, two slips."""
        return {"min_length": 4, "long_word": 7}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        words: Mapping[str, Any] | None = None,
    ) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._speller = self._speller_for(words, english_words()) if words else None

    def _speller_for(
        self, words: Mapping[str, Any], is_english: Callable[[str], bool]
    ) -> Speller | None:
        """The speller for a trained vocabulary; None (nothing corrected) for an empty one."""
        if not words.get("targets"):
            return None
        return speller_from(
            words,
            is_english,
            min_length=int(self._config["min_length"]),
            long_word=int(self._config["long_word"]),
        )

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SpellingCorrector:
        """A corrector with no vocabulary yet: it corrects nothing until trained."""
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> SpellingCorrector:
        """The corrector with the vocabulary it was trained with."""
        try:
            with model_storage.read_from(resource) as directory:
                words = rasa.shared.utils.io.read_json_file(directory / VOCABULARY_FILE)
        except ValueError:
            words = {}
        return cls(config, model_storage, resource, words)

    def train(self, training_data: TrainingData) -> Resource:
        """Learn our data's words from the training examples and the answers' texts."""
        texts = [str(example.get(TEXT) or "") for example in training_data.training_examples]
        texts += [
            str(variant.get(TEXT) or "")
            for variants in training_data.responses.values()
            for variant in variants
        ]
        english = english_words()
        words = vocabulary(texts, english)
        self._speller = self._speller_for(words, english)
        with self._model_storage.write_to(self._resource) as directory:
            rasa.shared.utils.io.dump_obj_as_json_to_file(directory / VOCABULARY_FILE, words)
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Correct the training examples as patients' messages are, so the two match."""
        self.process(training_data.training_examples)
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        """Replace each misspelt token's text with the word meant."""
        if self._speller is not None:
            correct_tokens(messages, self._speller)
        return messages
