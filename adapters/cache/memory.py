from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(slots=True)
class CacheCounters:
    """Plain running totals for one process, for the metrics exporter to read.

    ``errors`` counts backend failures (each one also answered as a miss or a no-op)."""

    hits: int = 0
    misses: int = 0
    errors: int = 0


class InMemoryCache:
    """The ``Cache`` port in this process: per-entry expiry and at most ``max_entries``
    entries, the least recently used evicted first. Not shared between workers."""

    def __init__(
        self,
        max_entries: int = 10_000,
        *,
        clock: Callable[[], float] = time.monotonic,
        counters: CacheCounters | None = None,
    ) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self._max = max_entries
        self._clock = clock
        self._entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self.counters = counters or CacheCounters()

    def __len__(self) -> int:
        return len(self._entries)

    async def get(self, key: str) -> bytes | None:
        entry = self._entries.get(key)
        if entry is None or entry[0] <= self._clock():
            if entry is not None:
                del self._entries[key]
            self.counters.misses += 1
            return None
        self._entries.move_to_end(key)
        self.counters.hits += 1
        return entry[1]

    async def set(self, key: str, value: bytes, ttl_seconds: float) -> None:
        if ttl_seconds <= 0:
            self._entries.pop(key, None)
            return
        self._entries[key] = (self._clock() + ttl_seconds, value)
        self._entries.move_to_end(key)
        while len(self._entries) > self._max:
            self._entries.popitem(last=False)

    async def delete(self, *keys: str) -> None:
        for key in keys:
            self._entries.pop(key, None)
