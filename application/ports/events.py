"""Ports of event delivery: the outbox as the dispatcher sees it, the handlers it feeds,
the live-update bus and the notifier (followers, account owners)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Mapping
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

# Positions are stored as 64-bit signed integers (BIGINT): no event has a larger one.
POSITION_MAX = 2**63 - 1


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """One recorded event as the dispatcher gets it. ``position`` grows with every event
    recorded; ``stream_id`` is the post (or followed user) it is about, and events of one
    stream are delivered in position order. ``delivered_to`` names the handlers that
    already took it (a retry skips them)."""

    position: int
    event_id: uuid.UUID
    name: str
    stream_id: uuid.UUID
    payload: Mapping[str, Any]
    occurred_at: datetime
    attempts: int = 0
    delivered_to: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ParkedEvent:
    """An event whose delivery kept failing: kept with its last error for an admin."""

    entry: OutboxEntry
    error: str
    parked_at: datetime


class EventHandler(Protocol):
    """One subscriber of the outbox. ``name`` is stable: it is recorded per event once the
    handler took it, so a retry never hands the same event to it twice on purpose."""

    @property
    def name(self) -> str: ...

    def wants(self, entry: OutboxEntry) -> bool:
        """Cheap filter on ``entry.name``; unwanted events count as delivered."""

    async def handle(self, entry: OutboxEntry) -> None:
        """Deliver; raise to have the event retried later (after a backoff)."""


class EventPublisher(Protocol):
    """Fan-out of live updates to whoever listens on a channel, in this process or (with
    a shared backend) in every process. Fire-and-forget: a message published while nobody
    listens is gone. ``publish`` raises ``ServiceUnavailable`` when the backend is down,
    so the dispatcher retries."""

    async def publish(self, channel: str, message: Mapping[str, Any]) -> None: ...


class EventSubscriber(Protocol):
    def subscribe(
        self, channel: str, *, max_pending: int = 100
    ) -> AbstractAsyncContextManager[AsyncIterator[Mapping[str, Any]]]:
        """Listen on ``channel`` for the duration of the ``async with`` block; messages
        come out in publish order. A subscriber that lets more than ``max_pending``
        messages queue up is cut off (its iterator raises ``SubscriberTooSlow``) so that
        one slow listener never delays the others. The iterator raises
        ``ServiceUnavailable`` when the backend is lost."""


class EventBus(EventPublisher, EventSubscriber, Protocol):
    async def close(self) -> None: ...


class SubscriberTooSlow(Exception):
    """A live listener fell ``max_pending`` messages behind and was dropped."""


@dataclass(frozen=True, slots=True)
class NewPostNotification:
    """Tell one follower that an author they follow published a post. ``notification_id``
    is the same on every retry, so receivers can drop duplicates."""

    notification_id: uuid.UUID
    follower_id: uuid.UUID
    follower_username: str
    author_id: uuid.UUID
    author_username: str
    post_id: uuid.UUID
    slug: str
    title: str
    published_at: datetime


@dataclass(frozen=True, slots=True)
class PasswordChangedNotification:
    """Tell an account's owner that its password was changed (in case it was not them).
    ``notification_id`` is the same on every retry."""

    notification_id: uuid.UUID
    user_id: uuid.UUID
    username: str
    email: str
    changed_at: datetime


Notification = NewPostNotification | PasswordChangedNotification


class Notifier(Protocol):
    async def notify(self, notification: Notification) -> None:
        """Deliver one notification; raise ``NotificationFailed`` when it did not arrive
        (it will be retried through the outbox)."""


class NotificationFailed(Exception):
    """A notification was not accepted by its receiver (timeout, error status)."""
