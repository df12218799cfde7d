"""Driver errors on the lean read path, where SQLAlchemy does not wrap them.

``errors.translated_errors`` understands SQLAlchemy's wrapped errors; statements run
straight on asyncpg or aiosqlite raise the drivers' own classes, sorted here the same
way: an outage becomes ``ServiceUnavailable``, anything else is a bug and propagates."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import asyncpg  # type: ignore[import-untyped]

from adapters.sqlalchemy.errors import unavailable

# Connection exceptions (SQLSTATE 08), insufficient resources (53), operator
# intervention such as a shutdown (57), and SQLite's failures to read the file.
_OUTAGES: tuple[type[BaseException], ...] = (
    OSError,
    TimeoutError,
    asyncpg.PostgresConnectionError,
    asyncpg.exceptions.InsufficientResourcesError,
    asyncpg.exceptions.OperatorInterventionError,
    sqlite3.OperationalError,
)


def lost_connection(error: BaseException) -> bool:
    """The connection itself is gone (the server closed it, or it was closed under us):
    a fresh connection may well succeed."""
    if isinstance(error, OSError | asyncpg.exceptions.ConnectionDoesNotExistError):
        return True
    return type(error) is asyncpg.InterfaceError and "closed" in str(error)


@contextmanager
def translated_driver_errors() -> Iterator[None]:
    try:
        yield
    except Exception as error:
        if lost_connection(error) or isinstance(error, _OUTAGES):
            raise unavailable() from error
        raise
