"""Load a data set into fresh bench databases: a dedicated PostgreSQL database (dropped
and created each run) and a SQLite file. The schema comes from the migrations; rows go
in with bulk Core inserts, straight into the tables (seconds, not the minutes the use
cases would take)."""

from __future__ import annotations

from pathlib import Path

import asyncpg  # type: ignore[import-untyped]
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.security import Argon2PasswordHasher
from adapters.sqlalchemy import content_tables, create_engine, run_migrations, tables
from bench.dataset import BENCH_PASSWORD, Dataset

CHUNK = 2000
_TABLES = {
    table.name: table
    for table in (
        tables.users,
        content_tables.posts,
        content_tables.post_tags,
        content_tables.comments,
        content_tables.favorites,
        content_tables.follows,
    )
}


async def password_hash() -> str:
    """One real Argon2 hash (default cost), shared by every seeded user."""
    return await Argon2PasswordHasher().hash(BENCH_PASSWORD)


async def recreate_postgres(admin_url: str, database: str) -> str:
    """Drop and create ``database`` on the server of ``admin_url``; its SQLAlchemy URL."""
    url = make_url(admin_url).set(drivername="postgresql")
    connection = await asyncpg.connect(url.render_as_string(hide_password=False))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{database}"')
    finally:
        await connection.close()
    bench = url.set(drivername="postgresql+asyncpg", database=database)
    return bench.render_as_string(hide_password=False)


def sqlite_url(path: Path) -> str:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite+aiosqlite:///{path}"


async def load(url: str, data: Dataset) -> None:
    """Migrate a fresh database to head and insert ``data``."""
    engine = create_engine(url)
    try:
        await run_migrations(engine)
        async with engine.begin() as connection:
            present = await connection.run_sync(lambda sync: sa.inspect(sync).get_table_names())
            if missing := sorted(_TABLES.keys() - set(present)):
                raise RuntimeError(f"the migrations create no table {', '.join(missing)} (yet)")
            for name, rows in data.tables():
                table = _TABLES[name]
                for start in range(0, len(rows), CHUNK):
                    await connection.execute(sa.insert(table), rows[start : start + CHUNK])
        await _analyze(engine)
    finally:
        await engine.dispose()


async def _analyze(engine: AsyncEngine) -> None:
    """Planner statistics, as autovacuum (PostgreSQL) or ``PRAGMA optimize`` would leave."""
    async with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.exec_driver_sql("VACUUM ANALYZE")
        else:
            await connection.exec_driver_sql("ANALYZE")
            await connection.commit()
