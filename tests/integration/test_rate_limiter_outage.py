"""Redis unreachable: general limits fail open (logged, counted); sign-in rules fall back
to in-process counters."""

from __future__ import annotations

import asyncio
import time

import structlog

from adapters.ratelimit import (
    RateLimitFailureCounter,
    ResilientRateLimiter,
    memory_rate_limiter,
    redis_rate_limiter,
)
from application.ports.rate_limit import RateLimitDecision
from tests.redis_server import CLOSED_REDIS_URL

RULES = {"reads": "1/minute", "sign_in": "2/minute"}


def _limiter(failures: RateLimitFailureCounter) -> ResilientRateLimiter:
    return ResilientRateLimiter(
        redis_rate_limiter(CLOSED_REDIS_URL, RULES),
        memory_rate_limiter(RULES),
        fallback_rules=["sign_in"],
        failures=failures,
    )


async def test_general_limits_fail_open_and_the_failures_are_logged_and_counted() -> None:
    failures = RateLimitFailureCounter()
    limiter = _limiter(failures)
    started = time.perf_counter()
    with structlog.testing.capture_logs() as logs:
        decisions = [await limiter.hit("reads", "ip") for _ in range(3)]
    assert time.perf_counter() - started < 3  # refused connections: no hanging
    assert all(d.allowed for d in decisions)
    assert (failures.failed_open, failures.fell_back, failures.by_rule) == (3, 0, {"reads": 3})
    # Logged once: the next requests within the pause do not try Redis again.
    assert [e["event"] for e in logs] == ["rate_limit_storage_failed"]
    await limiter.close()


async def test_sign_in_falls_back_to_in_process_counting() -> None:
    failures = RateLimitFailureCounter()
    limiter = _limiter(failures)
    decisions = [await limiter.hit("sign_in", "ip") for _ in range(3)]
    assert [d.allowed for d in decisions] == [True, True, False]
    assert decisions[2].remaining == 0
    assert (failures.failed_open, failures.fell_back) == (0, 3)
    await limiter.close()


class _FlakyLimiter:
    """Fails while ``down``; otherwise refuses everything (so its answers are visible)."""

    def __init__(self) -> None:
        self.down = True

    async def hit(self, rule_name: str, key: str, *, with_stats: bool = True) -> RateLimitDecision:
        if self.down:
            raise ConnectionError("redis is down")
        return RateLimitDecision(False, 1, 0, 30.0)

    async def close(self) -> None:
        return None


async def test_the_shared_storage_is_used_again_once_it_is_back() -> None:
    primary = _FlakyLimiter()
    limiter = ResilientRateLimiter(
        primary, memory_rate_limiter(RULES), (), RateLimitFailureCounter(), pause_seconds=0.05
    )
    assert (await limiter.hit("reads", "ip")).allowed
    primary.down = False
    assert (await limiter.hit("reads", "ip")).allowed  # still within the pause
    await asyncio.sleep(0.06)
    assert not (await limiter.hit("reads", "ip")).allowed
