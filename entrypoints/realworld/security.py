"""``Authorization: Token <jwt>``: RealWorld's scheme for the native access tokens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends
from fastapi.security import APIKeyHeader

from application.read_models import Actor
from entrypoints.http.dependencies import Auth
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


async def _session(auth: Auth, token: Annotated[str | None, Depends(_presented_token)]) -> Session:
    if token is None:
        raise ConduitError(401, "token", "is missing")
    return Session(actor=await auth.authenticate(token), token=token)


async def _optional_actor(
    auth: Auth, token: Annotated[str | None, Depends(_presented_token)]
) -> Actor | None:
    # As in the native API, a bad token is refused even where signing in is optional.
    return await auth.authenticate(token) if token is not None else None


CurrentSession = Annotated[Session, Depends(_session)]
OptionalViewer = Annotated[Actor | None, Depends(_optional_actor)]
