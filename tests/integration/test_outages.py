"""A database that cannot be reached surfaces as ``ServiceUnavailable``, quickly."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.sqlalchemy import (
    SqlAlchemyUnitOfWork,
    check_database,
    create_engine,
    run_migrations,
)
from domain.errors import ServiceUnavailable
from tests.integration.databases import SqlDatabase

# Nothing listens on port 1: the connection is refused at once.
UNREACHABLE_URLS = [
    pytest.param("postgresql://postgres@127.0.0.1:1/test", id="postgres-closed-port"),
    pytest.param("sqlite:////nonexistent-directory/inkport.db", id="sqlite-missing-directory"),
]
QUICKLY_SECONDS = 10


@pytest.fixture(params=UNREACHABLE_URLS)
async def unreachable(request: pytest.FixtureRequest) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(request.param)
    yield engine
    await engine.dispose()
    # aiosqlite stops the worker thread of a failed connection without awaiting it; let
    # the thread report back before the test's event loop closes under it.
    await asyncio.sleep(0.05)


async def test_a_unit_of_work_on_an_unreachable_database_is_unavailable_quickly(
    unreachable: AsyncEngine,
) -> None:
    started = time.monotonic()

    with pytest.raises(ServiceUnavailable):
        async with SqlAlchemyUnitOfWork(unreachable) as uow:
            await uow.users.get_by_username("alice")

    assert time.monotonic() - started < QUICKLY_SECONDS


async def test_the_health_check_reports_an_unreachable_database(
    unreachable: AsyncEngine,
) -> None:
    started = time.monotonic()

    with pytest.raises(ServiceUnavailable):
        await check_database(unreachable)

    assert time.monotonic() - started < QUICKLY_SECONDS


async def test_the_health_check_passes_on_a_reachable_database(
    fresh_sql_database: SqlDatabase,
) -> None:
    engine = fresh_sql_database.engine()
    try:
        await check_database(engine)
    finally:
        await engine.dispose()


async def test_migrating_an_unreachable_database_is_unavailable(
    unreachable: AsyncEngine,
) -> None:
    with pytest.raises(ServiceUnavailable):
        await run_migrations(unreachable)
