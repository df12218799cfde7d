from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from adapters.events.fanout import LocalFanout


class InProcessEventBus:
    """The embedded bus: listeners in this process hear what this process publishes."""

    def __init__(self) -> None:
        self._fanout = LocalFanout()

    async def publish(self, channel: str, message: Mapping[str, Any]) -> None:
        self._fanout.deliver(channel, dict(message))

    @asynccontextmanager
    async def subscribe(
        self, channel: str, *, max_pending: int = 100
    ) -> AsyncIterator[AsyncIterator[Mapping[str, Any]]]:
        listener = self._fanout.add(channel, max_pending)
        try:
            yield listener.messages()
        finally:
            self._fanout.remove(channel, listener)

    async def close(self) -> None:
        self._fanout.lose_all()
