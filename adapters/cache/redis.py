from __future__ import annotations

import math

import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError

from adapters.cache.memory import CacheCounters

_log = structlog.get_logger(__name__)


class RedisCache:
    """The ``Cache`` port on Redis (``redis.asyncio``), shared by every worker.

    Every call is bounded by ``timeout_seconds`` (connect and socket). Any Redis error or
    timeout is logged, counted in ``counters.errors`` and answered as a miss / no-op."""

    def __init__(
        self,
        url: str,
        *,
        prefix: str = "inkport:cache:",
        timeout_seconds: float = 0.075,
        counters: CacheCounters | None = None,
    ) -> None:
        self._redis = Redis.from_url(
            url,
            socket_timeout=timeout_seconds,
            socket_connect_timeout=timeout_seconds,
            retry_on_timeout=False,
        )
        self._prefix = prefix
        self.counters = counters or CacheCounters()

    async def get(self, key: str) -> bytes | None:
        try:
            value = await self._redis.get(self._prefix + key)
        except (RedisError, OSError, TimeoutError) as error:
            self._failed("get", error)
            return None
        if value is None:
            self.counters.misses += 1
        else:
            self.counters.hits += 1
        return value.encode() if isinstance(value, str) else value

    async def set(self, key: str, value: bytes, ttl_seconds: float) -> None:
        milliseconds = math.ceil(ttl_seconds * 1000)
        try:
            if milliseconds <= 0:
                await self._redis.delete(self._prefix + key)
            else:
                await self._redis.set(self._prefix + key, value, px=milliseconds)
        except (RedisError, OSError, TimeoutError) as error:
            self._failed("set", error)

    async def delete(self, *keys: str) -> None:
        if not keys:
            return
        try:
            await self._redis.delete(*(self._prefix + key for key in keys))
        except (RedisError, OSError, TimeoutError) as error:
            self._failed("delete", error)

    async def close(self) -> None:
        await self._redis.aclose()

    def _failed(self, operation: str, error: BaseException) -> None:
        self.counters.errors += 1
        if operation == "get":
            self.counters.misses += 1
        _log.warning("cache_unavailable", operation=operation, error=repr(error))
