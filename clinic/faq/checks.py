"""Content checks on the staff's FAQ sources, run before every retrain.

Each check returns problems that name the FAQ file and the line, in words staff can act
on. The checks are deliberately cheap and explainable:

- complete: every required field is filled in; links (tell me more, follow-ups) name FAQs
  that exist; the section is one of the article's; the topic is a known one.
- examples: at least `min_examples` per FAQ, none twice in one FAQ.
- duplicates across FAQs: two examples under different FAQs are "the same" when equal
  after normalising (lower case, only letters and digits, single spaces), and "nearly the
  same" when their normalised texts have a `difflib.SequenceMatcher` ratio of at least
  `near_duplicate_ratio` (0.9: "sciatica meaning" and "sciatica meanings", not
  "what is sciatica" and "what is stenosis"). Either confuses the model about which
  answer to give, so both FAQs are named.
- safe answers: no dose (a number with a unit such as mg or ml, a count of tablets, "twice
  a day") and no diagnosis ("you have" or "you've got" a condition, "you are suffering
  from", "this is probably sciatica"): the assistant informs, a clinician prescribes and
  diagnoses. "If you have sciatica" and "you have to keep moving" are not diagnoses.
- reviewed: a review date no older than `review_max_age_days`, and not in the future.
- readable: at most `max_answer_words` words and `max_answer_sentences` sentences, and a
  Flesch reading ease (clinic.faq.readability) of at least `min_reading_ease`.

Nothing here reads files or imports Rasa: the tools pass in parsed sources and today.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields

from clinic.faq.catalogue import ARTICLE_SECTIONS, TOPICS
from clinic.faq.readability import reading_ease, sentence_count, words
from clinic.faq.source import KEY_PATTERN, REQUIRED, Example, FaqSource, Problem


class CheckSettingsError(ValueError):
    """The clinic's check settings (clinic_config/faq.yml) are unusable."""


@dataclass(frozen=True)
class CheckSettings:
    """The clinic's limits for FAQ content (clinic_config/faq.yml, `checks:`)."""

    min_examples: int = 10
    near_duplicate_ratio: float = 0.9
    review_max_age_days: int = 365
    max_answer_words: int = 80
    max_answer_sentences: int = 4
    min_reading_ease: float = 30.0

    @classmethod
    def from_mapping(cls, values: Mapping[str, object]) -> CheckSettings:
        """Settings from the config file's `checks:` mapping; absent ones keep defaults."""
        known = {item.name: item.type for item in fields(cls)}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise CheckSettingsError(f"unknown check setting(s): {', '.join(unknown)}")
        parsed: dict[str, float | int] = {}
        for name, value in values.items():
            want_int = known[name] == "int"
            ok = isinstance(value, int) if want_int else isinstance(value, int | float)
            if not ok or isinstance(value, bool) or value < 0:  # type: ignore[operator]
                kind = "a whole number" if want_int else "a number"
                raise CheckSettingsError(f"{name} must be {kind} of 0 or more, got {value!r}")
            parsed[name] = value  # type: ignore[assignment]
        settings = cls(**parsed)  # type: ignore[arg-type]
        if settings.near_duplicate_ratio > 1:
            raise CheckSettingsError("near_duplicate_ratio must be between 0 and 1")
        return settings


def normalise_example(text: str) -> str:
    """An example reduced to what makes it different: lower case letters and digits."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


_DOSE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s?(?:mg|milligrams?|mcg|micrograms?|µg|g|grams?|ml|millilitres?|"
    r"milliliters?|iu|units?)\b"
    r"|\b(?:\d+|one|two|three|four|five|six)\s+(?:tablets?|pills?|capsules?|doses?|sachets?)\b"
    r"|\b(?:once|twice|three times|four times)\s+(?:a|per|each)\s+day\b"
    r"|\bevery\s+\d+\s+hours?\b",
    re.IGNORECASE,
)
_CONDITION = (
    r"(?:sciatica|stenosis|\w*arthritis|herniat\w*|slipped disc|bulging disc|disc disease|"
    r"disc problem|trapped nerve|pinched nerve|fracture\w*|infection|cancer|tumou?rs?|"
    r"cauda equina|syndrome|disease|a condition|an injury)"
)
_DIAGNOSIS = re.compile(
    r"(?<!if )(?<!whether )(?<!when )(?<!unless )(?<!do )(?<!in case )"
    r"\byou(?:'ve got| have got| have| (?:probably|likely|may|might) have)\s+"
    r"(?:[\w'-]+\s+){0,3}?" + _CONDITION + r"\b"
    r"|\byou(?:'re| are) (?:suffering from|diagnosed with)\b"
    r"|\byour diagnosis is\b"
    r"|\bthis is (?:definitely|probably|likely|clearly) (?:[\w'-]+\s+){0,2}?" + _CONDITION,
    re.IGNORECASE,
)


def dose_in(text: str) -> str | None:
    """The first words in `text` that read as a dose, or None."""
    match = _DOSE.search(text)
    return match.group(0) if match else None


def diagnosis_in(text: str) -> str | None:
    """The first words in `text` that tell the patient what they have, or None."""
    match = _DIAGNOSIS.search(text)
    return match.group(0) if match else None


def check_all(faqs: Sequence[FaqSource], today: dt.date, settings: CheckSettings) -> list[Problem]:
    """Every problem in `faqs`, by FAQ and line; an empty list means all is well."""
    keys = {faq.key for faq in faqs}
    problems: list[Problem] = []
    for faq in faqs:
        problems += check_fields(faq, keys)
        problems += check_examples(faq, settings)
        problems += check_answer(faq, settings)
        problems += check_review(faq, today, settings)
    problems += check_questions_unique(faqs)
    problems += check_duplicates_across(faqs, settings)
    return sorted(problems, key=lambda problem: (problem.faq, problem.line, problem.message))


def _name(faq: FaqSource) -> str:
    return faq.key


def check_fields(faq: FaqSource, keys: set[str]) -> list[Problem]:
    """Required fields filled in, and every link and label one the assistant knows."""
    problems = []
    name = _name(faq)
    if not KEY_PATTERN.match(name):
        problems.append(
            Problem(
                name,
                1,
                "the file name must be lower case letters, digits and _ (like back_pain.yml)",
            )
        )
    for required in REQUIRED:
        value = getattr(faq, required)
        if value in ("", (), None):
            where = faq.line_of(required)
            problems.append(Problem(name, where, f"'{required}' is missing or empty"))
    if faq.question and not faq.question.endswith("?"):
        problems.append(Problem(name, faq.line_of("question"), "the question should end with '?'"))
    if faq.section and faq.section not in ARTICLE_SECTIONS:
        problems.append(
            Problem(
                name,
                faq.line_of("section"),
                f"section '{faq.section}' is not one of the article's sections: "
                + ", ".join(ARTICLE_SECTIONS)
                + " (name any other source under 'source:')",
            )
        )
    if faq.topic and faq.topic not in TOPICS:
        problems.append(
            Problem(
                name,
                faq.line_of("topic"),
                f"topic '{faq.topic}' should be one of: {', '.join(TOPICS)}",
            )
        )
    if faq.tell_me_more:
        if faq.tell_me_more == name:
            problems.append(
                Problem(name, faq.line_of("tell_me_more"), "tell_me_more must be another FAQ")
            )
        elif faq.tell_me_more not in keys:
            problems.append(
                Problem(
                    name,
                    faq.line_of("tell_me_more"),
                    f"tell_me_more names '{faq.tell_me_more}', but there is no "
                    f"faqs/{faq.tell_me_more}.yml",
                )
            )
    for target in faq.follow_ups:
        if target == name or target not in keys:
            reason = "is this FAQ itself" if target == name else "is not an FAQ"
            problems.append(
                Problem(name, faq.line_of("follow_ups"), f"follow-up '{target}' {reason}")
            )
    return problems


def check_examples(faq: FaqSource, settings: CheckSettings) -> list[Problem]:
    """Enough examples, and none given twice in one FAQ."""
    problems = []
    if faq.examples and len(faq.examples) < settings.min_examples:
        problems.append(
            Problem(
                faq.key,
                faq.line_of("examples"),
                f"only {len(faq.examples)} example questions; write at least "
                f"{settings.min_examples}, in patients' own words",
            )
        )
    seen: dict[str, Example] = {}
    for example in faq.examples:
        normal = normalise_example(example.text)
        if normal in seen:
            problems.append(
                Problem(
                    faq.key,
                    example.line,
                    f"'{example.text}' repeats the example on line {seen[normal].line}",
                )
            )
        else:
            seen[normal] = example
    return problems


def check_answer(faq: FaqSource, settings: CheckSettings) -> list[Problem]:
    """No dose, no diagnosis, and short and plain enough for a chat bubble."""
    if not faq.answer:
        return []
    problems = []
    line = faq.line_of("answer")
    dose = dose_in(faq.answer)
    if dose:
        problems.append(
            Problem(
                faq.key,
                line,
                f"the answer gives a dose ('{dose}'); say to ask a doctor or pharmacist instead",
            )
        )
    diagnosis = diagnosis_in(faq.answer)
    if diagnosis:
        problems.append(
            Problem(
                faq.key,
                line,
                f"the answer reads as a diagnosis ('{diagnosis}'); describe the condition "
                "and say a specialist can tell",
            )
        )
    count = len(words(faq.answer))
    if count > settings.max_answer_words:
        problems.append(
            Problem(
                faq.key,
                line,
                f"the answer has {count} words; keep it to {settings.max_answer_words} "
                "(link to another FAQ for more)",
            )
        )
    sentences = sentence_count(faq.answer)
    if sentences > settings.max_answer_sentences:
        problems.append(
            Problem(
                faq.key,
                line,
                f"the answer has {sentences} sentences; keep it to {settings.max_answer_sentences}",
            )
        )
    ease = reading_ease(faq.answer)
    if ease < settings.min_reading_ease:
        problems.append(
            Problem(
                faq.key,
                line,
                f"the answer is hard to read (reading ease {ease:.0f}, the clinic asks for "
                f"{settings.min_reading_ease:.0f} or more); use shorter sentences and words",
            )
        )
    return problems


def check_review(faq: FaqSource, today: dt.date, settings: CheckSettings) -> list[Problem]:
    """A review date that is recent enough and not in the future."""
    if faq.review_date is None:
        return []
    line = faq.line_of("review_date")
    age = (today - faq.review_date).days
    if age < 0:
        return [Problem(faq.key, line, f"the review date {faq.review_date} is in the future")]
    if age > settings.review_max_age_days:
        return [
            Problem(
                faq.key,
                line,
                f"last reviewed {faq.review_date}, more than {settings.review_max_age_days} "
                "days ago: check the answer, then set reviewed_by and review_date",
            )
        ]
    return []


def check_questions_unique(faqs: Sequence[FaqSource]) -> list[Problem]:
    """Two FAQs with one question would show two identical "Did you mean...?" buttons."""
    first: dict[str, FaqSource] = {}
    problems = []
    for faq in faqs:
        normal = normalise_example(faq.question)
        if not normal:
            continue
        if normal in first:
            other = first[normal]
            problems.append(
                Problem(
                    faq.key,
                    faq.line_of("question"),
                    f"the question is the same as faqs/{other.key}.yml's "
                    f"(line {other.line_of('question')})",
                )
            )
        else:
            first[normal] = faq
    return problems


@dataclass(frozen=True)
class _Indexed:
    normal: str
    faq: str
    example: Example


def check_duplicates_across(faqs: Sequence[FaqSource], settings: CheckSettings) -> list[Problem]:
    """The same or nearly the same example under two different FAQs, both named.

    Only pairs whose lengths allow the ratio are compared (a ratio is at most
    2 x shorter / (sum of lengths)), and the cheap upper bound `quick_ratio` comes first,
    so a thousand examples take about a second.
    """
    items = sorted(
        (
            _Indexed(normalise_example(example.text), faq.key, example)
            for faq in faqs
            for example in faq.examples
        ),
        key=lambda item: len(item.normal),
    )
    ratio = settings.near_duplicate_ratio
    problems = []
    matcher = difflib.SequenceMatcher(autojunk=False)
    for index, item in enumerate(items):
        matcher.set_seq2(item.normal)  # difflib caches what it learns about the second text
        for other in items[index + 1 :]:
            shorter, longer = len(item.normal), len(other.normal)
            if 2 * shorter < ratio * (shorter + longer):
                break
            if other.faq == item.faq:
                continue
            if item.normal == other.normal:
                how = "the same as"
            else:
                matcher.set_seq1(other.normal)
                if matcher.quick_ratio() < ratio or matcher.ratio() < ratio:
                    continue
                how = "nearly the same as"
            first, second = sorted((item, other), key=lambda i: (i.faq, i.example.line))
            problems.append(
                Problem(
                    second.faq,
                    second.example.line,
                    f"'{second.example.text}' is {how} '{first.example.text}' in "
                    f"faqs/{first.faq}.yml line {first.example.line}; keep it in one FAQ",
                )
            )
    return problems
