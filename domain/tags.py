"""Tags: normalised lower-case labels, at most ten per post, kept sorted."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from domain.errors import ValidationFailed
from domain.text import is_clean_text

TAG_MAX_LENGTH = 32
TAGS_PER_POST = 10


@dataclass(frozen=True, slots=True, order=True)
class Tag:
    """1–32 characters after trimming; stored lower-case; no commas or control characters."""

    value: str

    def __post_init__(self) -> None:
        if not isinstance(self.value, str):
            raise ValidationFailed("tags", "A tag must be text.")
        normalised = " ".join(self.value.split()).lower()
        if not 1 <= len(normalised) <= TAG_MAX_LENGTH:
            raise ValidationFailed("tags", f"Each tag must be 1-{TAG_MAX_LENGTH} characters.")
        if "," in normalised or not is_clean_text(self.value):
            raise ValidationFailed("tags", "Tags may not contain commas or control characters.")
        object.__setattr__(self, "value", normalised)

    def __str__(self) -> str:
        return self.value


def tag_set(raw: Iterable[str]) -> tuple[Tag, ...]:
    """Normalise, drop duplicates and sort; more than ten distinct tags is an error."""
    tags = sorted({Tag(value) for value in raw})
    if len(tags) > TAGS_PER_POST:
        raise ValidationFailed("tags", f"A post may have at most {TAGS_PER_POST} tags.")
    return tuple(tags)
