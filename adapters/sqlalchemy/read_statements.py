"""The read side's SQL, written once in SQLAlchemy Core for both dialects.

Each builder gets the names of the parameters a call binds (its "shape") and returns
the statement for exactly that shape, so ``read_path.py`` can compile each shape once.
Every value is a named bind parameter: nothing from a request is ever rendered into
SQL text."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

import sqlalchemy as sa

from adapters.sqlalchemy.content_tables import comments, favorites, follows, post_tags, posts
from adapters.sqlalchemy.search import casefolded
from adapters.sqlalchemy.tables import users

Clause = sa.ColumnElement[bool]
Column = sa.ColumnElement[Any]
Query = sa.Select[Any]

AUTHOR_COLUMNS = (users.c.username, users.c.full_name, users.c.bio, users.c.image)
POST_COLUMNS = (
    *(posts.c[name] for name in ("id", "slug", "title", "description", "tags", "status")),
    *(posts.c[name] for name in ("author_id", "created_at", "updated_at", "published_at")),
    *(posts.c[name] for name in ("favorites_count", "comments_count", "version")),
)
"""Row layout of a post: POST_COLUMNS, AUTHOR_COLUMNS, favorited, following[, body]."""

_fans = users.alias("fans")
_authors = users.alias("authors")


def _param(name: str, column: sa.Column[object] | None = None) -> sa.BindParameter[object]:
    return sa.bindparam(name, type_=column.type if column is not None else sa.Integer())


def _viewer_follows(author_id: Column, names: Collection[str]) -> Column:
    if "viewer" not in names:
        return sa.false().label("following")
    viewer = _param("viewer", follows.c.follower_id)
    follow = sa.exists().where(follows.c.follower_id == viewer, follows.c.followee_id == author_id)
    return follow.label("following")


def _viewer_favorited(names: Collection[str]) -> Column:
    if "viewer" not in names:
        return sa.false().label("favorited")
    viewer = _param("viewer", favorites.c.user_id)
    favorite = sa.exists().where(favorites.c.post_id == posts.c.id, favorites.c.user_id == viewer)
    return favorite.label("favorited")


def _pattern_matches(column: sa.Column[object]) -> Clause:
    return casefolded(column).like(_param("q", posts.c.title), escape="\\")


_POST_FILTERS: dict[str, Callable[[], Clause]] = {
    "post_id": lambda: posts.c.id == _param("post_id", posts.c.id),
    "slug": lambda: posts.c.slug == _param("slug", posts.c.slug),
    "status": lambda: posts.c.status == _param("status", posts.c.status),
    "draft_author": lambda: posts.c.author_id == _param("draft_author", posts.c.author_id),
    "author": lambda: (
        posts.c.author_id
        == sa.select(_authors.c.id)
        .where(_authors.c.username_canonical == _param("author", users.c.username_canonical))
        .scalar_subquery()
    ),
    "tag": lambda: sa.exists().where(
        post_tags.c.post_id == posts.c.id, post_tags.c.tag == _param("tag", post_tags.c.tag)
    ),
    "favorited_by": lambda: (
        sa.exists()
        .select_from(favorites.join(_fans, _fans.c.id == favorites.c.user_id))
        .where(
            favorites.c.post_id == posts.c.id,
            _fans.c.username_canonical == _param("favorited_by", users.c.username_canonical),
        )
    ),
    "followed_by": lambda: sa.exists().where(
        follows.c.follower_id == _param("followed_by", follows.c.follower_id),
        follows.c.followee_id == posts.c.author_id,
    ),
    "q": lambda: sa.or_(_pattern_matches(posts.c.title), _pattern_matches(posts.c.body)),
    "created_after": lambda: posts.c.created_at >= _param("created_after", posts.c.created_at),
    "created_before": lambda: posts.c.created_at < _param("created_before", posts.c.created_at),
}


def _post_filters(names: Collection[str]) -> list[Clause]:
    return [build() for name, build in _POST_FILTERS.items() if name in names]


def post_rows(names: Collection[str], *, detail: bool = False, oldest_first: bool = False) -> Query:
    """Posts with their author and the viewer's flags. With ``limit`` in ``names`` it
    is a page: ordered by (created_at, id), after ``after_at``/``after_id``, ``offset``."""
    columns = [*POST_COLUMNS, *AUTHOR_COLUMNS, _viewer_favorited(names)]
    columns.append(_viewer_follows(posts.c.author_id, names))
    if detail:
        columns.append(posts.c.body)
    query = sa.select(*columns).join_from(posts, users, users.c.id == posts.c.author_id)
    query = query.where(*_post_filters(names))
    if "limit" not in names:
        return query
    position = sa.tuple_(posts.c.created_at, posts.c.id)
    if "after_id" in names:
        mark = sa.tuple_(_param("after_at", posts.c.created_at), _param("after_id", posts.c.id))
        query = query.where(position > mark if oldest_first else position < mark)
    order = (posts.c.created_at, posts.c.id)
    query = query.order_by(*(order if oldest_first else (c.desc() for c in order)))
    if "offset" in names:
        query = query.offset(_param("offset"))
    return query.limit(_param("limit"))


def post_count(names: Collection[str]) -> Query:
    return sa.select(sa.func.count()).select_from(posts).where(*_post_filters(names))


def tag_counts() -> Query:
    """Tags of posts with status ``status``, most used first, then by name."""
    uses = sa.func.count().label("uses")
    return (
        sa.select(post_tags.c.tag, uses)
        .join_from(post_tags, posts, posts.c.id == post_tags.c.post_id)
        .where(posts.c.status == _param("status", posts.c.status))
        .group_by(post_tags.c.tag)
        .order_by(uses.desc(), post_tags.c.tag)
        .limit(_param("limit"))
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
        _viewer_follows(comments.c.author_id, names),
    ).join_from(comments, users, users.c.id == comments.c.author_id)
    if "comment_id" in names:
        return query.where(comments.c.id == _param("comment_id", comments.c.id))
    query = query.where(comments.c.post_id == _param("post_id", comments.c.post_id))
    if "after_id" in names:
        mark = (_param("after_at", comments.c.created_at), _param("after_id", comments.c.id))
        query = query.where(sa.tuple_(comments.c.created_at, comments.c.id) > sa.tuple_(*mark))
    return query.order_by(comments.c.created_at, comments.c.id).limit(_param("limit"))


def author_row(names: Collection[str]) -> Query:
    """An active user by canonical ``username``: AUTHOR_COLUMNS, following."""
    return sa.select(*AUTHOR_COLUMNS, _viewer_follows(users.c.id, names)).where(
        users.c.username_canonical == _param("username", users.c.username_canonical),
        users.c.is_active.is_(True),
    )
