"""Each messaging platform's real webhook payload, posted to the REAL Rasa server.

The platforms' send APIs are a local stand-in (tests/channels/conftest.py); the
connectors are configured exactly as in production, from environment variables, with
only the API base URLs pointed at the stand-in.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from twilio.request_validator import RequestValidator

from tests.channels.conftest import StandIn, running_stand_in
from tests.e2e.conftest import running
from tools.stack import AssistantStack, StackError, running_assistant

pytestmark = pytest.mark.e2e

SECRETS = {
    "TELEGRAM_TOKEN": "123456:e2e-token",
    "TELEGRAM_SECRET_TOKEN": "e2e-telegram-secret",
    "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
    "TWILIO_AUTH_TOKEN": "e2e-twilio-token",
    "TWILIO_WHATSAPP_NUMBER": "+14155238886",
    "FACEBOOK_PAGE_ACCESS_TOKEN": "e2e-page-token",
    "FACEBOOK_APP_SECRET": "e2e-app-secret",
    "FACEBOOK_VERIFY_TOKEN": "e2e-verify",
    "SLACK_BOT_TOKEN": "xoxb-e2e",
    "SLACK_SIGNING_SECRET": "e2e-slack-secret",
}


@pytest.fixture(scope="module")
def platforms() -> Iterator[StandIn]:
    with running_stand_in() as stand_in:
        yield stand_in


@pytest.fixture(scope="module")
def started(platforms: StandIn) -> Iterator[AssistantStack | StackError]:
    bases = {
        name: platforms.base_url + suffix
        for name, suffix in [
            ("TELEGRAM_API_BASE", ""),
            ("TWILIO_API_BASE", ""),
            ("FACEBOOK_API_BASE", ""),
            ("SLACK_API_BASE", "/api/"),
        ]
    }
    try:
        with running_assistant(extra_env={**SECRETS, **bases}) as stack:
            yield stack
    except StackError as error:
        yield error


def sent_to(platforms: StandIn, path_part: str, since: int, count: int = 2) -> list[Any]:
    """The requests the platform's send API received since `since`, waiting up to 10 s.

    A first message gets two replies, the introduction and the answer: `count`.
    """
    found: list[Any] = []
    for _ in range(200):
        found = [r for r in platforms.requests[since:] if path_part in r.path]
        if len(found) >= count:
            return found
        time.sleep(0.05)
    return found


def test_telegram_gets_the_answer_with_an_inline_keyboard(
    started: AssistantStack | StackError, platforms: StandIn
) -> None:
    assistant = running(started)
    update = {
        "update_id": 1,
        "message": {
            "message_id": 1,
            "date": 1700000000,
            "chat": {"id": 4242, "type": "private"},
            "from": {"id": 4242, "is_bot": False, "first_name": "Pat"},
            "text": "what is sciatica",
        },
    }
    url = f"{assistant.rasa_url}/webhooks/telegram/webhook"
    assert requests.post(url, json=update, timeout=10).status_code == 401
    since = len(platforms.requests)
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRETS["TELEGRAM_SECRET_TOKEN"]}
    assert requests.post(url, json=update, headers=headers, timeout=30).status_code == 200
    sent = [r.json() for r in sent_to(platforms, "/sendMessage", since)]
    keyboards = [s["reply_markup"]["inline_keyboard"] for s in sent if "reply_markup" in s]
    assert any("sciatic nerve" in s["text"] for s in sent), sent
    assert [[b["text"] for b in row] for row in keyboards[-1]] == [
        ["How can exercise help?"],
        ["When should I see a specialist?"],
        # whether the answer helped, on the answer itself
        ["Yes, that helped"],
        ["No, it didn't"],
    ]


def test_whatsapp_gets_numbered_options_and_a_number_picks_one(
    started: AssistantStack | StackError, platforms: StandIn
) -> None:
    assistant = running(started)
    url = f"{assistant.rasa_url}/webhooks/twilio_whatsapp/webhook"
    params = {"From": "whatsapp:+447700900123", "To": "whatsapp:+14155238886", "Body": ""}

    def post(body: str, signature: str | None = None) -> int:
        form = {**params, "Body": body}
        sign = RequestValidator(SECRETS["TWILIO_AUTH_TOKEN"]).compute_signature(url, form)
        headers = {"X-Twilio-Signature": signature if signature is not None else sign}
        return requests.post(url, data=form, headers=headers, timeout=30).status_code

    assert post("what is sciatica", signature="forged") == 403
    since = len(platforms.requests)
    assert post("what is sciatica") == 200
    bodies = [r.form()["Body"][0] for r in sent_to(platforms, "Messages.json", since)]
    assert any("1. How can exercise help?" in b for b in bodies), bodies
    since = len(platforms.requests)
    assert post("1") == 200
    bodies = [r.form()["Body"][0] for r in sent_to(platforms, "Messages.json", since)]
    assert any("exercise" in b.lower() for b in bodies), bodies


def test_messenger_verifies_the_signature_and_answers_with_quick_replies(
    started: AssistantStack | StackError, platforms: StandIn
) -> None:
    assistant = running(started)
    url = f"{assistant.rasa_url}/webhooks/facebook/webhook"
    payload = {
        "object": "page",
        "entry": [
            {
                "id": "1",
                "time": 1700000000,
                "messaging": [
                    {
                        "sender": {"id": "5151"},
                        "recipient": {"id": "1"},
                        "timestamp": 1700000000,
                        "message": {"mid": "m1", "text": "what is sciatica"},
                    }
                ],
            }
        ],
    }
    body = json.dumps(payload).encode()
    good = "sha256=" + hmac.new(b"e2e-app-secret", body, hashlib.sha256).hexdigest()
    json_type = {"content-type": "application/json"}
    assert requests.post(url, data=body, headers=json_type, timeout=10).status_code == 401
    since = len(platforms.requests)
    headers = {**json_type, "X-Hub-Signature-256": good}
    assert requests.post(url, data=body, headers=headers, timeout=30).status_code == 200
    sent = [r.json() for r in sent_to(platforms, "/me/messages", since)]
    replies = [s["message"].get("quick_replies") for s in sent if s["message"].get("quick_replies")]
    assert replies and replies[-1][0]["title"] == "How can exercise…", sent
    assert replies[-1][0]["payload"] == '/choose_faq{"faq_key": "exercise_benefits"}'


def test_slack_verifies_the_signature_and_answers_with_buttons(
    started: AssistantStack | StackError, platforms: StandIn
) -> None:
    assistant = running(started)
    url = f"{assistant.rasa_url}/webhooks/slack/webhook"
    event = {
        "token": "x",
        "team_id": "T1",
        "api_app_id": "A1",
        "type": "event_callback",
        "event_id": "Ev1",
        "event_time": int(time.time()),
        "event": {
            "type": "message",
            "channel": "D123",
            "user": "U123",
            "text": "what is sciatica",
            "ts": "1700000000.000100",
            "channel_type": "im",
        },
    }
    body = json.dumps(event).encode()
    stamp = str(int(time.time()))
    digest = hmac.new(b"e2e-slack-secret", f"v0:{stamp}:".encode() + body, hashlib.sha256)
    headers = {
        "content-type": "application/json",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": "v0=" + digest.hexdigest(),
    }
    bad = {**headers, "X-Slack-Signature": "v0=" + "0" * 64}
    assert requests.post(url, data=body, headers=bad, timeout=10).status_code == 403
    since = len(platforms.requests)
    assert requests.post(url, data=body, headers=headers, timeout=30).status_code == 200
    posted = sent_to(platforms, "chat.postMessage", since)
    forms = [
        dict(r.form()) if "json" not in r.headers.get("Content-Type", "") else r.json()
        for r in posted
    ]
    assert any(
        "blocks" in json.dumps(f) and "How can exercise help?" in json.dumps(f) for f in forms
    ), forms
