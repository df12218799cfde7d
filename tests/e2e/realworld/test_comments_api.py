"""GET and POST /api/articles/{slug}/comments, DELETE /api/articles/{slug}/comments/{id}."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.e2e.conftest import Api
from tests.e2e.realworld.conftest import Headers, errors_of, register, write_article

MAX_SAFE_INTEGER = 2**53 - 1


async def _comment(api: Api, headers: Headers, text: str, slug: str = "post") -> dict[str, Any]:
    api.clock.advance(timedelta(seconds=1))
    response = await api.client.post(
        f"/api/articles/{slug}/comments", json={"comment": {"body": text}}, headers=headers
    )
    assert response.status_code == 201, response.text
    comment: dict[str, Any] = response.json()["comment"]
    return comment


async def _bodies(api: Api) -> list[str]:
    comments = (await api.client.get("/api/articles/post/comments")).json()["comments"]
    return [comment["body"] for comment in comments]


async def test_comments_have_stable_integer_ids_and_are_listed_oldest_first(api: Api) -> None:
    ada, bob = await register(api, "ada"), await register(api, "bob")
    await write_article(api, ada, title="Post")
    first = await _comment(api, bob, "First")
    second = await _comment(api, ada, "Second")
    assert all(
        isinstance(c["id"], int) and 0 <= c["id"] <= MAX_SAFE_INTEGER for c in (first, second)
    )
    assert first["id"] != second["id"]
    assert first["createdAt"] == first["updatedAt"]
    assert first["author"] == {"username": "bob", "bio": None, "image": None, "following": False}
    listed = (await api.client.get("/api/articles/post/comments", headers=ada)).json()
    assert listed == {"comments": [first, second]}

    deleted = await api.client.delete(f"/api/articles/post/comments/{first['id']}", headers=bob)
    assert (deleted.status_code, deleted.content) == (204, b"")
    assert await _bodies(api) == ["Second"]


async def test_every_comment_is_listed_however_many(api: Api) -> None:
    ada = await register(api, "ada")
    await write_article(api, ada, title="Post")
    for n in range(105):
        await _comment(api, ada, f"c{n}")
    assert await _bodies(api) == [f"c{n}" for n in range(105)]


async def test_the_article_author_may_delete_any_comment_others_may_not(api: Api) -> None:
    ada, bob, cyd = (
        await register(api, "ada"),
        await register(api, "bob"),
        await register(api, "cyd"),
    )
    await write_article(api, ada, title="Post")
    bobs = await _comment(api, bob, "Bob's")
    refused = await api.client.delete(f"/api/articles/post/comments/{bobs['id']}", headers=cyd)
    assert errors_of(refused, 403) == {"comment": ["forbidden"]}
    assert await _bodies(api) == ["Bob's"]
    allowed = await api.client.delete(f"/api/articles/post/comments/{bobs['id']}", headers=ada)
    assert allowed.status_code == 204


async def test_unknown_comments_and_articles_are_404(api: Api) -> None:
    ada = await register(api, "ada")
    await write_article(api, ada, title="Post")
    await write_article(api, ada, title="Other")
    elsewhere = await _comment(api, ada, "On the other article", slug="other")
    for number in (99999, -1, 2**64, elsewhere["id"]):
        response = await api.client.delete(f"/api/articles/post/comments/{number}", headers=ada)
        assert errors_of(response, 404) == {"comment": ["not found"]}
    response = await api.client.delete("/api/articles/nothing/comments/1", headers=ada)
    assert errors_of(response, 404) == {"article": ["not found"]}
    response = await api.client.delete("/api/articles/post/comments/abc", headers=ada)
    assert errors_of(response, 422) == {"id": ["is invalid"]}


async def test_a_blank_comment_is_422_and_nothing_is_stored(api: Api) -> None:
    ada = await register(api, "ada")
    await write_article(api, ada, title="Post")
    for body in ({"comment": {"body": ""}}, {"comment": {"body": " "}}, {"comment": {}}):
        response = await api.client.post("/api/articles/post/comments", json=body, headers=ada)
        assert errors_of(response, 422) == {"body": ["can't be blank"]}
    response = await api.client.post("/api/articles/post/comments", json={}, headers=ada)
    assert errors_of(response, 422) == {"comment": ["can't be blank"]}
    assert await _bodies(api) == []
