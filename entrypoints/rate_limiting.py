"""Rate-limit rules, and the limiter that counts them, from settings."""

from __future__ import annotations

from adapters.ratelimit import (
    RateLimitFailureCounter,
    ResilientRateLimiter,
    memory_rate_limiter,
    redis_rate_limiter,
)
from application.ports.rate_limit import RateLimiter
from entrypoints.settings import Settings

SIGN_IN_PER_IP = "sign_in_per_ip"
SIGN_IN_PER_ACCOUNT = "sign_in_per_account"
SIGN_UP_PER_IP = "sign_up_per_ip"
WRITES_PER_USER = "writes_per_user"
READS_PER_IP = "reads_per_ip"
# Rules still counted, in process, while the shared storage is down.
FALLBACK_RULES = (SIGN_IN_PER_IP, SIGN_IN_PER_ACCOUNT)


def rate_limit_rules(settings: Settings) -> dict[str, str]:
    return {
        SIGN_IN_PER_IP: settings.rate_limit_sign_in_per_ip,
        SIGN_IN_PER_ACCOUNT: settings.rate_limit_sign_in_per_account,
        SIGN_UP_PER_IP: settings.rate_limit_sign_up_per_ip,
        WRITES_PER_USER: settings.rate_limit_writes_per_user,
        READS_PER_IP: settings.rate_limit_reads_per_ip,
    }


def build_rate_limiter(settings: Settings, failures: RateLimitFailureCounter) -> RateLimiter:
    """In-process counters, or Redis ones (shared by every worker) when ``redis_url`` is
    set: then general limits fail open and sign-in falls back to in-process counters
    while Redis is unreachable."""
    rules = rate_limit_rules(settings)
    if not settings.redis_url:
        return memory_rate_limiter(rules)
    return ResilientRateLimiter(
        redis_rate_limiter(settings.redis_url, rules),
        memory_rate_limiter(rules),
        fallback_rules=FALLBACK_RULES,
        failures=failures,
    )
