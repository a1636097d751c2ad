"""Whatever reaches the Telegram webhook: a clear 4xx, or 200 and a reply, never a 500."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from channels.telegram import SECRET_HEADER, TelegramSecretInput
from tests.channels.conftest import running_stand_in
from tests.channels.properties import Served, failing, is_polite, served
from tests.strategies import REPRODUCIBLE, hostile_text, json_values

SECRET = "telegram-secret-for-tests"
TOKEN = "123456:test-token"
URL = "/webhooks/telegram/webhook"
SIGNED = {SECRET_HEADER: SECRET, "content-type": "application/json"}
BOUNDED = settings(REPRODUCIBLE, max_examples=40)
HEADER_VALUES = st.from_regex(r"[!-~]{1,60}", fullmatch=True)


@pytest.fixture(scope="module")
def telegram() -> Iterator[Served]:
    with running_stand_in() as stand_in:
        channel = TelegramSecretInput.from_credentials(
            {"access_token": TOKEN, "secret_token": SECRET, "api_base": stand_in.base_url}
        )
        with served(channel, stand_in) as serving:
            yield serving


def update(text: Any, chat_id: Any = 1111111) -> dict[str, Any]:
    return {
        "update_id": 10000,
        "message": {
            "message_id": 1365,
            "date": 1700000000,
            "chat": {"id": chat_id, "type": "private"},
            "from": {"id": 1111111, "is_bot": False, "first_name": "Pat"},
            "text": text,
        },
    }


def button(data: Any, chat: Any) -> dict[str, Any]:
    return {
        "update_id": 10001,
        "callback_query": {"id": "1", "data": data, "message": {"message_id": 1, "chat": chat}},
    }


@BOUNDED
@given(body=json_values(), secret=st.none() | HEADER_VALUES)
def test_without_the_secret_nothing_gets_through(
    telegram: Served, body: Any, secret: str | None
) -> None:
    before = len(telegram.stand_in.requests)
    headers = {} if secret is None else {SECRET_HEADER: secret}
    response = telegram.post(URL, content=json.dumps(update(body)), headers=headers)
    assert response.status == (401 if secret is None else 403)
    assert telegram.stand_in.requests[before:] == []


@BOUNDED
@given(text=hostile_text())
def test_any_text_in_a_signed_update_is_answered(telegram: Served, text: str) -> None:
    before = len(telegram.stand_in.requests)
    response = telegram.post(URL, content=json.dumps(update(text)), headers=SIGNED)
    assert response.status == 200, response.text
    sent = telegram.sent_after(before)
    if not text:
        assert sent == []  # an update without text (a sticker, a join) needs no answer
        return
    assert sent and sent[0].path == f"/bot{TOKEN}/sendMessage"
    body = sent[0].json()
    assert body["chat_id"] == "1111111" and is_polite(body["text"])


@BOUNDED
@given(text=hostile_text())
def test_when_the_assistant_fails_a_polite_reply_still_goes_out(
    telegram: Served, text: str
) -> None:
    before = len(telegram.stand_in.requests)
    with failing(telegram):
        response = telegram.post(URL, content=json.dumps(update(text)), headers=SIGNED)
    assert response.status == 200, response.text
    sent = telegram.sent_after(before)
    assert bool(sent) == bool(text)
    assert all(is_polite(record.json()["text"]) for record in sent)


@BOUNDED
@given(data=hostile_text(), chat=json_values())
def test_any_button_data_and_chat_get_a_clear_answer(
    telegram: Served, data: str, chat: Any
) -> None:
    response = telegram.post(URL, content=json.dumps(button(data, chat)), headers=SIGNED)
    assert response.status in (200, 400), response.text


@BOUNDED
@given(body=json_values(), text=json_values(), chat_id=json_values())
def test_any_signed_json_gets_a_clear_answer(
    telegram: Served, body: Any, text: Any, chat_id: Any
) -> None:
    for content in (json.dumps(body), json.dumps(update(text, chat_id))):
        response = telegram.post(URL, content=content, headers=SIGNED)
        assert response.status in (200, 400), response.text


@BOUNDED
@given(raw=st.binary(max_size=300))
def test_a_signed_body_that_is_not_json_gets_400(telegram: Served, raw: bytes) -> None:
    try:
        json.loads(raw)
    except ValueError:
        response = telegram.post(URL, content=raw, headers=SIGNED)
        assert response.status == 400, response.text
