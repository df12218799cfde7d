"""Favourites and follows. Each pair is locked before it is judged, so of two Units of
Work adding the same pair at once the second waits and then finds it there, as on a
unique index in SQL: exactly one reports ``True``."""

from __future__ import annotations

import uuid

from adapters.memory.content import ContentJournal, ContentState
from application.ports import Clock
from application.ports.content import FollowerRef
from domain.errors import PostNotFound, ValidationFailed


class InMemoryFavoriteRepository:
    def __init__(self, journal: ContentJournal, clock: Clock) -> None:
        self._journal = journal
        self._clock = clock

    async def add(self, user_id: uuid.UUID, post_id: uuid.UUID) -> bool:
        pair, now = (user_id, post_id), self._clock.now()
        await self._journal.lock(("favorite", pair))
        if self._journal.view.posts.get(post_id) is None:
            raise PostNotFound()
        if pair in self._journal.view.favorites:
            return False

        def add(state: ContentState) -> None:
            post = state.editable_post(post_id)
            if post is None:
                raise PostNotFound()
            if pair not in state.favorites:
                state.favorites.put(pair, now)
                post.favorites_count += 1

        self._journal.stage(add)
        return True

    async def remove(self, user_id: uuid.UUID, post_id: uuid.UUID) -> bool:
        pair = (user_id, post_id)
        await self._journal.lock(("favorite", pair))
        if pair not in self._journal.view.favorites:
            return False

        def remove(state: ContentState) -> None:
            if pair in state.favorites:
                state.favorites.remove(pair)
                post = state.editable_post(post_id)
                if post is not None:
                    post.favorites_count -= 1

        self._journal.stage(remove)
        return True


class InMemoryFollowRepository:
    def __init__(self, journal: ContentJournal, clock: Clock) -> None:
        self._journal = journal
        self._clock = clock

    async def add(self, follower_id: uuid.UUID, followee_id: uuid.UUID) -> bool:
        if follower_id == followee_id:
            # The database's check constraint, raised before anything is written.
            raise ValidationFailed("username", "You cannot follow yourself.")
        pair, now = (follower_id, followee_id), self._clock.now()
        await self._journal.lock(("follow", pair))
        if pair in self._journal.view.follows:
            return False

        def add(state: ContentState) -> None:
            if pair not in state.follows:
                state.follows.put(pair, now)

        self._journal.stage(add)
        return True

    async def remove(self, follower_id: uuid.UUID, followee_id: uuid.UUID) -> bool:
        pair = (follower_id, followee_id)
        await self._journal.lock(("follow", pair))
        if pair not in self._journal.view.follows:
            return False
        self._journal.stage(lambda state: state.follows.remove(pair))
        return True

    async def followers(self, followee_id: uuid.UUID) -> list[FollowerRef]:
        # Oldest follow first; equal times ordered by id, as the SQL adapter does.
        follows = sorted(
            (followed_at, follower_id)
            for (follower_id, followee), followed_at in self._journal.view.follows.items()
            if followee == followee_id
        )
        users = self._journal.database.users
        return [
            FollowerRef(user_id=follower_id, username=users[follower_id].username.value)
            for _, follower_id in follows
            if follower_id in users
        ]
