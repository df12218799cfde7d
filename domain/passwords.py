"""Password policy: what a new password must satisfy before it is hashed."""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import ValidationFailed
from domain.text import clean_text


@dataclass(frozen=True, slots=True)
class PasswordPolicy:
    """8–128 characters and no composition rules (NIST SP 800-63B) unless ``strict``.

    ``strict`` additionally demands an upper-case letter and a digit.
    """

    min_length: int = 8
    max_length: int = 128
    strict: bool = False

    def check(self, password: str, field: str = "password") -> None:
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
