"""What use cases return: frozen snapshots, never entities or storage rows."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from domain.users import Role, User

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Actor:
    """The authenticated caller, freshly loaded for this request. ``session_id`` is the
    session (refresh-token family) their access token belongs to, when they have one."""

    user_id: uuid.UUID
    username: str
    role: Role
    session_id: uuid.UUID | None = None

    @classmethod
    def of(cls, user: User, session_id: uuid.UUID | None = None) -> Actor:
        return cls(
            user_id=user.id, username=str(user.username), role=user.role, session_id=session_id
        )


@dataclass(frozen=True, slots=True)
class UserAccount:
    """A user as they (or an admin) see themselves. Never carries the password hash."""

    id: uuid.UUID
    username: str
    email: str
    role: Role
    full_name: str | None
    bio: str | None
    image: str | None
    is_active: bool
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, user: User) -> UserAccount:
        return cls(
            id=user.id,
            username=str(user.username),
            email=str(user.email),
            role=user.role,
            full_name=user.full_name,
            bio=user.bio,
            image=str(user.image) if user.image else None,
            is_active=user.is_active,
            created_at=user.created_at,
            updated_at=user.updated_at,
        )


@dataclass(frozen=True, slots=True)
class TokenPair:
    access_token: str
    access_expires_at: datetime
    refresh_token: str
    refresh_expires_at: datetime
    token_type: str = "bearer"


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None
