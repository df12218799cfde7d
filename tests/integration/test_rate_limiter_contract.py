"""One contract for every rate-limiter adapter: in-memory and Redis."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable, Mapping

import pytest

from adapters.ratelimit import LimitsRateLimiter, memory_rate_limiter, redis_rate_limiter
from tests.redis_server import redis_server_url

RULES = {"tight": "2/minute", "loose": "5/minute", "brief": "2/second"}
Factory = Callable[[Mapping[str, str]], LimitsRateLimiter]


@pytest.fixture(params=["memory", "redis"])
async def limiter(request: pytest.FixtureRequest) -> AsyncIterator[LimitsRateLimiter]:
    if request.param == "memory":
        made = memory_rate_limiter(RULES)
    else:
        # A prefix of its own: runs sharing one Redis never see each other's counters.
        prefix = f"inkport-test:{uuid.uuid4().hex}"
        made = redis_rate_limiter(redis_server_url(), RULES, key_prefix=prefix)
    yield made
    await made.close()


async def test_hits_pass_up_to_the_limit_then_are_refused(limiter: LimitsRateLimiter) -> None:
    first = await limiter.hit("tight", "ip-1")
    second = await limiter.hit("tight", "ip-1")
    third = await limiter.hit("tight", "ip-1")
    assert (first.allowed, first.limit, first.remaining) == (True, 2, 1)
    assert (second.allowed, second.remaining) == (True, 0)
    assert (third.allowed, third.limit, third.remaining) == (False, 2, 0)
    assert third.reset_after_seconds is not None and 0 < third.reset_after_seconds <= 60


async def test_keys_and_rules_are_counted_apart(limiter: LimitsRateLimiter) -> None:
    for _ in range(2):
        assert (await limiter.hit("tight", "ip-1")).allowed
    assert not (await limiter.hit("tight", "ip-1")).allowed
    assert (await limiter.hit("tight", "ip-2")).allowed
    assert (await limiter.hit("loose", "ip-1")).allowed


async def test_without_stats_an_allowed_hit_skips_them_but_a_refusal_keeps_them(
    limiter: LimitsRateLimiter,
) -> None:
    allowed = [await limiter.hit("tight", "k", with_stats=False) for _ in range(2)]
    assert all(d.allowed and d.remaining is None for d in allowed)
    refused = await limiter.hit("tight", "k", with_stats=False)
    assert (refused.allowed, refused.remaining) == (False, 0)
    assert refused.reset_after_seconds is not None


async def test_the_window_moves_on(limiter: LimitsRateLimiter) -> None:
    for _ in range(2):
        assert (await limiter.hit("brief", "k")).allowed
    refused = await limiter.hit("brief", "k")
    assert not refused.allowed
    assert refused.reset_after_seconds is not None and refused.reset_after_seconds <= 1
    await asyncio.sleep(1.1)
    assert (await limiter.hit("brief", "k")).allowed


async def test_an_unknown_rule_is_a_key_error(limiter: LimitsRateLimiter) -> None:
    with pytest.raises(KeyError):
        await limiter.hit("nonexistent", "k")
