"""No answer is built from the Host header: a trailing slash is a plain 404 (never a
redirect to ``http://<Host>/...``), and a Host the server does not serve is refused."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from entrypoints.http import create_app
from tests.e2e.conftest import PASSWORD, Api, memory_settings, open_api
from tests.e2e.realworld.conftest import errors_of

PROBLEM = "application/problem+json"
EVIL = {"Host": "evil.example"}
ADA = {"username": "ada", "email": "ada@example.com", "password": PASSWORD}


def problem_of(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    assert "location" not in response.headers
    body: dict[str, Any] = response.json()
    return body


async def test_a_trailing_slash_is_a_404_problem_not_a_redirect(api: Api) -> None:
    listing = await api.client.get("/api/v1/posts/")
    sign_in = await api.client.post(
        "/api/v1/auth/token/", data={"username": "ada", "password": PASSWORD}
    )

    assert problem_of(listing, 404)["code"] == "not_found"
    assert problem_of(sign_in, 404)["code"] == "not_found"


async def test_a_trailing_slash_on_the_realworld_api_is_its_404(api: Api) -> None:
    response = await api.client.get("/api/articles/")

    assert "location" not in response.headers
    assert errors_of(response, 404) == {"path": ["not found"]}


async def test_no_documented_route_redirects_when_a_slash_is_added(api: Api) -> None:
    document = (await api.client.get("/openapi.json")).json()
    for template, operations in [*document["paths"].items(), ("/docs", {"get": {}})]:
        path = re.sub(r"\{[^}]+\}", "1", template) + "/"
        for method in operations:
            response = await api.client.request(method.upper(), path)
            assert response.status_code == 404, (method, path, response.status_code)
            assert "location" not in response.headers, (method, path)


async def test_a_sign_up_sent_to_a_slashed_path_creates_nobody(api: Api) -> None:
    refused = await api.client.post("/api/v1/users/", json=ADA)

    assert problem_of(refused, 404)["code"] == "not_found"
    assert (await api.client.get("/api/v1/users/ada")).status_code == 404


BLOG_HOSTS = "blog.example.com,*.blog.example.com"


@pytest.fixture
async def served_by_name() -> AsyncIterator[Api]:
    """An app that serves ``blog.example.com`` and its subdomains only."""
    client, container, clock = await open_api(memory_settings(allowed_hosts=BLOG_HOSTS))
    client.headers["Host"] = "blog.example.com"
    async with client:
        yield Api(client, container, clock)


@pytest.mark.parametrize("path", ["/api/v1/posts", "/api/v1/posts/", "/health/live", "/docs"])
async def test_a_host_the_server_does_not_serve_gets_the_400_problem(
    served_by_name: Api, path: str
) -> None:
    problem = problem_of(await served_by_name.client.get(path, headers=EVIL), 400)

    assert problem["code"] == "host_not_allowed"
    assert problem["request_id"]


async def test_a_sign_in_for_another_host_is_refused_before_it_is_read(served_by_name: Api) -> None:
    await served_by_name.sign_up("ada")
    response = await served_by_name.client.post(
        "/api/v1/auth/token", data={"username": "ada", "password": PASSWORD}, headers=EVIL
    )

    assert problem_of(response, 400)["code"] == "host_not_allowed"
    assert "access_token" not in response.text


async def test_a_sign_up_for_another_host_creates_nobody(served_by_name: Api) -> None:
    refused = await served_by_name.client.post("/api/v1/users", json=ADA, headers=EVIL)

    assert problem_of(refused, 400)["code"] == "host_not_allowed"
    assert (await served_by_name.client.get("/api/v1/users/ada")).status_code == 404


async def test_the_realworld_api_refuses_another_host_in_its_own_shape(served_by_name: Api) -> None:
    response = await served_by_name.client.get("/api/articles", headers=EVIL)

    assert errors_of(response, 400) == {"host": ["is not served here"]}


@pytest.mark.parametrize(
    "host",
    ["blog.example.com", "BLOG.Example.COM:8443", "eu.blog.example.com", "a.b.blog.example.com"],
)
async def test_the_named_hosts_and_their_subdomains_are_served(
    served_by_name: Api, host: str
) -> None:
    response = await served_by_name.client.get("/health/live", headers={"Host": host})

    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    "host",
    [
        "example.com",
        "notblog.example.com",
        "blog.example.com.evil.example",
        "blog.example.com:x",
        "",
    ],
)
async def test_near_misses_of_a_named_host_are_refused(served_by_name: Api, host: str) -> None:
    response = await served_by_name.client.get("/health/live", headers={"Host": host})

    assert problem_of(response, 400)["code"] == "host_not_allowed"


@pytest.mark.parametrize("host", ["localhost:8000", "127.0.0.1", "[::1]:8000", "inkport.test"])
async def test_development_serves_loopback_and_test_names(api: Api, host: str) -> None:
    assert (await api.client.get("/health/live", headers={"Host": host})).status_code == 200


async def test_development_refuses_any_other_name(api: Api) -> None:
    assert problem_of(await api.client.get("/health/live", headers=EVIL), 400)["code"] == (
        "host_not_allowed"
    )


async def test_a_live_socket_for_another_host_is_refused_with_the_problem() -> None:
    app = create_app(memory_settings(allowed_hosts=BLOG_HOSTS))
    sent: list[dict[str, Any]] = []
    scope = {
        "type": "websocket",
        "asgi": {"version": "3.0"},
        "scheme": "ws",
        "path": "/api/v1/posts/1/live",
        "raw_path": b"/api/v1/posts/1/live",
        "query_string": b"",
        "headers": [(b"host", b"evil.example")],
        "client": ("192.0.2.7", 50000),
        "server": ("blog.example.com", 80),
        "subprotocols": [],
        "extensions": {"websocket.http.response": {}},
    }

    async def receive() -> dict[str, Any]:
        return {"type": "websocket.connect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)

    assert sent[0]["type"] == "websocket.http.response.start"
    assert sent[0]["status"] == 400
