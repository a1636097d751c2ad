"""Conversation locks in Redis: Rasa's ticket lock, each change of it one atomic step.

Two Rasa workers serve the same patients, so a patient's messages are put in order by
Rasa's ticket lock, kept in Redis. Rasa's `RedisLockStore` changes a lock by reading it,
changing it in Python and writing it back: seven round trips a message (issue a ticket:
read, write; wait for it: read; give it back: read, write, read, delete), about 1.5 ms.
Between the read and the write, the other worker can do the same, so two messages from
one patient can be given the same ticket and be handled at once. Here each change is one
Lua script, which Redis runs atomically: issuing a ticket and giving it back are one
round trip each, and no two messages get the same ticket. Waiting for a ticket's turn is
Rasa's own loop. The lock is stored exactly as Rasa stores it, so Rasa's methods read it
as before.
"""

from __future__ import annotations

import time
from typing import Any

from rasa.core.lock import NO_TICKET_ISSUED
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

# KEYS[1]: the lock. ARGV: conversation id, the time now, the new ticket's lifetime,
# the number before the first ticket.
# A ticket is kept while now <= its expiry, as Rasa's `Ticket.has_expired` has it.
# Returns the new ticket's number.
ISSUE_TICKET = """
local now = tonumber(ARGV[2])
local kept = {}
local last = tonumber(ARGV[4])
local stored = redis.call('GET', KEYS[1])
if stored then
  for _, text in ipairs(cjson.decode(stored)['tickets'] or {}) do
    local ticket = cjson.decode(text)
    if now <= ticket['expires'] then
      table.insert(kept, text)
      last = ticket['number']
    end
  end
end
local number = last + 1
table.insert(kept, cjson.encode({number = number, expires = now + tonumber(ARGV[3])}))
redis.call('SET', KEYS[1], cjson.encode({conversation_id = ARGV[1], tickets = kept}))
return number
"""

# KEYS[1]: the lock. ARGV: the ticket's number, the time now. Removes the ticket and any
# expired one, and the lock itself when no ticket is left. Returns the tickets left.
FINISH_SERVING = """
local stored = redis.call('GET', KEYS[1])
if not stored then
  return 0
end
local lock = cjson.decode(stored)
local now = tonumber(ARGV[2])
local kept = {}
for _, text in ipairs(lock['tickets'] or {}) do
  local ticket = cjson.decode(text)
  if now <= ticket['expires'] and ticket['number'] ~= tonumber(ARGV[1]) then
    table.insert(kept, text)
  end
end
if #kept == 0 then
  redis.call('DEL', KEYS[1])
else
  local conversation_id = lock['conversation_id']
  redis.call('SET', KEYS[1], cjson.encode({conversation_id = conversation_id, tickets = kept}))
end
return #kept
"""


class AtomicRedisLockStore(RedisLockStore):
    """Rasa's Redis lock store (same settings, same stored locks), changed atomically."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        """Rasa passes a custom lock store its endpoint settings; tests pass RedisLockStore's."""
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url, **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)
        self._issue_ticket = self.red.register_script(ISSUE_TICKET)
        self._finish_serving = self.red.register_script(FINISH_SERVING)

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """A new ticket for the conversation, after every unexpired one (one round trip)."""
        key = self.key_prefix + conversation_id
        arguments = [conversation_id, time.time(), lock_lifetime, NO_TICKET_ISSUED]
        try:
            return int(self._issue_ticket([key], arguments))
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        """Give the ticket back; the lock goes when no ticket is left (one round trip)."""
        self._finish_serving([self.key_prefix + conversation_id], [ticket_number, time.time()])

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Rasa's cleanup: giving the ticket back already removed an empty lock."""
        self.finish_serving(conversation_id, ticket_number)

    def update_lock(self, conversation_id: str) -> None:
        """Nothing to write while waiting for a turn.

        Rasa's waiting loop rewrites the lock without its expired tickets, which could drop
        a ticket the other worker issued in between. Expired tickets are skipped by every
        reader anyway (`TicketLock` drops them as it reads) and removed by the next
        atomic change.
        """
