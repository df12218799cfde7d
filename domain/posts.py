"""The ``Post`` aggregate: a draft until published; it records the events it causes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.errors import Conflict, ValidationFailed
from domain.events import DomainEvent, PostDeleted, PostPublished, PostUnpublished, PostUpdated
from domain.slugs import slugify
from domain.tags import Tag
from domain.text import clean_text

TITLE_MAX = 200
DESCRIPTION_MAX = 300
BODY_MAX = 100_000


class PostStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


def _title(value: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationFailed("title", "title can't be blank.")
    if len(value) > TITLE_MAX:
        raise ValidationFailed("title", f"title must be at most {TITLE_MAX} characters.")
    return clean_text("title", value.strip())


def _description(value: str) -> str:
    if not isinstance(value, str) or len(value) > DESCRIPTION_MAX:
        raise ValidationFailed(
            "description", f"description must be at most {DESCRIPTION_MAX} characters."
        )
    return clean_text("description", value)


def _body(value: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationFailed("body", "body can't be blank.")
    if len(value) > BODY_MAX:
        raise ValidationFailed("body", f"body must be at most {BODY_MAX} characters.")
    return clean_text("body", value)


@dataclass(slots=True, eq=False)
class Post:
    """``published_at`` is the first publication; from then on the slug never changes.
    ``favorites_count`` and ``comments_count`` are kept by the repositories."""

    id: uuid.UUID
    author_id: uuid.UUID
    title: str
    slug: str
    description: str
    body: str
    tags: tuple[Tag, ...]
    status: PostStatus
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None = None
    version: int = 1
    favorites_count: int = 0
    comments_count: int = 0
    events: list[DomainEvent] = field(default_factory=list, repr=False)

    @classmethod
    def draft(
        cls,
        *,
        author_id: uuid.UUID,
        title: str,
        description: str,
        body: str,
        tags: tuple[Tag, ...],
        now: datetime,
    ) -> Post:
        clean_title = _title(title)
        return cls(
            id=uuid.uuid4(),
            author_id=author_id,
            title=clean_title,
            slug=slugify(clean_title),
            description=_description(description),
            body=_body(body),
            tags=tags,
            status=PostStatus.DRAFT,
            created_at=now,
            updated_at=now,
        )

    @property
    def is_published(self) -> bool:
        return self.status is PostStatus.PUBLISHED

    @property
    def slug_is_frozen(self) -> bool:
        return self.published_at is not None

    def edit(
        self,
        *,
        now: datetime,
        title: str | None = None,
        description: str | None = None,
        body: str | None = None,
        tags: tuple[Tag, ...] | None = None,
    ) -> None:
        """Change the fields given (all validated before any changes). A never-published
        draft's slug follows its title."""
        new_title = _title(title) if title is not None else self.title
        new_description = _description(description) if description is not None else None
        new_body = _body(body) if body is not None else self.body
        if title is not None and not self.slug_is_frozen:
            self.slug = slugify(new_title)
        self.title, self.body = new_title, new_body
        if new_description is not None:
            self.description = new_description
        if tags is not None:
            self.tags = tags
        self.updated_at = now
        if self.is_published:
            self._record(PostUpdated(occurred_at=now, version=self.version + 1, **self._ids()))

    def publish(self, *, now: datetime) -> None:
        if self.is_published:
            raise Conflict("The post is already published.")
        self.status = PostStatus.PUBLISHED
        self.published_at = self.published_at or now
        self.updated_at = now
        self._record(
            PostPublished(occurred_at=now, slug=self.slug, title=self.title, **self._ids())
        )

    def unpublish(self, *, now: datetime) -> None:
        if not self.is_published:
            raise Conflict("The post is not published.")
        self.status = PostStatus.DRAFT
        self.updated_at = now
        self._record(PostUnpublished(occurred_at=now, **self._ids()))

    def mark_deleted(self, *, now: datetime) -> None:
        self._record(PostDeleted(occurred_at=now, **self._ids()))

    def pull_events(self) -> list[DomainEvent]:
        events, self.events = self.events, []
        return events

    def _ids(self) -> dict[str, uuid.UUID]:
        return {"post_id": self.id, "author_id": self.author_id}

    def _record(self, event: DomainEvent) -> None:
        self.events.append(event)
