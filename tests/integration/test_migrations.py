"""The Alembic migrations build exactly the schema the SQL adapters are written against,
on every dialect, and can be undone."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy.engine.interfaces import ReflectedColumn
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.sqlalchemy import metadata, run_migrations
from adapters.sqlalchemy.migrator import alembic_config
from tests.integration.databases import SqlDatabase


@pytest.fixture
async def engine(fresh_sql_database: SqlDatabase) -> AsyncIterator[AsyncEngine]:
    engine = fresh_sql_database.engine()
    yield engine
    await engine.dispose()


def _differences(connection: sa.Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, metadata))


def _tables(connection: sa.Connection) -> set[str]:
    return set(sa.inspect(connection).get_table_names())


def _column(connection: sa.Connection, table: str, name: str) -> ReflectedColumn:
    return next(c for c in sa.inspect(connection).get_columns(table) if c["name"] == name)


def _downgrade_to_base(connection: sa.Connection) -> None:
    command.downgrade(alembic_config(connection), "base")


async def test_the_migrated_schema_matches_the_tables_the_adapters_use(
    engine: AsyncEngine,
) -> None:
    await run_migrations(engine)

    async with engine.connect() as connection:
        assert await connection.run_sync(_differences) == []


async def test_migrating_an_up_to_date_database_changes_nothing(engine: AsyncEngine) -> None:
    await run_migrations(engine)
    await run_migrations(engine)

    async with engine.connect() as connection:
        assert await connection.run_sync(_differences) == []


async def test_migrations_can_be_undone_and_redone(engine: AsyncEngine) -> None:
    await run_migrations(engine)
    async with engine.begin() as connection:
        await connection.run_sync(_downgrade_to_base)
        assert await connection.run_sync(_tables) == {"alembic_version"}

    await run_migrations(engine)

    async with engine.connect() as connection:
        assert await connection.run_sync(_differences) == []


async def test_usernames_sort_in_byte_order_whatever_the_database_locale(
    engine: AsyncEngine,
) -> None:
    # Autogenerate does not compare collations, so this one is checked on its own.
    await run_migrations(engine)

    async with engine.connect() as connection:
        column = await connection.run_sync(_column, "users", "username_canonical")

    expected = "C" if engine.dialect.name == "postgresql" else None
    assert getattr(column["type"], "collation", None) == expected


def test_the_alembic_command_line_migrates_the_database_in_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INKPORT_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    config = Config(str(Path(__file__).parents[2] / "alembic.ini"))

    command.upgrade(config, "head")
    command.check(config)  # raises when the tables differ from the migrated schema
