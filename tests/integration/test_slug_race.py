"""Writers publishing one title at the same moment, on every adapter: the unique slug
index settles the race and every loser takes its next slug; nobody gets an error."""

from __future__ import annotations

import asyncio

from adapters.clock import SystemClock
from application.read_models import Actor
from application.services.posts import PostService
from domain.users import Role
from tests.integration.builders import a_user
from tests.integration.databases import SqlDatabase
from tests.integration.query_store import open_store


async def test_writers_publishing_one_title_at_once_all_get_distinct_slugs(
    backend: SqlDatabase | None,
) -> None:
    async with open_store(backend) as store:
        writers = [a_user(f"writer{n}") for n in range(4)]
        await store.add(*writers)
        posts = PostService(store.uow, store.queries, SystemClock())
        actors = [Actor(user_id=w.id, username=w.username.value, role=Role.AUTHOR) for w in writers]
        published = await asyncio.gather(
            *(posts.create(actor, title="Same", body="b", publish=True) for actor in actors)
        )

    plain = [post for post in published if post.slug == "same"]
    assert len(plain) == 1
    assert all(post.slug == f"same-{post.id.hex[:8]}" for post in published if post not in plain)
