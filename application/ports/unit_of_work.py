from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Protocol, Self

from application.ports.content import (
    CommentRepository,
    EventOutbox,
    FavoriteRepository,
    FollowRepository,
    PostRepository,
)
from application.ports.repositories import RefreshTokenRepository, UserRepository


class UnitOfWork(Protocol):
    """One transaction: ``async with uow: ...; await uow.commit()``.

    Leaving the block without ``commit()`` rolls everything back. A Unit of Work is
    used for one block only; ask the factory for a new one each time. Backing-store
    outages surface as ``ServiceUnavailable``.
    """

    @property
    def users(self) -> UserRepository: ...

    @property
    def refresh_tokens(self) -> RefreshTokenRepository: ...

    @property
    def posts(self) -> PostRepository: ...

    @property
    def comments(self) -> CommentRepository: ...

    @property
    def favorites(self) -> FavoriteRepository: ...

    @property
    def follows(self) -> FollowRepository: ...

    @property
    def outbox(self) -> EventOutbox: ...

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
