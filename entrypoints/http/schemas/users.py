from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from application.pagination import DEFAULT_LIMIT, MAX_LIMIT
from application.read_models import UserAccount
from domain.users import BIO_MAX, FULL_NAME_MAX, Role
from domain.values import IMAGE_URL_MAX, IMAGE_URL_PATTERN
from entrypoints.http.schemas.base import RequestBody
from entrypoints.http.schemas.text import FreeText

UsernameField = Annotated[
    str,
    Field(
        min_length=3,
        max_length=32,
        pattern=r"^[A-Za-z0-9_]+$",
        description="3-32 letters, digits or '_'; unique regardless of letter case.",
        examples=["ada_l"],
    ),
    FreeText(),
]
EmailField = Annotated[
    str,
    Field(
        max_length=254,
        description="Unique regardless of letter case; stored lower-cased.",
        examples=["ada@example.com"],
        json_schema_extra={"format": "email"},
    ),
    FreeText(),
]
PasswordField = Annotated[
    str,
    Field(
        min_length=8,
        max_length=128,
        description="8-128 characters (a stricter policy may be configured).",
        examples=["correct horse battery staple"],
    ),
    FreeText(),
]
FullNameField = Annotated[str | None, Field(max_length=FULL_NAME_MAX), FreeText()]
BioField = Annotated[str | None, Field(max_length=BIO_MAX), FreeText()]
ImageField = Annotated[
    str | None,
    Field(
        max_length=IMAGE_URL_MAX,
        pattern=IMAGE_URL_PATTERN,
        description="Absolute http(s) URL, or null.",
    ),
    FreeText(),
]


class SignUpRequest(RequestBody):
    username: UsernameField
    email: EmailField
    password: PasswordField
    full_name: FullNameField = None
    bio: BioField = None
    image: ImageField = None


class UpdateAccountRequest(RequestBody):
    """Only the fields sent change; ``null`` clears an optional field."""

    # Optional but not nullable: an account always has an email.
    email: EmailField = None  # type: ignore[assignment]
    full_name: FullNameField = None
    bio: BioField = None
    image: ImageField = None


class ChangePasswordRequest(RequestBody):
    current_password: Annotated[str, Field(max_length=1024), FreeText()]
    new_password: PasswordField


class AdminUpdateUserRequest(RequestBody):
    role: Role | None = None
    is_active: bool | None = Field(None, strict=True)


class AccountResponse(BaseModel):
    id: uuid.UUID
    username: str
    email: str
    role: Role
    full_name: str | None
    bio: str | None
    image: str | None
    is_active: bool
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, account: UserAccount) -> AccountResponse:
        return cls.model_validate(account, from_attributes=True)


class AccountPage(BaseModel):
    items: list[AccountResponse]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end."
    )


LimitQuery = Annotated[int, Field(ge=1, le=MAX_LIMIT)]
DEFAULT_PAGE_SIZE = DEFAULT_LIMIT
