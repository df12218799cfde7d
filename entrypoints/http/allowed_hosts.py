"""Requests whose ``Host`` is not one this service serves are refused before routing."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from entrypoints.http.problems import problem_response
from entrypoints.realworld.errors import is_realworld_path

DETAIL = "This server does not serve the host named in the Host header."


class AllowedHostsMiddleware:
    """The check of Starlette's ``TrustedHostMiddleware`` (exact names, ``*.domain`` for
    its subdomains, ``*`` for any; case-insensitive; the port is ignored), with two
    differences: a refused host gets 400 in the API's own error shape rather than plain
    text, and there is no ``www.`` redirect, whose URL Starlette builds from the Host
    header. A missing Host header is refused too."""

    def __init__(self, app: ASGIApp, allowed_hosts: Sequence[str]) -> None:
        self.app = app
        patterns = [pattern.lower() for pattern in allowed_hosts]
        self.allow_any = "*" in patterns
        self.names = frozenset(p for p in patterns if not p.startswith("*"))
        self.suffixes = tuple(p[1:] for p in patterns if p.startswith("*."))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.allow_any or scope["type"] not in ("http", "websocket") or self._allowed(scope):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket" and "websocket.http.response" not in scope.get(
            "extensions", {}
        ):
            await send({"type": "websocket.close", "code": 1008})
            return
        await _refusal(scope)(scope, receive, send)

    def _allowed(self, scope: Scope) -> bool:
        host = host_name(scope)
        return host is not None and (host in self.names or host.endswith(self.suffixes))


def host_name(scope: Scope) -> str | None:
    """The Host header's name, lower case, without the port (``[::1]`` keeps brackets)."""
    for name, value in scope["headers"]:
        if name == b"host":
            host: str = value.decode("latin-1").lower()
            name_part, colon, port = host.rpartition(":")
            return name_part if colon and port.isdigit() else host
    return None


def _refusal(scope: Scope) -> JSONResponse:
    if is_realworld_path(scope["path"].removeprefix(scope.get("root_path", ""))):
        return JSONResponse({"errors": {"host": ["is not served here"]}}, status_code=400)
    request_id = scope.get("state", {}).get("request_id")
    return problem_response(request_id, 400, "host_not_allowed", DETAIL)
