"""The scope gate: questions outside the article become `out_of_scope`, with the reason."""

from __future__ import annotations

from typing import Any

import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu_pipeline.scope_gate import SCOPE_KEY, ScopeGate


def message(text: str, intent: str, confidence: float, **entities: str) -> Message:
    parsed = Message(data={"text": text})
    parsed.set("intent", {"name": intent, "confidence": confidence})
    parsed.set(
        "intent_ranking",
        [
            {"name": intent, "confidence": confidence},
            {"name": "describe_own_pain", "confidence": 0.42},
        ],
    )
    parsed.set("entities", [{"entity": kind, "value": value} for kind, value in entities.items()])
    return parsed


@pytest.mark.parametrize(
    ("text", "intent", "entities", "scope"),
    [
        ("what exercises for my swollen knee", "faq", {"body_part": "knee"}, "other_joint"),
        # already out of scope, narrowly: made certain, so the fallback does not take it
        ("my knee hurts on the stairs", "out_of_scope", {"body_part": "knee"}, "other_joint"),
        ("what is aortic stenosis", "faq", {"condition": "aortic_stenosis"}, "other_condition"),
        ("I'm 20 weeks pregnant, can I take ibuprofen", "faq", {}, "pregnancy"),
        # asked of the clinic: it sees other joints, which the scope reply says
        ("do you do hips?", "ask_clinic_info", {"body_part": "hip"}, "other_joint"),
        (
            "wanted to know if you do hips as well, also my back is worse",
            "describe_own_pain",
            {"body_part": "hip"},
            "other_joint",
        ),
    ],
)
def test_a_question_outside_the_article_is_certainly_out_of_scope(
    text: str, intent: str, entities: dict[str, Any], scope: str
) -> None:
    [gated] = ScopeGate().process([message(text, intent, 0.46, **entities)])
    assert gated.get("intent") == {"name": "out_of_scope", "confidence": 1.0}
    assert gated.get(SCOPE_KEY) == scope


@pytest.mark.parametrize(
    ("text", "intent", "entities"),
    [
        ("what is sciatica", "faq", {"condition": "sciatica"}),
        ("my knee hurts, can I book", "request_appointment", {"body_part": "knee"}),
        ("how much does an appointment cost", "ask_clinic_info", {}),
        ("/request_appointment", "request_appointment", {}),
    ],
)
def test_the_article_and_requests_are_left_alone(
    text: str, intent: str, entities: dict[str, Any]
) -> None:
    [gated] = ScopeGate().process([message(text, intent, 0.9, **entities)])
    assert gated.get("intent") == {"name": intent, "confidence": 0.9}
    assert gated.get(SCOPE_KEY) is None


def test_a_learned_red_flag_guess_keeps_its_intent_and_gets_the_scope_for_later() -> None:
    text = "pain on my right side under the ribs, could that be my kidney or my back?"
    [gated] = ScopeGate().process([message(text, "report_emergency", 0.5, body_part="back")])
    assert gated.get("intent") == {"name": "report_emergency", "confidence": 0.5}
    assert gated.get(SCOPE_KEY) == "kidney"


def _with_conditions(text: str, *names: tuple[str, str]) -> Message:
    """A message whose condition entities sit where their words are in the text."""
    parsed = message(text, "faq", 0.74)
    parsed.set(
        "entities",
        [
            {"entity": "condition", "value": value, "start": text.index(words)}
            for words, value in names
        ],
    )
    return parsed


def test_a_condition_said_instead_of_a_covered_one_is_the_one_asked_about() -> None:
    text = "sorry, I meant scoliosis, not stenosis"
    parsed = _with_conditions(text, ("scoliosis", "scoliosis"), ("stenosis", "spinal_stenosis"))
    [gated] = ScopeGate().process([parsed])
    assert gated.get("intent") == {"name": "out_of_scope", "confidence": 1.0}
    assert gated.get(SCOPE_KEY) == "other_condition"


def test_a_covered_condition_said_instead_of_another_is_answered() -> None:
    text = "I meant stenosis, not scoliosis"
    parsed = _with_conditions(text, ("stenosis", "spinal_stenosis"), ("scoliosis", "scoliosis"))
    [gated] = ScopeGate().process([parsed])
    assert gated.get("intent")["name"] == "faq"


def test_the_only_condition_named_after_not_is_still_what_is_asked_about() -> None:
    # "It's not sciatica, is it?" asks about sciatica.
    text = "its not sciatica is it?"
    parsed = _with_conditions(text, ("sciatica", "sciatica"))
    [gated] = ScopeGate().process([parsed])
    assert gated.get("intent")["name"] == "faq"


def test_an_unsure_guess_of_another_intent_is_gated_as_the_fallback_would_be() -> None:
    text = (
        "fair enough. different thing, my son is 9 and keeps saying his back hurts after "
        "football practice, what stretches should he do"
    )
    [gated] = ScopeGate().process([message(text, "stop", 0.35, body_part="back")])
    assert gated.get("intent") == {"name": "out_of_scope", "confidence": 1.0}
    assert gated.get(SCOPE_KEY) == "child"
    # A sure stop is left to the stop's own rules.
    [sure] = ScopeGate().process([message(text, "stop", 0.9, body_part="back")])
    assert sure.get("intent") == {"name": "stop", "confidence": 0.9}
