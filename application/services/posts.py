from __future__ import annotations

import uuid
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from application.content_models import PostDetail
from application.ports import Clock, UnitOfWork, UnitOfWorkFactory
from application.ports.queries import PostQueries
from application.read_models import Actor
from application.services.public_slugs import first_free_public_slug, retrying_slug_races
from application.services.visibility import (
    PostRef,
    authorise,
    find_post,
    read_post,
    visible_or_404,
)
from application.unset import UNSET, Unset
from domain.errors import PermissionDenied, PostNotFound, PreconditionFailed
from domain.permissions import Action, is_allowed
from domain.posts import Post
from domain.tags import tag_set


class PostService:
    """Writing, publishing, reading and favouriting posts.

    Rules: authors write and publish their own posts, editors and admins anyone's; viewers
    write none. Drafts are visible only to their author, editors and admins: to anyone
    else they do not exist (``PostNotFound``). ``expected_versions`` (from ``If-Match``)
    without the post's version (an empty set has none) raise ``PreconditionFailed``; a
    concurrent change that slips in between read and write raises ``EditConflict``.
    Every change records its events in the same transaction."""

    def __init__(self, uow: UnitOfWorkFactory, queries: PostQueries, clock: Clock) -> None:
        self._uow = uow
        self._queries = queries
        self._clock = clock

    async def create(
        self,
        actor: Actor,
        *,
        title: str,
        body: str,
        description: str = "",
        tags: Sequence[str] = (),
        publish: bool = False,
    ) -> PostDetail:
        if not is_allowed(actor.role, Action.CREATE_POST):
            raise PermissionDenied("Viewers cannot write posts.")

        async def attempt() -> uuid.UUID:
            now = self._clock.now()
            post = Post.draft(
                author_id=actor.user_id,
                title=title,
                description=description,
                body=body,
                tags=tag_set(tags),
                now=now,
            )
            async with self._uow() as uow:
                if publish:
                    post.publish(now=now, slug=await first_free_public_slug(uow, post))
                await uow.posts.add(post)
                await uow.outbox.add(post.pull_events())
                await uow.commit()
            return post.id

        return await self._read(actor, await retrying_slug_races(attempt))

    async def get(self, viewer: Actor | None, ref: PostRef) -> PostDetail:
        return visible_or_404(viewer, await read_post(self._queries, ref, viewer))

    async def update(
        self,
        actor: Actor,
        ref: PostRef,
        *,
        title: str | Unset = UNSET,
        description: str | Unset = UNSET,
        body: str | Unset = UNSET,
        tags: Sequence[str] | Unset = UNSET,
        expected_versions: AbstractSet[int] | None = None,
    ) -> PostDetail:
        """Change the fields given (all four for a full replacement)."""
        new_tags = None if isinstance(tags, Unset) else tag_set(tags)
        async with self._uow() as uow:
            post = await self._load(uow, actor, ref, Action.EDIT_POST, expected_versions)
            post.edit(
                now=self._clock.now(),
                title=None if isinstance(title, Unset) else title,
                description=None if isinstance(description, Unset) else description,
                body=None if isinstance(body, Unset) else body,
                tags=new_tags,
            )
            await uow.posts.update(post)
            await uow.outbox.add(post.pull_events())
            await uow.commit()
        return await self._read(actor, post.id)

    async def publish(
        self, actor: Actor, ref: PostRef, *, expected_versions: AbstractSet[int] | None = None
    ) -> PostDetail:
        return await self._transition(actor, ref, Action.PUBLISH_POST, expected_versions)

    async def unpublish(
        self, actor: Actor, ref: PostRef, *, expected_versions: AbstractSet[int] | None = None
    ) -> PostDetail:
        return await self._transition(actor, ref, Action.UNPUBLISH_POST, expected_versions)

    async def delete(
        self, actor: Actor, ref: PostRef, *, expected_versions: AbstractSet[int] | None = None
    ) -> None:
        async with self._uow() as uow:
            post = await self._load(uow, actor, ref, Action.DELETE_POST, expected_versions)
            post.mark_deleted(now=self._clock.now())
            await uow.posts.delete(post)
            await uow.outbox.add(post.pull_events())
            await uow.commit()

    async def favorite(self, actor: Actor, ref: PostRef) -> PostDetail:
        """Favouriting twice keeps one favourite. Only published posts can be favourited."""
        return await self._set_favorite(actor, ref, on=True)

    async def unfavorite(self, actor: Actor, ref: PostRef) -> PostDetail:
        return await self._set_favorite(actor, ref, on=False)

    async def _set_favorite(self, actor: Actor, ref: PostRef, *, on: bool) -> PostDetail:
        async with self._uow() as uow:
            post = await find_post(uow, ref)
            if post is None or not post.is_published:
                raise PostNotFound()
            if on:
                await uow.favorites.add(actor.user_id, post.id)
            else:
                await uow.favorites.remove(actor.user_id, post.id)
            await uow.commit()
        return await self._read(actor, post.id)

    async def _transition(
        self, actor: Actor, ref: PostRef, action: Action, expected_versions: AbstractSet[int] | None
    ) -> PostDetail:
        async def attempt() -> uuid.UUID:
            async with self._uow() as uow:
                post = await self._load(uow, actor, ref, action, expected_versions)
                now = self._clock.now()
                if action is Action.PUBLISH_POST:
                    post.publish(now=now, slug=await first_free_public_slug(uow, post))
                else:
                    post.unpublish(now=now)
                await uow.posts.update(post)
                await uow.outbox.add(post.pull_events())
                await uow.commit()
            return post.id

        return await self._read(actor, await retrying_slug_races(attempt))

    async def _load(
        self,
        uow: UnitOfWork,
        actor: Actor,
        ref: PostRef,
        action: Action,
        expected_versions: AbstractSet[int] | None,
    ) -> Post:
        post = await find_post(uow, ref)
        if post is None:
            raise PostNotFound()
        authorise(actor, action, post)
        if expected_versions is not None and post.version not in expected_versions:
            raise PreconditionFailed()
        return post

    async def _read(self, actor: Actor, post_id: uuid.UUID) -> PostDetail:
        return visible_or_404(actor, await self._queries.post_by_id(post_id, actor.user_id))
