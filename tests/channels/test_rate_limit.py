"""Rate limits counted in a real Redis, shared by every worker."""

from __future__ import annotations

import uuid

from channels.rate_limit import Limits, RateLimiter
from tools.stack import free_ports


async def test_a_conversation_over_its_limit_is_refused_and_others_are_not(redis_url: str) -> None:
    limiter = RateLimiter(redis_url, Limits(per_sender=3, per_address=100))
    sender = uuid.uuid4().hex
    assert [await limiter.allow(sender, "10.0.0.1") for _ in range(4)] == [True] * 3 + [False]
    assert await limiter.allow(uuid.uuid4().hex, "10.0.0.1")


async def test_one_address_is_limited_across_conversations(redis_url: str) -> None:
    limiter = RateLimiter(redis_url, Limits(per_sender=100, per_address=2))
    address = f"10.1.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
    allowed = [await limiter.allow(uuid.uuid4().hex, address) for _ in range(3)]
    assert allowed == [True, True, False]


async def test_two_workers_share_one_count(redis_url: str) -> None:
    first, second = (RateLimiter(redis_url, Limits(per_sender=2, per_address=100)) for _ in "ab")
    sender = uuid.uuid4().hex
    assert await first.allow(sender, None)
    assert await second.allow(sender, None)
    assert not await first.allow(sender, None)


async def test_only_hashed_ids_are_stored(redis_url: str) -> None:
    import redis

    limiter = RateLimiter(redis_url, Limits())
    sender = f"patient-{uuid.uuid4().hex}"
    await limiter.allow(sender, "10.9.9.9")
    keys = [key.decode() for key in redis.Redis.from_url(redis_url).keys("rate:*")]
    assert keys and not any(sender in key or "10.9.9.9" in key for key in keys)


async def test_without_redis_messages_are_let_through() -> None:
    [port] = free_ports(1)
    limiter = RateLimiter(f"redis://127.0.0.1:{port}/2", Limits(per_sender=1, per_address=1))
    assert [await limiter.allow("me", "10.0.0.1") for _ in range(3)] == [True] * 3
