"""Turn the assistant's reply to a conversation's first message into an evaluation outcome.

The evaluation questions (see ``../shared/eval/README.md``) name outcomes, not reply texts,
so that answers can be reworded without touching the scoring. This module reads the
tracker's events from the first ``user`` event up to the next one and returns the label
of the first *decisive* event. It is pure: it reads event dictionaries and imports no Rasa.

Bot utterances are recognised by ``metadata.utter_action``, which Rasa sets to the
response name (``utter_faq/sciatica``) both for domain responses and for responses a
custom action dispatches by name.

=============================================  ==========================  ==========
event                                          outcome                     kind
=============================================  ==========================  ==========
bot ``utter_faq/<key>``                        ``faq/<key>``               decisive
bot ``utter_emergency``                        ``emergency``               decisive
bot ``utter_crisis`` / ``*_reminder`` / ``*_check``  ``emergency``           decisive
bot ``utter_scope_*`` (other joint, child, ...)  ``fallback``                decisive
action or active_loop ``symptom_checkin_form``  ``assessment``              decisive
action or active_loop ``booking_form``          ``request_appointment``     decisive
bot ``utter_cannot_answer``                    ``fallback``                decisive
bot ``utter_out_of_scope``                     ``fallback``                decisive
bot ``utter_did_you_mean`` (asks, no answer)   ``fallback``                decisive
bot ``utter_ask_rephrase``                     ``fallback``                decisive
bot ``utter_default``                          ``fallback``                decisive
bot ``utter_not_covered``                      ``fallback``                decisive
bot ``utter_offer_contact``                    ``fallback``                decisive
bot ``utter_other_language``                   ``fallback``                decisive
bot ``utter_intro`` (the session's intro line)  --                          ignored
bot ``utter_greet``                            ``fallback``                weak
any other bot utterance                        ``fallback``                weak
any other action / active_loop                 --                          ignored
nothing decisive and nothing weak              ``fallback``
=============================================  ==========================  ==========

The first decisive event wins. A *weak* event only decides when nothing decisive follows
it, so a greeting or an unlisted preamble ("Let me check that...") before an answer does
not hide the answer, and a reply that is only a greeting counts as a fallback.

To teach the scorer a new reply, add a row to ``UTTERANCE_RULES`` (exact names, or a
prefix ending in ``/`` whose remainder fills ``{key}``) or to ``LOOP_OUTCOMES``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

FALLBACK = "fallback"


class Weight(Enum):
    """How much a recognised event says about the outcome."""

    DECISIVE = "decisive"
    WEAK = "weak"
    IGNORED = "ignored"


@dataclass(frozen=True)
class Rule:
    """One row of the utterance table: a response name (or prefix) and what it means.

    ``outcome`` may contain ``{key}``, filled with the part of the name after ``prefix``.
    """

    name: str
    outcome: str | None
    weight: Weight
    prefix: bool = False

    def match(self, utter_action: str) -> str | None:
        """Return the outcome if this rule applies to `utter_action`, else None.

        For ignored rules a match returns the empty string, so callers can tell
        "matched, ignore" from "no match".
        """
        if self.prefix:
            if not utter_action.startswith(self.name) or utter_action == self.name:
                return None
            key = utter_action[len(self.name) :]
        elif utter_action == self.name:
            key = ""
        else:
            return None
        if self.outcome is None:
            return ""
        return self.outcome.format(key=key)


UTTERANCE_RULES: tuple[Rule, ...] = (
    Rule("utter_faq/", "faq/{key}", Weight.DECISIVE, prefix=True),
    Rule("utter_emergency", "emergency", Weight.DECISIVE),
    Rule("utter_emergency_reminder", "emergency", Weight.DECISIVE),
    Rule("utter_emergency_ambulance", "emergency", Weight.DECISIVE),
    Rule("utter_emergency_ambulance_reminder", "emergency", Weight.DECISIVE),
    Rule("utter_emergency_ambulance_masked", "emergency", Weight.DECISIVE),
    Rule("utter_emergency_ambulance_passed", "emergency", Weight.DECISIVE),
    Rule("utter_emergency_maternity", "emergency", Weight.DECISIVE),
    Rule("utter_emergency_maternity_reminder", "emergency", Weight.DECISIVE),
    Rule("utter_emergency_maternity_passed", "emergency", Weight.DECISIVE),
    Rule("utter_emergency_check", "emergency", Weight.DECISIVE),
    Rule("utter_crisis", "emergency", Weight.DECISIVE),
    Rule("utter_crisis_reminder", "emergency", Weight.DECISIVE),
    Rule("utter_crisis_check", "emergency", Weight.DECISIVE),
    Rule("utter_emergency_check_again", "emergency", Weight.DECISIVE),
    Rule("utter_crisis_check_again", "emergency", Weight.DECISIVE),
    Rule("utter_scope_other_joint", FALLBACK, Weight.DECISIVE),
    Rule("utter_scope_child", FALLBACK, Weight.DECISIVE),
    Rule("utter_scope_child_or_adult", FALLBACK, Weight.DECISIVE),
    Rule("utter_scope_child_again", FALLBACK, Weight.DECISIVE),
    Rule("utter_scope_other_condition", FALLBACK, Weight.DECISIVE),
    Rule("utter_scope_other_condition_compared", FALLBACK, Weight.DECISIVE),
    Rule("utter_scope_child_other_condition", FALLBACK, Weight.DECISIVE),
    Rule("utter_cannot_renew_prescription", FALLBACK, Weight.DECISIVE),
    Rule("utter_scope_pregnancy", FALLBACK, Weight.DECISIVE),
    Rule("utter_scope_health_condition", FALLBACK, Weight.DECISIVE),
    Rule("utter_scope_prescription", FALLBACK, Weight.DECISIVE),
    Rule("utter_scope_medicine_use", FALLBACK, Weight.DECISIVE),
    Rule("utter_scope_other_medicine_use", FALLBACK, Weight.DECISIVE),
    Rule("utter_scope_urinary", FALLBACK, Weight.DECISIVE),
    Rule("utter_scope_kidney", FALLBACK, Weight.DECISIVE),
    Rule("utter_scope_animal", FALLBACK, Weight.DECISIVE),
    Rule("utter_scope_other_service", FALLBACK, Weight.DECISIVE),
    Rule("utter_scope_swollen_leg", FALLBACK, Weight.DECISIVE),
    Rule("utter_scope_worse_with_exercise", FALLBACK, Weight.DECISIVE),
    Rule("utter_scope_fear_of_serious_illness", FALLBACK, Weight.DECISIVE),
    Rule("utter_scope_test_results", FALLBACK, Weight.DECISIVE),
    Rule("utter_cannot_answer", FALLBACK, Weight.DECISIVE),
    Rule("utter_out_of_scope", FALLBACK, Weight.DECISIVE),
    Rule("utter_did_you_mean", FALLBACK, Weight.DECISIVE),
    Rule("utter_ask_rephrase", FALLBACK, Weight.DECISIVE),
    Rule("utter_default", FALLBACK, Weight.DECISIVE),
    Rule("utter_not_covered", FALLBACK, Weight.DECISIVE),
    Rule("utter_offer_contact", FALLBACK, Weight.DECISIVE),
    Rule("utter_other_language", FALLBACK, Weight.DECISIVE),
    Rule("utter_intro", None, Weight.IGNORED),
    Rule("utter_comparison_intro", None, Weight.IGNORED),
    Rule("utter_greet", FALLBACK, Weight.WEAK),
)
"""Bot responses by name; the first matching rule applies."""

UNLISTED_UTTERANCE = Weight.WEAK
"""What an utterance matching no rule (or without a response name) counts as: a weak fallback."""

LOOP_OUTCOMES: Mapping[str, str] = {
    "symptom_checkin_form": "assessment",
    "booking_form": "request_appointment",
}
"""Forms (seen as an ``action`` or ``active_loop`` event) that decide the outcome."""


@dataclass(frozen=True)
class Verdict:
    """The outcome of one turn, with the evidence, so a wrong label can be explained."""

    outcome: str
    evidence: tuple[str, ...]
    """The bot responses and actions seen in the turn, in order (``utter_intro``, ...)."""


def classify_utterance(utter_action: str | None) -> tuple[str, Weight]:
    """Map one bot response name to its outcome and weight (see the module table)."""
    if utter_action:
        for rule in UTTERANCE_RULES:
            outcome = rule.match(utter_action)
            if outcome is not None:
                return outcome, rule.weight
    return FALLBACK, UNLISTED_UTTERANCE


def first_turn_events(events: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The events after the first ``user`` event and before the second one."""
    turn: list[Mapping[str, Any]] = []
    seen_user = False
    for event in events:
        if event.get("event") == "user":
            if seen_user:
                break
            seen_user = True
            continue
        if seen_user:
            turn.append(event)
    return turn


def utter_action(event: Mapping[str, Any]) -> str | None:
    """The response name Rasa recorded on a bot event (`metadata.utter_action`), if any."""
    metadata = event.get("metadata")
    if isinstance(metadata, Mapping):
        name = metadata.get("utter_action")
        if isinstance(name, str) and name:
            return name
    return None


def verdict_for_turn(turn: Sequence[Mapping[str, Any]]) -> Verdict:
    """Decide the outcome of one turn's events (already cut by `first_turn_events`)."""
    evidence: list[str] = []
    decided: str | None = None
    weak: str | None = None
    for event in turn:
        kind = event.get("event")
        if kind == "bot":
            name = utter_action(event)
            evidence.append(name or "bot:<text>")
            outcome, weight = classify_utterance(name)
        elif kind in ("action", "active_loop"):
            name = event.get("name")
            if not isinstance(name, str) or not name:
                continue
            if kind == "action" and (name == "action_listen" or name.startswith("utter_")):
                continue  # an utter action's bot event follows and is what counts
            evidence.append(name if kind == "action" else f"active_loop:{name}")
            if name not in LOOP_OUTCOMES:
                continue
            outcome, weight = LOOP_OUTCOMES[name], Weight.DECISIVE
        else:
            continue
        if decided is not None:
            continue
        if weight is Weight.DECISIVE:
            decided = outcome
        elif weight is Weight.WEAK and weak is None:
            weak = outcome
    return Verdict(decided or weak or FALLBACK, tuple(evidence))


def first_message_verdict(events: Iterable[Mapping[str, Any]]) -> Verdict:
    """The outcome of the reply to the conversation's first user message."""
    return verdict_for_turn(first_turn_events(events))


def first_message_outcome(events: Iterable[Mapping[str, Any]]) -> str:
    """The outcome label of the reply to the conversation's first user message."""
    return first_message_verdict(events).outcome
