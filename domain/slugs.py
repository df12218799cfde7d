"""URL slugs derived from titles."""

from __future__ import annotations

import re
import unicodedata
import uuid

SLUG_MAX_LENGTH = 80
_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(title: str) -> str:
    """ASCII, lower-case, hyphen-separated; ``post`` when nothing usable is left."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = _NON_WORD.sub("-", ascii_title.lower()).strip("-")
    return slug[:SLUG_MAX_LENGTH].rstrip("-") or "post"


def disambiguated(slug: str, post_id: uuid.UUID) -> str:
    """The slug with a short suffix from the post's id, for a second post of that title."""
    return f"{slug}-{post_id.hex[:8]}"
