from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from adapters.event_records import EventRecord, serialised, stream_of
from adapters.memory.content import ContentJournal, ContentState
from adapters.memory.database import InMemoryDatabase
from domain.events import DomainEvent


class InMemoryEventOutbox:
    """Events join the outbox when their Unit of Work commits, and vanish with it on
    rollback. Records come out exactly as the SQL outbox gives them."""

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

    async def undelivered(self, limit: int) -> list[EventRecord]:
        """For the dispatcher, in a Unit of Work of its own: committed events not yet
        delivered, oldest first."""
        pending = [r for r in self._db.outbox if r.delivered_at is None][:limit]
        return [
            EventRecord(
                position=record.position,
                event_id=record.event.event_id,
                name=record.event.name,
                stream_id=stream_of(record.event),
                payload=json.loads(serialised(record.event)),
                occurred_at=record.event.occurred_at,
            )
            for record in pending
        ]

    async def lag(self) -> tuple[int, datetime | None]:
        """For monitoring: how many committed events wait, and when the oldest occurred."""
        pending = [r.event.occurred_at for r in self._db.outbox if r.delivered_at is None]
        return len(pending), min(pending, default=None)

    async def mark_delivered(self, positions: Sequence[int], at: datetime) -> None:
        """For the dispatcher: these events reached their subscribers (on commit)."""
        marks = dict.fromkeys(positions, at)
        self._journal.stage(lambda state: state.delivered.update(marks))
