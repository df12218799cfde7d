"""POST and DELETE /api/articles/{slug}/favorite, GET /api/tags."""

from __future__ import annotations

from tests.e2e.conftest import Api
from tests.e2e.realworld.conftest import register, write_article


async def test_favoriting_counts_once_per_user_and_can_be_undone(api: Api) -> None:
    ada, bob = await register(api, "ada"), await register(api, "bob")
    await write_article(api, ada, title="Post")
    for _ in range(2):
        favored = await api.client.post("/api/articles/post/favorite", headers=bob)
        assert favored.status_code == 200
        article = favored.json()["article"]
        assert (article["favorited"], article["favoritesCount"]) == (True, 1)
    own = (await api.client.post("/api/articles/post/favorite", headers=ada)).json()["article"]
    assert (own["favorited"], own["favoritesCount"], own["body"]) == (True, 2, "Text")
    seen = (await api.client.get("/api/articles/post", headers=bob)).json()["article"]
    assert (seen["favorited"], seen["favoritesCount"]) == (True, 2)
    anonymous = (await api.client.get("/api/articles/post")).json()["article"]
    assert (anonymous["favorited"], anonymous["favoritesCount"]) == (False, 2)

    undone = await api.client.delete("/api/articles/post/favorite", headers=bob)
    article = undone.json()["article"]
    assert (article["favorited"], article["favoritesCount"]) == (False, 1)


async def test_tags_are_those_of_published_articles_most_used_first(api: Api) -> None:
    assert (await api.client.get("/api/tags")).json() == {"tags": []}
    ada = await register(api, "ada")
    await write_article(api, ada, title="One", tagList=["python", "web"])
    await write_article(api, ada, title="Two", tagList=["python"])
    assert (await api.client.get("/api/tags")).json() == {"tags": ["python", "web"]}
    await api.client.delete("/api/articles/one", headers=ada)
    assert (await api.client.get("/api/tags")).json() == {"tags": ["python"]}
