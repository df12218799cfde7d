"""Read models to cache bytes and back (JSON: nothing executable is ever unpickled)."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from application.content_models import AuthorView, PostDetail, TagCount
from domain.posts import PostStatus


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value is not None else None


def encode_post(post: PostDetail) -> bytes:
    """The viewer-independent part only: ``favorited`` and ``following`` are dropped."""
    author = post.author
    return json.dumps(
        {
            "id": str(post.id),
            "slug": post.slug,
            "title": post.title,
            "description": post.description,
            "tags": list(post.tags),
            "status": post.status.value,
            "author_id": str(post.author_id),
            "author": [author.username, author.full_name, author.bio, author.image],
            "created_at": _time(post.created_at),
            "updated_at": _time(post.updated_at),
            "published_at": _time(post.published_at),
            "favorites_count": post.favorites_count,
            "comments_count": post.comments_count,
            "version": post.version,
            "body": post.body,
        },
        separators=(",", ":"),
    ).encode()


def decode_post(data: bytes) -> PostDetail:
    """As an anonymous viewer sees it: ``favorited`` and ``following`` are false."""
    raw: dict[str, Any] = json.loads(data)
    username, full_name, bio, image = raw["author"]
    return PostDetail(
        id=uuid.UUID(raw["id"]),
        slug=raw["slug"],
        title=raw["title"],
        description=raw["description"],
        tags=tuple(raw["tags"]),
        status=PostStatus(raw["status"]),
        author_id=uuid.UUID(raw["author_id"]),
        author=AuthorView(username, full_name, bio, image, following=False),
        created_at=datetime.fromisoformat(raw["created_at"]),
        updated_at=datetime.fromisoformat(raw["updated_at"]),
        published_at=_parse_time(raw["published_at"]),
        favorites_count=raw["favorites_count"],
        favorited=False,
        comments_count=raw["comments_count"],
        version=raw["version"],
        body=raw["body"],
    )


def encode_tags(tags: list[TagCount]) -> bytes:
    return json.dumps([[t.tag, t.posts] for t in tags], separators=(",", ":")).encode()


def decode_tags(data: bytes) -> list[TagCount]:
    return [TagCount(tag, posts) for tag, posts in json.loads(data)]
