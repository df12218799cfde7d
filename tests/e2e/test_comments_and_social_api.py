from __future__ import annotations

from datetime import timedelta

import pytest

from tests.e2e.conftest import Api, promote, write_post


async def test_comments_are_added_listed_oldest_first_and_paged(api: Api) -> None:
    await api.sign_up("ada")
    await api.sign_up("bob")
    post = await write_post(api, await api.login("ada"))
    bob = await api.login("bob")
    url = f"/api/v1/posts/{post['id']}/comments"
    for i in range(3):
        api.clock.advance(timedelta(seconds=1))
        response = await api.client.post(url, json={"body": f"c{i}"}, headers=bob)
        assert response.status_code == 201
        assert response.headers["location"].endswith(response.json()["id"])
    first = (await api.client.get(url, params={"limit": 2})).json()
    rest = (await api.client.get(url, params={"limit": 2, "cursor": first["next_cursor"]})).json()
    assert [c["body"] for c in first["items"] + rest["items"]] == ["c0", "c1", "c2"]
    assert rest["next_cursor"] is None
    assert (await api.client.get(f"/api/v1/posts/{post['id']}")).json()["comments_count"] == 3


@pytest.mark.parametrize(
    "body",
    [{"body": ""}, {"body": "   \n"}, {"body": "x" * 5001}, {}, {"body": "ok", "author": "x"}],
)
async def test_bad_comments_get_422_and_are_not_stored(api: Api, body: dict[str, str]) -> None:
    await api.sign_up("ada")
    headers = await api.login("ada")
    post = await write_post(api, headers)
    response = await api.client.post(
        f"/api/v1/posts/{post['id']}/comments", json=body, headers=headers
    )
    assert response.status_code == 422
    assert api.db.comments == {}


async def test_comments_on_drafts_are_404(api: Api) -> None:
    await api.sign_up("ada")
    headers = await api.login("ada")
    post = await write_post(api, headers, publish=False)
    response = await api.client.post(
        f"/api/v1/posts/{post['id']}/comments", json={"body": "hi"}, headers=headers
    )
    assert response.status_code == 404


async def test_who_may_delete_a_comment(api: Api) -> None:
    for name in ("ada", "bob", "cat", "eve"):
        await api.sign_up(name)
    await promote(api, "eve", "editor")
    post = await write_post(api, await api.login("ada"))
    url = f"/api/v1/posts/{post['id']}/comments"

    async def comment() -> str:
        response = await api.client.post(url, json={"body": "hi"}, headers=await api.login("bob"))
        return str(response.json()["id"])

    first = await comment()
    assert (
        await api.client.delete(f"{url}/{first}", headers=await api.login("cat"))
    ).status_code == 403
    for deleter in ("bob", "ada", "eve"):  # its author, the post's author, an editor
        target = first if deleter == "bob" else await comment()
        assert (
            await api.client.delete(f"{url}/{target}", headers=await api.login(deleter))
        ).status_code == 204
    assert (
        await api.client.delete(f"{url}/{first}", headers=await api.login("bob"))
    ).status_code == 404


async def test_following_shows_in_profiles_and_fills_the_feed(api: Api) -> None:
    await api.sign_up("ada")
    await api.sign_up("bob")
    await write_post(api, await api.login("ada"), title="By Ada")
    bob = await api.login("bob")
    assert (await api.client.get("/api/v1/feed", headers=bob)).json()["items"] == []
    followed = await api.client.post("/api/v1/users/ada/follow", headers=bob)
    assert followed.status_code == 200 and followed.json()["following"] is True
    assert (await api.client.post("/api/v1/users/ada/follow", headers=bob)).json()[
        "following"
    ] is True
    assert (await api.client.get("/api/v1/users/ada", headers=bob)).json()["following"] is True
    assert (await api.client.get("/api/v1/users/ada")).json()["following"] is False
    feed = (await api.client.get("/api/v1/feed", headers=bob)).json()["items"]
    assert [p["title"] for p in feed] == ["By Ada"]
    assert feed[0]["author"]["following"] is True
    await api.client.delete("/api/v1/users/ada/follow", headers=bob)
    assert (await api.client.get("/api/v1/feed", headers=bob)).json()["items"] == []


async def test_following_yourself_is_422_and_unknown_users_404(api: Api) -> None:
    await api.sign_up("ada")
    ada = await api.login("ada")
    response = await api.client.post("/api/v1/users/ada/follow", headers=ada)
    assert response.status_code == 422
    assert (await api.client.post("/api/v1/users/ghost/follow", headers=ada)).status_code == 404
    assert api.db.follows == {}


async def test_favouriting_twice_keeps_one_favourite(api: Api) -> None:
    await api.sign_up("ada")
    await api.sign_up("bob")
    post = await write_post(api, await api.login("ada"))
    bob = await api.login("bob")
    url = f"/api/v1/posts/{post['id']}/favorite"
    await api.client.post(url, headers=bob)
    again = await api.client.post(url, headers=bob)
    assert (again.json()["favorites_count"], again.json()["favorited"]) == (1, True)
    removed = await api.client.delete(url, headers=bob)
    assert (removed.json()["favorites_count"], removed.json()["favorited"]) == (0, False)


async def test_tags_are_counted_over_published_posts(api: Api) -> None:
    await api.sign_up("ada")
    headers = await api.login("ada")
    await write_post(api, headers, tags=["python", "web"])
    await write_post(api, headers, tags=["python"])
    await write_post(api, headers, tags=["secret"], publish=False)
    items = (await api.client.get("/api/v1/tags")).json()["items"]
    assert items == [{"tag": "python", "posts": 2}, {"tag": "web", "posts": 1}]
