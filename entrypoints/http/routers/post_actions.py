from __future__ import annotations

from fastapi import APIRouter, Response

from entrypoints.http.dependencies import CurrentActor, Posts
from entrypoints.http.preconditions import ExpectedVersions, set_etag
from entrypoints.http.routers import API_PREFIX
from entrypoints.http.routers.refs import PostRefPath, post_ref
from entrypoints.http.schemas.base import problem_responses
from entrypoints.http.schemas.posts import PostResponse

router = APIRouter(prefix=f"{API_PREFIX}/posts/{{post_id}}", tags=["posts"])


@router.post(
    "/publish",
    response_model=PostResponse,
    responses=problem_responses(401, 403, 404, 409, 412),
)
async def publish_post(
    post_id: PostRefPath,
    actor: CurrentActor,
    posts: Posts,
    expected_versions: ExpectedVersions,
    response: Response,
) -> PostResponse:
    """Authors publish their own drafts; editors and admins anyone's. 409 if published."""
    post = await posts.publish(actor, post_ref(post_id), expected_versions=expected_versions)
    set_etag(response, post.version)
    return PostResponse.of(post)


@router.post(
    "/unpublish",
    response_model=PostResponse,
    responses=problem_responses(401, 403, 404, 409, 412),
)
async def unpublish_post(
    post_id: PostRefPath,
    actor: CurrentActor,
    posts: Posts,
    expected_versions: ExpectedVersions,
    response: Response,
) -> PostResponse:
    """Back to draft; its slug stays. 409 if it is not published."""
    post = await posts.unpublish(actor, post_ref(post_id), expected_versions=expected_versions)
    set_etag(response, post.version)
    return PostResponse.of(post)


@router.post("/favorite", response_model=PostResponse, responses=problem_responses(401, 404))
async def favorite_post(post_id: PostRefPath, actor: CurrentActor, posts: Posts) -> PostResponse:
    """Idempotent: favouriting twice keeps one favourite."""
    return PostResponse.of(await posts.favorite(actor, post_ref(post_id)))


@router.delete("/favorite", response_model=PostResponse, responses=problem_responses(401, 404))
async def unfavorite_post(post_id: PostRefPath, actor: CurrentActor, posts: Posts) -> PostResponse:
    return PostResponse.of(await posts.unfavorite(actor, post_ref(post_id)))
