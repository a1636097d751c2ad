"""Understanding through the real servers: no silent turn, red flags, scope, blind gates.

The blind sets (tests/blind/) were written by a helper who never read the data, tests or
code; nothing is trained or tuned on them. The gates below fail on a regression from the
figures measured when they were set (docs/decisions/0001-choosing-by-cross-validation.md);
they are below the targets still open, which the README reports.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import yaml

from clinic.settings import PROJECT_ROOT
from tests.e2e.conftest import running
from tests.e2e.test_rest_conversation import bot_events_since_last_user, utter_actions
from tools.evaluate import load_questions, run, score
from tools.stack import AssistantStack, StackError

BLIND = PROJECT_ROOT / "tests" / "blind"
# Messages that take a new conversation to each state a patient can be in.
STATES: dict[str, tuple[str, ...]] = {
    "no form": (),
    "asked how long": ("my back hurts, should I see someone?",),
    "asked how bad": ("my back hurts, should I see someone?", "3 weeks"),
    "asked about numbness": ("my back hurts, should I see someone?", "3 weeks", "4"),
    "asked about red flags": (
        "my back hurts, should I see someone?",
        "3 weeks",
        "4",
        "no numbness or tingling",
    ),
    "asked for a name": ("I'd like to book an appointment",),
}
FREE_TEXT = (
    "hello",
    "what is sciatica",
    "and medication?",
    "3 weeks",
    "zxqv blorptang wuggle",
    "Severe",
    "what's your phone number",
    "can I talk to a real person",
    "my knee hurts",
    "hola, me duele la espalda",
    "?",
)
RED_FLAG = "I've just wet myself and I can't feel my groin"


def in_state(assistant: AssistantStack, state: str) -> str:
    sender = f"understanding-{uuid.uuid4().hex}"
    for text in STATES[state]:
        assert assistant.send(sender, text), f"no reply to {text!r} on the way to {state}"
    return sender


def domain_intents() -> list[str]:
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))
    return [str(intent) for intent in domain["intents"]]


def turn_responses(assistant: AssistantStack, sender: str) -> list[str | None]:
    return utter_actions(bot_events_since_last_user(assistant.tracker(sender)))


@pytest.mark.parametrize("state", list(STATES))
def test_every_message_gets_a_reply_in_every_state(
    started: AssistantStack | StackError, state: str
) -> None:
    assistant = running(started)
    probes = [f"/{intent}" for intent in domain_intents()] + list(FREE_TEXT)
    silent = []
    for probe in probes:
        sender = in_state(assistant, state)
        if not assistant.send(sender, probe):
            silent.append(probe)
    assert silent == [], f"no reply in state {state!r} to {silent}"
    assert assistant.action_failures() == []


@pytest.mark.parametrize("state", list(STATES))
def test_a_red_flag_gets_the_urgent_reply_on_that_turn_and_the_next(
    started: AssistantStack | StackError, state: str
) -> None:
    assistant = running(started)
    sender = in_state(assistant, state)
    assistant.send(sender, RED_FLAG)
    assert "utter_emergency" in turn_responses(assistant, sender)
    assistant.send(sender, "can I not just book for next week instead?")
    assert turn_responses(assistant, sender) == ["utter_emergency_reminder"]


@pytest.mark.parametrize(
    ("text", "response"),
    [
        ("what is aortic stenosis?", "utter_scope_other_condition"),
        ("does rheumatoid arthritis go away", "utter_scope_other_condition"),
        ("best exercises for my knee", "utter_scope_other_joint"),
        ("my 8 year old keeps complaining about back pain", "utter_scope_child"),
    ],
)
def test_look_alike_conditions_get_a_scoped_reply_not_an_article_answer(
    started: AssistantStack | StackError, text: str, response: str
) -> None:
    assistant = running(started)
    sender = f"scope-{uuid.uuid4().hex}"
    assistant.send(sender, text)
    assert turn_responses(assistant, sender) == [response]


def shares(assistant: AssistantStack, path: Path) -> dict[str, float]:
    results = run(load_questions(path), assistant)
    return {summary.scope: summary.acceptable_share for summary in score(results)}


def test_blind_first_messages_do_not_regress(started: AssistantStack | StackError) -> None:
    got = shares(running(started), BLIND / "first_messages.tsv")
    floors = {"in": 0.88, "partial": 0.88, "out": 0.94}
    assert {scope: got[scope] >= floor for scope, floor in floors.items()} == dict.fromkeys(
        floors, True
    ), got


def test_blind_red_flags_do_not_regress(started: AssistantStack | StackError) -> None:
    got = shares(running(started), BLIND / "red_flags.tsv")
    assert got["emergency"] >= 0.90, got
    assert got["near_miss"] >= 0.85, got
