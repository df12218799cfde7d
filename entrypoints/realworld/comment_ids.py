"""RealWorld comment ids are integers; Inkport's are UUIDs.

A comment's RealWorld id is the low 53 bits of its UUID (random bits in UUID v4; 53 bits
so that JavaScript clients read it exactly): stable for the comment's lifetime and
derived from nothing else. It is looked up within its article only, where two comments
share a number with probability n²/2⁵⁴ for n comments; if that ever happens the number
is refused as ambiguous rather than guessed."""

from __future__ import annotations

import uuid

from application.content_models import CommentView
from application.pagination import MAX_LIMIT
from application.read_models import Actor
from application.services.comments import CommentService
from domain.errors import CommentNotFound
from entrypoints.realworld.errors import ConduitError

MAX_NUMBER = 2**53 - 1


def number_of(comment_id: uuid.UUID) -> int:
    return comment_id.int & MAX_NUMBER


async def all_comments(
    comments: CommentService, viewer: Actor | None, slug: str
) -> list[CommentView]:
    """Every comment of the article, oldest first (RealWorld does not page comments)."""
    found: list[CommentView] = []
    cursor: str | None = None
    while True:
        page = await comments.list(viewer, slug, limit=MAX_LIMIT, cursor=cursor)
        found += page.items
        if page.next_cursor is None:
            return found
        cursor = page.next_cursor


async def comment_id_for(
    comments: CommentService, viewer: Actor | None, slug: str, number: int
) -> uuid.UUID:
    """Raises ``PostNotFound`` for an unknown article, ``CommentNotFound`` for an unknown
    number on a known one."""
    matches = [
        c.id for c in await all_comments(comments, viewer, slug) if number_of(c.id) == number
    ]
    if not matches:
        raise CommentNotFound()
    if len(matches) > 1:
        raise ConduitError(409, "comment", "id is ambiguous")
    return matches[0]
