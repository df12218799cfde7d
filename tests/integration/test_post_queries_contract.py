"""PostQueries contract, single posts and list positions: every adapter reads the same
read models, in the same order, from the same committed data."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, timedelta

import pytest

from application.post_query import Keyset, PostQuery, PostSort
from domain.posts import PostStatus
from tests.integration.builders import a_user
from tests.integration.databases import SqlDatabase
from tests.integration.query_store import Store, at, comment, open_store, post, profile


@pytest.fixture
async def store(backend: SqlDatabase | None) -> AsyncIterator[Store]:
    async with open_store(backend) as opened:
        yield opened


async def test_a_post_reads_back_whole_by_id_and_by_slug(store: Store) -> None:
    author, fan = a_user("author"), a_user("fan")
    written = post(author, "Hello", tags=["web", "Python"], body="Body ünïcode")
    await store.add(author, fan, written, comment(written, fan))
    await store.favorite(fan, written)
    await store.follow(fan, author)

    by_id = await store.queries.post_by_id(written.id, fan.id)
    by_slug = await store.queries.post_by_slug(written.slug, fan.id)

    assert by_id is not None
    assert by_id == by_slug
    assert (by_id.id, by_id.slug, by_id.title) == (written.id, written.slug, "Hello")
    assert by_id.body == "Body ünïcode"
    assert by_id.description == "About Hello"
    assert by_id.tags == ("python", "web")
    assert (by_id.status, by_id.author_id, by_id.version) == (PostStatus.PUBLISHED, author.id, 1)
    assert by_id.author == profile(author, following=True)
    assert (by_id.favorites_count, by_id.favorited, by_id.comments_count) == (1, True, 1)
    assert by_id.created_at == written.created_at
    assert by_id.updated_at == written.updated_at
    assert by_id.published_at == written.published_at
    assert by_id.created_at.tzinfo is not None
    assert by_id.created_at.utcoffset() == timedelta(0)
    assert type(by_id.id) is uuid.UUID
    assert type(by_id.author_id) is uuid.UUID


async def test_flags_are_from_the_viewers_point_of_view(store: Store) -> None:
    author, fan, stranger = a_user("author"), a_user("fan"), a_user("stranger")
    written = post(author)
    await store.add(author, fan, stranger, written)
    await store.favorite(fan, written)
    await store.follow(fan, author)

    for viewer in (stranger.id, author.id, None):
        seen = await store.queries.post_by_id(written.id, viewer)
        assert seen is not None
        assert (seen.favorited, seen.author.following, seen.favorites_count) == (False, False, 1)
        [listed] = await store.queries.posts(PostQuery(limit=5), viewer)
        assert (listed.favorited, listed.author.following) == (False, False)
    [as_fan] = await store.queries.posts(PostQuery(limit=5), fan.id)
    assert (as_fan.favorited, as_fan.author.following, as_fan.favorites_count) == (True, True, 1)


async def test_drafts_are_read_by_id_and_unknown_posts_are_none(store: Store) -> None:
    author = a_user("author")
    draft = post(author, "Draft", published=False)
    await store.add(author, draft)

    found = await store.queries.post_by_id(draft.id, None)
    assert found is not None
    assert (found.status, found.published_at) == (PostStatus.DRAFT, None)
    assert await store.queries.post_by_id(uuid.uuid4(), None) is None
    assert await store.queries.post_by_slug("no-such-slug", None) is None


async def _titles(store: Store, query: PostQuery) -> list[str]:
    return [p.title for p in await store.queries.posts(query, None)]


async def test_lists_are_newest_first_with_ties_broken_by_id(store: Store) -> None:
    author = a_user("author")
    tied = sorted((post(author, f"tied {i}", created=at(5)) for i in range(3)), key=lambda p: p.id)
    await store.add(
        author, post(author, "old", created=at(1)), *tied, post(author, "new", created=at(9))
    )
    newest = ["new", *(p.title for p in reversed(tied)), "old"]

    assert await _titles(store, PostQuery(limit=10)) == newest
    assert await _titles(store, PostQuery(limit=10, sort=PostSort.OLDEST)) == newest[::-1]
    assert await _titles(store, PostQuery(limit=2)) == newest[:2]
    assert await _titles(store, PostQuery(limit=2, offset=3)) == newest[3:5]
    assert await _titles(store, PostQuery(limit=10, offset=7)) == []


async def test_a_keyset_page_starts_strictly_after_its_mark(store: Store) -> None:
    author = a_user("author")
    tied = sorted((post(author, f"tied {i}", created=at(5)) for i in range(3)), key=lambda p: p.id)
    await store.add(
        author, post(author, "old", created=at(1)), *tied, post(author, "new", created=at(9))
    )
    middle = Keyset(created_at=at(5), id=tied[1].id)

    after_newest = await _titles(store, PostQuery(limit=10, after=middle))
    after_oldest = await _titles(store, PostQuery(limit=10, after=middle, sort=PostSort.OLDEST))

    assert after_newest == [tied[0].title, "old"]
    assert after_oldest == [tied[2].title, "new"]
    # A mark need not be a stored post, and its offset from UTC does not matter.
    elsewhere = Keyset(created_at=at(5).astimezone(UTC).astimezone(), id=uuid.UUID(int=0))
    assert await _titles(store, PostQuery(limit=10, after=elsewhere)) == ["old"]
