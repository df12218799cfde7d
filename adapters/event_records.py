"""Domain events as the outbox keeps them, the same for every adapter: a name, the
stream (post or user) the event is about, and a JSON payload of every field."""

from __future__ import annotations

import dataclasses
import json
import uuid
from datetime import datetime
from typing import Any

from domain.events import DomainEvent, PostEvent, UserFollowed


@dataclasses.dataclass(frozen=True, slots=True)
class EventRecord:
    """One recorded event, ready for delivery. ``position`` grows with every event
    recorded, so delivering in position order keeps each stream's order."""

    position: int
    event_id: uuid.UUID
    name: str
    stream_id: uuid.UUID
    payload: dict[str, Any]
    occurred_at: datetime


def stream_of(event: DomainEvent) -> uuid.UUID:
    """Live updates and notifications are ordered per post, and per followed user."""
    if isinstance(event, PostEvent):
        return event.post_id
    if isinstance(event, UserFollowed):
        return event.followee_id
    raise TypeError(f"no stream is defined for {event.name}")


def serialised(event: DomainEvent) -> str:
    """Every field of the event as JSON; UUIDs and datetimes (ISO 8601) as strings."""
    fields = {field.name: getattr(event, field.name) for field in dataclasses.fields(event)}
    return json.dumps(fields, default=_as_text)


def _as_text(value: object) -> str:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} has no JSON form in the outbox")
