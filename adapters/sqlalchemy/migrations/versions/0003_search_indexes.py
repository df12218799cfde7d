"""Trigram indexes serving the ``q`` search (``lower(title|body) LIKE '%…%'``) on
PostgreSQL. A B-tree cannot serve a pattern with a leading wildcard; a GIN trigram index
can. ``pg_trgm`` is a trusted extension (PostgreSQL 13+): the database owner may create
it. SQLite has no equivalent and scans, which suits its embedded scale.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEXES = {"ix_posts_title_trgm": "title", "ix_posts_body_trgm": "body"}


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    # One extension per database, wherever it was first installed: qualify its operator
    # class with that schema, so a search_path without it still finds it.
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public")
    schema = bind.execute(
        sa.text(
            "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'"
        )
    ).scalar_one()
    for name, column in _INDEXES.items():
        op.execute(
            f"CREATE INDEX {name} ON posts USING gin (lower({column}) {schema}.gin_trgm_ops)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in _INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
