"""How every read-side adapter reads the free-form terms of a ``PostQuery``.

The in-memory and SQL adapters must agree to the letter (the contract suite checks it),
so the normalisation lives in one place:

- ``author`` and ``favorited_by`` are usernames, compared case-insensitively.
- ``tag`` is normalised as tags are stored (trimmed, inner whitespace collapsed,
  lower-case) and then matched exactly.
- ``q`` is lower-cased and matched as a plain substring of the lower-cased title or
  body: ``%``, ``_`` and ``\\`` are ordinary characters.
- A term holding a NUL character matches nothing: PostgreSQL cannot store one (and
  refuses it even in a comparison), SQLite would cut the term short at it.
- ``created_after`` is inclusive and ``created_before`` exclusive (a half-open range,
  so consecutive ranges never overlap); naive datetimes are taken as UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime


def matchable(term: str) -> bool:
    return "\x00" not in term


def username_term(raw: str) -> str:
    return raw.lower()


def tag_term(raw: str) -> str:
    return " ".join(raw.split()).lower()


def text_term(raw: str) -> str:
    return raw.lower()


def utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
