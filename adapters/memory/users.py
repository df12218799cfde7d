from __future__ import annotations

import copy
import uuid
from collections.abc import Iterator

from adapters.memory.database import InMemoryDatabase
from adapters.memory.refresh_tokens import InMemoryRefreshTokenRepository
from domain.errors import EditConflict, EmailTaken, UsernameTaken
from domain.users import Role, User


class InMemoryUserRepository:
    """Reads see this transaction's own writes over the committed state."""

    def __init__(
        self, db: InMemoryDatabase, owner: int, sessions: InMemoryRefreshTokenRepository
    ) -> None:
        self._db = db
        self._owner = owner
        self._sessions = sessions
        self.pending: dict[uuid.UUID, User] = {}
        self.base_versions: dict[uuid.UUID, int | None] = {}

    def _visible(self) -> Iterator[User]:
        for user_id, user in self._db.users.items():
            if user_id not in self.pending:
                yield user
        yield from self.pending.values()

    def check_unique(self, user: User, others: Iterator[User]) -> None:
        for other in others:
            if other.id == user.id:
                continue
            if other.username.canonical == user.username.canonical:
                raise UsernameTaken()
            if other.email == user.email:
                raise EmailTaken()

    async def add(self, user: User) -> None:
        self.check_unique(user, self._visible())
        self.pending[user.id] = copy.deepcopy(user)
        self.base_versions[user.id] = None

    async def get(self, user_id: uuid.UUID) -> User | None:
        user = self.pending.get(user_id) or self._db.users.get(user_id)
        return copy.deepcopy(user) if user else None

    async def get_in_session(self, user_id: uuid.UUID, session_id: uuid.UUID) -> User | None:
        if not self._sessions.session_is_live(user_id, session_id):
            return None
        return await self.get(user_id)

    async def get_by_username(self, username: str) -> User | None:
        wanted = username.lower()
        return self._first(lambda u: u.username.canonical == wanted)

    async def get_by_login(self, login: str) -> User | None:
        wanted = login.strip().lower()
        return self._first(lambda u: wanted in (u.username.canonical, u.email.value))

    def _first(self, matches: object) -> User | None:
        assert callable(matches)
        found = next((u for u in self._visible() if matches(u)), None)
        return copy.deepcopy(found) if found else None

    async def update(self, user: User) -> None:
        stored = self.pending.get(user.id) or self._db.users.get(user.id)
        if stored is None or stored.version != user.version:
            raise EditConflict()
        self.check_unique(user, self._visible())
        self.base_versions.setdefault(user.id, user.version)
        user.version += 1
        self.pending[user.id] = copy.deepcopy(user)

    async def list_after(self, after_username: str | None, limit: int) -> list[User]:
        users = sorted(self._visible(), key=lambda u: u.username.canonical)
        if after_username is not None:
            users = [u for u in users if u.username.canonical > after_username]
        return [copy.deepcopy(u) for u in users[:limit]]

    async def count_active_admins(self) -> int:
        if self._db.admins_lock_owner != self._owner:
            await self._db.admins_lock.acquire()
            self._db.admins_lock_owner = self._owner
        return sum(1 for u in self._visible() if u.role is Role.ADMIN and u.is_active)

    def release_locks(self) -> None:
        if self._db.admins_lock_owner == self._owner:
            self._db.admins_lock_owner = None
            self._db.admins_lock.release()

    def apply(self) -> None:
        """Validate against what others committed meanwhile, then publish (under lock)."""
        for user_id, user in self.pending.items():
            committed = self._db.users.get(user_id)
            base = self.base_versions.get(user_id)
            if base is None and committed is not None:
                raise EditConflict()
            if base is not None and (committed is None or committed.version != base):
                raise EditConflict()
            others = (u for uid, u in self._db.users.items() if uid not in self.pending)
            self.check_unique(user, others)
        self._db.users.update(self.pending)
