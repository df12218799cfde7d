from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

import structlog
from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError

from adapters.events.fanout import LocalFanout
from adapters.events.redis_link import REDIS_ERRORS, PubSubLink
from domain.errors import ServiceUnavailable

_log = structlog.get_logger(__name__)

PUBLISH_CONNECTIONS = 20


class RedisEventBus:
    """The ``EventBus`` on Redis pub/sub: listeners in every process hear what any process
    publishes. Messages travel as JSON, so they must hold JSON values only.

    All listeners of this bus share one pub/sub connection. When it is lost, every current
    listener's iterator raises ``ServiceUnavailable``; the next ``subscribe`` connects anew.
    Call ``close`` at shutdown."""

    def __init__(
        self, url: str, *, channel_prefix: str = "inkport:live:", timeout_seconds: float = 1.0
    ) -> None:
        # Publishing retries once on a broken connection: after a Redis restart, pooled
        # connections are stale. Other failures are retried by the outbox dispatcher.
        # Concurrent publishers wait for one of a few connections.
        self._redis = Redis.from_pool(
            BlockingConnectionPool.from_url(
                url,
                max_connections=PUBLISH_CONNECTIONS,
                timeout=timeout_seconds,
                retry=Retry(NoBackoff(), 1, (RedisConnectionError,)),
                socket_timeout=timeout_seconds,
                socket_connect_timeout=timeout_seconds,
            )
        )
        # The pub/sub connection never retries: a lost subscription must be reported,
        # not silently re-established after messages were missed.
        self._pubsub_redis = Redis.from_url(
            url,
            retry=Retry(NoBackoff(), 0),
            socket_timeout=timeout_seconds,
            socket_connect_timeout=timeout_seconds,
        )
        self._prefix = channel_prefix
        self._timeout = timeout_seconds
        self._fanout = LocalFanout()
        self._link: PubSubLink | None = None
        self._opening = asyncio.Lock()
        self._closed = False

    async def publish(self, channel: str, message: Mapping[str, Any]) -> None:
        self._check_open()
        data = json.dumps(dict(message))
        try:
            async with asyncio.timeout(self._timeout):
                await self._redis.publish(self._prefix + channel, data)
        except REDIS_ERRORS as error:
            _log.warning("live_publish_failed", channel=channel, error=repr(error))
            raise ServiceUnavailable("the live-update bus cannot reach Redis") from error

    @asynccontextmanager
    async def subscribe(
        self, channel: str, *, max_pending: int = 100
    ) -> AsyncIterator[AsyncIterator[Mapping[str, Any]]]:
        name = self._prefix + channel
        link = await self._current_link()
        try:
            await link.join(name)
            # Added only once subscribed, so a loss during join cannot end this listener.
            listener = self._fanout.add(name, max_pending)
            try:
                yield listener.messages()
            finally:
                self._fanout.remove(name, listener)
        finally:
            link.leave(name)

    async def close(self) -> None:
        self._closed = True
        link, self._link = self._link, None
        if link is not None:
            await link.close()
        self._fanout.lose_all()
        await self._redis.aclose()
        await self._pubsub_redis.aclose()

    async def _current_link(self) -> PubSubLink:
        async with self._opening:
            self._check_open()
            if self._link is None or not self._link.alive:
                self._link = await PubSubLink.open(
                    self._pubsub_redis, self._fanout, self._timeout, self._lost
                )
            return self._link

    def _lost(self, link: PubSubLink) -> None:
        if self._link is link:
            self._link = None
        self._fanout.lose_all()

    def _check_open(self) -> None:
        if self._closed:
            raise ServiceUnavailable("the live-update bus is closed")
