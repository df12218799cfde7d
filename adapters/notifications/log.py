"""Notifications written to the log: the default when no webhook receiver is configured."""

from __future__ import annotations

import structlog

from application.ports.events import NewPostNotification

_log = structlog.get_logger("inkport.notifications")


class LogNotifier:
    """One ``follower_notified`` event per notification: ids, usernames and the slug,
    nothing more (no emails, no post body)."""

    async def notify(self, notification: NewPostNotification) -> None:
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
