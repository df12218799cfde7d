"""PostQueries contract, around the posts: comments, the tag cloud, author profiles."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import replace

import pytest

from application.content_models import AuthorView, TagCount
from application.post_query import Keyset, PostQuery
from tests.integration.builders import a_user
from tests.integration.databases import SqlDatabase
from tests.integration.query_store import Store, at, comment, open_store, post, profile


@pytest.fixture
async def store(backend: SqlDatabase | None) -> AsyncIterator[Store]:
    async with open_store(backend) as opened:
        yield opened


async def test_comments_are_oldest_first_with_ties_broken_by_id(store: Store) -> None:
    author, reader = a_user("author"), a_user("reader")
    on, elsewhere = post(author, "on"), post(author, "elsewhere")
    tied = sorted(
        (comment(on, reader, created=at(5), body=f"t{i}") for i in range(3)), key=lambda c: c.id
    )
    first, last = (
        comment(on, author, created=at(1), body="first"),
        comment(on, reader, created=at(9), body="last"),
    )
    await store.add(author, reader, on, elsewhere, last, *tied, first, comment(elsewhere, reader))
    in_order = [first.body, *(c.body for c in tied), last.body]

    everything = await store.queries.comments(on.id, None, limit=10)
    assert [c.body for c in everything] == in_order
    assert [c.body for c in await store.queries.comments(on.id, None, limit=2)] == in_order[:2]
    mark = Keyset(created_at=at(5), id=tied[0].id)
    after = await store.queries.comments(on.id, None, limit=10, after=mark)
    assert [c.body for c in after] == in_order[2:]
    assert await store.queries.comments(uuid.uuid4(), None, limit=10) == []


async def test_a_comment_reads_back_whole_with_the_viewers_following_flag(store: Store) -> None:
    author, reader = a_user("author"), a_user("reader")
    on = post(author)
    written = comment(on, author, created=at(3), body="Thanks for reading")
    await store.add(author, reader, on, written)
    await store.follow(reader, author)

    as_reader = await store.queries.comment(written.id, reader.id)
    as_anyone = await store.queries.comment(written.id, None)

    assert as_reader is not None
    assert (as_reader.id, as_reader.post_id, as_reader.body) == (written.id, on.id, written.body)
    assert as_reader.created_at == at(3)
    assert as_reader.author == profile(author, following=True)
    assert as_anyone is not None
    assert as_anyone.author.following is False
    assert [
        c.author.following for c in await store.queries.comments(on.id, reader.id, limit=5)
    ] == [True]
    assert await store.queries.comment(uuid.uuid4(), reader.id) is None


async def test_tags_count_published_posts_most_used_first_then_by_name(store: Store) -> None:
    author = a_user("author")
    await store.add(
        author,
        post(author, "a", tags=["web", "python", "zen"]),
        post(author, "b", tags=["python", "async"]),
        post(author, "c", tags=["web", "python"]),
        post(author, "d", tags=["web", "drafty"], published=False),
        post(author, "e"),
    )

    assert await store.queries.tags(10) == [
        TagCount("python", 3),
        TagCount("web", 2),
        TagCount("async", 1),
        TagCount("zen", 1),
    ]
    assert await store.queries.tags(2) == [TagCount("python", 3), TagCount("web", 2)]


async def test_tags_of_deleted_posts_are_gone(store: Store) -> None:
    author = a_user("author")
    doomed = post(author, "doomed", tags=["gone"])
    await store.add(author, doomed, post(author, "kept", tags=["kept"]))
    await store.delete(doomed)

    assert await store.queries.tags(10) == [TagCount("kept", 1)]


async def test_an_author_profile_is_found_case_insensitively_when_active(store: Store) -> None:
    author, fan = a_user("The_Author"), a_user("fan")
    retired = a_user("retired", is_active=False)
    await store.add(author, fan, retired)
    await store.follow(fan, author)
    await store.follow(fan, retired)

    assert await store.queries.author("the_AUTHOR", fan.id) == profile(author, following=True)
    found = await store.queries.author("The_Author", None)
    assert found is not None
    assert found.following is False
    assert await store.queries.author("retired", fan.id) is None
    assert await store.queries.author("nobody", fan.id) is None


async def test_an_author_without_profile_details_reads_back_with_nones(store: Store) -> None:
    plain = replace(a_user("plain"), full_name=None, bio=None, image=None)
    await store.add(plain, post(plain))

    assert await store.queries.author("plain", None) == AuthorView("plain", None, None, None, False)
    [listed] = await store.queries.posts(PostQuery(limit=1), None)
    assert listed.author == AuthorView("plain", None, None, None, False)
