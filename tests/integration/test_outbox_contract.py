"""EventOutbox contract, recording side: events are recorded in order with the change
that caused them, and only when it commits; every adapter hands them to the dispatcher in
one form. The delivery side: test_outbox_delivery_contract.py."""

from __future__ import annotations

import uuid

from application.ports import UnitOfWorkFactory
from application.ports.events import OutboxEntry
from domain.events import CommentAdded, PostPublished, UserFollowed
from tests.integration.builders import LATER, NOW
from tests.integration.content_builders import an_author_with_a_post


async def _undelivered(uow_factory: UnitOfWorkFactory, limit: int = 100) -> list[OutboxEntry]:
    """Pending events, oldest first, whatever their stream (each has a stream of its own
    in these tests, or only the head of each stream comes out)."""
    async with uow_factory() as uow:
        return await uow.outbox.claim(limit, LATER)


async def test_committed_events_come_out_in_order_with_every_field_as_json(
    uow_factory: UnitOfWorkFactory,
) -> None:
    post_id, author_id, comment_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    commented_post_id = uuid.uuid4()  # another stream: a claim gives each stream's head
    published = PostPublished(
        occurred_at=NOW, post_id=post_id, author_id=author_id, slug="hi", title="Hi"
    )
    commented = CommentAdded(
        occurred_at=LATER,
        post_id=commented_post_id,
        author_id=author_id,
        comment_id=comment_id,
        commenter_id=author_id,
    )
    followed = UserFollowed(occurred_at=LATER, follower_id=author_id, followee_id=comment_id)
    async with uow_factory() as uow:
        await uow.outbox.add([published, commented])
        await uow.outbox.add([followed])
        await uow.commit()

    records = await _undelivered(uow_factory)

    assert [(r.name, r.stream_id) for r in records] == [
        ("PostPublished", post_id),
        ("CommentAdded", commented_post_id),
        ("UserFollowed", comment_id),
    ]
    assert [r.position for r in records] == sorted({r.position for r in records})
    assert [r.event_id for r in records] == [e.event_id for e in (published, commented, followed)]
    assert records[0].occurred_at == NOW
    assert records[0].payload == {
        "occurred_at": NOW.isoformat(),
        "event_id": str(published.event_id),
        "post_id": str(post_id),
        "author_id": str(author_id),
        "slug": "hi",
        "title": "Hi",
    }


async def test_events_of_a_unit_of_work_that_does_not_commit_are_not_recorded(
    uow_factory: UnitOfWorkFactory,
) -> None:
    event = UserFollowed(occurred_at=NOW, follower_id=uuid.uuid4(), followee_id=uuid.uuid4())
    async with uow_factory() as uow:
        await uow.outbox.add([event])
        await uow.rollback()
        await uow.outbox.add([])

    async with uow_factory() as uow:
        await uow.outbox.add([event])

    assert await _undelivered(uow_factory) == []


async def test_events_commit_together_with_the_change_that_caused_them(
    uow_factory: UnitOfWorkFactory,
) -> None:
    _, post = await an_author_with_a_post(uow_factory)
    async with uow_factory() as uow:
        loaded = await uow.posts.get(post.id)
        assert loaded is not None
        loaded.unpublish(now=LATER)
        await uow.posts.update(loaded)
        await uow.outbox.add(loaded.pull_events())
        await uow.commit()

    assert [(r.name, r.stream_id) for r in await _undelivered(uow_factory)] == [
        ("PostUnpublished", post.id)
    ]


async def test_delivered_events_leave_the_undelivered_list_once_committed(
    uow_factory: UnitOfWorkFactory,
) -> None:
    events = [
        UserFollowed(occurred_at=NOW, follower_id=uuid.uuid4(), followee_id=uuid.uuid4())
        for _ in range(3)
    ]
    async with uow_factory() as uow:
        await uow.outbox.add(events)
        await uow.commit()
    first_two = await _undelivered(uow_factory, limit=2)
    assert [r.event_id for r in first_two] == [e.event_id for e in events[:2]]

    async with uow_factory() as uow:
        await uow.outbox.mark_delivered([r.position for r in first_two], LATER)
    assert len(await _undelivered(uow_factory)) == 3

    async with uow_factory() as uow:
        await uow.outbox.mark_delivered([r.position for r in first_two], LATER)
        await uow.commit()
    assert [r.event_id for r in await _undelivered(uow_factory)] == [events[2].event_id]


async def test_lag_counts_the_undelivered_events_and_dates_the_oldest(
    uow_factory: UnitOfWorkFactory,
) -> None:
    async with uow_factory() as uow:
        assert await uow.outbox.lag() == (0, None)
        follows = [
            UserFollowed(occurred_at=t, follower_id=uuid.uuid4(), followee_id=uuid.uuid4())
            for t in (LATER, NOW)
        ]
        await uow.outbox.add(follows)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.outbox.lag() == (2, NOW)
        oldest = (await uow.outbox.claim(1, LATER))[0]
        await uow.outbox.mark_delivered([oldest.position], LATER)
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.outbox.lag() == (1, NOW)
