from __future__ import annotations

import asyncio
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from application.ports import UnitOfWorkFactory
from application.ports.events import NewPostNotification, Notifier, OutboxEntry
from domain.events import PostPublished

NOTIFY_CONCURRENCY = 8


class FollowerNotificationHandler:
    """Outbox handler: when an author publishes, every follower gets one notification.

    Notification ids derive from the event and the follower, so a retried event repeats
    the same ids and receivers can drop duplicates. A failed notification propagates:
    the dispatcher retries the whole event later. An author who no longer exists is
    nobody to tell about, and the event is done."""

    def __init__(self, uow: UnitOfWorkFactory, notifier: Notifier) -> None:
        self._uow = uow
        self._notifier = notifier

    @property
    def name(self) -> str:
        return "follower-notifications"

    def wants(self, entry: OutboxEntry) -> bool:
        return entry.name == PostPublished.__name__

    async def handle(self, entry: OutboxEntry) -> None:
        published = _Published.from_payload(entry.payload)
        async with self._uow() as uow:
            author = await uow.users.get(published.author_id)
            followers = await uow.follows.followers(published.author_id) if author else []
        if author is None:
            return
        notifications = [
            NewPostNotification(
                notification_id=notification_id(entry.event_id, follower.user_id),
                follower_id=follower.user_id,
                follower_username=follower.username,
                author_id=author.id,
                author_username=author.username.value,
                post_id=published.post_id,
                slug=published.slug,
                title=published.title,
                published_at=entry.occurred_at,
            )
            for follower in followers
        ]
        await self._notify_all(notifications)

    async def _notify_all(self, notifications: list[NewPostNotification]) -> None:
        """A few at a time: one slow receiver round trip per follower would hold the
        event's claim for followers x latency. The first failure is raised once all
        have been tried (a retry repeats them all, with the same ids)."""
        slots = asyncio.Semaphore(NOTIFY_CONCURRENCY)

        async def notify(notification: NewPostNotification) -> None:
            async with slots:
                await self._notifier.notify(notification)

        outcomes = await asyncio.gather(*map(notify, notifications), return_exceptions=True)
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome


def notification_id(event_id: uuid.UUID, recipient_id: uuid.UUID) -> uuid.UUID:
    """The same for one event and one recipient, however often it is delivered."""
    return uuid.uuid5(event_id, str(recipient_id))


@dataclass(frozen=True, slots=True)
class _Published:
    """The fields of a recorded ``PostPublished`` payload this handler needs."""

    post_id: uuid.UUID
    author_id: uuid.UUID
    slug: str
    title: str

    @classmethod
    def from_payload(cls, payload: Mapping[str, Any]) -> _Published:
        return cls(
            post_id=uuid.UUID(str(payload["post_id"])),
            author_id=uuid.UUID(str(payload["author_id"])),
            slug=str(payload["slug"]),
            title=str(payload["title"]),
        )
