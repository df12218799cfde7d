"""Is Redis answering? For readiness: a short ping on a client of its own, so a probe
never waits behind (or disturbs) the cache's and rate limiter's connections."""

from __future__ import annotations

import asyncio

from redis.asyncio import Redis
from redis.exceptions import RedisError

PING_TIMEOUT_SECONDS = 0.5


class RedisHealth:
    def __init__(self, url: str, *, timeout_seconds: float = PING_TIMEOUT_SECONDS) -> None:
        self._timeout = timeout_seconds
        # No retries: a probe reports what it sees; a broken connection is dropped by the
        # client and the next probe opens a fresh one.
        self._redis = Redis.from_url(
            url,
            socket_timeout=timeout_seconds,
            socket_connect_timeout=timeout_seconds,
            retry_on_timeout=False,
            retry=None,
        )

    async def is_up(self) -> bool:
        """``PING`` answered within the timeout (connecting included)."""
        try:
            async with asyncio.timeout(self._timeout * 2):
                return bool(await self._redis.ping())
        except (RedisError, OSError, TimeoutError):
            return False

    async def close(self) -> None:
        await self._redis.aclose()


def redis_health(redis_url: str | None) -> RedisHealth | None:
    """The probe for ``redis_url``, or ``None`` when no Redis is configured."""
    return RedisHealth(redis_url) if redis_url else None
