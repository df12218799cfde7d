"""Pure-ASGI rate limiting, in front of routing, so a refused request never reaches a use
case (a 429 changes nothing)."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from application.ports.rate_limit import RateLimitDecision, RateLimiter
from application.ports.security import TokenIssuer
from domain.errors import DomainError
from entrypoints.http.client_ip import ClientIpResolver
from entrypoints.http.rate_limit_requests import (
    SIGN_IN_PATHS,
    SIGN_UP_PATHS,
    WRITE_METHODS,
    bearer_token,
    buffered,
    sign_in_account,
)
from entrypoints.http.rate_limit_responses import rate_limit_headers, rejection
from entrypoints.metrics import RATE_LIMIT_REJECTIONS
from entrypoints.rate_limiting import (
    READS_PER_IP,
    SIGN_IN_PER_ACCOUNT,
    SIGN_IN_PER_IP,
    SIGN_UP_PER_IP,
    WRITES_PER_USER,
)

Check = tuple[str, str]


class RateLimitMiddleware:
    """Reads (GET, HEAD) per client IP with one storage hit; sign-in per IP and per
    account; sign-up per IP; writes per authenticated user. Only ``/api/`` paths."""

    def __init__(
        self, app: ASGIApp, limiter: RateLimiter, client_ip: ClientIpResolver, tokens: TokenIssuer
    ) -> None:
        self.app = app
        self.limiter = limiter
        self.client_ip = client_ip
        self.tokens = tokens

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope["path"] if scope["type"] in ("http", "websocket") else ""
        path = path.removeprefix(scope.get("root_path", ""))
        if not path.startswith("/api/"):
            await self.app(scope, receive, send)
            return
        # Opening a live socket is a read: how often one address may try is limited too.
        method = scope.get("method", "GET")
        if method in ("GET", "HEAD"):
            decision = await self.limiter.hit(READS_PER_IP, self.client_ip(scope), with_stats=False)
            if decision.allowed:
                await self.app(scope, receive, send)
            else:
                RATE_LIMIT_REJECTIONS.labels(READS_PER_IP).inc()
                await _refuse(scope, path, decision, receive, send)
            return
        checks, receive = await self._checks(scope, receive, method, path)
        decisions: list[RateLimitDecision] = []
        for rule, key in checks:
            decision = await self.limiter.hit(rule, key)
            if not decision.allowed:
                RATE_LIMIT_REJECTIONS.labels(rule).inc()
                await _refuse(scope, path, decision, receive, send)
                return
            decisions.append(decision)
        if not decisions:
            await self.app(scope, receive, send)
            return
        await self.app(scope, receive, _with_headers(send, decisions))

    async def _checks(
        self, scope: Scope, receive: Receive, method: str, path: str
    ) -> tuple[list[Check], Receive]:
        if method == "POST" and path in SIGN_IN_PATHS:
            receive, body = await buffered(receive)
            checks = [(SIGN_IN_PER_IP, self.client_ip(scope))]
            account = await sign_in_account(scope, body)
            if account:
                checks.append((SIGN_IN_PER_ACCOUNT, account))
            return checks, receive
        if method == "POST" and path in SIGN_UP_PATHS:
            return [(SIGN_UP_PER_IP, self.client_ip(scope))], receive
        token = bearer_token(scope) if method in WRITE_METHODS else None
        if token is None:
            return [], receive
        try:
            user_id = self.tokens.verify(token).user_id
        except DomainError:
            return [], receive  # the route answers 401; nothing to count
        return [(WRITES_PER_USER, str(user_id))], receive


async def _refuse(
    scope: Scope, path: str, decision: RateLimitDecision, receive: Receive, send: Send
) -> None:
    """The 429 answer; to a websocket handshake as well, where the server can send HTTP
    answers to one (uvicorn can), else as a "try again later" close."""
    if scope["type"] == "websocket" and "websocket.http.response" not in scope.get(
        "extensions", {}
    ):
        await send({"type": "websocket.close", "code": 1013})
        return
    await rejection(scope, path, decision)(scope, receive, send)


def _with_headers(send: Send, decisions: list[RateLimitDecision]) -> Send:
    tightest = min(decisions, key=lambda d: d.remaining if d.remaining is not None else d.limit)

    async def send_with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = [*message.get("headers", []), *rate_limit_headers(tightest)]
        await send(message)

    return send_with_headers
