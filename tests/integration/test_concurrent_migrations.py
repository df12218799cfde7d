"""Several deployments starting at once may all run ``inkport migrate``: the runs queue
up and the schema is built once."""

from __future__ import annotations

import asyncio

import sqlalchemy as sa

from adapters.sqlalchemy import run_migrations
from tests.integration.databases import SqlDatabase

RUNS = 4


async def test_migrations_started_together_build_the_schema_once(
    fresh_sql_database: SqlDatabase,
) -> None:
    engines = [fresh_sql_database.engine() for _ in range(RUNS)]
    try:
        await asyncio.gather(*(run_migrations(engine) for engine in engines))
        async with engines[0].connect() as connection:
            versions = (
                await connection.execute(sa.text("SELECT version_num FROM alembic_version"))
            ).all()
            outbox_columns = await connection.run_sync(
                lambda sync: [c["name"] for c in sa.inspect(sync).get_columns("outbox")]
            )
    finally:
        for engine in engines:
            await engine.dispose()
    assert len(versions) == 1
    assert "parked_at" in outbox_columns  # the newest revision was applied
