"""The RealWorld ("Conduit") API at ``/api``: a second driving adapter over the same use
cases, with its own envelopes, ``Authorization: Token <jwt>`` and ``{"errors": ...}``."""

from __future__ import annotations

from fastapi import FastAPI

from entrypoints.realworld.errors import is_realworld_path, routed
from entrypoints.realworld.routers import ROUTERS

__all__ = ["include_routers", "is_realworld_path", "routed"]


def include_routers(app: FastAPI) -> None:
    for router in ROUTERS:
        app.include_router(router)
