"""Telling the patient what became of a queued booking, through Rasa's HTTP API.

A stand-in for Rasa's `trigger_intent` endpoint (a plain `http.server` on a loopback port)
records what the real client sends.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest

from action_server.io.booking_news import BOOKING_UPDATE_INTENT, RasaBookingNews
from action_server.io.scheduling_client import BookingRequest
from tests.action_server.io.fake_scheduling import free_port


class FakeRasa:
    """Records every POST; answers `status` (200 by default)."""

    def __init__(self) -> None:
        self.received: list[tuple[str, dict[str, list[str]], Any]] = []
        self.authorizations: list[str] = []
        self.status = 200
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"null")
                parts = urlsplit(self.path)
                fake.received.append((parts.path, parse_qs(parts.query), body))
                fake.authorizations.append(self.headers.get("Authorization") or "")
                self.send_response(fake.status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def rasa() -> Iterator[FakeRasa]:
    fake = FakeRasa()
    yield fake
    fake.stop()


def request(conversation_id: str | None = "patient 1/a") -> BookingRequest:
    return BookingRequest(
        reference="JPC-ABC234",
        slot_id="slot-1",
        name="Ann Lee",
        phone="+447700900123",
        reason="Joint pain consultation",
        summary="",
        conversation_id=conversation_id,
    )


async def test_the_news_is_triggered_in_the_patients_conversation(rasa: FakeRasa) -> None:
    await RasaBookingNews(rasa.url, "secret")(request(), "booked")
    [(path, query, body)] = rasa.received
    assert path == "/conversations/patient%201%2Fa/trigger_intent"
    assert query == {"output_channel": ["latest"]}
    [authorization] = rasa.authorizations
    scheme, token = authorization.split()
    payload = jwt.decode(token, "secret", algorithms=["HS256"])
    # Rasa lets a `user` reach only the conversation named by its username.
    assert scheme == "Bearer"
    assert payload["user"] == {"username": "patient 1/a", "role": "user"}
    assert body == {
        "name": BOOKING_UPDATE_INTENT,
        "entities": {"booking_reference": "JPC-ABC234", "booking_news": "booked"},
    }


async def test_a_booking_from_no_conversation_tells_no_one(rasa: FakeRasa) -> None:
    await RasaBookingNews(rasa.url, "secret")(request(conversation_id=None), "booked")
    assert rasa.received == []


@pytest.mark.parametrize("status", [401, 500])
async def test_a_refusal_is_logged_not_raised(
    rasa: FakeRasa, status: int, caplog: pytest.LogCaptureFixture
) -> None:
    rasa.status = status
    await RasaBookingNews(rasa.url, "secret")(request(), "failed")
    assert "Could not tell the patient about JPC-ABC234" in caplog.text


async def test_an_unreachable_rasa_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    await RasaBookingNews(f"http://127.0.0.1:{free_port()}", "secret", timeout_s=2)(
        request(), "booked"
    )
    assert "Could not tell the patient about JPC-ABC234" in caplog.text


def test_the_token_is_not_in_its_repr() -> None:
    assert "secret" not in repr(RasaBookingNews("http://rasa", "secret"))
