"""The lean PostgreSQL read pool never quotes an argument in an error message."""

from __future__ import annotations

import traceback

import asyncpg  # type: ignore[import-untyped]
import pytest

from adapters.sqlalchemy.driver_pool import AsyncpgReadPool
from tests.integration.databases import SqlDatabase


@pytest.mark.postgres
async def test_an_argument_the_driver_refuses_is_not_quoted_in_the_error(
    postgres_database: SqlDatabase,
) -> None:
    secret = "-".join(("secret", "address@example.com"))  # not spelled out in a traceback
    engine = postgres_database.engine()
    pool = AsyncpgReadPool(engine)
    try:
        with pytest.raises(asyncpg.DataError) as refused:
            await pool.fetch("SELECT $1::uuid", [secret], 5.0)
    finally:
        await pool.close()
        await engine.dispose()
    printed = "".join(traceback.format_exception(refused.value))
    assert secret not in printed
    assert "invalid query argument (value hidden)" in printed
