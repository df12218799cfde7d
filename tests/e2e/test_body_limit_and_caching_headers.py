from __future__ import annotations

from collections.abc import AsyncIterator

import httpx

from tests.e2e.conftest import PASSWORD, Api, memory_settings, open_api

LIMIT = 2048


async def _small_limit_api() -> tuple[httpx.AsyncClient, Api]:
    client, container, clock = await open_api(memory_settings(max_body_bytes=LIMIT))
    return client, Api(client, container, clock)


def _sign_up_body(bio_length: int) -> dict[str, str]:
    return {
        "username": "ada",
        "email": "ada@example.com",
        "password": PASSWORD,
        "bio": "b" * bio_length,
    }


async def test_a_body_declared_over_the_limit_is_413_and_creates_nothing() -> None:
    client, api = await _small_limit_api()
    async with client:
        response = await client.post("/api/v1/users", json=_sign_up_body(LIMIT))
        assert response.status_code == 413
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "payload_too_large"
        assert response.headers["x-request-id"]
        assert api.db.users == {}


async def test_a_chunked_body_over_the_limit_is_413_and_creates_nothing() -> None:
    client, api = await _small_limit_api()

    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"username": "ada", "email": "ada@example.com", "bio": "'
        for _ in range(10):
            yield b"b" * 512
        yield b'"}'

    async with client:
        response = await client.post(
            "/api/v1/users", content=chunks(), headers={"content-type": "application/json"}
        )
        assert response.status_code == 413
        assert api.db.users == {}


async def test_a_body_under_the_limit_is_served() -> None:
    client, _ = await _small_limit_api()
    async with client:
        assert (await client.post("/api/v1/users", json=_sign_up_body(100))).status_code == 201


async def test_authenticated_answers_are_not_stored_by_shared_caches(api: Api) -> None:
    await api.sign_up("ada")
    headers = await api.login("ada")
    assert (await api.client.get("/api/v1/users/me", headers=headers)).headers[
        "cache-control"
    ] == "no-store"
    assert (await api.client.get("/api/v1/posts", headers=headers)).headers[
        "cache-control"
    ] == "no-store"
    assert "cache-control" not in (await api.client.get("/api/v1/posts")).headers
