"""PostgreSQL errors that quote values: cut before they reach an exception's text or a log.

``hide_parameters`` keeps SQLAlchemy from printing a failed statement's parameters, but
the driver's own words may still carry them: a data error names the argument it could
not take ("invalid input for query argument $1: 'ada@example.com' ...") and a
constraint violation's DETAIL shows the key or the whole row ("Failing row contains
(..., $argon2id$...)"). Both are removed in place; the class, the SQLSTATE and the
constraint named in the message (which ``errors.translated_errors`` reads) stay."""

from __future__ import annotations

from typing import Any

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy.engine import ExceptionContext

HIDDEN = "values hidden (they may be personal data or secrets)"


def hide_values(error: BaseException) -> bool:
    """Scrub a driver error in place; ``True`` when it was one of PostgreSQL's."""
    if not isinstance(error, asyncpg.PostgresError):
        return False
    error.detail = None
    if isinstance(error, asyncpg.DataError):
        error.args = (f"{type(error).__name__}: {HIDDEN}",)
        # Raised from the encoder's own error, which quotes the value too.
        error.__cause__ = error.__context__ = None
    return True


def hide_statement_values(context: ExceptionContext) -> None:
    """An engine's ``handle_error`` listener: the driver error, SQLAlchemy's adaptation of
    it and the ``DBAPIError`` built from both are all rewritten without values."""
    adapted: Any = context.original_exception
    driver = getattr(adapted, "orig", None)
    if driver is None or not hide_values(driver):
        return
    adapted.args = (driver.args[0],)
    wrapper = context.sqlalchemy_exception
    if wrapper is not None:
        kind = type(adapted)
        wrapper.args = (f"({kind.__module__}.{kind.__name__}) {driver.args[0]}",)
