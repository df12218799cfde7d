"""Favourites and follows: inserts that tolerate duplicates and report whether a row
went in, so of two racing duplicates exactly one counts (see ``insert_unless_present``)."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from adapters.sqlalchemy.content_tables import favorites, follows, posts
from adapters.sqlalchemy.counters import adjust_count
from adapters.sqlalchemy.dialect_insert import insert_unless_present
from adapters.sqlalchemy.tables import users
from adapters.sqlalchemy.transaction import Transaction
from application.ports import Clock
from application.ports.content import FollowerRef
from domain.errors import PostNotFound, ValidationFailed


class SqlAlchemyFavoriteRepository:
    def __init__(self, transaction: Transaction, clock: Clock) -> None:
        self._tx = transaction
        self._clock = clock

    async def add(self, user_id: uuid.UUID, post_id: uuid.UUID) -> bool:
        # INSERT ... SELECT FROM posts: a missing post inserts nothing instead of breaking
        # the foreign key, which would leave a PostgreSQL transaction unusable.
        source = sa.select(
            sa.literal(user_id, sa.Uuid()),
            posts.c.id,
            sa.literal(self._clock.now(), favorites.c.created_at.type),
        ).where(posts.c.id == post_id)
        insert = insert_unless_present(self._tx.connection.dialect.name, favorites)
        statement = insert.from_select(["user_id", "post_id", "created_at"], source)
        result = await self._tx.write(statement)
        if result.rowcount == 1:
            await adjust_count(self._tx, post_id, "favorites_count", +1)
            return True
        exists = await self._tx.read(sa.select(posts.c.id).where(posts.c.id == post_id))
        if exists.first() is None:
            raise PostNotFound()
        return False

    async def remove(self, user_id: uuid.UUID, post_id: uuid.UUID) -> bool:
        statement = sa.delete(favorites).where(
            favorites.c.user_id == user_id, favorites.c.post_id == post_id
        )
        result = await self._tx.write(statement)
        if result.rowcount != 1:
            return False
        await adjust_count(self._tx, post_id, "favorites_count", -1)
        return True


class SqlAlchemyFollowRepository:
    def __init__(self, transaction: Transaction, clock: Clock) -> None:
        self._tx = transaction
        self._clock = clock

    async def add(self, follower_id: uuid.UUID, followee_id: uuid.UUID) -> bool:
        if follower_id == followee_id:
            # Checked here rather than left to the check constraint: a violation would
            # end a PostgreSQL transaction, and every adapter raises the same error.
            raise ValidationFailed("username", "You cannot follow yourself.")
        insert = insert_unless_present(self._tx.connection.dialect.name, follows)
        values = {
            "follower_id": follower_id,
            "followee_id": followee_id,
            "created_at": self._clock.now(),
        }
        result = await self._tx.write(insert.values(values))
        return result.rowcount == 1

    async def remove(self, follower_id: uuid.UUID, followee_id: uuid.UUID) -> bool:
        statement = sa.delete(follows).where(
            follows.c.follower_id == follower_id, follows.c.followee_id == followee_id
        )
        result = await self._tx.write(statement)
        return result.rowcount == 1

    async def followers(self, followee_id: uuid.UUID) -> list[FollowerRef]:
        query = (
            sa.select(users.c.id, users.c.username)
            .join(follows, follows.c.follower_id == users.c.id)
            .where(follows.c.followee_id == followee_id)
            .order_by(follows.c.created_at, follows.c.follower_id)
        )
        result = await self._tx.read(query)
        return [FollowerRef(user_id=row.id, username=row.username) for row in result]
