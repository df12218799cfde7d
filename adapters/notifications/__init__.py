"""Notifier adapters: followers hear about new posts, and owners about password changes,
through the log or a signed webhook."""

from adapters.notifications.log import LogNotifier
from adapters.notifications.webhook import WebhookNotifier, verify_signature

__all__ = ["LogNotifier", "WebhookNotifier", "verify_signature"]
