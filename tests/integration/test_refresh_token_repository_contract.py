"""RefreshTokenRepository contract, run against every adapter."""

from __future__ import annotations

import dataclasses
from typing import Any

from application.ports import UnitOfWorkFactory
from domain.sessions import RefreshToken
from tests.integration.builders import (
    LATER,
    NOW,
    a_token,
    a_user,
    load_token,
    store,
    store_tokens,
)


def _fields(token: RefreshToken | None) -> dict[str, Any]:
    assert token is not None
    return {field.name: getattr(token, field.name) for field in dataclasses.fields(token)}


async def test_a_token_added_and_committed_is_found_by_its_hash(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = a_user()
    token = a_token(user)
    token.used_at, token.revoked_at = NOW, LATER
    await store(uow_factory, user)
    await store_tokens(uow_factory, token)

    found = await load_token(uow_factory, token)

    assert _fields(found) == _fields(token)
    assert found.issued_at.tzinfo is not None
    assert found.expires_at.tzinfo is not None
    async with uow_factory() as uow:
        assert await uow.refresh_tokens.get_by_hash("unknown") is None


async def test_a_token_can_be_claimed_once(uow_factory: UnitOfWorkFactory) -> None:
    user = a_user()
    token = a_token(user)
    await store(uow_factory, user)
    await store_tokens(uow_factory, token)

    async with uow_factory() as uow:
        assert await uow.refresh_tokens.claim(token.id, LATER) is True
        assert await uow.refresh_tokens.claim(token.id, LATER) is False
        await uow.commit()
    async with uow_factory() as uow:
        assert await uow.refresh_tokens.claim(token.id, LATER) is False

    assert (await load_token(uow_factory, token)).used_at == LATER


async def test_a_claim_that_is_not_committed_leaves_the_token_unused(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = a_user()
    token = a_token(user)
    await store(uow_factory, user)
    await store_tokens(uow_factory, token)

    async with uow_factory() as uow:
        assert await uow.refresh_tokens.claim(token.id, LATER) is True

    assert (await load_token(uow_factory, token)).used_at is None


async def test_a_revoked_or_unknown_token_cannot_be_claimed(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = a_user()
    token = a_token(user)
    await store(uow_factory, user)
    await store_tokens(uow_factory, token)

    async with uow_factory() as uow:
        await uow.refresh_tokens.revoke_family(token.family_id, NOW)
        assert await uow.refresh_tokens.claim(token.id, LATER) is False
        assert await uow.refresh_tokens.claim(a_token(user).id, LATER) is False


async def test_revoking_a_family_revokes_only_that_familys_tokens(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = a_user()
    first, second, other = a_token(user), a_token(user), a_token(user)
    second.family_id = first.family_id
    await store(uow_factory, user)
    await store_tokens(uow_factory, first, second, other)

    async with uow_factory() as uow:
        await uow.refresh_tokens.revoke_family(first.family_id, NOW)
        await uow.refresh_tokens.revoke_family(first.family_id, LATER)
        await uow.commit()

    assert [(await load_token(uow_factory, t)).revoked_at for t in (first, second, other)] == [
        NOW,
        NOW,
        None,
    ]


async def test_revoking_all_of_a_users_tokens_spares_other_users(
    uow_factory: UnitOfWorkFactory,
) -> None:
    alice, bob = a_user("alice"), a_user("bob")
    alices = [a_token(alice), a_token(alice)]
    bobs = a_token(bob)
    await store(uow_factory, alice, bob)
    await store_tokens(uow_factory, *alices, bobs)

    async with uow_factory() as uow:
        await uow.refresh_tokens.revoke_all_for_user(alice.id, NOW)
        await uow.commit()

    assert [(await load_token(uow_factory, t)).revoked_at for t in alices] == [NOW, NOW]
    assert (await load_token(uow_factory, bobs)).revoked_at is None
