"""Path parameters shared by the RealWorld routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

from entrypoints.http.schemas.text import FreeText

SlugPath = Annotated[str, Path(min_length=1, description="The article's slug."), FreeText()]
