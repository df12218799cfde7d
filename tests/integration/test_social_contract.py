"""FavoriteRepository and FollowRepository contract: once per pair, counts kept, also when
two Units of Work add the same pair at once."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from application.ports import UnitOfWorkFactory
from application.ports.content import FollowerRef
from domain.errors import PostNotFound, ValidationFailed
from domain.users import User
from tests.integration.builders import a_user, store
from tests.integration.content_builders import (
    an_author_with_a_post,
    commit_after,
    settle,
    stored_post,
)


async def _a_fan(uow_factory: UnitOfWorkFactory, name: str = "fan") -> User:
    fan = a_user(name)
    await store(uow_factory, fan)
    return fan


async def test_favouriting_twice_keeps_one_favourite_and_unfavouriting_takes_it_away(
    uow_factory: UnitOfWorkFactory,
) -> None:
    _, post = await an_author_with_a_post(uow_factory)
    fan, other = await _a_fan(uow_factory), await _a_fan(uow_factory, "other")

    async with uow_factory() as uow:
        assert await uow.favorites.add(fan.id, post.id)
        assert not await uow.favorites.add(fan.id, post.id)
        assert await uow.favorites.add(other.id, post.id)
        await uow.commit()
    assert (await stored_post(uow_factory, post.id)).favorites_count == 2

    async with uow_factory() as uow:
        assert not await uow.favorites.add(fan.id, post.id)
        assert await uow.favorites.remove(fan.id, post.id)
        assert not await uow.favorites.remove(fan.id, post.id)
        await uow.commit()
    stored = await stored_post(uow_factory, post.id)
    assert (stored.favorites_count, stored.version) == (1, 1)


async def test_a_favourite_rolled_back_leaves_no_count(uow_factory: UnitOfWorkFactory) -> None:
    _, post = await an_author_with_a_post(uow_factory)
    fan = await _a_fan(uow_factory)

    async with uow_factory() as uow:
        assert await uow.favorites.add(fan.id, post.id)

    assert (await stored_post(uow_factory, post.id)).favorites_count == 0


async def test_favouriting_a_missing_post_is_refused(uow_factory: UnitOfWorkFactory) -> None:
    fan = await _a_fan(uow_factory)

    async with uow_factory() as uow:
        with pytest.raises(PostNotFound):
            await uow.favorites.add(fan.id, uuid.uuid4())


async def test_two_units_of_work_favouriting_one_post_at_once_make_one_favourite(
    uow_factory: UnitOfWorkFactory,
) -> None:
    _, post = await an_author_with_a_post(uow_factory)
    fan = await _a_fan(uow_factory)

    async with uow_factory() as first, uow_factory() as second:
        assert await first.favorites.add(fan.id, post.id)
        racer = asyncio.create_task(commit_after(second, second.favorites.add(fan.id, post.id)))
        await settle()
        await first.commit()
        assert await racer is False

    assert (await stored_post(uow_factory, post.id)).favorites_count == 1


async def test_deleting_a_post_deletes_its_favourites(uow_factory: UnitOfWorkFactory) -> None:
    _, post = await an_author_with_a_post(uow_factory)
    fan = await _a_fan(uow_factory)
    async with uow_factory() as uow:
        await commit_after(uow, uow.favorites.add(fan.id, post.id))

    async with uow_factory() as uow:
        await commit_after(uow, uow.posts.delete(await stored_post(uow_factory, post.id)))

    async with uow_factory() as uow:
        assert not await uow.favorites.remove(fan.id, post.id)


async def test_following_twice_keeps_one_follow(uow_factory: UnitOfWorkFactory) -> None:
    author, fan = await _a_fan(uow_factory, "author"), await _a_fan(uow_factory)

    async with uow_factory() as uow:
        assert await uow.follows.add(fan.id, author.id)
        assert not await uow.follows.add(fan.id, author.id)
        await uow.commit()
    async with uow_factory() as uow:
        assert not await uow.follows.add(fan.id, author.id)
        assert await uow.follows.remove(fan.id, author.id)
        assert not await uow.follows.remove(fan.id, author.id)
        assert await uow.follows.add(author.id, fan.id)  # the other way round is another


async def test_two_units_of_work_following_at_once_make_one_follow(
    uow_factory: UnitOfWorkFactory,
) -> None:
    author, fan = await _a_fan(uow_factory, "author"), await _a_fan(uow_factory)

    async with uow_factory() as first, uow_factory() as second:
        assert await first.follows.add(fan.id, author.id)
        racer = asyncio.create_task(commit_after(second, second.follows.add(fan.id, author.id)))
        await settle()
        await first.commit()
        assert await racer is False


async def test_nobody_follows_themselves(uow_factory: UnitOfWorkFactory) -> None:
    fan = await _a_fan(uow_factory)

    async with uow_factory() as uow:
        with pytest.raises(ValidationFailed):
            await uow.follows.add(fan.id, fan.id)


async def test_followers_are_listed_with_their_usernames_oldest_follow_first(
    uow_factory: UnitOfWorkFactory,
) -> None:
    author = await _a_fan(uow_factory, "author")
    first, second, stranger = [await _a_fan(uow_factory, name) for name in ("Zed_1", "amy", "bob")]
    for fan in (first, second):
        async with uow_factory() as uow:
            await commit_after(uow, uow.follows.add(fan.id, author.id))
    async with uow_factory() as uow:
        await commit_after(uow, uow.follows.add(author.id, stranger.id))

    async with uow_factory() as uow:
        followers = await uow.follows.followers(author.id)

    assert followers == [
        FollowerRef(user_id=first.id, username="Zed_1"),
        FollowerRef(user_id=second.id, username="amy"),
    ]


async def test_a_user_nobody_follows_has_no_followers_and_unfollowing_removes_one(
    uow_factory: UnitOfWorkFactory,
) -> None:
    author, fan = await _a_fan(uow_factory, "author"), await _a_fan(uow_factory)
    async with uow_factory() as uow:
        assert await uow.follows.followers(author.id) == []
        await commit_after(uow, uow.follows.add(fan.id, author.id))

    async with uow_factory() as uow:
        assert await uow.follows.remove(fan.id, author.id)
        assert await uow.follows.followers(author.id) == []
        await uow.rollback()
    async with uow_factory() as uow:
        assert [ref.user_id for ref in await uow.follows.followers(author.id)] == [fan.id]
