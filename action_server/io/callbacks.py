"""Callback requests: patients who found no suitable time ask the team to call them.

They live beside the booking outbox (same database, so the same durability), for staff
to work through. The scheduling service has no callback API, so nothing is delivered.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from action_server.io.outbox import metadata

callback_requests = sa.Table(
    "callback_requests",
    metadata,
    sa.Column("reference", sa.String(32), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("contact", sa.String(200), nullable=False),
    sa.Column("preferred_times", sa.Text, nullable=False, default=""),
    sa.Column("summary", sa.Text, nullable=False, default=""),
    sa.Column("status", sa.String(16), nullable=False, default="new"),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)


@dataclass(frozen=True)
class CallbackRequest:
    """Who to call, how, and what they need."""

    reference: str
    name: str
    contact: str
    preferred_times: str
    summary: str


class CallbackStore:
    """Durable callback requests; the table is created with the outbox's."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        callback_requests.create(engine, checkfirst=True)

    async def save(self, request: CallbackRequest) -> None:
        """Store the request (committed before the patient is told)."""
        await asyncio.to_thread(self._insert, request)

    async def add_preferred_times(self, reference: str, times: str) -> bool:
        """Add when the patient would like the call to a stored request; False if unknown."""
        return await asyncio.to_thread(self._add_times, reference, times)

    async def change_contact(self, reference: str, contact: str) -> bool:
        """Put a new number or email on a stored request; False if unknown."""
        return await asyncio.to_thread(self._change_contact, reference, contact)

    async def all(self) -> list[CallbackRequest]:
        """Every stored request, oldest first (for staff and tests)."""
        return await asyncio.to_thread(self._select)

    def _insert(self, request: CallbackRequest) -> None:
        with self._engine.begin() as connection:
            connection.execute(
                callback_requests.insert().values(
                    reference=request.reference,
                    name=request.name,
                    contact=request.contact,
                    preferred_times=request.preferred_times,
                    summary=request.summary,
                    status="new",
                    created_at=datetime.now(timezone.utc),
                )
            )

    def _add_times(self, reference: str, times: str) -> bool:
        column = callback_requests.c.preferred_times
        with self._engine.begin() as connection:
            row = connection.execute(
                sa.select(column).where(callback_requests.c.reference == reference)
            ).first()
            if row is None:
                return False
            earlier = str(row[0] or "")
            connection.execute(
                callback_requests.update()
                .where(callback_requests.c.reference == reference)
                .values(preferred_times=f"{earlier}, {times}" if earlier else times)
            )
            return True

    def _change_contact(self, reference: str, contact: str) -> bool:
        with self._engine.begin() as connection:
            result = connection.execute(
                callback_requests.update()
                .where(callback_requests.c.reference == reference)
                .values(contact=contact)
            )
            return bool(result.rowcount)

    def _select(self) -> list[CallbackRequest]:
        with self._engine.connect() as connection:
            rows = connection.execute(
                sa.select(callback_requests).order_by(callback_requests.c.created_at)
            ).mappings()
            return [
                CallbackRequest(
                    reference=row["reference"],
                    name=row["name"],
                    contact=row["contact"],
                    preferred_times=row["preferred_times"],
                    summary=row["summary"],
                )
                for row in rows
            ]
