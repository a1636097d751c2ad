"""Whatever reaches the WhatsApp (Twilio) webhook: a clear 4xx, or 200 and a reply."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from twilio.request_validator import RequestValidator

from channels.twilio_whatsapp import SIGNATURE_HEADER, TwilioWhatsAppInput
from tests.channels.conftest import running_stand_in
from tests.channels.properties import Served, failing, is_polite, served
from tests.strategies import REPRODUCIBLE, encodable, hostile_text, json_values

SID = "AC00000000000000000000000000000000"
AUTH_TOKEN = "twilio-auth-token-for-tests"
PUBLIC = "https://bot.example.org"
PATH = "/webhooks/twilio_whatsapp/webhook"
FORM = "application/x-www-form-urlencoded"
BOUNDED = settings(REPRODUCIBLE, max_examples=40)
HEADER_VALUES = st.from_regex(r"[!-~]{1,60}", fullmatch=True)


@pytest.fixture(scope="module")
def twilio() -> Iterator[Served]:
    with running_stand_in() as stand_in:
        channel = TwilioWhatsAppInput.from_credentials(
            {
                "account_sid": SID,
                "auth_token": AUTH_TOKEN,
                "twilio_number": "+14155238886",
                "public_base_url": PUBLIC,
                "api_base": stand_in.base_url,
            }
        )
        with served(channel, stand_in) as serving:
            yield serving


def inbound(body: str, sender: str = "whatsapp:+447700900123") -> dict[str, str]:
    return {"MessageSid": "SM1", "AccountSid": SID, "From": sender, "Body": body}


def signed(params: dict[str, str]) -> dict[str, str]:
    signature = RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC + PATH, params)
    return {SIGNATURE_HEADER: signature, "content-type": FORM}


@BOUNDED
@given(text=hostile_text(), signature=st.none() | HEADER_VALUES)
def test_without_twilios_signature_nothing_gets_through(
    twilio: Served, text: str, signature: str | None
) -> None:
    before = len(twilio.stand_in.requests)
    headers = {"content-type": FORM}
    if signature is not None:
        headers[SIGNATURE_HEADER] = signature
    body = urlencode(inbound(encodable(text)))
    response = twilio.post(PATH, content=body, headers=headers)
    assert response.status == (401 if signature is None else 403)
    assert twilio.stand_in.requests[before:] == []


@BOUNDED
@given(text=hostile_text())
def test_any_text_in_a_signed_message_is_answered(twilio: Served, text: str) -> None:
    params = inbound(encodable(text))
    before = len(twilio.stand_in.requests)
    response = twilio.post(PATH, content=urlencode(params), headers=signed(params))
    assert response.status == 200, response.text
    assert "<Response>" in response.text
    sent = twilio.sent_after(before)
    if not params["Body"]:
        assert sent == []  # an empty form field: nothing to answer
        return
    assert sent and sent[0].path == f"/2010-04-01/Accounts/{SID}/Messages.json"
    form = sent[0].form()
    assert form["To"] == ["whatsapp:+447700900123"]
    assert is_polite(form["Body"][0])


@BOUNDED
@given(text=hostile_text())
def test_when_the_assistant_fails_a_polite_reply_still_goes_out(twilio: Served, text: str) -> None:
    params = inbound(encodable(text))
    before = len(twilio.stand_in.requests)
    with failing(twilio):
        response = twilio.post(PATH, content=urlencode(params), headers=signed(params))
    assert response.status == 200, response.text
    sent = twilio.sent_after(before)
    assert bool(sent) == bool(params["Body"])
    assert all(is_polite(record.form()["Body"][0]) for record in sent)


@BOUNDED
@given(fields=st.dictionaries(hostile_text(40), hostile_text(300), max_size=6))
def test_any_signed_form_gets_a_clear_answer(twilio: Served, fields: dict[str, str]) -> None:
    params = {encodable(key): encodable(value) for key, value in fields.items()}
    response = twilio.post(PATH, content=urlencode(params), headers=signed(params))
    assert response.status < 500, response.text


@BOUNDED
@given(body=json_values(), raw=st.binary(max_size=300))
def test_json_or_bytes_instead_of_a_form_get_a_clear_answer(
    twilio: Served, body: Any, raw: bytes
) -> None:
    for content, kind in ((json.dumps(body), "application/json"), (raw, FORM)):
        headers = {**signed({}), "content-type": kind}
        response = twilio.post(PATH, content=content, headers=headers)
        assert 200 <= response.status < 500, response.text
