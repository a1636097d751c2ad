"""Whatever reaches the Messenger webhook: a clear 4xx, or 200 and a reply, never a 500."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from channels.messenger import SIGNATURE_HEADER, MessengerSignedInput, hub_signature
from tests.channels.conftest import running_stand_in
from tests.channels.properties import Served, failing, is_polite, served
from tests.strategies import REPRODUCIBLE, hostile_text, json_values

APP_SECRET = "facebook-app-secret-for-tests"
URL = "/webhooks/facebook/webhook"
BOUNDED = settings(REPRODUCIBLE, max_examples=40)
HEADER_VALUES = st.from_regex(r"[!-~]{1,80}", fullmatch=True)


@pytest.fixture(scope="module")
def messenger() -> Iterator[Served]:
    with running_stand_in() as stand_in:
        channel = MessengerSignedInput.from_credentials(
            {
                "verify": "verify-token-for-tests",
                "secret": APP_SECRET,
                "page-access-token": "page-access-token-for-tests",
                "api_base": stand_in.base_url,
            }
        )
        with served(channel, stand_in) as serving:
            yield serving


def page_event(message: Any, sender: Any = None) -> bytes:
    event = {
        "sender": {"id": "PSID_1"} if sender is None else sender,
        "recipient": {"id": "PAGE_ID"},
        "timestamp": 1700000000000,
        "message": message,
    }
    body = {"object": "page", "entry": [{"id": "PAGE_ID", "time": 1, "messaging": [event]}]}
    return json.dumps(body).encode()


def signed(body: bytes) -> dict[str, str]:
    return {SIGNATURE_HEADER: hub_signature(APP_SECRET, body), "content-type": "application/json"}


@BOUNDED
@given(text=hostile_text(), signature=st.none() | HEADER_VALUES)
def test_without_the_app_secrets_signature_nothing_gets_through(
    messenger: Served, text: str, signature: str | None
) -> None:
    before = len(messenger.stand_in.requests)
    body = page_event({"mid": "m_1", "text": text})
    headers = {"content-type": "application/json"}
    if signature is not None:
        headers[SIGNATURE_HEADER] = signature
    response = messenger.post(URL, content=body, headers=headers)
    assert response.status == (401 if signature is None else 403)
    assert messenger.stand_in.requests[before:] == []


@BOUNDED
@given(text=hostile_text())
def test_any_text_in_a_signed_event_is_answered(messenger: Served, text: str) -> None:
    body = page_event({"mid": "m_1", "text": text})
    before = len(messenger.stand_in.requests)
    response = messenger.post(URL, content=body, headers=signed(body))
    assert response.status == 200, response.text
    sent = messenger.sent_after(before)
    assert sent and sent[0].path == "/v17.0/me/messages"
    reply = sent[0].json()
    assert reply["recipient"] == {"id": "PSID_1"}
    assert is_polite(sent_text(reply))


def sent_text(reply: dict[str, Any]) -> str:
    """A Send API message's text: plain, or a button template's (the number to call)."""
    message = reply["message"]
    if "text" in message:
        return str(message["text"])
    return str(message["attachment"]["payload"]["text"])


@BOUNDED
@given(text=hostile_text())
def test_when_the_assistant_fails_a_polite_reply_still_goes_out(
    messenger: Served, text: str
) -> None:
    body = page_event({"mid": "m_1", "text": text})
    before = len(messenger.stand_in.requests)
    with failing(messenger):
        response = messenger.post(URL, content=body, headers=signed(body))
    assert response.status == 200, response.text
    sent = messenger.sent_after(before)
    assert sent and all(is_polite(sent_text(record.json())) for record in sent)


@BOUNDED
@given(message=json_values(), sender=json_values())
def test_any_signed_message_shape_gets_a_clear_answer(
    messenger: Served, message: Any, sender: Any
) -> None:
    body = page_event(message, sender)
    response = messenger.post(URL, content=body, headers=signed(body))
    assert response.status in (200, 400), response.text


@BOUNDED
@given(value=json_values(), raw=st.binary(max_size=300))
def test_any_signed_body_gets_a_clear_answer(messenger: Served, value: Any, raw: bytes) -> None:
    for body in (json.dumps(value).encode(), raw):
        response = messenger.post(URL, content=body, headers=signed(body))
        assert 200 <= response.status < 500, response.text
