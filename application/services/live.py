"""Live updates about one published post: the outbox handler that publishes them, and
the use case a socket follows them through."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from application.ports.events import EventPublisher, EventSubscriber, OutboxEntry
from application.ports.queries import PostQueries
from application.services.visibility import PostRef, read_post, visible_or_404

LIVE_EVENT_TYPES = {
    "PostUpdated": "post_updated",
    "PostUnpublished": "post_unpublished",
    "PostDeleted": "post_deleted",
    "CommentAdded": "comment_added",
    "CommentDeleted": "comment_deleted",
}
FINAL_EVENT_TYPES = frozenset({"post_unpublished", "post_deleted"})
"""After these, a post has nothing more to tell its public watchers."""

_PAYLOAD_FIELDS = ("comment_id", "commenter_id", "version")


def live_channel(post_id: uuid.UUID) -> str:
    return f"post:{post_id}"


def live_message(entry: OutboxEntry) -> dict[str, Any]:
    """The JSON a watcher receives: what happened, to which post, when, and the ids it
    needs to fetch the rest (never the content itself: readers fetch it with their own
    rights)."""
    message: dict[str, Any] = {
        "type": LIVE_EVENT_TYPES[entry.name],
        "event_id": str(entry.event_id),
        "post_id": str(entry.stream_id),
        "occurred_at": entry.occurred_at.isoformat(),
    }
    message.update({k: entry.payload[k] for k in _PAYLOAD_FIELDS if k in entry.payload})
    return message


class LiveUpdateHandler:
    """Outbox handler: every post event that watchers care about goes to its channel."""

    name = "live-updates"

    def __init__(self, publisher: EventPublisher) -> None:
        self._publisher = publisher

    def wants(self, entry: OutboxEntry) -> bool:
        return entry.name in LIVE_EVENT_TYPES

    async def handle(self, entry: OutboxEntry) -> None:
        await self._publisher.publish(live_channel(entry.stream_id), live_message(entry))


class LiveUpdates:
    """Watching a post: allowed for anyone while the post is published."""

    def __init__(self, queries: PostQueries, subscriber: EventSubscriber, max_pending: int) -> None:
        self._queries = queries
        self._subscriber = subscriber
        self._max_pending = max_pending

    @asynccontextmanager
    async def watch(self, ref: PostRef) -> AsyncIterator[AsyncIterator[Mapping[str, Any]]]:
        """Messages about the post (``live_message``, by id or slug) until the block ends.
        Raises ``PostNotFound`` unless the post is published. It is checked again once
        the subscription runs, so a change between the two is never missed."""
        post = visible_or_404(None, await read_post(self._queries, ref, None))
        channel = live_channel(post.id)
        async with self._subscriber.subscribe(channel, max_pending=self._max_pending) as messages:
            visible_or_404(None, await read_post(self._queries, post.id, None))
            yield messages
