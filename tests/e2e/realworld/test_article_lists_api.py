"""GET /api/articles and GET /api/articles/feed."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Api
from tests.e2e.realworld.conftest import Headers, errors_of, register, write_article


async def _list(api: Api, query: str = "", headers: Headers | None = None) -> dict[str, Any]:
    response = await api.client.get(f"/api/articles{query}", headers=headers)
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


def _slugs(page: dict[str, Any]) -> list[str]:
    return [article["slug"] for article in page["articles"]]


async def test_lists_are_newest_first_without_body_with_the_total_count(api: Api) -> None:
    ada = await register(api, "ada")
    for n in range(3):
        await write_article(api, ada, title=f"Post {n}")
    page = await _list(api)
    assert (_slugs(page), page["articlesCount"]) == (["post-2", "post-1", "post-0"], 3)
    assert all("body" not in article for article in page["articles"])
    assert set(page["articles"][0]) == {
        "slug", "title", "description", "tagList", "createdAt", "updatedAt",
        "favorited", "favoritesCount", "author",
    }  # fmt: skip
    first, second = await _list(api, "?limit=1"), await _list(api, "?limit=1&offset=1")
    assert (_slugs(first), _slugs(second)) == (["post-2"], ["post-1"])
    assert first["articlesCount"] == second["articlesCount"] == 3
    beyond = await _list(api, "?offset=5")
    assert (beyond["articles"], beyond["articlesCount"]) == ([], 3)


async def test_filters_by_tag_author_and_favoriter(api: Api) -> None:
    ada, bob = await register(api, "ada"), await register(api, "bob")
    await write_article(api, ada, title="Dragons", tagList=["dragons", "training"])
    await write_article(api, bob, title="Cats", tagList=["cats"])
    await api.client.post("/api/articles/cats/favorite", headers=ada)
    assert _slugs(await _list(api, "?tag=Dragons")) == ["dragons"]
    assert _slugs(await _list(api, "?author=BOB")) == ["cats"]
    favorited = await _list(api, "?favorited=ada", headers=ada)
    assert (_slugs(favorited), favorited["articles"][0]["favorited"]) == (["cats"], True)
    assert (await _list(api, "?author=nobody")) == {"articles": [], "articlesCount": 0}
    both = await _list(api, "?author=ada&tag=cats")
    assert both["articlesCount"] == 0


async def test_the_feed_shows_followed_authors_only(api: Api) -> None:
    ada, bob = await register(api, "ada"), await register(api, "bob")
    await register(api, "cyd")
    assert await _list(api, "/feed", ada) == {"articles": [], "articlesCount": 0}
    await api.client.post("/api/profiles/bob/follow", headers=ada)
    for n in range(2):
        await write_article(api, bob, title=f"Bob {n}")
    await write_article(api, ada, title="Own")
    feed = await _list(api, "/feed", ada)
    assert (_slugs(feed), feed["articlesCount"]) == (["bob-1", "bob-0"], 2)
    assert feed["articles"][0]["author"]["following"] is True
    paged = await _list(api, "/feed?limit=1&offset=1", ada)
    assert (_slugs(paged), paged["articlesCount"]) == (["bob-0"], 2)


@pytest.mark.parametrize(
    ("query", "field"),
    [("?limit=0", "limit"), ("?limit=101", "limit"), ("?limit=x", "limit"),
     ("?offset=-1", "offset"), ("?offset=10001", "offset"), ("?tag=", "tag")],
)  # fmt: skip
async def test_bad_paging_is_422(api: Api, query: str, field: str) -> None:
    ada = await register(api, "ada")
    for path in ("/api/articles", "/api/articles/feed"):
        if field == "tag" and path.endswith("feed"):
            continue
        response = await api.client.get(f"{path}{query}", headers=ada)
        assert list(errors_of(response, 422)) == [field]
