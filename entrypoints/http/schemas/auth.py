from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from application.read_models import TokenPair
from entrypoints.http.schemas.base import RequestBody


class RefreshRequest(RequestBody):
    refresh_token: Annotated[str, Field(min_length=1, max_length=512)]


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
