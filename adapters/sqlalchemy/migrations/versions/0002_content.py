"""Content: posts and their tags, comments, favourites, follows, the event outbox and
idempotency records.

Revision ID: 0002
Revises: 0001
Create Date: 2026-01-02

Types are spelled out here rather than imported from content_tables.py: a migration
describes the schema as it was at this revision, whatever the tables become later.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _sortable(length: int) -> sa.types.TypeEngine[str]:
    # Byte-order sorting on PostgreSQL whatever the database locale.
    return sa.String(length).with_variant(sa.String(length, collation="C"), "postgresql")


def _references(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}", ondelete="CASCADE"
    )


def upgrade() -> None:
    op.create_table(
        "posts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=False),
        sa.Column("slug", _sortable(100), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.String(300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("tags", sa.String(400), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.Column("published_at", _utc(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("favorites_count", sa.Integer(), nullable=False),
        sa.Column("comments_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_posts"),
        _references("posts", "author_id", "users"),
        sa.UniqueConstraint("slug", name="uq_posts_slug"),
    )
    op.create_index("ix_posts_status_created", "posts", ["status", "created_at", "id"])
    op.create_index(
        "ix_posts_author_status_created", "posts", ["author_id", "status", "created_at", "id"]
    )

    op.create_table(
        "post_tags",
        sa.Column("post_id", sa.Uuid(), nullable=False),
        sa.Column("tag", _sortable(32), nullable=False),
        sa.PrimaryKeyConstraint("post_id", "tag", name="pk_post_tags"),
        _references("post_tags", "post_id", "posts"),
    )
    op.create_index("ix_post_tags_tag_post", "post_tags", ["tag", "post_id"])

    op.create_table(
        "comments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("post_id", sa.Uuid(), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_comments"),
        _references("comments", "post_id", "posts"),
        _references("comments", "author_id", "users"),
    )
    op.create_index("ix_comments_post_created", "comments", ["post_id", "created_at", "id"])

    op.create_table(
        "favorites",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("post_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "post_id", name="pk_favorites"),
        _references("favorites", "user_id", "users"),
        _references("favorites", "post_id", "posts"),
    )
    op.create_index("ix_favorites_post", "favorites", ["post_id"])

    op.create_table(
        "follows",
        sa.Column("follower_id", sa.Uuid(), nullable=False),
        sa.Column("followee_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("follower_id", "followee_id", name="pk_follows"),
        _references("follows", "follower_id", "users"),
        _references("follows", "followee_id", "users"),
        sa.CheckConstraint("follower_id <> followee_id", name="ck_follows_not_self"),
    )
    op.create_index("ix_follows_followee", "follows", ["followee_id"])

    op.create_table(
        "outbox",
        sa.Column(
            "position",
            # SQLite auto-numbers only an INTEGER primary key (the rowid).
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("stream_id", sa.Uuid(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("occurred_at", _utc(), nullable=False),
        sa.Column("delivered_at", _utc(), nullable=True),
        sa.PrimaryKeyConstraint("position", name="pk_outbox"),
        sa.UniqueConstraint("event_id", name="uq_outbox_event_id"),
    )
    op.create_index("ix_outbox_undelivered", "outbox", ["delivered_at", "position"])

    op.create_table(
        "idempotency_keys",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("scope", sa.String(64), nullable=False),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("response_body", sa.Text(), nullable=True),
        sa.Column("response_headers", sa.Text(), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("completed_at", _utc(), nullable=True),
        sa.PrimaryKeyConstraint("user_id", "scope", "key", name="pk_idempotency_keys"),
        _references("idempotency_keys", "user_id", "users"),
    )


def downgrade() -> None:
    op.drop_table("idempotency_keys")
    op.drop_index("ix_outbox_undelivered", table_name="outbox")
    op.drop_table("outbox")
    op.drop_index("ix_follows_followee", table_name="follows")
    op.drop_table("follows")
    op.drop_index("ix_favorites_post", table_name="favorites")
    op.drop_table("favorites")
    op.drop_index("ix_comments_post_created", table_name="comments")
    op.drop_table("comments")
    op.drop_index("ix_post_tags_tag_post", table_name="post_tags")
    op.drop_table("post_tags")
    op.drop_index("ix_posts_author_status_created", table_name="posts")
    op.drop_index("ix_posts_status_created", table_name="posts")
    op.drop_table("posts")
