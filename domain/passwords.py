"""Password policy: what a new password must satisfy before it is hashed."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field

from domain.errors import ValidationFailed
from domain.text import clean_text
from domain.values import Email, Username

# A shorter name or e-mail local part is found inside too many unrelated passwords for
# containing it to say anything; such parts are refused only as the whole password.
IDENTITY_PART_MIN = 3


@dataclass(frozen=True, slots=True)
class PasswordPolicy:
    """NIST SP 800-63B: 8–128 characters, no composition rules unless ``strict``, and
    never a common password or one built on the account's own name or address.

    ``common`` holds lower-cased known passwords (a breach/frequency list); the check is
    case-insensitive. ``strict`` additionally demands an upper-case letter and a digit.
    """

    min_length: int = 8
    max_length: int = 128
    strict: bool = False
    common: Container[str] = field(default=frozenset(), repr=False)

    def check(
        self,
        password: str,
        field: str = "password",
        *,
        username: Username | None = None,
        email: Email | None = None,
    ) -> None:
        """Raise ``ValidationFailed`` naming ``field`` unless ``password`` may be the
        password of the account with this ``username`` and ``email``."""
        if not isinstance(password, str):
            raise ValidationFailed(field, "Password must be text.")
        clean_text(field, password)
        if len(password) < self.min_length:
            raise ValidationFailed(
                field, f"Password must be at least {self.min_length} characters."
            )
        if len(password) > self.max_length:
            raise ValidationFailed(field, f"Password must be at most {self.max_length} characters.")
        if self.strict and not (
            any(c.isupper() for c in password) and any(c.isdigit() for c in password)
        ):
            raise ValidationFailed(field, "Password must contain an upper-case letter and a digit.")
        lowered = password.lower()
        if lowered in self.common:
            raise ValidationFailed(
                field, "This password is one of the most commonly used; choose another."
            )
        if _built_on(lowered, identity_parts(username, email)):
            raise ValidationFailed(
                field, "Password must not contain your username or e-mail address."
            )


def identity_parts(username: Username | None, email: Email | None) -> tuple[str, ...]:
    """The lower-cased strings a password may not be built on: the username, the
    address and the address's local part."""
    parts: list[str] = []
    if username is not None:
        parts.append(username.canonical)
    if email is not None:
        parts += [email.value, email.value.rpartition("@")[0]]
    return tuple(part for part in parts if part)


def _built_on(lowered: str, parts: tuple[str, ...]) -> bool:
    return any(
        lowered == part or (len(part) >= IDENTITY_PART_MIN and part in lowered) for part in parts
    )
