from __future__ import annotations

import uuid

from application.ports import UnitOfWorkFactory
from application.ports.events import Notifier, OutboxEntry, PasswordChangedNotification
from application.services.follower_notifications import notification_id
from domain.events import PasswordChanged


class PasswordChangeNotificationHandler:
    """Outbox handler: the owner of an account whose password changed gets one
    notification, at the address the account has when it is delivered. A failed
    notification propagates (the dispatcher retries it); an account that no longer
    exists is nobody to tell."""

    def __init__(self, uow: UnitOfWorkFactory, notifier: Notifier) -> None:
        self._uow = uow
        self._notifier = notifier

    @property
    def name(self) -> str:
        return "password-change-notifications"

    def wants(self, entry: OutboxEntry) -> bool:
        return entry.name == PasswordChanged.__name__

    async def handle(self, entry: OutboxEntry) -> None:
        user_id = uuid.UUID(str(entry.payload["user_id"]))
        async with self._uow() as uow:
            user = await uow.users.get(user_id)
        if user is None:
            return
        await self._notifier.notify(
            PasswordChangedNotification(
                notification_id=notification_id(entry.event_id, user.id),
                user_id=user.id,
                username=user.username.value,
                email=user.email.value,
                changed_at=entry.occurred_at,
            )
        )
