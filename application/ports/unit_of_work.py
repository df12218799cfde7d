from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Protocol, Self

from application.ports.repositories import RefreshTokenRepository, UserRepository


class UnitOfWork(Protocol):
    """One transaction: ``async with uow: ...; await uow.commit()``.

    Leaving the block without ``commit()`` rolls everything back. A Unit of Work is
    used for one block only; ask the factory for a new one each time. Backing-store
    outages surface as ``ServiceUnavailable``.
    """

    # Read-only properties rather than attributes, so that adapters may expose their own
    # repository classes (a settable protocol attribute would demand the exact type).
    @property
    def users(self) -> UserRepository: ...

    @property
    def refresh_tokens(self) -> RefreshTokenRepository: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...


UnitOfWorkFactory = Callable[[], UnitOfWork]
