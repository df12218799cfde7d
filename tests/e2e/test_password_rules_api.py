"""Common passwords and passwords built on the account are refused on every way in, with
a clear 422 that changes nothing."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import PASSWORD, Api
from tests.e2e.realworld.conftest import errors_of, register

REFUSED = ["password", "12345678", "qwertyuiop", "Password1", "ada_lovelace", "my ada@example.com"]


async def test_the_packaged_list_is_in_force_by_default(api: Api) -> None:
    response = await api.client.post(
        "/api/v1/users",
        json={"username": "ada", "email": "ada@example.com", "password": "iloveyou123"},
    )
    assert response.status_code == 422


@pytest.mark.parametrize("password", REFUSED)
async def test_sign_up_refuses_the_password_and_creates_nobody(api: Api, password: str) -> None:
    body = {"username": "ada_lovelace", "email": "ada@example.com", "password": password}
    response = await api.client.post("/api/v1/users", json=body)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "validation_failed"
    assert [e["location"] for e in response.json()["errors"]] == [["body", "password"]]
    await api.sign_up("ada_lovelace")  # still free


@pytest.mark.parametrize("password", ["qwertyuiop", "ada-was-here", "ADA@example.com"])
async def test_a_password_change_refuses_the_password_and_changes_nothing(
    api: Api, password: str
) -> None:
    await api.sign_up("ada")
    tokens = await api.token("ada")
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}

    response = await api.client.post(
        "/api/v1/users/me/password",
        json={"current_password": PASSWORD, "new_password": password},
        headers=headers,
    )

    assert response.status_code == 422
    assert response.json()["code"] == "validation_failed"
    assert (await api.client.get("/api/v1/users/me", headers=headers)).status_code == 200
    await api.token("ada", PASSWORD)


@pytest.mark.parametrize("password", ["password", "Password1", "ada_lovelace"])
async def test_realworld_sign_up_refuses_the_password_and_creates_nobody(
    api: Api, password: str
) -> None:
    user = {"username": "ada_lovelace", "email": "ada@example.com", "password": password}
    response = await api.client.post("/api/users", json={"user": user})

    assert list(errors_of(response, 422)) == ["password"]
    await register(api, "ada_lovelace")


@pytest.mark.parametrize("password", ["qwertyuiop", "ada-was-here"])
async def test_realworld_user_update_refuses_the_password_and_changes_nothing(
    api: Api, password: str
) -> None:
    headers = await register(api, "ada")
    response = await api.client.put(
        "/api/user", json={"user": {"bio": "not stored", "password": password}}, headers=headers
    )

    assert list(errors_of(response, 422)) == ["password"]
    me = await api.client.get("/api/user", headers=headers)
    assert me.json()["user"]["bio"] is None
    await api.token("ada", PASSWORD)
