from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BeforeValidator

from application.content_models import PostPage
from application.pagination import DEFAULT_LIMIT, MAX_LIMIT
from application.post_query import PostQuery, PostSort
from application.services.listing import MAX_OFFSET
from domain.posts import PostStatus
from domain.tags import TAG_MAX_LENGTH
from entrypoints.http.dependencies import CurrentActor, Listing, OptionalActor
from entrypoints.http.routers import API_PREFIX
from entrypoints.http.schemas.base import problem_responses
from entrypoints.http.schemas.posts import (
    PostPageResponse,
    PostSummaryResponse,
    TagCountResponse,
    TagsResponse,
)
from entrypoints.http.schemas.text import FreeText

router = APIRouter(prefix=API_PREFIX, tags=["posts"])

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size.")]
Cursor = Annotated[
    str | None,
    Query(min_length=1, max_length=512, description="`next_cursor` of the previous page."),
    FreeText(),
]
Offset = Annotated[
    int,
    Query(ge=0, le=MAX_OFFSET, description="Skip this many posts (instead of a cursor)."),
]
Username = Annotated[str | None, Query(min_length=1, max_length=64), FreeText()]


def _iso_datetime(value: object) -> datetime:
    # pydantic would also take numbers as Unix times; the documented format is ISO 8601.
    if not isinstance(value, str):
        raise ValueError("expected an ISO 8601 date-time")
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    try:
        # 9999-12-31T23:59:59-23:59 is a valid string but no instant Python (or the
        # database) can hold: in UTC it falls in the year 10000.
        return parsed.astimezone(UTC)
    except OverflowError as error:
        raise ValueError("date-time out of range (years 1-9999 in UTC)") from error


IsoDatetime = Annotated[
    datetime | None,
    BeforeValidator(lambda v: None if v is None else _iso_datetime(v)),
    Query(description="ISO 8601; without an offset, UTC."),
]


def _page(page: PostPage) -> PostPageResponse:
    return PostPageResponse(
        items=[PostSummaryResponse.of(p) for p in page.items],
        next_cursor=page.next_cursor,
        total=page.total,
    )


@router.get(
    "/posts",
    response_model=PostPageResponse,
    responses=problem_responses(400, 401),
    summary="List posts",
)
async def list_posts(
    viewer: OptionalActor,
    listing: Listing,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    offset: Offset = 0,
    include_total: bool = False,
    author: Username = None,
    tag: Annotated[str | None, Query(min_length=1, max_length=TAG_MAX_LENGTH), FreeText()] = None,
    favorited_by: Username = None,
    status: Annotated[
        PostStatus, Query(description="`draft`: your own drafts (everyone's for editors).")
    ] = PostStatus.PUBLISHED,
    q: Annotated[
        str | None,
        Query(min_length=1, max_length=200, description="Words in the title or body."),
        FreeText(),
    ] = None,
    created_after: IsoDatetime = None,
    created_before: IsoDatetime = None,
    sort: PostSort = PostSort.NEWEST,
) -> PostPageResponse:
    """Newest first by default. Page with `cursor` (stable while posts come and go) or
    `offset` (at most 10,000), not both."""
    query = PostQuery(
        limit=limit,
        status=status,
        author=author,
        tag=tag,
        favorited_by=favorited_by,
        q=q,
        created_after=created_after,
        created_before=created_before,
        sort=sort,
        offset=offset,
    )
    return _page(
        await listing.list_posts(viewer, query, cursor=cursor, include_total=include_total)
    )


@router.get(
    "/feed",
    response_model=PostPageResponse,
    responses=problem_responses(400, 401),
    summary="Posts by the authors I follow",
)
async def feed(
    actor: CurrentActor,
    listing: Listing,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    offset: Offset = 0,
) -> PostPageResponse:
    return _page(await listing.feed(actor, limit=limit, cursor=cursor, offset=offset))


@router.get("/tags", response_model=TagsResponse, summary="Tags with their post counts")
async def tags(listing: Listing) -> TagsResponse:
    return TagsResponse(
        items=[TagCountResponse(tag=t.tag, posts=t.posts) for t in await listing.tags()]
    )
