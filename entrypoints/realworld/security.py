"""``Authorization: Token <jwt>``: RealWorld's scheme for the native access tokens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader

from application.read_models import Actor
from application.services import AuthService
from entrypoints.http.dependencies import container_of
from entrypoints.realworld.errors import ConduitError

_header = APIKeyHeader(
    name="Authorization",
    scheme_name="RealWorldToken",
    description="`Token <jwt>`, the token from `POST /api/users` or `POST /api/users/login`.",
    auto_error=False,
)


@dataclass(frozen=True, slots=True)
class Session:
    """The signed-in caller and the token they presented (RealWorld echoes it back)."""

    actor: Actor
    token: str


async def _presented_token(header: Annotated[str | None, Depends(_header)]) -> str | None:
    """``None`` without a header; a header that is not ``Token <something>`` is a 401."""
    if header is None or not header.strip():
        return None
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "token" or not token.strip():
        raise ConduitError(401, "token", "is invalid")
    return token.strip()


def _auth(request: Request) -> AuthService:
    # Resolved only when a token came: anonymous reads skip the dependency altogether.
    auth: AuthService = container_of(request).use_cases.auth()
    return auth


async def _session(
    request: Request, token: Annotated[str | None, Depends(_presented_token)]
) -> Session:
    if token is None:
        raise ConduitError(401, "token", "is missing")
    return Session(actor=await _auth(request).authenticate(token), token=token)


async def _optional_actor(
    request: Request, token: Annotated[str | None, Depends(_presented_token)]
) -> Actor | None:
    # As in the native API, a bad token is refused even where signing in is optional.
    return await _auth(request).authenticate(token) if token is not None else None


CurrentSession = Annotated[Session, Depends(_session)]
OptionalViewer = Annotated[Actor | None, Depends(_optional_actor)]

# For routes where signing in is optional: FastAPI appends this to the token requirement,
# giving OpenAPI's `security: [{"RealWorldToken": []}, {}]` ("token or nothing").
SIGNING_IN_OPTIONAL: dict[str, object] = {"security": [{}]}
