"""The relational schema, as SQLAlchemy Core tables. Migrations must produce exactly this
(``tests/integration/test_migrations.py`` checks it)."""

from __future__ import annotations

import sqlalchemy as sa

from adapters.sqlalchemy.column_types import UtcDateTime, sortable_text

# Stable constraint names on every dialect, so migrations can address them and errors
# can be told apart (see errors.py).
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)

users = sa.Table(
    "users",
    metadata,
    sa.Column("id", sa.Uuid(), primary_key=True),
    sa.Column("username", sa.String(32), nullable=False),
    sa.Column("username_canonical", sortable_text(32), nullable=False, unique=True),
    # Email values arrive normalised (trimmed, lower-case) from the domain.
    sa.Column("email", sa.String(254), nullable=False, unique=True),
    sa.Column("password_hash", sa.String(255), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("full_name", sa.String(100), nullable=True),
    sa.Column("bio", sa.String(2000), nullable=True),
    sa.Column("image", sa.String(2000), nullable=True),
    sa.Column("is_active", sa.Boolean(), nullable=False),
    sa.Column("token_version", sa.Integer(), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("created_at", UtcDateTime(), nullable=False),
    sa.Column("updated_at", UtcDateTime(), nullable=False),
)

refresh_tokens = sa.Table(
    "refresh_tokens",
    metadata,
    sa.Column("id", sa.Uuid(), primary_key=True),
    sa.Column("family_id", sa.Uuid(), nullable=False, index=True),
    sa.Column(
        "user_id",
        sa.Uuid(),
        sa.ForeignKey("users.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("token_hash", sa.String(128), nullable=False, unique=True),
    sa.Column("issued_at", UtcDateTime(), nullable=False),
    sa.Column("expires_at", UtcDateTime(), nullable=False),
    sa.Column("used_at", UtcDateTime(), nullable=True),
    sa.Column("revoked_at", UtcDateTime(), nullable=True),
)

USERNAME_UNIQUE = "uq_users_username_canonical"
EMAIL_UNIQUE = "uq_users_email"
