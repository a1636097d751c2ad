"""Telegram: webhook verified by X-Telegram-Bot-Api-Secret-Token, replies via the Bot API.

Rasa's stock connector checks nothing but the bot's user name (and calls `getMe` on every
update); this one compares the secret token Telegram echoes on every webhook call (set with
`setWebhook(secret_token=...)`) and sends through the Bot API with httpx, so the API base
can point at a local stand-in. Buttons become an inline keyboard; a tap comes back as a
`callback_query` whose data is the button's payload.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.telegram import TelegramInput
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.emergency import headline
from channels.http import post
from channels.safety_net import SafetyReplies, with_safety_net
from clinic.settings import load_clinic_settings

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
DEFAULT_API_BASE = "https://api.telegram.org"


def urgent(body: dict[str, Any], kwargs: dict[str, Any]) -> dict[str, Any]:
    """An urgent reply's message with the number to call first, in bold."""
    line = headline(kwargs)
    if line is None:
        return body
    # Entities (offsets in UTF-16 units; the line is ASCII) need no escaping of the text.
    bold = {"type": "bold", "offset": 0, "length": len(line)}
    return {**body, "text": f"{line}\n{body['text']}", "entities": [bold]}


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("the text is not text")
    return value


def _chat_id(message: Any) -> str:
    """The id of the chat `message` belongs to (a number, or a channel's @name)."""
    chat = message.get("chat") if isinstance(message, dict) else None
    chat_id = chat.get("id") if isinstance(chat, dict) else None
    if isinstance(chat_id, bool) or not isinstance(chat_id, (int, str)) or chat_id == "":
        raise ValueError("the update has no chat id")
    return str(chat_id)


class TelegramBotOutput(OutputChannel):
    """Sends replies through the Telegram Bot API (`{base}/bot{token}/{method}`)."""

    @classmethod
    def name(cls) -> str:
        """The channel name, also its URL prefix /webhooks/<name>/."""
        return "telegram"

    def __init__(self, access_token: str, api_base: str = DEFAULT_API_BASE) -> None:
        self.access_token = access_token
        self.api_base = api_base.rstrip("/")

    async def call(self, method: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Call one Bot API method with a JSON body."""
        return await post(
            f"{self.api_base}/bot{self.access_token}/{method}",
            log_url=f"{self.api_base}/bot<token>/{method}",
            json=payload,
        )

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Send each paragraph as its own message, as Rasa's stock connector does."""
        for index, part in enumerate(text.strip().split("\n\n")):
            body = {"chat_id": recipient_id, "text": part}
            await self.call("sendMessage", urgent(body, kwargs) if index == 0 else body)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """One inline-keyboard row per button (titles are long, phones are narrow)."""
        keyboard = [
            [{"text": button["title"], "callback_data": button["payload"]}] for button in buttons
        ]
        body = {
            "chat_id": recipient_id,
            "text": text,
            "reply_markup": {"inline_keyboard": keyboard},
        }
        await self.call("sendMessage", urgent(body, kwargs))

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        """Send an image by URL."""
        await self.call("sendPhoto", {"chat_id": recipient_id, "photo": image})

    async def set_webhook(self, url: str, secret_token: str) -> dict[str, Any]:
        """Tell Telegram where to post updates, and the secret to send with them."""
        return await self.call(
            "setWebhook",
            {
                "url": url,
                "secret_token": secret_token,
                "allowed_updates": ["message", "callback_query"],
            },
        )


class TelegramSecretInput(TelegramInput):
    """Telegram input channel that only accepts updates carrying the webhook secret token."""

    @classmethod
    def name(cls) -> str:
        """The channel name, also its URL prefix /webhooks/<name>/."""
        return "telegram"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> TelegramSecretInput:
        """Build the channel from its section of the credentials file."""
        if not credentials:
            raise RasaException(f"No credentials given for the {cls.name()} channel")
        return cls(
            access_token=credentials["access_token"],
            secret_token=credentials["secret_token"],
            verify=credentials.get("verify"),
            webhook_url=credentials.get("webhook_url"),
            api_base=credentials.get("api_base") or DEFAULT_API_BASE,
        )

    def __init__(
        self,
        access_token: str,
        secret_token: str,
        verify: str | None = None,
        webhook_url: str | None = None,
        api_base: str = DEFAULT_API_BASE,
    ) -> None:
        if not secret_token:
            raise ValueError("Telegram needs a secret token to verify webhook calls")
        super().__init__(access_token, verify, webhook_url, debug_mode=False)
        self.secret_token = secret_token
        self.api_base = api_base

    def get_output_channel(self) -> TelegramBotOutput:
        """The Bot API sender (no network call here, unlike the stock connector)."""
        return TelegramBotOutput(self.access_token or "", self.api_base)

    def check_secret(self, request: Request) -> HTTPResponse | None:
        """None when the request carries the right secret token, else the error response."""
        given = request.headers.get(SECRET_HEADER)
        if not given:
            return response.text("missing secret token", status=HTTPStatus.UNAUTHORIZED)
        if not hmac.compare_digest(given.encode(), self.secret_token.encode()):
            return response.text("wrong secret token", status=HTTPStatus.FORBIDDEN)
        return None

    @staticmethod
    def text_and_chat(update: dict[str, Any]) -> tuple[str, str] | None:
        """The patient's text (or tapped button's payload) and chat id, if the update has one.

        Raises ValueError for what Telegram never sends (a chat that is not an object with
        an id, a text that is not text), which the webhook answers with 400.
        """
        callback = update.get("callback_query")
        if isinstance(callback, dict) and callback.get("data") and callback.get("message"):
            return _text(callback["data"]), _chat_id(callback["message"])
        message = update.get("message") or update.get("edited_message")
        if isinstance(message, dict) and message.get("text"):
            return _text(message["text"]).replace("/bot", ""), _chat_id(message)
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Routes under /webhooks/telegram/: health, verified webhook, webhook registration."""
        # Inside the safety net, as REST and socket.io: a reply even when the assistant fails.
        on_new_message = with_safety_net(on_new_message, SafetyReplies.load(load_clinic_settings()))
        telegram_webhook = Blueprint("custom_telegram_webhook", __name__)
        out_channel = self.get_output_channel()

        @telegram_webhook.listener("after_server_start")
        async def register_webhook(*_: Any) -> None:
            # Like the stock connector, register the webhook at start-up (with the secret).
            if not self.webhook_url:
                return
            try:
                await out_channel.set_webhook(self.webhook_url, self.secret_token)
            except Exception as error:
                logger.warning("Telegram setWebhook failed (%s); POST /set_webhook to retry", error)

        @telegram_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @telegram_webhook.route("/set_webhook", methods=["POST"])
        async def set_webhook(request: Request) -> HTTPResponse:
            # Only someone who knows the secret may (re-)register the webhook.
            if rejection := self.check_secret(request):
                return rejection
            if not self.webhook_url:
                return response.text("TELEGRAM_WEBHOOK_URL is not set", status=400)
            answer = await out_channel.set_webhook(self.webhook_url, self.secret_token)
            return response.json(answer)

        @telegram_webhook.route("/webhook", methods=["POST"])
        async def message(request: Request) -> HTTPResponse:
            if rejection := self.check_secret(request):
                return rejection
            update = request.json
            try:
                if not isinstance(update, dict):
                    raise ValueError("not an object")
                found = self.text_and_chat(update)
            except ValueError:
                return response.text("not a Telegram update", status=HTTPStatus.BAD_REQUEST)
            if found is None:
                return response.text("success")  # stickers, joins...: nothing to answer
            text, chat_id = found
            try:
                await on_new_message(
                    UserMessage(
                        text,
                        out_channel,
                        chat_id,
                        input_channel=self.name(),
                        metadata=self.get_metadata(request),
                    )
                )
            except Exception:
                # Answer 200 anyway: Telegram would otherwise redeliver the update forever.
                logger.exception("Telegram update %s could not be handled", update.get("update_id"))
            return response.text("success")

        return telegram_webhook
