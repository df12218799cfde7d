from __future__ import annotations

from datetime import timedelta

import pytest

from application.post_query import PostQuery, PostSort
from domain.errors import (
    CommentNotFound,
    InvalidCursor,
    PermissionDenied,
    PostNotFound,
    UserNotFound,
    ValidationFailed,
)
from domain.posts import PostStatus
from domain.users import Role
from tests.unit.conftest import App


async def publish_many(app: App, author: str, count: int) -> list[str]:
    actor = await app.sign_up(author)
    titles = []
    for i in range(count):
        app.clock.advance(timedelta(seconds=1))
        titles.append(
            (await app.posts.create(actor, title=f"{author} {i}", body="b", publish=True)).title
        )
    return titles


async def test_lists_walk_every_page_newest_first(app: App) -> None:
    titles = await publish_many(app, "ada", 7)
    seen, cursor = [], None
    while True:
        page = await app.listing.list_posts(None, PostQuery(limit=3), cursor=cursor)
        seen += [p.title for p in page.items]
        if not (cursor := page.next_cursor):
            break
    assert seen == titles[::-1]


async def test_a_cursor_of_another_order_is_refused(app: App) -> None:
    await publish_many(app, "ada", 3)
    page = await app.listing.list_posts(None, PostQuery(limit=1))
    assert page.next_cursor is not None
    with pytest.raises(InvalidCursor):
        await app.listing.list_posts(
            None, PostQuery(limit=1, sort=PostSort.OLDEST), cursor=page.next_cursor
        )


@pytest.mark.parametrize(("limit", "offset"), [(0, 0), (101, 0), (20, -1), (20, 10_001)])
async def test_page_bounds_are_enforced(app: App, limit: int, offset: int) -> None:
    with pytest.raises(ValidationFailed):
        await app.listing.list_posts(None, PostQuery(limit=limit, offset=offset))


async def test_draft_lists_show_own_drafts_all_drafts_for_editors_none_for_anonymous(
    app: App,
) -> None:
    ada, bob = await app.sign_up("ada"), await app.sign_up("bob")
    eve = await app.sign_up("eve", Role.EDITOR)
    await app.posts.create(ada, title="ada draft", body="b")
    await app.posts.create(bob, title="bob draft", body="b")
    drafts = PostQuery(limit=20, status=PostStatus.DRAFT)

    async def titles(viewer: object) -> set[str]:
        return {p.title for p in (await app.listing.list_posts(viewer, drafts)).items}  # type: ignore[arg-type]

    assert await titles(ada) == {"ada draft"}
    assert await titles(eve) == {"ada draft", "bob draft"}
    assert await titles(None) == set()


async def test_the_feed_holds_only_followed_authors_published_posts(app: App) -> None:
    await publish_many(app, "ada", 2)
    await publish_many(app, "bob", 1)
    cat = await app.sign_up("cat")
    await app.social.follow(cat, "ada")
    feed = await app.listing.feed(cat)
    assert [p.title for p in feed.items] == ["ada 1", "ada 0"]
    assert all(p.author.following for p in feed.items)


async def test_following_is_once_never_oneself_and_only_existing_users(app: App) -> None:
    ada = await app.sign_up("ada")
    await app.sign_up("bob")
    assert (await app.social.follow(ada, "bob")).following
    assert (await app.social.follow(ada, "BOB")).following
    assert len(app.db.follows) == 1
    with pytest.raises(ValidationFailed):
        await app.social.follow(ada, "ada")
    with pytest.raises(UserNotFound):
        await app.social.follow(ada, "ghost")
    assert not (await app.social.unfollow(ada, "bob")).following


async def test_comments_need_a_published_post_and_a_real_body(app: App) -> None:
    ada = await app.sign_up("ada")
    draft = await app.posts.create(ada, title="d", body="b")
    with pytest.raises(PostNotFound):
        await app.comments.add(ada, draft.id, "hi")
    post = await app.posts.create(ada, title="p", body="b", publish=True)
    with pytest.raises(ValidationFailed):
        await app.comments.add(ada, post.id, "   ")
    comment = await app.comments.add(ada, post.id, "hi")
    assert comment.author.username == "ada"
    assert (await app.posts.get(None, post.id)).comments_count == 1


async def test_who_may_delete_a_comment(app: App) -> None:
    ada, bob, cat = [await app.sign_up(n) for n in ("ada", "bob", "cat")]
    post = await app.posts.create(ada, title="p", body="b", publish=True)
    comment = await app.comments.add(bob, post.id, "hi")
    with pytest.raises(PermissionDenied):
        await app.comments.delete(cat, post.id, comment.id)
    await app.comments.delete(ada, post.id, comment.id)  # the post's author
    with pytest.raises(CommentNotFound):
        await app.comments.delete(bob, post.id, comment.id)
    assert (await app.posts.get(None, post.id)).comments_count == 0


async def test_tags_count_published_posts_only(app: App) -> None:
    ada = await app.sign_up("ada")
    await app.posts.create(ada, title="a", body="b", tags=["x", "y"], publish=True)
    await app.posts.create(ada, title="b", body="b", tags=["x"], publish=True)
    await app.posts.create(ada, title="c", body="b", tags=["hidden"])
    assert [(t.tag, t.posts) for t in await app.listing.tags()] == [("x", 2), ("y", 1)]
