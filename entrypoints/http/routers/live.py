"""``WS /api/v1/posts/{post_id}/live``: events about one published post, as JSON."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Mapping
from typing import Any

import structlog
from fastapi import APIRouter, WebSocket
from starlette.responses import Response
from starlette.websockets import WebSocketDisconnect, WebSocketState

from application.ports.events import SubscriberTooSlow
from application.services.live import FINAL_EVENT_TYPES, LiveUpdates
from domain.errors import PostNotFound, ServiceUnavailable
from entrypoints.http.live_connections import LiveConnections
from entrypoints.http.problems import problem_response
from entrypoints.http.routers.refs import PostRefPath, post_ref

router = APIRouter(prefix="/api/v1/posts", tags=["live"])
log = structlog.get_logger("inkport.live")

SEND_TIMEOUT_SECONDS = 10.0
# An address over the socket cap gets a place back only when one of its own sockets
# closes, which the server cannot foresee: Retry-After asks for a pause, not a promise.
CAP_RETRY_AFTER_SECONDS = 10
# RFC 6455 close codes.
NORMAL, POLICY_VIOLATION, TRY_AGAIN_LATER = 1000, 1008, 1013


@router.websocket("/{post_id}/live", name="live")
async def live(websocket: WebSocket, post_id: PostRefPath) -> None:
    """Sends ``{"type": "subscribed"}`` once listening, then one message per event
    (``comment_added``, ``comment_deleted``, ``post_updated``, ``post_unpublished``,
    ``post_deleted``) and ``{"type": "heartbeat"}`` when idle. After the post is
    unpublished or deleted the socket closes with 1000."""
    state = websocket.app.state
    connections: LiveConnections = state.live_connections
    client_ip = state.client_ip(websocket.scope)
    if not connections.admit(client_ip):
        detail = "Too many live connections from this address."
        retry_after = {"Retry-After": str(CAP_RETRY_AFTER_SECONDS)}
        await _refuse(
            websocket, 429, "too_many_connections", detail, TRY_AGAIN_LATER, headers=retry_after
        )
        return
    try:
        await _serve(websocket, state.container.use_cases.live(), post_id)
    finally:
        connections.leave(client_ip)


async def invalid_live_request(websocket: WebSocket, _exc: Exception) -> None:
    """A socket whose path does not validate (a post ref with control characters) is
    refused like every other live refusal: a 422 problem before the handshake."""
    detail = "The post reference is not valid."
    await _refuse(websocket, 422, "validation_failed", detail, POLICY_VIOLATION)


async def _serve(websocket: WebSocket, live_updates: LiveUpdates, post_id: str) -> None:
    heartbeat = websocket.app.state.container.settings().live_heartbeat_seconds
    try:
        async with live_updates.watch(post_ref(post_id)) as messages:
            await websocket.accept()
            log.info("live_opened", post=post_id)
            await websocket.send_json({"type": "subscribed", "post_id": post_id})
            code, reason = await _forward(websocket, messages, heartbeat)
    except PostNotFound:
        await _refuse(websocket, 404, "post_not_found", "No published post has this id.", 1008)
        return
    except ServiceUnavailable:
        if websocket.application_state is WebSocketState.CONNECTING:
            detail = "Live updates are unavailable; retry shortly."
            await _refuse(websocket, 503, "service_unavailable", detail, TRY_AGAIN_LATER)
            return
        code, reason = TRY_AGAIN_LATER, "live updates unavailable"
    except SubscriberTooSlow:
        code, reason = POLICY_VIOLATION, "client too slow"
    except (WebSocketDisconnect, TimeoutError):
        return
    log.info("live_closed", post=post_id, code=code or "by client", reason=reason)
    if code:
        await websocket.close(code, reason)


async def _forward(
    websocket: WebSocket, messages: AsyncIterator[Mapping[str, Any]], heartbeat: float
) -> tuple[int, str]:
    """Relays messages until a final event (close code 1000) or until the client leaves
    (code 0: nothing to close)."""
    gone = asyncio.create_task(_until_disconnect(websocket))
    upcoming = asyncio.ensure_future(anext(messages))
    try:
        while True:
            done, _ = await asyncio.wait(
                {upcoming, gone}, timeout=heartbeat, return_when="FIRST_COMPLETED"
            )
            if gone in done:
                return 0, ""
            if not done:
                await _send(websocket, {"type": "heartbeat"})
                continue
            message = upcoming.result()
            await _send(websocket, message)
            if message["type"] in FINAL_EVENT_TYPES:
                return NORMAL, "the post is no longer published"
            upcoming = asyncio.ensure_future(anext(messages))
    finally:
        gone.cancel()
        upcoming.cancel()


async def _send(websocket: WebSocket, message: Mapping[str, Any]) -> None:
    # A client that stops reading blocks only its own socket, and not for long.
    await asyncio.wait_for(websocket.send_json(message), SEND_TIMEOUT_SECONDS)


async def _until_disconnect(websocket: WebSocket) -> None:
    while (await websocket.receive())["type"] != "websocket.disconnect":
        pass  # clients have nothing to say; their messages are read and dropped


async def _refuse(
    websocket: WebSocket,
    status: int,
    code: str,
    detail: str,
    close_code: int,
    *,
    headers: dict[str, str] | None = None,
) -> None:
    """Before the handshake completes: an HTTP problem answer where the server supports
    it (uvicorn does), else a close frame."""
    if "websocket.http.response" in websocket.scope.get("extensions", {}):
        response: Response = problem_response(
            uuid.uuid4().hex, status, code, detail, headers=headers
        )
        await websocket.send_denial_response(response)
    else:
        await websocket.close(close_code, detail)
