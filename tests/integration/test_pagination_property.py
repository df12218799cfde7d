"""Keyset pagination under churn: walking every page of a list while posts are inserted
and deleted between page fetches never returns a post twice, never skips one that
existed for the whole walk, and keeps the list's order across pages."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from application.pagination import CursorCodec
from application.post_query import PostQuery, PostSort
from application.services.listing import ListingService
from domain.posts import Post
from domain.users import User
from tests.integration.builders import a_user
from tests.integration.databases import SqlDatabase
from tests.integration.query_store import Store, at, open_store, post

# Few distinct creation times, so that many posts tie and the id must break the ties.
MINUTES = st.integers(min_value=0, max_value=4)


@dataclass(frozen=True)
class Insert:
    minute: int


@dataclass(frozen=True)
class Delete:
    pick: int  # which of the live posts, modulo their number


CHANGES = st.lists(
    st.one_of(st.builds(Insert, MINUTES), st.builds(Delete, st.integers(0, 50))), max_size=3
)


class Walk:
    def __init__(self, store: Store, author: User, posts: list[Post]) -> None:
        self.store = store
        self.author = author
        self.live = {p.id: p for p in posts}
        self.deleted: set[uuid.UUID] = set()

    async def change(self, changes: list[Insert | Delete]) -> None:
        for change in changes:
            if isinstance(change, Insert):
                fresh = post(self.author, "inserted", created=at(change.minute))
                await self.store.add(fresh)
                self.live[fresh.id] = fresh
            elif self.live:
                doomed = list(self.live.values())[change.pick % len(self.live)]
                await self.store.delete(doomed)
                del self.live[doomed.id]
                self.deleted.add(doomed.id)


@settings(
    max_examples=30,
    deadline=None,
    # ``backend`` only names a database; each example starts from emptied tables.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    minutes=st.lists(MINUTES, max_size=12),
    page_size=st.integers(min_value=1, max_value=4),
    sort=st.sampled_from(PostSort),
    churn=st.lists(CHANGES, max_size=12),
)
async def test_walking_pages_under_churn_skips_and_repeats_nothing(
    backend: SqlDatabase | None,
    minutes: list[int],
    page_size: int,
    sort: PostSort,
    churn: list[list[Insert | Delete]],
) -> None:
    async with open_store(backend) as store:
        author = a_user("author")
        initial = [post(author, f"initial {i}", created=at(m)) for i, m in enumerate(minutes)]
        await store.add(author, *initial)
        walk = Walk(store, author, initial)
        listing = ListingService(store.queries, CursorCodec(b"k" * 32))

        seen: list[tuple[object, uuid.UUID]] = []
        cursor: str | None = None
        for page_number in range(len(initial) + 12 * 3 + 2):
            page = await listing.list_posts(
                None, PostQuery(limit=page_size, sort=sort), cursor=cursor
            )
            seen.extend((p.created_at, p.id) for p in page.items)
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
            await walk.change(churn[page_number] if page_number < len(churn) else [])
        else:
            raise AssertionError("the walk never ended")

    ids = [post_id for _, post_id in seen]
    assert len(ids) == len(set(ids)), "a post came twice"
    survivors = {p.id for p in initial} - walk.deleted
    assert survivors <= set(ids), "a post that was there all along was skipped"
    assert seen == sorted(seen, reverse=sort is PostSort.NEWEST), "pages left the list's order"
