"""Write-side ports of the blogging core. All run inside a Unit of Work."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Protocol

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


class EventOutbox(Protocol):
    async def add(self, events: Sequence[DomainEvent]) -> None:
        """Record events in the same transaction as the change that caused them, in
        order; they are delivered after commit (at least once)."""
