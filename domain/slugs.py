"""URL slugs derived from titles.

A published post's slug is its title's slug, or that with a short suffix from the post's
id when another post holds it. A never-published draft's slug carries ``--`` and the
draft's whole id instead: unique on its own, and of a shape no title and no published slug
has (``slugify`` never yields ``--``). So a draft's slug depends on nothing else stored,
and a published slug depends only on slugs that have been public."""

from __future__ import annotations

import re
import unicodedata
import uuid

SLUG_MAX_LENGTH = 80
STORED_SLUG_MAX_LENGTH = 100
_DRAFT_MARK = "--"
_DRAFT_TITLE_LENGTH = STORED_SLUG_MAX_LENGTH - len(_DRAFT_MARK) - 32
_SUFFIX_LENGTHS = (8, 16)
_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(title: str) -> str:
    """ASCII, lower-case, hyphen-separated; ``post`` when nothing usable is left."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = _NON_WORD.sub("-", ascii_title.lower()).strip("-")
    return slug[:SLUG_MAX_LENGTH].rstrip("-") or "post"


def draft_slug(title: str, post_id: uuid.UUID) -> str:
    """The slug of a draft that was never published: its title's, ``--``, its id."""
    readable = slugify(title)[:_DRAFT_TITLE_LENGTH].rstrip("-")
    return f"{readable}{_DRAFT_MARK}{post_id.hex}"


def disambiguated(slug: str, post_id: uuid.UUID, length: int = _SUFFIX_LENGTHS[0]) -> str:
    """The slug with a suffix of the post's id, for a second post of that title."""
    return f"{slug}-{post_id.hex[:length]}"


def public_slugs(title: str, post_id: uuid.UUID) -> tuple[str, ...]:
    """The slugs a first publication may take, best first: the title's slug, then that
    with a longer and longer suffix from the post's id."""
    plain = slugify(title)
    return (plain, *(disambiguated(plain, post_id, length) for length in _SUFFIX_LENGTHS))
