"""PostRepository contract under concurrency: two Units of Work in flight at once, as two
requests would be. Edits never silently overwrite each other; counters never conflict;
nobody shares a post's state with the store or another Unit of Work."""

from __future__ import annotations

import asyncio

from application.ports import UnitOfWorkFactory
from domain.posts import Post
from tests.integration.builders import LATER, a_user, store
from tests.integration.content_builders import (
    a_post,
    an_author_with_a_post,
    commit_after,
    load_post,
    outcome,
    settle,
    stored_post,
)


def _renamed(post: Post | None, title: str) -> Post:
    assert post is not None
    post.edit(now=LATER, title=title)
    return post


async def test_of_two_concurrent_edits_of_one_version_the_second_gets_an_edit_conflict(
    uow_factory: UnitOfWorkFactory,
) -> None:
    _, post = await an_author_with_a_post(uow_factory)

    async with uow_factory() as first, uow_factory() as second:
        mine = _renamed(await first.posts.get(post.id), "First")
        theirs = _renamed(await second.posts.get(post.id), "Second")
        await first.posts.update(mine)
        racer = asyncio.create_task(outcome(commit_after(second, second.posts.update(theirs))))
        await settle()
        outcomes = [await outcome(first.commit()), await racer]

    assert outcomes == ["ok", "edit_conflict"]
    stored = await stored_post(uow_factory, post.id)
    assert (stored.title, stored.version) == ("First", 2)


async def test_of_an_edit_and_a_delete_of_one_version_exactly_one_wins(
    uow_factory: UnitOfWorkFactory,
) -> None:
    _, post = await an_author_with_a_post(uow_factory)

    async with uow_factory() as editor, uow_factory() as deleter:
        edited = _renamed(await editor.posts.get(post.id), "Edited")
        doomed = await deleter.posts.get(post.id)
        assert doomed is not None
        await deleter.posts.delete(doomed)
        racer = asyncio.create_task(outcome(commit_after(editor, editor.posts.update(edited))))
        await settle()
        outcomes = [await outcome(deleter.commit()), await racer]

    assert outcomes == ["ok", "edit_conflict"]
    assert await load_post(uow_factory, post.id) is None


async def test_of_two_concurrent_posts_checked_free_for_one_slug_exactly_one_is_stored(
    uow_factory: UnitOfWorkFactory,
) -> None:
    # The race two publishers of one title run: the unique slug settles it (SQL makes the
    # second insert wait for the first commit; memory lets the first commit win).
    author = a_user()
    await store(uow_factory, author)
    mine, theirs = a_post(author, slug="same"), a_post(author, slug="same")

    async with uow_factory() as first, uow_factory() as second:
        assert not await first.posts.slug_exists("same")
        assert not await second.posts.slug_exists("same")
        await first.posts.add(mine)
        racer = asyncio.create_task(outcome(commit_after(second, second.posts.add(theirs))))
        await settle()
        outcomes = [await outcome(first.commit()), await racer]

    assert sorted(outcomes) == ["ok", "slug_taken"]
    stored = [await load_post(uow_factory, post.id) for post in (mine, theirs)]
    assert [post.slug for post in stored if post is not None] == ["same"]


async def test_a_favourite_added_during_an_edit_neither_conflicts_nor_gets_lost(
    uow_factory: UnitOfWorkFactory,
) -> None:
    _, post = await an_author_with_a_post(uow_factory)
    fan = a_user("fan")
    await store(uow_factory, fan)

    async with uow_factory() as editor, uow_factory() as other:
        edited = _renamed(await editor.posts.get(post.id), "Edited")
        await other.favorites.add(fan.id, post.id)
        racer = asyncio.create_task(outcome(commit_after(editor, editor.posts.update(edited))))
        await settle()
        outcomes = [await outcome(other.commit()), await racer]

    assert outcomes == ["ok", "ok"]
    stored = await stored_post(uow_factory, post.id)
    assert (stored.title, stored.version, stored.favorites_count) == ("Edited", 2, 1)


async def test_a_post_is_invisible_to_other_units_of_work_until_committed(
    uow_factory: UnitOfWorkFactory,
) -> None:
    _, post = await an_author_with_a_post(uow_factory)

    async with uow_factory() as writer, uow_factory() as reader:
        await writer.posts.delete(await stored_post(uow_factory, post.id))
        assert await writer.posts.get(post.id) is None
        assert await reader.posts.get(post.id) is not None
        await writer.commit()
        assert await reader.posts.get(post.id) is None


async def test_changing_a_post_after_adding_or_loading_it_changes_nothing_stored(
    uow_factory: UnitOfWorkFactory,
) -> None:
    _, post = await an_author_with_a_post(uow_factory)  # added, then left changed:
    post.title, post.tags = "Changed after add", ()

    async with uow_factory() as uow:
        loaded = await uow.posts.get(post.id)
        assert loaded is not None
        loaded.title = "Changed after load"
        assert (await stored_post(uow_factory, post.id)).title == "Hello, world"
        reloaded = await uow.posts.get(post.id)
        assert reloaded is not None
        assert (reloaded.title, len(reloaded.tags)) == ("Hello, world", 3)
