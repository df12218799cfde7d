from __future__ import annotations

import uuid

import sqlalchemy as sa

from adapters.sqlalchemy.content_tables import comments
from adapters.sqlalchemy.counters import adjust_count
from adapters.sqlalchemy.transaction import Transaction
from domain.comments import Comment
from domain.errors import CommentNotFound, PostNotFound


class SqlAlchemyCommentRepository:
    def __init__(self, transaction: Transaction) -> None:
        self._tx = transaction

    async def add(self, comment: Comment) -> None:
        # The counter first: it finds out whether the post exists, and its row lock makes
        # a concurrent deletion of the post wait for this comment (or this comment wait).
        if not await adjust_count(self._tx, comment.post_id, "comments_count", +1):
            raise PostNotFound()
        values = {column.name: getattr(comment, column.name) for column in comments.c}
        await self._tx.write(sa.insert(comments).values(values))

    async def get(self, comment_id: uuid.UUID) -> Comment | None:
        result = await self._tx.read(sa.select(comments).where(comments.c.id == comment_id))
        row = result.mappings().first()
        return Comment(**row) if row is not None else None

    async def delete(self, comment: Comment) -> None:
        """``CommentNotFound`` when the comment is gone (a concurrent deletion won): the
        count was taken down, and the event recorded, by that one."""
        result = await self._tx.write(sa.delete(comments).where(comments.c.id == comment.id))
        if result.rowcount != 1:
            raise CommentNotFound()
        await adjust_count(self._tx, comment.post_id, "comments_count", -1)
