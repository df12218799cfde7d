from __future__ import annotations

import itertools
from types import TracebackType
from typing import Self

from adapters.clock import SystemClock
from adapters.memory.comments import InMemoryCommentRepository
from adapters.memory.content import ContentJournal
from adapters.memory.database import InMemoryDatabase
from adapters.memory.outbox import InMemoryEventOutbox
from adapters.memory.posts import InMemoryPostRepository
from adapters.memory.refresh_tokens import InMemoryRefreshTokenRepository
from adapters.memory.social import InMemoryFavoriteRepository, InMemoryFollowRepository
from adapters.memory.users import InMemoryUserRepository
from application.ports import Clock
from domain.errors import ServiceUnavailable

_ids = itertools.count(1)


class InMemoryUnitOfWork:
    """Behaves like the SQL Unit of Work: isolated until commit, rolled back on exit
    without commit, uniqueness and version conflicts raised as the same domain errors.

    ``clock`` stamps favourites and follows (the ports take no time for them)."""

    def __init__(self, db: InMemoryDatabase, clock: Clock | None = None) -> None:
        self._db = db
        self._clock: Clock = clock or SystemClock()
        self._id = next(_ids)
        self._reset()

    def _reset(self) -> None:
        self.refresh_tokens = InMemoryRefreshTokenRepository(self._db, self._id)
        self.users = InMemoryUserRepository(self._db, self._id, self.refresh_tokens)
        self._content = ContentJournal(self._db, self._id)
        self.posts = InMemoryPostRepository(self._content)
        self.comments = InMemoryCommentRepository(self._content)
        self.favorites = InMemoryFavoriteRepository(self._content, self._clock)
        self.follows = InMemoryFollowRepository(self._content, self._clock)
        self.outbox = InMemoryEventOutbox(self._db, self._content)

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
                # Everything that can refuse the commit runs before anything is published.
                content = self._content.replayed()
                self.users.apply()
                self.refresh_tokens.apply()
                content.publish()
        finally:
            await self._release_locks()
        self._reset()

    async def rollback(self) -> None:
        await self._release_locks()
        self._reset()

    async def _release_locks(self) -> None:
        self.users.release_locks()
        await self.refresh_tokens.release_claims()
        await self._content.release_locks()
