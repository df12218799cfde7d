"""The ASGI app on SQLite or PostgreSQL, for HTTP tests whose point is what reaches the
database. PostgreSQL runs when INKPORT_TEST_POSTGRES_URL is set (a schema of its own,
migrated once per run and emptied for every test)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from dependency_injector import providers

from adapters.sqlalchemy import create_engine, metadata
from entrypoints.embedded import close, migrate
from tests.e2e.conftest import Api, memory_settings, open_api
from tests.integration.databases import (
    POSTGRES_URL_VARIABLE,
    SqlDatabase,
    create_schema,
    drop_schema,
    empty_tables,
    new_schema_name,
    postgres_url,
)
from tests.integration.databases import migrate as migrate_database

SQL_DATABASES = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


@pytest.fixture(scope="session")
def e2e_postgres() -> Iterator[SqlDatabase]:
    url = postgres_url()
    if url is None:
        pytest.skip(f"{POSTGRES_URL_VARIABLE} not set: PostgreSQL API tests skipped")
    database = SqlDatabase(url, pg_schema=new_schema_name())
    create_schema(url, str(database.pg_schema))
    try:
        migrate_database(database)
        yield database
    finally:
        drop_schema(url, str(database.pg_schema))


@pytest.fixture(params=SQL_DATABASES)
def sql_database(request: pytest.FixtureRequest) -> SqlDatabase | None:
    """The PostgreSQL schema to test on, or ``None`` for a fresh SQLite file. A plain
    function: the session fixture behind it runs outside the test's event loop."""
    if request.param == "sqlite":
        return None
    database: SqlDatabase = request.getfixturevalue("e2e_postgres")
    return database


@asynccontextmanager
async def sql_api(
    database: SqlDatabase | None, tmp_path: Path, **settings: Any
) -> AsyncIterator[Api]:
    """An ``Api`` over an empty, migrated database: ``database``, or SQLite in ``tmp_path``."""
    if database is None:
        url = f"sqlite+aiosqlite:///{tmp_path / 'inkport.db'}"
        client, container, clock = await open_api(memory_settings(database_url=url, **settings))
        await migrate(container)
    else:
        client, container, clock = await open_api(
            memory_settings(database_url=database.url, **settings)
        )
        engine = providers.Singleton(create_engine, database.url, pg_schema=database.pg_schema)
        container.adapters.engine.override(engine)
        await empty_tables(container.adapters.engine())
    try:
        async with client:
            yield Api(client, container, clock)
    finally:
        await close(container)


async def stored_rows(api: Api) -> dict[str, list[str]]:
    """Every row of every table, to show that a refused request changed nothing."""
    rows: dict[str, list[str]] = {}
    async with api.container.adapters.engine().connect() as connection:
        for table in metadata.sorted_tables:
            result = await connection.execute(sa.select(table))
            rows[table.name] = sorted(repr(tuple(row)) for row in result)
    return rows
