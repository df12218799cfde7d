from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa

from adapters.event_records import joined_handlers, serialised, split_handlers, stream_of
from adapters.sqlalchemy.content_tables import outbox
from adapters.sqlalchemy.transaction import Transaction
from application.ports.events import OutboxEntry, ParkedEvent
from domain.events import DomainEvent

_o = outbox.c


def _pending(table: sa.FromClause) -> sa.ColumnElement[bool]:
    return sa.and_(table.c.delivered_at.is_(None), table.c.parked_at.is_(None))


class SqlAlchemyEventOutbox:
    """The transactional outbox: events are rows written in the Unit of Work's own
    transaction, so they exist exactly when the change that caused them does.

    Claimed rows are locked with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL. SQLite has no
    row locks: only one dispatcher may claim from a SQLite file at a time (the service
    elects one per file)."""

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

    async def claim(self, limit: int, now: datetime) -> list[OutboxEntry]:
        earlier = outbox.alias("earlier")
        # A locked head is still pending, so the stream's later events wait behind it
        # in every dispatcher: that is what keeps per-stream order.
        earlier_pending = (
            sa.select(earlier.c.position)
            .where(
                earlier.c.stream_id == _o.stream_id,
                earlier.c.position < _o.position,
                _pending(earlier),
            )
            .exists()
        )
        query = (
            sa.select(outbox)
            .where(
                _pending(outbox),
                sa.or_(_o.retry_at.is_(None), _o.retry_at <= now),
                ~earlier_pending,
            )
            .order_by(_o.position)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        result = await self._tx.read(query)
        return [_entry(row) for row in result.mappings()]

    async def mark_delivered(self, positions: Sequence[int], at: datetime) -> None:
        if not positions:
            return
        await self._update_pending(_o.position.in_(positions), delivered_at=at)

    async def schedule_retry(
        self,
        position: int,
        *,
        attempts: int,
        retry_at: datetime,
        error: str,
        delivered_to: frozenset[str],
    ) -> None:
        await self._update_pending(
            _o.position == position,
            attempts=attempts,
            retry_at=retry_at,
            last_error=error,
            delivered_to=joined_handlers(delivered_to),
        )

    async def park(
        self,
        position: int,
        *,
        attempts: int,
        error: str,
        at: datetime,
        delivered_to: frozenset[str],
    ) -> None:
        await self._update_pending(
            _o.position == position,
            attempts=attempts,
            retry_at=None,
            last_error=error,
            parked_at=at,
            delivered_to=joined_handlers(delivered_to),
        )

    async def parked(self, limit: int, after_position: int | None = None) -> list[ParkedEvent]:
        query = sa.select(outbox).where(_o.parked_at.is_not(None))
        if after_position is not None:
            query = query.where(_o.position > after_position)
        result = await self._tx.read(query.order_by(_o.position).limit(limit))
        return [
            ParkedEvent(
                entry=_entry(row), error=row["last_error"] or "", parked_at=row["parked_at"]
            )
            for row in result.mappings()
        ]

    async def requeue(self, position: int, now: datetime) -> bool:
        statement = (
            sa.update(outbox)
            .where(_o.position == position, _o.parked_at.is_not(None))
            .values(parked_at=None, attempts=0, retry_at=now)
        )
        result = await self._tx.write(statement)
        return result.rowcount == 1

    async def lag(self) -> tuple[int, datetime | None]:
        """In one statement: how many events are pending, and when the oldest occurred."""
        query = sa.select(
            sa.func.count().label("n"), sa.func.min(_o.occurred_at).label("oldest")
        ).where(_pending(outbox))
        row = (await self._tx.read(query)).mappings().one()
        return int(row["n"]), row["oldest"]

    async def _update_pending(self, which: sa.ColumnElement[bool], **values: object) -> None:
        # Only pending rows change: an event delivered or parked meanwhile stays so.
        statement = sa.update(outbox).where(which, _pending(outbox)).values(**values)
        await self._tx.write(statement)


def _entry(row: sa.RowMapping) -> OutboxEntry:
    return OutboxEntry(
        position=row["position"],
        event_id=row["event_id"],
        name=row["name"],
        stream_id=row["stream_id"],
        payload=json.loads(row["payload"]),
        occurred_at=row["occurred_at"],
        attempts=row["attempts"],
        delivered_to=split_handlers(row["delivered_to"]),
    )
