"""Refresh tokens: rotated on every use, grouped in families so reuse can be detected."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime


@dataclass(slots=True, eq=False)
class RefreshToken:
    """One issued refresh token. Only a hash of its secret is ever stored."""

    id: uuid.UUID
    family_id: uuid.UUID
    user_id: uuid.UUID
    token_hash: str
    issued_at: datetime
    expires_at: datetime
    used_at: datetime | None = None
    revoked_at: datetime | None = None

    def is_usable(self, now: datetime) -> bool:
        return self.used_at is None and self.revoked_at is None and now < self.expires_at

    def was_already_rotated(self) -> bool:
        return self.used_at is not None
