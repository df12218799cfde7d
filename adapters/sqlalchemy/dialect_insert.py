"""``INSERT`` that skips rows already there, in each dialect's own words."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.dml import Insert


def insert_unless_present(dialect_name: str, table: sa.Table) -> Insert:
    """``ON CONFLICT DO NOTHING``: a duplicate key inserts nothing (``rowcount`` 0) instead
    of failing. On PostgreSQL a concurrent uncommitted duplicate makes the statement wait
    for that transaction's outcome, so exactly one of two racing inserts counts."""
    if dialect_name == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    if dialect_name == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing()
    raise ValueError(f"no conflict-tolerant insert for {dialect_name}")
