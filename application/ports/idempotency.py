from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class StoredResponse:
    status_code: int
    body: str
    headers: dict[str, str]


@dataclass(frozen=True, slots=True)
class IdempotencyClaim:
    """Identifies one idempotent request: the same user, scope and key are one request."""

    user_id: uuid.UUID
    scope: str
    key: str
    fingerprint: str


class IdempotencyStore(Protocol):
    """Remembers the answer to a request sent with an ``Idempotency-Key``.

    Each method is its own short transaction, independent of any Unit of Work."""

    async def begin(self, claim: IdempotencyClaim, now: datetime) -> StoredResponse | None:
        """``None``: the caller now owns the key and must ``complete`` or ``release`` it.
        A stored response: the request was already answered, replay it. Raises
        ``IdempotencyKeyReused`` when the key was used with another fingerprint and
        ``IdempotentRequestInFlight`` while the first request is still running (claims
        older than a minute count as abandoned and are taken over)."""

    async def complete(
        self, claim: IdempotencyClaim, response: StoredResponse, now: datetime
    ) -> None: ...

    async def release(self, claim: IdempotencyClaim) -> None:
        """Forget an unfinished claim (the request failed; a retry may run again)."""
