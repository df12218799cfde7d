"""The lean read path: Core statements compiled once, run on the driver connection.

SQLAlchemy's execution layer costs ~0.4 ms of CPU per statement; a driver fetch costs
a fifth of that. So reads compile their statement once per shape (the names of the
parameters bound), keep the SQL text and the order of its positional parameters, and
send both straight to asyncpg (``$n``) or aiosqlite (``?``)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import PoolProxiedConnection
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.util import greenlet_spawn

from adapters.sqlalchemy.driver_errors import lost_connection, translated_driver_errors
from adapters.sqlalchemy.driver_pool import AsyncpgReadPool
from adapters.sqlalchemy.errors import translated_errors
from adapters.sqlalchemy.search import SQLITE_LOWER, python_lower
from adapters.sqlalchemy.statement_counter import record_statement

Row = Sequence[Any]
Processor = Callable[[Any], Any]
# A read that takes longer is an outage to report (503), not a wait to prolong: list
# and detail reads are indexed and take milliseconds.
READ_TIMEOUT_SECONDS = 5.0


class LeanStatement:
    """SQL text plus, per positional parameter, the name of the value it takes and
    SQLAlchemy's bind processor for its type (e.g. aware datetimes to SQLite's text
    format). Parameters SQLAlchemy adds by itself (SQLite's ``OFFSET 0`` after a
    ``LIMIT``) carry their own value, processed once here."""

    __slots__ = ("_binds", "sql")

    def __init__(self, statement: ClauseElement, dialect: Dialect) -> None:
        compiled = statement.compile(dialect=dialect)
        assert isinstance(compiled, SQLCompiler)
        self.sql = str(compiled)
        self._binds: list[tuple[str | None, Processor | None, object]] = []
        for name in compiled.positiontup or ():
            bind = compiled.binds[name]
            process = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if bind.required:
                self._binds.append((name, process, None))
            else:
                self._binds.append((None, None, process(bind.value) if process else bind.value))

    def arguments(self, values: Mapping[str, object]) -> list[object]:
        return [
            constant if name is None else values[name] if process is None else process(values[name])
            for name, process, constant in self._binds
        ]


class LeanReader:
    """One pool checkout and one driver fetch per ``fetch``: from asyncpg's own pool on
    PostgreSQL (see ``driver_pool``), from the engine's pool on SQLite."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._dialect = engine.sync_engine.dialect
        self.dialect_name = self._dialect.name
        self._statements: dict[Hashable, LeanStatement] = {}
        self._asyncpg = AsyncpgReadPool(engine) if self.dialect_name == "postgresql" else None

    async def close(self) -> None:
        if self._asyncpg is not None:
            await self._asyncpg.close()

    def statement(self, shape: Hashable, build: Callable[[], ClauseElement]) -> LeanStatement:
        found = self._statements.get(shape)
        if found is None:
            found = self._statements[shape] = LeanStatement(build(), self._dialect)
        return found

    async def fetch(self, statement: LeanStatement, values: Mapping[str, object]) -> list[Row]:
        arguments = statement.arguments(values)
        record_statement()
        with translated_driver_errors():
            try:
                return await self._fetch_once(statement.sql, arguments)
            except Exception as error:
                if not lost_connection(error):
                    raise
            # The server dropped a connection while it sat in the pool: a read is safe
            # to repeat, so try once more on a fresh one before calling it an outage.
            return await self._fetch_once(statement.sql, arguments)

    async def _fetch_once(self, sql: str, arguments: list[object]) -> list[Row]:
        if self._asyncpg is not None:
            with translated_errors(connecting=True):
                return await self._asyncpg.fetch(sql, arguments, READ_TIMEOUT_SECONDS)
        with translated_errors(connecting=True):
            pooled = await self._engine.raw_connection()
        invalidated = False
        try:
            return await self._run(pooled, sql, arguments)
        except Exception as error:
            if lost_connection(error):
                invalidated = True  # which also hands the connection's slot back
                await greenlet_spawn(pooled.invalidate, error)
            raise
        finally:
            if not invalidated:
                # In a greenlet even when nothing needs rolling back: an overflow
                # connection is closed on check-in, and closing one awaits.
                await greenlet_spawn(pooled.close)

    async def _run(self, pooled: PoolProxiedConnection, sql: str, args: list[object]) -> list[Row]:
        driver: Any = pooled.driver_connection
        if pooled.info.get(SQLITE_LOWER) is not driver:
            await driver.create_function(SQLITE_LOWER, 1, python_lower, deterministic=True)
            pooled.info[SQLITE_LOWER] = driver
        return list(await driver.execute_fetchall(sql, args))
