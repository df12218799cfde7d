from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from domain.comments import Comment
from domain.events import DomainEvent
from domain.posts import Post
from domain.sessions import RefreshToken
from domain.users import User


@dataclass(frozen=True, slots=True)
class OutboxRecord:
    position: int
    event: DomainEvent
    delivered_at: datetime | None = None
    attempts: int = 0
    retry_at: datetime | None = None
    last_error: str | None = None
    parked_at: datetime | None = None
    delivered_to: frozenset[str] = frozenset()

    @property
    def pending(self) -> bool:
        return self.delivered_at is None and self.parked_at is None


@dataclass(slots=True)
class IdempotencyRecord:
    fingerprint: str
    created_at: datetime
    status_code: int | None = None
    body: str | None = None
    headers: dict[str, str] | None = None


@dataclass
class InMemoryDatabase:
    """Committed state shared by every in-memory Unit of Work of one service.

    ``available=False`` simulates an outage: new Units of Work raise ``ServiceUnavailable``.
    """

    users: dict[uuid.UUID, User] = field(default_factory=dict)
    refresh_tokens: dict[uuid.UUID, RefreshToken] = field(default_factory=dict)
    # Posts are stored with their kept counters (favorites_count, comments_count).
    posts: dict[uuid.UUID, Post] = field(default_factory=dict)
    comments: dict[uuid.UUID, Comment] = field(default_factory=dict)
    # (user_id, post_id) -> when favourited
    favorites: dict[tuple[uuid.UUID, uuid.UUID], datetime] = field(default_factory=dict)
    # (follower_id, followee_id) -> when followed
    follows: dict[tuple[uuid.UUID, uuid.UUID], datetime] = field(default_factory=dict)
    outbox: list[OutboxRecord] = field(default_factory=list)
    # (user_id, scope, key) -> record
    idempotency: dict[tuple[uuid.UUID, str, str], IdempotencyRecord] = field(default_factory=dict)
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
