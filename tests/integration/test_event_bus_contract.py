"""One contract for the live-update ``EventBus``, run against the in-process bus and the
Redis pub/sub bus.

Redis runs only when INKPORT_TEST_REDIS_URL is set; then an unreachable server fails the
run instead of quietly skipping it. Each test uses its own channel prefix."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Mapping
from typing import Any

import pytest

from adapters.events import InProcessEventBus, RedisEventBus
from application.ports.events import EventBus, SubscriberTooSlow
from domain.errors import ServiceUnavailable
from tests.redis_server import redis_server_url

WAIT_SECONDS = 3


@pytest.fixture(params=["memory", "redis"])
async def bus(request: pytest.FixtureRequest) -> AsyncIterator[EventBus]:
    if request.param == "memory":
        chosen: EventBus = InProcessEventBus()
    else:
        prefix = f"inkport-test:{uuid.uuid4().hex}:"
        chosen = RedisEventBus(redis_server_url(), channel_prefix=prefix)
    try:
        yield chosen
    finally:
        await chosen.close()


async def next_of(messages: AsyncIterator[Mapping[str, Any]]) -> Mapping[str, Any]:
    return await asyncio.wait_for(anext(messages), WAIT_SECONDS)


async def read_all(
    messages: AsyncIterator[Mapping[str, Any]], *, into: list[Mapping[str, Any]]
) -> None:
    async for message in messages:
        into.append(message)


async def test_a_subscriber_hears_what_is_published_on_its_channel_in_order(
    bus: EventBus,
) -> None:
    sent = [
        {"seq": i, "title": f"Post n°{i}", "tags": ["a", "b"], "meta": {"n": None}}
        for i in range(20)
    ]
    async with bus.subscribe("post:1") as messages:
        for message in sent:
            await bus.publish("post:1", message)
        received = [dict(await next_of(messages)) for _ in sent]
    assert received == sent


async def test_a_publish_right_after_subscribing_is_heard(bus: EventBus) -> None:
    for attempt in range(10):
        async with bus.subscribe(f"race:{attempt}") as messages:
            await bus.publish(f"race:{attempt}", {"attempt": attempt})
            assert await next_of(messages) == {"attempt": attempt}


async def test_messages_of_other_channels_are_not_heard(bus: EventBus) -> None:
    async with bus.subscribe("post:1") as messages:
        await bus.publish("post:2", {"to": "other"})
        await bus.publish("post:10", {"to": "other"})
        await bus.publish("post:1", {"to": "me"})
        assert await next_of(messages) == {"to": "me"}


async def test_two_subscribers_of_one_channel_each_hear_every_message_once(
    bus: EventBus,
) -> None:
    async with bus.subscribe("c") as first, bus.subscribe("c") as second:
        for seq in range(3):
            await bus.publish("c", {"seq": seq})
        await bus.publish("c", {"end": True})
        for messages in (first, second):
            heard = [await next_of(messages) for _ in range(4)]
            assert heard == [{"seq": 0}, {"seq": 1}, {"seq": 2}, {"end": True}]


async def test_a_message_published_while_nobody_listens_is_gone(bus: EventBus) -> None:
    await bus.publish("c", {"early": True})
    async with bus.subscribe("c") as messages:
        await bus.publish("c", {"late": True})
        assert await next_of(messages) == {"late": True}


async def test_a_subscriber_that_left_hears_nothing_more(bus: EventBus) -> None:
    async with bus.subscribe("c") as staying:
        async with bus.subscribe("c") as gone:
            await bus.publish("c", {"seq": 1})
            assert await next_of(gone) == {"seq": 1}
        await bus.publish("c", {"seq": 2})
        assert await next_of(staying) == {"seq": 1}
        assert await next_of(staying) == {"seq": 2}
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(anext(gone), 0.3)


async def test_a_channel_can_be_subscribed_again_after_its_last_subscriber_left(
    bus: EventBus,
) -> None:
    for round_ in range(3):
        async with bus.subscribe("c") as messages:
            await bus.publish("c", {"round": round_})
            assert await next_of(messages) == {"round": round_}


async def test_a_slow_subscriber_is_cut_off_without_delaying_a_fast_one(bus: EventBus) -> None:
    async with bus.subscribe("c", max_pending=3) as slow, bus.subscribe("c") as fast:
        for seq in range(10):
            await bus.publish("c", {"seq": seq})
        assert [await next_of(fast) for _ in range(10)] == [{"seq": s} for s in range(10)]
        heard_before_cut: list[Mapping[str, Any]] = []
        with pytest.raises(SubscriberTooSlow):
            await asyncio.wait_for(read_all(slow, into=heard_before_cut), WAIT_SECONDS)
        assert heard_before_cut == [{"seq": s} for s in range(3)]
        await bus.publish("c", {"seq": 10})
        assert await next_of(fast) == {"seq": 10}


async def test_close_ends_every_subscriber(bus: EventBus) -> None:
    async with bus.subscribe("a") as first, bus.subscribe("b") as second:
        await bus.close()
        for messages in (first, second):
            with pytest.raises(ServiceUnavailable):
                await next_of(messages)


async def test_closing_the_bus_after_a_subscriber_was_cut_off_ends_the_others(
    bus: EventBus,
) -> None:
    async with bus.subscribe("c", max_pending=3) as slow, bus.subscribe("c") as fast:
        for seq in range(10):
            await bus.publish("c", {"seq": seq})
        assert [await next_of(fast) for _ in range(10)] == [{"seq": s} for s in range(10)]
        await bus.close()
        with pytest.raises(ServiceUnavailable):
            await next_of(fast)
        heard_before_cut: list[Mapping[str, Any]] = []
        with pytest.raises(SubscriberTooSlow):
            await asyncio.wait_for(read_all(slow, into=heard_before_cut), WAIT_SECONDS)
        assert len(heard_before_cut) == 3


async def settle(steps: int) -> None:
    for _ in range(steps):
        await asyncio.sleep(0)


async def test_subscribers_cancelled_while_joining_or_leaving_disturb_nobody(
    bus: EventBus,
) -> None:
    async def listen(channel: str) -> None:
        async with bus.subscribe(channel) as messages:
            await anext(messages)

    async with bus.subscribe("steady") as steady:
        async with asyncio.timeout(WAIT_SECONDS * 3):
            for steps in range(12):
                for cancel_again in (False, True):
                    task = asyncio.create_task(listen(f"brief:{steps}"))
                    await settle(steps)
                    task.cancel()
                    if cancel_again:  # the way a cancelled anyio task scope keeps cancelling
                        await settle(steps)
                        task.cancel()
                    await asyncio.wait([task])
        await bus.publish("steady", {"still": "heard"})
        assert await next_of(steady) == {"still": "heard"}
        for steps in range(12):
            async with bus.subscribe(f"brief:{steps}") as again:
                await bus.publish(f"brief:{steps}", {"steps": steps})
                assert await next_of(again) == {"steps": steps}
