"""POST /api/users, POST /api/users/login, GET /api/user."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import PASSWORD, Api
from tests.e2e.realworld.conftest import errors_of, register, token_headers

ADA = {"username": "ada", "email": "ada@example.com", "password": PASSWORD}


async def test_registering_answers_the_user_with_a_working_token(api: Api) -> None:
    response = await api.client.post("/api/users", json={"user": ADA})
    assert response.status_code == 201
    user = response.json()["user"]
    assert {k: v for k, v in user.items() if k != "token"} == {
        "email": "ada@example.com",
        "username": "ada",
        "bio": None,
        "image": None,
    }
    me = await api.client.get("/api/user", headers=token_headers(user["token"]))
    assert me.status_code == 200
    assert me.json() == {"user": user}


async def test_registration_ignores_fields_the_spec_does_not_define(api: Api) -> None:
    sneaky = {**ADA, "role": "admin", "bio": "set at sign-up?", "id": "x"}
    response = await api.client.post("/api/users", json={"user": sneaky, "admin": True})
    assert response.status_code == 201
    assert response.json()["user"]["bio"] is None
    native = await api.client.get("/api/v1/users/me", headers=await api.login("ada"))
    assert native.json()["role"] == "author"


@pytest.mark.parametrize("field", ["username", "email", "password"])
@pytest.mark.parametrize("value", ["", "   ", None])
async def test_a_blank_registration_field_is_422_and_creates_nobody(
    api: Api, field: str, value: str | None
) -> None:
    response = await api.client.post("/api/users", json={"user": {**ADA, field: value}})
    assert errors_of(response, 422) == {field: ["can't be blank"]}
    await register(api, "ada")


async def test_registration_reports_every_missing_field_and_a_missing_envelope(api: Api) -> None:
    assert errors_of(await api.client.post("/api/users", json={"user": {}}), 422) == {
        "username": ["can't be blank"],
        "email": ["can't be blank"],
        "password": ["can't be blank"],
    }
    assert errors_of(await api.client.post("/api/users", json=ADA), 422) == {
        "user": ["can't be blank"]
    }


@pytest.mark.parametrize(
    ("change", "field"),
    [({"username": "ADA"}, "username"), ({"email": "Ada@Example.com"}, "email")],
)
async def test_a_taken_username_or_email_is_409(
    api: Api, change: dict[str, str], field: str
) -> None:
    await register(api, "ada")
    other = {"username": "bob", "email": "bob@example.com", "password": PASSWORD, **change}
    response = await api.client.post("/api/users", json={"user": other})
    assert errors_of(response, 409) == {field: ["has already been taken"]}


async def test_invalid_registration_values_are_422_with_the_reason(api: Api) -> None:
    short = await api.client.post("/api/users", json={"user": {**ADA, "password": "short7c"}})
    assert errors_of(short, 422) == {"password": ["is too short (minimum is 8 characters)"]}
    spaced = await api.client.post("/api/users", json={"user": {**ADA, "username": "a b"}})
    assert list(errors_of(spaced, 422)) == ["username"]


async def test_signing_in_by_email(api: Api) -> None:
    await register(api, "ada")
    body = {"user": {"email": "ADA@example.com", "password": PASSWORD}}
    response = await api.client.post("/api/users/login", json=body)
    assert response.status_code == 200
    user = response.json()["user"]
    assert (user["username"], user["email"], user["bio"], user["image"]) == (
        "ada",
        "ada@example.com",
        None,
        None,
    )
    assert response.headers["cache-control"] == "no-store"
    assert (await api.client.get("/api/user", headers=token_headers(user["token"]))).is_success


@pytest.mark.parametrize(
    "login",
    [
        {"email": "ada@example.com", "password": "wrong pass"},
        {"email": "x@y.org", "password": PASSWORD},
    ],
)
async def test_wrong_credentials_are_401_credentials_invalid(
    api: Api, login: dict[str, str]
) -> None:
    await register(api, "ada")
    response = await api.client.post("/api/users/login", json={"user": login})
    assert errors_of(response, 401) == {"credentials": ["invalid"]}
    assert response.headers["www-authenticate"] == "Token"


@pytest.mark.parametrize("field", ["email", "password"])
async def test_a_blank_login_field_is_422(api: Api, field: str) -> None:
    login = {"email": "ada@example.com", "password": PASSWORD, field: ""}
    response = await api.client.post("/api/users/login", json={"user": login})
    assert errors_of(response, 422) == {field: ["can't be blank"]}
