from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from application.pagination import DEFAULT_LIMIT, MAX_LIMIT
from application.unset import UNSET
from entrypoints.http.dependencies import Admin, CurrentActor, Users
from entrypoints.http.routers import API_PREFIX
from entrypoints.http.schemas.base import problem_responses
from entrypoints.http.schemas.text import FreeText
from entrypoints.http.schemas.users import (
    AccountPage,
    AccountResponse,
    AdminUpdateUserRequest,
    SignUpRequest,
)

router = APIRouter(prefix=f"{API_PREFIX}/users", tags=["users"])

UsernamePath = Annotated[str, Path(min_length=1, max_length=64), FreeText()]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=AccountResponse,
    responses=problem_responses(409, 422),
    summary="Sign up",
)
async def sign_up(body: SignUpRequest, users: Users, response: Response) -> AccountResponse:
    """New accounts get the configured default role; nobody picks their own."""
    account = await users.sign_up(**body.model_dump())
    response.headers["Location"] = f"/api/v1/users/{account.username}"
    return AccountResponse.of(account)


@router.get(
    "",
    response_model=AccountPage,
    responses=problem_responses(400, 401, 403, 422),
    summary="List users (admins)",
)
async def list_users(
    actor: CurrentActor,
    admin: Admin,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(min_length=1, max_length=512), FreeText()] = None,
) -> AccountPage:
    page = await admin.list_users(actor, limit=limit, cursor=cursor)
    return AccountPage(
        items=[AccountResponse.of(a) for a in page.items], next_cursor=page.next_cursor
    )


@router.patch(
    "/{username}",
    response_model=AccountResponse,
    responses=problem_responses(401, 403, 404, 409, 422),
    summary="Change a user's role or active flag (admins)",
)
async def update_user(
    username: UsernamePath, body: AdminUpdateUserRequest, actor: CurrentActor, admin: Admin
) -> AccountResponse:
    """Deactivating a user ends all their sessions at once. The last active admin cannot be
    demoted or deactivated (409 `last_admin`)."""
    sent = body.model_fields_set
    account = await admin.update_user(
        actor,
        username,
        role=body.role if "role" in sent and body.role is not None else UNSET,
        is_active=body.is_active if "is_active" in sent and body.is_active is not None else UNSET,
    )
    return AccountResponse.of(account)
