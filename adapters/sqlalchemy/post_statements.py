"""Post statements: single posts, pages and counts, filters combined with AND.

Terms arrive already normalised (``adapters/query_terms.py``); ``q`` as a LIKE pattern
with ``\\`` escaping (``search.like_pattern``)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

import sqlalchemy as sa

from adapters.sqlalchemy.content_tables import favorites, follows, post_tags, posts
from adapters.sqlalchemy.read_statements import (
    AUTHOR_COLUMNS,
    Clause,
    Column,
    Query,
    count_param,
    param,
    viewer_follows,
)
from adapters.sqlalchemy.search import casefolded
from adapters.sqlalchemy.tables import users

POST_COLUMNS = (
    *(posts.c[name] for name in ("id", "slug", "title", "description", "tags", "status")),
    *(posts.c[name] for name in ("author_id", "created_at", "updated_at", "published_at")),
    *(posts.c[name] for name in ("favorites_count", "comments_count", "version")),
)
"""Row layout of a post: POST_COLUMNS, AUTHOR_COLUMNS, favorited, following[, body]."""

_fans = users.alias("fans")
_authors = users.alias("authors")


def _viewer_favorited(names: Collection[str]) -> Column:
    if "viewer" not in names:
        return sa.false().label("favorited")
    viewer = param("viewer", favorites.c.user_id)
    favorite = sa.exists().where(favorites.c.post_id == posts.c.id, favorites.c.user_id == viewer)
    return favorite.label("favorited")


def _pattern_matches(column: sa.Column[Any]) -> Clause:
    return casefolded(column).like(param("q", posts.c.title), escape="\\")


_POST_FILTERS: dict[str, Callable[[], Clause]] = {
    "post_id": lambda: posts.c.id == param("post_id", posts.c.id),
    "slug": lambda: posts.c.slug == param("slug", posts.c.slug),
    "status": lambda: posts.c.status == param("status", posts.c.status),
    "draft_author": lambda: posts.c.author_id == param("draft_author", posts.c.author_id),
    "author": lambda: (
        posts.c.author_id
        == sa.select(_authors.c.id)
        .where(_authors.c.username_canonical == param("author", users.c.username_canonical))
        .scalar_subquery()
    ),
    "tag": lambda: sa.exists().where(
        post_tags.c.post_id == posts.c.id, post_tags.c.tag == param("tag", post_tags.c.tag)
    ),
    "favorited_by": lambda: (
        sa.exists()
        .select_from(favorites.join(_fans, _fans.c.id == favorites.c.user_id))
        .where(
            favorites.c.post_id == posts.c.id,
            _fans.c.username_canonical == param("favorited_by", users.c.username_canonical),
        )
    ),
    "followed_by": lambda: sa.exists().where(
        follows.c.follower_id == param("followed_by", follows.c.follower_id),
        follows.c.followee_id == posts.c.author_id,
    ),
    "q": lambda: sa.or_(_pattern_matches(posts.c.title), _pattern_matches(posts.c.body)),
    "created_after": lambda: posts.c.created_at >= param("created_after", posts.c.created_at),
    "created_before": lambda: posts.c.created_at < param("created_before", posts.c.created_at),
}


def _post_filters(names: Collection[str]) -> list[Clause]:
    return [build() for name, build in _POST_FILTERS.items() if name in names]


def post_rows(names: Collection[str], *, detail: bool = False, oldest_first: bool = False) -> Query:
    """Posts with their author and the viewer's flags. With ``limit`` in ``names`` it
    is a page: ordered by (created_at, id), after ``after_at``/``after_id``, ``offset``."""
    columns = [*POST_COLUMNS, *AUTHOR_COLUMNS, _viewer_favorited(names)]
    columns.append(viewer_follows(posts.c.author_id, names))
    if detail:
        columns.append(posts.c.body)
    query = sa.select(*columns).join_from(posts, users, users.c.id == posts.c.author_id)
    query = query.where(*_post_filters(names))
    if "limit" not in names:
        return query
    position = sa.tuple_(posts.c.created_at, posts.c.id)
    if "after_id" in names:
        mark = sa.tuple_(param("after_at", posts.c.created_at), param("after_id", posts.c.id))
        query = query.where(position > mark if oldest_first else position < mark)
    order = (posts.c.created_at, posts.c.id)
    query = query.order_by(*(order if oldest_first else (c.desc() for c in order)))
    if "offset" in names:
        query = query.offset(count_param("offset"))
    return query.limit(count_param("limit"))


def post_count(names: Collection[str]) -> Query:
    return sa.select(sa.func.count()).select_from(posts).where(*_post_filters(names))
