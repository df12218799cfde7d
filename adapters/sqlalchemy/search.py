"""Case-insensitive substring search that means the same on every adapter.

PostgreSQL's ``lower()`` folds every letter the database's locale knows; SQLite's folds
ASCII only, so "ÜBER" would not find "über" there. On SQLite the read path therefore
registers Python's ``str.lower`` (what the in-memory adapter uses) on each connection it
reads with, under ``SQLITE_LOWER``, and ``casefolded()`` compiles to it."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from adapters.query_terms import text_term

SQLITE_LOWER = "inkport_lower"


class casefolded(FunctionElement[str]):  # noqa: N801 - reads as SQL in expressions
    type = sa.String()
    name = "casefolded"
    inherit_cache = True


@compiles(casefolded)
def _lower(element: casefolded, compiler: SQLCompiler, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(casefolded, "sqlite")
def _sqlite_lower(element: casefolded, compiler: SQLCompiler, **kw: Any) -> str:
    return f"{SQLITE_LOWER}({compiler.process(element.clauses, **kw)})"


def python_lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def like_pattern(q: str) -> str:
    """A LIKE pattern (escape character ``\\``) finding ``q`` anywhere, every character
    of ``q`` taken literally."""
    term = text_term(q).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{term}%"
