from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import PASSWORD, Api


async def test_patching_my_account_changes_only_what_was_sent(api: Api) -> None:
    await api.sign_up("ada", bio="Analyst")
    headers = await api.login("ada")
    response = await api.client.patch(
        "/api/v1/users/me", json={"full_name": "Ada L."}, headers=headers
    )
    assert response.status_code == 200
    assert (response.json()["full_name"], response.json()["bio"]) == ("Ada L.", "Analyst")
    cleared = await api.client.patch("/api/v1/users/me", json={"bio": None}, headers=headers)
    assert cleared.json()["bio"] is None


@pytest.mark.parametrize(
    "body",
    [
        {"role": "admin"},
        {"is_active": False},
        {"id": "00000000-0000-0000-0000-000000000000"},
        {"username": "renamed"},
        {"password": "new passphrase"},
        {"email": None},
        {"email": "bad"},
        {"image": "ftp://x.example.com/a.png"},
        {"bio": "b" * 2001},
        {"full_name": 12},
    ],
)
async def test_bad_account_patches_get_422_and_change_nothing(
    api: Api, body: dict[str, Any]
) -> None:
    await api.sign_up("ada", bio="kept")
    headers = await api.login("ada")
    before = (await api.client.get("/api/v1/users/me", headers=headers)).json()
    response = await api.client.patch("/api/v1/users/me", json=body, headers=headers)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert (await api.client.get("/api/v1/users/me", headers=headers)).json() == before


async def test_taking_someone_elses_email_gets_409(api: Api) -> None:
    await api.sign_up("ada")
    await api.sign_up("bob")
    headers = await api.login("ada")
    response = await api.client.patch(
        "/api/v1/users/me", json={"email": "Bob@Example.com"}, headers=headers
    )
    assert response.status_code == 409
    assert response.json()["code"] == "email_taken"


async def test_changing_the_password_returns_a_new_working_session(api: Api) -> None:
    await api.sign_up("ada")
    old = await api.login("ada")
    response = await api.client.post(
        "/api/v1/users/me/password",
        json={"current_password": PASSWORD, "new_password": "a new passphrase"},
        headers=old,
    )
    assert response.status_code == 200
    new = {"Authorization": f"Bearer {response.json()['access_token']}"}
    assert (await api.client.get("/api/v1/users/me", headers=new)).status_code == 200
    assert (await api.client.get("/api/v1/users/me", headers=old)).status_code == 401


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"current_password": "wrong one", "new_password": "a new passphrase"}, "current_password"),
        ({"current_password": PASSWORD, "new_password": "short"}, "new_password"),
        ({"current_password": PASSWORD}, "new_password"),
    ],
)
async def test_bad_password_changes_get_422_and_keep_the_old_password(
    api: Api, body: dict[str, str], field: str
) -> None:
    await api.sign_up("ada")
    headers = await api.login("ada")
    response = await api.client.post("/api/v1/users/me/password", json=body, headers=headers)
    assert response.status_code == 422
    assert field in str(response.json()["errors"])
    await api.login("ada")
