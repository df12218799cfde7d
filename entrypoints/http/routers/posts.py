from __future__ import annotations

from fastapi import APIRouter, Request, Response, status
from fastapi.responses import JSONResponse

from application.unset import UNSET
from entrypoints.http.dependencies import CurrentActor, Idempotency, Now, OptionalActor, Posts
from entrypoints.http.idempotency import IdempotencyKey, fingerprint, run_once
from entrypoints.http.preconditions import ExpectedVersions, etag_for, set_etag
from entrypoints.http.routers import API_PREFIX
from entrypoints.http.routers.refs import PostRefPath, post_ref
from entrypoints.http.schemas.base import problem_responses
from entrypoints.http.schemas.posts import (
    CreatePostRequest,
    PatchPostRequest,
    PostResponse,
    ReplacePostRequest,
)

router = APIRouter(prefix=f"{API_PREFIX}/posts", tags=["posts"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=PostResponse,
    responses=problem_responses(401, 403, 409, 422),
    summary="Write a post (a draft unless `publish` is true)",
)
async def create_post(
    body: CreatePostRequest,
    request: Request,
    actor: CurrentActor,
    posts: Posts,
    store: Idempotency,
    now: Now,
    idempotency_key: IdempotencyKey = None,  # type: ignore[assignment]
) -> Response:
    async def handle() -> JSONResponse:
        post = await posts.create(actor, **body.model_dump())
        return JSONResponse(
            PostResponse.of(post).model_dump(mode="json"),
            status_code=201,
            headers={"Location": f"{API_PREFIX}/posts/{post.id}", "ETag": etag_for(post.version)},
        )

    return await run_once(
        store,
        now,
        actor=actor,
        key=idempotency_key,
        scope="create_post",
        request_fingerprint=fingerprint(request.url.path, body.model_dump()),
        handle=handle,
    )


@router.get("/{post_id}", response_model=PostResponse, responses=problem_responses(401, 404))
async def get_post(
    post_id: PostRefPath, viewer: OptionalActor, posts: Posts, response: Response
) -> PostResponse:
    """Drafts are visible to their author, editors and admins only (404 for others)."""
    post = await posts.get(viewer, post_ref(post_id))
    set_etag(response, post.version)
    return PostResponse.of(post)


@router.patch(
    "/{post_id}",
    response_model=PostResponse,
    responses=problem_responses(401, 403, 404, 409, 412, 422),
)
async def patch_post(
    post_id: PostRefPath,
    body: PatchPostRequest,
    actor: CurrentActor,
    posts: Posts,
    expected_versions: ExpectedVersions,
    response: Response,
) -> PostResponse:
    """Change the fields sent. A never-published draft's slug follows its title."""
    sent = body.model_fields_set
    post = await posts.update(
        actor,
        post_ref(post_id),
        title=body.title if "title" in sent else UNSET,
        description=body.description if "description" in sent else UNSET,
        body=body.body if "body" in sent else UNSET,
        tags=body.tags if "tags" in sent else UNSET,
        expected_versions=expected_versions,
    )
    set_etag(response, post.version)
    return PostResponse.of(post)


@router.put(
    "/{post_id}",
    response_model=PostResponse,
    responses=problem_responses(401, 403, 404, 409, 412, 422),
)
async def replace_post(
    post_id: PostRefPath,
    body: ReplacePostRequest,
    actor: CurrentActor,
    posts: Posts,
    expected_versions: ExpectedVersions,
    response: Response,
) -> PostResponse:
    """Replace title, description, body and tags at once."""
    post = await posts.update(
        actor, post_ref(post_id), **body.model_dump(), expected_versions=expected_versions
    )
    set_etag(response, post.version)
    return PostResponse.of(post)


@router.delete(
    "/{post_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 403, 404, 409, 412),
)
async def delete_post(
    post_id: PostRefPath,
    actor: CurrentActor,
    posts: Posts,
    expected_versions: ExpectedVersions,
) -> None:
    await posts.delete(actor, post_ref(post_id), expected_versions=expected_versions)
