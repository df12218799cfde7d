"""No N+1 in the RealWorld adapter: a page of articles and a single article cost a fixed
number of SQL statements on SQLite, whatever the page size."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from adapters.sqlalchemy.statement_counter import counting_statements, install
from entrypoints.container import build_container
from entrypoints.embedded import close, migrate
from entrypoints.http import create_app
from entrypoints.settings import Settings
from tests.e2e.conftest import CHEAP_ARGON2, PASSWORD
from tests.e2e.realworld.conftest import Headers, token_headers

ARTICLES = 25


@pytest.fixture
async def client(tmp_path: Path) -> AsyncIterator[httpx.AsyncClient]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'realworld.db'}"
    # The SQL read path itself is measured: the read cache would hide it.
    settings = Settings(database_url=url, environment="test", cache_enabled=False, **CHEAP_ARGON2)
    container = build_container(settings)
    await migrate(container)
    install(container.adapters.engine())
    transport = httpx.ASGITransport(app=create_app(container=container))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://rw.test") as client:
            yield client
    finally:
        await close(container)


async def _register(client: httpx.AsyncClient, name: str) -> Headers:
    user = {"username": name, "email": f"{name}@example.com", "password": PASSWORD}
    response = await client.post("/api/users", json={"user": user})
    return token_headers(response.json()["user"]["token"])


async def _seed(client: httpx.AsyncClient) -> Headers:
    """Articles by two authors with tags, favorites and comments; the reader follows both."""
    authors = [await _register(client, name) for name in ("ada", "bob")]
    reader = await _register(client, "cyd")
    for n in range(ARTICLES):
        article = {"title": f"Post {n}", "description": "d", "body": "b", "tagList": ["x", "y"]}
        await client.post("/api/articles", json={"article": article}, headers=authors[n % 2])
        await client.post(f"/api/articles/post-{n}/favorite", headers=reader)
        comment = {"comment": {"body": "Nice"}}
        await client.post(f"/api/articles/post-{n}/comments", json=comment, headers=reader)
    for name in ("ada", "bob"):
        await client.post(f"/api/profiles/{name}/follow", headers=reader)
    return reader


async def _statements(client: httpx.AsyncClient, path: str, headers: Headers | None) -> int:
    await client.get(path, headers=headers)  # warm-up: connections, caches
    with counting_statements() as count:
        response = await client.get(path, headers=headers)
    assert response.status_code == 200, response.text
    return count.statements


async def test_lists_and_single_articles_cost_a_fixed_number_of_statements(
    client: httpx.AsyncClient,
) -> None:
    reader = await _seed(client)
    for headers, signed_in in ((None, 0), (reader, 1)):
        one = await _statements(client, "/api/articles?limit=1", headers)
        twenty = await _statements(client, "/api/articles?limit=20", headers)
        # the page and the total count, plus the token's user when signed in
        assert one == twenty == 2 + signed_in
        assert await _statements(client, "/api/articles/post-7", headers) == 1 + signed_in
    feed_one = await _statements(client, "/api/articles/feed?limit=1", reader)
    assert feed_one == await _statements(client, "/api/articles/feed?limit=20", reader) == 3
    page = (await client.get("/api/articles?limit=20", headers=reader)).json()
    assert (len(page["articles"]), page["articlesCount"]) == (20, ARTICLES)
    assert all(a["favorited"] and a["author"]["following"] for a in page["articles"])
