from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from dependency_injector import providers

from adapters.clock import ManualClock
from adapters.memory import InMemoryDatabase
from entrypoints.container import Container, build_container
from entrypoints.http import create_app
from entrypoints.settings import Settings

PASSWORD = "correct horse battery"
CHEAP_ARGON2 = {"argon2_time_cost": 1, "argon2_memory_cost": 8, "argon2_parallelism": 1}


def memory_settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": "memory://",
        "environment": "test",
        "rate_limit_enabled": False,  # tests/e2e/test_rate_limits*.py turn them on
        **CHEAP_ARGON2,
    }
    return Settings(**{**values, **overrides})


class Api:
    """An HTTP client for the app plus the handles a test needs to look behind it."""

    def __init__(self, client: httpx.AsyncClient, container: Container, clock: ManualClock) -> None:
        self.client = client
        self.container = container
        self.clock = clock
        self.admin_headers: dict[str, str] | None = None

    @property
    def db(self) -> InMemoryDatabase:
        return self.container.adapters.memory_database()

    async def sign_up(self, username: str, **extra: Any) -> httpx.Response:
        body = {"username": username, "email": f"{username}@example.com", "password": PASSWORD}
        response = await self.client.post("/api/v1/users", json={**body, **extra})
        assert response.status_code == 201, response.text
        return response

    async def token(self, login: str, password: str = PASSWORD) -> dict[str, Any]:
        response = await self.client.post(
            "/api/v1/auth/token", data={"username": login, "password": password}
        )
        assert response.status_code == 200, response.text
        tokens: dict[str, Any] = response.json()
        return tokens

    async def login(self, login: str, password: str = PASSWORD) -> dict[str, str]:
        tokens = await self.token(login, password)
        return {"Authorization": f"Bearer {tokens['access_token']}"}


async def open_api(settings: Settings) -> tuple[httpx.AsyncClient, Container, ManualClock]:
    container = build_container(settings)
    clock = ManualClock()
    container.adapters.clock.override(providers.Object(clock))
    app = create_app(container=container)
    transport = httpx.ASGITransport(app=app)
    client = httpx.AsyncClient(transport=transport, base_url="http://inkport.test")
    return client, container, clock


@pytest.fixture
async def api() -> AsyncIterator[Api]:
    client, container, clock = await open_api(memory_settings())
    async with client:
        yield Api(client, container, clock)


async def make_admin(api: Api, username: str = "root") -> dict[str, str]:
    await api.container.use_cases.admin().create_admin(
        username=username, email=f"{username}@example.com", password=PASSWORD
    )
    return await api.login(username)


def without_request_id(body: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k != "request_id"}


async def promote(api: Api, username: str, role: str) -> None:
    if api.admin_headers is None:
        api.admin_headers = await make_admin(api, "root")
    response = await api.client.patch(
        f"/api/v1/users/{username}", json={"role": role}, headers=api.admin_headers
    )
    assert response.status_code == 200, response.text


async def write_post(
    api: Api, headers: dict[str, str], *, publish: bool = True, **fields: Any
) -> dict[str, Any]:
    body = {
        "title": "A Post",
        "body": "Some text",
        "tags": ["python"],
        "publish": publish,
        **fields,
    }
    api.clock.advance(timedelta(seconds=1))  # distinct creation times give a defined order
    response = await api.client.post("/api/v1/posts", json=body, headers=headers)
    assert response.status_code == 201, response.text
    post: dict[str, Any] = response.json()
    return post
