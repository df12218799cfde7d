"""The connection of one Unit of Work. Every statement passes through here, so errors
are translated and SQLite writers are serialised in one place."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import CursorResult, Executable
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from adapters.sqlalchemy.errors import translated_errors
from adapters.sqlalchemy.writer_gate import WriterGate, writer_gate


class Transaction:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._connection: AsyncConnection | None = None
        self._gate: WriterGate | None = writer_gate(engine)
        self._writing = False
        # A failed statement aborts a whole PostgreSQL transaction; a savepoint keeps
        # the rest of the Unit of Work usable, as SQLite and the in-memory adapter do.
        self._needs_savepoints = engine.dialect.name == "postgresql"

    async def open(self) -> None:
        with translated_errors(connecting=True):
            self._connection = await self._engine.connect()

    @property
    def connection(self) -> AsyncConnection:
        if self._connection is None:
            raise RuntimeError("Repositories work only inside `async with unit_of_work:`.")
        return self._connection

    async def read(
        self, statement: Executable, parameters: Mapping[str, Any] | None = None
    ) -> CursorResult[Any]:
        with translated_errors():
            return await self.connection.execute(statement, parameters)

    async def write(
        self, statement: Executable, *, may_conflict: bool = False
    ) -> CursorResult[Any]:
        """``may_conflict``: the statement may violate a constraint the caller wants to
        survive (a taken username), so run it in a savepoint where that matters."""
        await self.begin_writing()
        with translated_errors():
            if may_conflict and self._needs_savepoints:
                async with self.connection.begin_nested():
                    return await self.connection.execute(statement)
            return await self.connection.execute(statement)

    async def begin_writing(self) -> None:
        """Take the write lock now (a no-op where row locks do the job)."""
        if self._gate is None or self._writing:
            return
        await self._gate.enter()
        self._writing = True
        with translated_errors():
            await self.connection.exec_driver_sql("BEGIN IMMEDIATE")

    async def commit(self) -> None:
        try:
            with translated_errors():
                await self.connection.commit()
        finally:
            self._stop_writing()

    async def rollback(self) -> None:
        try:
            with translated_errors():
                await self.connection.rollback()
        finally:
            self._stop_writing()

    async def close(self) -> None:
        """Roll back whatever was not committed and return the connection to the pool."""
        try:
            if self._connection is not None:
                with translated_errors():
                    await self._connection.close()
        finally:
            self._stop_writing()

    def _stop_writing(self) -> None:
        if self._writing and self._gate is not None:
            self._writing = False
            self._gate.leave()
