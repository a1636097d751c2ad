from __future__ import annotations

from urllib.parse import urlencode

import pytest
from twilio.request_validator import RequestValidator

from channels.twilio_whatsapp import (
    SIGNATURE_HEADER,
    NumberedOptions,
    RedisNumberedOptions,
    TwilioWhatsAppInput,
    numbered_text,
)

SID = "AC00000000000000000000000000000000"
AUTH_TOKEN = "twilio-auth-token-for-tests"
PUBLIC = "https://bot.example.org"
PATH = "/webhooks/twilio_whatsapp/webhook"
FORM = "application/x-www-form-urlencoded"
CREDENTIALS = {
    "account_sid": SID,
    "auth_token": AUTH_TOKEN,
    "twilio_number": "+14155238886",
    "public_base_url": PUBLIC,
}


def inbound(body: str) -> dict[str, str]:
    """The form Twilio posts for an incoming WhatsApp message."""
    return {
        "SmsMessageSid": "SM11111111111111111111111111111111",
        "NumMedia": "0",
        "ProfileName": "Pat",
        "SmsSid": "SM11111111111111111111111111111111",
        "WaId": "447700900123",
        "SmsStatus": "received",
        "Body": body,
        "To": "whatsapp:+14155238886",
        "NumSegments": "1",
        "MessageSid": "SM11111111111111111111111111111111",
        "AccountSid": SID,
        "From": "whatsapp:+447700900123",
        "ApiVersion": "2010-04-01",
    }


def signed(params: dict[str, str], token: str = AUTH_TOKEN) -> dict[str, str]:
    signature = RequestValidator(token).compute_signature(PUBLIC + PATH, params)
    return {SIGNATURE_HEADER: signature, "content-type": FORM}


@pytest.fixture
def channel(stand_in):
    return TwilioWhatsAppInput.from_credentials(
        {
            "account_sid": SID,
            "auth_token": AUTH_TOKEN,
            "twilio_number": "+14155238886",
            "public_base_url": PUBLIC,
            "api_base": stand_in.base_url,
        }
    )


async def test_buttons_arrive_as_numbered_text(channel, channel_app, stand_in):
    app, received = channel_app(channel)
    params = inbound("hello")
    _, resp = await app.asgi_client.post(PATH, content=urlencode(params), headers=signed(params))
    assert resp.status == 200 and "<Response>" in resp.text
    assert received[0].text == "hello" and received[0].sender_id == "+447700900123"
    (sent,) = await stand_in.wait_for(1)
    assert sent.path == f"/2010-04-01/Accounts/{SID}/Messages.json"
    assert sent.headers["Authorization"].startswith("Basic ")
    form = sent.form()
    assert form["To"] == ["whatsapp:+447700900123"]
    assert form["From"] == ["whatsapp:+14155238886"]
    assert form["Body"] == ["You said: hello\n1. Book an appointment\n2. Ask a question"]


async def test_a_number_reply_maps_back_to_the_button_payload(channel, channel_app, stand_in):
    app, received = channel_app(channel)
    for body in ("hello", "2", "2"):
        params = inbound(body)
        _, resp = await app.asgi_client.post(
            PATH, content=urlencode(params), headers=signed(params)
        )
        assert resp.status == 200
    # "2" picks the second option; options are refreshed by each buttoned reply.
    assert [m.text for m in received] == ["hello", "/ask_faq", "/ask_faq"]


async def test_an_unsigned_request_is_refused(channel, channel_app, stand_in):
    app, received = channel_app(channel)
    _, resp = await app.asgi_client.post(
        PATH, content=urlencode(inbound("hi")), headers={"content-type": FORM}
    )
    assert resp.status == 401
    assert received == [] and stand_in.requests == []


async def test_a_wrongly_signed_request_is_refused(channel, channel_app, stand_in):
    app, received = channel_app(channel)
    params = inbound("hi")
    forged = signed(params, token="not-the-auth-token")
    _, resp = await app.asgi_client.post(PATH, content=urlencode(params), headers=forged)
    assert resp.status == 403
    # A body changed after signing fails as well.
    headers = signed(params)
    _, resp = await app.asgi_client.post(
        PATH, content=urlencode(inbound("tampered")), headers=headers
    )
    assert resp.status == 403
    assert received == [] and stand_in.requests == []


@pytest.fixture(params=["memory", "redis"])
def options(request: pytest.FixtureRequest) -> NumberedOptions:
    """Both stores: one process's memory, and the Redis every Rasa worker shares."""
    if request.param == "memory":
        return NumberedOptions()
    return RedisNumberedOptions(request.getfixturevalue("redis_url"))


def test_numbered_options_only_map_numbers_in_range(options: NumberedOptions):
    options.remember("+44", ["/a", "/b"])
    assert options.resolve("+44", "3") == "3"  # out of range: text as typed, options used up
    assert options.resolve("+44", "1") == "1"
    options.remember("+44", ["/a", "/b"])
    assert options.resolve("+44", " 1. ") == "/a"
    options.remember("+44", ["/a"])
    assert options.resolve("+44", "my knee") == "my knee"
    assert options.resolve("+33", "1") == "1"


def test_options_sent_by_one_worker_are_resolved_by_another_once(redis_url: str):
    first_worker, second_worker = (RedisNumberedOptions(redis_url) for _ in range(2))
    first_worker.remember("whatsapp:+447700900001", ["/choose_faq{...}", "/something_else"])
    assert second_worker.resolve("whatsapp:+447700900001", "2") == "/something_else"
    assert first_worker.resolve("whatsapp:+447700900001", "2") == "2"  # used up


def test_redis_options_expire(redis_url: str):
    options = RedisNumberedOptions(redis_url, ttl_s=60)
    options.remember("whatsapp:+447700900002", ["/a"])
    ttl = options._redis.ttl(RedisNumberedOptions.KEY_PREFIX + "whatsapp:+447700900002")
    assert 0 < ttl <= 60


def test_the_channel_keeps_options_in_redis_when_configured(redis_url: str):
    channel = TwilioWhatsAppInput.from_credentials({**CREDENTIALS, "options_redis_url": redis_url})
    assert isinstance(channel.options, RedisNumberedOptions)
    assert type(TwilioWhatsAppInput.from_credentials(CREDENTIALS).options) is NumberedOptions


def test_memory_is_bounded():
    options = NumberedOptions(max_senders=2)
    for sender in ("a", "b", "c"):
        options.remember(sender, ["/x"])
    assert options.resolve("a", "1") == "1" and options.resolve("c", "1") == "/x"


def test_numbered_text_layout():
    assert numbered_text("Pick one", [{"title": "Yes"}, {"title": "No"}]) == (
        "Pick one\n1. Yes\n2. No"
    )
