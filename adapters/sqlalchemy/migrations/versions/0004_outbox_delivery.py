"""Outbox delivery bookkeeping: attempts, retry time, last error, parking (dead letter)
and the handlers that already took an event; partial indexes that keep claiming pending
events cheap however many delivered ones pile up.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30

Types are spelled out here rather than imported from content_tables.py: a migration
describes the schema as it was at this revision, whatever the tables become later.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PENDING = "delivered_at IS NULL AND parked_at IS NULL"
_INDEXES = {
    "ix_outbox_pending": (["position"], _PENDING),
    "ix_outbox_pending_stream": (["stream_id", "position"], _PENDING),
    "ix_outbox_parked": (["position"], "parked_at IS NOT NULL"),
}


def upgrade() -> None:
    with op.batch_alter_table("outbox") as table:
        table.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))
        table.add_column(sa.Column("retry_at", sa.DateTime(timezone=True), nullable=True))
        table.add_column(sa.Column("last_error", sa.Text(), nullable=True))
        table.add_column(sa.Column("parked_at", sa.DateTime(timezone=True), nullable=True))
        table.add_column(sa.Column("delivered_to", sa.Text(), nullable=False, server_default=""))
    # The pending-row indexes replace the one over every row's delivered_at.
    op.drop_index("ix_outbox_undelivered", table_name="outbox")
    for name, (columns, where) in _INDEXES.items():
        op.create_index(
            name,
            "outbox",
            columns,
            postgresql_where=sa.text(where),
            sqlite_where=sa.text(where),
        )


def downgrade() -> None:
    for name in _INDEXES:
        op.drop_index(name, table_name="outbox")
    op.create_index("ix_outbox_undelivered", "outbox", ["delivered_at", "position"])
    with op.batch_alter_table("outbox") as table:
        for column in ("delivered_to", "parked_at", "last_error", "retry_at", "attempts"):
            table.drop_column(column)
