"""A patient's conversation over the REST channel, against the real Rasa and action servers.

Needs a trained model in models/ (the Makefile trains one first). Without one these tests
fail, on purpose: a silently skipped end-to-end test would hide a broken build.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from tools.stack import AssistantStack, StackError, running_assistant

pytestmark = pytest.mark.e2e

GIBBERISH = "zxqv blorptang wuggle fnord"


@pytest.fixture(scope="module")
def started() -> Iterator[AssistantStack | StackError]:
    """Start the stack once for the module; keep a start-up error to fail each test with.

    The error is raised inside the tests rather than the fixture so that pytest reports
    a FAILED test with the reason (no model, a server that died), not a setup error.
    """
    try:
        with running_assistant() as stack:
            yield stack
    except StackError as error:
        yield error


def running(started: AssistantStack | StackError) -> AssistantStack:
    if isinstance(started, StackError):
        pytest.fail(f"Could not start the assistant: {started}", pytrace=False)
    return started


def new_sender() -> str:
    return f"e2e-{uuid.uuid4().hex}"


def bot_events_since_last_user(tracker: dict[str, Any]) -> list[dict[str, Any]]:
    """The bot events that answered the latest user message."""
    events: list[dict[str, Any]] = tracker["events"]
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    return [e for e in events[last_user + 1 :] if e.get("event") == "bot"]


def utter_actions(bot_events: list[dict[str, Any]]) -> list[str | None]:
    return [(e.get("metadata") or {}).get("utter_action") for e in bot_events]


def assert_actions_ran(assistant: AssistantStack) -> None:
    """Rasa answers even when custom actions fail, so look in its log as well."""
    failures = assistant.action_failures()
    assert not failures, "custom actions failed:\n" + "\n".join(failures[:6])


def texts(messages: list[dict[str, Any]]) -> list[str]:
    return [m["text"] for m in messages if m.get("text")]


def test_conversation_over_rest(started: AssistantStack | StackError) -> None:
    assistant = running(started)
    sender = new_sender()

    # 1. "hello": the session's one-line introduction, then a greeting.
    reply = assistant.send(sender, "hello")
    assert_actions_ran(assistant)
    events = assistant.tracker(sender)["events"]
    bot_so_far = [e for e in events if e.get("event") == "bot"]
    assert utter_actions(bot_so_far) == ["utter_intro", "utter_greet"], events
    assert texts(reply) == [e["text"] for e in bot_so_far]

    # 2. A question from the catalogue, answered with the sciatica FAQ.
    reply = assistant.send(sender, "what is sciatica")
    answer = bot_events_since_last_user(assistant.tracker(sender))
    assert "utter_faq/sciatica" in utter_actions(answer), texts(reply)
    assert texts(reply) == [e["text"] for e in answer if e.get("text")]
    assert reply, "the FAQ answer reached the REST client"

    # 3. A topic button's payload answers that topic directly.
    reply = assistant.send(sender, '/choose_faq{"faq_key": "osteoarthritis"}')
    answer = bot_events_since_last_user(assistant.tracker(sender))
    assert utter_actions(answer)[:1] == ["utter_faq/osteoarthritis"], texts(reply)
    assert texts(reply)[:1] == [answer[0]["text"]]

    # 4. A follow-up leans on the previous answer (osteoarthritis, a condition).
    reply = assistant.send(sender, "what can I do about it?")
    answer = bot_events_since_last_user(assistant.tracker(sender))
    assert utter_actions(answer)[:1] == ["utter_faq/treatment_options"], texts(reply)

    # 5. Gibberish: an honest "I can't help with that", never a guess at an answer.
    reply = assistant.send(sender, GIBBERISH)
    answer = bot_events_since_last_user(assistant.tracker(sender))
    assert utter_actions(answer)[:1] in (["utter_cannot_answer"], ["utter_out_of_scope"]), texts(
        reply
    )
    assert texts(reply)[:1] == [answer[0]["text"]]
    assert_actions_ran(assistant)


def test_first_message_is_an_faq_question(started: AssistantStack | StackError) -> None:
    """A patient who opens with a question gets the introduction and the answer."""
    assistant = running(started)
    sender = new_sender()
    reply = assistant.send(sender, "what is sciatica")
    assert_actions_ran(assistant)
    events = assistant.tracker(sender)["events"]
    assert utter_actions([e for e in events if e.get("event") == "bot"])[:2] == [
        "utter_intro",
        "utter_faq/sciatica",
    ], events
    assert len(reply) >= 2


@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_http_api_requires_the_token(
    started: AssistantStack | StackError, token: str | None
) -> None:
    assistant = running(started)
    params = {"token": token} if token else {}
    for path in ("/status", f"/conversations/{new_sender()}/tracker"):
        response = requests.get(f"{assistant.rasa_url}{path}", params=params, timeout=10)
        assert response.status_code in (401, 403), (path, response.status_code)
    assert assistant.status()["model_id"], "the right token is accepted"
