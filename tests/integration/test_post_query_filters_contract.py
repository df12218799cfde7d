"""PostQueries contract, filters: each one alone, combined, and counted alike."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import pytest

from application.post_query import DraftScope, PostQuery
from domain.posts import PostStatus
from domain.users import User
from tests.integration.builders import a_user
from tests.integration.databases import SqlDatabase
from tests.integration.query_store import Store, at, open_store, post


@pytest.fixture
async def store(backend: SqlDatabase | None) -> AsyncIterator[Store]:
    async with open_store(backend) as opened:
        yield opened


@pytest.fixture
async def people(store: Store) -> dict[str, User]:
    """ann writes a published "ann py" (tags python, web) and a draft; bob writes a
    published "bob web" (tag web) and a draft. cyd follows bob and favourites "ann py"."""
    ann, bob, cyd = a_user("Ann_W"), a_user("bob"), a_user("cyd")
    ann_py = post(ann, "ann py", created=at(1), tags=["python", "web"])
    await store.add(
        ann,
        bob,
        cyd,
        ann_py,
        post(ann, "ann draft", created=at(2), published=False),
        post(bob, "bob web", created=at(3), tags=["web"]),
        post(bob, "bob draft", created=at(4), published=False, tags=["python"]),
    )
    await store.favorite(cyd, ann_py)
    await store.follow(cyd, bob)
    return {"ann": ann, "bob": bob, "cyd": cyd}


async def _titles(store: Store, query: PostQuery) -> list[str]:
    """Newest first; also checks that ``count_posts`` agrees with the list."""
    titles = [p.title for p in await store.queries.posts(query, None)]
    assert await store.queries.count_posts(query) == len(titles)
    return titles


async def test_lists_show_published_posts_unless_drafts_are_asked_for(
    store: Store, people: dict[str, User]
) -> None:
    assert await _titles(store, PostQuery(limit=10)) == ["bob web", "ann py"]
    everyone = DraftScope(everyone=True)
    assert await _titles(store, PostQuery(limit=10, drafts=everyone)) == ["bob web", "ann py"]


async def test_a_draft_list_shows_only_the_drafts_in_its_scope(
    store: Store, people: dict[str, User]
) -> None:
    def drafts(scope: DraftScope) -> PostQuery:
        return PostQuery(limit=10, status=PostStatus.DRAFT, drafts=scope)

    assert await _titles(store, drafts(DraftScope(everyone=True))) == ["bob draft", "ann draft"]
    assert await _titles(store, drafts(DraftScope(author_id=people["ann"].id))) == ["ann draft"]
    assert await _titles(store, drafts(DraftScope(author_id=people["cyd"].id))) == []
    assert await _titles(store, drafts(DraftScope())) == []


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"author": "ann_w"}, ["ann py"]),
        ({"author": "ANN_W"}, ["ann py"]),
        ({"author": "nobody"}, []),
        ({"tag": "web"}, ["bob web", "ann py"]),
        ({"tag": " PyThon "}, ["ann py"]),
        ({"tag": "pyth"}, []),
        ({"favorited_by": "CYD"}, ["ann py"]),
        ({"favorited_by": "bob"}, []),
        ({"tag": "web", "author": "bob"}, ["bob web"]),
        ({"tag": "python", "author": "bob"}, []),
    ],
)
async def test_each_filter_narrows_the_list(
    store: Store, people: dict[str, User], filters: dict[str, Any], expected: list[str]
) -> None:
    assert await _titles(store, PostQuery(limit=10, **filters)) == expected


async def test_the_feed_filter_keeps_posts_by_authors_the_user_follows(
    store: Store, people: dict[str, User]
) -> None:
    assert await _titles(store, PostQuery(limit=10, followed_by=people["cyd"].id)) == ["bob web"]
    assert await _titles(store, PostQuery(limit=10, followed_by=people["bob"].id)) == []
    scope = DraftScope(everyone=True)
    cyd_drafts = PostQuery(
        limit=10, status=PostStatus.DRAFT, drafts=scope, followed_by=people["cyd"].id
    )
    assert await _titles(store, cyd_drafts) == ["bob draft"]


@pytest.mark.parametrize(
    ("after", "before", "expected"),
    [
        (at(1), None, ["bob web", "ann py"]),  # the lower bound is inclusive
        (at(1.5), None, ["bob web"]),
        (None, at(3), ["ann py"]),  # the upper bound is exclusive
        (None, at(3.5), ["bob web", "ann py"]),
        (at(1), at(3), ["ann py"]),
        (at(3), at(1), []),
    ],
)
async def test_the_creation_range_is_half_open(
    store: Store,
    people: dict[str, User],
    after: datetime | None,
    before: datetime | None,
    expected: list[str],
) -> None:
    query = PostQuery(limit=10, created_after=after, created_before=before)
    assert await _titles(store, query) == expected


async def test_a_naive_bound_is_taken_as_utc(store: Store, people: dict[str, User]) -> None:
    naive = at(1.5).replace(tzinfo=None)
    assert await _titles(store, PostQuery(limit=10, created_after=naive)) == ["bob web"]
    assert await _titles(store, PostQuery(limit=10, created_before=naive)) == ["ann py"]


async def test_counting_ignores_position_and_limit(store: Store, people: dict[str, User]) -> None:
    query = PostQuery(limit=1, offset=1, tag="web")
    assert len(await store.queries.posts(query, None)) == 1
    assert await store.queries.count_posts(query) == 2
