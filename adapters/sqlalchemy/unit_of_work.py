from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.clock import SystemClock
from adapters.sqlalchemy.comments import SqlAlchemyCommentRepository
from adapters.sqlalchemy.outbox import SqlAlchemyEventOutbox
from adapters.sqlalchemy.posts import SqlAlchemyPostRepository
from adapters.sqlalchemy.refresh_tokens import SqlAlchemyRefreshTokenRepository
from adapters.sqlalchemy.social import SqlAlchemyFavoriteRepository, SqlAlchemyFollowRepository
from adapters.sqlalchemy.transaction import Transaction
from adapters.sqlalchemy.users import SqlAlchemyUserRepository
from application.ports import Clock
from domain.errors import ServiceUnavailable


class SqlAlchemyUnitOfWork:
    """One connection and one transaction for one ``async with`` block.

    Make a new instance per block (the factory is ``partial(SqlAlchemyUnitOfWork,
    engine)``): reusing one would silently share state between unrelated requests.
    Work may continue after ``commit()``; it runs in a fresh transaction.
    ``clock`` stamps favourites and follows (the ports take no time for them)."""

    def __init__(self, engine: AsyncEngine, clock: Clock | None = None) -> None:
        self._tx = Transaction(engine)
        self._entered = False
        clock = clock or SystemClock()
        self.users = SqlAlchemyUserRepository(self._tx)
        self.refresh_tokens = SqlAlchemyRefreshTokenRepository(self._tx)
        self.posts = SqlAlchemyPostRepository(self._tx)
        self.comments = SqlAlchemyCommentRepository(self._tx)
        self.favorites = SqlAlchemyFavoriteRepository(self._tx, clock)
        self.follows = SqlAlchemyFollowRepository(self._tx, clock)
        self.outbox = SqlAlchemyEventOutbox(self._tx)

    async def __aenter__(self) -> Self:
        if self._entered:
            raise RuntimeError("A Unit of Work serves one block; ask the factory for another.")
        self._entered = True
        await self._tx.open()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            await self._tx.close()
        except ServiceUnavailable:
            # A lost connection rolls back by itself; when the block already failed,
            # its own error explains more than the failed cleanup.
            if exc is None:
                raise

    async def commit(self) -> None:
        await self._tx.commit()

    async def rollback(self) -> None:
        await self._tx.rollback()
