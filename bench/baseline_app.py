"""The bench's baseline: a minimal flat FastAPI app (no layers, no container, no ORM) that
answers Inkport's two hot reads with raw asyncpg queries and the same JSON as
``GET /api/v1/posts/{post_id}`` and ``GET /api/v1/posts?limit=N`` for an anonymous
caller (``favorited`` and ``following`` false). The JSON shape mirrors
``entrypoints/http/schemas/posts.py``; ``bench.parity`` checks they still agree.

Run: ``BENCH_BASELINE_DSN=postgresql://... uvicorn bench.baseline_app:app --no-access-log``
"""

from __future__ import annotations

import base64
import json
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Annotated, Any

import asyncpg  # type: ignore[import-untyped]
from fastapi import FastAPI, HTTPException, Query, Response
from pydantic import BaseModel

POST_SQL = """
    SELECT p.id, p.slug, p.title, p.description, p.tags, p.status, p.created_at,
           p.updated_at, p.published_at, p.favorites_count, p.comments_count, p.version,
           u.username, u.full_name, u.bio, u.image, p.body
    FROM posts p JOIN users u ON u.id = p.author_id
    WHERE p.id = $1 AND p.status = 'published'
"""
PAGE_SQL = """
    SELECT p.id, p.slug, p.title, p.description, p.tags, p.status, p.created_at,
           p.updated_at, p.published_at, p.favorites_count, p.comments_count, p.version,
           u.username, u.full_name, u.bio, u.image
    FROM posts p JOIN users u ON u.id = p.author_id
    WHERE p.status = 'published'
    ORDER BY p.created_at DESC, p.id DESC
    LIMIT $1
"""

queries_run = 0  # read by the bench to report statements per request


class Author(BaseModel):
    username: str
    full_name: str | None
    bio: str | None
    image: str | None
    following: bool


class PostSummary(BaseModel):
    id: uuid.UUID
    slug: str
    title: str
    description: str
    tags: list[str]
    status: str
    author: Author
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None
    favorites_count: int
    favorited: bool
    comments_count: int
    version: int


class Post(PostSummary):
    body: str


class PostPage(BaseModel):
    items: list[PostSummary]
    next_cursor: str | None
    total: int | None = None


def _fields(row: asyncpg.Record) -> dict[str, Any]:
    return {
        "id": row["id"],
        "slug": row["slug"],
        "title": row["title"],
        "description": row["description"],
        "tags": row["tags"].split(",") if row["tags"] else [],
        "status": row["status"],
        "author": Author(
            username=row["username"],
            full_name=row["full_name"],
            bio=row["bio"],
            image=row["image"],
            following=False,
        ),
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
        "published_at": row["published_at"],
        "favorites_count": row["favorites_count"],
        "favorited": False,
        "comments_count": row["comments_count"],
        "version": row["version"],
    }


def _cursor(row: asyncpg.Record) -> str:
    position = json.dumps({"t": row["created_at"].isoformat(), "id": str(row["id"])})
    return base64.urlsafe_b64encode(position.encode()).decode()


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    # Sized like Inkport's SQLAlchemy pool (10 + 10 overflow).
    app.state.pool = await asyncpg.create_pool(
        os.environ["BENCH_BASELINE_DSN"], min_size=10, max_size=20
    )
    yield
    await app.state.pool.close()


app = FastAPI(title="Inkport bench baseline", lifespan=lifespan)


async def _fetch(sql: str, *args: object) -> list[asyncpg.Record]:
    global queries_run
    queries_run += 1
    rows: list[asyncpg.Record] = await app.state.pool.fetch(sql, *args)
    return rows


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/api/v1/posts/{post_id}", response_model=Post)
async def get_post(post_id: uuid.UUID, response: Response) -> Post:
    rows = await _fetch(POST_SQL, post_id)
    if not rows:
        raise HTTPException(status_code=404, detail="post_not_found")
    row = rows[0]
    response.headers["ETag"] = f'"{row["version"]}"'
    return Post(**_fields(row), body=row["body"])


@app.get("/api/v1/posts", response_model=PostPage)
async def list_posts(limit: Annotated[int, Query(ge=1, le=100)] = 20) -> PostPage:
    rows = await _fetch(PAGE_SQL, limit + 1)
    page = rows[:limit]
    next_cursor = _cursor(page[-1]) if len(rows) > limit else None
    return PostPage(items=[PostSummary(**_fields(row)) for row in page], next_cursor=next_cursor)
