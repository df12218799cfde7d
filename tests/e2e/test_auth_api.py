from __future__ import annotations

import time
from datetime import timedelta
from statistics import median
from typing import Any

import jwt
import pytest

from tests.e2e.conftest import (
    PASSWORD,
    Api,
    make_admin,
    memory_settings,
    open_api,
    without_request_id,
)


async def test_sign_in_returns_a_bearer_pair_that_is_not_cached(api: Api) -> None:
    await api.sign_up("ada")
    response = await api.client.post(
        "/api/v1/auth/token", data={"username": "ada", "password": PASSWORD}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 15 * 60
    assert body["refresh_token"]
    assert response.headers["cache-control"] == "no-store"
    me = await api.client.get(
        "/api/v1/users/me", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert me.status_code == 200
    assert me.json()["username"] == "ada"


async def _failed_login(api: Api, username: str, password: str) -> tuple[int, dict[str, Any], str]:
    response = await api.client.post(
        "/api/v1/auth/token", data={"username": username, "password": password}
    )
    return (
        response.status_code,
        without_request_id(response.json()),
        response.headers.get("www-authenticate", ""),
    )


async def test_unknown_user_and_wrong_password_get_the_same_answer(api: Api) -> None:
    await api.sign_up("ada")
    unknown = await _failed_login(api, "nobody", PASSWORD)
    wrong = await _failed_login(api, "ada", "wrong password")
    assert unknown == wrong
    assert unknown[0] == 401
    assert unknown[1]["code"] == "invalid_credentials"


async def test_unknown_user_and_wrong_password_take_about_the_same_time() -> None:
    # Real Argon2 cost, so the hash dominates: without the dummy hash the unknown-user
    # path would be ~100x faster.
    client, _container, _ = await open_api(
        memory_settings(argon2_time_cost=2, argon2_memory_cost=19456, argon2_parallelism=1)
    )
    async with client:
        await client.post(
            "/api/v1/users",
            json={"username": "ada", "email": "a@example.com", "password": PASSWORD},
        )

        async def timed(username: str, password: str) -> float:
            started = time.perf_counter()
            response = await client.post(
                "/api/v1/auth/token", data={"username": username, "password": password}
            )
            assert response.status_code == 401
            return time.perf_counter() - started

        unknown = median([await timed("nobody", PASSWORD) for _ in range(7)])
        wrong = median([await timed("ada", "wrong password") for _ in range(7)])
    assert 0.5 < unknown / wrong < 2.0


async def test_refresh_rotates_and_reuse_revokes_the_family(api: Api) -> None:
    await api.sign_up("ada")
    first = await api.token("ada")
    rotated = await api.client.post(
        "/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]}
    )
    assert rotated.status_code == 200
    reused = await api.client.post(
        "/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]}
    )
    assert reused.status_code == 401
    assert reused.json()["code"] == "invalid_token"
    newest = await api.client.post(
        "/api/v1/auth/refresh", json={"refresh_token": rotated.json()["refresh_token"]}
    )
    assert newest.status_code == 401


async def test_logout_revokes_the_refresh_token(api: Api) -> None:
    await api.sign_up("ada")
    tokens = await api.token("ada")
    assert (
        await api.client.post(
            "/api/v1/auth/logout", json={"refresh_token": tokens["refresh_token"]}
        )
    ).status_code == 204
    again = await api.client.post(
        "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert again.status_code == 401


@pytest.mark.parametrize(
    "body", [{}, {"refresh_token": ""}, {"refresh_token": "x", "extra": 1}, {"refresh_token": 5}]
)
async def test_bad_refresh_bodies_get_422(api: Api, body: dict[str, Any]) -> None:
    response = await api.client.post("/api/v1/auth/refresh", json=body)
    assert response.status_code == 422
    assert response.json()["code"] == "validation_failed"


async def test_sign_in_without_form_fields_gets_422(api: Api) -> None:
    response = await api.client.post("/api/v1/auth/token", data={"username": "ada"})
    assert response.status_code == 422


async def _rejections(api: Api) -> dict[str, dict[str, str]]:
    """Every kind of bad credential a client might send, keyed by what is wrong with it."""
    await api.sign_up("ada")
    await api.sign_up("bob")
    admin = await make_admin(api)
    key = api.container.settings().secret_key.get_secret_value()
    good = (await api.token("ada"))["access_token"]
    claims = jwt.decode(good, options={"verify_signature": False})
    cases = {
        "missing": {},
        "not bearer": {"Authorization": f"Basic {good}"},
        "empty bearer": {"Authorization": "Bearer "},
        "malformed": {"Authorization": "Bearer not.a.jwt"},
        "wrong signature": {
            "Authorization": "Bearer " + jwt.encode(claims, "x" * 32, algorithm="HS256")
        },
        "alg none": {"Authorization": "Bearer " + jwt.encode(claims, None, algorithm="none")},
        "unknown user": {
            "Authorization": "Bearer "
            + jwt.encode(
                {**claims, "sub": "00000000-0000-0000-0000-000000000000"}, key, algorithm="HS256"
            )
        },
    }
    bob = (await api.token("bob"))["access_token"]
    assert (
        await api.client.patch("/api/v1/users/bob", json={"is_active": False}, headers=admin)
    ).status_code == 200
    cases["deactivated user"] = {"Authorization": f"Bearer {bob}"}
    changed = await api.client.post(
        "/api/v1/users/me/password",
        json={"current_password": PASSWORD, "new_password": "another passphrase"},
        headers={"Authorization": f"Bearer {good}"},
    )
    assert changed.status_code == 200
    cases["issued before password change"] = {"Authorization": f"Bearer {good}"}
    return cases


async def test_every_bad_token_gets_the_same_401_with_www_authenticate(api: Api) -> None:
    cases = await _rejections(api)
    answers = {}
    for case, headers in cases.items():
        response = await api.client.get("/api/v1/users/me", headers=headers)
        assert response.status_code == 401, case
        assert response.headers["www-authenticate"] == "Bearer", case
        answers[case] = without_request_id(response.json())
    assert len({str(a) for a in answers.values()}) == 1, answers


async def test_an_expired_token_gets_401(api: Api) -> None:
    await api.sign_up("ada")
    headers = await api.login("ada")
    api.clock.advance(timedelta(minutes=16))
    response = await api.client.get("/api/v1/users/me", headers=headers)
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_token"
