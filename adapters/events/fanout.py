"""Fan-out to the listeners of one process: a bounded queue per listener, filled without
ever waiting, so a slow listener is cut off instead of slowing the publisher."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import AsyncIterator, Mapping
from typing import Any

from application.ports.events import SubscriberTooSlow
from domain.errors import ServiceUnavailable

Message = Mapping[str, Any]

_TOO_SLOW = object()
_LOST = object()


class Listener:
    def __init__(self, max_pending: int) -> None:
        # One spare slot so the "too slow" marker always fits.
        self._queue: asyncio.Queue[object] = asyncio.Queue(max_pending + 1)
        self._max_pending = max_pending
        self._ended = False

    def offer(self, message: Message) -> None:
        if self._ended:
            return
        if self._queue.qsize() >= self._max_pending:
            self._end(_TOO_SLOW)
            return
        self._queue.put_nowait(message)

    def lose(self) -> None:
        self._end(_LOST)

    def _end(self, marker: object) -> None:
        # Only the first end counts: a second marker would not fit the spare slot.
        if self._ended:
            return
        self._ended = True
        self._queue.put_nowait(marker)

    async def messages(self) -> AsyncIterator[Message]:
        while True:
            item = await self._queue.get()
            if item is _TOO_SLOW:
                raise SubscriberTooSlow("the listener fell too far behind")
            if item is _LOST:
                raise ServiceUnavailable("the live-update bus was lost")
            assert isinstance(item, Mapping)
            yield item


class LocalFanout:
    """Channel -> listeners of this process."""

    def __init__(self) -> None:
        self._listeners: defaultdict[str, set[Listener]] = defaultdict(set)

    def add(self, channel: str, max_pending: int) -> Listener:
        listener = Listener(max_pending)
        self._listeners[channel].add(listener)
        return listener

    def remove(self, channel: str, listener: Listener) -> bool:
        """``True`` when the channel has no listener left here."""
        listeners = self._listeners.get(channel)
        if listeners is None:
            return True
        listeners.discard(listener)
        if not listeners:
            del self._listeners[channel]
            return True
        return False

    def deliver(self, channel: str, message: Message) -> None:
        for listener in list(self._listeners.get(channel, ())):
            listener.offer(message)

    def lose_all(self) -> None:
        for listeners in self._listeners.values():
            for listener in listeners:
                listener.lose()

    @property
    def channels(self) -> list[str]:
        return list(self._listeners)
