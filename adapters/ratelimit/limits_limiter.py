"""Rate limits counted by the `limits` library's moving-window strategy, in process memory
or in Redis (shared by every worker)."""

from __future__ import annotations

import time
from collections.abc import Mapping

from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter

from application.ports.rate_limit import RateLimitDecision

# Fail fast when Redis is unreachable: a limiter must never make a request hang.
_REDIS_TIMEOUT_SECONDS = 0.5


class LimitsRateLimiter:
    """``rules`` maps a rule name to a `limits` expression such as ``"10/minute"``."""

    def __init__(self, storage: Storage, rules: Mapping[str, str]) -> None:
        self._storage = storage
        self._strategy = MovingWindowRateLimiter(storage)
        self._items: dict[str, RateLimitItem] = {
            name: parse(expression) for name, expression in rules.items()
        }

    async def hit(self, rule_name: str, key: str, *, with_stats: bool = True) -> RateLimitDecision:
        item = self._items[rule_name]
        allowed = await self._strategy.hit(item, rule_name, key)
        if allowed and not with_stats:
            return RateLimitDecision(True, item.amount, None, None)
        stats = await self._strategy.get_window_stats(item, rule_name, key)
        reset_after = max(0.0, stats.reset_time - time.time())
        return RateLimitDecision(allowed, item.amount, stats.remaining, reset_after)

    async def close(self) -> None:
        if isinstance(self._storage, RedisStorage):
            client = getattr(self._storage.bridge, "storage", None)
            if client is not None:
                await client.aclose()


def memory_rate_limiter(rules: Mapping[str, str]) -> LimitsRateLimiter:
    return LimitsRateLimiter(MemoryStorage(), rules)


def redis_rate_limiter(
    redis_url: str, rules: Mapping[str, str], *, key_prefix: str = "inkport:ratelimit"
) -> LimitsRateLimiter:
    """``redis_url`` is a ``redis://`` or ``async+redis://`` URL; storage errors surface
    as :class:`limits.errors.StorageError`."""
    uri = redis_url if redis_url.startswith("async+") else "async+" + redis_url
    storage = RedisStorage(
        uri,
        wrap_exceptions=True,
        implementation="redispy",
        key_prefix=key_prefix,
        socket_connect_timeout=_REDIS_TIMEOUT_SECONDS,
        socket_timeout=_REDIS_TIMEOUT_SECONDS,
    )
    return LimitsRateLimiter(storage, rules)
