"""The SQL posts repository keeps ``post_tags`` (what tag filters and counts read) in step
with the post's own tags through every write."""

from __future__ import annotations

import functools
import uuid
from collections.abc import AsyncIterator

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.sqlalchemy import SqlAlchemyUnitOfWork
from adapters.sqlalchemy.content_tables import post_tags, posts
from application.ports import UnitOfWorkFactory
from domain.tags import Tag
from tests.integration.builders import LATER
from tests.integration.content_builders import an_author_with_a_post, commit_after, stored_post
from tests.integration.databases import SqlDatabase, empty_tables


@pytest.fixture
async def engine(sql_backend: SqlDatabase) -> AsyncIterator[AsyncEngine]:
    engine = sql_backend.engine()
    await empty_tables(engine)
    yield engine
    await engine.dispose()


@pytest.fixture
def uow_factory(engine: AsyncEngine) -> UnitOfWorkFactory:
    return functools.partial(SqlAlchemyUnitOfWork, engine)


async def _tag_rows(engine: AsyncEngine, post_id: uuid.UUID) -> list[str]:
    query = sa.select(post_tags.c.tag).where(post_tags.c.post_id == post_id)
    async with engine.connect() as connection:
        return sorted((await connection.execute(query)).scalars())


async def _tags_column(engine: AsyncEngine, post_id: uuid.UUID) -> str:
    async with engine.connect() as connection:
        query = sa.select(posts.c.tags).where(posts.c.id == post_id)
        return str((await connection.execute(query)).scalar_one())


async def test_tags_are_stored_as_rows_and_as_sorted_comma_joined_text(
    engine: AsyncEngine, uow_factory: UnitOfWorkFactory
) -> None:
    _, post = await an_author_with_a_post(uow_factory)

    assert await _tag_rows(engine, post.id) == ["async", "python", "web"]
    assert await _tags_column(engine, post.id) == "async,python,web"


async def test_an_update_replaces_the_tag_rows_and_clearing_them_leaves_none(
    engine: AsyncEngine, uow_factory: UnitOfWorkFactory
) -> None:
    _, post = await an_author_with_a_post(uow_factory)
    loaded = await stored_post(uow_factory, post.id)
    loaded.edit(now=LATER, tags=(Tag("python"), Tag("rust")))
    async with uow_factory() as uow:
        await commit_after(uow, uow.posts.update(loaded))
    assert await _tag_rows(engine, post.id) == ["python", "rust"]

    loaded.edit(now=LATER, tags=())
    async with uow_factory() as uow:
        await commit_after(uow, uow.posts.update(loaded))
    assert await _tag_rows(engine, post.id) == []
    assert await _tags_column(engine, post.id) == ""


async def test_deleting_a_post_deletes_its_tag_rows(
    engine: AsyncEngine, uow_factory: UnitOfWorkFactory
) -> None:
    _, post = await an_author_with_a_post(uow_factory)
    async with uow_factory() as uow:
        await commit_after(uow, uow.posts.delete(await stored_post(uow_factory, post.id)))

    assert await _tag_rows(engine, post.id) == []
