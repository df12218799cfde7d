"""``GET /metrics``: Prometheus text exposition, outside ``/api`` (never rate-limited) and
outside the OpenAPI document (it is not JSON, and it is for the operator's scraper)."""

from __future__ import annotations

from datetime import UTC, datetime

import structlog
from fastapi import APIRouter, Request, Response

from entrypoints.http.dependencies import container_of
from entrypoints.metrics import CONTENT_TYPE_LATEST, exposition

router = APIRouter(tags=["ops"])
log = structlog.get_logger("inkport.metrics")


async def _outbox_lag(request: Request) -> tuple[int, datetime | None] | None:
    """Read in whichever process answers the scrape: the outbox is shared by all."""
    try:
        async with container_of(request).adapters.unit_of_work() as uow:
            lag: tuple[int, datetime | None] = await uow.outbox.lag()
            return lag
    except Exception:  # a scrape must answer even with the database down
        log.warning("outbox_lag_unavailable", exc_info=True)
        return None


@router.get("/metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    lag = await _outbox_lag(request)
    return Response(exposition(lag, datetime.now(UTC)), media_type=CONTENT_TYPE_LATEST)
