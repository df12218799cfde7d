"""What only the Redis bus does: several processes, one shared pub/sub connection, and
outages of Redis itself (on a private redis-server that the test stops and starts)."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Mapping
from typing import Any

import pytest
from redis.asyncio import Redis

from adapters.events import RedisEventBus
from domain.errors import ServiceUnavailable
from tests.outage_servers import private_redis
from tests.redis_server import CLOSED_REDIS_URL, redis_server_url

WAIT_SECONDS = 3


def fresh_prefix() -> str:
    return f"inkport-test:{uuid.uuid4().hex}:"


async def next_of(messages: AsyncIterator[Mapping[str, Any]]) -> Mapping[str, Any]:
    return await asyncio.wait_for(anext(messages), WAIT_SECONDS)


async def subscriber_connections(url: str, channel: str) -> int:
    async with Redis.from_url(url) as redis:
        counts = await redis.pubsub_numsub(channel)
    return int(counts[0][1])


async def eventually_no_subscriber(url: str, channel: str) -> bool:
    # The bus sent UNSUBSCRIBE (or closed) on its own connection; this looks from another.
    for _ in range(100):
        if await subscriber_connections(url, channel) == 0:
            return True
        await asyncio.sleep(0.02)
    return False


async def test_publishing_to_an_unreachable_redis_fails_fast_as_unavailable() -> None:
    bus = RedisEventBus(CLOSED_REDIS_URL)
    started = time.monotonic()
    try:
        with pytest.raises(ServiceUnavailable):
            await bus.publish("c", {"seq": 1})
        with pytest.raises(ServiceUnavailable):
            async with bus.subscribe("c"):
                pass
    finally:
        await bus.close()
    assert time.monotonic() - started < 3


async def test_a_message_published_by_one_process_reaches_a_subscriber_of_another() -> None:
    url, prefix = redis_server_url(), fresh_prefix()
    publisher = RedisEventBus(url, channel_prefix=prefix)
    listener = RedisEventBus(url, channel_prefix=prefix)
    try:
        async with listener.subscribe("post:1") as messages:
            for seq in range(5):
                await publisher.publish("post:1", {"seq": seq})
            assert [await next_of(messages) for _ in range(5)] == [{"seq": s} for s in range(5)]
    finally:
        await publisher.close()
        await listener.close()


async def test_a_publish_by_another_process_right_after_subscribing_is_heard() -> None:
    # Entering ``subscribe`` waits for Redis to confirm the SUBSCRIBE. Were it to return
    # once the command is sent, some of these publishes (on another connection) would
    # overtake their SUBSCRIBE.
    url, prefix = redis_server_url(), fresh_prefix()
    listener = RedisEventBus(url, channel_prefix=prefix)
    publisher = RedisEventBus(url, channel_prefix=prefix)

    async def subscribe_then_publish(number: int) -> Mapping[str, Any] | None:
        async with listener.subscribe(f"c{number}") as messages:
            await publisher.publish(f"c{number}", {"number": number})
            try:
                return await asyncio.wait_for(anext(messages), 1)
            except TimeoutError:
                return None

    try:
        heard = await asyncio.gather(*(subscribe_then_publish(n) for n in range(300)))
    finally:
        await listener.close()
        await publisher.close()
    assert heard == [{"number": n} for n in range(300)]


async def test_listeners_share_one_subscription_that_ends_with_the_last_of_them_or_close() -> None:
    url, prefix = redis_server_url(), fresh_prefix()
    bus = RedisEventBus(url, channel_prefix=prefix)
    try:
        async with bus.subscribe("c"), bus.subscribe("c"):
            assert await subscriber_connections(url, prefix + "c") == 1
        assert await eventually_no_subscriber(url, prefix + "c")
        async with bus.subscribe("d"):
            assert await subscriber_connections(url, prefix + "d") == 1
            await bus.close()
            assert await eventually_no_subscriber(url, prefix + "d")
    finally:
        await bus.close()


@pytest.mark.slow
async def test_a_lost_redis_ends_current_subscribers_and_new_ones_work_once_it_is_back() -> None:
    with private_redis() as server:
        bus = RedisEventBus(server.url, channel_prefix=fresh_prefix())
        try:
            async with bus.subscribe("c") as before:
                await bus.publish("c", {"seq": 1})
                assert await next_of(before) == {"seq": 1}
                server.destroy()
                with pytest.raises(ServiceUnavailable):
                    await next_of(before)
                with pytest.raises(ServiceUnavailable):
                    await bus.publish("c", {"seq": 2})
                with pytest.raises(ServiceUnavailable):
                    async with bus.subscribe("c"):
                        pass
            server.start()
            async with bus.subscribe("c") as after, bus.subscribe("other") as other:
                await bus.publish("c", {"seq": 3})
                await bus.publish("other", {"seq": 4})
                assert await next_of(after) == {"seq": 3}
                assert await next_of(other) == {"seq": 4}
        finally:
            await bus.close()
