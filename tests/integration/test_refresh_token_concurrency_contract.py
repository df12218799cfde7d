"""RefreshTokenRepository contract under concurrency: a claim behaves like a row lock,
so two refreshes with one token can never both succeed."""

from __future__ import annotations

import asyncio

from application.ports import UnitOfWorkFactory
from tests.integration.builders import LATER, NOW, a_token, a_user, load_token, store, store_tokens

# Long enough for a blocked statement to show that it blocks, short enough to stay fast.
SETTLE_SECONDS = 0.2


async def test_of_two_concurrent_claims_of_one_token_exactly_one_succeeds(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = a_user()
    token = a_token(user)
    await store(uow_factory, user)
    await store_tokens(uow_factory, token)

    async with uow_factory() as first, uow_factory() as second:
        assert await first.refresh_tokens.claim(token.id, NOW) is True
        racer = asyncio.create_task(second.refresh_tokens.claim(token.id, LATER))
        await asyncio.sleep(SETTLE_SECONDS)
        await first.commit()
        assert await racer is False

    assert (await load_token(uow_factory, token)).used_at == NOW


async def test_a_claim_waiting_on_one_that_is_rolled_back_succeeds(
    uow_factory: UnitOfWorkFactory,
) -> None:
    user = a_user()
    token = a_token(user)
    await store(uow_factory, user)
    await store_tokens(uow_factory, token)

    async with uow_factory() as first, uow_factory() as second:
        assert await first.refresh_tokens.claim(token.id, NOW) is True
        racer = asyncio.create_task(second.refresh_tokens.claim(token.id, LATER))
        await asyncio.sleep(SETTLE_SECONDS)
        assert not racer.done()
        await first.rollback()
        assert await racer is True
        await second.commit()

    assert (await load_token(uow_factory, token)).used_at == LATER
