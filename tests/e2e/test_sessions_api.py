"""Ended sessions refuse their access tokens at once (native API, over ASGI)."""

from __future__ import annotations

from typing import Any

import structlog

from tests.e2e.conftest import PASSWORD, Api, make_admin

NEW_PASSWORD = "a brand new passphrase"


def bearer(tokens: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


async def status_of_me(api: Api, tokens: dict[str, Any]) -> int:
    return (await api.client.get("/api/v1/users/me", headers=bearer(tokens))).status_code


async def test_after_logout_the_access_token_is_refused_at_once(api: Api) -> None:
    await api.sign_up("ada")
    mine, other = await api.token("ada"), await api.token("ada")

    response = await api.client.post(
        "/api/v1/auth/logout", json={"refresh_token": mine["refresh_token"]}
    )

    assert response.status_code == 204
    refused = await api.client.get("/api/v1/users/me", headers=bearer(mine))
    assert refused.status_code == 401
    assert refused.json()["code"] == "invalid_token"
    assert await status_of_me(api, other) == 200


async def test_refresh_token_reuse_refuses_every_access_token_of_the_family(api: Api) -> None:
    await api.sign_up("ada")
    stolen = await api.token("ada")
    rotated = await api.client.post(
        "/api/v1/auth/refresh", json={"refresh_token": stolen["refresh_token"]}
    )
    assert rotated.status_code == 200
    reused = await api.client.post(
        "/api/v1/auth/refresh", json={"refresh_token": stolen["refresh_token"]}
    )

    assert reused.status_code == 401
    assert await status_of_me(api, stolen) == 401
    assert await status_of_me(api, rotated.json()) == 401


async def test_a_password_change_refuses_the_other_sessions_at_once(api: Api) -> None:
    await api.sign_up("ada")
    mine, other = await api.token("ada"), await api.token("ada")

    changed = await api.client.post(
        "/api/v1/users/me/password",
        json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        headers=bearer(mine),
    )

    assert changed.status_code == 200, changed.text
    assert await status_of_me(api, other) == 401
    assert await status_of_me(api, mine) == 401
    assert await status_of_me(api, changed.json()) == 200


async def test_deactivation_refuses_the_users_access_tokens_at_once(api: Api) -> None:
    admin = await make_admin(api)
    await api.sign_up("ada")
    tokens = await api.token("ada")

    response = await api.client.patch("/api/v1/users/ada", json={"is_active": False}, headers=admin)

    assert response.status_code == 200
    assert await status_of_me(api, tokens) == 401


async def test_a_password_change_is_delivered_to_the_owner_by_the_notifier(api: Api) -> None:
    await api.sign_up("ada")
    tokens = await api.token("ada")
    await api.client.post(
        "/api/v1/users/me/password",
        json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        headers=bearer(tokens),
    )

    with structlog.testing.capture_logs() as logs:
        await api.container.use_cases.dispatcher().dispatch_once()

    notified = [line for line in logs if line["event"] == "password_change_notified"]
    assert [line["username"] for line in notified] == ["ada"]
