from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from entrypoints.http.dependencies import Social
from entrypoints.http.schemas.text import FreeText
from entrypoints.realworld.schemas.base import (
    TAG,
    ConduitProfile,
    ConduitProfileEnvelope,
    error_responses,
)
from entrypoints.realworld.security import SIGNING_IN_OPTIONAL, CurrentSession, OptionalViewer

router = APIRouter(prefix="/api/profiles/{username}", tags=[TAG])

Username = Annotated[str, Path(description="Any letter case."), FreeText()]


@router.get(
    "",
    response_model=ConduitProfileEnvelope,
    responses=error_responses(401, 404),
    summary="RealWorld: a profile",
    openapi_extra=SIGNING_IN_OPTIONAL,
)
async def profile(
    username: Username, viewer: OptionalViewer, social: Social
) -> ConduitProfileEnvelope:
    return ConduitProfileEnvelope(profile=ConduitProfile.of(await social.profile(viewer, username)))


@router.post(
    "/follow",
    response_model=ConduitProfileEnvelope,
    responses=error_responses(401, 404),
    summary="RealWorld: follow a user",
)
async def follow(
    username: Username, session: CurrentSession, social: Social
) -> ConduitProfileEnvelope:
    """Following twice keeps one follow; following yourself is 422."""
    author = await social.follow(session.actor, username)
    return ConduitProfileEnvelope(profile=ConduitProfile.of(author))


@router.delete(
    "/follow",
    response_model=ConduitProfileEnvelope,
    responses=error_responses(401, 404),
    summary="RealWorld: unfollow a user",
)
async def unfollow(
    username: Username, session: CurrentSession, social: Social
) -> ConduitProfileEnvelope:
    author = await social.unfollow(session.actor, username)
    return ConduitProfileEnvelope(profile=ConduitProfile.of(author))
