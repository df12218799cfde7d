"""Migration 0005: drafts stored with their title's slug take draft slugs, so that a new
post of the same title no longer learns that the hidden draft exists."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.sqlalchemy import run_migrations
from adapters.sqlalchemy.column_types import UtcDateTime
from adapters.sqlalchemy.migrator import alembic_config
from domain.slugs import draft_slug
from tests.integration.databases import SqlDatabase

NOW = datetime(2026, 11, 30, tzinfo=UTC)
# The columns as they were at revision 0004, typed where the driver needs it.
_TYPED = {"id": sa.Uuid(), "author_id": sa.Uuid(), "is_active": sa.Boolean()}
_TYPED |= {name: UtcDateTime() for name in ("created_at", "updated_at", "published_at")}
_USER_COLUMNS = "id username username_canonical email password_hash role is_active"
_USER_COLUMNS += " token_version version created_at updated_at"
_POST_COLUMNS = "id author_id slug title description body tags status created_at updated_at"
_POST_COLUMNS += " published_at version favorites_count comments_count"
_users = sa.table("users", *(sa.column(n, _TYPED.get(n)) for n in _USER_COLUMNS.split()))
_posts = sa.table("posts", *(sa.column(n, _TYPED.get(n)) for n in _POST_COLUMNS.split()))


@pytest.fixture
async def engine(fresh_sql_database: SqlDatabase) -> AsyncIterator[AsyncEngine]:
    engine = fresh_sql_database.engine()
    yield engine
    await engine.dispose()


def _post(author: uuid.UUID, title: str, slug: str, published: bool) -> dict[str, object]:
    return {
        "id": uuid.uuid4(),
        "author_id": author,
        "slug": slug,
        "title": title,
        "description": "",
        "body": "b",
        "tags": "",
        "version": 1,
        "status": "published" if published else "draft",
        "created_at": NOW,
        "updated_at": NOW,
        "published_at": NOW if published else None,
        "favorites_count": 0,
        "comments_count": 0,
    }


def _at_revision_0004(connection: sa.Connection) -> None:
    command.upgrade(alembic_config(connection), "0004")


async def test_migrating_gives_old_drafts_draft_slugs_and_leaves_published_slugs(
    engine: AsyncEngine,
) -> None:
    author = uuid.uuid4()
    draft = _post(author, "Draft plans: Q3!", "draft-plans-q3", published=False)
    public = _post(author, "Launch", "launch", published=True)
    async with engine.begin() as connection:
        await connection.run_sync(_at_revision_0004)
        await connection.execute(
            _users.insert().values(
                id=author,
                username="ada",
                username_canonical="ada",
                email="ada@example.com",
                password_hash="x",
                role="author",
                is_active=True,
                token_version=0,
                version=1,
                created_at=NOW,
                updated_at=NOW,
            )
        )
        await connection.execute(_posts.insert(), [draft, public])

    await run_migrations(engine)

    async with engine.connect() as connection:
        slugs = dict((await connection.execute(sa.select(_posts.c.id, _posts.c.slug))).all())
    assert slugs == {
        draft["id"]: draft_slug("Draft plans: Q3!", draft["id"]),  # type: ignore[arg-type]
        public["id"]: "launch",
    }
