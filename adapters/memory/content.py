"""The content tables of the in-memory database as one transaction sees them, and the
journal that makes its changes durable at commit."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable, Hashable
from datetime import datetime

from adapters.memory.database import InMemoryDatabase, OutboxRecord
from adapters.memory.overlay import Overlay
from adapters.memory.row_locks import row_locks
from domain.comments import Comment
from domain.events import DomainEvent
from domain.posts import Post

Pair = tuple[uuid.UUID, uuid.UUID]


class ContentState:
    """Committed posts, comments, favourites, follows and outbox under one
    transaction's changes. Posts are copied before they change (copy on write)."""

    def __init__(self, db: InMemoryDatabase) -> None:
        self._db = db
        self.posts: Overlay[uuid.UUID, Post] = Overlay(db.posts)
        self.comments: Overlay[uuid.UUID, Comment] = Overlay(db.comments)
        self.favorites: Overlay[Pair, datetime] = Overlay(db.favorites)
        self.follows: Overlay[Pair, datetime] = Overlay(db.follows)
        self.events: list[DomainEvent] = []
        self.outbox_changes: dict[int, OutboxRecord] = {}  # position -> changed record

    def editable_post(self, post_id: uuid.UUID) -> Post | None:
        """The post, safe to change: the committed one stays as it is until publish."""
        if not self.posts.touched(post_id) and (post := self.posts.get(post_id)) is not None:
            self.posts.put(post_id, copy.deepcopy(post))
        return self.posts.get(post_id)

    def outbox_records(self) -> list[OutboxRecord]:
        """Committed outbox records, as this transaction changed them, by position."""
        return [self.outbox_changes.get(r.position, r) for r in self._db.outbox]

    def publish(self) -> None:
        for overlay in (self.posts, self.comments, self.favorites, self.follows):
            overlay.publish()
        outbox = self._db.outbox
        if self.outbox_changes:
            outbox[:] = self.outbox_records()
        last = outbox[-1].position if outbox else 0
        for position, event in enumerate(self.events, start=last + 1):
            outbox.append(OutboxRecord(position=position, event=event))


# A change checks its preconditions against the state it is given and raises before it
# touches anything, so that a refused change leaves no trace.
Change = Callable[[ContentState], None]


class ContentJournal:
    """Changes are applied at once to this transaction's view, and replayed at commit on
    whatever is committed by then: a change that no longer fits (a version another
    transaction moved on, a slug it took) refuses the whole commit, as in SQL."""

    def __init__(self, db: InMemoryDatabase, owner: int) -> None:
        self._db = db
        self._owner = owner
        self.view = ContentState(db)
        self._changes: list[Change] = []

    @property
    def database(self) -> InMemoryDatabase:
        return self._db

    async def lock(self, key: Hashable) -> None:
        """Hold ``key`` until this Unit of Work ends; see ``row_locks``."""
        await row_locks(self._db).acquire(key, self._owner)

    def try_lock(self, key: Hashable) -> bool:
        """Hold ``key`` unless another Unit of Work does; never waits (``SKIP LOCKED``)."""
        return row_locks(self._db).try_acquire(key, self._owner)

    async def release_locks(self) -> None:
        await row_locks(self._db).release_all(self._owner)

    def stage(self, change: Change) -> None:
        change(self.view)
        self._changes.append(change)

    def replayed(self) -> ContentState:
        """The committed state with this journal's changes; raises if one does not fit.
        Call under the commit lock, then ``publish`` the result."""
        state = ContentState(self._db)
        for change in self._changes:
            change(state)
        return state
