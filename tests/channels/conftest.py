"""A loopback stand-in for the platforms' send APIs, and a Sanic app around one connector."""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import redis
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Sanic

BUTTONS = [
    {"title": "Book an appointment", "payload": "/book_appointment"},
    {"title": "Ask a question", "payload": "/ask_faq"},
]


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def form(self) -> dict[str, list[str]]:
        return parse_qs(self.body.decode())


@dataclass
class StandIn:
    """A platform's send API on 127.0.0.1: records every request, answers a JSON 'ok'."""

    base_url: str
    requests: list[Recorded] = field(default_factory=list)

    async def wait_for(self, count: int = 1, timeout: float = 5.0) -> list[Recorded]:
        for _ in range(int(timeout / 0.02)):
            if len(self.requests) >= count:
                return self.requests
            await asyncio.sleep(0.02)
        raise AssertionError(f"expected {count} requests, got {self.requests}")


@pytest.fixture
def stand_in() -> Iterator[StandIn]:
    with running_stand_in() as running:
        yield running


@contextlib.contextmanager
def running_stand_in() -> Iterator[StandIn]:
    """Serve the stand-in send API on a free loopback port for the `with` block."""
    recorded: list[Recorded] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            parts = urlsplit(self.path)
            recorded.append(
                Recorded(
                    "POST",
                    parts.path,
                    parse_qs(parts.query),
                    dict(self.headers.items()),
                    self.rfile.read(length),
                )
            )
            body = json.dumps(
                {"ok": True, "result": {"message_id": 1}, "sid": "SM1", "message_id": "m1"}
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield StandIn(f"http://127.0.0.1:{server.server_address[1]}", recorded)
    finally:
        server.shutdown()
        server.server_close()


async def reply_with_buttons(message: UserMessage) -> None:
    """Stands in for the assistant: answers every message with the same two buttons."""
    assert message.output_channel is not None
    await message.output_channel.send_text_with_buttons(
        message.sender_id, f"You said: {message.text}", BUTTONS
    )


@pytest.fixture(autouse=True)
def channel_state_redis(redis_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The channels keep their state (rate limits, seen messages) in the tests' own Redis.

    Emptied before each test, so that no test shares a count with another, nor with an
    assistant running on this machine (`make run`'s Redis is the default).
    """
    address = urlsplit(redis_url)
    monkeypatch.setenv("REDIS_HOST", address.hostname or "127.0.0.1")
    monkeypatch.setenv("REDIS_PORT", str(address.port))
    redis.Redis(host=address.hostname or "127.0.0.1", port=address.port or 0, db=2).flushdb()


@pytest.fixture
def channel_app() -> Callable[..., tuple[Sanic, list[UserMessage]]]:
    """A Sanic app serving one connector's blueprint the way Rasa mounts it."""

    def build(channel: InputChannel, answer: bool = True) -> tuple[Sanic, list[UserMessage]]:
        received: list[UserMessage] = []

        async def on_new_message(message: UserMessage) -> None:
            received.append(message)
            if answer:
                await reply_with_buttons(message)

        app = Sanic(f"channel_test_{uuid.uuid4().hex}")
        prefix = f"/webhooks/{channel.url_prefix()}"
        app.blueprint(channel.blueprint(on_new_message), url_prefix=prefix)
        return app, received

    return build
