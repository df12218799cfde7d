from __future__ import annotations

from fastapi import APIRouter

from entrypoints.realworld.routers import articles, comments, favorites, profiles, tags, users

# ``articles`` declares ``/api/articles/feed`` before ``/api/articles/{slug}``.
ROUTERS: tuple[APIRouter, ...] = tuple(
    module.router for module in (users, profiles, articles, favorites, comments, tags)
)
