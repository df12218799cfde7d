"""What a second request with a known ``Idempotency-Key`` gets, for every adapter of
``IdempotencyStore``: the stores differ only in how they keep the record."""

from __future__ import annotations

from datetime import datetime, timedelta

from application.ports.idempotency import IdempotencyClaim, StoredResponse
from domain.errors import IdempotencyKeyReused, IdempotentRequestInFlight

# A request still unanswered after this long is taken to have died with its process.
ABANDONED_AFTER = timedelta(minutes=1)


def judge_existing(
    claim: IdempotencyClaim,
    *,
    fingerprint: str,
    claimed_at: datetime,
    response: StoredResponse | None,
    now: datetime,
) -> StoredResponse | None:
    """The stored response to replay, or ``None`` when the caller may take the key over.

    Another fingerprint is refused even when the first request was abandoned: the key
    names one request, and its client may still be waiting for the first answer."""
    if fingerprint != claim.fingerprint:
        raise IdempotencyKeyReused()
    if response is not None:
        return response
    if now - claimed_at < ABANDONED_AFTER:
        raise IdempotentRequestInFlight()
    return None
