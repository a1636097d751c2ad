"""A message the widget sends again after a lost acknowledgement is answered once."""

from __future__ import annotations

import asyncio

from channels.delivered import DeliveredMessages, message_id


def test_only_a_plain_message_id_is_used() -> None:
    assert message_id({"message_id": "3f2b6c1e-9a7d-4c1b-8e2f-0a1b2c3d4e5f"}) is not None
    assert message_id({"message_id": "short"}) is None
    assert message_id({"message_id": "x" * 65}) is None
    assert message_id({"message_id": 12345678}) is None
    assert message_id({}) is None


def test_a_message_is_first_seen_once_per_conversation(redis_url: str) -> None:
    delivered = DeliveredMessages(redis_url)

    async def check() -> list[bool]:
        return [
            await delivered.first_time("session-a", "message-0001"),
            await delivered.first_time("session-a", "message-0001"),
            await delivered.first_time("session-b", "message-0001"),
            await delivered.first_time("session-a", "message-0002"),
        ]

    assert asyncio.run(check()) == [True, False, True, True]


def test_without_redis_every_message_is_run() -> None:
    delivered = DeliveredMessages("redis://127.0.0.1:9/0", timeout_s=0.2)

    async def check() -> list[bool]:
        return [await delivered.first_time("s", "message-0001") for _ in range(2)]

    assert asyncio.run(check()) == [True, True]
