"""``inkport worker``: the outbox dispatcher as a process of its own."""

from __future__ import annotations

import asyncio
import signal

import structlog

from entrypoints.container import build_container
from entrypoints.delivery import dispatch_until_stopped
from entrypoints.dispatch_gate import dispatch_gate
from entrypoints.embedded import close
from entrypoints.logging import configure_logging
from entrypoints.settings import Settings

log = structlog.get_logger("inkport.outbox")


async def run_worker(settings: Settings, stop: asyncio.Event | None = None) -> None:
    """Dispatch until SIGTERM/SIGINT (or ``stop``), then finish the current batch and
    close the connections."""
    configure_logging(settings.log_format, settings.log_level)
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    if settings.event_bus_kind == "memory":
        # This process holds no sockets: only a shared bus carries its live updates.
        log.warning("outbox_worker_without_shared_bus", hint="set INKPORT_REDIS_URL")
    container = build_container(settings)
    log.info("outbox_worker_started", batch_size=settings.outbox_batch_size)
    try:
        dispatcher = container.use_cases.dispatcher()
        gate = dispatch_gate(settings.database_url)
        await dispatch_until_stopped(dispatcher, settings.outbox_poll_seconds, gate, stop)
    finally:
        await close(container)
        log.info("outbox_worker_stopped")
