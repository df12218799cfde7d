"""What every RealWorld schema shares: camelCase names, timestamps and the error model."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from application.content_models import AuthorView

TAG = "RealWorld (Conduit)"

Timestamp = Annotated[str, Field(json_schema_extra={"format": "date-time"})]


def timestamp(moment: datetime) -> str:
    """ISO 8601 in UTC with milliseconds, as JavaScript's ``toISOString`` writes it."""
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


class ConduitRequest(BaseModel):
    """Fields the spec does not define are ignored (it allows them) and never stored."""

    model_config = ConfigDict(alias_generator=to_camel, extra="ignore")


class ConduitResponse(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, validate_by_name=True)


class ConduitProfile(ConduitResponse):
    username: str
    bio: str | None
    image: str | None
    following: bool

    @classmethod
    def of(cls, author: AuthorView) -> ConduitProfile:
        return cls(
            username=author.username, bio=author.bio, image=author.image, following=author.following
        )


class ConduitProfileEnvelope(ConduitResponse):
    profile: ConduitProfile


class ConduitErrors(ConduitResponse):
    errors: dict[str, list[str]] = Field(examples=[{"title": ["can't be blank"]}])


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the given error statuses; 400 and 422 are always listed (they
    replace the app-wide problem+json entries for these routes)."""
    return {status: {"model": ConduitErrors} for status in sorted({400, 422, *statuses})}
