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
        # One waiter per SUBSCRIBE queued; Redis confirms them in the order they were sent.
        # A waiter's result tells whether the subscription became active.
        self._confirmations: dict[str, deque[asyncio.Future[bool]]] = {}
        # SUBSCRIBE and UNSUBSCRIBE go out from a task of their own: a listener cancelled
        # in the middle must not leave half a command on the shared connection.
        self._commands: asyncio.Queue[tuple[str, str] | None] = asyncio.Queue()
        self._tasks: list[asyncio.Task[None]] = []
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
            async with asyncio.timeout(timeout_seconds):
                await pubsub.connect()  # type: ignore[no-untyped-call]
        except REDIS_ERRORS as error:
            await pubsub.aclose()  # type: ignore[no-untyped-call]
            _log.warning("live_bus_unreachable", error=repr(error))
            raise ServiceUnavailable("the live-update bus cannot reach Redis") from error
        link = cls(pubsub, fanout, timeout_seconds, on_lost)
        link._tasks = [
            asyncio.create_task(link._read(), name="inkport-live-bus-reader"),
            asyncio.create_task(link._write(), name="inkport-live-bus-writer"),
        ]
        return link

    async def join(self, channel: str) -> None:
        """Return once ``channel`` is subscribed: what is published from now on is heard.
        Every call, even a failed one, must be paired with ``leave``."""
        already = self._listeners.get(channel, 0)
        self._listeners[channel] = already + 1
        if not self.alive:
            raise ServiceUnavailable("the live-update bus was lost")
        pending = self._confirmations.get(channel)
        if not already:
            pending = self._confirmations.setdefault(channel, deque())
            pending.append(asyncio.get_running_loop().create_future())
            self._commands.put_nowait(("SUBSCRIBE", channel))
        elif not pending:
            return
        try:
            async with asyncio.timeout(self._timeout):
                confirmed = await asyncio.shield(pending[-1])
        except TimeoutError as error:
            await self._lose(error)
            confirmed = False
        if not confirmed:
            raise ServiceUnavailable("the live-update bus was lost")

    def leave(self, channel: str) -> None:
        remaining = self._listeners.get(channel, 0) - 1
        if remaining > 0:
            self._listeners[channel] = remaining
            return
        self._listeners.pop(channel, None)
        if self.alive:
            self._commands.put_nowait(("UNSUBSCRIBE", channel))

    async def close(self) -> None:
        self._end()
        # Besides the cancellation, which redis-py may swallow (its asyncio.wait_for on
        # Python 3.11), the tasks stop once the link is dead and the connection is gone.
        self._commands.put_nowait(None)
        tasks = [task for task in self._tasks if task is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        try:
            await self._pubsub.aclose()  # type: ignore[no-untyped-call]
        except REDIS_ERRORS as error:
            _log.info("live_bus_close_failed", error=repr(error))
        if tasks:
            await asyncio.wait(tasks, timeout=self._timeout)

    async def _write(self) -> None:
        try:
            while self.alive:
                command = await self._commands.get()
                if command is None or not self.alive:
                    return
                await self._pubsub.execute_command(*command)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # a broken connection: nothing more can be sent
            await self._lose(error)

    async def _read(self) -> None:
        try:
            while self.alive:
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
