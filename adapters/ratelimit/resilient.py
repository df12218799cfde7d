"""What happens to rate limiting when its shared storage (Redis) fails."""

from __future__ import annotations

import time
from collections.abc import Collection
from dataclasses import dataclass, field

import structlog

from application.ports.rate_limit import RateLimitDecision, RateLimiter

log = structlog.get_logger("inkport.ratelimit")


@dataclass
class RateLimitFailureCounter:
    """Storage failures, by how they were handled; the metrics endpoint can export it."""

    failed_open: int = 0
    fell_back: int = 0
    by_rule: dict[str, int] = field(default_factory=dict)

    def record(self, rule_name: str, *, fell_back: bool) -> None:
        if fell_back:
            self.fell_back += 1
        else:
            self.failed_open += 1
        self.by_rule[rule_name] = self.by_rule.get(rule_name, 0) + 1


class ResilientRateLimiter:
    """Delegates to ``primary``. When it fails, the rules in ``fallback_rules`` (sign-in:
    guessing passwords must stay slow) are counted by the in-process ``fallback``; every
    other rule fails open: the request passes. Every request so handled is counted; a
    storage failure is logged, and the primary is left alone for ``pause_seconds`` after
    one."""

    def __init__(
        self,
        primary: RateLimiter,
        fallback: RateLimiter,
        fallback_rules: Collection[str],
        failures: RateLimitFailureCounter,
        pause_seconds: float = 1.0,
    ) -> None:
        self._primary = primary
        self._fallback = fallback
        self._fallback_rules = frozenset(fallback_rules)
        self.failures = failures
        self._pause_seconds = pause_seconds
        self._skip_primary_until = 0.0

    async def hit(self, rule_name: str, key: str, *, with_stats: bool = True) -> RateLimitDecision:
        if time.monotonic() >= self._skip_primary_until:
            try:
                return await self._primary.hit(rule_name, key, with_stats=with_stats)
            except KeyError:
                raise
            except Exception as error:
                # While it is down, spare every request a round of connection attempts.
                self._skip_primary_until = time.monotonic() + self._pause_seconds
                log.warning("rate_limit_storage_failed", rule=rule_name, error=repr(error))
        fell_back = rule_name in self._fallback_rules
        self.failures.record(rule_name, fell_back=fell_back)
        if fell_back:
            return await self._fallback.hit(rule_name, key, with_stats=with_stats)
        return RateLimitDecision(True, 0, None, None)

    async def close(self) -> None:
        await self._primary.close()
        await self._fallback.close()
