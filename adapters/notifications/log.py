"""Notifications written to the log: the default when no webhook receiver is configured."""

from __future__ import annotations

import structlog

from application.ports.events import NewPostNotification, Notification

_log = structlog.get_logger("inkport.notifications")


class LogNotifier:
    """One log event per notification: ids, usernames and the slug, nothing more (no
    e-mail addresses, no post body)."""

    async def notify(self, notification: Notification) -> None:
        if isinstance(notification, NewPostNotification):
            _log.info(
                "follower_notified",
                notification_id=str(notification.notification_id),
                follower_id=str(notification.follower_id),
                follower_username=notification.follower_username,
                author_id=str(notification.author_id),
                author_username=notification.author_username,
                post_id=str(notification.post_id),
                slug=notification.slug,
            )
        else:
            _log.info(
                "password_change_notified",
                notification_id=str(notification.notification_id),
                user_id=str(notification.user_id),
                username=notification.username,
            )
