from __future__ import annotations

from datetime import timedelta

import pytest

from application.unset import UNSET
from domain.errors import (
    Conflict,
    EditConflict,
    PermissionDenied,
    PostNotFound,
    PreconditionFailed,
    ValidationFailed,
)
from domain.events import PostPublished, PostUpdated
from domain.users import Role
from tests.unit.conftest import App


def recorded(app: App) -> list[str]:
    return [record.event.name for record in app.db.outbox]


async def test_an_author_writes_a_draft_and_publishes_it_with_one_event(app: App) -> None:
    ada = await app.sign_up("ada")
    draft = await app.posts.create(ada, title="Hello", body="Text", tags=["B", "a"])
    assert (draft.status, draft.slug, draft.tags) == ("draft", f"hello--{draft.id.hex}", ("a", "b"))
    assert recorded(app) == []
    published = await app.posts.publish(ada, draft.id)
    assert (published.status, published.version, published.slug) == ("published", 2, "hello")
    assert recorded(app) == [PostPublished.__name__]


async def test_viewers_cannot_write(app: App) -> None:
    val = await app.sign_up("val", Role.VIEWER)
    with pytest.raises(PermissionDenied):
        await app.posts.create(val, title="t", body="b")
    assert app.db.posts == {}


async def test_others_see_a_draft_as_missing_and_editors_see_it(app: App) -> None:
    ada, bob = await app.sign_up("ada"), await app.sign_up("bob")
    eve = await app.sign_up("eve", Role.EDITOR)
    draft = await app.posts.create(ada, title="Secret", body="b")
    for viewer in (None, bob):
        with pytest.raises(PostNotFound):
            await app.posts.get(viewer, draft.id)
    with pytest.raises(PostNotFound):
        await app.posts.update(bob, draft.id, body="x")
    assert (await app.posts.get(eve, draft.slug)).id == draft.id


async def test_another_authors_published_post_is_forbidden_not_missing(app: App) -> None:
    ada, bob = await app.sign_up("ada"), await app.sign_up("bob")
    post = await app.posts.create(ada, title="Public", body="b", publish=True)
    with pytest.raises(PermissionDenied):
        await app.posts.update(bob, post.id, body="x")
    with pytest.raises(PermissionDenied):
        await app.posts.delete(bob, post.id)
    assert (await app.posts.get(None, post.id)).body == "b"


async def test_expected_versions_without_the_current_one_fail_the_precondition(app: App) -> None:
    ada = await app.sign_up("ada")
    post = await app.posts.create(ada, title="t", body="v1", publish=True)
    await app.posts.update(ada, post.id, body="v2", expected_versions={post.version})
    for stale in ({post.version}, set()):
        with pytest.raises(PreconditionFailed):
            await app.posts.update(ada, post.id, body="v3", expected_versions=stale)
    await app.posts.update(ada, post.id, body="v3", expected_versions={post.version, 2})
    assert (await app.posts.get(None, post.id)).body == "v3"
    assert recorded(app)[-2:] == [PostUpdated.__name__] * 2


async def test_two_concurrent_edits_of_one_version_never_both_win(app: App) -> None:
    ada = await app.sign_up("ada")
    post = await app.posts.create(ada, title="t", body="v1")
    async with app.posts._uow() as first, app.posts._uow() as second:
        mine, theirs = await first.posts.get(post.id), await second.posts.get(post.id)
        assert mine is not None and theirs is not None
        mine.edit(now=app.clock.now(), body="mine")
        theirs.edit(now=app.clock.now(), body="theirs")
        await first.posts.update(mine)
        await first.commit()
        with pytest.raises(EditConflict):
            await second.posts.update(theirs)
    assert (await app.posts.get(ada, post.id)).body == "mine"


async def test_publishing_twice_is_a_conflict(app: App) -> None:
    ada = await app.sign_up("ada")
    post = await app.posts.create(ada, title="t", body="b", publish=True)
    with pytest.raises(Conflict):
        await app.posts.publish(ada, post.id)


async def test_equal_titles_get_distinct_slugs_and_a_draft_slug_follows_its_title(app: App) -> None:
    ada = await app.sign_up("ada")
    first = await app.posts.create(ada, title="Same", body="b", publish=True)
    second = await app.posts.create(ada, title="Same", body="b", publish=True)
    assert first.slug == "same" and second.slug == f"same-{second.id.hex[:8]}"
    draft = await app.posts.create(ada, title="Same", body="b")
    renamed = await app.posts.update(ada, draft.id, title="Other", tags=UNSET)
    assert renamed.slug == f"other--{draft.id.hex}"
    published = await app.posts.publish(ada, draft.id)
    assert published.slug == "other"


async def test_invalid_updates_change_nothing(app: App) -> None:
    ada = await app.sign_up("ada")
    post = await app.posts.create(ada, title="t", body="b", tags=["x"])
    with pytest.raises(ValidationFailed):
        await app.posts.update(ada, post.id, title="ok", tags=[f"t{i}" for i in range(11)])
    after = await app.posts.get(ada, post.id)
    assert (after.title, after.tags, after.version) == ("t", ("x",), 1)


async def test_favourites_are_counted_once_per_user_and_only_on_published_posts(app: App) -> None:
    ada, bob = await app.sign_up("ada"), await app.sign_up("bob")
    post = await app.posts.create(ada, title="t", body="b", publish=True)
    await app.posts.favorite(bob, post.id)
    again = await app.posts.favorite(bob, post.id)
    assert (again.favorites_count, again.favorited, again.version) == (1, True, 1)
    draft = await app.posts.create(ada, title="d", body="b")
    with pytest.raises(PostNotFound):
        await app.posts.favorite(ada, draft.id)


async def test_deleting_a_post_removes_it_for_everyone(app: App) -> None:
    ada = await app.sign_up("ada")
    eve = await app.sign_up("eve", Role.EDITOR)
    post = await app.posts.create(ada, title="t", body="b", publish=True)
    app.clock.advance(timedelta(seconds=1))
    await app.posts.delete(eve, post.id)
    with pytest.raises(PostNotFound):
        await app.posts.get(eve, post.id)
    assert recorded(app)[-1] == "PostDeleted"
