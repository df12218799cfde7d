"""One app, clients at chosen socket addresses, and the checks every 429 must pass."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx

from adapters.memory import InMemoryDatabase
from entrypoints.container import Container, build_container
from entrypoints.http import create_app
from entrypoints.settings import Settings
from tests.e2e.conftest import PASSWORD, memory_settings

ROOMY = {
    "rate_limit_sign_in_per_ip": "1000/minute",
    "rate_limit_sign_in_per_account": "1000/minute",
    "rate_limit_sign_up_per_ip": "1000/minute",
    "rate_limit_writes_per_user": "1000/minute",
    "rate_limit_reads_per_ip": "1000/minute",
}


def limited_settings(**overrides: Any) -> Settings:
    """Every limit roomy except the ones a test names."""
    return memory_settings(**{"rate_limit_enabled": True, **ROOMY, **overrides})


class Site:
    """The app under test, reached from any client address."""

    def __init__(self, container: Container) -> None:
        self.container = container
        self.app = create_app(container=container)
        self._clients: list[httpx.AsyncClient] = []

    @property
    def db(self) -> InMemoryDatabase:
        return self.container.adapters.memory_database()

    def at(self, ip: str) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=self.app, client=(ip, 40000))
        client = httpx.AsyncClient(transport=transport, base_url="http://inkport.test")
        self._clients.append(client)
        return client

    async def close(self) -> None:
        for client in self._clients:
            await client.aclose()
        await self.container.adapters.rate_limiter().close()


@asynccontextmanager
async def site(settings: Settings) -> AsyncIterator[Site]:
    running = Site(build_container(settings))
    try:
        yield running
    finally:
        await running.close()


async def sign_up(client: httpx.AsyncClient, username: str) -> httpx.Response:
    body = {"username": username, "email": f"{username}@example.com", "password": PASSWORD}
    return await client.post("/api/v1/users", json=body)


async def sign_in(
    client: httpx.AsyncClient,
    login: str,
    password: str = PASSWORD,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    form = {"username": login, "password": password}
    return await client.post("/api/v1/auth/token", data=form, headers=headers)


async def bearer(client: httpx.AsyncClient, username: str) -> dict[str, str]:
    assert (await sign_up(client, username)).status_code == 201
    response = await sign_in(client, username)
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def assert_limited(response: httpx.Response, limit: int, *, realworld: bool = False) -> None:
    assert response.status_code == 429, response.text
    assert int(response.headers["retry-after"]) >= 1
    assert response.headers["ratelimit-limit"] == str(limit)
    assert response.headers["ratelimit-remaining"] == "0"
    assert 1 <= int(response.headers["ratelimit-reset"]) <= 3600
    assert "x-request-id" in response.headers
    body = response.json()
    if realworld:
        assert response.headers["content-type"] == "application/json"
        assert list(body) == ["errors"] and body["errors"]["request"]
    else:
        assert response.headers["content-type"] == "application/problem+json"
        assert (body["status"], body["code"]) == (429, "rate_limited")
        assert body["request_id"] == response.headers["x-request-id"]
