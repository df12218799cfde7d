"""``Annotated`` dependency aliases. All are ``async def``: plain ``def`` dependencies would
run in the thread pool and cost far more than the work they do."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer

from application.ports.idempotency import IdempotencyStore
from application.read_models import Actor
from application.services import AdminService, AuthService, UserService
from application.services.comments import CommentService
from application.services.listing import ListingService
from application.services.outbox_admin import OutboxAdminService
from application.services.posts import PostService
from application.services.social import SocialService
from domain.errors import InvalidToken
from entrypoints.container import Container

_bearer = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


def container_of(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


def _use_case(name: str) -> Callable[[Request], Awaitable[Any]]:
    async def provide(request: Request) -> Any:
        return getattr(container_of(request).use_cases, name)()

    return provide


async def _idempotency_store(request: Request) -> IdempotencyStore:
    store: IdempotencyStore = container_of(request).adapters.idempotency_store()
    return store


async def _clock_now(request: Request) -> datetime:
    now: datetime = container_of(request).adapters.clock().now()
    return now


Users = Annotated[UserService, Depends(_use_case("users"))]
Auth = Annotated[AuthService, Depends(_use_case("auth"))]
Admin = Annotated[AdminService, Depends(_use_case("admin"))]
Posts = Annotated[PostService, Depends(_use_case("posts"))]
Listing = Annotated[ListingService, Depends(_use_case("listing"))]
Comments = Annotated[CommentService, Depends(_use_case("comments"))]
Social = Annotated[SocialService, Depends(_use_case("social"))]
OutboxAdmin = Annotated[OutboxAdminService, Depends(_use_case("outbox_admin"))]
Idempotency = Annotated[IdempotencyStore, Depends(_idempotency_store)]
Now = Annotated[datetime, Depends(_clock_now)]


# The actor dependencies take the container from the request rather than depending on
# `Auth`: anonymous reads then resolve one dependency fewer, on the hottest paths.
async def _current_actor(request: Request, token: Annotated[str | None, Depends(_bearer)]) -> Actor:
    if not token:
        raise InvalidToken()
    auth: AuthService = container_of(request).use_cases.auth()
    return await auth.authenticate(token)


async def _optional_actor(
    request: Request, token: Annotated[str | None, Depends(_bearer)]
) -> Actor | None:
    # A bad token is an error even where signing in is optional: silently treating the
    # caller as anonymous would hide their drafts and confuse them.
    if not token:
        return None
    auth: AuthService = container_of(request).use_cases.auth()
    return await auth.authenticate(token)


CurrentActor = Annotated[Actor, Depends(_current_actor)]
OptionalActor = Annotated[Actor | None, Depends(_optional_actor)]
