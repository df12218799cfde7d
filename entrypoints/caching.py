"""How the read cache is wired in: chosen from settings, used by the container."""

from __future__ import annotations

from adapters.cache.cached_queries import CachedPostQueries
from adapters.cache.invalidation import InvalidatingUnitOfWork
from adapters.cache.memory import CacheCounters, InMemoryCache
from adapters.cache.redis import RedisCache
from application.ports.cache import Cache
from application.ports.queries import PostQueries
from application.ports.unit_of_work import UnitOfWork
from entrypoints.settings import Settings


def build_cache(settings: Settings, counters: CacheCounters) -> Cache | None:
    """The configured cache, or ``None`` when caching is off."""
    kind = settings.cache_kind
    if kind == "off":
        return None
    if kind == "redis":
        if not settings.redis_url:
            raise ValueError("INKPORT_CACHE_BACKEND=redis needs INKPORT_REDIS_URL.")
        return RedisCache(settings.redis_url, counters=counters)
    return InMemoryCache(settings.cache_max_entries, counters=counters)


def with_cache(queries: PostQueries, cache: Cache | None, settings: Settings) -> PostQueries:
    if cache is None:
        return queries
    return CachedPostQueries(queries, cache, settings.cache_ttl_seconds)


def with_invalidation(uow: UnitOfWork, queries: PostQueries) -> UnitOfWork:
    """Every commit invalidates the cached reads (after the commit, never before)."""
    if isinstance(queries, CachedPostQueries):
        return InvalidatingUnitOfWork(uow, queries.invalidate_all)
    return uow


async def close_cache(cache: Cache | None) -> None:
    if isinstance(cache, RedisCache):
        await cache.close()
