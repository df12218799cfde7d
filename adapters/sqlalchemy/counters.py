"""Kept counters on ``posts``, changed in place by the database (``count = count + 1``):
concurrent changes add up, and the post's ``version`` stays put, so counting never
conflicts with an edit."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from adapters.sqlalchemy.content_tables import posts
from adapters.sqlalchemy.transaction import Transaction


async def adjust_count(tx: Transaction, post_id: uuid.UUID, column: str, by: int) -> bool:
    """``False`` when the post does not exist."""
    counter = posts.c[column]
    statement = sa.update(posts).where(posts.c.id == post_id).values({counter: counter + by})
    result = await tx.write(statement)
    return result.rowcount == 1
