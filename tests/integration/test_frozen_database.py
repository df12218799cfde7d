"""A PostgreSQL that stops answering in the middle of a Unit of Work (a hung host, a
partition) fails that Unit of Work as an outage within the statement timeout: the
connection was fine at checkout, so only the statement's own limit can end the wait."""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator, Iterator

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.sqlalchemy import SqlAlchemyUnitOfWork, create_engine, run_migrations
from adapters.sqlalchemy.engine import STATEMENT_TIMEOUT_SECONDS
from domain.errors import ServiceUnavailable
from tests.outage_servers import PrivatePostgres, private_postgres

pytestmark = pytest.mark.slow
# The statement limit, plus asyncpg's attempt to cancel on a server that cannot answer.
WITHIN_SECONDS = STATEMENT_TIMEOUT_SECONDS + 4


@pytest.fixture(scope="module")
def postgres() -> Iterator[PrivatePostgres]:
    with private_postgres() as server:
        yield server


@pytest.fixture
async def engine(postgres: PrivatePostgres) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(postgres.url)
    await run_migrations(engine)
    yield engine
    await engine.dispose()


async def read_then_freeze_then_read(engine: AsyncEngine, postgres: PrivatePostgres) -> None:
    async with SqlAlchemyUnitOfWork(engine) as uow:
        assert await uow.posts.get(uuid.uuid4()) is None  # checked out, answering
        with postgres.frozen():
            await uow.posts.get(uuid.uuid4())


async def test_a_unit_of_work_whose_server_stops_answering_fails_as_an_outage_in_time(
    postgres: PrivatePostgres, engine: AsyncEngine
) -> None:
    started = time.monotonic()
    with pytest.raises(ServiceUnavailable):
        await read_then_freeze_then_read(engine, postgres)
    assert time.monotonic() - started < WITHIN_SECONDS


async def test_the_same_engine_serves_again_once_the_server_answers(
    postgres: PrivatePostgres, engine: AsyncEngine
) -> None:
    with postgres.frozen(), pytest.raises(ServiceUnavailable):
        async with SqlAlchemyUnitOfWork(engine) as uow:
            await uow.posts.get(uuid.uuid4())
    async with SqlAlchemyUnitOfWork(engine) as uow:
        assert await uow.posts.get(uuid.uuid4()) is None
