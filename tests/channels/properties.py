"""Shared by the messaging webhooks' property tests: one connector served on loopback.

The connector's own blueprint is served by Sanic (sanic-testing's reusable client), its
send API points at the loopback stand-in, and the assistant is a stand-in that answers
every message with a text and two buttons, as in the example-based tests.
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

from tests.channels.conftest import Recorded, StandIn, reply_with_buttons
from tools.stack import free_ports


@dataclass
class Served:
    """A connector being served, the stand-in behind it, and what the assistant received."""

    client: ReusableClient
    stand_in: StandIn
    received: list[UserMessage]

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

    async def on_new_message(message: UserMessage) -> None:
        received.append(message)
        await reply_with_buttons(message)

    app = Sanic(f"channel_properties_{uuid.uuid4().hex}")
    app.blueprint(channel.blueprint(on_new_message), url_prefix=f"/webhooks/{channel.url_prefix()}")
    client = ReusableClient(app, port=free_ports(1)[0])
    client.run()
    try:
        yield Served(client, stand_in, received)
    finally:
        client.stop()
