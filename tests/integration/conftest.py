"""The contract suites run every test once per adapter: in-memory, SQLite, PostgreSQL.

PostgreSQL runs only when INKPORT_TEST_POSTGRES_URL is set; then an unreachable server
fails the run instead of quietly skipping it."""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Iterator

import pytest

from adapters.memory import InMemoryDatabase, InMemoryUnitOfWork
from adapters.sqlalchemy import SqlAlchemyUnitOfWork
from application.ports import UnitOfWorkFactory
from tests.integration.databases import (
    POSTGRES_URL_VARIABLE,
    SqlDatabase,
    create_schema,
    drop_schema,
    empty_tables,
    migrate,
    new_schema_name,
    postgres_url,
)

SQL_BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]
BACKENDS = [pytest.param("memory", id="memory"), *SQL_BACKENDS]


@pytest.fixture(scope="session")
def postgres_server() -> str:
    url = postgres_url()
    if url is None:
        pytest.skip(f"{POSTGRES_URL_VARIABLE} not set: PostgreSQL contract tests skipped")
    return url


def _fresh_postgres(url: str) -> SqlDatabase:
    schema = new_schema_name()
    try:
        create_schema(url, schema)
    except Exception as error:
        pytest.fail(
            f"{POSTGRES_URL_VARIABLE}={url} is set but PostgreSQL cannot be used: {error!r}",
            pytrace=False,
        )
    return SqlDatabase(url, pg_schema=schema)


@pytest.fixture(scope="session")
def postgres_database(postgres_server: str) -> Iterator[SqlDatabase]:
    """One migrated schema for the whole run; tests empty its tables."""
    database = _fresh_postgres(postgres_server)
    try:
        migrate(database)
        yield database
    finally:
        drop_schema(postgres_server, str(database.pg_schema))


@pytest.fixture(scope="session")
def sqlite_database(tmp_path_factory: pytest.TempPathFactory) -> SqlDatabase:
    path = tmp_path_factory.mktemp("sqlite") / "inkport.db"
    database = SqlDatabase(f"sqlite+aiosqlite:///{path}")
    migrate(database)
    return database


@pytest.fixture(params=SQL_BACKENDS)
def fresh_sql_database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SqlDatabase]:
    """An empty database without any migration applied."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("fresh") / "inkport.db"
        yield SqlDatabase(f"sqlite+aiosqlite:///{path}")
        return
    server = request.getfixturevalue("postgres_server")
    database = _fresh_postgres(server)
    try:
        yield database
    finally:
        drop_schema(server, str(database.pg_schema))


@pytest.fixture(params=SQL_BACKENDS)
def sql_backend(request: pytest.FixtureRequest) -> SqlDatabase:
    """A migrated SQL database (tests must not rely on what earlier tests left in it)."""
    database: SqlDatabase = request.getfixturevalue(f"{request.param}_database")
    return database


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> SqlDatabase | None:
    """The migrated SQL database under test, or ``None`` for the in-memory adapter.

    A plain function: session fixtures set up here run outside the test's event loop."""
    if request.param == "memory":
        return None
    database: SqlDatabase = request.getfixturevalue(f"{request.param}_database")
    return database


@pytest.fixture
async def uow_factory(backend: SqlDatabase | None) -> AsyncIterator[UnitOfWorkFactory]:
    """A factory of fresh Units of Work over an empty store."""
    if backend is None:
        memory = InMemoryDatabase()
        yield lambda: InMemoryUnitOfWork(memory)
        return
    engine = backend.engine()
    try:
        await empty_tables(engine)
        yield functools.partial(SqlAlchemyUnitOfWork, engine)
    finally:
        await engine.dispose()
