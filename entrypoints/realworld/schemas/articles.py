from __future__ import annotations

from typing import Annotated, Any

from pydantic import ConfigDict, Field

from application.content_models import PostDetail, PostSummary, TagCount
from domain.posts import BODY_MAX, DESCRIPTION_MAX, TITLE_MAX
from domain.tags import TAG_MAX_LENGTH, TAGS_PER_POST
from entrypoints.http.schemas.text import FreeText
from entrypoints.realworld.schemas.base import (
    ConduitProfile,
    ConduitRequest,
    ConduitResponse,
    Timestamp,
    timestamp,
)

Title = Annotated[str, Field(min_length=1, max_length=TITLE_MAX, pattern=r"\S"), FreeText()]
Description = Annotated[
    str, Field(min_length=1, max_length=DESCRIPTION_MAX, pattern=r"\S"), FreeText()
]
Body = Annotated[str, Field(min_length=1, max_length=BODY_MAX, pattern=r"\S"), FreeText()]
TagList = Annotated[
    list[Annotated[str, Field(min_length=1, max_length=TAG_MAX_LENGTH, pattern=r"\S"), FreeText()]],
    Field(max_length=TAGS_PER_POST, description="Stored lower-case, de-duplicated and sorted."),
]


class ConduitNewArticle(ConduitRequest):
    title: Title
    description: Description
    body: Body
    tag_list: TagList = Field(default_factory=list)


class ConduitNewArticleRequest(ConduitRequest):
    article: ConduitNewArticle


class ConduitArticleUpdate(ConduitRequest):
    """Only the fields sent change; none may be null. `tagList: []` removes every tag."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    title: Title = None  # type: ignore[assignment]
    description: Description = None  # type: ignore[assignment]
    body: Body = None  # type: ignore[assignment]
    tag_list: TagList = None  # type: ignore[assignment]


class ConduitArticleUpdateRequest(ConduitRequest):
    article: ConduitArticleUpdate


class ConduitArticleSummary(ConduitResponse):
    slug: str
    title: str
    description: str
    tag_list: list[str]
    created_at: Timestamp
    updated_at: Timestamp
    favorited: bool
    favorites_count: int
    author: ConduitProfile


class ConduitArticle(ConduitArticleSummary):
    body: str


def article_summary(post: PostSummary) -> ConduitArticleSummary:
    return ConduitArticleSummary.model_validate(_fields(post))


def article(post: PostDetail) -> ConduitArticle:
    return ConduitArticle.model_validate({**_fields(post), "body": post.body})


def _fields(post: PostSummary) -> dict[str, Any]:
    return {
        "slug": post.slug,
        "title": post.title,
        "description": post.description,
        "tag_list": list(post.tags),
        "created_at": timestamp(post.created_at),
        "updated_at": timestamp(post.updated_at),
        "favorited": post.favorited,
        "favorites_count": post.favorites_count,
        "author": ConduitProfile.of(post.author),
    }


class ConduitArticleEnvelope(ConduitResponse):
    article: ConduitArticle


class ConduitArticleList(ConduitResponse):
    articles: list[ConduitArticleSummary] = Field(description="Newest first, without `body`.")
    articles_count: int = Field(description="How many articles match, on every page.")


class ConduitTagList(ConduitResponse):
    tags: list[str] = Field(description="Tags of published articles, most used first.")

    @classmethod
    def of(cls, counts: list[TagCount]) -> ConduitTagList:
        return cls(tags=[count.tag for count in counts])
