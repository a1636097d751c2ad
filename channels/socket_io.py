"""Rasa's socket.io channel, fixed and closed to strangers.

- Rasa 3.6 calls ``sio.enter_room(...)`` without ``await``; since python-socketio made it a
  coroutine, the client never joins its session's room, so with ``session_persistence``
  the bot's replies (sent to that room) reach nobody. The session handler here awaits it.
- Rasa accepts any session id a client names, so anyone who learns one can write into
  that conversation and read its replies. Here a session id is issued by the server with
  a signature (`session_secret`, an HMAC of the id with WIDGET_SESSION_KEY); a client
  resumes a session only by showing both, and each connection's messages go to the
  session it was confirmed for, whatever session id a message names.
- Rasa's server accepts websockets from every origin; here only ALLOWED_ORIGINS.
- Every message runs inside the safety net (channels/safety_net.py): always a reply; and
  within the rate limits (channels/rate_limit.py).
- Every reply part carries an `id` (tabs of one browser receive the same part and merge
  it by id), and an emergency or crisis reply its `urgency` and the number to call
  (channels/emergency.py), so the widget can show it as an alert with a call link.
- A `user_uttered` event is acknowledged with ``{"ok": true}`` once it was answered, or
  ``{"ok": false}`` when it was refused, so the widget can mark it sent or failed; a
  message the widget sends again (its `message_id` seen before) is acknowledged without
  being answered twice (channels/delivered.py).

Use it in the credentials as ``channels.socket_io.SocketIOInput:`` with the same
settings as ``socketio:``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from rasa.core.channels.socketio import SocketIOOutput
from sanic import Blueprint
from socketio import AsyncServer

from channels.delivered import DeliveredMessages, message_id
from channels.emergency import EmergencyNumber, socket_marks
from channels.rate_limit import rate_limiter
from channels.safety_net import SafetyReplies, with_safety_net
from clinic.settings import load_clinic_settings
from startup.settings import load_settings

logger = logging.getLogger(__name__)


def session_secret(key: str, session_id: str) -> str:
    """The signature that proves a client was given `session_id` by this server."""
    return hmac.new(key.encode(), session_id.encode(), hashlib.sha256).hexdigest()


def resumed_session(key: str, data: Any) -> str | None:
    """The session id the client may resume, or None if it did not prove it owns one."""
    if not isinstance(data, dict):
        return None
    session_id, secret = data.get("session_id"), data.get("session_secret")
    if not isinstance(session_id, str) or not isinstance(secret, str) or not session_id:
        return None
    return session_id if hmac.compare_digest(session_secret(key, session_id), secret) else None


def read_socket_message(data: Any, metadata_key: str) -> tuple[str, dict[str, Any]]:
    """The text and metadata of a `user_uttered` event, whatever the client sent.

    Anything unusable becomes empty text (which the safety net answers politely) or no
    metadata; nothing a client sends can raise here.
    """
    if not isinstance(data, dict):
        return "", {}
    text = data.get("message")
    metadata = data.get(metadata_key) or {}
    if isinstance(metadata, str):
        try:
            metadata = json.loads(metadata)
        except ValueError:
            metadata = {}
    return (text if isinstance(text, str) else ""), (metadata if isinstance(metadata, dict) else {})


def client_address(environ: Any) -> str | None:
    """The address of the client behind a socket.io connection (Sanic's view of it)."""
    request = environ.get("sanic.request") if isinstance(environ, dict) else None
    return (request.remote_addr or request.ip) if request is not None else None


class ClinicSocketIOOutput(SocketIOOutput):
    """Rasa's socket.io output, with an id on every part and the marks of urgent replies."""

    def __init__(self, sio: AsyncServer, bot_message_evt: str, number: EmergencyNumber) -> None:
        super().__init__(sio, bot_message_evt)
        self.number = number

    async def _send_message(self, socket_id: str, response: Any) -> None:
        if isinstance(response, dict):
            response = {"id": uuid.uuid4().hex, **response}
        await super()._send_message(socket_id, response)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """One part per paragraph, as Rasa's, each with the reply's urgency."""
        marks = socket_marks(kwargs, self.number)
        for part in text.strip().split("\n\n"):
            await self._send_message(recipient_id, {"text": part, **marks})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Rasa's parts (the buttons on the last), each with the reply's urgency."""
        marks = socket_marks(kwargs, self.number)
        parts = text.strip().split("\n\n") or [text]
        replies = [
            {"content_type": "text", "title": button["title"], "payload": button["payload"]}
            for button in buttons
        ]
        for index, part in enumerate(parts):
            last = index == len(parts) - 1
            await self._send_message(
                recipient_id, {"text": part, "quick_replies": replies if last else [], **marks}
            )


class SocketIOInput(RasaSocketIOInput):
    """Rasa's socket.io input channel with signed sessions, allowed origins and a reply."""

    @classmethod
    def name(cls) -> str:
        """Keep Rasa's channel name, so trackers and webhooks look the same."""
        return "socketio"

    def get_output_channel(self) -> OutputChannel | None:
        """The output for messages Rasa sends on its own (reminders, external events)."""
        if self.sio is None:
            return None
        number = EmergencyNumber.load(load_clinic_settings().contact_file)
        return ClinicSocketIOOutput(self.sio, self.bot_message_evt, number)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's blueprint, with the session and message handlers replaced."""
        settings = load_settings()
        clinic = load_clinic_settings()
        replies = SafetyReplies.load(clinic)
        answered = with_safety_net(on_new_message, replies)
        limiter = rate_limiter(settings)
        number = EmergencyNumber.load(clinic.contact_file)
        delivered = DeliveredMessages(settings.channel_state_redis_url)
        blueprint = super().blueprint(answered)
        sio = self.sio
        if sio is None:  # pragma: no cover (super().blueprint always sets it)
            return blueprint
        sio.eio.cors_allowed_origins = list(settings.allowed_origins)
        key = settings.session_key
        sessions: dict[str, str] = {}  # connection id -> the session confirmed for it

        async def session_request(sid: str, data: Any) -> None:
            session_id = resumed_session(key, data) or uuid.uuid4().hex
            sessions[sid] = session_id
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=self.namespace)
            confirmed = {
                "session_id": session_id,
                "session_secret": session_secret(key, session_id),
            }
            await sio.emit("session_confirm", confirmed, room=sid, namespace=self.namespace)

        async def handle_message(sid: str, data: Any) -> dict[str, Any]:
            session_id = sessions.get(sid)
            if session_id is None:
                logger.warning("A socket.io message before its session was confirmed; dropped")
                return {"ok": False, "reason": "no-session"}
            text, metadata = read_socket_message(data, self.metadata_key or "metadata")
            output = ClinicSocketIOOutput(sio, self.bot_message_evt, number)
            recipient = session_id if self.session_persistence else sid
            if not await limiter.allow(session_id, client_address(sio.get_environ(sid))):
                await output.send_response(recipient, replies.reply_when_flooding(text))
                return {"ok": False, "reason": "rate-limited"}
            # Noted only once it is let through: a refused message may be sent again.
            sent_id = message_id(metadata)
            if sent_id is not None and not await delivered.first_time(session_id, sent_id):
                return {"ok": True, "repeated": True}
            await answered(
                UserMessage(
                    text,
                    output,
                    recipient,
                    input_channel=self.name(),
                    metadata=metadata,
                )
            )
            return {"ok": True}

        async def disconnect(sid: str) -> None:
            sessions.pop(sid, None)

        sio.on("session_request", session_request, namespace=self.namespace)
        sio.on(self.user_message_evt, handle_message, namespace=self.namespace)
        sio.on("disconnect", disconnect, namespace=self.namespace)
        return blueprint
