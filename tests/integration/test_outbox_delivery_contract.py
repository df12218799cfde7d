"""EventOutbox contract, delivery side: claims give each stream's oldest pending event
that is due, in position order; retries wait; parking frees the stream; admins list and
requeue parked events; marks count only once committed; two Units of Work claiming at
once never get the same event."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from application.ports import UnitOfWorkFactory
from application.ports.events import OutboxEntry
from domain.events import UserFollowed
from tests.integration.builders import LATER, NOW

MUCH_LATER = LATER + timedelta(hours=1)
STREAM_A, STREAM_B, STREAM_C = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def _followed(stream: uuid.UUID, minutes: int = 0) -> UserFollowed:
    return UserFollowed(
        occurred_at=NOW + timedelta(minutes=minutes), follower_id=uuid.uuid4(), followee_id=stream
    )


async def _record(uow_factory: UnitOfWorkFactory, *streams: uuid.UUID) -> list[UserFollowed]:
    events = [_followed(stream, minutes) for minutes, stream in enumerate(streams)]
    async with uow_factory() as uow:
        await uow.outbox.add(events)
        await uow.commit()
    return events


async def _claim(uow_factory: UnitOfWorkFactory, limit: int = 10) -> list[OutboxEntry]:
    async with uow_factory() as uow:
        return await uow.outbox.claim(limit, LATER)


def _ids(entries: list[OutboxEntry]) -> list[uuid.UUID]:
    return [entry.event_id for entry in entries]


async def test_a_claim_gives_the_oldest_pending_event_of_each_stream_in_position_order(
    uow_factory: UnitOfWorkFactory,
) -> None:
    a1, a2, b1, a3 = await _record(uow_factory, STREAM_A, STREAM_A, STREAM_B, STREAM_A)

    assert _ids(await _claim(uow_factory)) == [a1.event_id, b1.event_id]
    assert _ids(await _claim(uow_factory, limit=1)) == [a1.event_id]

    async with uow_factory() as uow:
        claimed = await uow.outbox.claim(10, LATER)
        await uow.outbox.mark_delivered([claimed[0].position], LATER)
        await uow.commit()
    assert _ids(await _claim(uow_factory)) == [a2.event_id, b1.event_id]
    assert a3.event_id not in _ids(await _claim(uow_factory))


async def test_a_retried_event_waits_for_its_time_and_holds_its_stream_back(
    uow_factory: UnitOfWorkFactory,
) -> None:
    a1, _, b1 = await _record(uow_factory, STREAM_A, STREAM_A, STREAM_B)
    async with uow_factory() as uow:
        first = (await uow.outbox.claim(1, LATER))[0]
        await uow.outbox.schedule_retry(
            first.position,
            attempts=1,
            retry_at=MUCH_LATER,
            error="RuntimeError: down",
            delivered_to=frozenset({"live", "mail"}),
        )
        await uow.commit()

    assert _ids(await _claim(uow_factory)) == [b1.event_id]
    async with uow_factory() as uow:
        retried = await uow.outbox.claim(10, MUCH_LATER)
    assert _ids(retried) == [a1.event_id, b1.event_id]
    assert (retried[0].attempts, retried[0].delivered_to) == (1, frozenset({"live", "mail"}))
    assert (retried[1].attempts, retried[1].delivered_to) == (0, frozenset())


async def test_parking_an_event_keeps_it_for_admins_and_frees_its_stream(
    uow_factory: UnitOfWorkFactory,
) -> None:
    a1, a2 = await _record(uow_factory, STREAM_A, STREAM_A)
    async with uow_factory() as uow:
        first = (await uow.outbox.claim(1, LATER))[0]
        await uow.outbox.park(
            first.position, attempts=5, error="boom", at=LATER, delivered_to=frozenset({"x"})
        )
        await uow.commit()

    assert _ids(await _claim(uow_factory)) == [a2.event_id]
    async with uow_factory() as uow:
        parked = await uow.outbox.parked(10)
        assert await uow.outbox.lag() == (1, a2.occurred_at)
    assert [(p.entry.event_id, p.error, p.parked_at) for p in parked] == [
        (a1.event_id, "boom", LATER)
    ]
    assert (parked[0].entry.attempts, parked[0].entry.delivered_to) == (5, frozenset({"x"}))
    assert parked[0].entry.payload["followee_id"] == str(STREAM_A)


async def test_parked_events_are_listed_by_position_a_page_at_a_time(
    uow_factory: UnitOfWorkFactory,
) -> None:
    events = await _record(uow_factory, STREAM_A, STREAM_B, STREAM_C)
    async with uow_factory() as uow:
        for entry in await uow.outbox.claim(10, LATER):
            await uow.outbox.park(
                entry.position, attempts=1, error="e", at=LATER, delivered_to=frozenset()
            )
        await uow.commit()

    async with uow_factory() as uow:
        first_page = await uow.outbox.parked(2)
        second_page = await uow.outbox.parked(2, after_position=first_page[-1].entry.position)
    assert [p.entry.event_id for p in first_page + second_page] == [e.event_id for e in events]
    assert len(second_page) == 1


async def test_a_requeued_event_is_pending_again_from_its_first_attempt(
    uow_factory: UnitOfWorkFactory,
) -> None:
    a1, a2, b1 = await _record(uow_factory, STREAM_A, STREAM_A, STREAM_B)
    async with uow_factory() as uow:
        first, pending = await uow.outbox.claim(2, LATER)
        await uow.outbox.park(
            first.position, attempts=5, error="boom", at=LATER, delivered_to=frozenset({"x"})
        )
        await uow.commit()

    async with uow_factory() as uow:
        assert not await uow.outbox.requeue(pending.position, LATER)
        assert not await uow.outbox.requeue(pending.position + 1000, LATER)
        assert await uow.outbox.requeue(first.position, LATER)
        await uow.commit()

    requeued = await _claim(uow_factory)
    assert _ids(requeued) == [a1.event_id, b1.event_id]  # a1 ahead of a2 again
    assert (requeued[0].attempts, requeued[0].delivered_to) == (0, frozenset({"x"}))
    async with uow_factory() as uow:
        assert await uow.outbox.parked(10) == []
        assert await uow.outbox.lag() == (3, a1.occurred_at)
    assert a2.event_id not in _ids(requeued)


async def test_lag_counts_neither_delivered_nor_parked_events(
    uow_factory: UnitOfWorkFactory,
) -> None:
    a1, b1, c1 = await _record(uow_factory, STREAM_A, STREAM_B, STREAM_C)
    async with uow_factory() as uow:
        assert await uow.outbox.lag() == (3, a1.occurred_at)
        entries = await uow.outbox.claim(10, LATER)
        await uow.outbox.mark_delivered([entries[0].position], LATER)
        await uow.outbox.park(
            entries[2].position, attempts=1, error="e", at=LATER, delivered_to=frozenset()
        )
        await uow.commit()

    async with uow_factory() as uow:
        assert await uow.outbox.lag() == (1, b1.occurred_at)
    assert c1.event_id not in _ids(await _claim(uow_factory))


async def test_marks_of_a_unit_of_work_that_does_not_commit_change_nothing(
    uow_factory: UnitOfWorkFactory,
) -> None:
    a1, b1, c1 = await _record(uow_factory, STREAM_A, STREAM_B, STREAM_C)
    async with uow_factory() as uow:
        entries = await uow.outbox.claim(10, LATER)
        await uow.outbox.park(
            entries[0].position, attempts=1, error="e", at=LATER, delivered_to=frozenset()
        )
        await uow.outbox.mark_delivered([entries[1].position], LATER)
        await uow.outbox.schedule_retry(
            entries[2].position,
            attempts=1,
            retry_at=MUCH_LATER,
            error="e",
            delivered_to=frozenset({"x"}),
        )
        assert await uow.outbox.lag() == (1, c1.occurred_at)  # its own marks it sees
        await uow.rollback()

    pending = await _claim(uow_factory)
    assert _ids(pending) == [a1.event_id, b1.event_id, c1.event_id]
    assert [(e.attempts, e.delivered_to) for e in pending] == [(0, frozenset())] * 3
    async with uow_factory() as uow:
        assert await uow.outbox.parked(10) == []


# Stores with row locks only: SQLite has none, and its processes elect one dispatcher
# per database file instead (entrypoints/dispatch_gate.py).
@pytest.mark.parametrize(
    "backend",
    [
        pytest.param("memory", id="memory"),
        pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
    ],
    indirect=True,
)
async def test_two_units_of_work_claiming_at_once_never_get_the_same_event(
    uow_factory: UnitOfWorkFactory,
) -> None:
    a1, a2, b1 = await _record(uow_factory, STREAM_A, STREAM_A, STREAM_B)

    async with uow_factory() as first, uow_factory() as second:
        mine = await first.outbox.claim(1, LATER)
        theirs = await second.outbox.claim(10, LATER)
        assert _ids(mine) == [a1.event_id]
        assert _ids(theirs) == [b1.event_id]  # a1 locked, a2 behind it
        await first.outbox.mark_delivered([mine[0].position], LATER)
        await first.commit()
        await second.outbox.mark_delivered([theirs[0].position], LATER)
        await second.commit()

    assert _ids(await _claim(uow_factory)) == [a2.event_id]
