"""Rasa's socket.io channel, fixed for python-socketio >= 5.10.

Rasa 3.6 calls ``sio.enter_room(...)`` without ``await``; since python-socketio made it a
coroutine, the client never joins its session's room, so with ``session_persistence: true``
the bot's replies (sent to that room) reach nobody. This subclass replaces only the
``session_request`` handler with one that awaits it. Use it in the credentials as
``channels.socket_io.SocketIOInput:`` with the same settings as ``socketio:``.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from sanic import Blueprint


class SocketIOInput(RasaSocketIOInput):
    """Rasa's socket.io input channel with the session room joined correctly."""

    @classmethod
    def name(cls) -> str:
        """Keep Rasa's channel name, so trackers and webhooks look the same."""
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's blueprint, with the session_request handler replaced."""
        blueprint = super().blueprint(on_new_message)
        sio = self.sio
        if sio is None:  # pragma: no cover (super().blueprint always sets it)
            return blueprint

        async def session_request(sid: str, data: dict[str, Any] | None) -> None:
            data = dict(data or {})
            session_id = data.get("session_id")
            if not isinstance(session_id, str) or not session_id:
                session_id = uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, session_id, namespace=self.namespace)
            await sio.emit("session_confirm", session_id, room=sid, namespace=self.namespace)

        sio.on("session_request", session_request, namespace=self.namespace)
        return blueprint
