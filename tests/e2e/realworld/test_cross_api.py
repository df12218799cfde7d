"""One account, one set of posts: the RealWorld API and the native API side by side."""

from __future__ import annotations

from tests.e2e.conftest import PASSWORD, Api
from tests.e2e.realworld.conftest import register, token_headers, write_article


async def test_a_realworld_registration_signs_in_at_the_native_api(api: Api) -> None:
    await register(api, "ada")
    for login in ("ada", "ada@example.com"):
        tokens = await api.token(login)
        me = await api.client.get(
            "/api/v1/users/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}
        )
        assert (me.json()["username"], me.json()["role"]) == ("ada", "author")


async def test_a_native_registration_signs_in_at_the_realworld_api(api: Api) -> None:
    await api.sign_up("bob", bio="Builder")
    login = {"email": "bob@example.com", "password": PASSWORD}
    response = await api.client.post("/api/users/login", json={"user": login})
    assert response.status_code == 200
    user = response.json()["user"]
    assert (user["username"], user["bio"]) == ("bob", "Builder")
    me = await api.client.get("/api/user", headers=token_headers(user["token"]))
    assert me.json()["user"]["email"] == "bob@example.com"


async def test_a_password_set_through_realworld_is_the_native_password(api: Api) -> None:
    ada = await register(api, "ada")
    new = {"password": "bonjour tout le monde"}
    await api.client.put("/api/user", json={"user": new}, headers=ada)
    await api.token("ada", "bonjour tout le monde")


async def test_articles_are_posts_published_at_once_and_posts_are_articles(api: Api) -> None:
    ada = await register(api, "ada")
    article = await write_article(api, ada, title="Shared", tagList=["b", "a"])
    post = (await api.client.get(f"/api/v1/posts/{article['slug']}")).json()
    assert (post["status"], post["title"], post["tags"]) == ("published", "Shared", ["a", "b"])

    native = await api.login("ada")
    draft = await api.client.post(
        "/api/v1/posts", json={"title": "Draft", "body": "x"}, headers=native
    )
    draft_slug = draft.json()["slug"]
    assert (await api.client.get(f"/api/articles/{draft_slug}")).status_code == 404
    published = await api.client.post(f"/api/v1/posts/{draft_slug}/publish", headers=native)
    slug = published.json()["slug"]
    assert slug == "draft"  # the public slug is chosen at publication
    assert (await api.client.get(f"/api/articles/{slug}")).json()["article"]["title"] == "Draft"
