from __future__ import annotations

from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Self

from application.ports.content import (
    CommentRepository,
    EventOutbox,
    FavoriteRepository,
    FollowRepository,
    PostRepository,
)
from application.ports.repositories import RefreshTokenRepository, UserRepository
from application.ports.unit_of_work import UnitOfWork


class InvalidatingUnitOfWork:
    """A ``UnitOfWork`` that awaits ``after_commit()`` once ``inner`` has committed.

    The composition root wraps every Unit of Work with it when the read cache is on, so
    each committed write (post, favourite, comment, profile, ...) invalidates cached reads
    while the use cases stay unaware of caching. Nothing runs after a rollback or a
    failed commit. ``after_commit`` must not raise (``Cache`` calls never do)."""

    def __init__(self, inner: UnitOfWork, after_commit: Callable[[], Awaitable[None]]) -> None:
        self._inner = inner
        self._after_commit = after_commit

    @property
    def users(self) -> UserRepository:
        return self._inner.users

    @property
    def refresh_tokens(self) -> RefreshTokenRepository:
        return self._inner.refresh_tokens

    @property
    def posts(self) -> PostRepository:
        return self._inner.posts

    @property
    def comments(self) -> CommentRepository:
        return self._inner.comments

    @property
    def favorites(self) -> FavoriteRepository:
        return self._inner.favorites

    @property
    def follows(self) -> FollowRepository:
        return self._inner.follows

    @property
    def outbox(self) -> EventOutbox:
        return self._inner.outbox

    async def __aenter__(self) -> Self:
        await self._inner.__aenter__()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._inner.__aexit__(exc_type, exc, tb)

    async def commit(self) -> None:
        await self._inner.commit()
        await self._after_commit()

    async def rollback(self) -> None:
        await self._inner.rollback()
