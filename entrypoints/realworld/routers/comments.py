from __future__ import annotations

from fastapi import APIRouter, status

from entrypoints.http.dependencies import Comments
from entrypoints.realworld.comment_ids import all_comments, comment_id_for
from entrypoints.realworld.paths import SlugPath
from entrypoints.realworld.schemas.base import TAG, error_responses
from entrypoints.realworld.schemas.comments import (
    ConduitComment,
    ConduitCommentEnvelope,
    ConduitCommentList,
    ConduitNewCommentRequest,
)
from entrypoints.realworld.security import SIGNING_IN_OPTIONAL, CurrentSession, OptionalViewer

router = APIRouter(prefix="/api/articles/{slug}/comments", tags=[TAG])


@router.get(
    "",
    response_model=ConduitCommentList,
    responses=error_responses(401, 404),
    summary="RealWorld: an article's comments",
    openapi_extra=SIGNING_IN_OPTIONAL,
)
async def list_comments(
    slug: SlugPath, viewer: OptionalViewer, comments: Comments
) -> ConduitCommentList:
    found = await all_comments(comments, viewer, slug)
    return ConduitCommentList(comments=[ConduitComment.of(comment) for comment in found])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ConduitCommentEnvelope,
    responses=error_responses(401, 404),
    summary="RealWorld: comment on an article",
)
async def add_comment(
    slug: SlugPath, body: ConduitNewCommentRequest, session: CurrentSession, comments: Comments
) -> ConduitCommentEnvelope:
    comment = await comments.add(session.actor, slug, body.comment.body)
    return ConduitCommentEnvelope(comment=ConduitComment.of(comment))


@router.delete(
    "/{id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404, 409),
    summary="RealWorld: delete a comment",
)
async def delete_comment(
    slug: SlugPath, id: int, session: CurrentSession, comments: Comments
) -> None:
    """By the comment's author, the article's author, editors and admins."""
    comment_id = await comment_id_for(comments, session.actor, slug, id)
    await comments.delete(session.actor, slug, comment_id)
