"""Turns driver and SQLAlchemy errors into the domain errors the ports promise."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc

from adapters.sqlalchemy.content_tables import SLUG_UNIQUE
from adapters.sqlalchemy.tables import EMAIL_UNIQUE, USERNAME_UNIQUE
from domain.errors import (
    DomainError,
    EditConflict,
    EmailTaken,
    PostNotFound,
    ServiceUnavailable,
    SlugTaken,
    UsernameTaken,
)

# Foreign keys from rows that only exist with their post (named by the naming convention).
_POST_REFERENCES = ("fk_comments_post_id_posts", "fk_favorites_post_id_posts")

# PostgreSQL names the violated constraint; SQLite names the table and column instead.
_CONSTRAINT_VIOLATIONS: dict[str, type[DomainError]] = {
    USERNAME_UNIQUE: UsernameTaken,
    "users.username_canonical": UsernameTaken,
    EMAIL_UNIQUE: EmailTaken,
    "users.email": EmailTaken,
    SLUG_UNIQUE: SlugTaken,
    "posts.slug": SlugTaken,
    # A post deleted by a concurrent transaction while a comment or favourite for it was
    # being written (PostgreSQL only: SQLite's single writer cannot interleave them).
    **dict.fromkeys(_POST_REFERENCES, PostNotFound),
}

# SQLSTATE classes meaning "the server or the link to it is gone or overloaded":
# 08 connection exception, 53 insufficient resources, 57 operator intervention (shutdown).
_UNAVAILABLE_SQLSTATE_CLASSES = {"08", "53", "57"}

# Serialization failure and deadlock: PostgreSQL aborted us in favour of a concurrent
# transaction, which is what EditConflict tells a caller ("reload and retry").
_CONFLICT_SQLSTATES = {"40001", "40P01"}


def is_unavailable(error: BaseException) -> bool:
    if isinstance(error, OSError | TimeoutError | exc.TimeoutError):
        return True  # refused/unreachable, connect timeout, pool exhausted
    if not isinstance(error, exc.DBAPIError):
        return False
    return (
        error.connection_invalidated
        or isinstance(error, exc.OperationalError | exc.InterfaceError)
        or _sqlstate(error)[:2] in _UNAVAILABLE_SQLSTATE_CLASSES
    )


def _sqlstate(error: BaseException) -> str:
    orig = error.orig if isinstance(error, exc.DBAPIError) else None
    return str(getattr(orig, "sqlstate", "") or "")


def unavailable() -> ServiceUnavailable:
    return ServiceUnavailable("The database is unavailable.")


@contextmanager
def translated_errors(*, connecting: bool = False) -> Iterator[None]:
    """Re-raise known constraint violations as domain errors (``UsernameTaken``,
    ``SlugTaken``, ...) and outages as ``ServiceUnavailable``; anything else is a bug
    and propagates unchanged.

    ``connecting``: every driver error while opening a connection (unknown database,
    refused login) means the same thing to a caller: no database right now."""
    try:
        yield
    except exc.IntegrityError as error:
        message = str(error.orig)
        for marker, domain_error in _CONSTRAINT_VIOLATIONS.items():
            if marker in message:
                raise domain_error() from error
        raise
    except Exception as error:
        if _sqlstate(error) in _CONFLICT_SQLSTATES:
            raise EditConflict() from error
        if is_unavailable(error) or (connecting and isinstance(error, exc.DBAPIError)):
            raise unavailable() from error
        raise
