from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


class PasswordHasher(Protocol):
    async def hash(self, password: str) -> str: ...

    async def verify(self, password: str, password_hash: str | None) -> bool:
        """``password_hash=None`` means there is no such account: implementations must
        still do the full work of a check (so timing does not reveal which accounts
        exist) and return ``False``."""


@dataclass(frozen=True, slots=True)
class IssuedAccessToken:
    token: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class AccessClaims:
    """``session_id`` is the refresh-token family the token was issued in."""

    user_id: uuid.UUID
    token_version: int
    session_id: uuid.UUID


class TokenIssuer(Protocol):
    """Short-lived, signed access tokens."""

    def issue(
        self, user_id: uuid.UUID, token_version: int, session_id: uuid.UUID
    ) -> IssuedAccessToken: ...

    def verify(self, token: str) -> AccessClaims:
        """Raise ``InvalidToken`` for anything but an intact, unexpired token of ours."""
