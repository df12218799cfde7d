"""Domain events as the outbox keeps them, the same for every adapter: a name, the
stream (post or user) the event is about, a JSON payload of every field, and the names
of the handlers that already took the event. They come out as
``application.ports.events.OutboxEntry``."""

from __future__ import annotations

import dataclasses
import json
import uuid
from datetime import datetime

from domain.events import DomainEvent, PasswordChanged, PostEvent, UserFollowed


def stream_of(event: DomainEvent) -> uuid.UUID:
    """Live updates and notifications are ordered per post, per followed user, and per
    account for changes to the account itself."""
    if isinstance(event, PostEvent):
        return event.post_id
    if isinstance(event, UserFollowed):
        return event.followee_id
    if isinstance(event, PasswordChanged):
        return event.user_id
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


def joined_handlers(names: frozenset[str]) -> str:
    """Handler names as stored: sorted, comma-joined (a name never holds a comma)."""
    if any("," in name for name in names):
        raise ValueError(f"handler names may not contain ',': {sorted(names)}")
    return ",".join(sorted(names))


def split_handlers(stored: str) -> frozenset[str]:
    return frozenset(name for name in stored.split(",") if name)
