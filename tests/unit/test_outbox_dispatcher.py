"""OutboxDispatcher over the in-memory store: every event reaches every handler that wants
it once, in order per stream; failures retry after the backoff without bothering the
handlers that already took the event; an event that keeps failing is parked and its
stream goes on; run() survives store outages and stops when told."""

from __future__ import annotations

import asyncio
import logging
import uuid

import pytest

from tests.unit.outbox_fakes import POLICY, Outbox, RecordingHandler, eventually

A, B = uuid.uuid4(), uuid.uuid4()


async def test_an_event_is_delivered_to_each_handler_once() -> None:
    outbox = Outbox()
    first, second = RecordingHandler("first"), RecordingHandler("second")
    skipper = RecordingHandler("skipper", wanted="PostPublished")
    (event,) = await outbox.record(A)
    dispatcher = outbox.dispatcher(first, second, skipper)

    assert await dispatcher.dispatch_once() == 1
    assert await dispatcher.dispatch_once() == 0

    assert first.handled_ids == second.handled_ids == [event.event_id]
    assert skipper.calls == []
    assert await outbox.lag() == 0


async def test_events_of_a_stream_arrive_in_order_even_with_two_dispatchers() -> None:
    outbox = Outbox()
    events = await outbox.record(A, A, B, A, B, B, A)
    handler = RecordingHandler()
    dispatchers = [outbox.dispatcher(handler, batch_size=2) for _ in range(2)]

    for _ in range(10):
        await asyncio.gather(*(d.dispatch_once() for d in dispatchers))

    assert sorted(map(str, handler.handled_ids)) == sorted(str(e.event_id) for e in events)
    for stream in (A, B):
        in_stream = [e.event_id for e in events if e.followee_id == stream]
        assert [i for i in handler.handled_ids if i in in_stream] == in_stream


async def test_a_failing_handler_is_retried_after_the_backoff_and_the_other_is_not_called_again(
    caplog: pytest.LogCaptureFixture,
) -> None:
    outbox = Outbox()
    (event,) = await outbox.record(A)
    steady = RecordingHandler("steady")
    flaky = RecordingHandler("flaky", fail_once={event.event_id})
    dispatcher = outbox.dispatcher(steady, flaky)

    with caplog.at_level(logging.WARNING, logger="inkport.outbox"):
        await dispatcher.dispatch_once()
    assert "RuntimeError: receiver down" in caplog.text
    outbox.advance(POLICY.delay(1).total_seconds() - 1)
    assert await dispatcher.dispatch_once() == 0  # not due yet
    outbox.advance(1)
    assert await dispatcher.dispatch_once() == 1

    assert steady.calls == [event.event_id]
    assert flaky.calls == [event.event_id, event.event_id]
    assert flaky.handled[0].attempts == 1
    assert await outbox.lag() == 0


async def test_an_event_that_keeps_failing_is_parked_and_its_stream_goes_on() -> None:
    outbox = Outbox()
    doomed, later = await outbox.record(A, A)
    handler = RecordingHandler(failing_for={doomed.event_id}, error=ValueError("x" * 2000))
    dispatcher = outbox.dispatcher(handler)

    for attempt in range(1, POLICY.max_attempts + 1):
        assert await dispatcher.dispatch_once() == 1  # only the head: `later` waits
        outbox.advance(POLICY.delay(attempt).total_seconds())
    assert await dispatcher.dispatch_once() == 1

    assert handler.calls == [doomed.event_id] * POLICY.max_attempts + [later.event_id]
    assert handler.handled_ids == [later.event_id]
    async with outbox.uow() as uow:
        (parked,) = await uow.outbox.parked(10)
    assert parked.entry.event_id == doomed.event_id
    assert parked.entry.attempts == POLICY.max_attempts
    assert parked.error.startswith("recorder: ValueError: xxx")
    assert len(parked.error) <= 500


async def test_run_delivers_until_the_stop_event_is_set() -> None:
    outbox = Outbox()
    handler = RecordingHandler()
    stop = asyncio.Event()
    running = asyncio.create_task(outbox.dispatcher(handler).run(stop, idle_seconds=0.01))

    (event,) = await outbox.record(A)
    async with asyncio.timeout(2):
        await eventually(lambda: handler.handled_ids == [event.event_id])
    stop.set()
    await asyncio.wait_for(running, timeout=1)

    assert running.exception() is None


async def test_run_survives_a_store_outage_and_delivers_once_the_store_is_back(
    caplog: pytest.LogCaptureFixture,
) -> None:
    outbox = Outbox()
    (event,) = await outbox.record(A)
    handler = RecordingHandler()
    stop = asyncio.Event()
    outbox.db.available = False

    with caplog.at_level(logging.WARNING, logger="inkport.outbox"):
        running = asyncio.create_task(outbox.dispatcher(handler).run(stop, idle_seconds=0.01))
        async with asyncio.timeout(2):
            await eventually(lambda: "store unavailable" in caplog.text)
            assert handler.calls == []
            outbox.db.available = True
            await eventually(lambda: handler.handled_ids == [event.event_id])
    stop.set()
    await asyncio.wait_for(running, timeout=1)
    assert running.exception() is None


async def test_a_dispatcher_with_two_handlers_of_one_name_is_refused() -> None:
    outbox = Outbox()
    with pytest.raises(ValueError, match="unique"):
        outbox.dispatcher(RecordingHandler("same"), RecordingHandler("same"))
