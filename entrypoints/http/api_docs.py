"""The documentation pages ``/docs`` (Swagger UI), ``/redoc`` and ``/docs/oauth2-redirect``,
with their scripts and styles served by the app itself from the pinned ``fastapi-offline``
package: no CDN, so they work without internet, and a Content-Security-Policy that allows
those assets and nothing else. One OpenAPI document describes both APIs."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

OPENAPI_URL = "/openapi.json"
ASSETS_URL = "/docs/assets"
OAUTH2_REDIRECT_URL = "/docs/oauth2-redirect"
_ASSETS_DIRECTORY = Path(str(files("fastapi_offline") / "static"))
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def _policy(html: str, *, workers: bool = False) -> str:
    """Scripts: our assets and, by hash, the page's own inline scripts. Styles may be
    inline: Swagger UI and ReDoc set them at run time. ReDoc searches in a blob: worker."""
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
        for script in _INLINE_SCRIPT.findall(html)
    ]
    directives = [
        "default-src 'none'",
        " ".join(["script-src 'self'", *hashes]),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        *(["worker-src blob:"] if workers else []),
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
    return "; ".join(directives)


@dataclass(frozen=True)
class _Page:
    html: str
    headers: dict[str, str]

    @classmethod
    def of(cls, page: HTMLResponse, *, workers: bool = False) -> _Page:
        html = bytes(page.body).decode()
        policy = _policy(html, workers=workers)
        return cls(html, {"Content-Security-Policy": policy, "X-Frame-Options": "DENY"})

    async def respond(self) -> HTMLResponse:
        # A new response each time: middleware may add headers to the one it is given.
        return HTMLResponse(self.html, headers=self.headers)


def _pages(title: str) -> dict[str, _Page]:
    swagger_ui = get_swagger_ui_html(
        openapi_url=OPENAPI_URL,
        title=f"{title} - Swagger UI",
        swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
        swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
        swagger_favicon_url=f"{ASSETS_URL}/favicon.png",
        oauth2_redirect_url=OAUTH2_REDIRECT_URL,
        # The validator badge would be an image from swagger.io.
        swagger_ui_parameters={"validatorUrl": None},
    )
    redoc = get_redoc_html(
        openapi_url=OPENAPI_URL,
        title=f"{title} - ReDoc",
        redoc_js_url=f"{ASSETS_URL}/redoc.standalone.js",
        redoc_favicon_url=f"{ASSETS_URL}/favicon.png",
        with_google_fonts=False,
    )
    return {
        "/docs": _Page.of(swagger_ui),
        "/redoc": _Page.of(redoc, workers=True),
        OAUTH2_REDIRECT_URL: _Page.of(get_swagger_ui_oauth2_redirect_html()),
    }


def include_api_docs(app: FastAPI) -> None:
    """For an app made with ``docs_url=None, redoc_url=None``."""
    router = APIRouter(include_in_schema=False)
    for path, page in _pages(app.title).items():
        router.add_api_route(path, page.respond, methods=["GET"])
    app.include_router(router)
    app.mount(ASSETS_URL, StaticFiles(directory=_ASSETS_DIRECTORY), name="docs-assets")
