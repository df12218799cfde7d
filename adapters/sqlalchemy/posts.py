from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa

from adapters.sqlalchemy.content_tables import post_tags, posts
from adapters.sqlalchemy.dialect_insert import insert_unless_present
from adapters.sqlalchemy.transaction import Transaction
from domain.errors import EditConflict
from domain.posts import Post, PostStatus
from domain.tags import Tag

_p = posts.c


class SqlAlchemyPostRepository:
    """``posts.tags`` (sorted, comma-joined) serves reads; ``post_tags`` serves the tag
    filter and counts. Every write here keeps the two in step."""

    def __init__(self, transaction: Transaction) -> None:
        self._tx = transaction

    async def add(self, post: Post) -> None:
        # In a savepoint: after SlugTaken the caller retries with another slug.
        await self._tx.write(sa.insert(posts).values(_columns(post)), may_conflict=True)
        await self._write_tags(post, replacing=False)

    async def get(self, post_id: uuid.UUID) -> Post | None:
        return await self._one(_p.id == post_id)

    async def get_by_slug(self, slug: str) -> Post | None:
        return await self._one(_p.slug == slug)

    async def slug_exists(self, slug: str) -> bool:
        result = await self._tx.read(sa.select(_p.id).where(_p.slug == slug))
        return result.first() is not None

    async def update(self, post: Post) -> None:
        # The version check and the write are one statement. A concurrent editor's UPDATE
        # waits for our commit (row lock; on SQLite, the writer gate), then matches no row.
        # The counters are left alone: favourites and comments change them, not edits.
        columns = _columns(post)
        for kept in ("id", "author_id", "created_at", "favorites_count", "comments_count"):
            del columns[kept]
        columns["version"] = _p.version + 1
        statement = (
            sa.update(posts).where(_p.id == post.id, _p.version == post.version).values(columns)
        )
        result = await self._tx.write(statement, may_conflict=True)
        if result.rowcount != 1:
            raise EditConflict()
        await self._write_tags(post, replacing=True)
        post.version += 1

    async def delete(self, post: Post) -> None:
        """Tags, comments and favourites go with the post (ON DELETE CASCADE)."""
        statement = sa.delete(posts).where(_p.id == post.id, _p.version == post.version)
        result = await self._tx.write(statement)
        if result.rowcount != 1:
            raise EditConflict()

    async def _write_tags(self, post: Post, *, replacing: bool) -> None:
        tags = sorted({tag.value for tag in post.tags})
        if replacing:
            stale = sa.delete(post_tags).where(
                post_tags.c.post_id == post.id, post_tags.c.tag.not_in(tags)
            )
            await self._tx.write(stale)
        if tags:
            # Tags the post keeps are already there; only new ones are inserted.
            insert = insert_unless_present(self._tx.connection.dialect.name, post_tags)
            rows = [{"post_id": post.id, "tag": tag} for tag in tags]
            await self._tx.write(insert.values(rows))

    async def _one(self, condition: sa.ColumnElement[bool]) -> Post | None:
        result = await self._tx.read(sa.select(posts).where(condition))
        row = result.mappings().first()
        return _post(row) if row is not None else None


def _columns(post: Post) -> dict[str, Any]:
    return {
        "id": post.id,
        "author_id": post.author_id,
        "slug": post.slug,
        "title": post.title,
        "description": post.description,
        "body": post.body,
        "tags": ",".join(sorted({tag.value for tag in post.tags})),
        "status": post.status.value,
        "created_at": post.created_at,
        "updated_at": post.updated_at,
        "published_at": post.published_at,
        "version": post.version,
        "favorites_count": post.favorites_count,
        "comments_count": post.comments_count,
    }


def _post(row: sa.RowMapping) -> Post:
    return Post(
        id=row["id"],
        author_id=row["author_id"],
        title=row["title"],
        slug=row["slug"],
        description=row["description"],
        body=row["body"],
        tags=tuple(Tag(value) for value in row["tags"].split(",") if value),
        status=PostStatus(row["status"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        published_at=row["published_at"],
        version=row["version"],
        favorites_count=row["favorites_count"],
        comments_count=row["comments_count"],
    )
