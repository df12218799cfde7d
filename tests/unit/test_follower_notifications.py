from __future__ import annotations

import asyncio
import json
import uuid
from datetime import timedelta

import pytest

from adapters.event_records import serialised, stream_of
from adapters.memory import InMemoryUnitOfWork
from application.ports import UnitOfWork
from application.ports.events import NewPostNotification, NotificationFailed, OutboxEntry
from application.read_models import Actor
from application.services.follower_notifications import (
    NOTIFY_CONCURRENCY,
    FollowerNotificationHandler,
)
from domain.events import DomainEvent, PostPublished, PostUpdated, UserFollowed
from tests.unit.conftest import App


class RecordingNotifier:
    """Keeps every notification; fails on the followers named in ``failing_for``."""

    def __init__(self) -> None:
        self.sent: list[NewPostNotification] = []
        self.failing_for: set[str] = set()

    async def notify(self, notification: NewPostNotification) -> None:
        if notification.follower_username in self.failing_for:
            raise NotificationFailed(f"receiver of {notification.follower_username} is down")
        self.sent.append(notification)


def handler_for(app: App, notifier: RecordingNotifier) -> FollowerNotificationHandler:
    def uow() -> UnitOfWork:
        return InMemoryUnitOfWork(app.db, clock=app.clock)

    return FollowerNotificationHandler(uow, notifier)


def entry_of(event: DomainEvent, position: int = 1) -> OutboxEntry:
    """The event as the dispatcher hands it over: JSON payload, strings for ids and times."""
    return OutboxEntry(
        position=position,
        event_id=event.event_id,
        name=event.name,
        stream_id=stream_of(event),
        payload=json.loads(serialised(event)),
        occurred_at=event.occurred_at,
    )


def recorded_publication(app: App) -> PostPublished:
    published = [r.event for r in app.db.outbox if isinstance(r.event, PostPublished)]
    assert len(published) == 1
    return published[0]


async def follow(app: App, follower: Actor, username: str) -> None:
    app.clock.advance(timedelta(seconds=1))
    await app.social.follow(follower, username)


async def test_every_follower_of_the_author_gets_exactly_one_notification(app: App) -> None:
    ada, bob, cat, dan = [await app.sign_up(n) for n in ("ada", "bob", "cat", "dan")]
    await follow(app, cat, "ada")
    await follow(app, bob, "ada")
    await follow(app, dan, "bob")
    post = await app.posts.create(ada, title="Hello followers", body="b", publish=True)
    event = recorded_publication(app)
    notifier = RecordingNotifier()

    await handler_for(app, notifier).handle(entry_of(event))

    assert [(n.follower_id, n.follower_username) for n in notifier.sent] == [
        (cat.user_id, "cat"),
        (bob.user_id, "bob"),
    ]
    for sent in notifier.sent:
        assert (sent.author_id, sent.author_username) == (ada.user_id, "ada")
        assert (sent.post_id, sent.slug, sent.title) == (post.id, post.slug, "Hello followers")
        assert sent.published_at == event.occurred_at
    assert len({n.notification_id for n in notifier.sent}) == 2


async def test_an_author_without_followers_notifies_nobody(app: App) -> None:
    ada = await app.sign_up("ada")
    await app.sign_up("bob")
    await app.posts.create(ada, title="Into the void", body="b", publish=True)
    notifier = RecordingNotifier()

    await handler_for(app, notifier).handle(entry_of(recorded_publication(app)))

    assert notifier.sent == []


async def test_an_author_who_no_longer_exists_notifies_nobody(app: App) -> None:
    event = PostPublished(
        occurred_at=app.clock.now(),
        post_id=uuid.uuid4(),
        author_id=uuid.uuid4(),
        slug="ghost",
        title="Ghost",
    )
    notifier = RecordingNotifier()

    await handler_for(app, notifier).handle(entry_of(event))

    assert notifier.sent == []


async def test_only_publications_are_wanted(app: App) -> None:
    handler = handler_for(app, RecordingNotifier())
    now, post_id, user_id = app.clock.now(), uuid.uuid4(), uuid.uuid4()
    published = PostPublished(
        occurred_at=now, post_id=post_id, author_id=user_id, slug="s", title="t"
    )
    updated = PostUpdated(occurred_at=now, post_id=post_id, author_id=user_id, version=2)
    followed = UserFollowed(occurred_at=now, follower_id=uuid.uuid4(), followee_id=user_id)

    assert handler.name == "follower-notifications"
    assert handler.wants(entry_of(published))
    assert not handler.wants(entry_of(updated))
    assert not handler.wants(entry_of(followed))


async def test_a_retried_event_repeats_the_same_notification_ids(app: App) -> None:
    ada, bob, cat = [await app.sign_up(n) for n in ("ada", "bob", "cat")]
    await follow(app, bob, "ada")
    await follow(app, cat, "ada")
    await app.posts.create(ada, title="Twice", body="b", publish=True)
    entry = entry_of(recorded_publication(app))
    first, second = RecordingNotifier(), RecordingNotifier()

    await handler_for(app, first).handle(entry)
    await handler_for(app, second).handle(entry)

    assert [n.notification_id for n in first.sent] == [n.notification_id for n in second.sent]
    assert first.sent == second.sent


async def test_another_publication_gets_other_notification_ids(app: App) -> None:
    ada, bob = await app.sign_up("ada"), await app.sign_up("bob")
    await follow(app, bob, "ada")
    await app.posts.create(ada, title="One", body="b", publish=True)
    await app.posts.create(ada, title="Two", body="b", publish=True)
    events = [r.event for r in app.db.outbox if isinstance(r.event, PostPublished)]
    notifier = RecordingNotifier()

    for position, event in enumerate(events, start=1):
        await handler_for(app, notifier).handle(entry_of(event, position))

    assert [n.title for n in notifier.sent] == ["One", "Two"]
    assert notifier.sent[0].notification_id != notifier.sent[1].notification_id


async def test_a_failed_notification_propagates_and_the_retry_repeats_its_id(app: App) -> None:
    ada, bob, cat = [await app.sign_up(n) for n in ("ada", "bob", "cat")]
    await follow(app, bob, "ada")
    await follow(app, cat, "ada")
    await app.posts.create(ada, title="Flaky", body="b", publish=True)
    entry = entry_of(recorded_publication(app))
    notifier = RecordingNotifier()
    notifier.failing_for = {"cat"}
    handler = handler_for(app, notifier)

    with pytest.raises(NotificationFailed, match="receiver of cat is down"):
        await handler.handle(entry)
    assert [n.follower_username for n in notifier.sent] == ["bob"]

    notifier.failing_for = set()
    await handler.handle(entry)
    assert [n.follower_username for n in notifier.sent] == ["bob", "bob", "cat"]
    assert notifier.sent[0].notification_id == notifier.sent[1].notification_id


class SlowNotifier(RecordingNotifier):
    """Takes a moment per notification and tracks how many are under way at once."""

    def __init__(self) -> None:
        super().__init__()
        self.in_flight = 0
        self.most_in_flight = 0
        self.attempted: list[str] = []

    async def notify(self, notification: NewPostNotification) -> None:
        self.attempted.append(notification.follower_username)
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await asyncio.sleep(0.01)
            await super().notify(notification)
        finally:
            self.in_flight -= 1


async def test_followers_are_notified_a_few_at_a_time_and_a_failure_waits_for_the_rest(
    app: App,
) -> None:
    ada = await app.sign_up("ada")
    names = [f"fan{n:02}" for n in range(20)]
    for name in names:
        await follow(app, await app.sign_up(name), "ada")
    await app.posts.create(ada, title="Crowd", body="b", publish=True)
    notifier = SlowNotifier()
    notifier.failing_for = {"fan03"}

    with pytest.raises(NotificationFailed):
        await handler_for(app, notifier).handle(entry_of(recorded_publication(app)))

    assert sorted(notifier.attempted) == names
    assert 1 < notifier.most_in_flight <= NOTIFY_CONCURRENCY
    assert len(notifier.sent) == len(names) - 1
