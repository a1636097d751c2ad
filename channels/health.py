"""What the health check reports: each dependency the assistant needs, not just the web process.

Rasa's own `/` and `/status` say only that the web process answers. The REST channel
serves `GET /webhooks/rest/health` from this: Redis (conversations and their locks), the
action server, and the scheduling service (which checks its database itself), each
"ok" or "down", with 200 when all are ok and 503 otherwise, for a load balancer or a
monitor. Each check has a short timeout; nothing personal is in the answer.
"""

from __future__ import annotations

import asyncio

import httpx
import redis.asyncio as redis_asyncio
from redis.exceptions import RedisError

from startup.settings import Settings

TIMEOUT_S = 2.0


async def redis_ok(url: str) -> bool:
    """Whether Redis answers a PING."""
    client = redis_asyncio.Redis.from_url(
        url, socket_timeout=TIMEOUT_S, socket_connect_timeout=TIMEOUT_S
    )
    try:
        return bool(await client.ping())
    except (RedisError, OSError):
        return False
    finally:
        await client.close()


async def http_ok(url: str) -> bool:
    """Whether `url` answers 200."""
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT_S) as client:
            return (await client.get(url)).status_code == 200
    except httpx.HTTPError:
        return False


async def dependencies(settings: Settings) -> dict[str, str]:
    """Each dependency's state, "ok" or "down", checked at the same time."""
    action_base = settings.action_server_url.rsplit("/webhook", 1)[0]
    checks = {
        "redis": redis_ok(settings.conversation_redis_url),
        "action_server": http_ok(f"{action_base}/health"),
        "scheduling": http_ok(f"{settings.scheduling.url}/health"),
    }
    results = await asyncio.gather(*checks.values())
    return {
        name: "ok" if healthy else "down" for name, healthy in zip(checks, results, strict=True)
    }
