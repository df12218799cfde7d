"""The one Redis pub/sub connection of a process, shared by all its live listeners."""

from __future__ import annotations

import asyncio
import json
from collections import deque
from collections.abc import Callable
from typing import Any

import structlog
from redis.asyncio import Redis
from redis.asyncio.client import PubSub
from redis.exceptions import RedisError

from adapters.events.fanout import LocalFanout
from domain.errors import ServiceUnavailable

_log = structlog.get_logger(__name__)

REDIS_ERRORS = (RedisError, OSError, TimeoutError)


class PubSubLink:
    """SUBSCRIBEs a channel for its first listener and UNSUBSCRIBEs it after its last; one
    reader task hands every message to the local fan-out, in the order Redis sent them.

    Once its connection fails the link is dead for good: ``on_lost`` is called once (the
    bus then tells every listener and opens a new link for the next subscriber)."""

    def __init__(
        self,
        pubsub: PubSub,
        fanout: LocalFanout,
        timeout_seconds: float,
        on_lost: Callable[[PubSubLink], None],
    ) -> None:
        self._pubsub = pubsub
        self._fanout = fanout
        self._timeout = timeout_seconds
        self._on_lost = on_lost
        self._listeners: dict[str, int] = {}
        # One waiter per SUBSCRIBE sent; Redis confirms them in the order they were sent.
        # A waiter's result tells whether the subscription became active.
        self._confirmations: dict[str, deque[asyncio.Future[bool]]] = {}
        self._reader: asyncio.Task[None] | None = None
        self.alive = True

    @classmethod
    async def open(
        cls,
        redis: Redis,
        fanout: LocalFanout,
        timeout_seconds: float,
        on_lost: Callable[[PubSubLink], None],
    ) -> PubSubLink:
        pubsub = redis.pubsub()
        try:
            await asyncio.wait_for(pubsub.connect(), timeout_seconds)  # type: ignore[no-untyped-call]
        except REDIS_ERRORS as error:
            await pubsub.aclose()  # type: ignore[no-untyped-call]
            _log.warning("live_bus_unreachable", error=repr(error))
            raise ServiceUnavailable("the live-update bus cannot reach Redis") from error
        link = cls(pubsub, fanout, timeout_seconds, on_lost)
        link._reader = asyncio.create_task(link._read(), name="inkport-live-bus-reader")
        return link

    async def join(self, channel: str) -> None:
        """Return once ``channel`` is subscribed: what is published from now on is heard.
        Every call, even a failed one, must be paired with ``leave``."""
        already = self._listeners.get(channel, 0)
        self._listeners[channel] = already + 1
        if not self.alive:
            raise ServiceUnavailable("the live-update bus was lost")
        pending = self._confirmations.get(channel)
        if already and not pending:
            return
        if already and pending:
            waiter = pending[-1]
        else:
            waiter = asyncio.get_running_loop().create_future()
            self._confirmations.setdefault(channel, deque()).append(waiter)
            try:
                await asyncio.wait_for(self._pubsub.subscribe(channel), self._timeout)
            except REDIS_ERRORS as error:
                await self._lose(error)
        try:
            confirmed = await asyncio.wait_for(asyncio.shield(waiter), self._timeout)
        except TimeoutError as error:
            await self._lose(error)
            confirmed = False
        if not confirmed:
            raise ServiceUnavailable("the live-update bus was lost")

    async def leave(self, channel: str) -> None:
        remaining = self._listeners.get(channel, 0) - 1
        if remaining > 0:
            self._listeners[channel] = remaining
            return
        self._listeners.pop(channel, None)
        if not self.alive:
            return
        try:
            await asyncio.wait_for(self._pubsub.unsubscribe(channel), self._timeout)
        except REDIS_ERRORS as error:
            await self._lose(error)

    async def close(self) -> None:
        self._end()
        reader = self._reader
        if reader is not None and reader is not asyncio.current_task():
            reader.cancel()
            await asyncio.wait([reader])
        try:
            await self._pubsub.aclose()  # type: ignore[no-untyped-call]
        except REDIS_ERRORS as error:
            _log.info("live_bus_close_failed", error=repr(error))

    async def _read(self) -> None:
        try:
            while True:
                message = await self._pubsub.get_message(timeout=None)
                if message is not None:
                    self._dispatch(message)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # whatever broke the reader, nobody would hear anything
            await self._lose(error)

    def _dispatch(self, message: dict[str, Any]) -> None:
        channel = message["channel"]
        if isinstance(channel, bytes):
            channel = channel.decode()
        if message["type"] == "subscribe":
            pending = self._confirmations.get(channel)
            if pending:
                waiter = pending.popleft()
                if not pending:
                    del self._confirmations[channel]
                if not waiter.done():
                    waiter.set_result(True)
        elif message["type"] == "message":
            try:
                payload = json.loads(message["data"])
            except ValueError:
                _log.warning("live_message_unreadable", channel=channel)
                return
            if isinstance(payload, dict):
                self._fanout.deliver(channel, payload)

    async def _lose(self, error: BaseException) -> None:
        if not self.alive:
            return
        _log.warning("live_bus_lost", error=repr(error))
        self._end()
        self._on_lost(self)
        await self.close()

    def _end(self) -> None:
        self.alive = False
        for pending in self._confirmations.values():
            for waiter in pending:
                if not waiter.done():
                    waiter.set_result(False)
        self._confirmations.clear()
        self._listeners.clear()
