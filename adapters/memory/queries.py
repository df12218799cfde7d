"""The read side over the in-memory committed state, with the SQL adapter's semantics
(see ``adapters/query_terms.py`` for how filter terms are read)."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import datetime

from adapters.memory.database import InMemoryDatabase
from adapters.memory.query_filters import post_matcher
from adapters.memory.query_views import author_view, comment_view, post_detail, post_summary
from adapters.query_terms import username_term, utc
from application.content_models import AuthorView, CommentView, PostDetail, PostSummary, TagCount
from application.post_query import Keyset, PostQuery, PostSort
from domain.errors import ServiceUnavailable
from domain.posts import Post, PostStatus


class InMemoryPostQueries:
    """Reads only committed state: Units of Work publish their changes at commit."""

    def __init__(self, db: InMemoryDatabase) -> None:
        self._db = db

    async def close(self) -> None:
        """Nothing to release; present so both adapters close alike."""

    async def post_by_id(
        self, post_id: uuid.UUID, viewer_id: uuid.UUID | None
    ) -> PostDetail | None:
        post = self._state().posts.get(post_id)
        return post_detail(self._db, post, viewer_id) if post is not None else None

    async def post_by_slug(self, slug: str, viewer_id: uuid.UUID | None) -> PostDetail | None:
        post = next((p for p in self._state().posts.values() if p.slug == slug), None)
        return post_detail(self._db, post, viewer_id) if post is not None else None

    async def posts(self, query: PostQuery, viewer_id: uuid.UUID | None) -> list[PostSummary]:
        found = self._matching(query)
        newest_first = query.sort is PostSort.NEWEST
        found.sort(key=_position, reverse=newest_first)
        if query.after is not None:
            mark = (utc(query.after.created_at), query.after.id)
            found = [p for p in found if _beyond(_position(p), mark, newest_first=newest_first)]
        page = found[query.offset : query.offset + query.limit]
        return [post_summary(self._db, p, viewer_id) for p in page]

    async def count_posts(self, query: PostQuery) -> int:
        return len(self._matching(query))

    async def tags(self, limit: int) -> list[TagCount]:
        counts = Counter(
            tag.value
            for post in self._state().posts.values()
            if post.status is PostStatus.PUBLISHED
            for tag in post.tags
        )
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return [TagCount(tag=tag, posts=n) for tag, n in ranked[:limit]]

    async def comments(
        self,
        post_id: uuid.UUID,
        viewer_id: uuid.UUID | None,
        *,
        limit: int,
        after: Keyset | None = None,
    ) -> list[CommentView]:
        found = sorted(
            (c for c in self._state().comments.values() if c.post_id == post_id),
            key=lambda c: (c.created_at, c.id),
        )
        if after is not None:
            mark = (utc(after.created_at), after.id)
            found = [c for c in found if (c.created_at, c.id) > mark]
        views = (comment_view(self._db, c, viewer_id) for c in found)
        return [view for view in views if view is not None][:limit]

    async def comment(
        self, comment_id: uuid.UUID, viewer_id: uuid.UUID | None
    ) -> CommentView | None:
        found = self._state().comments.get(comment_id)
        return comment_view(self._db, found, viewer_id) if found is not None else None

    async def author(self, username: str, viewer_id: uuid.UUID | None) -> AuthorView | None:
        wanted = username_term(username)
        for user in self._state().users.values():
            if user.is_active and user.username.canonical == wanted:
                return author_view(self._db, user, viewer_id)
        return None

    def _state(self) -> InMemoryDatabase:
        if not self._db.available:
            raise ServiceUnavailable("The database is unavailable.")
        return self._db

    def _matching(self, query: PostQuery) -> list[Post]:
        db = self._state()
        matches = post_matcher(query, db)
        # Like the SQL join: a post whose author is gone is not listed.
        return [p for p in db.posts.values() if p.author_id in db.users and matches(p)]


def _position(post: Post) -> tuple[datetime, uuid.UUID]:
    return (post.created_at, post.id)


def _beyond(
    position: tuple[datetime, uuid.UUID], mark: tuple[datetime, uuid.UUID], *, newest_first: bool
) -> bool:
    return position < mark if newest_first else position > mark
