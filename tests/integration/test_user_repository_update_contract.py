"""UserRepository contract for updates: persisted, versioned, never lost silently."""

from __future__ import annotations

import pytest

from application.ports import UnitOfWorkFactory
from domain.errors import EditConflict, EmailTaken
from domain.users import Role
from domain.values import Email, ImageUrl
from tests.integration.builders import LATER, a_user, load, store, update_and_commit


async def test_an_update_is_persisted_and_bumps_the_version(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = a_user()
    await store(uow_factory, user)

    async with uow_factory() as uow:
        loaded = await uow.users.get(user.id)
        assert loaded is not None
        loaded.update_profile(
            now=LATER, full_name="A. L.", bio=None, image=ImageUrl("http://x.io/a")
        )
        loaded.change_email(Email("new@example.com"), now=LATER)
        loaded.assign_role(Role.ADMIN, now=LATER)
        loaded.deactivate(now=LATER)
        await uow.users.update(loaded)
        assert loaded.version == 2
        await uow.commit()

    stored = await load(uow_factory, user.id)
    assert stored is not None
    assert (stored.full_name, stored.bio, str(stored.image)) == ("A. L.", None, "http://x.io/a")
    assert (stored.email.value, stored.role, stored.is_active) == (
        "new@example.com",
        Role.ADMIN,
        False,
    )
    assert (stored.token_version, stored.updated_at, stored.version) == (4, LATER, 2)


async def test_an_uncommitted_update_leaves_the_stored_user_alone(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = a_user()
    await store(uow_factory, user)

    async with uow_factory() as uow:
        loaded = await uow.users.get(user.id)
        assert loaded is not None
        loaded.bio = "changed"
        await uow.users.update(loaded)

    stored = await load(uow_factory, user.id)
    assert stored is not None
    assert (stored.bio, stored.version) == (user.bio, 1)


async def test_changing_email_to_one_someone_else_has_is_refused(
    uow_factory: UnitOfWorkFactory,
) -> None:
    alice, bob = a_user("alice"), a_user("bob")
    await store(uow_factory, alice, bob)

    async with uow_factory() as uow:
        loaded = await uow.users.get(bob.id)
        assert loaded is not None
        loaded.change_email(alice.email, now=LATER)
        with pytest.raises(EmailTaken):
            await update_and_commit(uow, loaded)


async def test_updating_a_user_someone_changed_since_loading_is_an_edit_conflict(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = a_user()
    await store(uow_factory, user)

    async with uow_factory() as first, uow_factory() as second:
        mine, theirs = await first.users.get(user.id), await second.users.get(user.id)
        assert mine is not None
        assert theirs is not None
        mine.bio = "first"
        await first.users.update(mine)
        await first.commit()

        theirs.bio = "second"
        with pytest.raises(EditConflict):
            await update_and_commit(second, theirs)

    stored = await load(uow_factory, user.id)
    assert stored is not None
    assert (stored.bio, stored.version) == ("first", 2)
