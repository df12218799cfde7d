from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from adapters.sqlalchemy import check_database
from domain.errors import ServiceUnavailable
from entrypoints.container import Container
from entrypoints.http.dependencies import container_of

router = APIRouter(prefix="/health", tags=["ops"])

READY_DESCRIPTION = """
`checks` names each dependency with `ok` or `unavailable`:

* `database` (always): `SELECT 1` within 5 s. Down: **503** with `Retry-After` and
  `status: "unavailable"` — take the instance out of the load balancer.
* `redis` (only when `INKPORT_REDIS_URL` is set): `PING` within 0.5 s. Down: still
  **200**, with `status: "degraded"` — the cache misses and the rate limits fail open
  (sign-in is counted per process) until Redis is back, so the instance keeps serving.

Both come back by themselves once the dependency answers again; no restart is needed.
"""


@router.get("/live", summary="Liveness: the process answers")
async def live() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/ready",
    summary="Readiness: the database answers (and Redis, when configured)",
    description=READY_DESCRIPTION,
    responses={
        200: {"description": "`status` is `ok`, or `degraded` when only Redis is down."},
        503: {"description": "The database is down; `checks` names it."},
    },
)
async def ready(request: Request) -> JSONResponse:
    container = container_of(request)
    database, redis = await asyncio.gather(_database_state(container), _redis_state(container))
    checks = {"database": database} | ({} if redis is None else {"redis": redis})
    if database != "ok":
        status, code = "unavailable", 503
    else:
        status, code = ("ok" if redis in (None, "ok") else "degraded"), 200
    return JSONResponse(
        {"status": status, "checks": checks},
        status_code=code,
        headers={"Retry-After": "5"} if code == 503 else None,
    )


async def _database_state(container: Container) -> str:
    if container.settings().uses_memory_storage:
        return "ok"
    try:
        await check_database(container.adapters.engine())
    except ServiceUnavailable:
        return "unavailable"
    return "ok"


async def _redis_state(container: Container) -> str | None:
    probe = container.adapters.redis_health()
    if probe is None:
        return None
    return "ok" if await probe.is_up() else "unavailable"
