"""What the actions read from Rasa's parse data, turned into the clinic's plain values.

The clinic's logic (clinic/) takes plain values; the format of Rasa's parse data is read
here, in the glue, so that a change in it touches one module.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from clinic.faq.answer_choice import Candidate, Decision, choose_answer
from clinic.faq.catalogue import INTENT_PREFIX
from clinic.faq.condition_topics import refine_by_named_condition, refine_by_topic
from clinic.scope import COVERED_CONDITIONS, ruled_out_before
from clinic.settings import load_clinic_settings
from clinic.wording import is_question

OWN_PAIN = "describe_own_pain"
OWN_PAIN_SECOND_GUESS = 0.25
"""How sure the classifier must be of "own pain" for a bare complaint to start the check-in."""


def intent_from_parse_data(parse_data: Mapping[str, Any]) -> str:
    """The name of the intent the NLU gave the message, or "" when it gave none."""
    return str((parse_data.get("intent") or {}).get("name") or "")


def intent_confidence(parse_data: Mapping[str, Any], intent: str) -> float:
    """The classifier's confidence in `intent`, 0 when it is not ranked."""
    for item in parse_data.get("intent_ranking") or []:
        if item.get("name") == intent:
            return float(item.get("confidence") or 0.0)
    return 0.0


def may_be_own_pain(parse_data: Mapping[str, Any]) -> bool:
    """Whether the classifier's guesses include the patient telling of their own pain."""
    return intent_confidence(parse_data, OWN_PAIN) >= OWN_PAIN_SECOND_GUESS


def ranking_from_parse_data(parse_data: Mapping[str, Any]) -> list[Candidate]:
    """Read the `faq` answer ranking from Rasa's parse data, best first.

    Missing or malformed parts give an empty ranking, which leads to a fallback.
    """
    selector = (parse_data.get("response_selector") or {}).get("faq") or {}
    ranking = []
    for item in selector.get("ranking") or []:
        name = item.get("intent_response_key") or ""
        confidence = item.get("confidence")
        if not name.startswith(INTENT_PREFIX) or not isinstance(confidence, int | float):
            continue
        ranking.append(Candidate(key=name[len(INTENT_PREFIX) :], confidence=float(confidence)))
    return sorted(ranking, key=lambda candidate: candidate.confidence, reverse=True)


def faq_decision_from_parse_data(
    parse_data: Mapping[str, Any], topics: Mapping[str, str] | None = None
) -> Decision:
    """Answer, ask or fall back, by the answer ranking, the condition named and the topic asked."""
    decision = choose_answer(
        ranking_from_parse_data(parse_data), load_clinic_settings().faq, topics
    )
    decision = refine_by_named_condition(decision, conditions_asked_about(parse_data))
    return refine_by_topic(decision, str(parse_data.get("text") or ""))


def second_question_from_parse_data(parse_data: Mapping[str, Any]) -> str | None:
    """The FAQ a second question in the message asks for ("... and how is it treated?")."""
    second = parse_data.get("second_question")
    key = second.get("faq_key") if isinstance(second, Mapping) else None
    return key if isinstance(key, str) and key else None


def question_answers_from_parse_data(parse_data: Mapping[str, Any]) -> list[str]:
    """The FAQ each question of a several-question message asks for, in the order asked."""
    answers = parse_data.get("question_answers")
    if not isinstance(answers, list):
        return []
    return [
        str(answer["faq_key"])
        for answer in answers
        if isinstance(answer, Mapping) and isinstance(answer.get("faq_key"), str)
    ]


def unsure_questions_from_parse_data(
    parse_data: Mapping[str, Any],
) -> list[tuple[str, list[str]]]:
    """The questions of a several-question message no answer was sure for.

    Each with the FAQ answers it may ask for, best first.
    """
    unsure = parse_data.get("unsure_questions")
    if not isinstance(unsure, list):
        return []
    return [
        (str(item.get("text") or ""), [str(key) for key in item["faq_keys"]])
        for item in unsure
        if isinstance(item, Mapping) and isinstance(item.get("faq_keys"), list)
    ]


def other_questions_from_parse_data(parse_data: Mapping[str, Any]) -> list[str]:
    """The intents of a several-question message's questions that no FAQ answers."""
    other = parse_data.get("other_questions")
    if not isinstance(other, list):
        return []
    return [str(intent) for intent in other if isinstance(intent, str)]


def pregnancy_signs_from_parse_data(parse_data: Mapping[str, Any]) -> bool:
    """Whether the NLU read a pregnancy warning sign that counts only after pregnancy is said."""
    return parse_data.get("pregnancy_signs") is True


def condition_mentions(parse_data: Mapping[str, Any]) -> list[tuple[int, str]]:
    """Where each condition entity the NLU found starts, and its value, in written order."""
    return sorted(
        (int(item.get("start") or 0), str(item["value"]))
        for item in parse_data.get("entities") or []
        if isinstance(item, Mapping)
        and item.get("entity") == "condition"
        and isinstance(item.get("value"), str)
    )


def body_parts_from_parse_data(parse_data: Mapping[str, Any]) -> set[str]:
    """The body parts the NLU found in the message."""
    return {
        str(item["value"])
        for item in parse_data.get("entities") or []
        if isinstance(item, Mapping)
        and item.get("entity") == "body_part"
        and isinstance(item.get("value"), str)
    }


_SENTENCE = re.compile(r"[^.!?]+[.!?]*")


def conditions_asked_about(parse_data: Mapping[str, Any]) -> list[str]:
    """The conditions named in the message's questions, or in all of it if it asks none.

    "I have degenerative disc disease. Why does my leg hurt?" tells one condition and
    asks about a pain that may be another's.
    """
    text = str(parse_data.get("text") or "")
    asked = [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if is_question(m.group())]
    mentions = condition_mentions(parse_data)
    meant = [(start, value) for start, value in mentions if not ruled_out_before(text, start)]
    # "Sorry, I meant osteoarthritis, not DDD": the condition ruled out is not asked about.
    return [
        value
        for start, value in (meant or mentions)
        if not asked or any(begin <= start < end for begin, end in asked)
    ]


def conditions_from_parse_data(parse_data: Mapping[str, Any]) -> list[str]:
    """The condition entities the NLU found in the message, in the order they were written."""
    return [value for _, value in condition_mentions(parse_data)]


def covered_conditions(parse_data: Mapping[str, Any]) -> set[str]:
    """The conditions the article covers that the message names."""
    return set(covered_conditions_in_order(parse_data))


def covered_conditions_in_order(parse_data: Mapping[str, Any]) -> list[str]:
    """The conditions the article covers that the message names, in the order named, once."""
    named = conditions_from_parse_data(parse_data)
    return [value for value in dict.fromkeys(named) if value in COVERED_CONDITIONS]


def red_flags_set_aside(parse_data: Mapping[str, Any]) -> list[str]:
    """The warning signs the message names but does not report (asked about, denied, past)."""
    named = parse_data.get("red_flags_set_aside")
    return [str(flag) for flag in named] if isinstance(named, list) else []
