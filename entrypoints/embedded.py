"""Inkport without HTTP: the one call another Python program needs to use the use cases."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from adapters.sqlalchemy import create_engine, run_migrations
from application.services import AdminService, AuthService, UserService
from application.services.comments import CommentService
from application.services.dispatcher import OutboxDispatcher
from application.services.listing import ListingService
from application.services.live import LiveUpdates
from application.services.posts import PostService
from application.services.social import SocialService
from entrypoints.caching import close_cache
from entrypoints.container import Container, build_container
from entrypoints.delivery import close_delivery
from entrypoints.settings import Settings


@dataclass(frozen=True)
class Inkport:
    """The use cases of one running Inkport, wired from settings."""

    users: UserService
    auth: AuthService
    admin: AdminService
    posts: PostService
    listing: ListingService
    comments: CommentService
    social: SocialService
    live: LiveUpdates
    dispatcher: OutboxDispatcher
    """Delivers recorded events: ``await dispatch_once()``, or ``run(stop, idle)`` as a
    background task (an embedding service that wants live updates and notifications)."""
    container: Container


@asynccontextmanager
async def open_inkport(
    settings: Settings | None = None, *, apply_migrations: bool = False
) -> AsyncIterator[Inkport]:
    """Build the service from ``settings`` (default: environment variables) and close its
    connections on exit. ``apply_migrations=True`` brings a SQL database's schema up to
    date first (handy for an embedded SQLite file; production runs ``inkport migrate``)."""
    container = build_container(settings)
    if apply_migrations:
        await migrate(container)
    try:
        yield Inkport(
            users=container.use_cases.users(),
            auth=container.use_cases.auth(),
            admin=container.use_cases.admin(),
            posts=container.use_cases.posts(),
            listing=container.use_cases.listing(),
            comments=container.use_cases.comments(),
            social=container.use_cases.social(),
            live=container.use_cases.live(),
            dispatcher=container.use_cases.dispatcher(),
            container=container,
        )
    finally:
        await close(container)


async def migrate(container: Container) -> None:
    settings = container.settings()
    if settings.uses_memory_storage:
        return
    engine = container.adapters.engine()
    if engine.dialect.name != "postgresql":
        await run_migrations(engine)  # SQLite: no statement limit; in-memory ones too
        return
    # An engine of its own: a migration statement may rightly run for minutes.
    unlimited = create_engine(settings.database_url, statement_timeout=None)
    try:
        await run_migrations(unlimited)
    finally:
        await unlimited.dispose()


async def close(container: Container) -> None:
    await close_delivery(container.adapters.event_bus(), container.adapters.notifier())
    await close_cache(container.adapters.cache())
    if not container.settings().uses_memory_storage:
        await container.adapters.post_queries().close()
        await container.adapters.engine().dispose()
