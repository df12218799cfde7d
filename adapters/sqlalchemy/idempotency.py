from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.idempotency_rules import judge_existing
from adapters.sqlalchemy.content_tables import idempotency_keys
from adapters.sqlalchemy.dialect_insert import insert_unless_present
from adapters.sqlalchemy.transaction import Transaction
from application.ports.idempotency import IdempotencyClaim, StoredResponse
from domain.errors import IdempotentRequestInFlight

_k = idempotency_keys.c

# A claim can vanish between our failed insert and our read (its owner released it);
# then we try again, a few times at most.
_ATTEMPTS = 3


class SqlAlchemyIdempotencyStore:
    """Each call is a short transaction of its own on the engine, outside any Unit of
    Work, so a claim is visible to a concurrent duplicate at once."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def begin(self, claim: IdempotencyClaim, now: datetime) -> StoredResponse | None:
        async with self._transaction() as tx:
            await tx.begin_writing()  # SQLite: judge and claim under the write lock
            for _ in range(_ATTEMPTS):
                insert = insert_unless_present(tx.connection.dialect.name, idempotency_keys)
                values = _identity(claim) | {"fingerprint": claim.fingerprint, "created_at": now}
                if (await tx.write(insert.values(values))).rowcount == 1:
                    return None
                # PostgreSQL: the row lock makes a concurrent takeover wait and re-judge.
                found = await tx.read(
                    sa.select(idempotency_keys).where(_matches(claim)).with_for_update()
                )
                row = found.mappings().first()
                if row is None:
                    continue
                replay = judge_existing(
                    claim,
                    fingerprint=row["fingerprint"],
                    claimed_at=row["created_at"],
                    response=_response(row),
                    now=now,
                )
                if replay is None:  # abandoned: take it over
                    await tx.write(
                        sa.update(idempotency_keys).where(_matches(claim)).values(created_at=now)
                    )
                return replay
        raise IdempotentRequestInFlight()

    async def complete(
        self, claim: IdempotencyClaim, response: StoredResponse, now: datetime
    ) -> None:
        """Stores the answer only while the claim is still the caller's."""
        statement = (
            sa.update(idempotency_keys)
            .where(_matches(claim), _k.fingerprint == claim.fingerprint)
            .values(
                status_code=response.status_code,
                response_body=response.body,
                response_headers=json.dumps(response.headers),
                completed_at=now,
            )
        )
        async with self._transaction() as tx:
            await tx.write(statement)

    async def release(self, claim: IdempotencyClaim) -> None:
        statement = sa.delete(idempotency_keys).where(
            _matches(claim),
            _k.fingerprint == claim.fingerprint,
            _k.completed_at.is_(None),  # an answered request stays answered
        )
        async with self._transaction() as tx:
            await tx.write(statement)

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[Transaction]:
        """Committed when the block returns (even with a value), rolled back on error."""
        tx = Transaction(self._engine)
        await tx.open()
        try:
            yield tx
            await tx.commit()
        finally:
            await tx.close()


def _identity(claim: IdempotencyClaim) -> dict[str, object]:
    return {"user_id": claim.user_id, "scope": claim.scope, "key": claim.key}


def _matches(claim: IdempotencyClaim) -> sa.ColumnElement[bool]:
    return sa.and_(_k.user_id == claim.user_id, _k.scope == claim.scope, _k.key == claim.key)


def _response(row: sa.RowMapping) -> StoredResponse | None:
    if row["completed_at"] is None:
        return None
    headers = json.loads(row["response_headers"] or "{}")
    return StoredResponse(row["status_code"], row["response_body"] or "", headers)
