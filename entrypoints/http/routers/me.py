from __future__ import annotations

from fastapi import APIRouter, Response

from application.unset import UNSET
from entrypoints.http.dependencies import Auth, CurrentActor, Now, Users
from entrypoints.http.routers import API_PREFIX
from entrypoints.http.schemas.auth import TokenResponse
from entrypoints.http.schemas.base import problem_responses
from entrypoints.http.schemas.users import (
    AccountResponse,
    ChangePasswordRequest,
    UpdateAccountRequest,
)

router = APIRouter(prefix=f"{API_PREFIX}/users/me", tags=["users"])


@router.get("", response_model=AccountResponse, responses=problem_responses(401))
async def get_my_account(actor: CurrentActor, users: Users) -> AccountResponse:
    return AccountResponse.of(await users.get_account(actor))


@router.patch("", response_model=AccountResponse, responses=problem_responses(401, 409, 422))
async def update_my_account(
    body: UpdateAccountRequest, actor: CurrentActor, users: Users
) -> AccountResponse:
    """Change only the fields sent; `null` clears `full_name`, `bio` or `image`."""
    sent = body.model_fields_set
    account = await users.update_account(
        actor,
        email=body.email if body.email is not None else UNSET,
        full_name=body.full_name if "full_name" in sent else UNSET,
        bio=body.bio if "bio" in sent else UNSET,
        image=body.image if "image" in sent else UNSET,
    )
    return AccountResponse.of(account)


@router.post(
    "/password",
    response_model=TokenResponse,
    responses=problem_responses(401, 422),
    summary="Change my password",
)
async def change_password(
    body: ChangePasswordRequest, actor: CurrentActor, auth: Auth, now: Now, response: Response
) -> TokenResponse:
    """Needs the current password. Every token issued before stops working; the answer
    carries the new session's tokens."""
    pair = await auth.change_password(
        actor, current_password=body.current_password, new_password=body.new_password
    )
    response.headers["Cache-Control"] = "no-store"
    return TokenResponse.of(pair, now)
