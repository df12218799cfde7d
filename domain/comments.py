from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from domain.errors import ValidationFailed
from domain.text import clean_text

COMMENT_MAX = 5000


def comment_body(value: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationFailed("body", "body can't be blank.")
    if len(value) > COMMENT_MAX:
        raise ValidationFailed("body", f"body must be at most {COMMENT_MAX} characters.")
    return clean_text("body", value)


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment on a published post; comments are written once and never edited."""

    id: uuid.UUID
    post_id: uuid.UUID
    author_id: uuid.UUID
    body: str
    created_at: datetime

    @classmethod
    def write(
        cls, *, post_id: uuid.UUID, author_id: uuid.UUID, body: str, now: datetime
    ) -> Comment:
        return cls(
            id=uuid.uuid4(),
            post_id=post_id,
            author_id=author_id,
            body=comment_body(body),
            created_at=now,
        )
