from __future__ import annotations

import uuid
from datetime import datetime

from adapters.idempotency_rules import judge_existing
from adapters.memory.database import IdempotencyRecord, InMemoryDatabase
from application.ports.idempotency import IdempotencyClaim, StoredResponse
from domain.errors import ServiceUnavailable


class InMemoryIdempotencyStore:
    """Each method runs without awaiting anything, which makes it atomic on the event
    loop: the short transaction of the SQL store."""

    def __init__(self, db: InMemoryDatabase) -> None:
        self._db = db

    async def begin(self, claim: IdempotencyClaim, now: datetime) -> StoredResponse | None:
        records = self._records()
        key = _key(claim)
        record = records.get(key)
        if record is not None:
            replay = judge_existing(
                claim,
                fingerprint=record.fingerprint,
                claimed_at=record.created_at,
                response=_response(record),
                now=now,
            )
            if replay is not None:
                return replay
        records[key] = IdempotencyRecord(fingerprint=claim.fingerprint, created_at=now)
        return None

    async def complete(
        self, claim: IdempotencyClaim, response: StoredResponse, now: datetime
    ) -> None:
        """Stores the answer only while the claim is still the caller's."""
        record = self._records().get(_key(claim))
        if record is None or record.fingerprint != claim.fingerprint:
            return
        record.status_code = response.status_code
        record.body = response.body
        record.headers = dict(response.headers)

    async def release(self, claim: IdempotencyClaim) -> None:
        records = self._records()
        record = records.get(_key(claim))
        # An answered request stays answered.
        if record is not None and record.fingerprint == claim.fingerprint and not _answered(record):
            del records[_key(claim)]

    def _records(self) -> dict[tuple[uuid.UUID, str, str], IdempotencyRecord]:
        if not self._db.available:
            raise ServiceUnavailable("The database is unavailable.")
        return self._db.idempotency


def _key(claim: IdempotencyClaim) -> tuple[uuid.UUID, str, str]:
    return (claim.user_id, claim.scope, claim.key)


def _answered(record: IdempotencyRecord) -> bool:
    return record.status_code is not None


def _response(record: IdempotencyRecord) -> StoredResponse | None:
    if record.status_code is None:
        return None
    return StoredResponse(record.status_code, record.body or "", dict(record.headers or {}))
