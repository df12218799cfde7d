"""Test data: valid entities with every field set to something worth round-tripping."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta, timezone

from application.ports import UnitOfWork, UnitOfWorkFactory
from domain.sessions import RefreshToken
from domain.users import Role, User
from domain.values import Email, ImageUrl, Username

# Microseconds and a non-UTC offset: both must survive a round trip.
NOW = datetime(2026, 3, 1, 14, 30, 15, 123456, tzinfo=timezone(timedelta(hours=2)))
LATER = NOW + timedelta(minutes=5)


def a_user(
    username: str = "Alice_1",
    *,
    email: str | None = None,
    role: Role = Role.AUTHOR,
    is_active: bool = True,
) -> User:
    return User(
        id=uuid.uuid4(),
        username=Username(username),
        email=Email(email or f"{username.lower()}@example.com"),
        password_hash="$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA",
        role=role,
        created_at=NOW,
        updated_at=NOW + timedelta(seconds=1),
        full_name="Alice Liddell",
        bio="Curiouser and curiouser.",
        image=ImageUrl("https://img.example.com/alice.png"),
        is_active=is_active,
        token_version=3,
    )


def a_token(user: User, *, family_id: uuid.UUID | None = None) -> RefreshToken:
    return RefreshToken(
        id=uuid.uuid4(),
        family_id=family_id or uuid.uuid4(),
        user_id=user.id,
        token_hash=uuid.uuid4().hex * 2,
        issued_at=NOW,
        expires_at=datetime(2026, 3, 15, 12, 0, tzinfo=UTC),
    )


async def store(uow_factory: UnitOfWorkFactory, *users: User) -> None:
    async with uow_factory() as uow:
        for user in users:
            await uow.users.add(user)
        await uow.commit()


async def store_tokens(uow_factory: UnitOfWorkFactory, *tokens: RefreshToken) -> None:
    async with uow_factory() as uow:
        for token in tokens:
            await uow.refresh_tokens.add(token)
        await uow.commit()


async def load_token(uow_factory: UnitOfWorkFactory, token: RefreshToken) -> RefreshToken:
    async with uow_factory() as uow:
        found = await uow.refresh_tokens.get_by_hash(token.token_hash)
    assert found is not None
    return found


async def load(uow_factory: UnitOfWorkFactory, user_id: uuid.UUID) -> User | None:
    async with uow_factory() as uow:
        return await uow.users.get(user_id)


async def update_and_commit(uow: UnitOfWork, user: User) -> None:
    """A conflict may surface at either step, depending on the adapter."""
    await uow.users.update(user)
    await uow.commit()


async def add_and_commit(uow: UnitOfWork, user: User) -> None:
    await uow.users.add(user)
    await uow.commit()
