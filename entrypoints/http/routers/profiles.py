from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from entrypoints.http.dependencies import CurrentActor, OptionalActor, Social
from entrypoints.http.routers import API_PREFIX
from entrypoints.http.schemas.base import problem_responses
from entrypoints.http.schemas.posts import AuthorResponse
from entrypoints.http.schemas.text import FreeText

router = APIRouter(prefix=f"{API_PREFIX}/users/{{username}}", tags=["users"])

UsernamePath = Annotated[str, Path(min_length=1, max_length=64), FreeText()]


@router.get("", response_model=AuthorResponse, responses=problem_responses(401, 404))
async def get_profile(
    username: UsernamePath, viewer: OptionalActor, social: Social
) -> AuthorResponse:
    """A user's public profile; `following` tells whether the caller follows them."""
    return AuthorResponse.of(await social.profile(viewer, username))


@router.post("/follow", response_model=AuthorResponse, responses=problem_responses(401, 404, 422))
async def follow(username: UsernamePath, actor: CurrentActor, social: Social) -> AuthorResponse:
    """Idempotent. Following yourself is 422."""
    return AuthorResponse.of(await social.follow(actor, username))


@router.delete("/follow", response_model=AuthorResponse, responses=problem_responses(401, 404))
async def unfollow(username: UsernamePath, actor: CurrentActor, social: Social) -> AuthorResponse:
    return AuthorResponse.of(await social.unfollow(actor, username))
