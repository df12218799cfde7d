"""Content test data: posts and comments with every field worth round-tripping set."""

from __future__ import annotations

import asyncio
import dataclasses
import uuid
from collections.abc import Awaitable
from datetime import timedelta
from typing import Any

from application.ports import UnitOfWork, UnitOfWorkFactory
from domain.comments import Comment
from domain.errors import DomainError
from domain.posts import Post, PostStatus
from domain.tags import Tag
from domain.users import User
from tests.integration.builders import LATER, NOW, a_user, store

# Long enough for a blocked statement to show that it blocks, short enough to stay fast.
SETTLE_SECONDS = 0.2


def a_post(author: User, *, slug: str = "hello-world", published: bool = True) -> Post:
    return Post(
        id=uuid.uuid4(),
        author_id=author.id,
        title="Hello, world",
        slug=slug,
        description="A first post",
        body="# Hello\n\nSome *Markdown* – with ünïcode.",
        # Not in order, on purpose: every adapter hands tags back sorted.
        tags=(Tag("python"), Tag("async"), Tag("web")),
        status=PostStatus.PUBLISHED if published else PostStatus.DRAFT,
        created_at=NOW,
        updated_at=LATER,
        published_at=NOW + timedelta(seconds=1) if published else None,
    )


def a_comment(post: Post, author: User, body: str = "Nice post!") -> Comment:
    return Comment.write(post_id=post.id, author_id=author.id, body=body, now=LATER)


def fields_of(post: Post) -> dict[str, Any]:
    """Everything a repository stores (``Post`` compares by identity)."""
    return {f.name: getattr(post, f.name) for f in dataclasses.fields(post) if f.name != "events"}


async def an_author_with_a_post(uow_factory: UnitOfWorkFactory) -> tuple[User, Post]:
    author = a_user("author")
    post = a_post(author)
    await store(uow_factory, author)
    await store_posts(uow_factory, post)
    return author, post


async def store_posts(uow_factory: UnitOfWorkFactory, *posts: Post) -> None:
    async with uow_factory() as uow:
        for post in posts:
            await uow.posts.add(post)
        await uow.commit()


async def load_post(uow_factory: UnitOfWorkFactory, post_id: uuid.UUID) -> Post | None:
    async with uow_factory() as uow:
        return await uow.posts.get(post_id)


async def stored_post(uow_factory: UnitOfWorkFactory, post_id: uuid.UUID) -> Post:
    post = await load_post(uow_factory, post_id)
    assert post is not None
    return post


async def outcome(work: Awaitable[object]) -> str:
    """``"ok"`` or the code of the domain error the work raised."""
    try:
        await work
    except DomainError as error:
        return error.code
    return "ok"


async def commit_after(uow: UnitOfWork, work: Awaitable[object]) -> object:
    """A conflict may surface at either step, depending on the adapter."""
    result = await work
    await uow.commit()
    return result


async def settle() -> None:
    await asyncio.sleep(SETTLE_SECONDS)
