"""Whatever a client sends the REST channel: a clear 4xx or a reply, never a 500 or nothing."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rasa.core.channels.channel import UserMessage
from sanic import Sanic
from sanic_testing.reusable import ReusableClient

from channels.rest import ClinicRestInput
from tests.channels.conftest import reply_with_buttons
from tests.strategies import REPRODUCIBLE, any_text, json_values
from tools.stack import free_ports

URL = "/webhooks/rest/webhook"

ANY_TEXT = any_text(3000)
JSON_VALUES = json_values()
SENDERS = st.one_of(
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}", fullmatch=True), ANY_TEXT, JSON_VALUES
)
NASTY = st.sampled_from(
    [
        "",
        "x" * 100_000,
        "<script>alert(1)</script>",
        "'; DROP TABLE appointments; --",
        "\u202e\u0639\u0631\u0628\u064a right-to-left\u202c",
        "🦴🔥💊" * 50,
        "\x00\x07\x1b[31m",
        "\ud83d",
    ]
)


@pytest.fixture(scope="module")
def client() -> Iterator[ReusableClient]:
    async def answer(message: UserMessage) -> None:
        await reply_with_buttons(message)

    app = Sanic(f"rest_properties_{uuid.uuid4().hex}")
    app.blueprint(ClinicRestInput().blueprint(answer), url_prefix="/webhooks/rest")
    reusable = ReusableClient(app, port=free_ports(1)[0])
    reusable.run()
    try:
        yield reusable
    finally:
        reusable.stop()


def post(client: ReusableClient, data: str) -> Any:
    _, response = client.post(URL, data=data, gather_request=False)
    return response


def assert_clear(response: Any) -> None:
    assert response.status < 500, response.text
    # 429: over the rate limit (when a Redis is reachable), which is answered politely too.
    if response.status in (200, 429):
        replies = json.loads(response.text)
        assert replies and all(reply.get("text") for reply in replies)
    else:
        assert 400 <= response.status < 500 and json.loads(response.text)["error"]


common = REPRODUCIBLE


@common
@given(body=JSON_VALUES)
def test_any_json_body_gets_a_clear_answer(client: ReusableClient, body: Any) -> None:
    assert_clear(post(client, json.dumps(body)))


@common
@given(sender=SENDERS, message=st.one_of(ANY_TEXT, NASTY, JSON_VALUES))
def test_any_sender_and_message_get_a_clear_answer(
    client: ReusableClient, sender: Any, message: Any
) -> None:
    assert_clear(post(client, json.dumps({"sender": sender, "message": message})))


@common
@given(raw=st.binary(max_size=500))
def test_bytes_that_are_not_json_get_400(client: ReusableClient, raw: bytes) -> None:
    try:
        json.loads(raw)
    except ValueError:
        _, response = client.post(URL, content=raw, gather_request=False)
        assert response.status == 400
