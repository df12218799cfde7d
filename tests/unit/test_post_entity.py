from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from domain.errors import Conflict, ValidationFailed
from domain.events import PostPublished, PostUnpublished, PostUpdated
from domain.posts import BODY_MAX, TITLE_MAX, Post, PostStatus
from domain.slugs import draft_slug
from domain.tags import tag_set

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def draft(title: str = "Hello World") -> Post:
    return Post.draft(
        author_id=uuid.uuid4(),
        title=title,
        description="",
        body="Body",
        tags=tag_set(["a"]),
        now=NOW,
    )


def test_a_new_post_is_a_draft_with_a_draft_slug_from_its_title_and_id() -> None:
    post = draft()
    assert (post.status, post.slug, post.published_at, post.version) == (
        PostStatus.DRAFT,
        f"hello-world--{post.id.hex}",
        None,
        1,
    )
    assert post.pull_events() == []


def test_a_drafts_slug_follows_its_title_until_first_publication_then_never_changes() -> None:
    post = draft()
    post.edit(now=NOW, title="Better Title")
    assert post.slug == draft_slug("Better Title", post.id)
    post.publish(now=NOW)
    assert post.slug == "better-title"
    post.edit(now=NOW, title="Renamed After Publishing")
    assert post.slug == "better-title"
    post.unpublish(now=NOW)
    post.edit(now=NOW, title="Renamed Again")
    post.publish(now=NOW)
    assert post.slug == "better-title"
    assert post.public_slug_choices == ("better-title",)


def test_a_first_publication_takes_the_public_slug_it_is_given_and_announces_it() -> None:
    post = draft()
    plain, suffixed, _ = post.public_slug_choices
    assert plain == "hello-world" and suffixed.startswith("hello-world-")
    post.publish(now=NOW, slug=suffixed)
    assert post.slug == suffixed
    [published] = post.pull_events()
    assert isinstance(published, PostPublished) and published.slug == suffixed


@pytest.mark.parametrize("slug", ["someone-elses", "hello-world--0", ""])
def test_a_slug_that_is_not_one_of_the_posts_public_slugs_is_refused(slug: str) -> None:
    post = draft()
    with pytest.raises(ValueError, match="not one of the post's public slugs"):
        post.publish(now=NOW, slug=slug)
    assert (post.status, post.slug) == (PostStatus.DRAFT, draft_slug("Hello World", post.id))


def test_publishing_records_the_first_publication_and_an_event() -> None:
    post = draft()
    post.publish(now=NOW)
    post.unpublish(now=NOW + timedelta(days=1))
    post.publish(now=NOW + timedelta(days=2))
    assert post.published_at == NOW
    assert [type(e) for e in post.pull_events()] == [PostPublished, PostUnpublished, PostPublished]


def test_editing_a_published_post_records_an_update_and_a_draft_edit_does_not() -> None:
    post = draft()
    post.edit(now=NOW, body="new")
    assert post.pull_events() == []
    post.publish(now=NOW)
    post.pull_events()
    post.edit(now=NOW, body="newer")
    assert [type(e) for e in post.pull_events()] == [PostUpdated]


def test_publishing_twice_or_unpublishing_a_draft_is_a_conflict() -> None:
    post = draft()
    with pytest.raises(Conflict):
        post.unpublish(now=NOW)
    post.publish(now=NOW)
    with pytest.raises(Conflict):
        post.publish(now=NOW)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", ""),
        ("title", "   "),
        ("title", "t" * (TITLE_MAX + 1)),
        ("body", " \n "),
        ("body", "b" * (BODY_MAX + 1)),
        ("description", "d" * 301),
    ],
)
def test_invalid_fields_are_refused_and_leave_the_post_unchanged(field: str, value: str) -> None:
    post = draft()
    with pytest.raises(ValidationFailed) as error:
        post.edit(now=NOW, **{field: value})
    assert error.value.field == field
    assert (post.title, post.body, post.description) == ("Hello World", "Body", "")
