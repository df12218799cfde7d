"""``Annotated`` dependency aliases. All are ``async def``: plain ``def`` dependencies would
run in the thread pool and cost far more than the work they do."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer

from application.read_models import Actor
from application.services import AdminService, AuthService, UserService
from domain.errors import InvalidToken
from entrypoints.container import Container

_bearer = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


def container_of(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


async def _user_service(request: Request) -> UserService:
    service: UserService = container_of(request).use_cases.users()
    return service


async def _auth_service(request: Request) -> AuthService:
    service: AuthService = container_of(request).use_cases.auth()
    return service


async def _admin_service(request: Request) -> AdminService:
    service: AdminService = container_of(request).use_cases.admin()
    return service


Users = Annotated[UserService, Depends(_user_service)]
Auth = Annotated[AuthService, Depends(_auth_service)]
Admin = Annotated[AdminService, Depends(_admin_service)]


async def _current_actor(auth: Auth, token: Annotated[str | None, Depends(_bearer)]) -> Actor:
    if not token:
        raise InvalidToken()
    return await auth.authenticate(token)


CurrentActor = Annotated[Actor, Depends(_current_actor)]


async def _clock_now(request: Request) -> datetime:
    now: datetime = container_of(request).adapters.clock().now()
    return now


Now = Annotated[datetime, Depends(_clock_now)]
