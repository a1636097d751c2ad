"""Which language a patient wrote in, told offline, and the reply that says so in it.

The assistant only understands English. A message in another language gets one fixed
reply in that language (clinic_config/languages.yml) with the clinic's phone number,
rather than a guess at an English intent. Detection needs no model and no download:

- A message whose letters are mostly of one non-Latin script is in that script's
  language: Arabic script is Arabic (Urdu or Persian by their own letters), Cyrillic is
  Russian (Ukrainian by its own letters), Han is Chinese (with kana, Japanese), and so on.
- A Latin-script message is scored against common words of each language
  (clinic/language_words.yml). It is foreign only with at least two distinct telling
  words of one language and more than twice as many of that language's words as English
  ones, so "gracias, my back hurts", "Maria de la Cruz", "ok" and "JPC-AB12CD" stay English.

When unsure the answer is English (None): a wrong "we only speak English" to an English
speaker is worse than an English reply to someone who may understand some of it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

WORDS_FILE = Path(__file__).with_name("language_words.yml")
FALLBACK_CODE = "en"
PHONE_PLACEHOLDER = "{phone}"

# Latin-script rule: distinct telling words of one language, and how many times the
# English words that language's words must outnumber.
MIN_TELLING_WORDS = 2
ENGLISH_RATIO = 2
# Script rule: the share of a message's letters in one script, and a minimum count.
MIN_SCRIPT_SHARE = 0.6
MIN_SCRIPT_LETTERS = 2

# (first, last, script) code point ranges; scripts not listed here count as "other".
_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = tuple(
    sorted(
        [
            (0x0370, 0x03FF, "greek"),
            (0x0400, 0x052F, "cyrillic"),
            (0x0590, 0x05FF, "hebrew"),
            (0x0600, 0x06FF, "arabic"),
            (0x0750, 0x077F, "arabic"),
            (0x08A0, 0x08FF, "arabic"),
            (0x0900, 0x097F, "devanagari"),
            (0x0980, 0x09FF, "bengali"),
            (0x0A00, 0x0A7F, "gurmukhi"),
            (0x0A80, 0x0AFF, "gujarati"),
            (0x0B80, 0x0BFF, "tamil"),
            (0x0E00, 0x0E7F, "thai"),
            (0x1100, 0x11FF, "hangul"),
            (0x1F00, 0x1FFF, "greek"),
            (0x3040, 0x30FF, "kana"),
            (0x3130, 0x318F, "hangul"),
            (0x31F0, 0x31FF, "kana"),
            (0x3400, 0x4DBF, "han"),
            (0x4E00, 0x9FFF, "han"),
            (0xAC00, 0xD7AF, "hangul"),
            (0xF900, 0xFAFF, "han"),
            (0xFB50, 0xFDFF, "arabic"),
            (0xFE70, 0xFEFF, "arabic"),
        ]
    )
)
_RANGE_STARTS = tuple(first for first, _, _ in _SCRIPT_RANGES)
_SCRIPT_LANGUAGE = {
    "greek": "el",
    "cyrillic": "ru",
    "hebrew": "he",
    "arabic": "ar",
    "devanagari": "hi",
    "bengali": "bn",
    "gurmukhi": "pa",
    "gujarati": "gu",
    "tamil": "ta",
    "thai": "th",
    "hangul": "ko",
    "han": "zh",
}
# Letters that only one language of a script uses, checked in order.
_URDU_LETTERS = frozenset("ٹڈڑںےھہۓ")
_PERSIAN_LETTERS = frozenset("پچژگکی")
_UKRAINIAN_LETTERS = frozenset("іїєґІЇЄҐ")

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_FOLDED = str.maketrans({"ł": "l", "ß": "ss", "œ": "oe", "æ": "ae", "ø": "o", "đ": "d"})
_EMAIL_OR_URL = re.compile(r"\S+@\S+|(?:https?://|www\.)\S+", re.IGNORECASE)
# Words of letters, with inner hyphens and apostrophes ("rendez-vous", "j'ai"); a run
# glued to digits ("AB12CD") is a code, not a word.
_WORD = re.compile(r"(?<![\w@])[^\W\d_]+(?:[-'][^\W\d_]+)*(?![\w@])")


class LanguageRepliesError(ValueError):
    """The language replies file is missing, unreadable or holds an unusable reply."""


@dataclass(frozen=True)
class _Lexicon:
    """The common words, folded: English ones, weak ones, and each language's."""

    english: frozenset[str]
    weak: frozenset[str]
    languages_of: Mapping[str, tuple[str, ...]]
    letters: Mapping[str, frozenset[str]]

    def known(self, word: str) -> bool:
        """Whether any list holds the word."""
        return word in self.english or word in self.languages_of


@dataclass
class _Score:
    """One language's evidence in a message."""

    telling: set[str] = field(default_factory=set)
    weak: set[str] = field(default_factory=set)
    occurrences: int = 0


def _fold(word: str) -> str:
    """Lower case without accents, so that "Qué", "que" and "QUE" are one word."""
    word = word.lower().translate(_APOSTROPHES).translate(_FOLDED)
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """The word lists from clinic/language_words.yml, read on first use."""
    data = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))
    languages_of: dict[str, list[str]] = {}
    letters = {}
    for code, entry in data["languages"].items():
        letters[code] = frozenset(entry["letters"])
        for word in {_fold(_word(code, word)) for word in entry["words"]}:
            languages_of.setdefault(word, []).append(code)
    return _Lexicon(
        english=frozenset(_fold(_word("english", word)) for word in data["english"]),
        weak=frozenset(_fold(_word("weak", word)) for word in data["weak"]),
        languages_of={word: tuple(codes) for word, codes in languages_of.items()},
        letters=letters,
    )


def _word(where: str, word: object) -> str:
    """A listed word, which YAML must not have read as a boolean ("no", "on")."""
    if not isinstance(word, str):
        raise TypeError(f"{WORDS_FILE.name}: {word!r} in '{where}' is not text; quote it")
    return word


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the message's language, or None for English or unsure."""
    text = unicodedata.normalize("NFC", text)
    by_script = _script_language(text)
    if by_script is not None:
        return by_script
    return _latin_language(text)


def _script_of(char: str) -> str:
    index = bisect_right(_RANGE_STARTS, ord(char)) - 1
    if index >= 0:
        first, last, script = _SCRIPT_RANGES[index]
        if first <= ord(char) <= last:
            return script
    return "latin" if "LATIN" in unicodedata.name(char, "") else "other"


def _script_language(text: str) -> str | None:
    """The language of the script most of the message's letters are in, if not Latin."""
    counts: dict[str, int] = {}
    for char in text:
        if char.isalpha():
            script = _script_of(char)
            counts[script] = counts.get(script, 0) + 1
    letters = sum(counts.values())
    # Japanese mixes Han with kana: they count together, and any kana makes it Japanese.
    han = counts.pop("han", 0) + counts.get("kana", 0)
    if han:
        counts["han"] = han
    for script, count in counts.items():
        if script in _SCRIPT_LANGUAGE and count >= max(
            MIN_SCRIPT_LETTERS, MIN_SCRIPT_SHARE * letters
        ):
            return _refine(script, text, counts)
    return None


def _refine(script: str, text: str, counts: Mapping[str, int]) -> str:
    """The language within a script shared by several, by the letters only one uses."""
    chars = set(text)
    if script == "arabic":
        if chars & _URDU_LETTERS:
            return "ur"
        if chars & _PERSIAN_LETTERS:
            return "fa"
    if script == "cyrillic" and chars & _UKRAINIAN_LETTERS:
        return "uk"
    if script == "han" and counts.get("kana"):
        return "ja"
    return _SCRIPT_LANGUAGE[script]


def _words(text: str) -> Iterator[tuple[str, bool]]:
    """Each folded word to look up, and whether it is only part of a hyphenated word."""
    lexicon = _lexicon()
    text = _EMAIL_OR_URL.sub(" ", text.translate(_APOSTROPHES))
    for match in _WORD.finditer(text):
        token = _fold(match.group())
        if lexicon.known(token):
            yield token, False
            continue
        parts = token.split("-")
        for part in parts:
            in_part = len(parts) > 1
            if lexicon.known(part) or "'" not in part:
                yield part, in_part
                continue
            # An elided article or pronoun: "l'ecole" is "l'" and "ecole".
            head, _, rest = part.partition("'")
            yield head + "'", in_part
            if rest:
                yield rest, in_part


def _latin_language(text: str) -> str | None:
    """The language whose common words clearly outnumber the English ones, if any."""
    lexicon = _lexicon()
    english: set[str] = set()
    scores: dict[str, _Score] = {}
    for word, in_part in _words(text):
        codes = lexicon.languages_of.get(word, ())
        if word in lexicon.english:
            if not codes:  # a word English shares with another language counts for neither
                english.add(word)
            continue
        weak = in_part or len(word) == 1 or word in lexicon.weak
        for code in codes:
            score = scores.setdefault(code, _Score())
            (score.weak if weak else score.telling).add(word)
            score.occurrences += 1
    lowered = text.lower()
    ranked = sorted(
        (
            (
                len(score.telling | score.weak),
                len(score.telling),
                score.occurrences,
                sum(char in lexicon.letters[code] for char in lowered),
            ),
            code,
        )
        for code, score in scores.items()
        if len(score.telling) >= MIN_TELLING_WORDS
        and len(score.telling | score.weak) > ENGLISH_RATIO * len(english)
    )
    if not ranked:
        return None
    if len(ranked) > 1 and ranked[-1][0] == ranked[-2][0]:
        return None  # two languages fit equally well
    return ranked[-1][1]


def load_replies(path: Path) -> dict[str, str]:
    """Read the replies file: language codes mapped to a reply holding `{phone}`.

    The English reply (`en`) must be there: it is said for a language with no reply.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise LanguageRepliesError(
            f"Cannot read the language replies file {path}: {error}"
        ) from error
    if not isinstance(data, dict):
        raise LanguageRepliesError(f"{path}: expected language codes, each with a reply")
    replies = {}
    for code, reply in data.items():
        if not isinstance(code, str) or not re.fullmatch(r"[a-z]{2,3}", code):
            raise LanguageRepliesError(
                f"{path}: {code!r} is not a language code such as 'es' (quote it if YAML "
                "read it as yes/no)"
            )
        if not isinstance(reply, str) or not reply.strip():
            raise LanguageRepliesError(f"{path}: the reply for '{code}' is missing or empty")
        if PHONE_PLACEHOLDER not in reply:
            raise LanguageRepliesError(
                f"{path}: the reply for '{code}' must contain {PHONE_PLACEHOLDER}"
            )
        replies[code] = reply.strip()
    if FALLBACK_CODE not in replies:
        raise LanguageRepliesError(f"{path}: the English reply '{FALLBACK_CODE}' is missing")
    return replies


def reply_for(code: str, replies: Mapping[str, str], phone: str) -> str:
    """The reply in the patient's language (else English) with the phone number filled in."""
    template = replies.get(code) or replies.get(FALLBACK_CODE)
    if template is None:
        raise LanguageRepliesError(
            f"No reply for '{code}' and no English reply '{FALLBACK_CODE}' to fall back on"
        )
    return template.replace(PHONE_PLACEHOLDER, phone)
