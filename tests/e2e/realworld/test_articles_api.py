"""POST /api/articles, GET, PUT and DELETE /api/articles/{slug}."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest

from tests.e2e.conftest import Api
from tests.e2e.realworld.conftest import Headers, errors_of, register, write_article

ISO_MS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


async def _count(api: Api) -> int:
    count: int = (await api.client.get("/api/articles")).json()["articlesCount"]
    return count


async def _put(api: Api, slug: str, headers: Headers, **fields: Any) -> Any:
    return await api.client.put(f"/api/articles/{slug}", json={"article": fields}, headers=headers)


async def test_an_article_is_created_read_updated_and_deleted(api: Api) -> None:
    ada = await register(api, "ada")
    created = await write_article(
        api, ada, title="How to Train", description="Ever wonder?", body="Carefully.",
        tagList=["training", "Dragons", "training"],
    )  # fmt: skip
    assert {k: created[k] for k in ("slug", "title", "description", "body", "tagList")} == {
        "slug": "how-to-train", "title": "How to Train", "description": "Ever wonder?",
        "body": "Carefully.", "tagList": ["dragons", "training"],
    }  # fmt: skip
    assert (created["favorited"], created["favoritesCount"]) == (False, 0)
    assert created["author"] == {"username": "ada", "bio": None, "image": None, "following": False}
    assert ISO_MS.match(created["createdAt"]) and created["createdAt"] == created["updatedAt"]
    fetched = await api.client.get("/api/articles/how-to-train")
    assert fetched.json() == {"article": created}

    api.clock.advance(timedelta(seconds=5))
    updated = (await _put(api, "how-to-train", ada, body="With two hands", title="New")).json()
    article = updated["article"]
    assert (article["slug"], article["title"], article["body"]) == (
        "how-to-train", "New", "With two hands",
    )  # fmt: skip
    assert article["createdAt"] == created["createdAt"] < article["updatedAt"]
    assert article["tagList"] == ["dragons", "training"]

    assert (await _put(api, "how-to-train", ada, tagList=[])).json()["article"]["tagList"] == []
    deleted = await api.client.delete("/api/articles/how-to-train", headers=ada)
    assert (deleted.status_code, deleted.content) == (204, b"")
    gone = await api.client.get("/api/articles/how-to-train")
    assert errors_of(gone, 404) == {"article": ["not found"]}


async def test_equal_titles_get_distinct_slugs(api: Api) -> None:
    ada = await register(api, "ada")
    first, second = [await write_article(api, ada, title="Same") for _ in range(2)]
    assert first["slug"] != second["slug"]


async def test_an_articles_slug_does_not_reveal_a_draft_of_the_same_title(api: Api) -> None:
    await api.sign_up("bob")
    draft = {"title": "Draft plans", "body": "x"}
    hidden = await api.client.post("/api/v1/posts", json=draft, headers=await api.login("bob"))
    assert hidden.status_code == 201
    article = await write_article(api, await register(api, "ada"), title="Draft plans")
    assert article["slug"] == "draft-plans"


@pytest.mark.parametrize("field", ["title", "description", "body"])
@pytest.mark.parametrize("value", ["", "  ", None])
async def test_a_blank_field_is_422_and_nothing_is_created(
    api: Api, field: str, value: str | None
) -> None:
    ada = await register(api, "ada")
    article = {"title": "T", "description": "D", "body": "B", field: value}
    response = await api.client.post("/api/articles", json={"article": article}, headers=ada)
    assert errors_of(response, 422) == {field: ["can't be blank"]}
    assert await _count(api) == 0


async def test_unknown_fields_are_ignored_and_never_stored(api: Api) -> None:
    ada = await register(api, "ada")
    article = await write_article(
        api, ada, title="Mine", slug="chosen", favoritesCount=99, author={"username": "bob"},
        createdAt="2000-01-01T00:00:00.000Z", status="draft",
    )  # fmt: skip
    assert (article["slug"], article["favoritesCount"]) == ("mine", 0)
    assert (article["author"]["username"], article["createdAt"][:4]) == ("ada", "2026")
    assert await _count(api) == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"tagList": None}, "tagList"), ({"title": ""}, "title"), ({"body": None}, "body"),
     ({"tagList": ["a,b"]}, "tagList"), ({"tagList": [str(i) for i in range(11)]}, "tagList"),
     ({"description": "x" * 301}, "description"), ({"other": 1}, "article")],
)  # fmt: skip
async def test_a_bad_update_is_422_and_changes_nothing(
    api: Api, fields: dict[str, Any], field: str
) -> None:
    ada = await register(api, "ada")
    before = await write_article(api, ada, title="Kept", tagList=["kept"])
    assert list(errors_of(await _put(api, "kept", ada, **fields), 422)) == [field]
    assert (await api.client.get("/api/articles/kept")).json()["article"] == before


async def test_only_the_author_may_change_or_delete_an_article(api: Api) -> None:
    ada, bob = await register(api, "ada"), await register(api, "bob")
    before = await write_article(api, ada, title="Comments welcome")
    refused = await _put(api, "comments-welcome", bob, body="hijacked")
    assert errors_of(refused, 403) == {"article": ["forbidden"]}
    deleted = await api.client.delete("/api/articles/comments-welcome", headers=bob)
    assert errors_of(deleted, 403) == {"article": ["forbidden"]}
    assert (await api.client.get("/api/articles/comments-welcome")).json()["article"] == before


async def test_an_unknown_slug_is_404_everywhere(api: Api) -> None:
    ada = await register(api, "ada")
    calls = [("GET", ""), ("PUT", ""), ("DELETE", ""), ("POST", "/favorite"),
             ("DELETE", "/favorite"), ("GET", "/comments"), ("POST", "/comments")]  # fmt: skip
    for slug in ("unknown-slug", "x" * 300, "6a2f41a3-c54c-fce8-32d2-0324e1c32e22"):
        for method, suffix in calls:
            body = {"article": {"body": "b"}, "comment": {"body": "c"}}
            response = await api.client.request(
                method, f"/api/articles/{slug}{suffix}", json=body, headers=ada
            )
            assert errors_of(response, 404) == {"article": ["not found"]}, (method, suffix)
