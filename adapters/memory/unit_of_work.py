from __future__ import annotations

import itertools
from types import TracebackType
from typing import Self

from adapters.memory.database import InMemoryDatabase
from adapters.memory.refresh_tokens import InMemoryRefreshTokenRepository
from adapters.memory.users import InMemoryUserRepository
from domain.errors import ServiceUnavailable

_ids = itertools.count(1)


class InMemoryUnitOfWork:
    """Behaves like the SQL Unit of Work: isolated until commit, rolled back on exit
    without commit, uniqueness and version conflicts raised as the same domain errors."""

    def __init__(self, db: InMemoryDatabase) -> None:
        self._db = db
        self._id = next(_ids)
        self._reset()

    def _reset(self) -> None:
        self.users = InMemoryUserRepository(self._db, self._id)
        self.refresh_tokens = InMemoryRefreshTokenRepository(self._db, self._id)

    async def __aenter__(self) -> Self:
        if not self._db.available:
            raise ServiceUnavailable("The database is unavailable.")
        self._reset()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.rollback()

    async def commit(self) -> None:
        if not self._db.available:
            raise ServiceUnavailable("The database is unavailable.")
        try:
            async with self._db.commit_lock:
                self.users.apply()
                self.refresh_tokens.apply()
        finally:
            await self._release_locks()
        self._reset()

    async def rollback(self) -> None:
        await self._release_locks()
        self._reset()

    async def _release_locks(self) -> None:
        self.users.release_locks()
        await self.refresh_tokens.release_claims()
