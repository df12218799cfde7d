"""No N+1: a read costs one SQL statement whatever the page size (DESIGN.md), and the
per-request token check (user and session) is one statement too."""

from __future__ import annotations

import random
from collections.abc import AsyncIterator, Awaitable
from dataclasses import replace
from datetime import timedelta

import pytest

from adapters.clock import ManualClock
from adapters.security import Argon2PasswordHasher, JwtTokenIssuer
from adapters.sqlalchemy.statement_counter import counting_statements, install
from application.post_query import PostQuery
from application.services import AuthService
from domain.errors import InvalidToken
from domain.passwords import PasswordPolicy
from domain.posts import Post
from domain.users import User
from tests.integration.builders import a_user
from tests.integration.databases import SqlDatabase
from tests.integration.query_store import Store, at, comment, open_store, post

POSTS = 150
TAGS = ["python", "web", "async", "sql", "zen"]


@pytest.fixture
async def store(sql_backend: SqlDatabase) -> AsyncIterator[Store]:
    async with open_store(sql_backend) as opened:
        assert opened.engine is not None
        install(opened.engine)
        yield opened


@pytest.fixture
async def seeded(store: Store) -> tuple[User, list[Post]]:
    """150 published posts by five authors, each with tags, a comment per reader and
    favourites; the returned reader follows every author."""
    rng = random.Random(7)
    authors = [a_user(f"author{i}") for i in range(5)]
    readers = [a_user(f"reader{i}") for i in range(3)]
    posts = [
        post(authors[i % 5], f"post {i}", created=at(i), tags=rng.sample(TAGS, 3))
        for i in range(POSTS)
    ]
    notes = [comment(p, r, created=at(i + 0.5)) for i, p in enumerate(posts) for r in readers]
    await store.add(*authors, *readers, *posts, *notes)
    for reader in readers:
        await store.favorite(reader, *rng.sample(posts, 50))
    await store.follow(readers[0], *authors)
    return readers[0], posts


async def _statements(read: Awaitable[object]) -> int:
    with counting_statements() as count:
        result = await read
    assert result, "a read that finds nothing proves nothing"
    return count.statements


async def test_the_counter_sees_statements_run_through_sqlalchemy(store: Store) -> None:
    with counting_statements() as count:
        async with store.uow() as uow:
            await uow.users.get_by_username("anyone")
    assert count.statements >= 1


async def test_every_read_is_one_statement_whatever_the_page_size(
    store: Store, seeded: tuple[User, list[Post]]
) -> None:
    reader, posts = seeded
    feed = PostQuery(limit=1, tag="web", followed_by=reader.id, q="post")
    for query in (PostQuery(limit=1), feed):
        one = await _statements(store.queries.posts(query, reader.id))
        hundred = await _statements(store.queries.posts(replace(query, limit=100), reader.id))
        assert one == hundred == 1
    assert len(await store.queries.posts(PostQuery(limit=100), reader.id)) == 100

    target = posts[42]
    assert await _statements(store.queries.comments(target.id, reader.id, limit=1)) == 1
    assert await _statements(store.queries.comments(target.id, reader.id, limit=100)) == 1
    assert await _statements(store.queries.post_by_id(target.id, reader.id)) == 1
    assert await _statements(store.queries.post_by_slug(target.slug, None)) == 1
    assert await _statements(store.queries.count_posts(PostQuery(limit=1, tag="web"))) == 1
    assert await _statements(store.queries.tags(100)) == 1
    assert await _statements(store.queries.author("author3", reader.id)) == 1


async def test_the_per_request_token_check_reads_user_and_session_in_one_statement(
    store: Store,
) -> None:
    clock = ManualClock()
    hasher = Argon2PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    tokens = JwtTokenIssuer(secret_key="k" * 32, clock=clock, ttl=timedelta(minutes=15))
    auth = AuthService(store.uow, hasher, tokens, clock, PasswordPolicy(), timedelta(days=1))
    user = a_user("reader")
    user.password_hash = await hasher.hash("a long passphrase")
    await store.add(user)
    pair = await auth.sign_in("reader", "a long passphrase")

    assert await _statements(auth.authenticate(pair.access_token)) == 1

    await auth.sign_out(pair.refresh_token)
    with counting_statements() as count, pytest.raises(InvalidToken):
        await auth.authenticate(pair.access_token)
    assert count.statements == 1
