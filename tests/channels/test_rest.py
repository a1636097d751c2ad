"""The REST channel: clear 400s for unusable requests, and a reply for every message."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from rasa.core.channels.channel import UserMessage
from sanic import Sanic

from channels.rest import ClinicRestInput

URL = "/webhooks/rest/webhook"

Build = Callable[..., tuple[Sanic, list[UserMessage]]]


def post(app: Sanic, body: Any, raw: bool = False) -> Any:
    data = body if raw else json.dumps(body)
    _, response = app.test_client.post(URL, data=data)
    return response


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ({"message": "hi"}, "'sender' is required"),
        ({"sender": "", "message": "hi"}, "'sender' is required"),
        ({"sender": "a" * 129, "message": "hi"}, "'sender' is required"),
        ({"sender": "../../etc", "message": "hi"}, "'sender' is required"),
        ({"sender": "me<script>", "message": "hi"}, "'sender' is required"),
        ({"sender": 42, "message": "hi"}, "'sender' is required"),
        ({"sender": "me"}, "'message' is required"),
        ({"sender": "me", "message": None}, "'message' is required"),
        ({"sender": "me", "message": ["hi"]}, "'message' is required"),
        ({"sender": "me", "message": "hi", "metadata": "x"}, "'metadata' must be"),
        (["me", "hi"], "must be a JSON object"),
    ],
)
def test_an_unusable_request_gets_400_with_the_reason_and_reaches_no_conversation(
    channel_app: Build, body: Any, reason: str
) -> None:
    app, received = channel_app(ClinicRestInput())
    response = post(app, body)
    assert response.status == 400
    assert reason in response.json["error"]
    assert received == []


def test_a_body_that_is_not_json_gets_400(channel_app: Build) -> None:
    app, received = channel_app(ClinicRestInput())
    response = post(app, '{"sender": "me", "message": ', raw=True)
    assert response.status == 400
    assert response.json["error"] == "The body must be JSON."
    assert received == []


def test_a_message_is_answered_in_its_own_conversation_on_the_rest_channel(
    channel_app: Build,
) -> None:
    app, received = channel_app(ClinicRestInput())
    body = {"sender": "patient-1", "message": "hi", "input_channel": "facebook"}
    response = post(app, body)
    assert response.status == 200
    assert response.json[0]["text"] == "You said: hi"
    assert (received[0].sender_id, received[0].input_channel) == ("patient-1", "rest")


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01"])
def test_an_empty_message_gets_a_polite_reply_without_running_the_assistant(
    channel_app: Build, text: str
) -> None:
    app, received = channel_app(ClinicRestInput())
    response = post(app, {"sender": "me", "message": text})
    assert response.status == 200
    assert response.json[0]["text"] == "I didn't get a message. What would you like to ask?"
    assert received == []


def test_broken_characters_are_replaced_before_the_assistant_reads_them(
    channel_app: Build,
) -> None:
    app, received = channel_app(ClinicRestInput())
    response = post(app, '{"sender": "me", "message": "back pain \\ud83d"}', raw=True)
    assert response.status == 200
    assert received[0].text == "back pain ?"
    received[0].text.encode("utf-8")


def test_a_very_long_message_is_shortened_to_2000_characters_with_a_note(
    channel_app: Build,
) -> None:
    app, received = channel_app(ClinicRestInput())
    response = post(app, {"sender": "me", "message": "my back hurts " * 500})
    assert len(received[0].text) <= 2000
    assert response.json[0]["text"].startswith("Your message was very long")
    assert response.json[1]["text"].startswith("You said: my back hurts")


def app_answering_with(behaviour: Callable[[UserMessage], Any]) -> Sanic:
    app = Sanic(f"rest_test_{uuid.uuid4().hex}")
    app.blueprint(ClinicRestInput().blueprint(behaviour), url_prefix="/webhooks/rest")
    return app


async def fails(message: UserMessage) -> None:
    raise ConnectionError("the tracker store is down")


async def says_nothing(message: UserMessage) -> None:
    return None


@pytest.mark.parametrize("behaviour", [fails, says_nothing])
def test_when_the_assistant_cannot_answer_the_patient_is_told_whom_to_call(
    behaviour: Callable[[UserMessage], Any],
) -> None:
    response = post(app_answering_with(behaviour), {"sender": "me", "message": "is yoga ok?"})
    assert response.status == 200
    [reply] = response.json
    assert "having trouble" in reply["text"]
    assert "020 7946 0000" in reply["text"]


@pytest.mark.parametrize("behaviour", [fails, says_nothing])
def test_an_emergency_gets_the_emergency_advice_even_when_nothing_else_works(
    behaviour: Callable[[UserMessage], Any],
) -> None:
    body = {"sender": "me", "message": "my back hurts and I can't control my bladder"}
    [reply] = post(app_answering_with(behaviour), body).json
    assert "urgent medical care now" in reply["text"]
    [crisis] = post(
        app_answering_with(behaviour), {"sender": "me", "message": "I want to end my life"}
    ).json
    assert "116 123" in crisis["text"]


def test_a_failure_is_logged_without_the_patients_words(
    caplog: pytest.LogCaptureFixture,
) -> None:
    body = {"sender": "me", "message": "Anna Smith 07700 900123 numbness in my groin"}
    post(app_answering_with(fails), body)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "No reply for conversation me: ConnectionError" in logged
    assert "Anna" not in logged and "07700" not in logged and "groin" not in logged
