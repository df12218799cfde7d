"""Self-validating value objects shared by the domain."""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.errors import ValidationFailed
from domain.text import clean_text, is_clean_text

_USERNAME = re.compile(r"[A-Za-z0-9_]{3,32}")
# Pragmatic address check: one @, a dotted domain, no spaces or control characters.
_EMAIL = re.compile(
    r"[^@\s\x00-\x1f\x7f]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)
_MAX_EMAIL = 254
# Written so that Python and ECMAScript (JSON Schema) read it the same way.
IMAGE_URL_PATTERN = r"^https?://[^\x00-\x20\x7f/$.?#][^\x00-\x20\x7f]*$"
IMAGE_URL_MAX = 2000


@dataclass(frozen=True, slots=True)
class Username:
    """3–32 characters of ``[A-Za-z0-9_]``; display case kept, compared case-insensitively."""

    value: str

    def __post_init__(self) -> None:
        if not isinstance(self.value, str) or not _USERNAME.fullmatch(self.value):
            raise ValidationFailed(
                "username", "Username must be 3-32 characters of letters, digits and '_'."
            )

    @property
    def canonical(self) -> str:
        return self.value.lower()

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Email:
    """A syntactically valid address, stored normalised (trimmed, lower-case)."""

    value: str

    def __post_init__(self) -> None:
        if not isinstance(self.value, str):
            raise ValidationFailed("email", "Email must be text.")
        normalised = self.value.strip().lower()
        if len(normalised) > _MAX_EMAIL or not _EMAIL.fullmatch(normalised):
            raise ValidationFailed("email", "Email address is not valid.")
        clean_text("email", normalised)
        object.__setattr__(self, "value", normalised)

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class ImageUrl:
    """An absolute http(s) URL of at most 2,000 characters."""

    value: str

    def __post_init__(self) -> None:
        ok = (
            isinstance(self.value, str)
            and len(self.value) <= IMAGE_URL_MAX
            and re.fullmatch(IMAGE_URL_PATTERN, self.value) is not None
            and is_clean_text(self.value)
        )
        if not ok:
            raise ValidationFailed("image", "Image must be an absolute http(s) URL.")

    def __str__(self) -> str:
        return self.value


def bounded_text(field: str, value: str | None, *, max_length: int) -> str | None:
    """Optional free text: ``None`` or blank becomes ``None``; longer than allowed is an error."""
    if value is None:
        return None
    if len(value) > max_length:
        raise ValidationFailed(field, f"{field} must be at most {max_length} characters.")
    return clean_text(field, value) if value.strip() else None
