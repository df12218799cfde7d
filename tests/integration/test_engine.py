"""Engine set-up: the drivers chosen from a URL, and SQLite's per-connection settings."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from adapters.sqlalchemy import create_engine


@pytest.mark.parametrize(
    ("url", "driver"),
    [
        ("postgresql://u@db/inkport", "postgresql+asyncpg"),
        ("postgres://u@db/inkport", "postgresql+asyncpg"),
        ("postgresql+asyncpg://u@db/inkport", "postgresql+asyncpg"),
        ("sqlite:///inkport.db", "sqlite+aiosqlite"),
        ("sqlite+aiosqlite:///inkport.db", "sqlite+aiosqlite"),
    ],
)
async def test_plain_urls_get_the_async_driver(url: str, driver: str) -> None:
    engine = create_engine(url)
    try:
        assert engine.url.drivername == driver
    finally:
        await engine.dispose()


def test_a_database_without_an_async_adapter_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported database URL"):
        create_engine("mysql://u@db/inkport")


async def test_sqlite_connections_use_wal_and_enforce_foreign_keys(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'inkport.db'}")
    try:
        async with engine.connect() as connection:
            settings = {
                pragma: (await connection.exec_driver_sql(f"PRAGMA {pragma}")).scalar()
                for pragma in ("journal_mode", "synchronous", "busy_timeout", "foreign_keys")
            }
    finally:
        await engine.dispose()

    # synchronous: 1 is NORMAL.
    assert settings == {
        "journal_mode": "wal",
        "synchronous": 1,
        "busy_timeout": 5000,
        "foreign_keys": 1,
    }


async def test_an_in_memory_sqlite_database_works_too() -> None:
    engine = create_engine("sqlite://")
    try:
        async with engine.connect() as connection:
            assert (await connection.execute(sa.text("SELECT 1"))).scalar() == 1
    finally:
        await engine.dispose()
