from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa

from adapters.event_records import EventRecord, serialised, stream_of
from adapters.sqlalchemy.content_tables import outbox
from adapters.sqlalchemy.transaction import Transaction
from domain.events import DomainEvent

_o = outbox.c


class SqlAlchemyEventOutbox:
    """The transactional outbox: events are rows written in the Unit of Work's own
    transaction, so they exist exactly when the change that caused them does."""

    def __init__(self, transaction: Transaction) -> None:
        self._tx = transaction

    async def add(self, events: Sequence[DomainEvent]) -> None:
        if not events:
            return
        rows = [
            {
                "event_id": event.event_id,
                "name": event.name,
                "stream_id": stream_of(event),
                "payload": serialised(event),
                "occurred_at": event.occurred_at,
            }
            for event in events
        ]
        # One multi-row INSERT; positions are assigned in the order of its rows.
        await self._tx.write(sa.insert(outbox).values(rows))

    async def undelivered(self, limit: int) -> list[EventRecord]:
        """For the dispatcher, in a Unit of Work of its own: events not yet delivered,
        oldest first."""
        query = sa.select(outbox).where(_o.delivered_at.is_(None)).order_by(_o.position)
        result = await self._tx.read(query.limit(limit))
        return [
            EventRecord(
                position=row["position"],
                event_id=row["event_id"],
                name=row["name"],
                stream_id=row["stream_id"],
                payload=json.loads(row["payload"]),
                occurred_at=row["occurred_at"],
            )
            for row in result.mappings()
        ]

    async def lag(self) -> tuple[int, datetime | None]:
        """For monitoring, in one statement: how many events wait, and when the oldest
        occurred."""
        query = sa.select(
            sa.func.count().label("n"), sa.func.min(_o.occurred_at).label("oldest")
        ).where(_o.delivered_at.is_(None))
        row = (await self._tx.read(query)).mappings().one()
        return int(row["n"]), row["oldest"]

    async def mark_delivered(self, positions: Sequence[int], at: datetime) -> None:
        """For the dispatcher: these events reached their subscribers (on commit)."""
        if not positions:
            return
        statement = (
            sa.update(outbox)
            .where(_o.position.in_(positions), _o.delivered_at.is_(None))
            .values(delivered_at=at)
        )
        await self._tx.write(statement)
