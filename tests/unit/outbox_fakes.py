"""Handwritten handlers and a little setup for the outbox dispatcher's tests."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from adapters.clock import ManualClock
from adapters.memory import InMemoryDatabase, InMemoryUnitOfWork
from application.ports import UnitOfWork
from application.ports.events import OutboxEntry
from application.services.dispatcher import OutboxDispatcher, RetryPolicy
from domain.events import UserFollowed

POLICY = RetryPolicy(max_attempts=3, base_seconds=10, max_seconds=60)


@dataclass
class RecordingHandler:
    """Takes every event it wants and remembers them in order; fails for the event ids
    in ``failing_for`` (raising ``error``) and, once, for each id in ``fail_once``."""

    name: str = "recorder"
    wanted: str | None = None
    failing_for: set[uuid.UUID] = field(default_factory=set)
    fail_once: set[uuid.UUID] = field(default_factory=set)
    error: Exception = field(default_factory=lambda: RuntimeError("receiver down"))
    calls: list[uuid.UUID] = field(default_factory=list)
    handled: list[OutboxEntry] = field(default_factory=list)

    def wants(self, entry: OutboxEntry) -> bool:
        return self.wanted is None or entry.name == self.wanted

    async def handle(self, entry: OutboxEntry) -> None:
        self.calls.append(entry.event_id)
        await asyncio.sleep(0)  # let concurrent dispatchers interleave
        if entry.event_id in self.fail_once:
            self.fail_once.discard(entry.event_id)
            raise self.error
        if entry.event_id in self.failing_for:
            raise self.error
        self.handled.append(entry)

    @property
    def handled_ids(self) -> list[uuid.UUID]:
        return [entry.event_id for entry in self.handled]


@dataclass
class Outbox:
    db: InMemoryDatabase = field(default_factory=InMemoryDatabase)
    clock: ManualClock = field(default_factory=ManualClock)

    def uow(self) -> UnitOfWork:
        return InMemoryUnitOfWork(self.db, clock=self.clock)

    def dispatcher(self, *handlers: RecordingHandler, batch_size: int = 10) -> OutboxDispatcher:
        return OutboxDispatcher(self.uow, handlers, self.clock, POLICY, batch_size)

    async def record(self, *streams: uuid.UUID) -> list[UserFollowed]:
        events = [
            UserFollowed(occurred_at=self.clock.now(), follower_id=uuid.uuid4(), followee_id=s)
            for s in streams
        ]
        async with self.uow() as uow:
            await uow.outbox.add(events)
            await uow.commit()
        return events

    async def lag(self) -> int:
        async with self.uow() as uow:
            return (await uow.outbox.lag())[0]

    def advance(self, seconds: float) -> None:
        self.clock.advance(timedelta(seconds=seconds))


async def eventually(condition: Callable[[], bool]) -> None:
    """Poll (within the caller's ``asyncio.timeout``): the dispatcher's loop runs on its
    own and signals nothing the test could wait on."""
    while not condition():  # noqa: ASYNC110
        await asyncio.sleep(0.005)
