"""The rate-limiter port.

No use case calls it: rate limiting is a driving-side concern, applied by the HTTP
entrypoint before any use case runs. It is still a port because its adapters (`limits`
strategies over memory or Redis storage) live in ``adapters/``, which may not import
``entrypoints``: this Protocol is the contract both sides share and that the adapter
contract tests check."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True)
class RateLimitDecision:
    """``remaining`` and ``reset_after_seconds`` describe the window after the hit; they
    are ``None`` for an allowed hit made with ``with_stats=False``."""

    allowed: bool
    limit: int
    remaining: int | None
    reset_after_seconds: float | None


class RateLimiter(Protocol):
    async def hit(self, rule_name: str, key: str, *, with_stats: bool = True) -> RateLimitDecision:
        """Count one request of ``key`` against the named rule and say whether it may
        pass. ``with_stats=False`` spares allowed hits a second storage round trip (denied
        ones always carry their stats). An unknown rule name raises ``KeyError``."""
        ...

    async def close(self) -> None: ...
