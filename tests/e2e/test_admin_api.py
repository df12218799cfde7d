from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Api, make_admin


@pytest.mark.parametrize("role", ["viewer", "author", "editor"])
async def test_non_admins_get_403_on_admin_endpoints(api: Api, role: str) -> None:
    admin = await make_admin(api)
    await api.sign_up("someone")
    await api.client.patch("/api/v1/users/someone", json={"role": role}, headers=admin)
    headers = await api.login("someone")
    assert (await api.client.get("/api/v1/users", headers=headers)).status_code == 403
    response = await api.client.patch(
        "/api/v1/users/someone", json={"role": "admin"}, headers=headers
    )
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert (await api.client.get("/api/v1/users/me", headers=headers)).json()["role"] == role


async def test_admins_page_through_all_users(api: Api) -> None:
    admin = await make_admin(api)
    for i in range(5):
        await api.sign_up(f"user{i}")
    first = (await api.client.get("/api/v1/users", params={"limit": 4}, headers=admin)).json()
    second = (
        await api.client.get(
            "/api/v1/users", params={"limit": 4, "cursor": first["next_cursor"]}, headers=admin
        )
    ).json()
    names = [u["username"] for u in first["items"] + second["items"]]
    assert names == ["root", "user0", "user1", "user2", "user3", "user4"]
    assert second["next_cursor"] is None


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"limit": "many"}])
async def test_out_of_range_limits_get_422(api: Api, params: dict[str, Any]) -> None:
    admin = await make_admin(api)
    assert (await api.client.get("/api/v1/users", params=params, headers=admin)).status_code == 422


async def test_a_tampered_cursor_gets_400_invalid_cursor(api: Api) -> None:
    admin = await make_admin(api)
    response = await api.client.get(
        "/api/v1/users", params={"cursor": "eyJrIjoidXNlcnMifQ.AAAA"}, headers=admin
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_cursor"


async def test_demoting_the_last_admin_gets_409_and_changes_nothing(api: Api) -> None:
    admin = await make_admin(api)
    response = await api.client.patch("/api/v1/users/root", json={"role": "editor"}, headers=admin)
    assert response.status_code == 409
    assert response.json()["code"] == "last_admin"
    assert (await api.client.get("/api/v1/users/me", headers=admin)).json()["role"] == "admin"


@pytest.mark.parametrize(
    "body", [{"role": "superuser"}, {"is_active": "maybe"}, {"email": "x@example.com"}]
)
async def test_bad_admin_patches_get_422(api: Api, body: dict[str, Any]) -> None:
    admin = await make_admin(api)
    await api.sign_up("ada")
    response = await api.client.patch("/api/v1/users/ada", json=body, headers=admin)
    assert response.status_code == 422
    assert (await api.client.get("/api/v1/users/ada")).status_code == 200


async def test_an_admin_promotes_and_deactivates(api: Api) -> None:
    admin = await make_admin(api)
    await api.sign_up("ada")
    ada = await api.login("ada")
    promoted = await api.client.patch("/api/v1/users/ada", json={"role": "editor"}, headers=admin)
    assert promoted.json()["role"] == "editor"
    assert (await api.client.get("/api/v1/users/me", headers=ada)).json()["role"] == "editor"
    await api.client.patch("/api/v1/users/ada", json={"is_active": False}, headers=admin)
    assert (await api.client.get("/api/v1/users/me", headers=ada)).status_code == 401


async def test_patching_an_unknown_user_gets_404(api: Api) -> None:
    admin = await make_admin(api)
    response = await api.client.patch("/api/v1/users/ghost", json={"role": "editor"}, headers=admin)
    assert response.status_code == 404
    assert response.json()["code"] == "user_not_found"
