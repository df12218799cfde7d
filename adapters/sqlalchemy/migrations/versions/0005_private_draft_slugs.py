"""Drafts that were never published take draft slugs (``<title-slug>--<id hex>``), which
depend on no other post: before, a draft held its title's slug, and a new post of the
same title got a suffixed slug that told everyone the hidden draft existed.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

The slug rule is spelled out here rather than imported from ``domain.slugs``: a migration
describes the data as it was made at this revision, whatever the domain becomes later.
Going down leaves the draft slugs in place: they are valid slugs of the older schema too.
"""

import re
import unicodedata
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TITLE_SLUG_LENGTH = 80
_DRAFT_TITLE_LENGTH = 66  # 100 characters of column, less "--" and 32 hex digits
_NON_WORD = re.compile(r"[^a-z0-9]+")

_posts = sa.table(
    "posts",
    sa.column("id", sa.Uuid()),
    sa.column("title", sa.String()),
    sa.column("slug", sa.String()),
    sa.column("published_at", sa.DateTime()),
)


def _draft_slug(title: str, post_id: uuid.UUID) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = _NON_WORD.sub("-", ascii_title.lower()).strip("-")
    readable = (slug[:_TITLE_SLUG_LENGTH].rstrip("-") or "post")[:_DRAFT_TITLE_LENGTH]
    return f"{readable.rstrip('-')}--{post_id.hex}"


def upgrade() -> None:
    connection = op.get_bind()
    drafts = connection.execute(
        sa.select(_posts.c.id, _posts.c.title, _posts.c.slug).where(_posts.c.published_at.is_(None))
    ).all()
    for post_id, title, slug in drafts:
        new_slug = _draft_slug(title, post_id)
        if new_slug != slug:
            connection.execute(_posts.update().where(_posts.c.id == post_id).values(slug=new_slug))


def downgrade() -> None:
    pass
