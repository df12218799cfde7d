"""Live-update buses: in-process, and Redis pub/sub for several processes."""

from adapters.events.memory import InProcessEventBus

__all__ = ["InProcessEventBus"]
