"""Live-update buses: in-process, and Redis pub/sub for several processes."""

from adapters.events.memory import InProcessEventBus
from adapters.events.redis import RedisEventBus

__all__ = ["InProcessEventBus", "RedisEventBus"]
