"""The outbox dispatcher: hands recorded events to their handlers after commit, at
least once, in order per stream, retrying failures with a backoff and parking (dead-
lettering) an event that keeps failing."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from application.ports import Clock, UnitOfWorkFactory
from application.ports.content import EventOutbox
from application.ports.events import EventHandler, OutboxEntry
from domain.errors import ServiceUnavailable

log = logging.getLogger("inkport.outbox")

ERROR_TEXT_LIMIT = 500


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """``max_attempts`` failed deliveries park an event; before that, failure number
    ``n`` waits ``base_seconds * 2**(n-1)``, at most ``max_seconds``."""

    max_attempts: int = 8
    base_seconds: float = 1.0
    max_seconds: float = 300.0

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if not 0 < self.base_seconds <= self.max_seconds:
            raise ValueError("0 < base_seconds <= max_seconds must hold")

    def delay(self, attempt: int) -> timedelta:
        if attempt < 1:
            raise ValueError("attempts count from 1")
        # Capped before the power: 2**63 * base is far past any max_seconds already.
        seconds = self.base_seconds * 2.0 ** min(attempt - 1, 63)
        return timedelta(seconds=min(seconds, self.max_seconds))


@dataclass(frozen=True, slots=True)
class _Failure:
    error: str
    delivered_to: frozenset[str]


class OutboxDispatcher:
    """Claims a batch of due events in one Unit of Work, runs every handler that wants
    an event and has not taken it yet, and records the outcome in the same Unit of Work:
    delivered, retried later, or parked. Handlers run while the claim's transaction is
    open, which keeps the claimed events locked against other dispatchers."""

    def __init__(
        self,
        uow: UnitOfWorkFactory,
        handlers: Sequence[EventHandler],
        clock: Clock,
        policy: RetryPolicy,
        batch_size: int,
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        names = [handler.name for handler in handlers]
        if len(set(names)) != len(names):
            raise ValueError(f"handler names must be unique: {names}")
        self._uow = uow
        self._handlers = tuple(handlers)
        self._clock = clock
        self._policy = policy
        self._batch_size = batch_size

    async def dispatch_once(self) -> int:
        """One batch; returns how many events were claimed."""
        async with self._uow() as uow:
            entries = await uow.outbox.claim(self._batch_size, self._clock.now())
            delivered: list[int] = []
            for entry in entries:
                failure = await self._deliver(entry)
                if failure is None:
                    delivered.append(entry.position)
                else:
                    await self._record_failure(uow.outbox, entry, failure)
            await uow.outbox.mark_delivered(delivered, self._clock.now())
            await uow.commit()
        return len(entries)

    async def run(self, stop: asyncio.Event, idle_seconds: float) -> None:
        """Dispatch until ``stop`` is set (the batch under way is finished first). An
        empty claim or a failing store waits ``idle_seconds`` (or until ``stop``)."""
        while not stop.is_set():
            try:
                claimed = await self.dispatch_once()
            except ServiceUnavailable as error:
                log.warning("outbox store unavailable: %s", error)
                claimed = 0
            except Exception:
                log.exception("outbox dispatch failed")
                claimed = 0
            # Any claim goes on at once: delivering a stream's head frees its next event.
            if claimed == 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), idle_seconds)

    async def _deliver(self, entry: OutboxEntry) -> _Failure | None:
        """Every handler gets its chance; one failing does not hold the others back."""
        taken = set(entry.delivered_to)
        errors: list[str] = []
        for handler in self._handlers:
            if handler.name in taken or not handler.wants(entry):
                continue
            try:
                await handler.handle(entry)
            except Exception as error:
                errors.append(f"{handler.name}: {type(error).__name__}: {error}")
            else:
                taken.add(handler.name)
        if not errors:
            return None
        return _Failure("; ".join(errors)[:ERROR_TEXT_LIMIT], frozenset(taken))

    async def _record_failure(
        self, outbox: EventOutbox, entry: OutboxEntry, failure: _Failure
    ) -> None:
        attempts, now = entry.attempts + 1, self._clock.now()
        if attempts >= self._policy.max_attempts:
            log.error(
                "outbox event %s (%s, position %d) parked after %d attempts: %s",
                entry.event_id,
                entry.name,
                entry.position,
                attempts,
                failure.error,
            )
            await outbox.park(
                entry.position,
                attempts=attempts,
                error=failure.error,
                at=now,
                delivered_to=failure.delivered_to,
            )
            return
        log.warning(
            "outbox event %s (%s) failed, attempt %d: %s",
            entry.event_id,
            entry.name,
            attempts,
            failure.error,
        )
        await outbox.schedule_retry(
            entry.position,
            attempts=attempts,
            retry_at=now + self._policy.delay(attempts),
            error=failure.error,
            delivered_to=failure.delivered_to,
        )
