"""Errors of the RealWorld API as ``{"errors": {"<field>": ["<message>"]}}``: every path
under ``/api/`` except the native ``/api/v1``, whatever exception reached the handler."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from domain import errors
from entrypoints.http.problems import allowed_methods, status_for
from entrypoints.realworld.messages import ErrorMap, validation_errors

Handler = Callable[[Request, Exception], Awaitable[Response]]

NATIVE_PREFIX = "/api/v1"
TAKEN = "has already been taken"
# Domain field names that RealWorld spells differently.
_FIELD_NAMES = {"tags": "tagList", "new_password": "password"}


class ConduitError(HTTPException):
    """An error the adapter itself decides on, such as ``token: ["is missing"]``."""

    def __init__(self, status: int, field: str, message: str) -> None:
        super().__init__(status, message)
        self.errors: ErrorMap = {field: [message]}


def is_realworld_path(path: str) -> bool:
    native = path == NATIVE_PREFIX or path.startswith(NATIVE_PREFIX + "/")
    return path.startswith("/api/") and not native


def routed(native: Handler) -> Handler:
    """An exception handler that leaves every request to ``native`` except the RealWorld
    API's, which get this adapter's rendering of the same exception."""

    async def handle(request: Request, exc: Exception) -> Response:
        path = request.url.path.removeprefix(request.scope.get("root_path", ""))
        if not is_realworld_path(path):
            return await native(request, exc)
        status, body = _status_and_errors(exc, path)
        headers = dict(getattr(exc, "headers", None) or {})
        if status == 405:
            headers["Allow"] = allowed_methods(request, path)
        if status == 401:
            headers["WWW-Authenticate"] = "Token"
        if status == 503:
            headers["Retry-After"] = "5"
        return JSONResponse({"errors": body}, status_code=status, headers=headers)

    return handle


def _status_and_errors(exc: Exception, path: str) -> tuple[int, ErrorMap]:
    if isinstance(exc, errors.DomainError):
        return status_for(exc), _domain_errors(exc, path)
    if isinstance(exc, RequestValidationError):
        return 422, validation_errors(exc.errors())
    if isinstance(exc, ConduitError):
        return exc.status_code, exc.errors
    if isinstance(exc, HTTPException):
        status = exc.status_code
        if status == 404:
            return status, {"path": ["not found"]}
        if status == 405:
            return status, {"method": ["not allowed"]}
        return status, {"request": [str(exc.detail)]}
    raise exc


def _domain_errors(exc: errors.DomainError, path: str) -> ErrorMap:
    if isinstance(exc, errors.ValidationFailed):
        return {_FIELD_NAMES.get(exc.field, exc.field): [exc.message]}
    if isinstance(exc, errors.InvalidCredentials):
        return {"credentials": ["invalid"]}
    if isinstance(exc, errors.AuthenticationFailed):
        return {"token": ["is invalid"]}
    if isinstance(exc, errors.UsernameTaken):
        return {"username": [TAKEN]}
    if isinstance(exc, errors.EmailTaken):
        return {"email": [TAKEN]}
    resource = _resource(exc, path)
    if isinstance(exc, errors.PermissionDenied):
        return {resource: ["forbidden"]}
    if isinstance(exc, errors.NotFound):
        return {resource: ["not found"]}
    return {resource: [exc.message]}


def _resource(exc: errors.DomainError, path: str) -> str:
    """The RealWorld name of what the error is about: the error's own resource when it
    names one, else the resource the path addresses."""
    if isinstance(exc, errors.PostNotFound):
        return "article"
    if isinstance(exc, errors.CommentNotFound):
        return "comment"
    parts = path.split("/")  # "", "api", "articles", slug, "comments", id
    top = parts[2] if len(parts) > 2 else ""
    if top == "articles":
        return "comment" if parts[4:5] == ["comments"] else "article"
    if top == "profiles":
        return "profile"
    return "user" if top in ("user", "users") else "request"
