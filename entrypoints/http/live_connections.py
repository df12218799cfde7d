"""Open live sockets of this process, counted per client address."""

from __future__ import annotations

from collections import Counter

from prometheus_client import Gauge

# "liveall": one series per worker (pid label), so operators see how sockets spread.
LIVE_CONNECTIONS = Gauge(
    "inkport_live_connections", "Open live-update sockets.", multiprocess_mode="liveall"
)


class LiveConnections:
    """Admits at most ``per_ip`` sockets from one client address at a time (per process:
    the cap is meant to stop one client from exhausting a worker)."""

    def __init__(self, per_ip: int) -> None:
        self._per_ip = per_ip
        self._open: Counter[str] = Counter()

    def admit(self, client_ip: str) -> bool:
        if self._open[client_ip] >= self._per_ip:
            return False
        self._open[client_ip] += 1
        LIVE_CONNECTIONS.inc()
        return True

    def leave(self, client_ip: str) -> None:
        self._open[client_ip] -= 1
        if self._open[client_ip] <= 0:
            del self._open[client_ip]
        LIVE_CONNECTIONS.dec()

    @property
    def total(self) -> int:
        return sum(self._open.values())
