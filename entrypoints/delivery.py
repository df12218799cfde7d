"""Event delivery wiring: which bus and notifier serve this process, and the outbox
dispatcher's life as a background task (in the server, or in `inkport worker`)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import structlog

from adapters.events import InProcessEventBus, RedisEventBus
from adapters.notifications import LogNotifier, WebhookNotifier
from application.ports.events import EventBus, Notifier
from application.services.dispatcher import OutboxDispatcher
from entrypoints.dispatch_gate import DispatchGate
from entrypoints.settings import Settings

log = structlog.get_logger("inkport.outbox")

# How long shutdown waits for the dispatcher's current batch (webhooks time out sooner).
DISPATCHER_STOP_SECONDS = 30.0
# How often a standby dispatcher checks whether the active one is gone.
GATE_RETRY_SECONDS = 2.0


def build_event_bus(settings: Settings) -> EventBus:
    if settings.event_bus_kind == "redis":
        assert settings.redis_url  # settings refuse redis without a URL
        return RedisEventBus(settings.redis_url)
    return InProcessEventBus()


def build_notifier(settings: Settings) -> Notifier:
    if settings.notifier == "webhook":
        url, secret = settings.webhook_url, settings.webhook_secret
        if url is None or secret is None:  # refused by Settings already
            raise ValueError("the webhook notifier needs a URL and a secret")
        return WebhookNotifier(
            url,
            secret.get_secret_value().encode(),
            timeout_seconds=settings.webhook_timeout_seconds,
        )
    return LogNotifier()


async def close_delivery(bus: EventBus, notifier: Notifier) -> None:
    await bus.close()
    if isinstance(notifier, WebhookNotifier):
        await notifier.aclose()


@asynccontextmanager
async def running_dispatcher(
    dispatcher: OutboxDispatcher, idle_seconds: float, gate: DispatchGate | None = None
) -> AsyncIterator[None]:
    """Runs ``dispatcher.run`` in the background for the block (once ``gate`` is held,
    when there is one); on exit asks it to stop after its current batch and waits."""
    stop = asyncio.Event()
    task = asyncio.create_task(dispatch_until_stopped(dispatcher, idle_seconds, gate, stop))
    log.info("outbox_dispatcher_started")
    try:
        yield
    finally:
        stop.set()
        try:
            await asyncio.wait_for(task, DISPATCHER_STOP_SECONDS)
        except TimeoutError:
            log.warning("outbox_dispatcher_stop_timed_out")
        with contextlib.suppress(asyncio.CancelledError):
            await task
        log.info("outbox_dispatcher_stopped")


async def dispatch_until_stopped(
    dispatcher: OutboxDispatcher,
    idle_seconds: float,
    gate: DispatchGate | None,
    stop: asyncio.Event,
) -> None:
    """Holding ``gate`` (waiting for it while another process holds it), dispatch until
    ``stop`` is set."""
    if gate is not None and not gate.try_acquire():
        log.info("outbox_dispatcher_standing_by", lock=str(gate.lock_path))
        while not gate.try_acquire():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), GATE_RETRY_SECONDS)
            if stop.is_set():
                return
        log.info("outbox_dispatcher_took_over")
    try:
        await dispatcher.run(stop, idle_seconds)
    finally:
        if gate is not None:
            gate.release()
