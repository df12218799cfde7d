from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.sqlalchemy.refresh_tokens import SqlAlchemyRefreshTokenRepository
from adapters.sqlalchemy.transaction import Transaction
from adapters.sqlalchemy.users import SqlAlchemyUserRepository
from domain.errors import ServiceUnavailable


class SqlAlchemyUnitOfWork:
    """One connection and one transaction for one ``async with`` block.

    Make a new instance per block (the factory is ``partial(SqlAlchemyUnitOfWork,
    engine)``): reusing one would silently share state between unrelated requests.
    Work may continue after ``commit()``; it runs in a fresh transaction."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._tx = Transaction(engine)
        self._entered = False
        self.users = SqlAlchemyUserRepository(self._tx)
        self.refresh_tokens = SqlAlchemyRefreshTokenRepository(self._tx)

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
