"""The "Did you mean...?" path over REST, against the real servers.

With the answer threshold at its maximum no answer is ever clear, so every FAQ question
that names no condition takes the clarification path (one naming a single condition gets
that condition's answer); this exercises the real rule, slots and button rendering.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

import pytest

from tests.e2e.test_rest_conversation import (
    assert_actions_ran,
    bot_events_since_last_user,
    running,
    utter_actions,
)
from tools.stack import AssistantStack, StackError, running_assistant

pytestmark = pytest.mark.e2e

ALWAYS_ASK = {"FAQ_ANSWER_THRESHOLD": "1.0", "FAQ_MARGIN": "1.0", "FAQ_FALLBACK_THRESHOLD": "0.0"}


@pytest.fixture(scope="module")
def started() -> Iterator[AssistantStack | StackError]:
    try:
        with running_assistant(extra_env=ALWAYS_ASK) as stack:
            yield stack
    except StackError as error:
        yield error


def test_an_unclear_question_offers_choices_that_answer(
    started: AssistantStack | StackError,
) -> None:
    assistant = running(started)
    sender = f"e2e-{uuid.uuid4().hex}"

    # No condition named: a condition named alone is answered, whatever the thresholds.
    reply = assistant.send(sender, "tell me about physical therapy")
    assert_actions_ran(assistant)
    asked = bot_events_since_last_user(assistant.tracker(sender))
    assert utter_actions(asked)[-1] == "utter_did_you_mean"
    buttons = reply[-1]["buttons"]
    assert buttons[-1] == {"title": "Something else", "payload": "/something_else"}
    choices = buttons[:-1]
    assert 1 <= len(choices) <= 3
    first = json.loads(choices[0]["payload"].removeprefix("/choose_faq"))["faq_key"]
    assert first == "physical_therapy", "the best candidate comes first"
    assert choices[0]["title"] == "How can physical therapy help?"
    assert all("{" not in button["title"] for button in choices), "titles are filled in"

    assistant.send(sender, choices[0]["payload"])
    answered = bot_events_since_last_user(assistant.tracker(sender))
    assert utter_actions(answered) == ["utter_faq/physical_therapy"]

    assistant.send(sender, "how can physio help")
    reply = assistant.send(sender, "/something_else")
    answered = bot_events_since_last_user(assistant.tracker(sender))
    assert utter_actions(answered) == ["utter_ask_rephrase"], reply
    assert_actions_ran(assistant)
