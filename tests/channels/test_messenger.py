from __future__ import annotations

import json

import pytest

from channels.messenger import SIGNATURE_HEADER, MessengerSignedInput, hub_signature

APP_SECRET = "facebook-app-secret-for-tests"
PAGE_TOKEN = "page-access-token-for-tests"
VERIFY = "verify-token-for-tests"
URL = "/webhooks/facebook/webhook"


def page_event(message: dict) -> bytes:
    # The body Messenger posts: developers.facebook.com/docs/messenger-platform/webhooks
    return json.dumps(
        {
            "object": "page",
            "entry": [
                {
                    "id": "PAGE_ID",
                    "time": 1700000000000,
                    "messaging": [
                        {
                            "sender": {"id": "PSID_1"},
                            "recipient": {"id": "PAGE_ID"},
                            "timestamp": 1700000000000,
                            "message": message,
                        }
                    ],
                }
            ],
        }
    ).encode()


TEXT = page_event({"mid": "m_1", "text": "my hip aches"})
QUICK_REPLY = page_event(
    {"mid": "m_2", "text": "Ask a question", "quick_reply": {"payload": "/ask_faq"}}
)


def headers(body: bytes, secret: str = APP_SECRET) -> dict[str, str]:
    return {SIGNATURE_HEADER: hub_signature(secret, body), "content-type": "application/json"}


@pytest.fixture
def channel(stand_in):
    return MessengerSignedInput.from_credentials(
        {
            "verify": VERIFY,
            "secret": APP_SECRET,
            "page-access-token": PAGE_TOKEN,
            "api_base": stand_in.base_url,
        }
    )


async def test_a_message_is_answered_with_quick_replies(channel, channel_app, stand_in):
    app, received = channel_app(channel)
    _, resp = await app.asgi_client.post(URL, content=TEXT, headers=headers(TEXT))
    assert resp.status == 200
    assert received[0].text == "my hip aches" and received[0].sender_id == "PSID_1"
    (sent,) = await stand_in.wait_for(1)
    assert sent.path == "/v17.0/me/messages"
    assert sent.query["access_token"] == [PAGE_TOKEN]
    body = sent.json()
    assert body["recipient"] == {"id": "PSID_1"}
    assert body["message"]["text"] == "You said: my hip aches"
    assert body["message"]["quick_replies"] == [
        {"content_type": "text", "title": "Book an appointment", "payload": "/book_appointment"},
        {"content_type": "text", "title": "Ask a question", "payload": "/ask_faq"},
    ]


async def test_a_quick_reply_sends_its_payload(channel, channel_app):
    app, received = channel_app(channel, answer=False)
    _, resp = await app.asgi_client.post(URL, content=QUICK_REPLY, headers=headers(QUICK_REPLY))
    assert resp.status == 200
    assert received[0].text == "/ask_faq"


async def test_an_unsigned_request_is_refused(channel, channel_app, stand_in):
    app, received = channel_app(channel)
    _, resp = await app.asgi_client.post(
        URL, content=TEXT, headers={"content-type": "application/json"}
    )
    assert resp.status == 401
    assert received == [] and stand_in.requests == []


async def test_a_wrongly_signed_request_is_refused(channel, channel_app, stand_in):
    app, received = channel_app(channel)
    _, resp = await app.asgi_client.post(URL, content=TEXT, headers=headers(TEXT, "wrong"))
    assert resp.status == 403
    # The stock SHA-1 header alone is not enough any more.
    _, resp = await app.asgi_client.post(
        URL, content=TEXT, headers={"X-Hub-Signature": "sha1=" + "0" * 40}
    )
    assert resp.status == 401
    assert received == [] and stand_in.requests == []


async def test_the_verification_handshake(channel, channel_app):
    app, _ = channel_app(channel)
    query = {"hub.mode": "subscribe", "hub.challenge": "1158201444"}
    _, resp = await app.asgi_client.get(URL, params={**query, "hub.verify_token": VERIFY})
    assert resp.status == 200 and resp.text == "1158201444"
    _, resp = await app.asgi_client.get(URL, params={**query, "hub.verify_token": "nope"})
    assert resp.status == 403


@pytest.mark.parametrize(
    ("title", "short"),
    [
        ("Yes", "Yes"),
        ("How can exercise help?", "How can exercise…"),
        ("When should I see a specialist?", "When should I see a…"),
        ("Supercalifragilisticexpialidocious", "Supercalifragilisti…"),
    ],
)
def test_long_titles_are_cut_at_a_word_with_an_ellipsis(title: str, short: str) -> None:
    from channels.messenger import MAX_QUICK_REPLY_TITLE, short_title

    assert short_title(title) == short
    assert len(short_title(title)) <= MAX_QUICK_REPLY_TITLE
