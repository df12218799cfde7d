"""CORS comes from settings: allowed origins get the headers, any other origin nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.e2e.conftest import Api, memory_settings, open_api

ALLOWED = "https://app.example"
FOREIGN = "https://evil.example"


@pytest.fixture
async def api() -> AsyncIterator[Api]:
    client, container, clock = await open_api(memory_settings(cors_origins=[ALLOWED]))
    async with client:
        yield Api(client, container, clock)


def preflight_headers(origin: str) -> dict[str, str]:
    return {
        "Origin": origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type",
    }


async def test_a_preflight_from_an_allowed_origin_is_allowed(api: Api) -> None:
    response = await api.client.options("/api/v1/posts", headers=preflight_headers(ALLOWED))
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ALLOWED
    assert "POST" in response.headers["access-control-allow-methods"]
    assert "access-control-allow-credentials" not in response.headers


async def test_a_preflight_from_a_foreign_origin_gets_no_allow_header(api: Api) -> None:
    response = await api.client.options("/api/v1/posts", headers=preflight_headers(FOREIGN))
    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers


async def test_a_simple_request_from_a_foreign_origin_is_answered_without_allow_header(
    api: Api,
) -> None:
    response = await api.client.get("/api/v1/tags", headers={"Origin": FOREIGN})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers
    allowed = await api.client.get("/api/v1/tags", headers={"Origin": ALLOWED})
    assert allowed.headers["access-control-allow-origin"] == ALLOWED


async def test_without_configured_origins_no_cors_header_is_ever_sent() -> None:
    client, _, _ = await open_api(memory_settings())
    async with client:
        response = await client.options("/api/v1/posts", headers=preflight_headers(ALLOWED))
        assert "access-control-allow-origin" not in response.headers
        assert response.status_code == 405
