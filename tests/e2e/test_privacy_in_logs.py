"""No patient's words, name, phone, email or symptom reach any log, on any path.

A conversation with known personal details books while the scheduling service is down
(so the booking waits in the outbox and the worker retries), reports a symptom, sends a
malformed and an oversized request, and leaves a socket.io session abruptly; then every
log file of every server is searched for each detail.
"""

from __future__ import annotations

import time
import uuid

import pytest
import requests
import socketio

from tools.stack import running_assistant

pytestmark = pytest.mark.e2e

NAME = "Zebedee Quixote"
PHONE = "07700 900987"
EMAIL = "zebedee.q@example.com"
SYMPTOM = "numbness in my groin"
DETAILS = ("zebedee", "quixote", "900987", "7700900987", "example.com", "groin")


def test_personal_details_never_reach_a_log_file() -> None:
    with running_assistant() as assistant:
        sender = f"privacy-{uuid.uuid4().hex}"
        for text in ("I'd like to book an appointment", "any weekday morning", "the first one"):
            assert assistant.send(sender, text)
        assert assistant.send(sender, NAME)
        assert assistant.send(sender, f"{PHONE} or {EMAIL}")
        assistant.scheduling.stop()
        assert assistant.send(sender, "yes")  # queued in the outbox
        assert assistant.send(sender, f"I also have {SYMPTOM}")
        time.sleep(2)  # the outbox worker tries, and fails, to deliver it
        assistant.scheduling.start()
        url = f"{assistant.rasa_url}/webhooks/rest/webhook"
        requests.post(url, data=f'{{"sender": "{sender}", "message": "{NAME}', timeout=10)
        requests.post(url, json={"sender": sender, "message": NAME * 5000}, timeout=10)
        client = socketio.Client(
            reconnection=False,
            websocket_extra_options={"origin": f"http://127.0.0.1:{assistant.demo_port}"},
        )
        client.connect(assistant.rasa_url, transports=["websocket"])
        client.emit("session_request", {})
        client.emit("user_uttered", {"message": f"my name is {NAME}, {SYMPTOM}"})
        time.sleep(0.5)
        client.disconnect()
        time.sleep(3)  # the outbox worker's retries, the last replies
        logs = sorted(assistant.log_dir.glob("*.log"))
        assert len(logs) >= 5, logs
        for log in logs:
            text = log.read_text(encoding="utf-8", errors="replace").lower()
            found = [detail for detail in DETAILS if detail in text]
            assert not found, (log.name, found)
