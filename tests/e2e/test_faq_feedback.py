"""'Did this help?' under an FAQ answer, over REST against the real servers and model."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import running
from tests.e2e.test_rest_conversation import (
    assert_actions_ran,
    bot_events_since_last_user,
    new_sender,
    utter_actions,
)
from tools.stack import AssistantStack, StackError

pytestmark = pytest.mark.e2e

FEEDBACK = [
    {"title": "Yes, that helped", "payload": "/faq_helpful"},
    {"title": "No, it didn't", "payload": "/faq_not_helpful"},
]


def answered(assistant: AssistantStack, sender: str) -> list[str | None]:
    return utter_actions(bot_events_since_last_user(assistant.tracker(sender)))


def last_buttons(reply: list[dict[str, Any]]) -> list[dict[str, str]]:
    return list(reply[-1].get("buttons") or [])


def test_an_answer_carries_the_buttons_and_a_no_gets_the_kind_reply(
    started: AssistantStack | StackError,
) -> None:
    assistant = running(started)
    sender = new_sender()
    reply = assistant.send(sender, "what is sciatica")
    assert answered(assistant, sender) == ["utter_faq/sciatica"]
    assert last_buttons(reply)[-2:] == FEEDBACK, "after the answer's own buttons"

    reply = assistant.send(sender, "/faq_not_helpful")
    assert answered(assistant, sender) == ["utter_faq_not_helpful"]
    assert "{phone}" not in reply[-1]["text"] and "specialists on" in reply[-1]["text"]
    assert_actions_ran(assistant)


def test_a_patient_who_ignores_them_is_answered_as_before(
    started: AssistantStack | StackError,
) -> None:
    assistant = running(started)
    sender = new_sender()
    assistant.send(sender, "what is sciatica")
    reply = assistant.send(sender, "what is spinal stenosis")
    assert answered(assistant, sender) == ["utter_faq/spinal_stenosis"]
    assert last_buttons(reply)[-2:] == FEEDBACK
    assistant.send(sender, "thanks that helped")
    assert answered(assistant, sender) == ["utter_faq_helped"]
    assert_actions_ran(assistant)


def test_no_feedback_buttons_inside_the_checkin(started: AssistantStack | StackError) -> None:
    assistant = running(started)
    sender = new_sender()
    assistant.send(sender, "my lower back has hurt for a month")
    reply = assistant.send(sender, "what is sciatica")
    names = answered(assistant, sender)
    assert "utter_faq/sciatica" in names, names
    buttons = [button for message in reply for button in message.get("buttons") or []]
    assert not any(button in FEEDBACK for button in buttons), buttons
    assert_actions_ran(assistant)
