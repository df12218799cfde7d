"""Read-side ports: ready read models in a constant number of statements per call."""

from __future__ import annotations

import uuid
from typing import Protocol

from application.content_models import AuthorView, CommentView, PostDetail, PostSummary, TagCount
from application.post_query import Keyset, PostQuery


class PostQueries(Protocol):
    """Reads committed data outside any Unit of Work. ``viewer_id`` (``None`` when
    anonymous) decides ``favorited`` and ``following``; it never filters."""

    async def post_by_id(
        self, post_id: uuid.UUID, viewer_id: uuid.UUID | None
    ) -> PostDetail | None:
        """Any status: the caller decides who may see drafts."""

    async def post_by_slug(self, slug: str, viewer_id: uuid.UUID | None) -> PostDetail | None: ...

    async def posts(self, query: PostQuery, viewer_id: uuid.UUID | None) -> list[PostSummary]:
        """At most ``query.limit`` posts matching the query, in its order. One statement,
        whatever the limit."""

    async def count_posts(self, query: PostQuery) -> int:
        """How many posts match the filters (position and limit ignored)."""

    async def tags(self, limit: int) -> list[TagCount]:
        """Tags of published posts with their post counts, most used first, then by name."""

    async def comments(
        self,
        post_id: uuid.UUID,
        viewer_id: uuid.UUID | None,
        *,
        limit: int,
        after: Keyset | None = None,
    ) -> list[CommentView]:
        """Oldest first, starting after ``after``."""

    async def comment(
        self, comment_id: uuid.UUID, viewer_id: uuid.UUID | None
    ) -> CommentView | None: ...

    async def author(self, username: str, viewer_id: uuid.UUID | None) -> AuthorView | None:
        """An active user's public profile (case-insensitive), or ``None``."""
