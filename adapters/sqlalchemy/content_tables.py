"""Tables of the blogging core: posts, tags, comments, favourites, follows, the event
outbox and idempotency records. ``posts.tags`` duplicates ``post_tags`` as sorted,
comma-joined text so that reads need no aggregation; writes keep both in step."""

from __future__ import annotations

import sqlalchemy as sa

from adapters.sqlalchemy.column_types import UtcDateTime, sortable_text
from adapters.sqlalchemy.tables import metadata
from domain.slugs import STORED_SLUG_MAX_LENGTH


def _user_fk(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.Uuid(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False)


def _post_fk() -> sa.Column[object]:
    return sa.Column(
        "post_id", sa.Uuid(), sa.ForeignKey("posts.id", ondelete="CASCADE"), nullable=False
    )


posts = sa.Table(
    "posts",
    metadata,
    sa.Column("id", sa.Uuid(), primary_key=True),
    _user_fk("author_id"),
    sa.Column("slug", sortable_text(STORED_SLUG_MAX_LENGTH), nullable=False, unique=True),
    sa.Column("title", sa.String(200), nullable=False),
    sa.Column("description", sa.String(300), nullable=False),
    sa.Column("body", sa.Text(), nullable=False),
    sa.Column("tags", sa.String(400), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("updated_at", UtcDateTime(), nullable=False),
    sa.Column("published_at", UtcDateTime(), nullable=True),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("favorites_count", sa.Integer(), nullable=False),
    sa.Column("comments_count", sa.Integer(), nullable=False),
    # The default list: published, newest first, ties broken by id.
    sa.Index("ix_posts_status_created", "status", "created_at", "id"),
    sa.Index("ix_posts_author_status_created", "author_id", "status", "created_at", "id"),
)

post_tags = sa.Table(
    "post_tags",
    metadata,
    _post_fk(),
    sa.Column("tag", sortable_text(32), nullable=False),
    sa.PrimaryKeyConstraint("post_id", "tag"),
    sa.Index("ix_post_tags_tag_post", "tag", "post_id"),
)

comments = sa.Table(
    "comments",
    metadata,
    sa.Column("id", sa.Uuid(), primary_key=True),
    _post_fk(),
    _user_fk("author_id"),
    sa.Column("body", sa.Text(), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Index("ix_comments_post_created", "post_id", "created_at", "id"),
)

favorites = sa.Table(
    "favorites",
    metadata,
    _user_fk("user_id"),
    _post_fk(),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint("user_id", "post_id"),
    sa.Index("ix_favorites_post", "post_id"),
)

follows = sa.Table(
    "follows",
    metadata,
    _user_fk("follower_id"),
    _user_fk("followee_id"),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint("follower_id", "followee_id"),
    sa.CheckConstraint("follower_id <> followee_id", name="not_self"),
    sa.Index("ix_follows_followee", "followee_id"),
)

outbox = sa.Table(
    "outbox",
    metadata,
    sa.Column(
        "position",
        sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
        primary_key=True,
        autoincrement=True,
    ),
    sa.Column("event_id", sa.Uuid(), nullable=False, unique=True),
    sa.Column("name", sa.String(64), nullable=False),
    # The post (or user) the event is about: delivery is ordered per stream.
    sa.Column("stream_id", sa.Uuid(), nullable=False),
    sa.Column("payload", sa.Text(), nullable=False),
    sa.Column("occurred_at", UtcDateTime(), nullable=False),
    sa.Column("delivered_at", UtcDateTime(), nullable=True),
    # Delivery bookkeeping (migration 0004): failed attempts so far, when to try again,
    # the last error, when the event was given up on, and the handlers (comma-joined
    # names) that already took it.
    sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("retry_at", UtcDateTime(), nullable=True),
    sa.Column("last_error", sa.Text(), nullable=True),
    sa.Column("parked_at", UtcDateTime(), nullable=True),
    sa.Column("delivered_to", sa.Text(), nullable=False, server_default=""),
)

# Pending = neither delivered nor parked. Claiming scans pending rows by position and
# looks for an earlier pending row of the same stream: both are served by small partial
# indexes that delivered rows leave. Parked rows are listed for admins by position.
OUTBOX_PENDING = sa.text("delivered_at IS NULL AND parked_at IS NULL")
OUTBOX_PARKED = sa.text("parked_at IS NOT NULL")
for _name, _columns, _where in (
    ("ix_outbox_pending", ("position",), OUTBOX_PENDING),
    ("ix_outbox_pending_stream", ("stream_id", "position"), OUTBOX_PENDING),
    ("ix_outbox_parked", ("position",), OUTBOX_PARKED),
):
    sa.Index(
        _name,
        *(outbox.c[column] for column in _columns),
        postgresql_where=_where,
        sqlite_where=_where,
    )

idempotency_keys = sa.Table(
    "idempotency_keys",
    metadata,
    _user_fk("user_id"),
    sa.Column("scope", sa.String(64), nullable=False),
    sa.Column("key", sa.String(255), nullable=False),
    sa.Column("fingerprint", sa.String(64), nullable=False),
    sa.Column("status_code", sa.Integer(), nullable=True),
    sa.Column("response_body", sa.Text(), nullable=True),
    sa.Column("response_headers", sa.Text(), nullable=True),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("completed_at", UtcDateTime(), nullable=True),
    sa.PrimaryKeyConstraint("user_id", "scope", "key"),
)

SLUG_UNIQUE = "uq_posts_slug"

# `q` search (lower(title|body) LIKE '%…%') on PostgreSQL: trigram indexes (migration 0003).
for _column in (posts.c.title, posts.c.body):
    sa.Index(
        f"ix_posts_{_column.name}_trgm",
        sa.func.lower(_column),
        postgresql_using="gin",
        postgresql_ops={"lower": "gin_trgm_ops"},
    ).ddl_if(dialect="postgresql")
