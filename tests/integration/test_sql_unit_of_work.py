"""Behaviour of the SQL Unit of Work beyond the shared contract: misuse is loud, and a
connection the server drops turns into ServiceUnavailable, then heals."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.sqlalchemy import SqlAlchemyUnitOfWork
from domain.errors import ServiceUnavailable
from tests.integration.databases import SqlDatabase


@pytest.fixture
async def engine(sql_backend: SqlDatabase) -> AsyncIterator[AsyncEngine]:
    engine = sql_backend.engine()
    yield engine
    await engine.dispose()


@pytest.fixture
async def pg_engine(postgres_database: SqlDatabase) -> AsyncIterator[AsyncEngine]:
    engine = postgres_database.engine()
    yield engine
    await engine.dispose()


async def _backend_pid(uow: SqlAlchemyUnitOfWork) -> int:
    # Test-only peek at the connection, to know which server process to kill.
    result = await uow._tx.connection.execute(sa.text("SELECT pg_backend_pid()"))
    return int(result.scalar_one())


async def _terminate(database: SqlDatabase, pid: int) -> None:
    # Its own engine: from the pool under test it could pick the very connection to kill.
    engine = database.engine()
    try:
        async with engine.connect() as connection:
            # The timeout makes the call wait until the process is really gone.
            await connection.execute(
                sa.text("SELECT pg_terminate_backend(:pid, 5000)"), {"pid": pid}
            )
    finally:
        await engine.dispose()


async def test_a_unit_of_work_serves_only_one_block(engine: AsyncEngine) -> None:
    uow = SqlAlchemyUnitOfWork(engine)
    async with uow:
        pass

    with pytest.raises(RuntimeError, match="one block"):
        async with uow:
            pass


async def test_repositories_refuse_to_work_outside_the_block(engine: AsyncEngine) -> None:
    uow = SqlAlchemyUnitOfWork(engine)

    with pytest.raises(RuntimeError, match="async with"):
        await uow.users.get(uuid.uuid4())


@pytest.mark.postgres
async def test_a_connection_lost_inside_a_unit_of_work_is_unavailable_then_heals(
    pg_engine: AsyncEngine, postgres_database: SqlDatabase
) -> None:
    with pytest.raises(ServiceUnavailable):  # noqa: PT012 (the loss happens mid-block)
        async with SqlAlchemyUnitOfWork(pg_engine) as uow:
            await _terminate(postgres_database, await _backend_pid(uow))
            await uow.users.get(uuid.uuid4())

    async with SqlAlchemyUnitOfWork(pg_engine) as uow:
        assert await uow.users.get(uuid.uuid4()) is None


@pytest.mark.postgres
async def test_a_pooled_connection_the_server_dropped_is_replaced_unnoticed(
    pg_engine: AsyncEngine, postgres_database: SqlDatabase
) -> None:
    async with SqlAlchemyUnitOfWork(pg_engine) as uow:
        pid = await _backend_pid(uow)
    await _terminate(postgres_database, pid)

    async with SqlAlchemyUnitOfWork(pg_engine) as uow:
        assert await uow.users.get(uuid.uuid4()) is None
        assert await _backend_pid(uow) != pid
