from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Sequence
from datetime import datetime

from adapters.event_records import serialised, stream_of
from adapters.memory.content import ContentJournal, ContentState
from adapters.memory.database import InMemoryDatabase, OutboxRecord
from application.ports.events import OutboxEntry, ParkedEvent
from domain.events import DomainEvent

RecordChange = Callable[[OutboxRecord], OutboxRecord]


class InMemoryEventOutbox:
    """Events join the outbox when their Unit of Work commits, and vanish with it on
    rollback. Entries come out exactly as the SQL outbox gives them, and the delivery
    side behaves as on PostgreSQL: claimed events stay locked until the Unit of Work
    ends and other Units of Work skip them; marks apply on commit.

    Only committed events can be claimed (the dispatcher never claims in the Unit of
    Work that records)."""

    def __init__(self, db: InMemoryDatabase, journal: ContentJournal) -> None:
        self._db = db
        self._journal = journal

    async def add(self, events: Sequence[DomainEvent]) -> None:
        staged = list(events)
        for event in staged:
            serialised(event)  # fail here, as SQL would, on an event JSON cannot hold

        def add(state: ContentState) -> None:
            state.events.extend(staged)

        self._journal.stage(add)

    async def claim(self, limit: int, now: datetime) -> list[OutboxEntry]:
        claimed: list[OutboxEntry] = []
        heads_seen: set[object] = set()
        for record in self._journal.view.outbox_records():
            if len(claimed) >= limit:
                break
            if not record.pending:
                continue
            stream = stream_of(record.event)
            if stream in heads_seen:
                continue  # an earlier pending event of this stream comes first
            heads_seen.add(stream)
            due = record.retry_at is None or record.retry_at <= now
            if due and self._journal.try_lock(("outbox", record.position)):
                claimed.append(_entry(record))
        return claimed

    async def mark_delivered(self, positions: Sequence[int], at: datetime) -> None:
        for position in positions:
            self._change(position, lambda r: dataclasses.replace(r, delivered_at=at))

    async def schedule_retry(
        self,
        position: int,
        *,
        attempts: int,
        retry_at: datetime,
        error: str,
        delivered_to: frozenset[str],
    ) -> None:
        self._change(
            position,
            lambda r: dataclasses.replace(
                r,
                attempts=attempts,
                retry_at=retry_at,
                last_error=error,
                delivered_to=delivered_to,
            ),
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
        self._change(
            position,
            lambda r: dataclasses.replace(
                r,
                attempts=attempts,
                retry_at=None,
                last_error=error,
                parked_at=at,
                delivered_to=delivered_to,
            ),
        )

    async def parked(self, limit: int, after_position: int | None = None) -> list[ParkedEvent]:
        start = after_position if after_position is not None else 0
        found = [
            ParkedEvent(entry=_entry(r), error=r.last_error or "", parked_at=r.parked_at)
            for r in self._journal.view.outbox_records()
            if r.parked_at is not None and r.position > start
        ]
        return found[:limit]

    async def requeue(self, position: int, now: datetime) -> bool:
        record = _find(self._journal.view, position)
        if record is None or record.parked_at is None:
            return False

        def requeue(state: ContentState) -> None:
            current = _find(state, position)
            if current is not None and current.parked_at is not None:
                state.outbox_changes[position] = dataclasses.replace(
                    current, parked_at=None, attempts=0, retry_at=now
                )

        self._journal.stage(requeue)
        return True

    async def lag(self) -> tuple[int, datetime | None]:
        pending = [r.event.occurred_at for r in self._journal.view.outbox_records() if r.pending]
        return len(pending), min(pending, default=None)

    def _change(self, position: int, change: RecordChange) -> None:
        """Change a pending record; one delivered or parked meanwhile stays as it is."""

        def apply(state: ContentState) -> None:
            current = _find(state, position)
            if current is not None and current.pending:
                state.outbox_changes[position] = change(current)

        self._journal.stage(apply)


def _find(state: ContentState, position: int) -> OutboxRecord | None:
    return next((r for r in state.outbox_records() if r.position == position), None)


def _entry(record: OutboxRecord) -> OutboxEntry:
    event = record.event
    return OutboxEntry(
        position=record.position,
        event_id=event.event_id,
        name=event.name,
        stream_id=stream_of(event),
        payload=json.loads(serialised(event)),
        occurred_at=event.occurred_at,
        attempts=record.attempts,
        delivered_to=record.delivered_to,
    )
