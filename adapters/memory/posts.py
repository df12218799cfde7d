from __future__ import annotations

import copy
import uuid

from adapters.memory.content import ContentJournal, ContentState
from domain.errors import EditConflict, SlugTaken
from domain.posts import Post


class InMemoryPostRepository:
    """Posts of one Unit of Work. Versions are checked when a change is staged and again
    at commit, against whatever other Units of Work committed in between.

    Updates and deletions lock the post as SQL locks its row: a second writer waits for
    the first to end, then finds the version moved on. The first writer wins, as in SQL."""

    def __init__(self, journal: ContentJournal) -> None:
        self._journal = journal

    async def add(self, post: Post) -> None:
        stored = _stored(post)

        def add(state: ContentState) -> None:
            if stored.id in state.posts:
                raise EditConflict("A post with this id exists already.")
            _check_slug_free(state, stored)
            state.posts.put(stored.id, copy.deepcopy(stored))

        self._journal.stage(add)

    async def get(self, post_id: uuid.UUID) -> Post | None:
        return _loaded(self._journal.view.posts.get(post_id))

    async def get_by_slug(self, slug: str) -> Post | None:
        return _loaded(_with_slug(self._journal.view, slug))

    async def slug_exists(self, slug: str) -> bool:
        return _with_slug(self._journal.view, slug) is not None

    async def update(self, post: Post) -> None:
        await self._journal.lock(("post", post.id))
        stored, expected = _stored(post), post.version

        def update(state: ContentState) -> None:
            current = _current(state, stored.id, expected)
            _check_slug_free(state, stored)
            new = copy.deepcopy(stored)
            # The counters are kept by favourites and comments, not by edits.
            new.favorites_count = current.favorites_count
            new.comments_count = current.comments_count
            new.version = expected + 1
            state.posts.put(new.id, new)

        self._journal.stage(update)
        post.version += 1

    async def delete(self, post: Post) -> None:
        await self._journal.lock(("post", post.id))
        post_id, expected = post.id, post.version

        def delete(state: ContentState) -> None:
            _current(state, post_id, expected)
            state.posts.remove(post_id)
            # What the foreign keys' ON DELETE CASCADE does in SQL.
            for comment in [c for c in state.comments.values() if c.post_id == post_id]:
                state.comments.remove(comment.id)
            for pair in [pair for pair, _ in state.favorites.items() if pair[1] == post_id]:
                state.favorites.remove(pair)

        self._journal.stage(delete)


def _stored(post: Post) -> Post:
    """A private copy without the recorded events (the outbox keeps those) and with the
    tags in the order SQL returns them."""
    shallow = copy.copy(post)
    shallow.events = []
    stored = copy.deepcopy(shallow)
    stored.tags = tuple(sorted(set(stored.tags)))
    return stored


def _loaded(post: Post | None) -> Post | None:
    return copy.deepcopy(post) if post is not None else None


def _with_slug(state: ContentState, slug: str) -> Post | None:
    return next((p for p in state.posts.values() if p.slug == slug), None)


def _check_slug_free(state: ContentState, post: Post) -> None:
    holder = _with_slug(state, post.slug)
    if holder is not None and holder.id != post.id:
        raise SlugTaken()


def _current(state: ContentState, post_id: uuid.UUID, expected_version: int) -> Post:
    current = state.posts.get(post_id)
    if current is None or current.version != expected_version:
        raise EditConflict()
    return current
