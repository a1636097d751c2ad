"""Rasa's REST channel, closed to mistakes and strangers.

Rasa's own channel puts a request without `sender` into one shared conversation called
`default` (so one patient could read another's), lets the client choose the input
channel, answers HTTP 200 with no reply when anything fails, and logs the message text
with the error. This channel answers 400 with a clear reason for a request it cannot
use, and runs the assistant inside the safety net (channels/safety_net.py), so every
message gets a reply, and limits how fast one conversation or one address may send
(channels/rate_limit.py; 429 with a polite reply). Its name stays `rest`, so the URL is Rasa's:
POST /webhooks/rest/webhook with {"sender": "...", "message": "..."}; and
GET /webhooks/rest/health reports each dependency (channels/health.py).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.health import dependencies
from channels.rate_limit import rate_limiter
from channels.safety_net import SafetyReplies, with_safety_net
from clinic.settings import load_clinic_settings
from startup.settings import load_settings

SENDER = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}")
"""A conversation id: letters, digits and `_.:@-`, at most 128 characters."""


class RequestError(ValueError):
    """The request cannot be used; the message says why, for the client's developer."""


def read_request(request: Request) -> tuple[str, str, dict[str, Any] | None]:
    """The sender, message and metadata of a webhook request, or RequestError."""
    try:
        body = request.json
    except InvalidUsage as error:
        raise RequestError("The body must be JSON.") from error
    if not isinstance(body, dict):
        raise RequestError('The body must be a JSON object: {"sender": ..., "message": ...}.')
    sender = body.get("sender")
    if not isinstance(sender, str) or not SENDER.fullmatch(sender):
        raise RequestError(
            "'sender' is required: 1 to 128 letters, digits or _.:@- identifying the conversation."
        )
    message = body.get("message")
    if not isinstance(message, str):
        raise RequestError("'message' is required and must be text.")
    metadata = body.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise RequestError("'metadata' must be a JSON object.")
    return sender, message, metadata


class ClinicRestInput(RestInput):
    """The REST channel with request checks and a reply for every message."""

    @classmethod
    def name(cls) -> str:
        """Rasa's name, so the webhook URL and the trackers' channel stay `rest`."""
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's routes (health, webhook), answering every usable request with replies."""
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)
        settings = load_settings()
        replies = SafetyReplies.load(load_clinic_settings())
        answered = with_safety_net(on_new_message, replies)
        limiter = rate_limiter(settings)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/health", methods=["GET"])
        async def dependencies_health(request: Request) -> HTTPResponse:
            states = await dependencies(settings)
            healthy = all(state == "ok" for state in states.values())
            body = {"status": "ok" if healthy else "degraded", "dependencies": states}
            return response.json(body, status=200 if healthy else 503)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                sender, text, metadata = read_request(request)
            except RequestError as error:
                return response.json({"error": str(error)}, status=400)
            if not await limiter.allow(sender, request.remote_addr or request.ip):
                reply = {"recipient_id": sender, "text": replies.when_flooding(text)}
                return response.json([reply], status=429)
            collector = CollectingOutputChannel()
            await answered(
                UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata)
            )
            return response.json(collector.messages)

        return webhook
