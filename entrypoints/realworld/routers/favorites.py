from __future__ import annotations

from fastapi import APIRouter

from entrypoints.http.dependencies import Posts
from entrypoints.realworld.paths import SlugPath
from entrypoints.realworld.schemas.articles import ConduitArticleEnvelope, article
from entrypoints.realworld.schemas.base import TAG, error_responses
from entrypoints.realworld.security import CurrentSession

router = APIRouter(prefix="/api/articles/{slug}/favorite", tags=[TAG])


@router.post(
    "",
    response_model=ConduitArticleEnvelope,
    responses=error_responses(401, 404),
    summary="RealWorld: favorite an article",
)
async def favorite(slug: SlugPath, session: CurrentSession, posts: Posts) -> ConduitArticleEnvelope:
    """Favoriting twice keeps one favorite."""
    return ConduitArticleEnvelope(article=article(await posts.favorite(session.actor, slug)))


@router.delete(
    "",
    response_model=ConduitArticleEnvelope,
    responses=error_responses(401, 404),
    summary="RealWorld: unfavorite an article",
)
async def unfavorite(
    slug: SlugPath, session: CurrentSession, posts: Posts
) -> ConduitArticleEnvelope:
    return ConduitArticleEnvelope(article=article(await posts.unfavorite(session.actor, slug)))
