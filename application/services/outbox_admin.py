"""Admins' view of the outbox's dead letters: list the parked events, and requeue one
once whatever made it fail is fixed."""

from __future__ import annotations

from application.pagination import CursorCodec, checked_limit
from application.ports import Clock, UnitOfWorkFactory
from application.ports.events import POSITION_MAX, ParkedEvent
from application.read_models import Actor, Page
from application.services.admin import require_admin
from domain.errors import InvalidCursor, ParkedEventNotFound

_PARKED_CURSOR = "parked-events"


class OutboxAdminService:
    """Only admins may call these (``PermissionDenied``)."""

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock, cursors: CursorCodec) -> None:
        self._uow = uow
        self._clock = clock
        self._cursors = cursors

    async def parked(
        self, actor: Actor, *, limit: int = 20, cursor: str | None = None
    ) -> Page[ParkedEvent]:
        """Parked events by position; ``next_cursor`` is ``None`` on the last page. A
        cursor that was tampered with raises ``InvalidCursor``."""
        require_admin(actor, "manage the outbox")
        limit = checked_limit(limit)
        after = self._position_after(cursor)
        async with self._uow() as uow:
            found = await uow.outbox.parked(limit + 1, after)
        page = found[:limit]
        next_cursor = (
            self._cursors.encode(_PARKED_CURSOR, {"after": page[-1].entry.position})
            if len(found) > limit
            else None
        )
        return Page(items=page, next_cursor=next_cursor)

    async def requeue(self, actor: Actor, position: int) -> None:
        """The parked event is pending and due again, from its first attempt; raises
        ``ParkedEventNotFound`` when no parked event has that position."""
        require_admin(actor, "manage the outbox")
        if not 1 <= position <= POSITION_MAX:
            raise ParkedEventNotFound()
        async with self._uow() as uow:
            if not await uow.outbox.requeue(position, self._clock.now()):
                raise ParkedEventNotFound()
            await uow.commit()

    def _position_after(self, cursor: str | None) -> int | None:
        if cursor is None:
            return None
        after = self._cursors.decode(_PARKED_CURSOR, cursor).get("after")
        if not isinstance(after, int) or isinstance(after, bool):
            raise InvalidCursor()
        return after
