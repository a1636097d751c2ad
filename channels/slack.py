"""Slack: requests verified with the signing secret (v0 HMAC-SHA256, 5-minute window).

Rasa's stock connector already checks the signature (`is_request_from_slack_authentic`)
but answers 400; this one answers 401 when the signature headers are missing and 403 when
the signature is wrong or stale, before the stock handler sees the request. Replies go
through slack_sdk's AsyncWebClient with a configurable base URL; buttons are Block Kit
`actions` (the stock rendering), and a click comes back as a signed interactive payload.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

from channels.emergency import headline
from channels.safety_net import SafetyReplies, with_safety_net
from clinic.settings import load_clinic_settings

SIGNATURE_HEADER = "X-Slack-Signature"
TIMESTAMP_HEADER = "X-Slack-Request-Timestamp"
DEFAULT_API_BASE = "https://slack.com/api/"


class SlackApiBot(SlackBot):
    """Rasa's Slack output channel, talking to a configurable Web API base URL."""

    def __init__(
        self,
        token: str,
        slack_channel: str | None = None,
        thread_id: str | None = None,
        proxy: str | None = None,
        api_base: str = DEFAULT_API_BASE,
    ) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        self.client = AsyncWebClient(token, base_url=api_base.rstrip("/") + "/", proxy=proxy)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Rasa's, with an urgent reply's number to call first, in bold."""
        line = headline(kwargs)
        text = text if line is None else f"*{line}*\n{text.strip()}"
        await super().send_text_message(recipient_id, text, **kwargs)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Rasa's, with an urgent reply's number to call first (a plain-text block)."""
        line = headline(kwargs)
        text = text if line is None else f"{line}\n{text.strip()}"
        await super().send_text_with_buttons(recipient_id, text, buttons, **kwargs)


class SlackSignedInput(SlackInput):
    """Slack input channel answering 401/403 to unsigned or wrongly signed requests."""

    @classmethod
    def name(cls) -> str:
        """The channel name, also its URL prefix /webhooks/<name>/."""
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> SlackSignedInput:
        """Build the channel from its section of the credentials file."""
        if not credentials:
            raise RasaException(f"No credentials given for the {cls.name()} channel")
        channel = cls(
            credentials["slack_token"],
            credentials.get("slack_channel"),
            credentials.get("proxy"),
            credentials.get("slack_retry_reason_header", "x-slack-retry-reason"),
            credentials.get("slack_retry_number_header", "x-slack-retry-num"),
            credentials.get("errors_ignore_retry"),
            credentials.get("use_threads", False),
            credentials["slack_signing_secret"],
            credentials.get("conversation_granularity", "sender"),
        )
        channel.api_base = credentials.get("api_base") or DEFAULT_API_BASE
        return channel

    api_base: str = DEFAULT_API_BASE

    def get_output_channel(
        self, channel: str | None = None, thread_id: str | None = None
    ) -> SlackApiBot:
        """Rasa's Slack sender, pointed at `api_base`."""
        return SlackApiBot(
            self.slack_token, channel or self.slack_channel, thread_id, self.proxy, self.api_base
        )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The stock routes, behind a signature check that answers 401/403."""
        # Inside the safety net, as REST and socket.io: a reply even when the assistant fails.
        on_new_message = with_safety_net(on_new_message, SafetyReplies.load(load_clinic_settings()))
        slack_webhook = super().blueprint(on_new_message)

        @slack_webhook.middleware("request")
        async def verify(request: Request) -> HTTPResponse | None:
            if not request.path.endswith("/webhook"):
                return None
            if not request.headers.get(SIGNATURE_HEADER) or not request.headers.get(
                TIMESTAMP_HEADER
            ):
                return response.text("missing signature", status=HTTPStatus.UNAUTHORIZED)
            if not self.is_request_from_slack_authentic(request):
                return response.text("wrong or stale signature", status=HTTPStatus.FORBIDDEN)
            return None

        # The stock handler reads the request's fields without checking their shape, and
        # answers an interaction it cannot read with 500. The assistant itself runs in a
        # background task, so whatever fails in the handler is the request: a 400.
        @slack_webhook.exception(Exception)
        async def unreadable(request: Request, error: Exception) -> HTTPResponse:
            if isinstance(error, SanicException):
                return request.app.error_handler.default(request, error)
            return response.text("not a Slack event", status=HTTPStatus.BAD_REQUEST)

        @slack_webhook.middleware("response")
        async def unreadable_interaction(request: Request, answer: HTTPResponse) -> Any:
            if answer.status == HTTPStatus.INTERNAL_SERVER_ERROR:
                return response.text("not a Slack interaction", status=HTTPStatus.BAD_REQUEST)
            return None

        return slack_webhook
