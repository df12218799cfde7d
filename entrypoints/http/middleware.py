"""Pure-ASGI middleware: request id, timing, security headers, access log, last-resort 500."""

from __future__ import annotations

import re
import time
import uuid

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from entrypoints.http.problems import problem_response
from entrypoints.metrics import record_request

_VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")
_DOCS_PREFIXES = ("/docs", "/redoc")
_API_CSP = b"default-src 'none'; frame-ancestors 'none'"

log = structlog.get_logger("inkport.http")


def _incoming_request_id(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"x-request-id":
            candidate = value.decode("latin-1")
            return candidate if _VALID_REQUEST_ID.fullmatch(candidate) else None
    return None


class RequestContextMiddleware:
    """Gives every request an id (a valid incoming ``X-Request-ID`` is kept), adds
    ``X-Request-ID``, ``X-Process-Time`` and security headers to every response, logs one
    access event per request, and turns any unexpected exception into a 500 problem."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _incoming_request_id(scope) or uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        status = 500
        response_started = False
        with_csp = not scope["path"].startswith(_DOCS_PREFIXES)
        # Answers to a credentialed request are personal: no shared cache may keep them.
        authenticated = any(name == b"authorization" for name, _ in scope["headers"])

        async def send_with_headers(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                elapsed = f"{(time.perf_counter() - started) * 1000:.2f}ms"
                headers = list(message.get("headers", []))
                headers += [
                    (b"x-request-id", request_id.encode()),
                    (b"x-process-time", elapsed.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                ]
                if with_csp:
                    headers.append((b"content-security-policy", _API_CSP))
                if authenticated and not any(n.lower() == b"cache-control" for n, _ in headers):
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception(
                "unhandled_error",
                request_id=request_id,
                method=scope["method"],
                path=scope["path"],
            )
            if response_started:
                raise
            response = problem_response(
                request_id, 500, "internal_error", "An unexpected error occurred."
            )
            await response(scope, receive, send_with_headers)
        finally:
            route = scope.get("route")
            record_request(scope["method"], route, status, time.perf_counter() - started)
            log.info(
                "request",
                request_id=request_id,
                method=scope["method"],
                route=getattr(route, "path", scope["path"]),
                status=status,
                duration_ms=round((time.perf_counter() - started) * 1000, 2),
            )
            structlog.contextvars.unbind_contextvars("request_id")
