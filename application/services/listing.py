from __future__ import annotations

from dataclasses import replace

from application.content_models import PostPage, TagCount
from application.pagination import CursorCodec, checked_limit
from application.ports.queries import PostQueries
from application.post_query import DraftScope, PostQuery
from application.read_models import Actor
from domain.errors import ValidationFailed
from domain.posts import PostStatus
from domain.users import Role

MAX_OFFSET = 10_000
TAGS_LIMIT = 500


class ListingService:
    """Post lists, the feed and the tag cloud.

    Rules: lists show published posts unless ``status=draft`` is asked for, which shows
    the viewer's own drafts (everyone's for editors and admins; nothing for anonymous
    viewers). Pages are newest first by default and positioned either by an opaque
    keyset cursor (stable while posts come and go) or by ``offset`` (at most 10,000).
    A cursor only works for the list and sort order that issued it."""

    def __init__(self, queries: PostQueries, cursors: CursorCodec) -> None:
        self._queries = queries
        self._cursors = cursors

    async def list_posts(
        self,
        viewer: Actor | None,
        query: PostQuery,
        *,
        cursor: str | None = None,
        include_total: bool = False,
    ) -> PostPage:
        checked_limit(query.limit)
        if not 0 <= query.offset <= MAX_OFFSET:
            raise ValidationFailed("offset", f"offset must be between 0 and {MAX_OFFSET}.")
        if cursor is not None and query.offset:
            raise ValidationFailed("cursor", "Use either cursor or offset, not both.")
        query = replace(query, drafts=_draft_scope(viewer, query.status))
        kind = f"posts:{query.sort}:{query.followed_by or ''}"
        if cursor is not None:
            query = replace(query, after=self._cursors.decode_keyset(kind, cursor))
        viewer_id = viewer.user_id if viewer else None
        rows = await self._queries.posts(replace(query, limit=query.limit + 1), viewer_id)
        items = rows[: query.limit]
        next_cursor = None
        if len(rows) > query.limit and items:
            next_cursor = self._cursors.encode_keyset(kind, items[-1].created_at, items[-1].id)
        total = await self._queries.count_posts(query) if include_total else None
        return PostPage(items=items, next_cursor=next_cursor, total=total)

    async def feed(
        self, actor: Actor, *, limit: int = 20, cursor: str | None = None, offset: int = 0
    ) -> PostPage:
        """Published posts by the authors the actor follows, newest first."""
        query = PostQuery(limit=limit, followed_by=actor.user_id, offset=offset)
        return await self.list_posts(actor, query, cursor=cursor)

    async def tags(self) -> list[TagCount]:
        return await self._queries.tags(TAGS_LIMIT)


def _draft_scope(viewer: Actor | None, status: PostStatus) -> DraftScope:
    if status is PostStatus.PUBLISHED or viewer is None:
        return DraftScope()
    if viewer.role.at_least(Role.EDITOR):
        return DraftScope(everyone=True)
    return DraftScope(author_id=viewer.user_id)
