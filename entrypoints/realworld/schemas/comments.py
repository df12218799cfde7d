from __future__ import annotations

from typing import Annotated

from pydantic import Field

from application.content_models import CommentView
from domain.comments import COMMENT_MAX
from entrypoints.http.schemas.text import FreeText
from entrypoints.realworld.comment_ids import MAX_NUMBER, number_of
from entrypoints.realworld.schemas.base import (
    ConduitProfile,
    ConduitRequest,
    ConduitResponse,
    Timestamp,
    timestamp,
)

CommentNumber = Annotated[
    int,
    Field(
        ge=0,
        le=MAX_NUMBER,
        description="Stable for the comment's lifetime; unique within its article.",
    ),
]


class ConduitNewComment(ConduitRequest):
    body: Annotated[str, Field(min_length=1, max_length=COMMENT_MAX, pattern=r"\S"), FreeText()]


class ConduitNewCommentRequest(ConduitRequest):
    comment: ConduitNewComment


class ConduitComment(ConduitResponse):
    id: CommentNumber
    created_at: Timestamp
    updated_at: Timestamp = Field(description="Comments are never edited: `createdAt`.")
    body: str
    author: ConduitProfile

    @classmethod
    def of(cls, comment: CommentView) -> ConduitComment:
        written = timestamp(comment.created_at)
        return cls(
            id=number_of(comment.id),
            created_at=written,
            updated_at=written,
            body=comment.body,
            author=ConduitProfile.of(comment.author),
        )


class ConduitCommentEnvelope(ConduitResponse):
    comment: ConduitComment


class ConduitCommentList(ConduitResponse):
    comments: list[ConduitComment] = Field(description="Oldest first, all of them.")
