"""PostgreSQL reads on asyncpg's own pool.

Checking a connection out of SQLAlchemy's pool costs ~100 µs of CPU (two greenlet
switches and the pool's bookkeeping), several times the ~20 µs of the fetch itself. The
lean read path therefore keeps a small asyncpg pool, opened lazily with exactly the
connection settings of the engine it serves (host, credentials, ``search_path``,
timeouts). No pre-ping: a read that meets a dead connection is simply repeated."""

from __future__ import annotations

import asyncio
import weakref
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.sqlalchemy.hidden_values import hide_values

READ_POOL_SIZE = 10
ACQUIRE_TIMEOUT_SECONDS = 5.0
# After a timed-out fetch asyncpg cancels the statement, over a new connection, before
# the connection may be reused. A server that does not answer would hold the request
# for the whole connect timeout; past this budget the connection is dropped instead.
RELEASE_TIMEOUT_SECONDS = 0.5

_connect_args: weakref.WeakKeyDictionary[Engine, dict[str, Any]] = weakref.WeakKeyDictionary()


async def _keep_session(_connection: Any) -> None:
    """Read connections run single autocommit SELECTs and never change session state
    (no SET, LISTEN, advisory locks or open cursors), so asyncpg's reset on release —
    one more round trip per read — has nothing to undo."""


def remember_connect_args(engine: AsyncEngine, connect_args: dict[str, Any]) -> None:
    """Called by ``create_engine`` so read pools connect exactly as the engine does."""
    _connect_args[engine.sync_engine] = dict(connect_args)


class AsyncpgReadPool:
    def __init__(self, engine: AsyncEngine, size: int = READ_POOL_SIZE) -> None:
        self._engine = engine
        self._size = size
        self._pool: Any = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._opening: asyncio.Lock | None = None

    async def fetch(self, sql: str, args: list[object], time_limit: float) -> list[Any]:
        pool = await self._current_pool()
        connection = await pool.acquire(timeout=ACQUIRE_TIMEOUT_SECONDS)
        try:
            rows: list[Any] = await connection.fetch(sql, *args, timeout=time_limit)
            return rows
        except asyncpg.PostgresError as error:
            hide_values(error)
            raise
        finally:
            await pool.release(connection, timeout=RELEASE_TIMEOUT_SECONDS)

    async def close(self) -> None:
        if self._pool is not None and self._loop is asyncio.get_running_loop():
            await self._pool.close()
        self._pool = self._loop = self._opening = None

    async def _current_pool(self) -> Any:
        loop = asyncio.get_running_loop()
        if self._pool is not None and self._loop is loop:
            return self._pool
        if self._opening is None or self._loop is not loop:
            self._opening, self._loop, self._pool = asyncio.Lock(), loop, None
        async with self._opening:
            if self._pool is None:
                self._pool = await self._create()
        return self._pool

    async def _create(self) -> Any:
        _, options = self._engine.sync_engine.dialect.create_connect_args(self._engine.url)
        options.update(_connect_args.get(self._engine.sync_engine, {}))
        return await asyncpg.create_pool(
            min_size=0, max_size=self._size, reset=_keep_session, **options
        )
