from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

_GONE = object()


class Overlay(Generic[K, V]):
    """One transaction's writes over a committed table, like the rows a SQL transaction
    has touched: reads see them first and fall through to the committed table.

    Values put here belong to the overlay; the committed table is never mutated until
    ``publish``."""

    def __init__(self, committed: dict[K, V]) -> None:
        self._committed = committed
        self._changes: dict[K, object] = {}

    def get(self, key: K) -> V | None:
        if key in self._changes:
            value = self._changes[key]
            return None if value is _GONE else value  # type: ignore[return-value]
        return self._committed.get(key)

    def __contains__(self, key: K) -> bool:
        return self.get(key) is not None

    def touched(self, key: K) -> bool:
        return key in self._changes

    def put(self, key: K, value: V) -> None:
        self._changes[key] = value

    def remove(self, key: K) -> None:
        self._changes[key] = _GONE

    def items(self) -> Iterator[tuple[K, V]]:
        for key, value in self._committed.items():
            if key not in self._changes:
                yield key, value
        for key, change in self._changes.items():
            if change is not _GONE:
                yield key, change  # type: ignore[misc]

    def values(self) -> Iterator[V]:
        return (value for _, value in self.items())

    def publish(self) -> None:
        for key, value in self._changes.items():
            if value is _GONE:
                self._committed.pop(key, None)
            else:
                self._committed[key] = value  # type: ignore[assignment]
