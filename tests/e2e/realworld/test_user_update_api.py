"""PUT /api/user."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import PASSWORD, Api, memory_settings, open_api
from tests.e2e.realworld.conftest import Headers, errors_of, register, token_headers


async def _put(api: Api, headers: Headers, **fields: Any) -> Any:
    return await api.client.put("/api/user", json={"user": fields}, headers=headers)


async def _me(api: Api, headers: Headers) -> dict[str, Any]:
    user: dict[str, Any] = (await api.client.get("/api/user", headers=headers)).json()["user"]
    return user


async def test_bio_and_image_change_and_blank_or_null_is_stored_as_null(api: Api) -> None:
    ada = await register(api, "ada")
    image = "https://example.com/photo.jpg"
    changed = (await _put(api, ada, bio="Analyst", image=image)).json()["user"]
    assert (changed["bio"], changed["image"]) == ("Analyst", image)
    assert (await _me(api, ada))["bio"] == "Analyst"
    for blank in ("", None):
        cleared = (await _put(api, ada, bio=blank, image=blank)).json()["user"]
        assert (cleared["bio"], cleared["image"]) == (None, None)
        assert (await _me(api, ada))["image"] is None
        await _put(api, ada, bio="again", image=image)


async def test_username_and_email_change_and_the_token_keeps_working(api: Api) -> None:
    ada = await register(api, "ada")
    await _put(api, ada, bio="kept")
    response = await _put(api, ada, username="ada_l", email="lovelace@example.com")
    assert response.status_code == 200
    user = response.json()["user"]
    assert (user["username"], user["email"], user["bio"]) == (
        "ada_l",
        "lovelace@example.com",
        "kept",
    )
    assert user["token"] == ada["Authorization"].removeprefix("Token ")
    assert (await _me(api, ada))["username"] == "ada_l"
    login = {"email": "lovelace@example.com", "password": PASSWORD}
    assert (await api.client.post("/api/users/login", json={"user": login})).is_success


async def test_a_new_password_works_and_the_token_in_use_keeps_working(api: Api) -> None:
    ada = await register(api, "ada")
    for password in ("bonjour tout le monde", "a" * 64):
        assert (await _put(api, ada, password=password)).status_code == 200
        assert (await api.client.get("/api/user", headers=ada)).status_code == 200
    old = {"email": "ada@example.com", "password": PASSWORD}
    assert (await api.client.post("/api/users/login", json={"user": old})).status_code == 401
    new = {"email": "ada@example.com", "password": "a" * 64}
    assert (await api.client.post("/api/users/login", json={"user": new})).status_code == 200


async def test_a_new_password_ends_every_other_session_at_once(api: Api) -> None:
    ada = await register(api, "ada")
    login = {"email": "ada@example.com", "password": PASSWORD}
    elsewhere = (await api.client.post("/api/users/login", json={"user": login})).json()
    native = await api.login("ada")

    assert (await _put(api, ada, password="a brand new passphrase")).status_code == 200

    assert (await api.client.get("/api/user", headers=ada)).status_code == 200
    other = await api.client.get("/api/user", headers=token_headers(elsewhere["user"]["token"]))
    assert errors_of(other, 401)
    assert (await api.client.get("/api/v1/users/me", headers=native)).status_code == 401


async def test_the_official_suites_passwords_pass_once_the_list_is_turned_off() -> None:
    client, container, clock = await open_api(memory_settings(refuse_common_passwords=False))
    async with client:
        api = Api(client, container, clock)
        ada = await register(api, "ada", password="password123")
        assert (await _put(api, ada, password="bonjour1")).status_code == 200
        assert (await _put(api, ada, password="ada-and-more")).status_code == 422


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"username": ""}, {"username": ["can't be blank"]}),
        ({"username": None}, {"username": ["can't be blank"]}),
        ({"email": ""}, {"email": ["can't be blank"]}),
        ({"email": None}, {"email": ["can't be blank"]}),
        ({"password": ""}, {"password": ["can't be blank"]}),
        ({"password": None}, {"password": ["can't be blank"]}),
        ({"password": "short7c"}, {"password": ["is too short (minimum is 8 characters)"]}),
        ({"email": "not-an-address"}, {"email": ["Email address is not valid."]}),
        ({"image": "ftp://x.org/a.png"}, {"image": ["Image must be an absolute http(s) URL."]}),
        ({"image": 42}, {"image": ["is invalid"]}),
    ],
)  # fmt: skip
async def test_a_bad_update_is_422_and_changes_nothing(
    api: Api, fields: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    ada = await register(api, "ada")
    before = await _me(api, ada)
    response = await _put(api, ada, bio="must not be stored", **fields)
    assert errors_of(response, 422) == errors
    assert await _me(api, ada) == before


@pytest.mark.parametrize("body", [{"user": {}}, {"user": {"role": "admin"}}, {"bio": "x"}])
async def test_an_update_without_a_known_field_is_422(api: Api, body: dict[str, Any]) -> None:
    ada = await register(api, "ada")
    response = await api.client.put("/api/user", json=body, headers=ada)
    assert response.status_code == 422
    assert set(errors_of(response, 422)) == {"user"}


@pytest.mark.parametrize(("field", "value"), [("username", "BOB"), ("email", "bob@example.com")])
async def test_taking_someone_elses_username_or_email_is_409(
    api: Api, field: str, value: str
) -> None:
    ada = await register(api, "ada")
    await register(api, "bob")
    before = await _me(api, ada)
    response = await _put(api, ada, bio="must not be stored", **{field: value})
    assert errors_of(response, 409) == {field: ["has already been taken"]}
    assert await _me(api, ada) == before


async def test_unknown_fields_next_to_known_ones_are_ignored(api: Api) -> None:
    ada = await register(api, "ada")
    response = await _put(api, ada, bio="Analyst", role="admin", id="x")
    assert response.json()["user"]["bio"] == "Analyst"
    native = await api.client.get("/api/v1/users/me", headers=await api.login("ada"))
    assert native.json()["role"] == "author"
