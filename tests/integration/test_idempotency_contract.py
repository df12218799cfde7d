"""IdempotencyStore contract: one claim per key; a finished request replays its answer,
a running one holds others off for a minute, another request under its key is refused."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from adapters.memory import InMemoryDatabase
from adapters.memory.idempotency import InMemoryIdempotencyStore
from adapters.sqlalchemy import SqlAlchemyIdempotencyStore, SqlAlchemyUnitOfWork
from application.ports.idempotency import IdempotencyClaim, IdempotencyStore, StoredResponse
from domain.errors import IdempotencyKeyReused, IdempotentRequestInFlight
from tests.integration.builders import NOW, a_user
from tests.integration.databases import SqlDatabase, empty_tables

ANSWER = StoredResponse(201, '{"id": "42"}', {"Location": "/api/v1/posts/42"})


@pytest.fixture
def claim() -> IdempotencyClaim:
    return IdempotencyClaim(uuid.uuid4(), "POST /posts", "key-1", "a" * 64)


@pytest.fixture
async def store(
    backend: SqlDatabase | None, claim: IdempotencyClaim
) -> AsyncIterator[IdempotencyStore]:
    """A store over an empty database holding the claim's user."""
    if backend is None:
        yield InMemoryIdempotencyStore(InMemoryDatabase())
        return
    engine = backend.engine()
    try:
        await empty_tables(engine)
        user = a_user()
        user.id = claim.user_id
        async with SqlAlchemyUnitOfWork(engine) as uow:
            await uow.users.add(user)
            await uow.commit()
        yield SqlAlchemyIdempotencyStore(engine)
    finally:
        await engine.dispose()


def _other(claim: IdempotencyClaim, **changes: str) -> IdempotencyClaim:
    fields = {"scope": claim.scope, "key": claim.key, "fingerprint": claim.fingerprint}
    return IdempotencyClaim(claim.user_id, **(fields | changes))


async def test_a_new_key_is_claimed_and_its_completed_answer_replayed(
    store: IdempotencyStore, claim: IdempotencyClaim
) -> None:
    assert await store.begin(claim, NOW) is None
    await store.complete(claim, ANSWER, NOW + timedelta(seconds=1))

    assert await store.begin(claim, NOW + timedelta(hours=1)) == ANSWER


async def test_a_duplicate_while_the_first_runs_is_in_flight_until_a_minute_passes(
    store: IdempotencyStore, claim: IdempotencyClaim
) -> None:
    assert await store.begin(claim, NOW) is None

    with pytest.raises(IdempotentRequestInFlight):
        await store.begin(claim, NOW + timedelta(seconds=59))
    assert await store.begin(claim, NOW + timedelta(seconds=61)) is None  # taken over
    with pytest.raises(IdempotentRequestInFlight):
        await store.begin(claim, NOW + timedelta(seconds=62))


async def test_of_concurrent_duplicates_exactly_one_claims_the_key_or_takes_it_over(
    store: IdempotencyStore, claim: IdempotencyClaim
) -> None:
    async def begin(at: timedelta) -> str:
        try:
            return "claimed" if await store.begin(claim, NOW + at) is None else "replayed"
        except IdempotentRequestInFlight:
            return "in flight"

    fresh = await asyncio.gather(*(begin(timedelta(0)) for _ in range(3)))
    later = await asyncio.gather(*(begin(timedelta(minutes=2)) for _ in range(3)))

    assert sorted(fresh) == sorted(later) == ["claimed", "in flight", "in flight"]


async def test_the_key_with_another_fingerprint_is_refused_whatever_the_first_state(
    store: IdempotencyStore, claim: IdempotencyClaim
) -> None:
    other_body = _other(claim, fingerprint="b" * 64)
    assert await store.begin(claim, NOW) is None

    with pytest.raises(IdempotencyKeyReused):
        await store.begin(other_body, NOW)
    with pytest.raises(IdempotencyKeyReused):
        await store.begin(other_body, NOW + timedelta(minutes=5))
    await store.complete(claim, ANSWER, NOW)
    with pytest.raises(IdempotencyKeyReused):
        await store.begin(other_body, NOW)


async def test_keys_are_separate_per_scope_and_key(
    store: IdempotencyStore, claim: IdempotencyClaim
) -> None:
    assert await store.begin(claim, NOW) is None

    assert await store.begin(_other(claim, scope="POST /comments"), NOW) is None
    assert await store.begin(_other(claim, key="key-2"), NOW) is None


async def test_a_released_claim_lets_a_retry_run_again(
    store: IdempotencyStore, claim: IdempotencyClaim
) -> None:
    assert await store.begin(claim, NOW) is None
    await store.release(claim)

    assert await store.begin(claim, NOW) is None


async def test_releasing_never_forgets_an_answer_nor_another_requests_claim(
    store: IdempotencyStore, claim: IdempotencyClaim
) -> None:
    assert await store.begin(claim, NOW) is None
    await store.release(_other(claim, fingerprint="b" * 64))
    with pytest.raises(IdempotentRequestInFlight):
        await store.begin(claim, NOW)

    await store.complete(claim, ANSWER, NOW)
    await store.release(claim)
    assert await store.begin(claim, NOW) == ANSWER
