from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
import structlog

from adapters.memory import InMemoryUnitOfWork
from adapters.notifications import LogNotifier
from adapters.notifications.webhook import webhook_body
from application.ports import UnitOfWork
from application.ports.events import Notification, NotificationFailed, PasswordChangedNotification
from application.services.account_notifications import PasswordChangeNotificationHandler
from domain.events import PasswordChanged, UserFollowed
from tests.unit.conftest import PASSWORD, App
from tests.unit.test_follower_notifications import entry_of


class Inbox:
    def __init__(self, *, failing: bool = False) -> None:
        self.sent: list[Notification] = []
        self.failing = failing

    async def notify(self, notification: Notification) -> None:
        if self.failing:
            raise NotificationFailed("receiver down")
        self.sent.append(notification)


def handler_for(app: App, inbox: Inbox) -> PasswordChangeNotificationHandler:
    def uow() -> UnitOfWork:
        return InMemoryUnitOfWork(app.db, clock=app.clock)

    return PasswordChangeNotificationHandler(uow, inbox)


async def recorded_change(app: App) -> PasswordChanged:
    me = await app.sign_up("ada")
    await app.users.update_settings(me, password="a brand new passphrase")
    [event] = [r.event for r in app.db.outbox if isinstance(r.event, PasswordChanged)]
    return event


async def test_the_owner_is_told_at_the_address_the_account_has(app: App) -> None:
    event = await recorded_change(app)
    inbox = Inbox()

    await handler_for(app, inbox).handle(entry_of(event))

    [sent] = inbox.sent
    assert isinstance(sent, PasswordChangedNotification)
    assert (sent.user_id, sent.username, sent.email) == (event.user_id, "ada", "ada@example.com")
    assert sent.changed_at == event.occurred_at


async def test_a_retried_event_repeats_the_notification_id(app: App) -> None:
    entry = entry_of(await recorded_change(app))
    first, second = Inbox(), Inbox()
    await handler_for(app, first).handle(entry)
    await handler_for(app, second).handle(entry)
    assert first.sent[0].notification_id == second.sent[0].notification_id


async def test_a_failed_delivery_is_raised_for_the_dispatcher_to_retry(app: App) -> None:
    entry = entry_of(await recorded_change(app))
    with pytest.raises(NotificationFailed):
        await handler_for(app, Inbox(failing=True)).handle(entry)


async def test_an_account_that_no_longer_exists_is_told_nothing(app: App) -> None:
    event = PasswordChanged(occurred_at=app.clock.now(), user_id=uuid.uuid4())
    inbox = Inbox()
    await handler_for(app, inbox).handle(entry_of(event))
    assert inbox.sent == []


async def test_only_password_changes_are_wanted(app: App) -> None:
    handler = handler_for(app, Inbox())
    now, user_id = app.clock.now(), uuid.uuid4()
    followed = UserFollowed(occurred_at=now, follower_id=uuid.uuid4(), followee_id=user_id)
    assert handler.name == "password-change-notifications"
    assert handler.wants(entry_of(PasswordChanged(occurred_at=now, user_id=user_id)))
    assert not handler.wants(entry_of(followed))


async def test_the_log_names_the_account_but_not_its_address(app: App) -> None:
    notification = PasswordChangedNotification(
        notification_id=uuid.uuid4(),
        user_id=uuid.uuid4(),
        username="ada",
        email="ada@example.com",
        changed_at=app.clock.now(),
    )
    with structlog.testing.capture_logs() as logs:
        await LogNotifier().notify(notification)
    [line] = logs
    assert line["event"] == "password_change_notified"
    assert line["username"] == "ada"
    assert "ada@example.com" not in repr(line)
    assert PASSWORD not in repr(line)


def test_the_webhook_body_says_what_happened_to_which_account() -> None:
    notification = PasswordChangedNotification(
        notification_id=uuid.UUID(int=1),
        user_id=uuid.UUID(int=2),
        username="ada",
        email="ada@example.com",
        changed_at=datetime(2026, 3, 1, tzinfo=UTC),
    )
    assert webhook_body(notification) == (
        b'{"type":"account.password_changed",'
        b'"notification_id":"00000000-0000-0000-0000-000000000001",'
        b'"account":{"id":"00000000-0000-0000-0000-000000000002","username":"ada",'
        b'"email":"ada@example.com"},"changed_at":"2026-03-01T00:00:00+00:00"}'
    )
