"""The ``User`` entity and the role ladder."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.errors import PermissionDenied
from domain.values import Email, ImageUrl, Username, bounded_text

FULL_NAME_MAX = 100
BIO_MAX = 2000


class Role(StrEnum):
    """Each role may do everything the roles before it may."""

    VIEWER = "viewer"
    AUTHOR = "author"
    EDITOR = "editor"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def at_least(self, other: Role) -> bool:
        return self.rank >= other.rank


@dataclass(slots=True, eq=False)
class User:
    """An account. ``token_version`` grows whenever existing tokens must stop working."""

    id: uuid.UUID
    username: Username
    email: Email
    password_hash: str = field(repr=False)
    role: Role
    created_at: datetime
    updated_at: datetime
    full_name: str | None = None
    bio: str | None = None
    image: ImageUrl | None = None
    is_active: bool = True
    token_version: int = 0
    version: int = 1

    @classmethod
    def register(
        cls,
        *,
        username: Username,
        email: Email,
        password_hash: str,
        role: Role,
        now: datetime,
        full_name: str | None = None,
        bio: str | None = None,
        image: ImageUrl | None = None,
    ) -> User:
        return cls(
            id=uuid.uuid4(),
            username=username,
            email=email,
            password_hash=password_hash,
            role=role,
            created_at=now,
            updated_at=now,
            full_name=bounded_text("full_name", full_name, max_length=FULL_NAME_MAX),
            bio=bounded_text("bio", bio, max_length=BIO_MAX),
            image=image,
        )

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def may_manage_users(self) -> bool:
        return self.is_active and self.is_admin

    def require_admin(self) -> None:
        if not self.may_manage_users():
            raise PermissionDenied("Only admins may manage users.")

    def accepts_token_version(self, token_version: int) -> bool:
        return self.is_active and token_version == self.token_version

    def update_profile(
        self,
        *,
        now: datetime,
        full_name: str | None,
        bio: str | None,
        image: ImageUrl | None,
    ) -> None:
        self.full_name = bounded_text("full_name", full_name, max_length=FULL_NAME_MAX)
        self.bio = bounded_text("bio", bio, max_length=BIO_MAX)
        self.image = image
        self.updated_at = now

    def change_email(self, email: Email, *, now: datetime) -> None:
        self.email = email
        self.updated_at = now

    def change_password_hash(
        self, password_hash: str, *, now: datetime, revoke_tokens: bool = True
    ) -> None:
        """Store a new hash; unless told otherwise, every token issued before it dies."""
        self.password_hash = password_hash
        if revoke_tokens:
            self.token_version += 1
        self.updated_at = now

    def rename(self, username: Username, *, now: datetime) -> None:
        self.username = username
        self.updated_at = now

    def assign_role(self, role: Role, *, now: datetime) -> None:
        self.role = role
        self.updated_at = now

    def deactivate(self, *, now: datetime) -> None:
        """Deactivated users' tokens stop working at once, and stay dead after reactivation."""
        if self.is_active:
            self.is_active = False
            self.token_version += 1
            self.updated_at = now

    def reactivate(self, *, now: datetime) -> None:
        if not self.is_active:
            self.is_active = True
            self.updated_at = now
