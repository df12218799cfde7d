"""The read side in an outage: ``ServiceUnavailable``, quickly; and a connection the
server dropped while it sat in the pool costs nobody an error."""

from __future__ import annotations

import asyncio
import uuid

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

from adapters.memory import InMemoryDatabase
from adapters.memory.queries import InMemoryPostQueries
from adapters.sqlalchemy import create_engine
from adapters.sqlalchemy.driver_pool import remember_connect_args
from adapters.sqlalchemy.engine import async_url
from adapters.sqlalchemy.queries import SqlPostQueries
from application.post_query import PostQuery
from domain.errors import ServiceUnavailable
from tests.integration.builders import a_user
from tests.integration.databases import SqlDatabase
from tests.integration.query_store import open_store, post


async def test_the_in_memory_read_side_shares_the_stores_outages() -> None:
    db = InMemoryDatabase(available=False)
    with pytest.raises(ServiceUnavailable):
        await InMemoryPostQueries(db).posts(PostQuery(limit=5), None)


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("postgresql://postgres@127.0.0.1:1/test", id="postgres-closed-port"),
        pytest.param("sqlite:////nonexistent-directory/inkport.db", id="sqlite-missing-directory"),
    ],
)
async def test_an_unreachable_database_makes_reads_unavailable(url: str) -> None:
    engine = create_engine(url)
    try:
        queries = SqlPostQueries(engine)
        async with asyncio.timeout(10):
            with pytest.raises(ServiceUnavailable):
                await queries.post_by_id(uuid.uuid4(), None)
        await queries.close()
    finally:
        await engine.dispose()
        await asyncio.sleep(0.05)  # let aiosqlite's failed worker thread report back


@pytest.mark.postgres
async def test_a_pooled_connection_the_server_dropped_is_replaced_unseen(
    postgres_database: SqlDatabase,
) -> None:
    async with open_store(postgres_database) as store:
        author = a_user("author")
        written = post(author)
        await store.add(author, written)
    # Without pre-ping, so that the read path itself must notice the dead connection.
    name = f"inkport_{uuid.uuid4().hex[:12]}"
    settings = {"search_path": str(postgres_database.pg_schema), "application_name": name}
    engine = create_async_engine(
        async_url(postgres_database.url), connect_args={"server_settings": settings}
    )
    remember_connect_args(engine, {"server_settings": settings})
    queries = SqlPostQueries(engine)
    try:
        assert await queries.post_by_id(written.id, None) is not None
        admin = create_engine(postgres_database.url)
        async with admin.connect() as connection:
            kill = (
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = :n"
            )
            assert (await connection.execute(sa.text(kill), {"n": name})).scalar() is True
        await admin.dispose()
        await asyncio.sleep(0.1)  # let the goodbye reach the client

        assert await queries.post_by_id(written.id, None) is not None
    finally:
        await queries.close()
        await engine.dispose()
