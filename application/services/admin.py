from __future__ import annotations

from application.pagination import CursorCodec, checked_limit
from application.ports import Clock, UnitOfWorkFactory
from application.read_models import Actor, Page, UserAccount
from application.services.registration import Registrar
from application.unset import UNSET, Unset
from domain.errors import LastAdmin, PermissionDenied, UserNotFound
from domain.users import Role

_USERS_CURSOR = "users"


def require_admin(actor: Actor, task: str) -> None:
    """``PermissionDenied`` ("Only admins may <task>.") unless the actor is an admin."""
    if actor.role is not Role.ADMIN:
        raise PermissionDenied(f"Only admins may {task}.")


class AdminService:
    """User management for admins: list users, change roles, (de)activate accounts.

    Rules: only admins may call these (``PermissionDenied``); the last active admin can
    be neither demoted nor deactivated (``LastAdmin``); deactivation ends every session
    of the user at once."""

    def __init__(
        self, uow: UnitOfWorkFactory, clock: Clock, cursors: CursorCodec, registrar: Registrar
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._cursors = cursors
        self._registrar = registrar

    async def list_users(
        self, actor: Actor, *, limit: int = 20, cursor: str | None = None
    ) -> Page[UserAccount]:
        """Users ordered by username (case-insensitive); ``next_cursor`` is ``None`` on the
        last page. A cursor that was tampered with raises ``InvalidCursor``."""
        require_admin(actor, "manage users")
        limit = checked_limit(limit)
        after = None
        if cursor is not None:
            after = self._cursors.decode(_USERS_CURSOR, cursor).get("after")
            if not isinstance(after, str):
                after = None
        async with self._uow() as uow:
            users = await uow.users.list_after(after, limit + 1)
        has_more = len(users) > limit
        page = users[:limit]
        next_cursor = (
            self._cursors.encode(_USERS_CURSOR, {"after": page[-1].username.canonical})
            if has_more
            else None
        )
        return Page(items=[UserAccount.of(u) for u in page], next_cursor=next_cursor)

    async def update_user(
        self,
        actor: Actor,
        username: str,
        *,
        role: Role | Unset = UNSET,
        is_active: bool | Unset = UNSET,
    ) -> UserAccount:
        require_admin(actor, "manage users")
        now = self._clock.now()
        async with self._uow() as uow:
            user = await uow.users.get_by_username(username)
            if user is None:
                raise UserNotFound()
            loses_admin = (
                user.is_admin
                and user.is_active
                and ((role is not UNSET and role is not Role.ADMIN) or is_active is False)
            )
            if loses_admin and await uow.users.count_active_admins() <= 1:
                raise LastAdmin()
            if not isinstance(role, Unset):
                user.assign_role(role, now=now)
            if is_active is False:
                user.deactivate(now=now)
                await uow.refresh_tokens.revoke_all_for_user(user.id, now)
            elif is_active is True:
                user.reactivate(now=now)
            await uow.users.update(user)
            await uow.commit()
        return UserAccount.of(user)

    async def create_admin(self, *, username: str, email: str, password: str) -> UserAccount:
        """Trusted operator path (the ``inkport create-admin`` command): no actor check."""
        return await self._registrar.register(
            username=username, email=email, password=password, role=Role.ADMIN
        )
