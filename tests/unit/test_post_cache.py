"""The read cache wired into the use cases: served when it may be, fresh after every write."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from adapters.cache.memory import InMemoryCache
from application.content_models import PostDetail
from application.read_models import Actor
from domain.errors import PostNotFound
from domain.users import Role
from tests.unit.conftest import App, build_app

Write = Callable[[App, Actor, Actor, PostDetail], Awaitable[None]]


@pytest.fixture
def cache() -> InMemoryCache:
    return InMemoryCache(max_entries=100)


@pytest.fixture
def app(cache: InMemoryCache) -> App:
    return build_app(cache=cache)


async def _post(app: App) -> tuple[Actor, Actor, PostDetail]:
    author = await app.sign_up("ada")
    reader = await app.sign_up("bob", Role.VIEWER)
    post = await app.posts.create(author, title="Hello", body="v1", tags=["x"], publish=True)
    return author, reader, post


async def test_a_published_post_is_served_from_the_cache(app: App, cache: InMemoryCache) -> None:
    _, _, post = await _post(app)
    first = await app.posts.get(None, post.id)
    misses = cache.counters.misses
    assert await app.posts.get(None, post.id) == first
    assert await app.posts.get(None, post.slug) == await app.posts.get(None, post.slug)
    assert cache.counters.misses == misses + 1  # only the slug's first read missed
    assert first.body == "v1"


async def test_drafts_are_never_cached(app: App, cache: InMemoryCache) -> None:
    author = await app.sign_up("ada")
    draft = await app.posts.create(author, title="Draft", body="secret")
    for _ in range(2):
        with pytest.raises(PostNotFound):
            await app.posts.get(None, draft.id)
    assert all(b"secret" not in value for _, value in cache._entries.values())
    assert (await app.posts.get(author, draft.id)).body == "secret"


async def _edit(app: App, author: Actor, _: Actor, post: PostDetail) -> None:
    await app.posts.update(author, post.id, body="v2")


async def _unpublish(app: App, author: Actor, _: Actor, post: PostDetail) -> None:
    await app.posts.unpublish(author, post.id)


async def _delete(app: App, author: Actor, _: Actor, post: PostDetail) -> None:
    await app.posts.delete(author, post.id)


async def _favorite(app: App, _: Actor, reader: Actor, post: PostDetail) -> None:
    await app.posts.favorite(reader, post.id)


async def _unfavorite(app: App, _: Actor, reader: Actor, post: PostDetail) -> None:
    await app.posts.unfavorite(reader, post.id)


async def _comment(app: App, _: Actor, reader: Actor, post: PostDetail) -> None:
    await app.comments.add(reader, post.id, "Nice")


async def _uncomment(app: App, _: Actor, reader: Actor, post: PostDetail) -> None:
    [comment] = (await app.comments.list(None, post.id)).items
    await app.comments.delete(reader, post.id, comment.id)


async def _profile(app: App, author: Actor, _: Actor, __: PostDetail) -> None:
    await app.users.update_account(author, bio="new bio")


WRITES: list[tuple[Write, Callable[[PostDetail | None], bool]]] = [
    (_edit, lambda p: p is not None and p.body == "v2"),
    (_unpublish, lambda p: p is None),
    (_delete, lambda p: p is None),
    (_favorite, lambda p: p is not None and p.favorites_count == 1),
    (_unfavorite, lambda p: p is not None and p.favorites_count == 0),
    (_comment, lambda p: p is not None and p.comments_count == 1),
    (_uncomment, lambda p: p is not None and p.comments_count == 0),
    (_profile, lambda p: p is not None and p.author.bio == "new bio"),
]


async def _anonymous_read(app: App, ref: object) -> PostDetail | None:
    try:
        return await app.posts.get(None, ref)  # type: ignore[arg-type]
    except PostNotFound:
        return None


@pytest.mark.parametrize(("write", "fresh"), WRITES, ids=[w.__name__ for w, _ in WRITES])
async def test_the_next_read_after_a_write_is_fresh(
    app: App, write: Write, fresh: Callable[[PostDetail | None], bool]
) -> None:
    author, reader, post = await _post(app)
    if write in (_unfavorite, _uncomment):
        await app.posts.favorite(reader, post.id)
        await app.comments.add(reader, post.id, "Hi")
    for ref in (post.id, post.slug):
        assert not fresh(await _anonymous_read(app, ref))  # now cached
    await write(app, author, reader, post)
    for ref in (post.id, post.slug):
        assert fresh(await _anonymous_read(app, ref))


async def test_publishing_a_draft_is_seen_at_once(app: App) -> None:
    author = await app.sign_up("ada")
    draft = await app.posts.create(author, title="Draft", body="b")
    assert await _anonymous_read(app, draft.id) is None
    await app.posts.publish(author, draft.id)
    assert await _anonymous_read(app, draft.id) is not None
