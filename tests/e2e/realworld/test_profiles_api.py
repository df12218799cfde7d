"""GET /api/profiles/{username}, POST and DELETE /api/profiles/{username}/follow."""

from __future__ import annotations

from tests.e2e.conftest import Api
from tests.e2e.realworld.conftest import errors_of, register


async def test_a_profile_shows_following_from_the_callers_point_of_view(api: Api) -> None:
    ada = await register(api, "ada")
    await register(api, "bob")
    expected = {"username": "bob", "bio": None, "image": None, "following": False}
    assert (await api.client.get("/api/profiles/bob")).json() == {"profile": expected}
    assert (await api.client.get("/api/profiles/BOB", headers=ada)).json()["profile"] == expected

    followed = await api.client.post("/api/profiles/bob/follow", headers=ada)
    assert followed.status_code == 200
    assert followed.json()["profile"] == {**expected, "following": True}
    again = await api.client.post("/api/profiles/bob/follow", headers=ada)
    assert again.json()["profile"]["following"] is True
    seen = await api.client.get("/api/profiles/bob", headers=ada)
    assert seen.json()["profile"]["following"] is True

    unfollowed = await api.client.delete("/api/profiles/bob/follow", headers=ada)
    assert unfollowed.json()["profile"] == expected
    seen = await api.client.get("/api/profiles/bob", headers=ada)
    assert seen.json()["profile"]["following"] is False


async def test_an_unknown_profile_is_404(api: Api) -> None:
    ada = await register(api, "ada")
    assert errors_of(await api.client.get("/api/profiles/nobody"), 404) == {
        "profile": ["not found"]
    }
    for method in ("POST", "DELETE"):
        response = await api.client.request(method, "/api/profiles/nobody/follow", headers=ada)
        assert errors_of(response, 404) == {"profile": ["not found"]}


async def test_following_yourself_is_422(api: Api) -> None:
    ada = await register(api, "ada")
    response = await api.client.post("/api/profiles/ada/follow", headers=ada)
    assert list(errors_of(response, 422)) == ["username"]


async def test_a_follow_body_is_ignored(api: Api) -> None:
    ada = await register(api, "ada")
    await register(api, "bob")
    response = await api.client.post(
        "/api/profiles/bob/follow", json={"user": {"email": "x@y.org"}}, headers=ada
    )
    assert response.json()["profile"]["following"] is True
