from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from application.content_models import PostPage
from application.pagination import DEFAULT_LIMIT, MAX_LIMIT
from application.post_query import PostQuery
from application.services.listing import MAX_OFFSET
from application.unset import UNSET
from entrypoints.http.dependencies import Listing, Posts
from entrypoints.http.schemas.text import FreeText
from entrypoints.realworld.errors import ConduitError
from entrypoints.realworld.paths import SlugPath
from entrypoints.realworld.schemas.articles import (
    ConduitArticleEnvelope,
    ConduitArticleList,
    ConduitArticleUpdateRequest,
    ConduitNewArticleRequest,
    article,
    article_summary,
)
from entrypoints.realworld.schemas.base import TAG, error_responses
from entrypoints.realworld.security import SIGNING_IN_OPTIONAL, CurrentSession, OptionalViewer

router = APIRouter(prefix="/api/articles", tags=[TAG])

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
Filter = Annotated[str | None, Query(min_length=1, max_length=100), FreeText()]


def _list(page: PostPage) -> ConduitArticleList:
    return ConduitArticleList(
        articles=[article_summary(post) for post in page.items], articles_count=page.total or 0
    )


@router.get(
    "",
    response_model=ConduitArticleList,
    responses=error_responses(401),
    summary="RealWorld: articles, newest first",
    openapi_extra=SIGNING_IN_OPTIONAL,
)
async def list_articles(
    viewer: OptionalViewer,
    listing: Listing,
    tag: Filter = None,
    author: Filter = None,
    favorited: Filter = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> ConduitArticleList:
    query = PostQuery(
        limit=limit,
        offset=offset,
        tag=tag.strip().lower() if tag else None,
        author=author,
        favorited_by=favorited,
    )
    return _list(await listing.list_posts(viewer, query, include_total=True))


@router.get(
    "/feed",
    response_model=ConduitArticleList,
    responses=error_responses(401),
    summary="RealWorld: articles by the authors I follow",
)
async def feed(
    session: CurrentSession, listing: Listing, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
) -> ConduitArticleList:
    query = PostQuery(limit=limit, offset=offset, followed_by=session.actor.user_id)
    return _list(await listing.list_posts(session.actor, query, include_total=True))


@router.get(
    "/{slug}",
    response_model=ConduitArticleEnvelope,
    responses=error_responses(401, 404),
    summary="RealWorld: an article",
    openapi_extra=SIGNING_IN_OPTIONAL,
)
async def get_article(
    slug: SlugPath, viewer: OptionalViewer, posts: Posts
) -> ConduitArticleEnvelope:
    return ConduitArticleEnvelope(article=article(await posts.get(viewer, slug)))


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ConduitArticleEnvelope,
    responses=error_responses(401, 403),
    summary="RealWorld: write an article (published at once)",
)
async def create_article(
    body: ConduitNewArticleRequest, session: CurrentSession, posts: Posts
) -> ConduitArticleEnvelope:
    """Equal titles are allowed: each article gets its own slug."""
    new = body.article
    created = await posts.create(
        session.actor,
        title=new.title,
        description=new.description,
        body=new.body,
        tags=new.tag_list,
        publish=True,
    )
    return ConduitArticleEnvelope(article=article(created))


@router.put(
    "/{slug}",
    response_model=ConduitArticleEnvelope,
    responses=error_responses(401, 403, 404),
    summary="RealWorld: update an article",
)
async def update_article(
    slug: SlugPath, body: ConduitArticleUpdateRequest, session: CurrentSession, posts: Posts
) -> ConduitArticleEnvelope:
    """Changes only the fields sent; without `tagList` the tags stay, `[]` removes them.
    The slug of a published article never changes."""
    update, sent = body.article, body.article.model_fields_set
    if not sent:
        raise ConduitError(422, "article", "must have at least one known field")
    updated = await posts.update(
        session.actor,
        slug,
        title=update.title if "title" in sent else UNSET,
        description=update.description if "description" in sent else UNSET,
        body=update.body if "body" in sent else UNSET,
        tags=update.tag_list if "tag_list" in sent else UNSET,
    )
    return ConduitArticleEnvelope(article=article(updated))


@router.delete(
    "/{slug}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(401, 403, 404),
    summary="RealWorld: delete an article",
)
async def delete_article(slug: SlugPath, session: CurrentSession, posts: Posts) -> None:
    await posts.delete(session.actor, slug)
