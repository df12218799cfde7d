"""The read side on SQLite and PostgreSQL: one statement per call on the lean path.

A call turns its arguments into named values; the names bound (in a fixed order) are
the statement's shape, compiled on first use and reused from then on. Filter terms
are read as ``adapters/query_terms.py`` says, exactly like the in-memory adapter."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.query_terms import matchable, username_term
from adapters.sqlalchemy import post_statements, read_statements
from adapters.sqlalchemy.read_path import LeanReader
from adapters.sqlalchemy.read_rows import RowDecoder
from adapters.sqlalchemy.read_values import Values, add_position, add_viewer, filter_values
from application.content_models import AuthorView, CommentView, PostDetail, PostSummary, TagCount
from application.post_query import Keyset, PostQuery, PostSort
from domain.posts import PostStatus


class SqlPostQueries:
    def __init__(self, engine: AsyncEngine) -> None:
        self._reader = LeanReader(engine)
        self._rows = RowDecoder(self._reader.dialect_name)

    async def close(self) -> None:
        """Close the PostgreSQL read pool (the engine is closed by its owner)."""
        await self._reader.close()

    async def post_by_id(
        self, post_id: uuid.UUID, viewer_id: uuid.UUID | None
    ) -> PostDetail | None:
        return await self._post({"post_id": post_id}, viewer_id)

    async def post_by_slug(self, slug: str, viewer_id: uuid.UUID | None) -> PostDetail | None:
        if not matchable(slug):
            return None
        return await self._post({"slug": slug}, viewer_id)

    async def posts(self, query: PostQuery, viewer_id: uuid.UUID | None) -> list[PostSummary]:
        values = filter_values(query)
        if values is None:
            return []
        add_viewer(values, viewer_id)
        add_position(values, query.after)
        if query.offset:
            values["offset"] = query.offset
        values["limit"] = query.limit
        names = tuple(values)
        oldest = query.sort is PostSort.OLDEST
        statement = self._reader.statement(
            ("posts", oldest, names), lambda: post_statements.post_rows(names, oldest_first=oldest)
        )
        return [self._rows.post(row) for row in await self._reader.fetch(statement, values)]

    async def count_posts(self, query: PostQuery) -> int:
        values = filter_values(query)
        if values is None:
            return 0
        names = tuple(values)
        statement = self._reader.statement(
            ("count", names), lambda: post_statements.post_count(names)
        )
        rows = await self._reader.fetch(statement, values)
        return int(rows[0][0])

    async def tags(self, limit: int) -> list[TagCount]:
        statement = self._reader.statement("tags", read_statements.tag_counts)
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
        add_viewer(values, viewer_id)
        add_position(values, after)
        values["limit"] = limit
        return await self._comments(values)

    async def comment(
        self, comment_id: uuid.UUID, viewer_id: uuid.UUID | None
    ) -> CommentView | None:
        values: Values = {"comment_id": comment_id}
        add_viewer(values, viewer_id)
        found = await self._comments(values)
        return found[0] if found else None

    async def author(self, username: str, viewer_id: uuid.UUID | None) -> AuthorView | None:
        if not matchable(username):
            return None
        values: Values = {"username": username_term(username)}
        add_viewer(values, viewer_id)
        names = tuple(values)
        statement = self._reader.statement(
            ("author", names), lambda: read_statements.author_row(names)
        )
        rows = await self._reader.fetch(statement, values)
        return self._rows.author(rows[0]) if rows else None

    async def _post(self, values: Values, viewer_id: uuid.UUID | None) -> PostDetail | None:
        add_viewer(values, viewer_id)
        names = tuple(values)
        statement = self._reader.statement(
            ("post", names), lambda: post_statements.post_rows(names, detail=True)
        )
        rows = await self._reader.fetch(statement, values)
        return self._rows.post_detail(rows[0]) if rows else None

    async def _comments(self, values: Values) -> list[CommentView]:
        names = tuple(values)
        statement = self._reader.statement(
            ("comments", names), lambda: read_statements.comment_rows(names)
        )
        return [self._rows.comment(row) for row in await self._reader.fetch(statement, values)]
