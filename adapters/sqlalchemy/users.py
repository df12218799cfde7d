from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa

from adapters.sqlalchemy.tables import refresh_tokens, users
from adapters.sqlalchemy.transaction import Transaction
from domain.errors import EditConflict, EmailTaken, UsernameTaken
from domain.users import Role, User
from domain.values import Email, ImageUrl, Username

_family = refresh_tokens.c.family_id == sa.bindparam("session_id")
# Every authenticated request runs this: built once, so a request pays neither for
# building it nor for its cache key. Revocation always covers whole families, so one
# revoked token ends the session; asking for "none revoked" (not "one unrevoked") also
# holds when a refresh inserted a token while the family was being revoked.
_IN_SESSION = sa.select(users).where(
    users.c.id == sa.bindparam("user_id"),
    sa.exists().where(_family, refresh_tokens.c.user_id == users.c.id),
    ~sa.exists().where(_family, refresh_tokens.c.revoked_at.is_not(None)),
)


class SqlAlchemyUserRepository:
    def __init__(self, transaction: Transaction) -> None:
        self._tx = transaction

    async def add(self, user: User) -> None:
        try:
            await self._tx.write(sa.insert(users).values(_columns(user)), may_conflict=True)
        except EmailTaken:
            # The database reports whichever unique index it checked first; when both
            # are taken, name the username, as every adapter does.
            if await self.get_by_username(user.username.value) is not None:
                raise UsernameTaken() from None
            raise

    async def get(self, user_id: uuid.UUID) -> User | None:
        return await self._one(users.c.id == user_id)

    async def get_in_session(self, user_id: uuid.UUID, session_id: uuid.UUID) -> User | None:
        parameters = {"user_id": user_id, "session_id": session_id}
        row = (await self._tx.read(_IN_SESSION, parameters)).mappings().first()
        return _user(row) if row is not None else None

    async def get_by_username(self, username: str) -> User | None:
        return await self._one(users.c.username_canonical == username.lower())

    async def get_by_login(self, login: str) -> User | None:
        wanted = login.strip().lower()
        # Usernames cannot contain "@" and emails must, so at most one row matches.
        return await self._one(
            sa.or_(users.c.username_canonical == wanted, users.c.email == wanted)
        )

    async def update(self, user: User) -> None:
        # Optimistic concurrency: the row changes only if nobody bumped its version since
        # this user was loaded. Under READ COMMITTED a concurrent writer's UPDATE waits for
        # our commit, then finds the old version gone and matches no row.
        columns = _columns(user) | {"version": user.version + 1}
        del columns["id"], columns["created_at"]
        statement = (
            sa.update(users)
            .where(users.c.id == user.id, users.c.version == user.version)
            .values(columns)
        )
        result = await self._tx.write(statement, may_conflict=True)
        if result.rowcount != 1:
            raise EditConflict()
        user.version += 1

    async def list_after(self, after_username: str | None, limit: int) -> list[User]:
        query = sa.select(users).order_by(users.c.username_canonical).limit(limit)
        if after_username is not None:
            query = query.where(users.c.username_canonical > after_username)
        result = await self._tx.read(query)
        return [_user(row) for row in result.mappings()]

    async def count_active_admins(self) -> int:
        """Locks the admins until this Unit of Work ends, so two transactions that each
        demote a different admin cannot both see "another admin is left"."""
        await self._tx.begin_writing()
        query = (
            sa.select(users.c.id)
            .where(users.c.role == Role.ADMIN.value, users.c.is_active.is_(True))
            .with_for_update()
        )
        result = await self._tx.read(query)
        return len(result.all())

    async def _one(self, condition: sa.ColumnElement[bool]) -> User | None:
        result = await self._tx.read(sa.select(users).where(condition))
        row = result.mappings().first()
        return _user(row) if row is not None else None


def _columns(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "username": user.username.value,
        "username_canonical": user.username.canonical,
        "email": user.email.value,
        "password_hash": user.password_hash,
        "role": user.role.value,
        "full_name": user.full_name,
        "bio": user.bio,
        "image": user.image.value if user.image else None,
        "is_active": user.is_active,
        "token_version": user.token_version,
        "version": user.version,
        "created_at": user.created_at,
        "updated_at": user.updated_at,
    }


def _user(row: sa.RowMapping) -> User:
    return User(
        id=row["id"],
        username=Username(row["username"]),
        email=Email(row["email"]),
        password_hash=row["password_hash"],
        role=Role(row["role"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        full_name=row["full_name"],
        bio=row["bio"],
        image=ImageUrl(row["image"]) if row["image"] is not None else None,
        is_active=row["is_active"],
        token_version=row["token_version"],
        version=row["version"],
    )
