"""In-memory entities as the read models the SQL adapter returns: timestamps in UTC,
tags sorted, flags from the viewer's point of view."""

from __future__ import annotations

import uuid
from dataclasses import fields
from datetime import UTC
from typing import Any

from adapters.memory.database import InMemoryDatabase
from application.content_models import AuthorView, CommentView, PostDetail, PostSummary
from domain.comments import Comment
from domain.posts import Post
from domain.users import User


def author_view(db: InMemoryDatabase, user: User, viewer_id: uuid.UUID | None) -> AuthorView:
    return AuthorView(
        username=user.username.value,
        full_name=user.full_name,
        bio=user.bio,
        image=user.image.value if user.image else None,
        following=viewer_id is not None and (viewer_id, user.id) in db.follows,
    )


def post_summary(db: InMemoryDatabase, post: Post, viewer_id: uuid.UUID | None) -> PostSummary:
    """``post``'s author must exist (callers skip posts without one, as the SQL join does)."""
    return PostSummary(
        id=post.id,
        slug=post.slug,
        title=post.title,
        description=post.description,
        tags=tuple(sorted(tag.value for tag in post.tags)),
        status=post.status,
        author_id=post.author_id,
        author=author_view(db, db.users[post.author_id], viewer_id),
        created_at=post.created_at.astimezone(UTC),
        updated_at=post.updated_at.astimezone(UTC),
        published_at=post.published_at.astimezone(UTC) if post.published_at else None,
        favorites_count=post.favorites_count,
        favorited=viewer_id is not None and (viewer_id, post.id) in db.favorites,
        comments_count=post.comments_count,
        version=post.version,
    )


def post_detail(db: InMemoryDatabase, post: Post, viewer_id: uuid.UUID | None) -> PostDetail | None:
    if post.author_id not in db.users:
        return None
    summary = post_summary(db, post, viewer_id)
    values: dict[str, Any] = {f.name: getattr(summary, f.name) for f in fields(summary)}
    return PostDetail(**values, body=post.body)


def comment_view(
    db: InMemoryDatabase, comment: Comment, viewer_id: uuid.UUID | None
) -> CommentView | None:
    author = db.users.get(comment.author_id)
    if author is None:
        return None
    return CommentView(
        id=comment.id,
        post_id=comment.post_id,
        body=comment.body,
        created_at=comment.created_at.astimezone(UTC),
        author=author_view(db, author, viewer_id),
    )
