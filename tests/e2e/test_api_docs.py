"""/docs, /redoc and /docs/oauth2-redirect: served with their assets by the app itself (no
CDN), under a Content-Security-Policy that admits those assets only, never framed."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from tests.e2e.conftest import Api

PAGES = ["/docs", "/redoc", "/docs/oauth2-redirect"]
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_REFERENCES = re.compile(r"""(?:src|href|spec-url|url:)\s*=?\s*["']([^"']+)["']""")
_TYPES = {".js": "javascript", ".css": "text/css", ".png": "image/png", ".json": "json"}


def _directives(policy: str) -> dict[str, list[str]]:
    parts = (directive.split() for directive in policy.split(";") if directive.strip())
    return {name: values for name, *values in parts}


@pytest.mark.parametrize("path", PAGES)
async def test_a_docs_page_forbids_framing_and_everything_but_its_own_assets(
    api: Api, path: str
) -> None:
    response = await api.client.get(path)
    assert response.status_code == 200
    assert response.headers["x-frame-options"] == "DENY"
    policy = _directives(response.headers["content-security-policy"])
    assert policy["default-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    scripts = policy["script-src"]
    assert scripts[0] == "'self'"
    assert all(source.startswith("'sha256-") for source in scripts[1:])
    assert [s for values in policy.values() for s in values if not _allowed(s)] == []


def _allowed(source: str) -> bool:
    """Our own origin, inline-script hashes, data: images, blob: workers, and the inline
    styles Swagger UI and ReDoc set at run time: no other site, no eval."""
    return source.startswith("'sha256-") or source in {
        "'none'",
        "'self'",
        "data:",
        "blob:",
        "'unsafe-inline'",
    }


@pytest.mark.parametrize("path", PAGES)
async def test_every_inline_script_of_a_docs_page_is_allowed_by_its_hash_alone(
    api: Api, path: str
) -> None:
    response = await api.client.get(path)
    policy = _directives(response.headers["content-security-policy"])
    for script in _INLINE_SCRIPT.findall(response.text):
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy["script-src"]
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-inline'" in policy["style-src"]  # run-time styles, never scripts
    assert not re.search(r"\son[a-z]+\s*=", response.text)  # no inline event handlers


@pytest.mark.parametrize("path", PAGES)
async def test_a_docs_page_names_no_other_site(api: Api, path: str) -> None:
    html = (await api.client.get(path)).text
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", html, re.IGNORECASE)


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
async def test_every_asset_a_docs_page_references_is_served_by_us_with_its_type(
    api: Api, path: str
) -> None:
    html = (await api.client.get(path)).text
    references = set(_REFERENCES.findall(html))
    assert "/openapi.json" in references
    assert any(reference.endswith(".js") for reference in references)
    for reference in references:
        assert reference.startswith("/") and not reference.startswith("//"), reference
        asset = await api.client.get(reference)
        assert asset.status_code == 200, reference
        suffix = reference[reference.rfind(".") :]
        assert _TYPES[suffix] in asset.headers["content-type"], reference


async def test_the_one_openapi_document_the_docs_show_describes_both_apis(api: Api) -> None:
    paths = (await api.client.get("/openapi.json")).json()["paths"]
    assert "/api/v1/posts" in paths and "/api/articles" in paths


@pytest.mark.parametrize("path", ["/docs/assets/missing.js", "/docs/assets/../__init__.py"])
async def test_nothing_but_the_packaged_assets_is_served_from_the_assets_path(
    api: Api, path: str
) -> None:
    assert (await api.client.get(path)).status_code == 404
