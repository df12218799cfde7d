"""Sessions as storage keeps them (refresh-token families), on every adapter: the
per-request read of a user within a session, and ending all sessions but one."""

from __future__ import annotations

import uuid

from application.ports import UnitOfWorkFactory
from domain.users import User
from tests.integration.builders import LATER, NOW, a_token, a_user, load_token, store, store_tokens


async def in_session(
    uow_factory: UnitOfWorkFactory, user_id: uuid.UUID, session: uuid.UUID
) -> User | None:
    async with uow_factory() as uow:
        return await uow.users.get_in_session(user_id, session)


async def test_a_user_is_read_within_a_live_session_with_every_field(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = a_user()
    rotated, current = a_token(user), a_token(user)
    current.family_id = rotated.family_id
    rotated.used_at = NOW
    await store(uow_factory, user)
    await store_tokens(uow_factory, rotated, current)

    found = await in_session(uow_factory, user.id, current.family_id)

    assert found is not None
    assert (found.id, found.username, found.email, found.token_version, found.is_active) == (
        user.id,
        user.username,
        user.email,
        user.token_version,
        user.is_active,
    )


async def test_a_session_with_a_revoked_token_has_ended(uow_factory: UnitOfWorkFactory) -> None:
    user = a_user()
    revoked, unrevoked = a_token(user), a_token(user)
    unrevoked.family_id = revoked.family_id
    revoked.revoked_at = NOW
    await store(uow_factory, user)
    await store_tokens(uow_factory, revoked, unrevoked)

    assert await in_session(uow_factory, user.id, revoked.family_id) is None


async def test_an_unknown_session_or_another_users_session_finds_nobody(
    uow_factory: UnitOfWorkFactory,
) -> None:
    ada, bob = a_user("ada"), a_user("bob")
    bobs = a_token(bob)
    await store(uow_factory, ada, bob)
    await store_tokens(uow_factory, bobs)

    assert await in_session(uow_factory, ada.id, uuid.uuid4()) is None
    assert await in_session(uow_factory, ada.id, bobs.family_id) is None
    assert await in_session(uow_factory, uuid.uuid4(), bobs.family_id) is None


async def test_revoking_a_family_ends_the_session_within_the_same_unit_of_work(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = a_user()
    token = a_token(user)
    await store(uow_factory, user)
    await store_tokens(uow_factory, token)

    async with uow_factory() as uow:
        await uow.refresh_tokens.revoke_family(token.family_id, LATER)
        assert await uow.users.get_in_session(user.id, token.family_id) is None
        await uow.commit()

    assert await in_session(uow_factory, user.id, token.family_id) is None


async def test_ending_all_sessions_but_one_keeps_that_one(uow_factory: UnitOfWorkFactory) -> None:
    ada, bob = a_user("ada"), a_user("bob")
    kept, ended, bobs = a_token(ada), a_token(ada), a_token(bob)
    await store(uow_factory, ada, bob)
    await store_tokens(uow_factory, kept, ended, bobs)

    async with uow_factory() as uow:
        await uow.refresh_tokens.revoke_all_for_user(ada.id, LATER, keep_family=kept.family_id)
        await uow.commit()

    assert (await load_token(uow_factory, kept)).revoked_at is None
    assert (await load_token(uow_factory, ended)).revoked_at == LATER
    assert (await load_token(uow_factory, bobs)).revoked_at is None
    assert await in_session(uow_factory, ada.id, kept.family_id) is not None
    assert await in_session(uow_factory, ada.id, ended.family_id) is None
    assert await in_session(uow_factory, bob.id, bobs.family_id) is not None
