from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from application.content_models import AuthorView, CommentView, PostDetail, PostSummary
from domain.comments import COMMENT_MAX
from domain.posts import BODY_MAX, DESCRIPTION_MAX, TITLE_MAX, PostStatus
from domain.tags import TAG_MAX_LENGTH, TAGS_PER_POST
from entrypoints.http.schemas.base import RequestBody
from entrypoints.http.schemas.text import FreeText

Title = Annotated[str, Field(min_length=1, max_length=TITLE_MAX, pattern=r"\S"), FreeText()]
Description = Annotated[str, Field(max_length=DESCRIPTION_MAX), FreeText()]
Body = Annotated[str, Field(min_length=1, max_length=BODY_MAX, pattern=r"\S"), FreeText()]
Tags = Annotated[
    list[
        Annotated[
            str,
            Field(min_length=1, max_length=TAG_MAX_LENGTH, pattern=r"^[^,]*\S[^,]*$"),
            FreeText(),
        ]
    ],
    Field(max_length=TAGS_PER_POST, description="Normalised to lower case, de-duplicated, sorted."),
]


class CreatePostRequest(RequestBody):
    title: Title
    body: Body
    description: Description = ""
    tags: Tags = Field(default_factory=list)
    publish: bool = Field(
        False, strict=True, description="Publish at once (authors, editors, admins)."
    )


class PatchPostRequest(RequestBody):
    """Only the fields sent change."""

    title: Title = None  # type: ignore[assignment]
    body: Body = None  # type: ignore[assignment]
    description: Description = None  # type: ignore[assignment]
    tags: Tags = None  # type: ignore[assignment]


class ReplacePostRequest(RequestBody):
    title: Title
    body: Body
    description: Description
    tags: Tags


class CommentRequest(RequestBody):
    body: Annotated[str, Field(min_length=1, max_length=COMMENT_MAX, pattern=r"\S"), FreeText()]


class AuthorResponse(BaseModel):
    username: str
    full_name: str | None
    bio: str | None
    image: str | None
    following: bool = Field(description="Whether the caller follows this user.")

    @classmethod
    def of(cls, author: AuthorView) -> AuthorResponse:
        return cls.model_validate(author, from_attributes=True)


class PostSummaryResponse(BaseModel):
    id: uuid.UUID
    slug: str
    title: str
    description: str
    tags: list[str]
    status: PostStatus
    author: AuthorResponse
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None
    favorites_count: int
    favorited: bool = Field(description="Whether the caller favourited this post.")
    comments_count: int
    version: int = Field(description="Send as `If-Match` to update safely (also the ETag).")

    @classmethod
    def of(cls, post: PostSummary) -> PostSummaryResponse:
        return cls.model_validate(post, from_attributes=True)


class PostResponse(PostSummaryResponse):
    body: str

    @classmethod
    def of(cls, post: PostSummary) -> PostResponse:
        assert isinstance(post, PostDetail)
        return cls.model_validate(post, from_attributes=True)


class PostPageResponse(BaseModel):
    items: list[PostSummaryResponse]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end."
    )
    total: int | None = Field(None, description="Matching posts, when `include_total=true`.")


class CommentResponse(BaseModel):
    id: uuid.UUID
    post_id: uuid.UUID
    body: str
    created_at: datetime
    author: AuthorResponse

    @classmethod
    def of(cls, comment: CommentView) -> CommentResponse:
        return cls.model_validate(comment, from_attributes=True)


class CommentPageResponse(BaseModel):
    items: list[CommentResponse]
    next_cursor: str | None


class TagCountResponse(BaseModel):
    tag: str
    posts: int = Field(description="Published posts with this tag.")


class TagsResponse(BaseModel):
    items: list[TagCountResponse]
