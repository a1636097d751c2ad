"""Shared by the messaging webhooks' property tests: one connector served on loopback.

The connector's own blueprint is served by Sanic (sanic-testing's reusable client), its
send API points at the loopback stand-in, and the assistant is a stand-in that answers
every message with a text and two buttons, as in the example-based tests, or fails (as
Rasa does when a store or the action server is down) when `assistant_fails` is set.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Sanic
from sanic_testing.reusable import ReusableClient

from channels.safety_net import SafetyReplies
from clinic.settings import load_clinic_settings
from tests.channels.conftest import Recorded, StandIn, reply_with_buttons
from tools.stack import free_ports


@dataclass
class Served:
    """A connector being served, the stand-in behind it, and what the assistant received."""

    client: ReusableClient
    stand_in: StandIn
    received: list[UserMessage]
    assistant_fails: bool = False

    def post(self, path: str, **kwargs: Any) -> Any:
        _, response = self.client.post(path, gather_request=False, **kwargs)
        assert response is not None
        return response

    def sent_after(self, before: int, wait_s: float = 0.0) -> list[Recorded]:
        """What reached the stand-in since it held `before` requests.

        With `wait_s`, the server's loop runs until something arrives or the time is up,
        for connectors that answer in a background task.
        """
        loop = self.client._loop
        steps = int(wait_s / 0.02)
        for _ in range(steps):
            if len(self.stand_in.requests) > before:
                break
            loop.run_until_complete(asyncio.sleep(0.02))
        return self.stand_in.requests[before:]


@contextlib.contextmanager
def served(channel: InputChannel, stand_in: StandIn) -> Iterator[Served]:
    """Serve `channel`'s blueprint as Rasa mounts it, under /webhooks/<prefix>/."""
    received: list[UserMessage] = []
    serving: Served | None = None

    async def on_new_message(message: UserMessage) -> None:
        received.append(message)
        if serving is not None and serving.assistant_fails:
            raise ConnectionError("the assistant is down")
        await reply_with_buttons(message)

    app = Sanic(f"channel_properties_{uuid.uuid4().hex}")
    app.blueprint(channel.blueprint(on_new_message), url_prefix=f"/webhooks/{channel.url_prefix()}")
    client = ReusableClient(app, port=free_ports(1)[0])
    client.run()
    serving = Served(client, stand_in, received)
    try:
        yield serving
    finally:
        client.stop()


@contextlib.contextmanager
def failing(serving: Served) -> Iterator[Served]:
    """The assistant behind `serving` fails for the `with` block."""
    serving.assistant_fails = True
    try:
        yield serving
    finally:
        serving.assistant_fails = False


def is_polite(text: str) -> bool:
    """The stand-in assistant's answer, or one of the safety net's own replies."""
    replies = SafetyReplies.load(load_clinic_settings())
    own = (replies.emergency, replies.crisis, replies.trouble, replies.too_long, replies.empty)
    # A long reply may go out a paragraph a message, after the number to call.
    paragraphs = [part.strip() for reply in own for part in reply.split("\n\n") if part.strip()]
    return text.startswith("You said:") or any(part in text for part in paragraphs)
