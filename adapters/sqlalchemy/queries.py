"""The read side on SQLite and PostgreSQL: one statement per call on the lean path.

A call turns its arguments into named values; the names bound (in a fixed order) are
the statement's shape, compiled on first use and reused from then on. Filter terms
are read as ``adapters/query_terms.py`` says, exactly like the in-memory adapter."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.query_terms import matchable, tag_term, username_term, utc
from adapters.sqlalchemy import read_statements as sql
from adapters.sqlalchemy.read_path import LeanReader
from adapters.sqlalchemy.read_rows import RowDecoder
from adapters.sqlalchemy.search import like_pattern
from application.content_models import AuthorView, CommentView, PostDetail, PostSummary, TagCount
from application.post_query import Keyset, PostQuery, PostSort
from domain.posts import PostStatus

Values = dict[str, object]


class SqlPostQueries:
    def __init__(self, engine: AsyncEngine) -> None:
        self._reader = LeanReader(engine)
        self._rows = RowDecoder(self._reader.dialect_name)

    async def post_by_id(
        self, post_id: uuid.UUID, viewer_id: uuid.UUID | None
    ) -> PostDetail | None:
        return await self._post({"post_id": post_id}, viewer_id)

    async def post_by_slug(self, slug: str, viewer_id: uuid.UUID | None) -> PostDetail | None:
        if not matchable(slug):
            return None
        return await self._post({"slug": slug}, viewer_id)

    async def posts(self, query: PostQuery, viewer_id: uuid.UUID | None) -> list[PostSummary]:
        values = _filter_values(query)
        if values is None:
            return []
        _add_viewer(values, viewer_id)
        _add_position(values, query.after)
        if query.offset:
            values["offset"] = query.offset
        values["limit"] = query.limit
        names = tuple(values)
        oldest = query.sort is PostSort.OLDEST
        statement = self._reader.statement(
            ("posts", oldest, names), lambda: sql.post_rows(names, oldest_first=oldest)
        )
        return [self._rows.post(row) for row in await self._reader.fetch(statement, values)]

    async def count_posts(self, query: PostQuery) -> int:
        values = _filter_values(query)
        if values is None:
            return 0
        names = tuple(values)
        statement = self._reader.statement(("count", names), lambda: sql.post_count(names))
        rows = await self._reader.fetch(statement, values)
        return int(rows[0][0])

    async def tags(self, limit: int) -> list[TagCount]:
        statement = self._reader.statement("tags", sql.tag_counts)
        values: Values = {"status": PostStatus.PUBLISHED.value, "limit": limit}
        rows = await self._reader.fetch(statement, values)
        return [TagCount(tag=tag, posts=int(uses)) for tag, uses in rows]

    async def comments(
        self,
        post_id: uuid.UUID,
        viewer_id: uuid.UUID | None,
        *,
        limit: int,
        after: Keyset | None = None,
    ) -> list[CommentView]:
        values: Values = {"post_id": post_id}
        _add_viewer(values, viewer_id)
        _add_position(values, after)
        values["limit"] = limit
        return await self._comments(values)

    async def comment(
        self, comment_id: uuid.UUID, viewer_id: uuid.UUID | None
    ) -> CommentView | None:
        values: Values = {"comment_id": comment_id}
        _add_viewer(values, viewer_id)
        found = await self._comments(values)
        return found[0] if found else None

    async def author(self, username: str, viewer_id: uuid.UUID | None) -> AuthorView | None:
        if not matchable(username):
            return None
        values: Values = {"username": username_term(username)}
        _add_viewer(values, viewer_id)
        names = tuple(values)
        statement = self._reader.statement(("author", names), lambda: sql.author_row(names))
        rows = await self._reader.fetch(statement, values)
        return self._rows.author(rows[0]) if rows else None

    async def _post(self, values: Values, viewer_id: uuid.UUID | None) -> PostDetail | None:
        _add_viewer(values, viewer_id)
        names = tuple(values)
        statement = self._reader.statement(
            ("post", names), lambda: sql.post_rows(names, detail=True)
        )
        rows = await self._reader.fetch(statement, values)
        return self._rows.post_detail(rows[0]) if rows else None

    async def _comments(self, values: Values) -> list[CommentView]:
        names = tuple(values)
        statement = self._reader.statement(("comments", names), lambda: sql.comment_rows(names))
        return [self._rows.comment(row) for row in await self._reader.fetch(statement, values)]


def _filter_values(query: PostQuery) -> Values | None:
    """The WHERE clause's values, or ``None`` when the query can match nothing (drafts
    asked for outside any draft scope, an unmatchable term)."""
    terms = (query.author, query.tag, query.favorited_by, query.q)
    if not all(matchable(term) for term in terms if term is not None):
        return None
    values: Values = {"status": query.status.value}
    if query.status is PostStatus.DRAFT and not query.drafts.everyone:
        if query.drafts.author_id is None:
            return None
        values["draft_author"] = query.drafts.author_id
    optional: Values = {
        "author": username_term(query.author) if query.author is not None else None,
        "tag": tag_term(query.tag) if query.tag is not None else None,
        "favorited_by": username_term(query.favorited_by) if query.favorited_by else None,
        "followed_by": query.followed_by,
        "q": like_pattern(query.q) if query.q is not None else None,
        "created_after": utc(query.created_after) if query.created_after else None,
        "created_before": utc(query.created_before) if query.created_before else None,
    }
    values.update((name, value) for name, value in optional.items() if value is not None)
    return values


def _add_viewer(values: Values, viewer_id: uuid.UUID | None) -> None:
    if viewer_id is not None:
        values["viewer"] = viewer_id


def _add_position(values: Values, after: Keyset | None) -> None:
    if after is not None:
        values["after_at"] = utc(after.created_at)
        values["after_id"] = after.id
