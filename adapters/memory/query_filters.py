"""The filters of a ``PostQuery`` as one predicate over in-memory posts, mirroring the
SQL adapter's WHERE clause (terms are read as ``adapters/query_terms.py`` says)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from adapters.memory.database import InMemoryDatabase
from adapters.query_terms import matchable, tag_term, text_term, username_term, utc
from application.post_query import PostQuery
from domain.posts import Post, PostStatus

PostPredicate = Callable[[Post], bool]


def _user_id(db: InMemoryDatabase, username: str) -> uuid.UUID | None:
    wanted = username_term(username)
    return next((u.id for u in db.users.values() if u.username.canonical == wanted), None)


def _status_checks(query: PostQuery) -> list[PostPredicate]:
    if query.status is PostStatus.PUBLISHED:
        return [lambda p: p.status is PostStatus.PUBLISHED]
    scope = query.drafts
    if scope.everyone:
        return [lambda p: p.status is PostStatus.DRAFT]
    if scope.author_id is not None:
        owner = scope.author_id
        return [lambda p: p.status is PostStatus.DRAFT and p.author_id == owner]
    return [lambda _: False]


def post_matcher(query: PostQuery, db: InMemoryDatabase) -> PostPredicate:
    """Every filter of ``query`` combined with AND; position and limit are not filters."""
    terms = (query.author, query.tag, query.favorited_by, query.q)
    if not all(matchable(term) for term in terms if term is not None):
        return lambda _: False
    checks = _status_checks(query)
    if query.author is not None:
        author_id = _user_id(db, query.author)
        checks.append(lambda p: p.author_id == author_id)
    if query.tag is not None:
        tag = tag_term(query.tag)
        checks.append(lambda p: any(t.value == tag for t in p.tags))
    if query.favorited_by is not None:
        fan_id = _user_id(db, query.favorited_by)
        checks.append(lambda p: (fan_id, p.id) in db.favorites)
    if query.followed_by is not None:
        follower_id = query.followed_by
        checks.append(lambda p: (follower_id, p.author_id) in db.follows)
    if query.q is not None:
        needle = text_term(query.q)
        checks.append(lambda p: needle in text_term(p.title) or needle in text_term(p.body))
    if query.created_after is not None:
        start = utc(query.created_after)
        checks.append(lambda p: p.created_at >= start)
    if query.created_before is not None:
        end = utc(query.created_before)
        checks.append(lambda p: p.created_at < end)
    return lambda post: all(check(post) for check in checks)
