"""Alembic environment.

Driven two ways: from code (``adapters.sqlalchemy.run_migrations``), which hands over an
open connection in ``config.attributes["connection"]``; or from the ``alembic`` command
line (``alembic revision --autogenerate -m ...``), which connects to
``INKPORT_DATABASE_URL``.
"""

from __future__ import annotations

import asyncio
import os

from alembic import context
from sqlalchemy import Connection

from adapters.sqlalchemy.engine import async_url, create_engine
from adapters.sqlalchemy.tables import metadata

# The service's own default (entrypoints.settings), so a bare `alembic` works locally.
DEFAULT_URL = "sqlite+aiosqlite:///./inkport.db"


def _database_url() -> str:
    return os.environ.get("INKPORT_DATABASE_URL", DEFAULT_URL)


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _migrate_from_url() -> None:
    engine = create_engine(_database_url())
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_migrate)
    finally:
        await engine.dispose()


def _emit_sql() -> None:
    url = async_url(_database_url())
    context.configure(
        url=url,
        target_metadata=metadata,
        literal_binds=True,
        render_as_batch=url.get_backend_name() == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    _emit_sql()
elif (given := context.config.attributes.get("connection")) is not None:
    _migrate(given)
else:
    asyncio.run(_migrate_from_url())
