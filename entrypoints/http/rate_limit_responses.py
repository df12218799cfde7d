"""The 429 answer and the ``RateLimit-*`` headers (IETF draft ``RateLimit`` fields)."""

from __future__ import annotations

import math

from fastapi.responses import JSONResponse
from starlette.types import Scope

from application.ports.rate_limit import RateLimitDecision
from entrypoints.http.problems import problem_response
from entrypoints.realworld.errors import is_realworld_path


def _seconds(decision: RateLimitDecision) -> int:
    return max(1, math.ceil(decision.reset_after_seconds or 0))


def rate_limit_headers(decision: RateLimitDecision) -> list[tuple[bytes, bytes]]:
    if decision.remaining is None:
        return []
    return [
        (b"ratelimit-limit", str(decision.limit).encode()),
        (b"ratelimit-remaining", str(decision.remaining).encode()),
        (b"ratelimit-reset", str(_seconds(decision)).encode()),
    ]


def rejection(scope: Scope, path: str, decision: RateLimitDecision) -> JSONResponse:
    """A 429 in the API's own error shape: RFC 9457 problem, or RealWorld's ``errors``."""
    seconds = _seconds(decision)
    headers = {name.decode(): value.decode() for name, value in rate_limit_headers(decision)}
    headers["Retry-After"] = str(seconds)
    detail = f"Too many requests; retry in {seconds} seconds."
    if is_realworld_path(path):
        body = {"errors": {"request": [detail]}}
        return JSONResponse(body, status_code=429, headers=headers)
    request_id = scope.get("state", {}).get("request_id")
    return problem_response(request_id, 429, "rate_limited", detail, headers=headers)
