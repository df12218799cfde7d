"""What the rate limiter reads from a request: the route kind, the bearer token and the
account named by a sign-in body."""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.types import Message, Receive, Scope

SIGN_IN_PATHS = frozenset({"/api/v1/auth/token", "/api/users/login"})
SIGN_UP_PATHS = frozenset({"/api/v1/users", "/api/users"})
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# A sign-in body is tiny; past this size it is not parsed here (the route rejects it).
_MAX_SIGN_IN_BODY = 16 * 1024
_SCHEMES = (b"bearer ", b"token ")


def bearer_token(scope: Scope) -> str | None:
    """The token of ``Authorization: Bearer <jwt>`` (native) or ``Token <jwt>`` (RealWorld)."""
    for name, value in scope["headers"]:
        if name == b"authorization":
            scheme = value[:7].lower()
            for prefix in _SCHEMES:
                if scheme.startswith(prefix):
                    return value[len(prefix) :].strip().decode("latin-1") or None
    return None


async def buffered(receive: Receive) -> tuple[Receive, bytes]:
    """Read the body (up to the size worth parsing) and a ``receive`` that replays it."""
    messages: list[Message] = []
    body = b""
    while len(body) <= _MAX_SIGN_IN_BODY:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            break
        body += message.get("body", b"")
        if not message.get("more_body", False):
            break

    async def replay() -> Message:
        return messages.pop(0) if messages else await receive()

    return replay, body if len(body) <= _MAX_SIGN_IN_BODY else b""


async def sign_in_account(scope: Scope, body: bytes) -> str | None:
    """The username or email a sign-in names, normalised (trimmed, case-folded)."""
    if not body:
        return None
    try:
        if scope["path"].endswith("/auth/token"):
            async with Request(dict(scope), _once(body)).form() as form:
                value = form.get("username")
        else:
            value = json.loads(body).get("user", {}).get("email")
    except Exception:  # unparsable: the route answers 4xx, only the IP rule counts
        return None
    if not isinstance(value, str):
        return None
    return value.strip().casefold() or None


def _once(body: bytes) -> Receive:
    async def receive() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    return receive
