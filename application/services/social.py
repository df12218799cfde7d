from __future__ import annotations

from application.content_models import AuthorView
from application.ports import Clock, UnitOfWorkFactory
from application.ports.queries import PostQueries
from application.read_models import Actor
from domain.errors import UserNotFound, ValidationFailed
from domain.events import UserFollowed


class SocialService:
    """Follows and public profiles.

    Rules: a user follows another active user at most once and never themselves
    (``ValidationFailed``); unfollowing someone not followed changes nothing."""

    def __init__(self, uow: UnitOfWorkFactory, queries: PostQueries, clock: Clock) -> None:
        self._uow = uow
        self._queries = queries
        self._clock = clock

    async def profile(self, viewer: Actor | None, username: str) -> AuthorView:
        found = await self._queries.author(username, viewer.user_id if viewer else None)
        if found is None:
            raise UserNotFound()
        return found

    async def follow(self, actor: Actor, username: str) -> AuthorView:
        async with self._uow() as uow:
            followee = await uow.users.get_by_username(username)
            if followee is None or not followee.is_active:
                raise UserNotFound()
            if followee.id == actor.user_id:
                raise ValidationFailed("username", "You cannot follow yourself.")
            if await uow.follows.add(actor.user_id, followee.id):
                event = UserFollowed(
                    occurred_at=self._clock.now(),
                    follower_id=actor.user_id,
                    followee_id=followee.id,
                )
                await uow.outbox.add([event])
            await uow.commit()
        return await self.profile(actor, username)

    async def unfollow(self, actor: Actor, username: str) -> AuthorView:
        async with self._uow() as uow:
            followee = await uow.users.get_by_username(username)
            if followee is None:
                raise UserNotFound()
            await uow.follows.remove(actor.user_id, followee.id)
            await uow.commit()
        return await self.profile(actor, username)
