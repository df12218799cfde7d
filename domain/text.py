"""The one rule for text that comes from outside: no control characters, no broken UTF-16.

Tab, line feed and carriage return are ordinary text. Every other C0 control
(U+0000–U+001F), DEL (U+007F) and the C1 controls (U+0080–U+009F) are refused: they
are invisible, PostgreSQL cannot store U+0000 at all, and terminals and logs act on
them. So are unpaired surrogates (U+D800–U+DFFF), which JSON's ``\\ud800`` escapes
produce and which no UTF-8 encoder accepts."""

from __future__ import annotations

import re

from domain.errors import ValidationFailed

# Written so that Python and ECMAScript (JSON Schema) read it the same way. Surrogates
# are kept apart: UTF-8 regex engines (and well-formed UTF-8) cannot express them.
CONTROL_CHARACTERS_PATTERN = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
_SURROGATES_PATTERN = r"[\ud800-\udfff]"
FORBIDDEN_TEXT_MESSAGE = "must not contain control characters or unpaired surrogates"
_FORBIDDEN = re.compile(f"{CONTROL_CHARACTERS_PATTERN}|{_SURROGATES_PATTERN}")


def is_clean_text(value: str) -> bool:
    return _FORBIDDEN.search(value) is None


def clean_text(field: str, value: str) -> str:
    """``value`` unchanged, or ``ValidationFailed`` naming ``field``."""
    if not is_clean_text(value):
        raise ValidationFailed(field, f"{field} {FORBIDDEN_TEXT_MESSAGE}.")
    return value
