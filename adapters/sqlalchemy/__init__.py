"""SQL adapters (SQLite through aiosqlite, PostgreSQL through asyncpg) on SQLAlchemy Core.

Rows never leave this package: repositories map them to domain entities explicitly."""

from adapters.sqlalchemy import content_tables  # registers its tables on ``metadata``
from adapters.sqlalchemy.engine import create_engine
from adapters.sqlalchemy.health import check_database
from adapters.sqlalchemy.idempotency import SqlAlchemyIdempotencyStore
from adapters.sqlalchemy.migrator import run_migrations
from adapters.sqlalchemy.outbox import SqlAlchemyEventOutbox
from adapters.sqlalchemy.tables import metadata
from adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork

__all__ = [
    "SqlAlchemyEventOutbox",
    "SqlAlchemyIdempotencyStore",
    "SqlAlchemyUnitOfWork",
    "check_database",
    "content_tables",
    "create_engine",
    "metadata",
    "run_migrations",
]
