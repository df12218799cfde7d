"""One writer at a time per SQLite engine, queued in asyncio.

SQLite admits a single writer. Left to itself, every waiting writer polls the lock in
SQLite's busy handler with growing sleeps, so tail latency explodes under load. Here
writers of one process queue on an ``asyncio.Lock`` instead and then take SQLite's write
lock with ``BEGIN IMMEDIATE``; ``busy_timeout`` still covers writers in other processes.
"""

from __future__ import annotations

import asyncio
import weakref

from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.sqlalchemy.errors import unavailable

WAIT_SECONDS = 5.0

_gates: weakref.WeakKeyDictionary[Engine, WriterGate] = weakref.WeakKeyDictionary()


class WriterGate:
    def __init__(self) -> None:
        self._lock = asyncio.Lock()

    async def enter(self) -> None:
        """Wait for the other writers; like ``busy_timeout``, give up after a while
        rather than hang a request."""
        try:
            async with asyncio.timeout(WAIT_SECONDS):
                await self._lock.acquire()
        except TimeoutError as error:
            raise unavailable() from error

    def leave(self) -> None:
        self._lock.release()


def register_writer_gate(engine: AsyncEngine) -> None:
    _gates[engine.sync_engine] = WriterGate()


def writer_gate(engine: AsyncEngine) -> WriterGate | None:
    """The engine's gate, or ``None`` when the database handles concurrent writers."""
    return _gates.get(engine.sync_engine)
