"""When a dependency is down: the health check says which, and every patient still gets a reply.

Uses its own stack, because it stops the scheduling service and Redis.
"""

from __future__ import annotations

import uuid

import pytest
import redis
import requests

from tests.e2e.conftest import running
from tools.stack import AssistantStack, StackError

pytestmark = pytest.mark.e2e

URGENT = "my back is agony and I've lost control of my bladder"


def health(assistant: AssistantStack) -> requests.Response:
    return requests.get(f"{assistant.rasa_url}/webhooks/rest/health", timeout=20)


def say(assistant: AssistantStack, text: str) -> list[str]:
    body = {"sender": f"outage-{uuid.uuid4().hex}", "message": text}
    response = requests.post(f"{assistant.rasa_url}/webhooks/rest/webhook", json=body, timeout=60)
    assert response.status_code == 200
    return [message.get("text", "") for message in response.json()]


def test_the_health_check_names_the_dependency_that_is_down_and_replies_go_on(
    started: AssistantStack | StackError,
) -> None:
    assistant = running(started)
    healthy = health(assistant)
    assert healthy.status_code == 200
    assert healthy.json() == {
        "status": "ok",
        "dependencies": {"redis": "ok", "action_server": "ok", "scheduling": "ok"},
    }
    assistant.scheduling.stop()
    try:
        degraded = health(assistant)
        assert degraded.status_code == 503
        assert degraded.json()["dependencies"]["scheduling"] == "down"
        assert degraded.json()["dependencies"]["redis"] == "ok"
        assert say(assistant, "what is sciatica")
    finally:
        assistant.scheduling.start()


def test_with_redis_down_an_emergency_still_gets_the_urgent_advice(
    started: AssistantStack | StackError,
) -> None:
    assistant = running(started)
    redis.Redis(port=assistant.redis_port).shutdown(nosave=True)
    down = health(assistant)
    assert down.status_code == 503 and down.json()["dependencies"]["redis"] == "down"
    [urgent] = say(assistant, URGENT)
    assert "urgent medical care now" in urgent
    [ordinary] = say(assistant, "what is sciatica")
    assert "having trouble" in ordinary and "020 7946 0000" in ordinary
