"""Viewer-specific flags never travel through the cache; the tag list is cached and fresh."""

from __future__ import annotations

import pytest

from adapters.cache.memory import InMemoryCache
from domain.users import Role
from tests.unit.conftest import App, build_app


@pytest.fixture
def app() -> App:
    return build_app(cache=InMemoryCache(max_entries=100))


async def test_one_viewers_flags_never_reach_another_viewer(app: App) -> None:
    author = await app.sign_up("ada")
    fan = await app.sign_up("bob", Role.VIEWER)
    stranger = await app.sign_up("cyd", Role.VIEWER)
    post = await app.posts.create(author, title="Hello", body="b", publish=True)
    await app.posts.favorite(fan, post.id)
    await app.social.follow(fan, "ada")
    for ref in (post.id, post.slug, post.id, post.slug):  # cold, then warm
        as_fan = await app.posts.get(fan, ref)
        assert (as_fan.favorited, as_fan.author.following) == (True, True)
        for viewer in (None, stranger):
            seen = await app.posts.get(viewer, ref)
            assert (seen.favorited, seen.author.following) == (False, False)
            assert seen.favorites_count == 1


async def test_following_changes_are_seen_at_once_by_the_follower(app: App) -> None:
    author = await app.sign_up("ada")
    fan = await app.sign_up("bob", Role.VIEWER)
    post = await app.posts.create(author, title="Hello", body="b", publish=True)
    await app.posts.get(None, post.id)
    await app.social.follow(fan, "ada")
    assert (await app.posts.get(fan, post.id)).author.following
    await app.social.unfollow(fan, "ada")
    assert not (await app.posts.get(fan, post.id)).author.following


async def test_the_tag_list_is_cached_and_fresh_after_a_publish(app: App) -> None:
    author = await app.sign_up("ada")
    await app.posts.create(author, title="One", body="b", tags=["x"], publish=True)
    assert [(t.tag, t.posts) for t in await app.listing.tags()] == [("x", 1)]
    assert await app.listing.tags() == await app.listing.tags()
    draft = await app.posts.create(author, title="Two", body="b", tags=["x", "y"])
    assert [(t.tag, t.posts) for t in await app.listing.tags()] == [("x", 1)]
    await app.posts.publish(author, draft.id)
    assert [(t.tag, t.posts) for t in await app.listing.tags()] == [("x", 2), ("y", 1)]
