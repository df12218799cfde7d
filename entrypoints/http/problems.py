"""RFC 9457 problem responses and the one table that maps domain errors to HTTP statuses."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.routing import compile_path

from domain import errors

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE_PREFIX = "urn:inkport:problem:"
_METHODS = {"GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"}

STATUS_BY_ERROR: dict[type[errors.DomainError], int] = {
    errors.ValidationFailed: 422,
    errors.IdempotencyKeyReused: 422,
    errors.PreconditionFailed: 412,
    errors.InvalidCursor: 400,
    errors.AuthenticationFailed: 401,
    errors.PermissionDenied: 403,
    errors.NotFound: 404,
    errors.Conflict: 409,
    errors.ServiceUnavailable: 503,
    errors.DomainError: 400,
}

_CODE_BY_STATUS = {
    400: "bad_request",
    401: "invalid_token",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    412: "precondition_failed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_failed",
    429: "rate_limited",
    500: "internal_error",
    503: "service_unavailable",
}


def status_for(error: errors.DomainError) -> int:
    for cls in type(error).__mro__:
        if cls in STATUS_BY_ERROR:
            return STATUS_BY_ERROR[cls]
    return 400


def problem_response(
    request_id: str | None,
    status: int,
    code: str,
    detail: str,
    *,
    headers: dict[str, str] | None = None,
    **extensions: Any,
) -> JSONResponse:
    body = {
        "type": PROBLEM_TYPE_PREFIX + code,
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "code": code,
        "request_id": request_id,
        **extensions,
    }
    if status == 401:
        headers = {"WWW-Authenticate": "Bearer", **(headers or {})}
    if status == 503:
        headers = {"Retry-After": "5", **(headers or {})}
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_MEDIA_TYPE)


def _request_id(request: Request) -> str | None:
    return getattr(request.state, "request_id", None)


async def domain_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, errors.DomainError)
    extensions: dict[str, Any] = {}
    if isinstance(exc, errors.ValidationFailed):
        extensions["errors"] = [
            {"location": ["body", exc.field], "message": exc.message, "type": "value_error"}
        ]
    return problem_response(
        _request_id(request), status_for(exc), exc.code, exc.message, **extensions
    )


async def validation_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    # Never echo the rejected input back: it may be a password.
    details = [
        {"location": list(e.get("loc", ())), "message": e.get("msg", ""), "type": e.get("type", "")}
        for e in exc.errors()
    ]
    return problem_response(
        _request_id(request), 422, "validation_failed", "The request is not valid.", errors=details
    )


async def http_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    code = _CODE_BY_STATUS.get(status, "http_error")
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(status).description
    headers = dict(exc.headers or {})
    if status == 405:
        headers["Allow"] = allowed_methods(request, request.url.path)
    return problem_response(_request_id(request), status, code, detail, headers=headers)


def allowed_methods(request: Request, path: str) -> str:
    """The ``Allow`` header for ``path``, from the OpenAPI document: Starlette names only
    the first route matching a path, and one path is often served by several routes (GET
    and PATCH /users/me). A path documented as such (/api/articles/feed) wins over the
    templates it also matches."""
    paths: dict[str, dict[str, object]] = request.app.openapi().get("paths", {})
    templates = [path] if path in paths else [t for t in paths if compile_path(t)[0].match(path)]
    allowed = {m.upper() for t in templates for m in paths[t] if m.upper() in _METHODS}
    return ", ".join(sorted(allowed))
