"""The notifier adapters against a real HTTP receiver on 127.0.0.1."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime

import httpx
import pytest
from structlog.testing import capture_logs

from adapters.notifications import LogNotifier, WebhookNotifier, verify_signature
from application.ports.events import NewPostNotification, NotificationFailed
from tests.integration.webhook_receiver import Receiver, closed_port, running_receiver

SECRET = b"webhook-secret-for-tests"
TIMEOUT = 0.5


def a_notification() -> NewPostNotification:
    return NewPostNotification(
        notification_id=uuid.uuid4(),
        follower_id=uuid.uuid4(),
        follower_username="bob",
        author_id=uuid.uuid4(),
        author_username="ada",
        post_id=uuid.uuid4(),
        slug="hello-world",
        title="Hello, wörld",
        published_at=datetime(2026, 11, 30, 12, 0, tzinfo=UTC),
    )


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver() as running:
        yield running


@pytest.fixture
async def notifier(receiver: Receiver) -> AsyncIterator[WebhookNotifier]:
    webhook = WebhookNotifier(receiver.url, SECRET, timeout_seconds=TIMEOUT)
    yield webhook
    await webhook.aclose()


async def test_the_receiver_gets_the_signed_json_document(
    receiver: Receiver, notifier: WebhookNotifier
) -> None:
    sent = a_notification()
    before = int(time.time())

    await notifier.notify(sent)

    [request] = receiver.requests
    assert (request.method, request.path) == ("POST", "/hooks/inkport")
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["Inkport-Notification-Id"] == str(sent.notification_id)
    assert before <= int(request.headers["Inkport-Timestamp"]) <= int(time.time())
    assert json.loads(request.body) == {
        "type": "post.published",
        "notification_id": str(sent.notification_id),
        "follower": {"id": str(sent.follower_id), "username": "bob"},
        "author": {"id": str(sent.author_id), "username": "ada"},
        "post": {"id": str(sent.post_id), "slug": "hello-world", "title": "Hello, wörld"},
        "published_at": "2026-11-30T12:00:00+00:00",
    }
    assert SECRET not in request.body and SECRET.decode() not in str(request.headers)


async def test_the_signature_holds_only_for_the_secret_the_timestamp_and_the_body(
    receiver: Receiver, notifier: WebhookNotifier
) -> None:
    await notifier.notify(a_notification())
    [request] = receiver.requests
    timestamp, header = request.headers["Inkport-Timestamp"], request.headers["Inkport-Signature"]

    assert header.startswith("sha256=")
    assert verify_signature(SECRET, timestamp, request.body, header)
    assert verify_signature(SECRET, timestamp, request.body, header, max_age_seconds=60)
    assert not verify_signature(b"another secret", timestamp, request.body, header)
    assert not verify_signature(SECRET, timestamp, request.body.replace(b"bob", b"eve"), header)
    assert not verify_signature(SECRET, int(timestamp) + 1, request.body, header)
    assert not verify_signature(SECRET, timestamp, request.body, header.replace("sha256=", ""))
    assert not verify_signature(SECRET, "not-a-time", request.body, header)
    assert not verify_signature(SECRET, timestamp, request.body, "sha256=é")


async def test_an_old_timestamp_fails_when_the_receiver_limits_the_age(
    receiver: Receiver, notifier: WebhookNotifier
) -> None:
    await notifier.notify(a_notification())
    [request] = receiver.requests
    timestamp, header = request.headers["Inkport-Timestamp"], request.headers["Inkport-Signature"]
    an_hour_later = int(timestamp) + 3600

    assert verify_signature(SECRET, timestamp, request.body, header, now=an_hour_later)
    assert not verify_signature(
        SECRET, timestamp, request.body, header, max_age_seconds=300, now=an_hour_later
    )


@pytest.mark.parametrize("status", [200, 201, 202, 204])
async def test_any_2xx_answer_is_a_delivery(
    receiver: Receiver, notifier: WebhookNotifier, status: int
) -> None:
    receiver.status = status
    await notifier.notify(a_notification())
    assert len(receiver.requests) == 1


@pytest.mark.parametrize(
    ("status", "reason"), [(500, "500 Internal Server Error"), (404, "404 Not Found"), (302, "302")]
)
async def test_any_other_answer_fails_and_names_the_status(
    receiver: Receiver, notifier: WebhookNotifier, status: int, reason: str
) -> None:
    receiver.status = status
    with pytest.raises(NotificationFailed, match=reason) as failure:
        await notifier.notify(a_notification())
    assert len(receiver.requests) == 1  # a redirect is not followed
    assert SECRET.decode() not in str(failure.value)


async def test_a_receiver_slower_than_the_timeout_fails_within_about_the_timeout(
    receiver: Receiver, notifier: WebhookNotifier
) -> None:
    receiver.delay_seconds = 5.0
    started = time.monotonic()
    with pytest.raises(NotificationFailed, match=r"no answer within 0\.5s"):
        await notifier.notify(a_notification())
    assert TIMEOUT * 0.9 <= time.monotonic() - started < TIMEOUT + 0.5


async def test_an_answer_trickling_in_is_cut_off_at_the_timeout_as_a_whole(
    receiver: Receiver, notifier: WebhookNotifier
) -> None:
    receiver.trickle_seconds = 0.1  # each read well within the timeout, all 50 far beyond it
    started = time.monotonic()
    with pytest.raises(NotificationFailed, match="no answer within"):
        await notifier.notify(a_notification())
    assert time.monotonic() - started < TIMEOUT + 0.5


async def test_a_closed_port_fails_with_the_error_type() -> None:
    webhook = WebhookNotifier(
        f"http://127.0.0.1:{closed_port()}/hook", SECRET, timeout_seconds=TIMEOUT
    )
    try:
        with pytest.raises(NotificationFailed, match="request failed: ConnectError"):
            await webhook.notify(a_notification())
    finally:
        await webhook.aclose()


async def test_failures_name_the_receiver_without_credentials_or_query(receiver: Receiver) -> None:
    receiver.status = 503
    url = receiver.url.replace("http://", "http://user:hunter2@") + "?token=abc123"
    webhook = WebhookNotifier(url, SECRET, timeout_seconds=TIMEOUT)
    try:
        with pytest.raises(NotificationFailed) as failure:
            await webhook.notify(a_notification())
    finally:
        await webhook.aclose()
    message = str(failure.value)
    assert "503" in message and "127.0.0.1" in message and "/hooks/inkport" in message
    assert "hunter2" not in message and "abc123" not in message


async def test_aclose_leaves_a_client_it_was_given_open(receiver: Receiver) -> None:
    async with httpx.AsyncClient() as client:
        webhook = WebhookNotifier(receiver.url, SECRET, timeout_seconds=TIMEOUT, client=client)
        await webhook.aclose()
        assert not client.is_closed
        await webhook.notify(a_notification())
    assert len(receiver.requests) == 1


@pytest.mark.parametrize(
    ("url", "secret"),
    [("ftp://127.0.0.1/hook", SECRET), ("/relative/hook", SECRET), ("http://127.0.0.1/", b"")],
)
def test_an_unusable_url_or_an_empty_secret_is_refused_at_once(url: str, secret: bytes) -> None:
    with pytest.raises(ValueError, match="webhook"):
        WebhookNotifier(url, secret, timeout_seconds=TIMEOUT)


async def test_the_log_notifier_writes_one_event_without_secrets_or_emails() -> None:
    sent = a_notification()
    with capture_logs() as logs:
        await LogNotifier().notify(sent)

    assert logs == [
        {
            "event": "follower_notified",
            "log_level": "info",
            "notification_id": str(sent.notification_id),
            "follower_id": str(sent.follower_id),
            "follower_username": "bob",
            "author_id": str(sent.author_id),
            "author_username": "ada",
            "post_id": str(sent.post_id),
            "slug": "hello-world",
        }
    ]
