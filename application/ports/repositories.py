"""Repository ports. Every method runs inside the Unit of Work that owns the repository."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Protocol

from domain.sessions import RefreshToken
from domain.users import User


class UserRepository(Protocol):
    async def add(self, user: User) -> None:
        """Stage a new user. Raises ``UsernameTaken`` / ``EmailTaken`` when the username or
        email exists in any letter case (at the latest on commit)."""

    async def get(self, user_id: uuid.UUID) -> User | None: ...

    async def get_in_session(self, user_id: uuid.UUID, session_id: uuid.UUID) -> User | None:
        """The user, only while the session ``session_id`` (a refresh-token family) is
        theirs and has not ended: no token of the family is revoked. One round trip:
        this is the check every authenticated request makes."""

    async def get_by_username(self, username: str) -> User | None:
        """Case-insensitive lookup."""

    async def get_by_login(self, login: str) -> User | None:
        """Find by username or by email address, both case-insensitively."""

    async def update(self, user: User) -> None:
        """Persist changes to a user loaded in this Unit of Work and bump ``user.version``.

        Raises ``EditConflict`` when another transaction changed the user since it was
        loaded, ``EmailTaken`` when the new email belongs to someone else."""

    async def list_after(self, after_username: str | None, limit: int) -> list[User]:
        """Users ordered by lower-cased username, starting after ``after_username``."""

    async def count_active_admins(self) -> int: ...


class RefreshTokenRepository(Protocol):
    async def add(self, token: RefreshToken) -> None: ...

    async def get_by_hash(self, token_hash: str) -> RefreshToken | None: ...

    async def claim(self, token_id: uuid.UUID, at: datetime) -> bool:
        """Mark a token used, atomically. ``False`` when it was already used or revoked,
        so two concurrent refreshes with one token can never both succeed."""

    async def revoke_family(self, family_id: uuid.UUID, at: datetime) -> None: ...

    async def revoke_all_for_user(
        self, user_id: uuid.UUID, at: datetime, *, keep_family: uuid.UUID | None = None
    ) -> None:
        """End every session of the user, except the family ``keep_family``."""
