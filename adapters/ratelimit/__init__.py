"""Rate-limiter adapters: `limits` strategies over memory or Redis storage."""

from adapters.ratelimit.limits_limiter import (
    LimitsRateLimiter,
    memory_rate_limiter,
    redis_rate_limiter,
)
from adapters.ratelimit.resilient import RateLimitFailureCounter, ResilientRateLimiter

__all__ = [
    "LimitsRateLimiter",
    "RateLimitFailureCounter",
    "ResilientRateLimiter",
    "memory_rate_limiter",
    "redis_rate_limiter",
]
