"""Path parameters shared by the content routers."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Path

from application.services.visibility import PostRef

PostRefPath = Annotated[
    str, Path(min_length=1, max_length=100, description="The post's id, or its slug.")
]


def post_ref(value: str) -> PostRef:
    try:
        return uuid.UUID(value)
    except ValueError:
        return value
