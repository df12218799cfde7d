from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.responses import JSONResponse

from application.pagination import DEFAULT_LIMIT, MAX_LIMIT
from entrypoints.http.dependencies import Comments, CurrentActor, Idempotency, Now, OptionalActor
from entrypoints.http.idempotency import IdempotencyKey, fingerprint, run_once
from entrypoints.http.routers import API_PREFIX
from entrypoints.http.routers.refs import PostRefPath, post_ref
from entrypoints.http.schemas.base import problem_responses
from entrypoints.http.schemas.posts import CommentPageResponse, CommentRequest, CommentResponse
from entrypoints.http.schemas.text import FreeText

router = APIRouter(prefix=f"{API_PREFIX}/posts/{{post_id}}/comments", tags=["comments"])


@router.get("", response_model=CommentPageResponse, responses=problem_responses(400, 401, 404))
async def list_comments(
    post_id: PostRefPath,
    viewer: OptionalActor,
    comments: Comments,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(min_length=1, max_length=512), FreeText()] = None,
) -> CommentPageResponse:
    """Oldest first."""
    page = await comments.list(viewer, post_ref(post_id), limit=limit, cursor=cursor)
    return CommentPageResponse(
        items=[CommentResponse.of(c) for c in page.items], next_cursor=page.next_cursor
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=CommentResponse,
    responses=problem_responses(401, 404, 409, 422),
)
async def add_comment(
    post_id: PostRefPath,
    body: CommentRequest,
    request: Request,
    actor: CurrentActor,
    comments: Comments,
    store: Idempotency,
    now: Now,
    idempotency_key: IdempotencyKey = None,  # type: ignore[assignment]
) -> Response:
    """Only published posts take comments (a draft is 404)."""

    async def handle() -> JSONResponse:
        comment = await comments.add(actor, post_ref(post_id), body.body)
        location = f"{API_PREFIX}/posts/{comment.post_id}/comments/{comment.id}"
        return JSONResponse(
            CommentResponse.of(comment).model_dump(mode="json"),
            status_code=201,
            headers={"Location": location},
        )

    return await run_once(
        store,
        now,
        actor=actor,
        key=idempotency_key,
        scope="add_comment",
        request_fingerprint=fingerprint(request.url.path, body.model_dump()),
        handle=handle,
    )


@router.delete(
    "/{comment_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 403, 404),
)
async def delete_comment(
    post_id: PostRefPath, comment_id: uuid.UUID, actor: CurrentActor, comments: Comments
) -> None:
    """By the comment's author, the post's author, editors and admins."""
    await comments.delete(actor, post_ref(post_id), comment_id)
