"""CommentRepository contract: comments round-trip and keep their post's count."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from application.ports import UnitOfWorkFactory
from domain.comments import Comment
from domain.errors import CommentNotFound, PostNotFound
from tests.integration.content_builders import (
    a_comment,
    an_author_with_a_post,
    commit_after,
    outcome,
    settle,
    stored_post,
)


async def _store_comments(uow_factory: UnitOfWorkFactory, *comments: Comment) -> None:
    async with uow_factory() as uow:
        for comment in comments:
            await uow.comments.add(comment)
        await uow.commit()


async def _load(uow_factory: UnitOfWorkFactory, comment_id: uuid.UUID) -> Comment | None:
    async with uow_factory() as uow:
        return await uow.comments.get(comment_id)


async def test_a_stored_comment_reads_back_with_every_field(
    uow_factory: UnitOfWorkFactory,
) -> None:
    author, post = await an_author_with_a_post(uow_factory)
    comment = a_comment(post, author, body="Ünïcode, *Markdown* and\nnew lines.")
    await _store_comments(uow_factory, comment)

    assert await _load(uow_factory, comment.id) == comment
    assert await _load(uow_factory, uuid.uuid4()) is None


async def test_comments_added_and_deleted_keep_the_count_without_touching_the_version(
    uow_factory: UnitOfWorkFactory,
) -> None:
    author, post = await an_author_with_a_post(uow_factory)
    first, second = a_comment(post, author), a_comment(post, author, "Second")
    await _store_comments(uow_factory, first, second)
    async with uow_factory() as uow:
        await commit_after(uow, uow.comments.delete(first))

    stored = await stored_post(uow_factory, post.id)
    assert (stored.comments_count, stored.version) == (1, 1)
    assert await _load(uow_factory, first.id) is None


async def test_a_comment_on_a_missing_post_is_refused(uow_factory: UnitOfWorkFactory) -> None:
    author, post = await an_author_with_a_post(uow_factory)
    orphan = Comment(uuid.uuid4(), uuid.uuid4(), author.id, "Hello?", post.created_at)

    async with uow_factory() as uow:
        with pytest.raises(PostNotFound):
            await uow.comments.add(orphan)


async def test_a_comment_rolled_back_leaves_neither_comment_nor_count(
    uow_factory: UnitOfWorkFactory,
) -> None:
    author, post = await an_author_with_a_post(uow_factory)
    comment = a_comment(post, author)
    async with uow_factory() as uow:
        await uow.comments.add(comment)
        assert await uow.comments.get(comment.id) == comment

    assert await _load(uow_factory, comment.id) is None
    assert (await stored_post(uow_factory, post.id)).comments_count == 0


async def test_of_two_concurrent_deletions_of_a_comment_the_second_finds_it_gone(
    uow_factory: UnitOfWorkFactory,
) -> None:
    author, post = await an_author_with_a_post(uow_factory)
    comment, kept = a_comment(post, author), a_comment(post, author, "Kept")
    await _store_comments(uow_factory, comment, kept)

    async with uow_factory() as first, uow_factory() as second:
        await first.comments.delete(comment)
        racer = asyncio.create_task(outcome(commit_after(second, second.comments.delete(comment))))
        await settle()
        outcomes = [await outcome(first.commit()), await racer]

    assert outcomes == ["ok", CommentNotFound.code]
    assert (await stored_post(uow_factory, post.id)).comments_count == 1


async def test_deleting_a_post_deletes_its_comments(uow_factory: UnitOfWorkFactory) -> None:
    author, post = await an_author_with_a_post(uow_factory)
    comment = a_comment(post, author)
    await _store_comments(uow_factory, comment)

    async with uow_factory() as uow:
        await commit_after(uow, uow.posts.delete(await stored_post(uow_factory, post.id)))

    assert await _load(uow_factory, comment.id) is None
