"""Which cache the settings select, and how the container wires it in."""

from __future__ import annotations

import pytest

from adapters.cache.cached_queries import CachedPostQueries
from adapters.cache.invalidation import InvalidatingUnitOfWork
from adapters.cache.memory import CacheCounters, InMemoryCache
from adapters.cache.redis import RedisCache
from entrypoints.caching import build_cache
from entrypoints.container import build_container
from entrypoints.settings import Settings


def _settings(**values: object) -> Settings:
    return Settings(database_url="memory://", environment="test", **values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        ({}, "memory"),
        ({"redis_url": "redis://127.0.0.1:6379/0"}, "redis"),
        ({"redis_url": "redis://127.0.0.1:6379/0", "cache_backend": "memory"}, "memory"),
        ({"redis_url": "redis://127.0.0.1:6379/0", "cache_enabled": False}, "off"),
    ],
)
def test_the_cache_backend_follows_the_settings(values: dict[str, object], kind: str) -> None:
    settings = _settings(**values)
    assert settings.cache_kind == kind
    cache = build_cache(settings, CacheCounters())
    expected = {"memory": InMemoryCache, "redis": RedisCache, "off": type(None)}[kind]
    assert isinstance(cache, expected)


def test_a_redis_cache_without_a_redis_url_is_refused() -> None:
    with pytest.raises(ValueError, match="INKPORT_REDIS_URL"):
        build_cache(_settings(cache_backend="redis"), CacheCounters())


def test_the_container_wraps_queries_and_units_of_work_only_when_the_cache_is_on() -> None:
    on = build_container(_settings()).adapters
    assert isinstance(on.post_queries(), CachedPostQueries)
    assert isinstance(on.unit_of_work(), InvalidatingUnitOfWork)
    off = build_container(_settings(cache_enabled=False)).adapters
    assert not isinstance(off.post_queries(), CachedPostQueries)
    assert not isinstance(off.unit_of_work(), InvalidatingUnitOfWork)
