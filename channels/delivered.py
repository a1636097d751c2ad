"""Each widget message is answered once, even when the widget sends it again.

The widget keeps a message until the server acknowledges it; when the connection drops
after the server took the message but before the acknowledgement arrived, the widget sends
it again on reconnection. Answering it twice would be worse than a duplicate line: in a
form, the copy of "Anna Smith" would become the answer to the next question. So the
channel notes each message id (with its conversation, hashed) in the Redis every worker
shares, for a day, and a message seen before is acknowledged without being run again.
When Redis cannot be reached the message is run (logged): a patient is never refused
because of this check.
"""

from __future__ import annotations

import hashlib
import logging
import re

import redis.asyncio as redis_asyncio
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

KEEP_S = 24 * 60 * 60
_MESSAGE_ID = re.compile(r"[A-Za-z0-9-]{8,64}")


def message_id(metadata: dict[str, object]) -> str | None:
    """The widget's id for a message, if it sent a usable one."""
    value = metadata.get("message_id")
    return value if isinstance(value, str) and _MESSAGE_ID.fullmatch(value) else None


class DeliveredMessages:
    """Remembers which messages of which conversation the assistant has already taken."""

    def __init__(self, redis_url: str, *, timeout_s: float = 1.0) -> None:
        self._redis = redis_asyncio.Redis.from_url(
            redis_url, socket_timeout=timeout_s, socket_connect_timeout=timeout_s
        )

    async def first_time(self, session_id: str, message: str) -> bool:
        """Note the message; False when it was noted before (a copy sent again)."""
        digest = hashlib.sha256(f"{session_id}\n{message}".encode()).hexdigest()[:32]
        try:
            added = await self._redis.set(f"delivered:{digest}", 1, nx=True, ex=KEEP_S)
        except (RedisError, OSError) as error:
            logger.warning("Repeated messages not checked (Redis): %s", type(error).__name__)
            return True
        return bool(added)
