"""Choosing the public slug a post takes when it is first published."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from application.ports import UnitOfWork
from domain.errors import SlugTaken
from domain.posts import Post

T = TypeVar("T")

SLUG_RACE_ATTEMPTS = 3


async def first_free_public_slug(uow: UnitOfWork, post: Post) -> str:
    """The first of the post's ``public_slug_choices`` that no other post holds. Only
    posts that have been published hold slugs of that shape (draft slugs have another),
    so the choice reveals no draft. ``SlugTaken`` when every choice is held."""
    if post.slug_is_frozen:
        return post.slug
    for slug in post.public_slug_choices:
        if not await uow.posts.slug_exists(slug):
            return slug
    raise SlugTaken()


async def retrying_slug_races(attempt: Callable[[], Awaitable[T]]) -> T:
    """Run a publishing use case (one Unit of Work) again when another writer took the
    chosen slug between our check and our write: the database's unique index refuses
    ours (``SlugTaken``), our Unit of Work rolls back, and the next run sees the slug
    as held and picks the next choice."""
    for _ in range(SLUG_RACE_ATTEMPTS - 1):
        try:
            return await attempt()
        except SlugTaken:
            continue
    return await attempt()
