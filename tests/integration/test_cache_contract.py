"""One contract for the ``Cache`` port, run against the in-memory and the Redis adapter.

Redis runs only when INKPORT_TEST_REDIS_URL is set; then an unreachable server fails the
run instead of quietly skipping it. Each test uses its own key prefix."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from adapters.cache.memory import InMemoryCache
from adapters.cache.redis import RedisCache
from application.ports.cache import Cache

REDIS_URL_VARIABLE = "INKPORT_TEST_REDIS_URL"


async def _redis_cache() -> RedisCache:
    url = os.environ.get(REDIS_URL_VARIABLE)
    if not url:
        pytest.skip(f"{REDIS_URL_VARIABLE} not set: Redis contract tests skipped")
    client = Redis.from_url(url, socket_connect_timeout=1)
    try:
        await client.ping()
    except Exception as error:
        pytest.fail(f"{REDIS_URL_VARIABLE}={url} is set but Redis cannot be used: {error!r}")
    finally:
        await client.aclose()
    return RedisCache(url, prefix=f"inkport-test:{uuid.uuid4().hex}:", timeout_seconds=1)


@pytest.fixture(params=["memory", "redis"])
async def cache(request: pytest.FixtureRequest) -> AsyncIterator[Cache]:
    if request.param == "memory":
        yield InMemoryCache(max_entries=100)
        return
    redis_cache = await _redis_cache()
    try:
        yield redis_cache
    finally:
        await redis_cache.close()


async def test_an_unknown_key_is_a_miss(cache: Cache) -> None:
    assert await cache.get("nothing-here") is None


async def test_a_value_set_is_read_back_and_replaced(cache: Cache) -> None:
    await cache.set("k", b"\x00first", ttl_seconds=30)
    assert await cache.get("k") == b"\x00first"
    await cache.set("k", b"second", ttl_seconds=30)
    assert await cache.get("k") == b"second"
    assert await cache.get("other") is None


async def test_delete_removes_every_key_given_and_ignores_absent_ones(cache: Cache) -> None:
    for key in ("a", "b", "c"):
        await cache.set(key, key.encode(), ttl_seconds=30)
    await cache.delete("a", "b", "never-set")
    await cache.delete()
    assert [await cache.get(k) for k in ("a", "b", "c")] == [None, None, b"c"]


async def test_values_expire_after_their_ttl(cache: Cache) -> None:
    await cache.set("short", b"x", ttl_seconds=0.2)
    await cache.set("long", b"y", ttl_seconds=30)
    assert await cache.get("short") == b"x"
    await asyncio.sleep(0.35)
    assert await cache.get("short") is None
    assert await cache.get("long") == b"y"


async def test_large_values_round_trip(cache: Cache) -> None:
    value = bytes(range(256)) * 2048
    await cache.set("big", value, ttl_seconds=30)
    assert await cache.get("big") == value
