"""Apply Alembic migrations from code (``inkport migrate``, embedded start-up, tests)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, text
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.sqlalchemy.errors import translated_errors

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

# Any fixed number: concurrent `inkport migrate` runs on one PostgreSQL queue on it.
_PG_MIGRATION_LOCK = 0x1A7C_0001


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, built in code so no ``alembic.ini`` is needed at run time.
    With ``connection``, env.py migrates through it instead of opening its own."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    config.attributes["connection"] = connection
    return config


async def run_migrations(engine: AsyncEngine) -> None:
    """Bring the schema up to the newest revision; a no-op when it already is."""
    # Only failing to connect means "unavailable"; a failing migration is a bug to see.
    with translated_errors(connecting=True):
        connection = await engine.connect()
    try:
        async with connection.begin():
            # Concurrent runs queue up and the later ones find the schema done.
            if connection.dialect.name == "postgresql":
                await connection.execute(
                    text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK}
                )
            elif connection.dialect.name == "sqlite":
                await connection.exec_driver_sql("BEGIN IMMEDIATE")  # the write lock, now
            await connection.run_sync(_upgrade)
    finally:
        await connection.close()


def _upgrade(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), "head")
