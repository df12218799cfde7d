"""The ``Post`` aggregate: a draft until published; it records the events it causes."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from domain.errors import Conflict, ValidationFailed
from domain.events import DomainEvent, PostDeleted, PostPublished, PostUnpublished, PostUpdated
from domain.slugs import draft_slug, public_slugs
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
    """``published_at`` is the first publication. Until then the slug is a draft slug that
    follows the title (``domain.slugs``); the first publication gives it its public slug,
    which never changes again. ``favorites_count`` and ``comments_count`` are kept by the
    repositories."""

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
        clean_title, post_id = _title(title), uuid.uuid4()
        return cls(
            id=post_id,
            author_id=author_id,
            title=clean_title,
            slug=draft_slug(clean_title, post_id),
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
            self.slug = draft_slug(new_title, self.id)
        self.title, self.body = new_title, new_body
        if new_description is not None:
            self.description = new_description
        if tags is not None:
            self.tags = tags
        self.updated_at = now
        if self.is_published:
            self._record(PostUpdated(occurred_at=now, version=self.version + 1, **self._ids()))

    @property
    def public_slug_choices(self) -> tuple[str, ...]:
        """The slugs publishing may give the post, best first: its own once it has been
        published, else the title's slug and suffixed forms of it (``public_slugs``)."""
        return (self.slug,) if self.slug_is_frozen else public_slugs(self.title, self.id)

    def publish(self, *, now: datetime, slug: str | None = None) -> None:
        """``slug``: one of ``public_slug_choices`` (the first when not given); the caller
        picks the first one no other post holds."""
        if self.is_published:
            raise Conflict("The post is already published.")
        choices = self.public_slug_choices
        if slug is not None and slug not in choices:
            raise ValueError(f"{slug!r} is not one of the post's public slugs.")
        self.slug = slug or choices[0]
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
