"""Path parameters shared by the content routers."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Path

from application.services.visibility import PostRef
from entrypoints.http.schemas.text import FreeText

PostRefPath = Annotated[
    str, Path(min_length=1, max_length=100, description="The post's id, or its slug."), FreeText()
]


def post_ref(value: str) -> PostRef:
    try:
        return uuid.UUID(value)
    except ValueError:
        return value
