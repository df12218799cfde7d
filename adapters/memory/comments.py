from __future__ import annotations

import uuid

from adapters.memory.content import ContentJournal, ContentState
from domain.comments import Comment
from domain.errors import CommentNotFound, PostNotFound


class InMemoryCommentRepository:
    """Comments of one Unit of Work; each keeps its post's ``comments_count`` in step."""

    def __init__(self, journal: ContentJournal) -> None:
        self._journal = journal

    async def add(self, comment: Comment) -> None:
        def add(state: ContentState) -> None:
            post = state.editable_post(comment.post_id)
            if post is None:
                raise PostNotFound()
            state.comments.put(comment.id, comment)
            post.comments_count += 1

        self._journal.stage(add)

    async def get(self, comment_id: uuid.UUID) -> Comment | None:
        return self._journal.view.comments.get(comment_id)

    async def delete(self, comment: Comment) -> None:
        """``CommentNotFound`` when the comment is gone (another Unit of Work deleted it
        first): its deletion, and its event, happened there."""
        # A concurrent deleter waits for us, as on the row lock in SQL.
        await self._journal.lock(("comment", comment.id))

        def delete(state: ContentState) -> None:
            if state.comments.get(comment.id) is None:
                raise CommentNotFound()
            state.comments.remove(comment.id)
            post = state.editable_post(comment.post_id)
            if post is not None:
                post.comments_count -= 1

        self._journal.stage(delete)
