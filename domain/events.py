"""Domain events: facts recorded in the same transaction as the change that caused them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class DomainEvent:
    occurred_at: datetime
    event_id: uuid.UUID = field(default_factory=uuid.uuid4)

    @property
    def name(self) -> str:
        return type(self).__name__


@dataclass(frozen=True, slots=True, kw_only=True)
class PostEvent(DomainEvent):
    post_id: uuid.UUID
    author_id: uuid.UUID


@dataclass(frozen=True, slots=True, kw_only=True)
class PostPublished(PostEvent):
    slug: str
    title: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PostUpdated(PostEvent):
    version: int


@dataclass(frozen=True, slots=True, kw_only=True)
class PostUnpublished(PostEvent):
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class PostDeleted(PostEvent):
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class CommentAdded(PostEvent):
    comment_id: uuid.UUID
    commenter_id: uuid.UUID


@dataclass(frozen=True, slots=True, kw_only=True)
class CommentDeleted(PostEvent):
    comment_id: uuid.UUID


@dataclass(frozen=True, slots=True, kw_only=True)
class UserFollowed(DomainEvent):
    follower_id: uuid.UUID
    followee_id: uuid.UUID


@dataclass(frozen=True, slots=True, kw_only=True)
class PasswordChanged(DomainEvent):
    """Someone changed the account's password; its owner hears of it, in case it was
    not them."""

    user_id: uuid.UUID
