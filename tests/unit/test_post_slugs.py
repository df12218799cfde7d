"""Which slug a post gets: a draft's depends on nothing else stored; a published post's
only on posts that have been public; two publishers racing for one slug both succeed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from adapters.memory import InMemoryUnitOfWork
from application.services.posts import PostService
from domain.errors import SlugTaken
from domain.events import PostPublished
from tests.unit.conftest import App

Rival = Callable[[], Awaitable[object]]


async def test_a_post_titled_like_someone_elses_hidden_draft_gets_the_plain_slug(app: App) -> None:
    ada, bob = await app.sign_up("ada"), await app.sign_up("bob")
    hidden = await app.posts.create(ada, title="Draft plans", body="b")
    mine = await app.posts.create(bob, title="Draft plans", body="b", publish=True)
    assert mine.slug == "draft-plans"
    later = await app.posts.publish(ada, hidden.id)
    assert later.slug == f"draft-plans-{hidden.id.hex[:8]}"


async def test_a_drafts_slug_is_the_same_whatever_else_is_stored(app: App) -> None:
    ada, bob = await app.sign_up("ada"), await app.sign_up("bob")
    await app.posts.create(ada, title="Same", body="b", publish=True)
    await app.posts.create(ada, title="Same", body="b")
    mine = await app.posts.create(bob, title="Same", body="b")
    assert mine.slug == f"same--{mine.id.hex}"


async def test_a_once_published_post_keeps_its_slug_when_unpublished(app: App) -> None:
    ada, bob = await app.sign_up("ada"), await app.sign_up("bob")
    old = await app.posts.create(ada, title="Same", body="b", publish=True)
    await app.posts.unpublish(ada, old.id)
    mine = await app.posts.create(bob, title="Same", body="b", publish=True)
    assert mine.slug == f"same-{mine.id.hex[:8]}"
    assert (await app.posts.publish(ada, old.id)).slug == "same"


async def test_when_every_public_slug_of_a_draft_is_held_publishing_it_changes_nothing(
    app: App,
) -> None:
    ada = await app.sign_up("ada")
    draft = await app.posts.create(ada, title="Same", body="b")
    for title in ("Same", f"Same {draft.id.hex[:8]}", f"Same {draft.id.hex[:16]}"):
        await app.posts.create(ada, title=title, body="b", publish=True)
    with pytest.raises(SlugTaken):
        await app.posts.publish(ada, draft.id)
    after = await app.posts.get(ada, draft.id)
    assert (after.status, after.slug, after.version) == ("draft", draft.slug, 1)


async def test_a_new_post_that_loses_the_race_for_its_slug_takes_the_next_one(app: App) -> None:
    ada, bob = await app.sign_up("ada"), await app.sign_up("bob")
    posts = _racing(app, lambda: app.posts.create(bob, title="Same", body="b", publish=True))
    mine = await posts.create(ada, title="Same", body="b", publish=True)
    assert mine.slug == f"same-{mine.id.hex[:8]}"
    assert _published_slugs(app) == {"same", mine.slug}
    assert len(app.db.posts) == 2


async def test_a_draft_whose_publication_loses_the_race_takes_the_next_slug(app: App) -> None:
    ada, bob = await app.sign_up("ada"), await app.sign_up("bob")
    draft = await app.posts.create(ada, title="Same", body="b")
    posts = _racing(app, lambda: app.posts.create(bob, title="Same", body="b", publish=True))
    mine = await posts.publish(ada, draft.id)
    assert (mine.slug, mine.version) == (f"same-{draft.id.hex[:8]}", 2)
    assert _published_slugs(app) == {"same", mine.slug}


def _published_slugs(app: App) -> set[str]:
    return {r.event.slug for r in app.db.outbox if isinstance(r.event, PostPublished)}


def _racing(app: App, rival: Rival) -> PostService:
    """The posts use case over Units of Work whose first slug check goes stale at once:
    right after it, ``rival`` publishes a post that takes the slug."""
    pending = [rival]

    def uow() -> _RacedUnitOfWork:
        return _RacedUnitOfWork(InMemoryUnitOfWork(app.db, clock=app.clock), pending)

    return PostService(uow, app.posts._queries, app.clock)


class _RacedUnitOfWork:
    def __init__(self, inner: InMemoryUnitOfWork, rivals: list[Rival]) -> None:
        self._inner, self._rivals = inner, rivals

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    @property
    def posts(self) -> _RacedPosts:
        return _RacedPosts(self._inner.posts, self._rivals)

    async def __aenter__(self) -> _RacedUnitOfWork:
        await self._inner.__aenter__()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._inner.rollback()


class _RacedPosts:
    def __init__(self, inner: Any, rivals: list[Rival]) -> None:
        self._inner, self._rivals = inner, rivals

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    async def slug_exists(self, slug: str) -> bool:
        held = await self._inner.slug_exists(slug)
        if self._rivals:
            await self._rivals.pop()()
        return held
