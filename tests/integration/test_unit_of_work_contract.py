"""UnitOfWork contract: one transaction per block, committed only on request."""

from __future__ import annotations

import pytest

from application.ports import UnitOfWorkFactory
from domain.errors import UsernameTaken
from domain.users import User
from tests.integration.builders import a_user, load, store


class Boom(Exception):
    pass


async def _add_then_fail(uow_factory: UnitOfWorkFactory, user: User) -> None:
    async with uow_factory() as uow:
        await uow.users.add(user)
        raise Boom()


async def test_work_committed_in_a_unit_of_work_is_seen_by_the_next_one(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = a_user()
    await store(uow_factory, user)

    assert await load(uow_factory, user.id) is not None


async def test_leaving_the_block_without_commit_discards_the_work(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = a_user()
    async with uow_factory() as uow:
        await uow.users.add(user)

    assert await load(uow_factory, user.id) is None


async def test_an_exception_leaving_the_block_discards_the_work(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = a_user()
    with pytest.raises(Boom):
        await _add_then_fail(uow_factory, user)

    assert await load(uow_factory, user.id) is None


async def test_rollback_discards_the_work_so_far_and_the_block_can_go_on(
    uow_factory: UnitOfWorkFactory,
) -> None:
    discarded, kept = a_user("discarded"), a_user("kept")
    async with uow_factory() as uow:
        await uow.users.add(discarded)
        await uow.rollback()
        await uow.users.add(kept)
        await uow.commit()

    assert await load(uow_factory, discarded.id) is None
    assert await load(uow_factory, kept.id) is not None


async def test_work_after_commit_needs_its_own_commit(uow_factory: UnitOfWorkFactory) -> None:
    committed, uncommitted = a_user("committed"), a_user("uncommitted")
    async with uow_factory() as uow:
        await uow.users.add(committed)
        await uow.commit()
        await uow.users.add(uncommitted)

    assert await load(uow_factory, committed.id) is not None
    assert await load(uow_factory, uncommitted.id) is None


async def test_a_unit_of_work_reads_its_own_uncommitted_writes_and_others_do_not(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = a_user()
    async with uow_factory() as writer, uow_factory() as reader:
        await writer.users.add(user)
        assert await writer.users.get(user.id) is not None
        assert await reader.users.get(user.id) is None
        await writer.commit()

    assert await load(uow_factory, user.id) is not None


async def test_a_refused_write_leaves_the_rest_of_the_unit_of_work_intact(
    uow_factory: UnitOfWorkFactory,
) -> None:
    first, second = a_user("alice"), a_user("bob")
    async with uow_factory() as uow:
        await uow.users.add(first)
        with pytest.raises(UsernameTaken):
            await uow.users.add(a_user("ALICE", email="other@example.com"))
        await uow.users.add(second)
        await uow.commit()

    assert await load(uow_factory, first.id) is not None
    assert await load(uow_factory, second.id) is not None
