from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from application.ports.events import ParkedEvent


class ParkedEventResponse(BaseModel):
    position: int = Field(description="Where the event stands in the outbox; requeue by it.")
    event_id: uuid.UUID
    name: str = Field(examples=["PostPublished"])
    stream_id: uuid.UUID = Field(description="The post (or followed user) it is about.")
    occurred_at: datetime
    attempts: int = Field(description="Failed deliveries before it was parked.")
    error: str = Field(description="The last delivery error.")
    parked_at: datetime
    payload: dict[str, Any]

    @classmethod
    def of(cls, parked: ParkedEvent) -> ParkedEventResponse:
        entry = parked.entry
        return cls(
            position=entry.position,
            event_id=entry.event_id,
            name=entry.name,
            stream_id=entry.stream_id,
            occurred_at=entry.occurred_at,
            attempts=entry.attempts,
            error=parked.error,
            parked_at=parked.parked_at,
            payload=dict(entry.payload),
        )


class ParkedEventPage(BaseModel):
    items: list[ParkedEventResponse]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end."
    )
