from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from adapters.sqlalchemy import check_database
from domain.errors import ServiceUnavailable
from entrypoints.http.dependencies import container_of

router = APIRouter(prefix="/health", tags=["ops"])


@router.get("/live", summary="Liveness: the process answers")
async def live() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/ready",
    summary="Readiness: the database answers",
    responses={503: {"description": "A dependency is down; the body names it."}},
)
async def ready(request: Request) -> JSONResponse:
    container = container_of(request)
    checks = {"database": "ok"}
    if not container.settings().uses_memory_storage:
        try:
            await check_database(container.adapters.engine())
        except ServiceUnavailable:
            checks["database"] = "unavailable"
    healthy = all(state == "ok" for state in checks.values())
    return JSONResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status_code=200 if healthy else 503,
        headers=None if healthy else {"Retry-After": "5"},
    )
