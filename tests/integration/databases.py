"""Throw-away SQL databases for the contract tests: a migrated SQLite file, or a
migrated schema of its own inside the PostgreSQL named by INKPORT_TEST_POSTGRES_URL."""

from __future__ import annotations

import asyncio
import os
import uuid
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.sqlalchemy import create_engine, metadata, run_migrations

POSTGRES_URL_VARIABLE = "INKPORT_TEST_POSTGRES_URL"


@dataclass(frozen=True)
class SqlDatabase:
    url: str
    pg_schema: str | None = None

    def engine(self) -> AsyncEngine:
        return create_engine(self.url, pg_schema=self.pg_schema)


def postgres_url() -> str | None:
    return os.environ.get(POSTGRES_URL_VARIABLE) or None


def new_schema_name() -> str:
    return f"inkport_test_{uuid.uuid4().hex[:12]}"


async def _on_server(url: str, sql: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(sa.text(sql))
    finally:
        await engine.dispose()


def create_schema(url: str, schema: str) -> None:
    asyncio.run(_on_server(url, f'CREATE SCHEMA "{schema}"'))


def drop_schema(url: str, schema: str) -> None:
    asyncio.run(_on_server(url, f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))


def migrate(database: SqlDatabase) -> None:
    async def run() -> None:
        engine = database.engine()
        try:
            await run_migrations(engine)
        finally:
            await engine.dispose()

    asyncio.run(run())


async def empty_tables(engine: AsyncEngine) -> None:
    """Cheaper than migrating afresh for every test."""
    async with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            names = ", ".join(table.name for table in metadata.sorted_tables)
            await connection.execute(sa.text(f"TRUNCATE {names}"))
        else:
            for table in reversed(metadata.sorted_tables):
                await connection.execute(table.delete())
