"""A read call's arguments as named values, the names bound being the statement's
shape (see ``read_path.py``). Names are added in a fixed order, so one set of names
is always one shape."""

from __future__ import annotations

import uuid

from adapters.query_terms import matchable, tag_term, username_term, utc
from adapters.sqlalchemy.search import like_pattern
from application.post_query import Keyset, PostQuery
from domain.posts import PostStatus

Values = dict[str, object]


def filter_values(query: PostQuery) -> Values | None:
    """The WHERE clause's values, or ``None`` when the query can match nothing (drafts
    asked for outside any draft scope, an unmatchable term)."""
    terms = (query.author, query.tag, query.favorited_by, query.q)
    if not all(matchable(term) for term in terms if term is not None):
        return None
    values: Values = {"status": query.status.value}
    if query.status is PostStatus.DRAFT and not query.drafts.everyone:
        if query.drafts.author_id is None:
            return None
        values["draft_author"] = query.drafts.author_id
    if query.author is not None:
        values["author"] = username_term(query.author)
    if query.tag is not None:
        values["tag"] = tag_term(query.tag)
    if query.favorited_by is not None:
        values["favorited_by"] = username_term(query.favorited_by)
    if query.followed_by is not None:
        values["followed_by"] = query.followed_by
    if query.q is not None:
        values["q"] = like_pattern(query.q)
    if query.created_after is not None:
        values["created_after"] = utc(query.created_after)
    if query.created_before is not None:
        values["created_before"] = utc(query.created_before)
    return values


def add_viewer(values: Values, viewer_id: uuid.UUID | None) -> None:
    if viewer_id is not None:
        values["viewer"] = viewer_id


def add_position(values: Values, after: Keyset | None) -> None:
    if after is not None:
        values["after_at"] = utc(after.created_at)
        values["after_id"] = after.id
