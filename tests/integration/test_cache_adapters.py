"""What only one adapter promises: the in-memory bound, and Redis outages as misses."""

from __future__ import annotations

import time

from adapters.cache.memory import InMemoryCache
from adapters.cache.redis import RedisCache


async def test_the_memory_cache_evicts_the_least_recently_used_entry() -> None:
    cache = InMemoryCache(max_entries=2)
    await cache.set("a", b"1", ttl_seconds=30)
    await cache.set("b", b"2", ttl_seconds=30)
    assert await cache.get("a") == b"1"  # "b" is now the least recently used
    await cache.set("c", b"3", ttl_seconds=30)
    assert len(cache) == 2
    assert [await cache.get(k) for k in ("a", "b", "c")] == [b"1", None, b"3"]


async def test_the_memory_cache_expires_on_its_clock() -> None:
    now = [100.0]
    cache = InMemoryCache(clock=lambda: now[0])
    await cache.set("k", b"v", ttl_seconds=10)
    now[0] = 109.9
    assert await cache.get("k") == b"v"
    now[0] = 110.0
    assert await cache.get("k") is None
    assert len(cache) == 0


async def test_a_redis_outage_is_a_miss_and_a_no_op_never_an_error() -> None:
    cache = RedisCache("redis://127.0.0.1:1/0")  # nothing listens there
    started = time.perf_counter()
    await cache.set("k", b"v", ttl_seconds=30)
    assert await cache.get("k") is None
    await cache.delete("k")
    assert time.perf_counter() - started < 1
    assert (cache.counters.errors, cache.counters.misses, cache.counters.hits) == (3, 1, 0)
    await cache.close()


async def test_an_unanswering_redis_times_out_quickly_as_a_miss() -> None:
    cache = RedisCache("redis://10.255.255.1:6379/0", timeout_seconds=0.05)  # unroutable
    started = time.perf_counter()
    assert await cache.get("k") is None
    assert time.perf_counter() - started < 0.5
    assert cache.counters.errors == 1
    await cache.close()
