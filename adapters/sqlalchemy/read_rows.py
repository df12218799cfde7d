"""Driver rows to read models, without SQLAlchemy's result layer.

Values arrive as each driver produces them: asyncpg gives typed values (but UUIDs as
its own ``uuid.UUID`` subclass, turned into plain ones so read models compare, pickle
and serialise like any other); SQLite gives UUIDs as 32-digit hex text, timestamps as
UTC text (``UtcDateTime``'s storage format) and booleans as integers."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from application.content_models import AuthorView, CommentView, PostDetail, PostSummary
from domain.posts import PostStatus

Row = Sequence[Any]
_STATUSES = {status.value: status for status in PostStatus}


def _uuid_from_hex(value: str) -> uuid.UUID:
    return uuid.UUID(hex=value)


def _plain_uuid(value: uuid.UUID) -> uuid.UUID:
    return uuid.UUID(int=value.int)


def _moment_from_text(value: str) -> datetime:
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def _same(value: Any) -> Any:
    return value


class RowDecoder:
    """Row layouts are those documented in ``read_statements.py``."""

    def __init__(self, dialect_name: str) -> None:
        sqlite = dialect_name == "sqlite"
        self._uuid: Callable[[Any], uuid.UUID] = _uuid_from_hex if sqlite else _plain_uuid
        self._moment: Callable[[Any], datetime] = _moment_from_text if sqlite else _same

    def author(self, row: Row, start: int = 0) -> AuthorView:
        return AuthorView(
            username=row[start],
            full_name=row[start + 1],
            bio=row[start + 2],
            image=row[start + 3],
            following=bool(row[start + 4]),
        )

    def post(self, row: Row) -> PostSummary:
        return PostSummary(*self._post_fields(row))

    def post_detail(self, row: Row) -> PostDetail:
        fields = self._post_fields(row)
        fields.append(row[19])
        return PostDetail(*fields)

    def _post_fields(self, row: Row) -> list[Any]:
        # Positional, in PostSummary's field order: this runs for every row of a page.
        moment = self._moment
        published_at = row[9]
        return [
            self._uuid(row[0]),
            row[1],
            row[2],
            row[3],
            tuple(row[4].split(",")) if row[4] else (),
            _STATUSES[row[5]],
            self._uuid(row[6]),
            AuthorView(row[13], row[14], row[15], row[16], bool(row[18])),
            moment(row[7]),
            moment(row[8]),
            moment(published_at) if published_at is not None else None,
            row[10],
            bool(row[17]),
            row[11],
            row[12],
        ]

    def comment(self, row: Row) -> CommentView:
        return CommentView(
            id=self._uuid(row[0]),
            post_id=self._uuid(row[1]),
            body=row[2],
            created_at=self._moment(row[3]),
            author=self.author(row, 4),
        )
