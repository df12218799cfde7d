"""The read side's SQL, written once in SQLAlchemy Core for both dialects.

Each builder gets the names of the parameters a call binds (its "shape") and returns
the statement for exactly that shape, so ``read_path.py`` can compile each shape once.
Every value is a named bind parameter: nothing from a request is ever rendered into
SQL text. Post lists live in ``post_statements.py``."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import sqlalchemy as sa

from adapters.sqlalchemy.content_tables import comments, follows, post_tags, posts
from adapters.sqlalchemy.tables import users

Clause = sa.ColumnElement[bool]
Column = sa.ColumnElement[Any]
Query = sa.Select[Any]

AUTHOR_COLUMNS = (users.c.username, users.c.full_name, users.c.bio, users.c.image)


def param(name: str, like: sa.Column[Any]) -> sa.BindParameter[Any]:
    """A bind parameter typed like ``like``, so its values are processed as that
    column's are (UUIDs and timestamps differ per dialect)."""
    return sa.bindparam(name, type_=like.type)


def count_param(name: str) -> sa.BindParameter[Any]:
    return sa.bindparam(name, type_=sa.Integer())


def viewer_follows(author_id: Column, names: Collection[str]) -> Column:
    """``following``: whether the viewer (if any) follows ``author_id``."""
    if "viewer" not in names:
        return sa.false().label("following")
    viewer = param("viewer", follows.c.follower_id)
    follow = sa.exists().where(follows.c.follower_id == viewer, follows.c.followee_id == author_id)
    return follow.label("following")


def tag_counts() -> Query:
    """Tags of posts with status ``status``, most used first, then by name."""
    uses = sa.func.count().label("uses")
    return (
        sa.select(post_tags.c.tag, uses)
        .join_from(post_tags, posts, posts.c.id == post_tags.c.post_id)
        .where(posts.c.status == param("status", posts.c.status))
        .group_by(post_tags.c.tag)
        .order_by(uses.desc(), post_tags.c.tag)
        .limit(count_param("limit"))
    )


def comment_rows(names: Collection[str]) -> Query:
    """One comment (``comment_id``) or a post's comments oldest first (``post_id``,
    ``limit``, optionally after ``after_at``/``after_id``). Row layout: id, post_id,
    body, created_at, AUTHOR_COLUMNS, following."""
    query = sa.select(
        comments.c.id,
        comments.c.post_id,
        comments.c.body,
        comments.c.created_at,
        *AUTHOR_COLUMNS,
        viewer_follows(comments.c.author_id, names),
    ).join_from(comments, users, users.c.id == comments.c.author_id)
    if "comment_id" in names:
        return query.where(comments.c.id == param("comment_id", comments.c.id))
    query = query.where(comments.c.post_id == param("post_id", comments.c.post_id))
    if "after_id" in names:
        mark = (param("after_at", comments.c.created_at), param("after_id", comments.c.id))
        query = query.where(sa.tuple_(comments.c.created_at, comments.c.id) > sa.tuple_(*mark))
    return query.order_by(comments.c.created_at, comments.c.id).limit(count_param("limit"))


def author_row(names: Collection[str]) -> Query:
    """An active user by canonical ``username``: AUTHOR_COLUMNS, following."""
    return sa.select(*AUTHOR_COLUMNS, viewer_follows(users.c.id, names)).where(
        users.c.username_canonical == param("username", users.c.username_canonical),
        users.c.is_active.is_(True),
    )
