from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import PASSWORD, Api

VALID = {"username": "ada", "email": "ada@example.com", "password": PASSWORD}


async def test_signing_up_answers_201_with_location_and_no_secret(api: Api) -> None:
    response = await api.client.post("/api/v1/users", json={**VALID, "bio": "Analyst"})
    assert response.status_code == 201
    assert response.headers["location"] == "/api/v1/users/ada"
    body = response.json()
    assert body["username"] == "ada"
    assert body["role"] == "author"
    assert body["image"] is None
    assert not {"password", "password_hash"} & body.keys()
    assert PASSWORD not in response.text
    assert "argon2" not in response.text


def _problem_is_422(response: Any) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "validation_failed"
    assert body["errors"]
    assert {"type", "title", "status", "detail", "request_id"} <= body.keys()


BAD_BODIES: list[tuple[str, dict[str, Any]]] = [
    ("unknown field role", {**VALID, "role": "admin"}),
    ("unknown field id", {**VALID, "id": "x"}),
    ("missing password", {"username": "ada", "email": "ada@example.com"}),
    ("missing everything", {}),
    ("username wrong type", {**VALID, "username": 42}),
    ("username too short", {**VALID, "username": "ab"}),
    ("username too long", {**VALID, "username": "a" * 33}),
    ("username bad chars", {**VALID, "username": "ada lovelace"}),
    ("invalid email", {**VALID, "email": "not-an-email"}),
    ("email too long", {**VALID, "email": "a" * 250 + "@example.com"}),
    ("weak password", {**VALID, "password": "short"}),
    ("over-long password", {**VALID, "password": "x" * 129}),
    ("bio too long", {**VALID, "bio": "b" * 2001}),
    ("image not a URL", {**VALID, "image": "javascript:alert(1)"}),
    ("body is a list", [VALID]),  # type: ignore[list-item]
]


@pytest.mark.parametrize(("case", "body"), BAD_BODIES, ids=[c for c, _ in BAD_BODIES])
async def test_bad_sign_up_bodies_get_422_and_create_nothing(
    api: Api, case: str, body: Any
) -> None:
    _problem_is_422(await api.client.post("/api/v1/users", json=body))
    assert api.db.users == {}


async def test_malformed_json_gets_422_and_creates_nothing(api: Api) -> None:
    response = await api.client.post(
        "/api/v1/users",
        content=b'{"username": "ada",',
        headers={"content-type": "application/json"},
    )
    _problem_is_422(response)
    assert api.db.users == {}


async def test_validation_errors_never_echo_the_password(api: Api) -> None:
    response = await api.client.post("/api/v1/users", json={**VALID, "password": "secret1"})
    assert response.status_code == 422
    assert "secret1" not in response.text


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"username": "ADA", "email": "other@example.com"}, "username_taken"),
        ({"username": "other", "email": "ADA@EXAMPLE.com"}, "email_taken"),
    ],
)
async def test_duplicates_in_any_letter_case_get_409(
    api: Api, changes: dict[str, str], code: str
) -> None:
    await api.client.post("/api/v1/users", json=VALID)
    response = await api.client.post("/api/v1/users", json={**VALID, **changes})
    assert response.status_code == 409
    assert response.json()["code"] == code
    assert len(api.db.users) == 1


async def test_a_public_profile_is_readable_without_signing_in(api: Api) -> None:
    await api.sign_up("Ada", bio="Analyst")
    response = await api.client.get("/api/v1/users/ada")
    assert response.status_code == 200
    assert response.json() == {
        "username": "Ada",
        "full_name": None,
        "bio": "Analyst",
        "image": None,
        "following": False,
    }


async def test_an_unknown_profile_is_a_404_problem(api: Api) -> None:
    response = await api.client.get("/api/v1/users/nobody")
    assert response.status_code == 404
    assert response.json()["code"] == "user_not_found"
