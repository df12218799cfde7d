"""Counts the SQL statements run on behalf of one piece of work (a test, a request).

Both paths report here: statements executed through SQLAlchemy (an engine event,
installed once per engine) and the lean read path's driver-level fetches, which
SQLAlchemy never sees. Counting is off unless a ``counting_statements()`` block is
active in the current context, so the hot path pays one ``ContextVar.get``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine


class StatementCount:
    """Mutable, so tasks spawned inside the block (which copy the context) add to it."""

    __slots__ = ("statements",)

    def __init__(self) -> None:
        self.statements = 0


_current: ContextVar[StatementCount | None] = ContextVar("inkport_statements", default=None)


@contextmanager
def counting_statements() -> Iterator[StatementCount]:
    """Count every statement run in this context until the block ends. Statements of
    SQLAlchemy engines are seen only on engines passed to ``install``."""
    count = StatementCount()
    token = _current.set(count)
    try:
        yield count
    finally:
        _current.reset(token)


def record_statement() -> None:
    count = _current.get()
    if count is not None:
        count.statements += 1


def _before_cursor_execute(*_args: Any) -> None:
    record_statement()


def install(engine: AsyncEngine) -> None:
    """Make the engine's statements countable; installing twice changes nothing."""
    target = engine.sync_engine
    if not event.contains(target, "before_cursor_execute", _before_cursor_execute):
        event.listen(target, "before_cursor_execute", _before_cursor_execute)
