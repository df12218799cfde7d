"""The read cache over HTTP on SQLite, with the in-process and the Redis backend."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from dependency_injector import providers

from adapters.cache.redis import RedisCache
from adapters.sqlalchemy.statement_counter import counting_statements, install
from entrypoints.embedded import close, migrate
from tests.e2e.conftest import Api, memory_settings, open_api, write_post


@pytest.fixture(params=["memory", "redis"])
async def api(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Api]:
    redis_url = os.environ.get("INKPORT_TEST_REDIS_URL")
    if request.param == "redis" and not redis_url:
        pytest.skip("INKPORT_TEST_REDIS_URL not set: Redis cache tests skipped")
    settings = memory_settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'cache.db'}",
        cache_backend=request.param,
        redis_url=redis_url,
    )
    client, container, clock = await open_api(settings)
    if request.param == "redis":
        assert redis_url
        prefix = f"inkport-test:{uuid.uuid4().hex}:"
        container.adapters.cache.override(providers.Object(RedisCache(redis_url, prefix=prefix)))
    await migrate(container)
    install(container.adapters.engine())
    async with client:
        yield Api(client, container, clock)
    await close(container)


async def _anonymous_read(api: Api, path: str) -> tuple[dict[str, object], int]:
    with counting_statements() as count:
        response = await api.client.get(path)
    assert response.status_code == 200, response.text
    return response.json(), count.statements


async def test_a_cached_post_costs_no_statement_and_is_fresh_after_writes(api: Api) -> None:
    await api.sign_up("ada")
    await api.sign_up("bob")
    ada, bob = await api.login("ada"), await api.login("bob")
    post = await write_post(api, ada, title="Cached")
    path = f"/api/v1/posts/{post['id']}"
    first, cold = await _anonymous_read(api, path)
    again, warm = await _anonymous_read(api, path)
    assert (again, warm) == (first, 0) and cold > 0
    edit = await api.client.patch(path, json={"body": "v2"}, headers=ada)
    assert edit.status_code == 200, edit.text
    assert (await _anonymous_read(api, path))[0]["body"] == "v2"
    assert (await api.client.post(f"{path}/favorite", headers=bob)).status_code == 200
    fresh, _ = await _anonymous_read(api, path)
    assert (fresh["favorites_count"], fresh["favorited"]) == (1, False)
    assert (await api.client.get(path, headers=bob)).json()["favorited"] is True
    comment = await api.client.post(f"{path}/comments", json={"body": "Hi"}, headers=bob)
    assert comment.status_code == 201, comment.text
    assert (await _anonymous_read(api, path))[0]["comments_count"] == 1
    assert (await api.client.post(f"{path}/unpublish", headers=ada)).status_code == 200
    assert (await api.client.get(path)).status_code == 404
    assert (await api.client.get(path, headers=ada)).json()["status"] == "draft"


async def test_a_redis_outage_is_a_miss_not_an_error() -> None:
    settings = memory_settings(cache_backend="redis", redis_url="redis://127.0.0.1:1/0")
    client, container, clock = await open_api(settings)
    async with client:
        api = Api(client, container, clock)
        await api.sign_up("ada")
        post = await write_post(api, await api.login("ada"), title="Outage")
        for _ in range(2):
            response = await api.client.get(f"/api/v1/posts/{post['slug']}")
            assert response.status_code == 200, response.text
        assert (await api.client.get("/api/v1/tags")).status_code == 200
    assert container.adapters.cache_counters().errors > 0
    await close(container)
