from __future__ import annotations

from typing import Protocol


class Cache(Protocol):
    """A best-effort byte store with expiry, shared by whoever reads the same backend.

    Failures never raise: a backend error or timeout makes ``get`` a miss (``None``) and
    ``set``/``delete`` no-ops. Callers must therefore treat the cache as an optimisation
    only and never rely on a value being present.
    """

    async def get(self, key: str) -> bytes | None: ...

    async def set(self, key: str, value: bytes, ttl_seconds: float) -> None:
        """Store ``value`` under ``key`` for ``ttl_seconds`` (> 0), replacing any value."""

    async def delete(self, *keys: str) -> None: ...
