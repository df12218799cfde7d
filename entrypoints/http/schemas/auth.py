from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import Form
from pydantic import BaseModel, Field

from application.read_models import TokenPair
from entrypoints.http.schemas.base import RequestBody
from entrypoints.http.schemas.text import FreeText


class SignInForm:
    """The OAuth2 password grant's form (RFC 6749 4.3.2); other fields are ignored."""

    def __init__(
        self,
        username: Annotated[
            str, Form(min_length=1, max_length=254, description="Username or email."), FreeText()
        ],
        password: Annotated[
            str, Form(max_length=1024, json_schema_extra={"format": "password"}), FreeText()
        ],
        grant_type: Annotated[str | None, Form(pattern="^password$")] = None,
    ) -> None:
        self.username = username
        self.password = password


class RefreshRequest(RequestBody):
    refresh_token: Annotated[str, Field(min_length=1, max_length=512), FreeText()]


class TokenResponse(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="Seconds until the access token expires.")
    refresh_token: str = Field(description="Single use: each refresh returns a new one.")
    refresh_expires_in: int

    @classmethod
    def of(cls, pair: TokenPair, now: datetime) -> TokenResponse:
        return cls(
            access_token=pair.access_token,
            expires_in=max(0, int((pair.access_expires_at - now).total_seconds())),
            refresh_token=pair.refresh_token,
            refresh_expires_in=max(0, int((pair.refresh_expires_at - now).total_seconds())),
        )
