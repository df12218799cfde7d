from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass, field

from domain.sessions import RefreshToken
from domain.users import User


@dataclass
class InMemoryDatabase:
    """Committed state shared by every in-memory Unit of Work of one service.

    ``available=False`` simulates an outage: new Units of Work raise ``ServiceUnavailable``.
    """

    users: dict[uuid.UUID, User] = field(default_factory=dict)
    refresh_tokens: dict[uuid.UUID, RefreshToken] = field(default_factory=dict)
    # token id -> id of the Unit of Work holding its claim, like a row lock until commit;
    # other claimers of that token wait on ``claims_released``, as they would in SQL.
    token_claims: dict[uuid.UUID, int] = field(default_factory=dict)
    claims_released: asyncio.Condition = field(default_factory=asyncio.Condition)
    # Taken by counting admins and held until commit or rollback, like SELECT ... FOR
    # UPDATE on the admin rows: concurrent demotions cannot both see another admin left.
    admins_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    admins_lock_owner: int | None = None
    commit_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    available: bool = True
