"""PostgreSQL errors never carry the values of the statement that failed: not in
SQLAlchemy's parameters, the driver's message nor its DETAIL, on the engine and on the
lean read pool alike."""

from __future__ import annotations

import traceback

import asyncpg  # type: ignore[import-untyped]
import pytest
import sqlalchemy as sa
from sqlalchemy import exc

from adapters.sqlalchemy.driver_pool import AsyncpgReadPool
from tests.integration.databases import SqlDatabase

pytestmark = pytest.mark.postgres

# Built, not spelled out: a traceback quotes the source line that raised.
SECRET = "-".join(("secret", "address@example.com"))


def _printed(error: BaseException) -> str:
    return "".join(traceback.format_exception(error))


async def test_an_argument_the_read_pool_refuses_is_not_quoted(
    postgres_database: SqlDatabase,
) -> None:
    engine = postgres_database.engine()
    pool = AsyncpgReadPool(engine)
    try:
        with pytest.raises(asyncpg.DataError) as refused:
            await pool.fetch("SELECT $1::uuid", [SECRET], 5.0)
    finally:
        await pool.close()
        await engine.dispose()
    assert SECRET not in _printed(refused.value) and "values hidden" in _printed(refused.value)


@pytest.mark.parametrize(
    "statement",
    [
        "SELECT CAST(:value AS uuid)",  # the driver quotes the argument it cannot encode
        "INSERT INTO failing (a, b) VALUES (:value, NULL)",  # DETAIL: Failing row contains
    ],
)
async def test_a_failed_statement_through_the_engine_shows_no_value(
    postgres_database: SqlDatabase, statement: str
) -> None:
    engine = postgres_database.engine()
    try:
        async with engine.connect() as connection:
            await connection.execute(sa.text("CREATE TEMP TABLE failing (a text, b text NOT NULL)"))
            with pytest.raises(exc.DBAPIError) as failed:
                await connection.execute(sa.text(statement), {"value": SECRET})
    finally:
        await engine.dispose()
    printed = _printed(failed.value)
    assert SECRET not in printed
    assert "hide_parameters=True" in printed
