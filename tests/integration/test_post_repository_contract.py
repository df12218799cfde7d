"""PostRepository contract: every adapter stores, finds, versions and refuses posts alike."""

from __future__ import annotations

import pytest

from application.ports import UnitOfWorkFactory
from domain.errors import EditConflict, SlugTaken
from domain.events import PostUpdated
from domain.tags import Tag
from tests.integration.builders import LATER, a_user, store
from tests.integration.content_builders import (
    a_post,
    an_author_with_a_post,
    commit_after,
    fields_of,
    load_post,
    store_posts,
    stored_post,
)


async def test_a_stored_post_reads_back_with_every_field_by_id_and_by_slug(
    uow_factory: UnitOfWorkFactory,
) -> None:
    _, post = await an_author_with_a_post(uow_factory)

    async with uow_factory() as uow:
        by_id, by_slug = await uow.posts.get(post.id), await uow.posts.get_by_slug(post.slug)

    assert by_id is not None
    assert by_slug is not None
    expected = fields_of(post) | {"tags": (Tag("async"), Tag("python"), Tag("web"))}
    assert fields_of(by_id) == fields_of(by_slug) == expected
    assert by_id.created_at.utcoffset() is not None
    assert by_id.published_at is not None
    assert by_id.published_at.utcoffset() is not None


async def test_a_draft_without_tags_round_trips_with_its_empty_fields(
    uow_factory: UnitOfWorkFactory,
) -> None:
    author = a_user()
    draft = a_post(author, published=False)
    draft.tags, draft.description = (), ""
    await store(uow_factory, author)
    await store_posts(uow_factory, draft)

    assert fields_of(await stored_post(uow_factory, draft.id)) == fields_of(draft)


async def test_unknown_posts_and_slugs_are_not_found(uow_factory: UnitOfWorkFactory) -> None:
    _, post = await an_author_with_a_post(uow_factory)

    async with uow_factory() as uow:
        assert await uow.posts.get_by_slug("no-such-slug") is None
        assert not await uow.posts.slug_exists("no-such-slug")
        assert await uow.posts.slug_exists(post.slug)


async def test_a_taken_slug_is_refused_and_the_unit_of_work_stays_usable(
    uow_factory: UnitOfWorkFactory,
) -> None:
    author, post = await an_author_with_a_post(uow_factory)
    twin, other = a_post(author, slug=post.slug), a_post(author, slug="another")

    async with uow_factory() as uow:
        with pytest.raises(SlugTaken):
            await uow.posts.add(twin)
        await uow.posts.add(other)
        await uow.commit()

    assert await load_post(uow_factory, twin.id) is None
    assert await load_post(uow_factory, other.id) is not None


async def test_an_update_to_a_taken_slug_is_refused(uow_factory: UnitOfWorkFactory) -> None:
    author, post = await an_author_with_a_post(uow_factory)
    other = a_post(author, slug="another")
    await store_posts(uow_factory, other)

    async with uow_factory() as uow:
        loaded = await uow.posts.get(other.id)
        assert loaded is not None
        loaded.slug = post.slug
        with pytest.raises(SlugTaken):
            await uow.posts.update(loaded)

    assert (await stored_post(uow_factory, other.id)).slug == "another"


async def test_an_update_stores_the_changes_and_bumps_the_version(
    uow_factory: UnitOfWorkFactory,
) -> None:
    _, post = await an_author_with_a_post(uow_factory)

    async with uow_factory() as uow:
        loaded = await uow.posts.get(post.id)
        assert loaded is not None
        loaded.edit(now=LATER, title="Renamed", body="New body", tags=(Tag("zig"), Tag("c")))
        await uow.posts.update(loaded)
        assert loaded.version == 2
        assert loaded.events  # recorded, and left to the outbox
        await uow.commit()

    stored = await stored_post(uow_factory, post.id)
    assert fields_of(stored) == fields_of(loaded) | {"tags": (Tag("c"), Tag("zig"))}
    assert stored.events == []
    assert isinstance(loaded.events[0], PostUpdated)


async def test_an_update_or_delete_of_a_stale_version_is_an_edit_conflict(
    uow_factory: UnitOfWorkFactory,
) -> None:
    _, post = await an_author_with_a_post(uow_factory)
    stale_post = await stored_post(uow_factory, post.id)
    fresh = await stored_post(uow_factory, post.id)
    async with uow_factory() as uow:
        await commit_after(uow, uow.posts.update(fresh))

    with pytest.raises(EditConflict):
        async with uow_factory() as uow:
            await commit_after(uow, uow.posts.update(stale_post))
    with pytest.raises(EditConflict):
        async with uow_factory() as uow:
            await commit_after(uow, uow.posts.delete(stale_post))

    assert (await stored_post(uow_factory, post.id)).version == 2


async def test_an_update_of_a_deleted_post_is_an_edit_conflict(
    uow_factory: UnitOfWorkFactory,
) -> None:
    _, post = await an_author_with_a_post(uow_factory)
    loaded = await stored_post(uow_factory, post.id)
    async with uow_factory() as uow:
        await commit_after(uow, uow.posts.delete(loaded))

    with pytest.raises(EditConflict):
        async with uow_factory() as uow:
            await commit_after(uow, uow.posts.update(loaded))
    assert await load_post(uow_factory, post.id) is None
