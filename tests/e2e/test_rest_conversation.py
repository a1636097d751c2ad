"""A patient's conversation over the REST channel, against the real Rasa and action servers.

Needs a trained model in models/ (the Makefile trains one first). Without one these tests
fail, on purpose: a silently skipped end-to-end test would hide a broken build.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import requests

from startup.rasa_api import conversation_token, staff_token
from tests.e2e.conftest import running
from tools.stack import AssistantStack, StackError, running_assistant

pytestmark = pytest.mark.e2e

GIBBERISH = "zxqv blorptang wuggle fnord"


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


def refused_headers(assistant: AssistantStack) -> list[tuple[dict[str, str], dict[str, str]]]:
    """(query, headers) pairs that must not open the HTTP API."""
    forged = staff_token("not-the-secret-" + "x" * 32)
    return [
        ({}, {}),
        ({"token": assistant.jwt_secret}, {}),  # the secret itself, in the URL
        ({}, {"Authorization": f"Bearer {forged}"}),
        ({}, {"Authorization": assistant.jwt_secret}),
    ]


def test_the_http_api_takes_only_a_signed_token_in_a_header(
    started: AssistantStack | StackError,
) -> None:
    assistant = running(started)
    for query, headers in refused_headers(assistant):
        for path in ("/status", f"/conversations/{new_sender()}/tracker"):
            response = requests.get(
                f"{assistant.rasa_url}{path}", params=query, headers=headers, timeout=10
            )
            assert response.status_code in (400, 401), (path, query, response.status_code)
    assert assistant.status()["model_id"], "a staff token is accepted"


def test_a_conversation_token_reaches_only_its_own_conversation(
    started: AssistantStack | StackError,
) -> None:
    assistant = running(started)
    own, other = new_sender(), new_sender()
    token = conversation_token(assistant.jwt_secret, own)
    headers = {"Authorization": f"Bearer {token}"}
    url = assistant.rasa_url
    assert requests.get(f"{url}/conversations/{own}/tracker", headers=headers, timeout=10).ok
    refused = requests.get(f"{url}/conversations/{other}/tracker", headers=headers, timeout=10)
    assert refused.status_code == 403
    assert requests.get(f"{url}/status", headers=headers, timeout=10).status_code == 403


@pytest.mark.parametrize(
    "body", [{"message": "hi"}, {"sender": "", "message": "hi"}, {"sender": "me"}]
)
def test_a_request_without_a_sender_or_message_is_refused(
    started: AssistantStack | StackError, body: dict[str, str]
) -> None:
    assistant = running(started)
    response = requests.post(f"{assistant.rasa_url}/webhooks/rest/webhook", json=body, timeout=10)
    assert response.status_code == 400
    assert response.json()["error"]


def test_a_body_over_64_kb_is_refused_before_it_is_read_or_logged(
    started: AssistantStack | StackError,
) -> None:
    assistant = running(started)
    marker = uuid.uuid4().hex
    body = {"sender": new_sender(), "message": marker + "x" * 1_000_000}
    response = requests.post(f"{assistant.rasa_url}/webhooks/rest/webhook", json=body, timeout=30)
    assert response.status_code == 413
    for log in assistant.log_dir.glob("*.log"):
        assert marker not in log.read_text(encoding="utf-8", errors="replace"), log.name


def test_only_allowed_origins_get_cors_headers(started: AssistantStack | StackError) -> None:
    assistant = running(started)
    url = f"{assistant.rasa_url}/webhooks/rest/webhook"
    body = {"sender": new_sender(), "message": "hello"}
    foreign = requests.post(url, json=body, headers={"Origin": "https://evil.example"}, timeout=30)
    assert "Access-Control-Allow-Origin" not in foreign.headers
    demo = f"http://127.0.0.1:{assistant.demo_port}"
    allowed = requests.post(url, json=body, headers={"Origin": demo}, timeout=30)
    assert allowed.headers.get("Access-Control-Allow-Origin") == demo


def test_a_conversation_sending_too_fast_is_slowed_politely_but_never_denied_urgent_advice() -> (
    None
):
    with running_assistant(extra_env={"RATE_LIMIT_PER_SENDER": "3"}) as assistant:
        sender = new_sender()
        url = f"{assistant.rasa_url}/webhooks/rest/webhook"
        statuses = [
            requests.post(url, json={"sender": sender, "message": "hi"}, timeout=30).status_code
            for _ in range(4)
        ]
        assert statuses == [200, 200, 200, 429]
        slowed = requests.post(url, json={"sender": sender, "message": "hi"}, timeout=30)
        assert "faster than I can answer" in slowed.json()[0]["text"]
        urgent = {"sender": sender, "message": "I can't feel my legs and can't pee"}
        advice = requests.post(url, json=urgent, timeout=30)
        assert advice.status_code == 429
        assert "urgent medical care now" in advice.json()[0]["text"]
        assert requests.post(url, json={"sender": new_sender(), "message": "hi"}, timeout=30).ok


def test_a_patient_can_see_and_delete_what_the_conversation_holds(
    started: AssistantStack | StackError,
) -> None:
    assistant = running(started)
    sender = new_sender()
    for text in ("could someone call me back on 07700 900222", "what do you know about me"):
        reply = assistant.send(sender, text)
    assert "+447700900222" in " ".join(message.get("text", "") for message in reply)
    asked = assistant.send(sender, "please delete my data")
    assert "Shall I delete this conversation now?" in asked[-1]["text"]
    done = assistant.send(sender, "/affirm")
    assert "deleted" in done[-1]["text"]
    events = assistant.tracker(sender)["events"]
    assert not any("07700" in str(event) for event in events), events
    assert assistant.send(sender, "what do you know about me")[-1]["text"].startswith(
        "I don't have any personal details"
    )


def test_what_the_conversation_holds_can_be_asked_in_the_middle_of_booking(
    started: AssistantStack | StackError,
) -> None:
    assistant = running(started)
    sender = new_sender()
    for text in ("I'd like to book an appointment", "any weekday morning", "the first one"):
        assistant.send(sender, text)
    assistant.send(sender, "Zebedee Quixote")
    reply = assistant.send(sender, "what do you know about me")
    texts = [message.get("text", "") for message in reply]
    assert any("Zebedee Quixote" in text for text in texts), texts
    assert "reach you" in texts[-1], "the booking carries on with its next question"
