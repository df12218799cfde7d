"""What a post list asks for: filters, order, position and size."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from domain.posts import PostStatus


class PostSort(StrEnum):
    NEWEST = "-created_at"
    OLDEST = "created_at"


@dataclass(frozen=True, slots=True)
class Keyset:
    """The last row of the previous page: the next page starts strictly after it."""

    created_at: datetime
    id: uuid.UUID


@dataclass(frozen=True, slots=True)
class DraftScope:
    """Whose drafts a list may show: one author's (``author_id``) or everyone's."""

    author_id: uuid.UUID | None = None
    everyone: bool = False


@dataclass(frozen=True, slots=True)
class PostQuery:
    """Filters combine with AND. ``status=DRAFT`` lists only drafts within ``drafts``;
    ``q`` matches title or body case-insensitively, with ``%``, ``_`` and ``\\`` taken
    literally. Exactly one of ``after`` / ``offset`` positions the page (or neither)."""

    limit: int
    status: PostStatus = PostStatus.PUBLISHED
    drafts: DraftScope = DraftScope()
    author: str | None = None
    tag: str | None = None
    favorited_by: str | None = None
    followed_by: uuid.UUID | None = None
    q: str | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None
    sort: PostSort = PostSort.NEWEST
    after: Keyset | None = None
    offset: int = 0
