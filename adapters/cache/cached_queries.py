from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

from adapters.cache.codec import decode_post, decode_tags, encode_post, encode_tags
from application.content_models import AuthorView, CommentView, PostDetail, PostSummary, TagCount
from application.ports.cache import Cache
from application.ports.queries import PostQueries
from application.post_query import Keyset, PostQuery
from domain.posts import PostStatus

EPOCH_KEY = "posts:epoch"


class CachedPostQueries:
    """Read-through caching decorator of the ``PostQueries`` port.

    Cached: ``post_by_id``/``post_by_slug`` for anonymous viewers, and only when the post
    is published (drafts always go to ``inner``), and ``tags``. Signed-in viewers bypass
    the cache, so ``favorited``/``following`` always come from ``inner`` for them and no
    viewer's flags are ever stored. Everything else is delegated.

    Invalidation is by epoch: every key embeds the current epoch token (itself a cache
    entry), and ``invalidate_all()`` replaces the token, orphaning every older entry.
    The container calls it after each committed Unit of Work (see
    ``InvalidatingUnitOfWork``), so a read that starts after a commit never sees data
    from before it; an entry filled concurrently with a write is stored under the old
    epoch and never read. If the backend is unreachable at the moment of a write, entries
    may stay stale at most ``ttl_seconds``. The memory backend is per process. Coarse on
    purpose: any commit (a sign-in too) empties the cache, a price paid for never having
    to list which keys a write touches (an author's profile shows in all their posts).
    """

    def __init__(
        self, inner: PostQueries, cache: Cache, ttl_seconds: float, epoch_ttl: float = 86_400
    ) -> None:
        self._inner = inner
        self._cache = cache
        self._ttl = ttl_seconds
        self._epoch_ttl = epoch_ttl

    async def invalidate_all(self) -> None:
        await self._cache.set(EPOCH_KEY, uuid.uuid4().hex.encode(), self._epoch_ttl)

    async def post_by_id(
        self, post_id: uuid.UUID, viewer_id: uuid.UUID | None
    ) -> PostDetail | None:
        if viewer_id is not None:
            return await self._inner.post_by_id(post_id, viewer_id)
        return await self._post(f"id:{post_id}", lambda: self._inner.post_by_id(post_id, None))

    async def post_by_slug(self, slug: str, viewer_id: uuid.UUID | None) -> PostDetail | None:
        if viewer_id is not None:
            return await self._inner.post_by_slug(slug, viewer_id)
        return await self._post(f"slug:{slug}", lambda: self._inner.post_by_slug(slug, None))

    async def tags(self, limit: int) -> list[TagCount]:
        key = await self._key(f"tags:{limit}")
        cached = await self._cache.get(key) if key else None
        if cached is not None:
            return decode_tags(cached)
        tags = await self._inner.tags(limit)
        if key:
            await self._cache.set(key, encode_tags(tags), self._ttl)
        return tags

    async def _post(
        self, name: str, load: Callable[[], Awaitable[PostDetail | None]]
    ) -> PostDetail | None:
        key = await self._key(name)
        cached = await self._cache.get(key) if key else None
        if cached is not None:
            return decode_post(cached)
        post = await load()
        if key and post is not None and post.status is PostStatus.PUBLISHED:
            await self._cache.set(key, encode_post(post), self._ttl)
        return post

    async def _key(self, name: str) -> str | None:
        # No epoch yet: start one, but let this read bypass the cache (it may have begun
        # before a commit whose new epoch the one set here overwrites).
        epoch = await self._cache.get(EPOCH_KEY)
        if epoch is None:
            await self.invalidate_all()
            return None
        return f"posts:{epoch.decode()}:{name}"

    async def posts(self, query: PostQuery, viewer_id: uuid.UUID | None) -> list[PostSummary]:
        return await self._inner.posts(query, viewer_id)

    async def count_posts(self, query: PostQuery) -> int:
        return await self._inner.count_posts(query)

    async def comments(
        self,
        post_id: uuid.UUID,
        viewer_id: uuid.UUID | None,
        *,
        limit: int,
        after: Keyset | None = None,
    ) -> list[CommentView]:
        return await self._inner.comments(post_id, viewer_id, limit=limit, after=after)

    async def comment(
        self, comment_id: uuid.UUID, viewer_id: uuid.UUID | None
    ) -> CommentView | None:
        return await self._inner.comment(comment_id, viewer_id)

    async def author(self, username: str, viewer_id: uuid.UUID | None) -> AuthorView | None:
        return await self._inner.author(username, viewer_id)

    async def close(self) -> None:
        close = getattr(self._inner, "close", None)
        if close is not None:
            await close()
