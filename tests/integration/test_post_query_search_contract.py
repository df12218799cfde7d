"""PostQueries contract, search and hostile input: ``q`` finds a case-insensitive
substring of the title or body, every character literal; no term is ever SQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from application.post_query import PostQuery
from tests.integration.builders import a_user
from tests.integration.databases import SqlDatabase
from tests.integration.query_store import Store, at, open_store, post

TITLES = {
    "percent": ("100% done", "Plain body."),
    "underscore": ("snake_case names", "Plain body."),
    "backslash": ("Windows paths", r"C:\Temp\new"),
    "quote": ("It's quoted", "She said 'hi'; then left -- fine."),
    "unicode": ("Über Straße", "Ünïcödé everywhere."),
    "plain": ("Ordinary", "Something ELSE entirely: 100 percent, snake case."),
}


@pytest.fixture
async def store(backend: SqlDatabase | None) -> AsyncIterator[Store]:
    async with open_store(backend) as opened:
        author = a_user("author")
        await opened.add(
            author,
            *(
                post(author, title, body=body, created=at(minute), tags=["safe"])
                for minute, (title, body) in enumerate(TITLES.values())
            ),
        )
        yield opened


async def _found(store: Store, **filters: Any) -> set[str]:
    query = PostQuery(limit=50, **filters)
    titles = {p.title for p in await store.queries.posts(query, None)}
    assert await store.queries.count_posts(query) == len(titles)
    return titles


def _titles(*keys: str) -> set[str]:
    return {TITLES[key][0] for key in keys}


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("ORDINARY", ("plain",)),
        ("body", ("percent", "underscore")),
        ("else ENTIRELY", ("plain",)),
        ("%", ("percent",)),
        ("0% d", ("percent",)),
        ("_", ("underscore",)),
        ("e_c", ("underscore",)),
        ("\\", ("backslash",)),
        ("\\temp\\", ("backslash",)),
        ("über", ("unicode",)),
        ("ÜNÏCÖDÉ", ("unicode",)),
        ("straße", ("unicode",)),
        ("'hi'", ("quote",)),
        ("%%", ()),
        ("__", ()),
        ("no such words", ()),
    ],
)
async def test_q_is_a_case_insensitive_literal_substring(
    store: Store, q: str, expected: tuple[str, ...]
) -> None:
    assert await _found(store, q=q) == _titles(*expected)


HOSTILE = [
    "'; DROP TABLE posts; --",
    "' OR '1'='1",
    '" OR 1=1 --',
    "%' OR 1=1 --",
    "\\'",
    "$1",
    "?",
    ":name",
    "\x00",
]


@pytest.mark.parametrize("hostile", HOSTILE)
async def test_sql_metacharacters_are_ordinary_text(store: Store, hostile: str) -> None:
    for field in ("q", "tag", "author", "favorited_by"):
        assert await _found(store, **{field: hostile}) == set(), field
    assert await store.queries.post_by_slug(hostile, None) is None
    assert await store.queries.author(hostile, None) is None
    assert await _found(store, tag="safe") == _titles(*TITLES)
