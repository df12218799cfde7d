"""Admins' access to the outbox's parked (dead-letter) events."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from application.pagination import DEFAULT_LIMIT, MAX_LIMIT
from application.ports.events import POSITION_MAX
from entrypoints.http.dependencies import CurrentActor, OutboxAdmin
from entrypoints.http.routers import API_PREFIX
from entrypoints.http.schemas.base import problem_responses
from entrypoints.http.schemas.outbox import ParkedEventPage, ParkedEventResponse
from entrypoints.http.schemas.text import FreeText

router = APIRouter(prefix=f"{API_PREFIX}/admin/outbox", tags=["admin"])


@router.get(
    "/parked",
    response_model=ParkedEventPage,
    responses=problem_responses(400, 401, 403, 422),
    summary="List parked outbox events (admins)",
)
async def list_parked_events(
    actor: CurrentActor,
    outbox: OutboxAdmin,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(min_length=1, max_length=512), FreeText()] = None,
) -> ParkedEventPage:
    """Events whose delivery kept failing, oldest first, with their last error."""
    page = await outbox.parked(actor, limit=limit, cursor=cursor)
    return ParkedEventPage(
        items=[ParkedEventResponse.of(p) for p in page.items], next_cursor=page.next_cursor
    )


@router.post(
    "/parked/{position}/requeue",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 403, 404, 422),
    summary="Requeue a parked outbox event (admins)",
)
async def requeue_parked_event(
    position: Annotated[int, Path(ge=1, le=POSITION_MAX)], actor: CurrentActor, outbox: OutboxAdmin
) -> None:
    """The event is delivered again from its first attempt; handlers that already took
    it are skipped. 404 `parked_event_not_found` when no parked event has that position."""
    await outbox.requeue(actor, position)
