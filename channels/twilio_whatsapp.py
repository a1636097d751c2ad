r"""WhatsApp through Twilio: webhook verified by X-Twilio-Signature, replies via Twilio's API.

WhatsApp (through Twilio's plain Messages API) has no buttons, so buttons are sent as
numbered options ("1. Title\n2. Title") and a reply of just a number is mapped back to that
button's payload. The last options sent to each sender are kept where every Rasa worker
sees them: in the shared Redis (`options_redis_url`, set by channels/credentials.py from the
settings), for a day; the patient's "2" may reach any worker. Without a Redis URL (tests, a
single process) they are kept in the process's memory.

Twilio signs the URL it called plus the sorted form parameters with the auth token. Behind
a proxy the server sees another URL, so `public_base_url` (PUBLIC_BASE_URL) replaces the
scheme and host of the URL the signature is checked against.
"""

from __future__ import annotations

import json
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs

import redis
from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.twilio import TwilioInput
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request, RequestParameters
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from channels.emergency import headline
from channels.http import post
from channels.safety_net import SafetyReplies, with_safety_net
from clinic.settings import load_clinic_settings

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Twilio-Signature"
DEFAULT_API_BASE = "https://api.twilio.com"
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


def whatsapp_address(number: str) -> str:
    """'+14155238886' or 'whatsapp:+14155238886' -> 'whatsapp:+14155238886'."""
    return number if number.startswith("whatsapp:") else f"whatsapp:{number}"


class NumberedOptions:
    """The last numbered options sent to each sender, bounded so memory cannot grow forever."""

    def __init__(self, max_senders: int = 10_000) -> None:
        self.max_senders = max_senders
        self._options: OrderedDict[str, list[str]] = OrderedDict()

    def remember(self, sender: str, payloads: list[str]) -> None:
        """Store the payloads of the buttons just sent to `sender`, in the order shown."""
        self._options.pop(sender, None)
        self._options[sender] = payloads
        while len(self._options) > self.max_senders:
            self._options.popitem(last=False)

    def take(self, sender: str) -> list[str] | None:
        """The options last sent to `sender`, forgotten as they are read."""
        return self._options.pop(sender, None)

    def resolve(self, sender: str, text: str) -> str:
        """The payload of option `text` ("2", " 2. ") if it is one, else `text` unchanged.

        Any reply uses up the options: after it the conversation has moved on.
        """
        payloads = self.take(sender)
        choice = text.strip().rstrip(".)")
        if payloads and choice.isdigit() and 1 <= int(choice) <= len(payloads):
            return payloads[int(choice) - 1]
        return text


class RedisNumberedOptions(NumberedOptions):
    """The same, kept in Redis so that every Rasa worker sees them, for `ttl_s` seconds."""

    KEY_PREFIX = "whatsapp-options:"

    def __init__(self, url: str, ttl_s: int = 24 * 60 * 60) -> None:
        super().__init__()
        self.ttl_s = ttl_s
        self._redis = redis.Redis.from_url(url, socket_timeout=2.0)

    def remember(self, sender: str, payloads: list[str]) -> None:
        """Store the payloads under the sender's key, replacing earlier ones."""
        self._redis.set(self.KEY_PREFIX + sender, json.dumps(payloads), ex=self.ttl_s)

    def take(self, sender: str) -> list[str] | None:
        """Read and delete in one transaction, so a number is used at most once."""
        key = self.KEY_PREFIX + sender
        pipeline = self._redis.pipeline()
        pipeline.get(key)
        pipeline.delete(key)
        stored, _ = pipeline.execute()
        return [str(item) for item in json.loads(stored)] if stored else None


def numbered_options(redis_url: str | None) -> NumberedOptions:
    """Redis-backed options when a URL is configured, else in-memory ones."""
    return RedisNumberedOptions(redis_url) if redis_url else NumberedOptions()


def numbered_text(text: str, buttons: list[dict[str, Any]]) -> str:
    """The message text followed by one numbered line per button."""
    lines = [f"{number}. {button['title']}" for number, button in enumerate(buttons, start=1)]
    return f"{text}\n" + "\n".join(lines) if text else "\n".join(lines)


def with_headline(text: str, kwargs: dict[str, Any]) -> str:
    """An urgent reply's text with the number to call first, in WhatsApp's *bold*."""
    line = headline(kwargs)
    return text if line is None else f"*{line}*\n{text}"


def signed_form(request: Request) -> RequestParameters:
    """The form parameters Twilio signed, empty ones included.

    Sanic's `request.form` leaves out empty values, but Twilio signs them too (a picture
    sent without a caption comes with an empty Body), so its signature would not match.
    """
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        return request.form
    try:
        return RequestParameters(parse_qs(request.body.decode("utf-8"), keep_blank_values=True))
    except UnicodeDecodeError:
        return RequestParameters()


class TwilioWhatsAppOutput(OutputChannel):
    """Sends WhatsApp messages with Twilio's Messages API (form POST, basic auth)."""

    @classmethod
    def name(cls) -> str:
        """The channel name, also its URL prefix /webhooks/<name>/."""
        return "twilio_whatsapp"

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        whatsapp_number: str,
        options: NumberedOptions,
        api_base: str = DEFAULT_API_BASE,
    ) -> None:
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.from_address = whatsapp_address(whatsapp_number)
        self.options = options
        self.api_base = api_base.rstrip("/")

    async def _send(self, recipient_id: str, **fields: Any) -> None:
        url = f"{self.api_base}/2010-04-01/Accounts/{self.account_sid}/Messages.json"
        await post(
            url,
            data={"To": whatsapp_address(recipient_id), "From": self.from_address, **fields},
            auth=(self.account_sid, self.auth_token),
        )

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Send each paragraph as its own message, as Rasa's stock connector does."""
        for part in with_headline(text.strip(), kwargs).split("\n\n"):
            await self._send(recipient_id, Body=part)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Send the buttons as numbered options and remember their payloads."""
        self.options.remember(recipient_id, [str(button["payload"]) for button in buttons])
        body = numbered_text(with_headline(text.strip(), kwargs), buttons)
        await self._send(recipient_id, Body=body)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        """Send an image by URL."""
        await self._send(recipient_id, MediaUrl=image)


class TwilioWhatsAppInput(TwilioInput):
    """Twilio (WhatsApp) input channel that rejects requests Twilio did not sign."""

    @classmethod
    def name(cls) -> str:
        """The channel name, also its URL prefix /webhooks/<name>/."""
        return "twilio_whatsapp"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> TwilioWhatsAppInput:
        """Build the channel from its section of the credentials file."""
        if not credentials:
            raise RasaException(f"No credentials given for the {cls.name()} channel")
        return cls(
            account_sid=credentials["account_sid"],
            auth_token=credentials["auth_token"],
            twilio_number=credentials["twilio_number"],
            public_base_url=credentials.get("public_base_url") or "",
            api_base=credentials.get("api_base") or DEFAULT_API_BASE,
            options_redis_url=credentials.get("options_redis_url") or None,
        )

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        twilio_number: str,
        public_base_url: str = "",
        api_base: str = DEFAULT_API_BASE,
        options_redis_url: str | None = None,
    ) -> None:
        if not auth_token:
            raise ValueError("Twilio needs its auth token to verify webhook calls")
        super().__init__(account_sid, auth_token, twilio_number, debug_mode=False)
        self.public_base_url = public_base_url.rstrip("/")
        self.api_base = api_base
        self.options = numbered_options(options_redis_url)
        self.validator = RequestValidator(auth_token)

    def get_output_channel(self) -> TwilioWhatsAppOutput:
        """The Messages API sender, sharing this channel's memory of numbered options."""
        return TwilioWhatsAppOutput(
            self.account_sid or "",
            self.auth_token or "",
            self.twilio_number or "",
            self.options,
            self.api_base,
        )

    def signed_url(self, request: Request) -> str:
        """The URL Twilio called: the public base URL (if set) plus the path and query."""
        if not self.public_base_url:
            return request.url
        query = f"?{request.query_string}" if request.query_string else ""
        return f"{self.public_base_url}{request.path}{query}"

    def check_signature(self, request: Request) -> HTTPResponse | None:
        """None when Twilio signed the request, else the error response."""
        signature = request.headers.get(SIGNATURE_HEADER)
        if not signature:
            return response.text("missing signature", status=HTTPStatus.UNAUTHORIZED)
        if not self.validator.validate(self.signed_url(request), signed_form(request), signature):
            return response.text("wrong signature", status=HTTPStatus.FORBIDDEN)
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Routes under /webhooks/twilio_whatsapp/: health and the verified webhook."""
        # Inside the safety net, as REST and socket.io: a reply even when the assistant fails.
        on_new_message = with_safety_net(on_new_message, SafetyReplies.load(load_clinic_settings()))
        twilio_webhook = Blueprint("custom_twilio_whatsapp_webhook", __name__)

        @twilio_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @twilio_webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            if rejection := self.check_signature(request):
                return rejection
            sender = request.form.get("From")
            text = request.form.get("Body")
            if sender and text:
                sender = sender.removeprefix("whatsapp:")
                # @ signs get corrupted in SMSes by some carriers
                text = self.options.resolve(sender, text.replace("¡", "@"))
                try:
                    await on_new_message(
                        UserMessage(
                            text,
                            self.get_output_channel(),
                            sender,
                            input_channel=self.name(),
                            metadata=self.get_metadata(request),
                        )
                    )
                except Exception:
                    logger.exception("Twilio message %s failed", request.form.get("MessageSid"))
            return response.text(EMPTY_TWIML, content_type="text/xml")

        return twilio_webhook
