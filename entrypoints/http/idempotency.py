"""``Idempotency-Key`` support: a retried create answers with the first response."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Header
from fastapi.responses import JSONResponse, Response

from application.ports.idempotency import IdempotencyClaim, IdempotencyStore, StoredResponse
from application.read_models import Actor
from entrypoints.http.dependencies import Now

# Typed `str` (not `str | None`) so the schema does not call an absent header "null".
IdempotencyKey = Annotated[
    str,
    Header(
        min_length=1,
        max_length=255,
        pattern=r"^[\x21-\x7e]+$",
        description="Retrying with the same key and body returns the first answer and "
        "creates nothing new; the same key with another body is 422; while the first "
        "request is still running, 409.",
    ),
]

_REPLAYED_HEADERS = ("location", "etag", "content-type")


def fingerprint(path: str, body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{path}\n{canonical}".encode()).hexdigest()


async def run_once(
    store: IdempotencyStore,
    now: Now,
    *,
    actor: Actor,
    key: str | None,
    scope: str,
    request_fingerprint: str,
    handle: Callable[[], Awaitable[JSONResponse]],
) -> Response:
    if key is None:
        return await handle()
    claim = IdempotencyClaim(actor.user_id, scope, key, request_fingerprint)
    stored = await store.begin(claim, now)
    if stored is not None:
        return Response(
            stored.body,
            status_code=stored.status_code,
            headers={**stored.headers, "Idempotent-Replayed": "true"},
        )
    try:
        response = await handle()
    except BaseException:
        await store.release(claim)
        raise
    headers = {k: v for k, v in response.headers.items() if k in _REPLAYED_HEADERS}
    body = bytes(response.body).decode()
    await store.complete(claim, StoredResponse(response.status_code, body, headers), now)
    return response
