"""Notifications as signed HTTP POSTs to one receiver URL."""

from __future__ import annotations

import asyncio
import json
import time

import httpx

from adapters.notifications.signature import signature, verify_signature
from application.ports.events import NewPostNotification, Notification, NotificationFailed

__all__ = ["WebhookNotifier", "verify_signature", "webhook_body"]


class WebhookNotifier:
    """POSTs each notification as JSON, signed with ``secret`` (see ``signature.py``).

    Any 2xx answer means delivered. Another status, a transport error or no complete
    answer within ``timeout_seconds`` raises ``NotificationFailed``, whose message names
    the status or error type and the receiver without query or credentials, never the
    secret. Redirects are not followed. ``aclose()`` closes the client only if this
    notifier created it."""

    def __init__(
        self,
        url: str,
        secret: bytes,
        *,
        timeout_seconds: float,
        client: httpx.AsyncClient | None = None,
    ) -> None:
        target = httpx.URL(url)
        if target.scheme not in ("http", "https") or not target.host:
            raise ValueError("The webhook URL must be an absolute http(s) URL.")
        if not secret:
            raise ValueError("The webhook secret must not be empty.")
        if timeout_seconds <= 0:
            raise ValueError("The webhook timeout must be positive.")
        self._url = target
        self._secret = secret
        self._timeout = timeout_seconds
        self._receiver = _shown(target)
        self._owns_client = client is None
        self._client = client or httpx.AsyncClient(timeout=timeout_seconds)

    async def notify(self, notification: Notification) -> None:
        body = webhook_body(notification)
        timestamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json",
            "Inkport-Notification-Id": str(notification.notification_id),
            "Inkport-Timestamp": timestamp,
            "Inkport-Signature": signature(self._secret, timestamp, body),
        }
        try:
            # httpx times each phase; this bounds the whole exchange, slow trickles included.
            async with asyncio.timeout(self._timeout):
                response = await self._client.post(
                    self._url, content=body, headers=headers, timeout=self._timeout
                )
        except (TimeoutError, httpx.TimeoutException) as error:
            raise NotificationFailed(
                f"webhook {self._receiver} gave no answer within {self._timeout:g}s"
            ) from error
        except httpx.HTTPError as error:
            raise NotificationFailed(
                f"webhook {self._receiver} request failed: {type(error).__name__}"
            ) from error
        if not response.is_success:
            raise NotificationFailed(
                f"webhook {self._receiver} answered {response.status_code}"
                f" {response.reason_phrase}".rstrip()
            )

    async def aclose(self) -> None:
        if self._owns_client:
            await self._client.aclose()


def webhook_body(notification: Notification) -> bytes:
    """The JSON document a receiver gets, exactly as signed."""
    document = (
        _new_post(notification)
        if isinstance(notification, NewPostNotification)
        else {
            "type": "account.password_changed",
            "notification_id": str(notification.notification_id),
            "account": {
                "id": str(notification.user_id),
                "username": notification.username,
                "email": notification.email,
            },
            "changed_at": notification.changed_at.isoformat(),
        }
    )
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _new_post(notification: NewPostNotification) -> dict[str, object]:
    return {
        "type": "post.published",
        "notification_id": str(notification.notification_id),
        "follower": {
            "id": str(notification.follower_id),
            "username": notification.follower_username,
        },
        "author": {"id": str(notification.author_id), "username": notification.author_username},
        "post": {
            "id": str(notification.post_id),
            "slug": notification.slug,
            "title": notification.title,
        },
        "published_at": notification.published_at.isoformat(),
    }


def _shown(url: httpx.URL) -> str:
    """The receiver as error messages may name it: no credentials, no query."""
    host = f"[{url.host}]" if ":" in url.host else url.host
    port = f":{url.port}" if url.port else ""
    return f"{url.scheme}://{host}{port}{url.path}"
