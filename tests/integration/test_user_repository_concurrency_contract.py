"""UserRepository contract under concurrency: two Units of Work in flight at once, as
two requests would be. However an adapter orders them, neither silently undoes the other."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable

from application.ports import UnitOfWorkFactory
from domain.errors import EditConflict, UsernameTaken
from domain.users import Role
from tests.integration.builders import (
    LATER,
    a_user,
    add_and_commit,
    load,
    store,
    update_and_commit,
)

# Long enough for a blocked statement to show that it blocks, short enough to stay fast.
SETTLE_SECONDS = 0.2


async def _outcome(work: Awaitable[None]) -> str:
    try:
        await work
    except (EditConflict, UsernameTaken) as error:
        return error.code
    return "ok"


async def test_of_two_overlapping_updates_of_one_user_exactly_one_wins(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = a_user()
    await store(uow_factory, user)

    async with uow_factory() as first, uow_factory() as second:
        mine, theirs = await first.users.get(user.id), await second.users.get(user.id)
        assert mine is not None
        assert theirs is not None
        mine.bio, theirs.bio = "first", "second"
        await first.users.update(mine)
        racer = asyncio.create_task(_outcome(update_and_commit(second, theirs)))
        await asyncio.sleep(SETTLE_SECONDS)
        outcomes = {"first": await _outcome(first.commit()), "second": await racer}

    assert sorted(outcomes.values()) == ["edit_conflict", "ok"]
    winner = next(bio for bio, outcome in outcomes.items() if outcome == "ok")
    stored = await load(uow_factory, user.id)
    assert stored is not None
    assert (stored.bio, stored.version) == (winner, 2)


async def test_of_two_overlapping_sign_ups_with_one_username_exactly_one_wins(
    uow_factory: UnitOfWorkFactory,
) -> None:
    mine, theirs = a_user("alice"), a_user("ALICE", email="another@example.com")

    async with uow_factory() as first, uow_factory() as second:
        await first.users.add(mine)
        racer = asyncio.create_task(_outcome(add_and_commit(second, theirs)))
        await asyncio.sleep(SETTLE_SECONDS)
        outcomes = [await _outcome(first.commit()), await racer]

    assert sorted(outcomes) == ["ok", "username_taken"]
    async with uow_factory() as uow:
        assert len(await uow.users.list_after(None, 10)) == 1


async def test_counting_admins_makes_a_concurrent_count_wait_and_see_the_outcome(
    uow_factory: UnitOfWorkFactory,
) -> None:
    # Two admins demoting each other at once must not both see "one admin is left".
    admin1, admin2 = a_user("admin1", role=Role.ADMIN), a_user("admin2", role=Role.ADMIN)
    await store(uow_factory, admin1, admin2)

    async with uow_factory() as first, uow_factory() as second:
        assert await first.users.count_active_admins() == 2
        demoted = await first.users.get(admin1.id)
        assert demoted is not None
        demoted.assign_role(Role.EDITOR, now=LATER)
        await first.users.update(demoted)

        count = asyncio.create_task(second.users.count_active_admins())
        await asyncio.sleep(SETTLE_SECONDS)
        assert not count.done()
        await first.commit()

        assert await count == 1


async def test_one_units_update_does_not_wait_for_anothers_read(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = a_user()
    await store(uow_factory, user)

    async with uow_factory() as reader, uow_factory() as writer:
        assert await reader.users.get(user.id) is not None
        loaded = await writer.users.get(user.id)
        assert loaded is not None
        loaded.bio = "changed"
        async with asyncio.timeout(2):
            await update_and_commit(writer, loaded)
        seen = await reader.users.get(user.id)
        assert seen is not None
        assert seen.bio == "changed"


async def test_two_units_updating_two_users_in_opposite_orders_do_not_both_win(
    uow_factory: UnitOfWorkFactory,
) -> None:
    # On PostgreSQL this is a deadlock, which the server breaks by aborting one of them.
    left, right = a_user("left"), a_user("right")
    await store(uow_factory, left, right)

    async def update_both(first_id: uuid.UUID, then_id: uuid.UUID, bio: str) -> None:
        async with uow_factory() as uow:
            first, then = await uow.users.get(first_id), await uow.users.get(then_id)
            assert first is not None
            assert then is not None
            first.bio = then.bio = bio
            await uow.users.update(first)
            await asyncio.sleep(SETTLE_SECONDS)
            await update_and_commit(uow, then)

    outcomes = await asyncio.gather(
        _outcome(update_both(left.id, right.id, "one")),
        _outcome(update_both(right.id, left.id, "two")),
    )

    assert sorted(outcomes) == ["edit_conflict", "ok"]
    winner = "one" if outcomes[0] == "ok" else "two"
    for user in (left, right):
        stored = await load(uow_factory, user.id)
        assert stored is not None
        assert (stored.bio, stored.version) == (winner, 2)
