from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from urllib.parse import urlencode

import pytest

from channels.slack import SlackSignedInput

SIGNING_SECRET = "slack-signing-secret-for-tests"
BOT_TOKEN = "xoxb-test-token"
URL = "/webhooks/slack/webhook"

# An Events API direct message: https://api.slack.com/events/message.im
DM_EVENT = json.dumps(
    {
        "token": "ignored",
        "team_id": "T061EG9R6",
        "api_app_id": "A0PNCHHK2",
        "event": {
            "type": "message",
            "channel": "D024BE91L",
            "channel_type": "im",
            "user": "U2147483697",
            "text": "my shoulder is stiff",
            "ts": "1355517523.000005",
        },
        "type": "event_callback",
        "authorizations": [{"user_id": "UBOT"}],
        "event_id": "Ev0PV52K21",
        "event_time": 1355517523,
    }
).encode()


def signed(body: bytes, content_type: str, secret: str = SIGNING_SECRET, age: int = 0):
    timestamp = str(int(time.time()) - age)
    base = f"v0:{timestamp}:".encode() + body
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": f"v0={digest}",
        "content-type": content_type,
    }


@pytest.fixture
def channel(stand_in):
    return SlackSignedInput.from_credentials(
        {
            "slack_token": BOT_TOKEN,
            "slack_signing_secret": SIGNING_SECRET,
            "api_base": stand_in.base_url,
        }
    )


async def test_a_message_is_answered_with_block_kit_buttons(channel, channel_app, stand_in):
    app, received = channel_app(channel)
    _, resp = await app.asgi_client.post(
        URL, content=DM_EVENT, headers=signed(DM_EVENT, "application/json")
    )
    assert resp.status == 200
    (sent,) = await stand_in.wait_for(1)
    assert received[0].text == "my shoulder is stiff" and received[0].sender_id == "U2147483697"
    assert sent.path == "/chat.postMessage"
    assert sent.headers["Authorization"] == f"Bearer {BOT_TOKEN}"
    body = sent.json()
    assert body["channel"] == "D024BE91L"
    section, actions = body["blocks"]
    assert section["text"]["text"] == "You said: my shoulder is stiff"
    assert actions["type"] == "actions"
    assert [(b["type"], b["text"]["text"], b["value"]) for b in actions["elements"]] == [
        ("button", "Book an appointment", "/book_appointment"),
        ("button", "Ask a question", "/ask_faq"),
    ]


async def test_a_button_click_sends_its_value(channel, channel_app, stand_in):
    app, received = channel_app(channel, answer=False)
    payload = {
        "type": "block_actions",
        "user": {"id": "U2147483697"},
        "channel": {"id": "D024BE91L"},
        "message": {"ts": "1355517524.000001"},
        "actions": [{"type": "button", "action_id": "a1", "value": "/book_appointment"}],
    }
    body = urlencode({"payload": json.dumps(payload)}).encode()
    _, resp = await app.asgi_client.post(
        URL, content=body, headers=signed(body, "application/x-www-form-urlencoded")
    )
    assert resp.status == 200
    for _ in range(250):  # the stock connector handles the click in a background task
        if received:
            break
        await asyncio.sleep(0.02)
    assert received[0].text == "/book_appointment"


async def test_an_unsigned_request_is_refused(channel, channel_app, stand_in):
    app, received = channel_app(channel)
    _, resp = await app.asgi_client.post(
        URL, content=DM_EVENT, headers={"content-type": "application/json"}
    )
    assert resp.status == 401
    assert received == [] and stand_in.requests == []


@pytest.mark.parametrize(
    "headers",
    [
        signed(DM_EVENT, "application/json", secret="wrong"),
        signed(DM_EVENT, "application/json", age=6 * 60),  # replayed after the 5 minutes
    ],
    ids=["wrong-secret", "stale"],
)
async def test_a_wrongly_signed_request_is_refused(channel, channel_app, stand_in, headers):
    app, received = channel_app(channel)
    _, resp = await app.asgi_client.post(URL, content=DM_EVENT, headers=headers)
    assert resp.status == 403
    assert received == [] and stand_in.requests == []


async def test_the_url_verification_challenge_needs_a_signature(channel, channel_app):
    app, _ = channel_app(channel)
    body = json.dumps({"type": "url_verification", "challenge": "3eZbrw1a"}).encode()
    _, resp = await app.asgi_client.post(
        URL, content=body, headers=signed(body, "application/json")
    )
    assert resp.status == 200 and "3eZbrw1a" in resp.text
    _, resp = await app.asgi_client.post(URL, content=body)
    assert resp.status == 401
