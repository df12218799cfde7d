"""Write-side ports of the blogging core. All run inside a Unit of Work."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from application.ports.events import OutboxEntry, ParkedEvent
from domain.comments import Comment
from domain.events import DomainEvent
from domain.posts import Post


class PostRepository(Protocol):
    async def add(self, post: Post) -> None:
        """Stage a new post (and its tags). Raises ``SlugTaken`` when the slug exists."""

    async def get(self, post_id: uuid.UUID) -> Post | None: ...

    async def get_by_slug(self, slug: str) -> Post | None: ...

    async def slug_exists(self, slug: str) -> bool: ...

    async def update(self, post: Post) -> None:
        """Persist changes (tags included) and bump ``post.version``. Raises
        ``EditConflict`` when another transaction changed or deleted the post since it was
        loaded, ``SlugTaken`` when the new slug belongs to another post."""

    async def delete(self, post: Post) -> None:
        """Delete the post with its tags, comments and favourites. Raises ``EditConflict``
        when the post changed since it was loaded."""


class CommentRepository(Protocol):
    async def add(self, comment: Comment) -> None:
        """Stage the comment and add one to its post's ``comments_count``."""

    async def get(self, comment_id: uuid.UUID) -> Comment | None: ...

    async def delete(self, comment: Comment) -> None:
        """Remove the comment and take one from its post's ``comments_count``."""


class FavoriteRepository(Protocol):
    async def add(self, user_id: uuid.UUID, post_id: uuid.UUID) -> bool:
        """Favourite once: ``True`` and ``favorites_count`` + 1 when new, else ``False``
        and nothing changes (also under concurrent duplicates)."""

    async def remove(self, user_id: uuid.UUID, post_id: uuid.UUID) -> bool:
        """``True`` and ``favorites_count`` - 1 when a favourite was removed."""


class FollowRepository(Protocol):
    async def add(self, follower_id: uuid.UUID, followee_id: uuid.UUID) -> bool:
        """``True`` when the follow is new; following twice changes nothing."""

    async def remove(self, follower_id: uuid.UUID, followee_id: uuid.UUID) -> bool: ...

    async def followers(self, followee_id: uuid.UUID) -> list[FollowerRef]:
        """Everyone who follows ``followee_id``, oldest follow first."""


@dataclass(frozen=True, slots=True)
class FollowerRef:
    user_id: uuid.UUID
    username: str


class EventOutbox(Protocol):
    """The transactional outbox. Services only ``add``; the rest is the dispatcher's and
    the admins' side, each call inside a Unit of Work of its own.

    An event is *pending* until it is delivered or parked. Positions grow with every
    event but may have gaps (rolled-back transactions)."""

    async def add(self, events: Sequence[DomainEvent]) -> None:
        """Record events in the same transaction as the change that caused them, in
        order; they are delivered after commit (at least once)."""

    async def claim(self, limit: int, now: datetime) -> list[OutboxEntry]:
        """Up to ``limit`` pending events that are due (``retry_at`` reached), oldest
        first, each the oldest pending event of its stream, so per-stream order holds
        however many dispatchers run. They stay locked until this Unit of Work ends and
        other dispatchers skip them (PostgreSQL: ``FOR UPDATE SKIP LOCKED``)."""

    async def mark_delivered(self, positions: Sequence[int], at: datetime) -> None:
        """Every handler took these events: they are no longer pending."""

    async def schedule_retry(
        self,
        position: int,
        *,
        attempts: int,
        retry_at: datetime,
        error: str,
        delivered_to: frozenset[str],
    ) -> None:
        """A handler failed: try again at ``retry_at``; remember who already took it."""

    async def park(
        self,
        position: int,
        *,
        attempts: int,
        error: str,
        at: datetime,
        delivered_to: frozenset[str],
    ) -> None:
        """Give up (dead-letter): the event stays, with its error, for an admin; later
        events of its stream are no longer held back by it."""

    async def parked(self, limit: int, after_position: int | None = None) -> list[ParkedEvent]:
        """Parked events by position, for admins (keyset: positions after the given one)."""

    async def requeue(self, position: int, now: datetime) -> bool:
        """Make a parked event pending and due again (attempts reset); ``False`` when no
        parked event has that position."""

    async def lag(self) -> tuple[int, datetime | None]:
        """How many events are pending, and when the oldest of them occurred."""
