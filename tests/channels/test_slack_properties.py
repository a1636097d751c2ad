"""Whatever reaches the Slack webhook: a clear 4xx, or 200 and a reply, never a 500."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from channels.slack import SlackSignedInput
from tests.channels.conftest import running_stand_in
from tests.channels.properties import Served, failing, is_polite, served
from tests.strategies import REPRODUCIBLE, encodable, hostile_text, json_values

SIGNING_SECRET = "slack-signing-secret-for-tests"
URL = "/webhooks/slack/webhook"
JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
BOUNDED = settings(REPRODUCIBLE, max_examples=40)
HEADER_VALUES = st.from_regex(r"v0=[0-9a-f]{1,64}", fullmatch=True)


@pytest.fixture(scope="module")
def slack() -> Iterator[Served]:
    with running_stand_in() as stand_in:
        channel = SlackSignedInput.from_credentials(
            {
                "slack_token": "xoxb-test-token",
                "slack_signing_secret": SIGNING_SECRET,
                "api_base": stand_in.base_url,
            }
        )
        with served(channel, stand_in) as serving:
            yield serving


def dm_event(text: Any, user: Any = "U2147483697", channel: Any = "D024BE91L") -> bytes:
    event = {"type": "message", "channel": channel, "channel_type": "im", "user": user}
    return json.dumps(
        {
            "type": "event_callback",
            "event": {**event, "text": text, "ts": "1355517523.000005"},
            "authorizations": [{"user_id": "UBOT"}],
        }
    ).encode()


def signed(body: bytes, content_type: str = JSON) -> dict[str, str]:
    timestamp = str(int(time.time()))
    digest = hmac.new(
        SIGNING_SECRET.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256
    ).hexdigest()
    return {
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": f"v0={digest}",
        "content-type": content_type,
    }


@BOUNDED
@given(text=hostile_text(), signature=st.none() | HEADER_VALUES)
def test_without_the_signing_secret_nothing_gets_through(
    slack: Served, text: str, signature: str | None
) -> None:
    before = len(slack.stand_in.requests)
    body = dm_event(text)
    headers = {"content-type": JSON}
    if signature is not None:
        headers.update({"X-Slack-Signature": signature, "X-Slack-Request-Timestamp": "1"})
    response = slack.post(URL, content=body, headers=headers)
    assert response.status == (401 if signature is None else 403)
    assert slack.sent_after(before) == []


@BOUNDED
@given(text=hostile_text())
def test_any_text_in_a_signed_message_is_answered(slack: Served, text: str) -> None:
    body = dm_event(text)
    before = len(slack.stand_in.requests)
    response = slack.post(URL, content=body, headers=signed(body))
    assert response.status == 200, response.text
    # The stock connector answers in a background task.
    sent = slack.sent_after(before, wait_s=5.0 if text else 0.2)
    if not text:
        assert sent == []  # an event without text is not a message
        return
    assert sent and sent[0].path == "/chat.postMessage"
    reply = sent[0].json()
    assert reply["channel"] == "D024BE91L"
    assert is_polite(sent_text(reply))


def sent_text(reply: dict[str, Any]) -> str:
    """A chat.postMessage's text: plain, or the first block's (with buttons)."""
    return str(reply.get("text") or reply["blocks"][0]["text"]["text"])


@BOUNDED
@given(text=hostile_text())
def test_when_the_assistant_fails_a_polite_reply_still_goes_out(slack: Served, text: str) -> None:
    body = dm_event(text)
    before = len(slack.stand_in.requests)
    with failing(slack):
        response = slack.post(URL, content=body, headers=signed(body))
        assert response.status == 200, response.text
        sent = slack.sent_after(before, wait_s=5.0 if text else 0.2)
    assert bool(sent) == bool(text)
    assert all(is_polite(sent_text(record.json())) for record in sent)


@BOUNDED
@given(event=json_values(), user=json_values(), channel=json_values())
def test_any_signed_json_gets_a_clear_answer(
    slack: Served, event: Any, user: Any, channel: Any
) -> None:
    for body in (json.dumps(event).encode(), dm_event("hello", user, channel)):
        response = slack.post(URL, content=body, headers=signed(body))
        assert response.status in (200, 400), response.text


@BOUNDED
@given(payload=json_values(), raw=st.binary(max_size=300), field=hostile_text(200))
def test_any_signed_interaction_gets_a_clear_answer(
    slack: Served, payload: Any, raw: bytes, field: str
) -> None:
    forms = (
        urlencode({"payload": json.dumps(payload)}).encode(),
        urlencode({"payload": encodable(field)}).encode(),
        raw,
    )
    for body in forms:
        response = slack.post(URL, content=body, headers=signed(body, FORM))
        assert response.status in (200, 400), response.text
