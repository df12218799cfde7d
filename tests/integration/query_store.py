"""A content store for the read-side contract suites: the write ports to seed it and
the ``PostQueries`` adapter under test, over the same in-memory, SQLite or PostgreSQL
state. Seeding goes through the Units of Work, so every adapter gets the same data."""

from __future__ import annotations

import functools
import itertools
import uuid
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.memory import InMemoryDatabase, InMemoryUnitOfWork
from adapters.memory.queries import InMemoryPostQueries
from adapters.sqlalchemy import SqlAlchemyUnitOfWork
from adapters.sqlalchemy.queries import SqlPostQueries
from application.content_models import AuthorView
from application.ports import UnitOfWorkFactory
from application.ports.queries import PostQueries
from domain.comments import Comment
from domain.posts import Post, PostStatus
from domain.slugs import slugify
from domain.tags import tag_set
from domain.users import User
from tests.integration.databases import SqlDatabase, empty_tables

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
_serial = itertools.count(1)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def post(
    author: User,
    title: str = "A post",
    *,
    created: datetime = T0,
    body: str = "Some body text.",
    tags: Iterable[str] = (),
    published: bool = True,
) -> Post:
    return Post(
        id=uuid.uuid4(),
        author_id=author.id,
        title=title,
        slug=f"{slugify(title)}-{next(_serial)}",
        description=f"About {title}",
        body=body,
        tags=tag_set(tags),
        status=PostStatus.PUBLISHED if published else PostStatus.DRAFT,
        created_at=created,
        updated_at=created + timedelta(seconds=30),
        published_at=created + timedelta(seconds=10) if published else None,
    )


def profile(user: User, *, following: bool) -> AuthorView:
    """How ``user`` should read back, seen by someone who does or does not follow them."""
    image = user.image.value if user.image else None
    return AuthorView(user.username.value, user.full_name, user.bio, image, following)


def comment(on: Post, by: User, *, created: datetime = T0, body: str = "Nice!") -> Comment:
    return Comment(id=uuid.uuid4(), post_id=on.id, author_id=by.id, body=body, created_at=created)


@dataclass(frozen=True)
class Store:
    uow: UnitOfWorkFactory
    queries: PostQueries
    engine: AsyncEngine | None = None

    async def add(self, *items: User | Post | Comment) -> None:
        """Stored in one transaction, in the order given (authors before their posts)."""
        async with self.uow() as uow:
            for item in items:
                if isinstance(item, User):
                    await uow.users.add(item)
                elif isinstance(item, Post):
                    await uow.posts.add(item)
                else:
                    await uow.comments.add(item)
            await uow.commit()

    async def favorite(self, fan: User, *posts: Post) -> None:
        async with self.uow() as uow:
            for favorite in posts:
                await uow.favorites.add(fan.id, favorite.id)
            await uow.commit()

    async def follow(self, follower: User, *followees: User) -> None:
        async with self.uow() as uow:
            for followee in followees:
                await uow.follows.add(follower.id, followee.id)
            await uow.commit()

    async def delete(self, *posts: Post) -> None:
        async with self.uow() as uow:
            for doomed in posts:
                stored = await uow.posts.get(doomed.id)
                assert stored is not None
                await uow.posts.delete(stored)
            await uow.commit()


@asynccontextmanager
async def open_store(backend: SqlDatabase | None) -> AsyncIterator[Store]:
    """An empty store on ``backend`` (``None``: in memory)."""
    if backend is None:
        memory = InMemoryDatabase()
        yield Store(lambda: InMemoryUnitOfWork(memory), InMemoryPostQueries(memory))
        return
    engine = backend.engine()
    queries = SqlPostQueries(engine)
    try:
        await empty_tables(engine)
        yield Store(functools.partial(SqlAlchemyUnitOfWork, engine), queries, engine)
    finally:
        await queries.close()
        await engine.dispose()
