"""Shared rules for finding a post the actor may see or act on."""

from __future__ import annotations

import uuid

from application.content_models import PostDetail
from application.ports import UnitOfWork
from application.ports.queries import PostQueries
from application.read_models import Actor
from domain.errors import PermissionDenied, PostNotFound
from domain.permissions import Action, is_allowed
from domain.posts import Post, PostStatus

PostRef = uuid.UUID | str
"""A post's id, or its slug."""


def may_see(viewer: Actor | None, status: PostStatus, author_id: uuid.UUID) -> bool:
    if status is PostStatus.PUBLISHED:
        return True
    return viewer is not None and is_allowed(
        viewer.role, Action.READ_DRAFT, owns_post=viewer.user_id == author_id
    )


def visible_or_404(viewer: Actor | None, post: PostDetail | None) -> PostDetail:
    if post is None or not may_see(viewer, post.status, post.author_id):
        raise PostNotFound()
    return post


def authorise(actor: Actor, action: Action, post: Post) -> None:
    """Drafts the actor may not see are 404 (their existence is not revealed); other
    refusals are 403."""
    if not may_see(actor, post.status, post.author_id):
        raise PostNotFound()
    if not is_allowed(actor.role, action, owns_post=actor.user_id == post.author_id):
        raise PermissionDenied()


async def find_post(uow: UnitOfWork, ref: PostRef) -> Post | None:
    """The post entity by id or slug, inside a Unit of Work."""
    if isinstance(ref, uuid.UUID):
        return await uow.posts.get(ref)
    return await uow.posts.get_by_slug(ref)


async def read_post(queries: PostQueries, ref: PostRef, viewer: Actor | None) -> PostDetail | None:
    """The post's read model by id or slug, whatever its status."""
    viewer_id = viewer.user_id if viewer else None
    if isinstance(ref, uuid.UUID):
        return await queries.post_by_id(ref, viewer_id)
    return await queries.post_by_slug(ref, viewer_id)
