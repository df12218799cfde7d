from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class RequestBody(BaseModel):
    """Every request body rejects unknown fields: nobody sets ``role`` or ``id`` by sneaking
    it in."""

    model_config = ConfigDict(extra="forbid")


class ValidationErrorItem(BaseModel):
    location: list[str | int]
    message: str
    type: str


class Problem(BaseModel):
    """An RFC 9457 problem document (``application/problem+json``)."""

    type: str = Field(examples=["urn:inkport:problem:user_not_found"])
    title: str = Field(examples=["Not Found"])
    status: int = Field(examples=[404])
    detail: str = Field(examples=["No such user."])
    code: str = Field(
        description="Stable machine-readable error code.", examples=["user_not_found"]
    )
    request_id: str | None = Field(description="The X-Request-ID of the failed request.")
    errors: list[ValidationErrorItem] | None = Field(
        None, description="Present on validation errors."
    )


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {
        status: {"model": Problem, "content": {"application/problem+json": {}}}
        for status in statuses
    }
