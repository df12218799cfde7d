"""Request-validation failures in RealWorld's words: one list of messages per field."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from entrypoints.http.schemas.text import FORBIDDEN_TEXT_ERROR

ErrorMap = dict[str, list[str]]

BLANK = "can't be blank"
_LOCATIONS = {"body", "query", "path", "header", "cookie"}


def validation_errors(failures: Sequence[Mapping[str, Any]]) -> ErrorMap:
    """Never echoes the rejected input back: it may be a password."""
    result: ErrorMap = {}
    for failure in failures:
        messages = result.setdefault(_field(failure.get("loc", ())), [])
        message = _message(failure)
        if message not in messages:
            messages.append(message)
    return result


def _field(location: Sequence[str | int]) -> str:
    """The innermost named field: ``("body", "article", "tagList", 0)`` is ``tagList``."""
    names = [part for part in location if isinstance(part, str)]
    if len(names) > 1 and names[0] in _LOCATIONS:
        names = names[1:]
    return names[-1] if names else "request"


def _message(failure: Mapping[str, Any]) -> str:
    kind, limits, given = failure.get("type", ""), failure.get("ctx") or {}, failure.get("input")
    if kind == "json_invalid":
        return "is not valid JSON"
    if kind == "missing" or given is None or (isinstance(given, str) and not given.strip()):
        return BLANK
    if kind == FORBIDDEN_TEXT_ERROR:
        return "must not contain control characters"
    if kind == "string_too_short":
        return f"is too short (minimum is {limits.get('min_length')} characters)"
    if kind == "string_too_long":
        return f"is too long (maximum is {limits.get('max_length')} characters)"
    if kind == "too_long":
        return f"is too long (maximum is {limits.get('max_length')} items)"
    if kind == "greater_than_equal":
        return f"must be greater than or equal to {limits.get('ge')}"
    if kind == "less_than_equal":
        return f"must be less than or equal to {limits.get('le')}"
    return "is invalid"
