from __future__ import annotations

import pytest

from channels.telegram import SECRET_HEADER, TelegramSecretInput

SECRET = "telegram-secret-for-tests"
TOKEN = "123456:test-token"
URL = "/webhooks/telegram/webhook"

# The shapes Telegram posts: https://core.telegram.org/bots/api#update
TEXT_UPDATE = {
    "update_id": 10000,
    "message": {
        "message_id": 1365,
        "date": 1700000000,
        "chat": {"id": 1111111, "type": "private", "first_name": "Pat"},
        "from": {"id": 1111111, "is_bot": False, "first_name": "Pat"},
        "text": "my knee hurts",
    },
}
BUTTON_UPDATE = {
    "update_id": 10001,
    "callback_query": {
        "id": "4382bfdwdsb323b2d9",
        "from": {"id": 1111111, "is_bot": False, "first_name": "Pat"},
        "chat_instance": "-1234",
        "data": "/book_appointment",
        "message": {
            "message_id": 1366,
            "date": 1700000001,
            "chat": {"id": 1111111, "type": "private"},
            "text": "You said: my knee hurts",
        },
    },
}


@pytest.fixture
def channel(stand_in):
    return TelegramSecretInput.from_credentials(
        {"access_token": TOKEN, "secret_token": SECRET, "api_base": stand_in.base_url}
    )


async def test_a_message_is_answered_with_an_inline_keyboard(channel, channel_app, stand_in):
    app, received = channel_app(channel)
    _, resp = await app.asgi_client.post(URL, json=TEXT_UPDATE, headers={SECRET_HEADER: SECRET})
    assert resp.status == 200
    assert received[0].text == "my knee hurts" and received[0].sender_id == "1111111"
    (sent,) = await stand_in.wait_for(1)
    assert sent.path == f"/bot{TOKEN}/sendMessage"
    body = sent.json()
    assert body["chat_id"] == "1111111"
    assert body["text"] == "You said: my knee hurts"
    assert body["reply_markup"]["inline_keyboard"] == [
        [{"text": "Book an appointment", "callback_data": "/book_appointment"}],
        [{"text": "Ask a question", "callback_data": "/ask_faq"}],
    ]


async def test_a_tapped_button_sends_its_payload(channel, channel_app, stand_in):
    app, received = channel_app(channel, answer=False)
    _, resp = await app.asgi_client.post(URL, json=BUTTON_UPDATE, headers={SECRET_HEADER: SECRET})
    assert resp.status == 200
    assert received[0].text == "/book_appointment" and received[0].sender_id == "1111111"


async def test_an_update_without_the_secret_is_refused(channel, channel_app, stand_in):
    app, received = channel_app(channel)
    _, resp = await app.asgi_client.post(URL, json=TEXT_UPDATE)
    assert resp.status == 401
    assert received == [] and stand_in.requests == []


async def test_an_update_with_a_wrong_secret_is_refused(channel, channel_app, stand_in):
    app, received = channel_app(channel)
    _, resp = await app.asgi_client.post(URL, json=TEXT_UPDATE, headers={SECRET_HEADER: "nope"})
    assert resp.status == 403
    assert received == [] and stand_in.requests == []


async def test_set_webhook_registers_the_secret(stand_in, channel_app):
    channel = TelegramSecretInput.from_credentials(
        {
            "access_token": TOKEN,
            "secret_token": SECRET,
            "webhook_url": "https://bot.example.org/webhooks/telegram/webhook",
            "api_base": stand_in.base_url,
        }
    )
    app, _ = channel_app(channel)
    _, refused = await app.asgi_client.post("/webhooks/telegram/set_webhook")
    assert refused.status == 401
    _, resp = await app.asgi_client.post(
        "/webhooks/telegram/set_webhook", headers={SECRET_HEADER: SECRET}
    )
    assert resp.status == 200
    calls = [r for r in stand_in.requests if r.path == f"/bot{TOKEN}/setWebhook"]
    assert calls and calls[-1].json()["secret_token"] == SECRET
    assert calls[-1].json()["url"] == "https://bot.example.org/webhooks/telegram/webhook"


def test_a_secret_token_is_required():
    with pytest.raises(ValueError, match="secret token"):
        TelegramSecretInput.from_credentials({"access_token": TOKEN, "secret_token": ""})
