"""Read models of the blogging core, ready to serialise: no entity, no row."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from domain.posts import PostStatus


@dataclass(frozen=True, slots=True)
class AuthorView:
    """A user as others see them; ``following`` is from the viewer's point of view."""

    username: str
    full_name: str | None
    bio: str | None
    image: str | None
    following: bool


@dataclass(frozen=True, slots=True)
class PostSummary:
    """A post as lists show it (no body). ``favorited`` is from the viewer's point of view."""

    id: uuid.UUID
    slug: str
    title: str
    description: str
    tags: tuple[str, ...]
    status: PostStatus
    author_id: uuid.UUID
    author: AuthorView
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None
    favorites_count: int
    favorited: bool
    comments_count: int
    version: int


@dataclass(frozen=True, slots=True)
class PostDetail(PostSummary):
    body: str


@dataclass(frozen=True, slots=True)
class CommentView:
    id: uuid.UUID
    post_id: uuid.UUID
    body: str
    created_at: datetime
    author: AuthorView


@dataclass(frozen=True, slots=True)
class TagCount:
    tag: str
    posts: int


@dataclass(frozen=True, slots=True)
class PostPage:
    items: list[PostSummary]
    next_cursor: str | None
    total: int | None = None
