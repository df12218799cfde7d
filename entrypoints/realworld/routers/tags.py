from __future__ import annotations

from fastapi import APIRouter

from entrypoints.http.dependencies import Listing
from entrypoints.realworld.schemas.articles import ConduitTagList
from entrypoints.realworld.schemas.base import TAG, error_responses

router = APIRouter(prefix="/api", tags=[TAG])


@router.get(
    "/tags", response_model=ConduitTagList, responses=error_responses(), summary="RealWorld: tags"
)
async def tags(listing: Listing) -> ConduitTagList:
    return ConduitTagList.of(await listing.tags())
