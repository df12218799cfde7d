"""``Authorization: Token <jwt>``: missing, malformed and invalid headers."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Api
from tests.e2e.realworld.conftest import errors_of, register

PROTECTED = [
    ("GET", "/api/user"),
    ("PUT", "/api/user"),
    ("POST", "/api/articles"),
    ("GET", "/api/articles/feed"),
    ("PUT", "/api/articles/some-slug"),
    ("DELETE", "/api/articles/some-slug"),
    ("POST", "/api/articles/some-slug/favorite"),
    ("DELETE", "/api/articles/some-slug/favorite"),
    ("POST", "/api/articles/some-slug/comments"),
    ("DELETE", "/api/articles/some-slug/comments/1"),
    ("POST", "/api/profiles/someone/follow"),
    ("DELETE", "/api/profiles/someone/follow"),
]
MALFORMED = [
    "Token",
    "Token    ",
    "Bearer abc.def.ghi",
    "Basic dXNlcjpwYXNz",
    "Token not-a-jwt",
    "Token a.b.c",
    "Token two words",
    "tokenabc",
]


@pytest.mark.parametrize(("method", "path"), PROTECTED)
async def test_a_protected_route_without_a_token_is_401_token_is_missing(
    api: Api, method: str, path: str
) -> None:
    for headers in ({}, {"Authorization": ""}):
        response = await api.client.request(method, path, json={}, headers=headers)
        assert errors_of(response, 401) == {"token": ["is missing"]}
        assert response.headers["www-authenticate"] == "Token"


@pytest.mark.parametrize("header", MALFORMED)
@pytest.mark.parametrize("path", ["/api/user", "/api/articles", "/api/profiles/ada"])
async def test_a_malformed_or_invalid_token_is_401_even_where_signing_in_is_optional(
    api: Api, header: str, path: str
) -> None:
    await register(api, "ada")
    response = await api.client.get(path, headers={"Authorization": header})
    assert errors_of(response, 401) == {"token": ["is invalid"]}


async def test_the_scheme_is_case_insensitive_and_a_native_token_works(api: Api) -> None:
    await register(api, "ada")
    native = (await api.token("ada"))["access_token"]
    response = await api.client.get("/api/user", headers={"Authorization": f"token {native}"})
    assert response.json()["user"]["token"] == native


async def test_a_deactivated_users_token_stops_working(api: Api) -> None:
    headers = await register(api, "ada")
    admin = await api.container.use_cases.admin().create_admin(
        username="root", email="root@example.com", password="correct horse battery"
    )
    assert admin.username == "root"
    root = await api.login("root")
    deactivate = await api.client.patch(
        "/api/v1/users/ada", json={"is_active": False}, headers=root
    )
    assert deactivate.status_code == 200, deactivate.text
    assert errors_of(await api.client.get("/api/user", headers=headers), 401) == {
        "token": ["is invalid"]
    }
