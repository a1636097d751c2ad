"""Facebook Messenger: webhook verified by X-Hub-Signature-256, replies via the Graph API.

Rasa's stock connector only checks the SHA-1 `X-Hub-Signature`, compares it with `==`, and
answers 200 to a badly signed request; this one checks `X-Hub-Signature-256` (HMAC-SHA256
of the raw body with the app secret) in constant time and answers 401/403. Replies go to
`{base}/v17.0/me/messages` with httpx; buttons become quick replies, whose payload Messenger
sends back as `message.quick_reply.payload` (handled by Rasa's stock `Messenger` parser).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.facebook import FacebookInput, Messenger
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.emergency import EmergencyNumber, configured_number, headline
from channels.http import post
from channels.safety_net import SafetyReplies, with_safety_net
from clinic.settings import load_clinic_settings

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Hub-Signature-256"
DEFAULT_API_BASE = "https://graph.facebook.com"
GRAPH_VERSION = "v17.0"
MAX_QUICK_REPLIES = 13
MAX_QUICK_REPLY_TITLE = 20
MAX_BUTTON_TEMPLATE_TEXT = 640


def short_title(title: str) -> str:
    """Fit a button title into Messenger's 20 characters at a word boundary, with an ellipsis."""
    if len(title) <= MAX_QUICK_REPLY_TITLE:
        return title
    cut = title[: MAX_QUICK_REPLY_TITLE - 1]
    if title[len(cut)] != " " and " " in cut:
        cut = cut[: cut.rindex(" ")]  # do not end in the middle of a word
    return cut.rstrip(" ,.;:?!") + "…"


def call_button_message(text: str, number: EmergencyNumber) -> dict[str, Any]:
    """A Send API message: `text` with one button that calls `number`."""
    button = {
        "type": "phone_number",
        "title": f"Call {number.shown}"[:20],
        "payload": number.dialled,
    }
    template = {"template_type": "button", "text": text, "buttons": [button]}
    return {"message": {"attachment": {"type": "template", "payload": template}}}


def hub_signature(app_secret: str, body: bytes) -> str:
    """The X-Hub-Signature-256 header value Facebook sends for `body`."""
    return "sha256=" + hmac.new(app_secret.encode(), body, hashlib.sha256).hexdigest()


class MessengerOutput(OutputChannel):
    """Sends replies with the Graph API's Send API."""

    @classmethod
    def name(cls) -> str:
        """The channel name, also its URL prefix /webhooks/<name>/."""
        return "facebook"

    def __init__(self, page_access_token: str, api_base: str = DEFAULT_API_BASE) -> None:
        self.page_access_token = page_access_token
        self.api_base = api_base.rstrip("/")

    async def _send(self, recipient_id: str, body: dict[str, Any]) -> None:
        url = f"{self.api_base}/{GRAPH_VERSION}/me/messages"
        await post(
            url,
            log_url=url,
            params={"access_token": self.page_access_token},
            json={"recipient": {"id": recipient_id}, "messaging_type": "RESPONSE", **body},
        )

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Send each paragraph as its own message, as Rasa's stock connector does.

        An urgent reply starts with the number to call, and comes with a call button when
        the number is an international one (Messenger's call button takes no other).
        """
        line = headline(kwargs)
        number = configured_number()
        for index, part in enumerate(text.strip().split("\n\n")):
            if index == 0 and line is not None:
                part = f"{line}\n{part}"
                if number.dialled.startswith("+") and len(part) <= MAX_BUTTON_TEMPLATE_TEXT:
                    await self._send(recipient_id, call_button_message(part, number))
                    continue
            await self._send(recipient_id, {"message": {"text": part}})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Buttons as quick replies (up to 13, titles cut to Messenger's 20 characters)."""
        if len(buttons) > MAX_QUICK_REPLIES:
            logger.warning("Messenger shows at most %d quick replies", MAX_QUICK_REPLIES)
        quick_replies = [
            {
                "content_type": "text",
                "title": short_title(str(button["title"])),
                "payload": str(button["payload"]),
            }
            for button in buttons[:MAX_QUICK_REPLIES]
        ]
        line = headline(kwargs)
        text = text if line is None else f"{line}\n{text}"
        await self._send(recipient_id, {"message": {"text": text, "quick_replies": quick_replies}})

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        """Send an image by URL."""
        attachment = {"type": "image", "payload": {"url": image, "is_reusable": True}}
        await self._send(recipient_id, {"message": {"attachment": attachment}})


_ATTACHMENTS = ("audio", "image", "video", "file")


def messages_in(payload: dict[str, Any]) -> list[tuple[str, str]]:
    """(sender id, text) of each patient message in a webhook batch, in order.

    Read as Rasa's stock parser reads them (a quick reply's payload, a text, a postback's
    payload, an attachment's URL), leaving out echoes and events with nothing to answer.
    Raises ValueError for shapes Facebook never sends.
    """
    entries = payload.get("entry", [])
    if not isinstance(entries, list):
        raise ValueError("entry is not a list")
    found = []
    for entry in entries:
        events = entry.get("messaging", []) if isinstance(entry, dict) else None
        if not isinstance(events, list):
            raise ValueError("messaging is not a list")
        for event in events:
            message = _event_text(event)
            if message is not None:
                found.append(message)
    return found


def _event_text(event: Any) -> tuple[str, str] | None:
    if not isinstance(event, dict):
        raise ValueError("an event is not an object")
    message, postback = event.get("message"), event.get("postback")
    if not message and not postback:
        return None  # a delivery or read receipt
    sender = event.get("sender")
    sender_id = sender.get("id") if isinstance(sender, dict) else None
    if not isinstance(sender_id, str) or not sender_id:
        raise ValueError("an event has no sender id")
    if not message:
        payload = postback.get("payload") if isinstance(postback, dict) else None
        return sender_id, _text(payload)
    if not isinstance(message, dict):
        raise ValueError("a message is not an object")
    if message.get("quick_reply") is not None:
        quick_reply = message["quick_reply"]
        return sender_id, _text(
            quick_reply.get("payload") if isinstance(quick_reply, dict) else None
        )
    if "text" in message:
        return None if message.get("is_echo") else (sender_id, _text(message["text"]))
    attachments = message.get("attachments")
    first = attachments[0] if isinstance(attachments, list) and attachments else None
    if isinstance(first, dict) and first.get("type") in _ATTACHMENTS:
        url = (
            first.get("payload", {}).get("url") if isinstance(first.get("payload"), dict) else None
        )
        return sender_id, _text(url)
    return None  # a sticker, a reaction: nothing to answer


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("a text or payload is not text")
    return value


class MessengerParser(Messenger):
    """Rasa's webhook parser, answering through `MessengerOutput` instead of fbmessenger."""

    def __init__(
        self,
        out_channel: MessengerOutput,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
    ) -> None:
        self.on_new_message = on_new_message
        self.out_channel = out_channel
        self.last_message: dict[str, Any] = {}

    async def handle(self, payload: dict[str, Any], metadata: dict[str, Any] | None) -> None:
        """Every message in the batch (the stock parser stops after the first).

        The whole batch is read before anything is answered: a batch with a shape Facebook
        never sends raises ValueError (the webhook answers 400) with nothing half done.
        """
        for sender_id, text in messages_in(payload):
            await self._handle_user_message(text, sender_id, metadata)

    async def _handle_user_message(
        self, text: str, sender_id: str, metadata: dict[str, Any] | None
    ) -> None:
        user_message = UserMessage(
            text, self.out_channel, sender_id, input_channel=self.name(), metadata=metadata
        )
        try:
            await self.on_new_message(user_message)
        except Exception:
            logger.exception("Messenger message from %s failed", sender_id)


class MessengerSignedInput(FacebookInput):
    """Facebook Messenger input channel that rejects requests Facebook did not sign."""

    @classmethod
    def name(cls) -> str:
        """The channel name, also its URL prefix /webhooks/<name>/."""
        return "facebook"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> MessengerSignedInput:
        """Build the channel from its section of the credentials file."""
        if not credentials:
            raise RasaException(f"No credentials given for the {cls.name()} channel")
        return cls(
            credentials["verify"],
            credentials["secret"],
            credentials["page-access-token"],
            api_base=credentials.get("api_base") or DEFAULT_API_BASE,
        )

    def __init__(
        self,
        fb_verify: str,
        fb_secret: str,
        fb_access_token: str,
        api_base: str = DEFAULT_API_BASE,
    ) -> None:
        if not fb_secret or not fb_verify:
            raise ValueError("Messenger needs the app secret and the verify token")
        super().__init__(fb_verify, fb_secret, fb_access_token)
        self.api_base = api_base

    def get_output_channel(self) -> MessengerOutput:
        """The Send API sender."""
        return MessengerOutput(self.fb_access_token, self.api_base)

    def check_signature(self, request: Request) -> HTTPResponse | None:
        """None when the body carries the app secret's SHA-256 signature, else the error."""
        given = request.headers.get(SIGNATURE_HEADER)
        if not given:
            return response.text("missing signature", status=HTTPStatus.UNAUTHORIZED)
        expected = hub_signature(self.fb_secret, request.body)
        if not hmac.compare_digest(given.encode(), expected.encode()):
            return response.text("wrong signature", status=HTTPStatus.FORBIDDEN)
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Routes under /webhooks/facebook/: health, verification handshake, webhook."""
        # Inside the safety net, as REST and socket.io: a reply even when the assistant fails.
        on_new_message = with_safety_net(on_new_message, SafetyReplies.load(load_clinic_settings()))
        fb_webhook = Blueprint("custom_fb_webhook", __name__)

        @fb_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @fb_webhook.route("/webhook", methods=["GET"])
        async def token_verification(request: Request) -> HTTPResponse:
            given = request.args.get("hub.verify_token") or ""
            if request.args.get("hub.mode") == "subscribe" and hmac.compare_digest(
                given.encode(), self.fb_verify.encode()
            ):
                return response.text(request.args.get("hub.challenge") or "")
            return response.text("invalid verify token", status=HTTPStatus.FORBIDDEN)

        @fb_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if rejection := self.check_signature(request):
                return rejection
            payload = request.json
            if not isinstance(payload, dict) or payload.get("object") != "page":
                return response.text("not a page event", status=HTTPStatus.NOT_FOUND)
            parser = MessengerParser(self.get_output_channel(), on_new_message)
            try:
                await parser.handle(payload, self.get_metadata(request))
            except ValueError:
                return response.text("not a Messenger event", status=HTTPStatus.BAD_REQUEST)
            return response.text("EVENT_RECEIVED")

        return fb_webhook
