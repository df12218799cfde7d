"""One outbox dispatcher per SQLite file, however many processes serve it.

SQLite has no row locks, so two dispatchers on one file could both deliver an event and
break per-post order. Every process that would dispatch competes for an exclusive
``flock`` on a file next to the database; the holder dispatches, the others stand by and
try again, and the kernel releases the lock when its holder dies, so another takes over.
PostgreSQL needs none of this (claims use ``FOR UPDATE SKIP LOCKED``)."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from sqlalchemy.engine import make_url


class DispatchGate:
    def __init__(self, lock_path: Path) -> None:
        self.lock_path = lock_path
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        if self._fd is not None:
            return True
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops its flock
            self._fd = None


def dispatch_gate(database_url: str) -> DispatchGate | None:
    """A gate for a SQLite database file; ``None`` where dispatchers need none."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return DispatchGate(Path(f"{url.database}.dispatcher.lock"))
