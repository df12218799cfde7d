from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from application.read_models import UserAccount
from domain.users import BIO_MAX
from domain.values import IMAGE_URL_MAX
from entrypoints.http.schemas.text import FreeText
from entrypoints.realworld.schemas.base import ConduitRequest, ConduitResponse

Username = Annotated[
    str,
    Field(min_length=1, max_length=32, pattern=r"\S", description="3-32 letters, digits or '_'."),
    FreeText(),
]
Email = Annotated[
    str,
    Field(min_length=1, max_length=254, pattern=r"\S", json_schema_extra={"format": "email"}),
    FreeText(),
]
NewPassword = Annotated[
    str,
    Field(min_length=8, max_length=128, description="8-128 characters (NIST 800-63B)."),
    FreeText(),
]
Bio = Annotated[
    str | None, Field(max_length=BIO_MAX, description='`""` is stored as null.'), FreeText()
]
Image = Annotated[
    str | None,
    Field(max_length=IMAGE_URL_MAX, description='Absolute http(s) URL; `""` is stored as null.'),
    FreeText(),
]


class ConduitLogin(ConduitRequest):
    email: Email
    password: Annotated[str, Field(min_length=1, max_length=1024), FreeText()]


class ConduitLoginRequest(ConduitRequest):
    user: ConduitLogin


class ConduitNewUser(ConduitRequest):
    username: Username
    email: Email
    password: NewPassword


class ConduitNewUserRequest(ConduitRequest):
    user: ConduitNewUser


class ConduitUserUpdate(ConduitRequest):
    """Only the fields sent change. `username`, `email` and `password` may not be null."""

    model_config = ConfigDict(json_schema_extra={"minProperties": 1})

    username: Username = None  # type: ignore[assignment]
    email: Email = None  # type: ignore[assignment]
    password: NewPassword = None  # type: ignore[assignment]
    bio: Bio = None
    image: Image = None


class ConduitUserUpdateRequest(ConduitRequest):
    user: ConduitUserUpdate


class ConduitUser(ConduitResponse):
    email: str
    token: str
    username: str
    bio: str | None
    image: str | None

    @classmethod
    def of(cls, account: UserAccount, token: str) -> ConduitUser:
        return cls(
            email=account.email,
            token=token,
            username=account.username,
            bio=account.bio,
            image=account.image,
        )


class ConduitUserEnvelope(ConduitResponse):
    user: ConduitUser
