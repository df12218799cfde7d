from __future__ import annotations

import uuid

from application.content_models import CommentView
from application.pagination import CursorCodec, checked_limit
from application.ports import Clock, UnitOfWorkFactory
from application.ports.queries import PostQueries
from application.read_models import Actor, Page
from application.services.visibility import PostRef, find_post, may_see, read_post
from domain.comments import Comment
from domain.errors import CommentNotFound, PermissionDenied, PostNotFound
from domain.events import CommentAdded, CommentDeleted
from domain.permissions import Action, is_allowed

_KIND = "comments"


class CommentService:
    """Comments on published posts.

    Rules: any signed-in user may comment on a published post (drafts: ``PostNotFound``).
    A comment may be deleted by its author, the post's author, editors and admins."""

    def __init__(
        self, uow: UnitOfWorkFactory, queries: PostQueries, clock: Clock, cursors: CursorCodec
    ) -> None:
        self._uow = uow
        self._queries = queries
        self._clock = clock
        self._cursors = cursors

    async def add(self, actor: Actor, ref: PostRef, body: str) -> CommentView:
        now = self._clock.now()
        async with self._uow() as uow:
            post = await find_post(uow, ref)
            if post is None or not post.is_published:
                raise PostNotFound()
            comment = Comment.write(post_id=post.id, author_id=actor.user_id, body=body, now=now)
            await uow.comments.add(comment)
            event = CommentAdded(
                occurred_at=now,
                post_id=post.id,
                author_id=post.author_id,
                comment_id=comment.id,
                commenter_id=actor.user_id,
            )
            await uow.outbox.add([event])
            await uow.commit()
        view = await self._queries.comment(comment.id, actor.user_id)
        assert view is not None, "a committed comment is readable"
        return view

    async def list(
        self, viewer: Actor | None, ref: PostRef, *, limit: int = 20, cursor: str | None = None
    ) -> Page[CommentView]:
        """Oldest first."""
        checked_limit(limit)
        viewer_id = viewer.user_id if viewer else None
        post = await read_post(self._queries, ref, viewer)
        if post is None or not may_see(viewer, post.status, post.author_id):
            raise PostNotFound()
        after = self._cursors.decode_keyset(_KIND, cursor) if cursor else None
        rows = await self._queries.comments(post.id, viewer_id, limit=limit + 1, after=after)
        items = rows[:limit]
        next_cursor = None
        if len(rows) > limit:
            last = items[-1]
            next_cursor = self._cursors.encode_keyset(_KIND, last.created_at, last.id)
        return Page(items=items, next_cursor=next_cursor)

    async def delete(self, actor: Actor, ref: PostRef, comment_id: uuid.UUID) -> None:
        async with self._uow() as uow:
            post = await find_post(uow, ref)
            if post is None or not may_see(actor, post.status, post.author_id):
                raise PostNotFound()
            comment = await uow.comments.get(comment_id)
            if comment is None or comment.post_id != post.id:
                raise CommentNotFound()
            owns_post = post.author_id == actor.user_id
            owns_comment = comment.author_id == actor.user_id
            if not is_allowed(
                actor.role, Action.DELETE_COMMENT, owns_post=owns_post, owns_comment=owns_comment
            ):
                raise PermissionDenied()
            await uow.comments.delete(comment)
            event = CommentDeleted(
                occurred_at=self._clock.now(),
                post_id=post.id,
                author_id=post.author_id,
                comment_id=comment.id,
            )
            await uow.outbox.add([event])
            await uow.commit()
