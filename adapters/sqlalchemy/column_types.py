"""Column types shared by the tables and their migrations."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Dialect


class UtcDateTime(sa.TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every dialect.

    PostgreSQL keeps the offset itself; SQLite stores text without one, so values are
    converted to UTC on the way in and tagged as UTC on the way out. Naive datetimes are
    refused: their meaning would depend on the server's clock settings."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r} cannot be stored; use UTC")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def sortable_text(length: int) -> sa.types.TypeEngine[str]:
    """Text whose ordering is byte order on every dialect.

    PostgreSQL sorts by the database's locale by default (``en_US`` ignores ``_``), which
    would make keyset pagination disagree with SQLite and the in-memory adapter."""
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")
