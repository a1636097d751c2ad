"""Per-conversation and per-address rate limits for the public channels.

Counters live in the Redis every Rasa worker shares (fixed one-minute windows), so a
client cannot multiply its allowance by landing on another worker. Only the counters are
stored: the conversation id and address are hashed, never the message. When Redis cannot
be reached the limit lets messages through (logged): a patient is never refused because
of the limiter itself.
"""

from __future__ import annotations

import hashlib
import logging
import time
from dataclasses import dataclass

import redis.asyncio as redis_asyncio
from redis.exceptions import RedisError

from startup.settings import Settings

logger = logging.getLogger(__name__)

WINDOW_S = 60


@dataclass(frozen=True)
class Limits:
    """Messages allowed per window, per conversation and per client address."""

    per_sender: int = 20
    per_address: int = 60


def _key(kind: str, value: str, window: int) -> str:
    digest = hashlib.sha256(value.encode("utf-8", "replace")).hexdigest()[:32]
    return f"rate:{kind}:{digest}:{window}"


class RateLimiter:
    """Counts each conversation's and each address's messages in the current window."""

    def __init__(self, redis_url: str, limits: Limits, *, timeout_s: float = 1.0) -> None:
        self.limits = limits
        self._redis = redis_asyncio.Redis.from_url(
            redis_url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s
        )

    async def allow(self, sender: str, address: str | None) -> bool:
        """Count this message; False when its conversation or address is over its limit."""
        window = int(time.time() // WINDOW_S)
        counted = [("sender", sender, self.limits.per_sender)]
        if address:
            counted.append(("address", address, self.limits.per_address))
        try:
            pipeline = self._redis.pipeline(transaction=False)
            for kind, value, _ in counted:
                key = _key(kind, value, window)
                pipeline.incr(key)
                pipeline.expire(key, WINDOW_S * 2)
            results = await pipeline.execute()
        except (RedisError, OSError) as error:
            logger.warning("Rate limit not checked (Redis): %s", type(error).__name__)
            return True
        counts = results[0::2]
        over = [
            kind for (kind, _, limit), count in zip(counted, counts, strict=True) if count > limit
        ]
        if over:
            logger.warning("Rate limit reached (%s)", ", ".join(over))
        return not over


def rate_limiter(settings: Settings) -> RateLimiter:
    """The limiter for the public channels, on the Redis the Rasa workers share."""
    return RateLimiter(
        settings.channel_state_redis_url,
        Limits(settings.rate_limit_per_sender, settings.rate_limit_per_address),
    )
