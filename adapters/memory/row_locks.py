"""Keys a Unit of Work holds until it ends, like the lock SQL takes on a row (or a
unique-index entry) it inserted or deleted: a second writer of the same key waits for
the first to commit or roll back, then sees the outcome."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Hashable

from adapters.memory.database import InMemoryDatabase
from domain.errors import EditConflict

# Nothing detects a deadlock here, so a waiter gives up like PostgreSQL's deadlock
# detector would, with the error PostgreSQL's deadlock maps to.
WAIT_SECONDS = 5.0


class RowLocks:
    def __init__(self) -> None:
        self._holders: dict[Hashable, int] = {}
        self._released = asyncio.Condition()

    async def acquire(self, key: Hashable, owner: int) -> None:
        if self._holders.get(key) == owner:
            return
        async with self._released:
            try:
                async with asyncio.timeout(WAIT_SECONDS):
                    await self._released.wait_for(lambda: self._holders.get(key) is None)
            except TimeoutError as error:
                raise EditConflict() from error
            self._holders[key] = owner

    def try_acquire(self, key: Hashable, owner: int) -> bool:
        """Take ``key`` unless another owner holds it (``SKIP LOCKED``): never waits."""
        holder = self._holders.setdefault(key, owner)
        return holder == owner

    async def release_all(self, owner: int) -> None:
        mine = [key for key, holder in self._holders.items() if holder == owner]
        if not mine:
            return
        async with self._released:
            for key in mine:
                del self._holders[key]
            self._released.notify_all()


# Kept beside the database rather than in it, keyed by identity (the state dataclass is
# unhashable) and dropped with it.
_locks: dict[int, RowLocks] = {}


def row_locks(db: InMemoryDatabase) -> RowLocks:
    locks = _locks.get(id(db))
    if locks is None:
        locks = _locks[id(db)] = RowLocks()
        weakref.finalize(db, _locks.pop, id(db), None)
    return locks
