from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Api, write_post


async def _seed(api: Api) -> dict[str, str]:
    await api.sign_up("ada")
    await api.sign_up("bob")
    ada, bob = await api.login("ada"), await api.login("bob")
    await write_post(api, ada, title="Python tips", body="100% useful", tags=["python"])
    await write_post(api, ada, title="Draft", publish=False)
    post = await write_post(
        api, bob, title="Web notes", body="under_score and back\\slash", tags=["web"]
    )
    await api.client.post(f"/api/v1/posts/{post['id']}/favorite", headers=ada)
    return ada


async def _titles(api: Api, headers: dict[str, str] | None = None, **params: Any) -> list[str]:
    response = await api.client.get("/api/v1/posts", params=params, headers=headers or {})
    assert response.status_code == 200, response.text
    return [p["title"] for p in response.json()["items"]]


async def test_public_lists_show_published_posts_newest_first(api: Api) -> None:
    await _seed(api)
    assert await _titles(api) == ["Web notes", "Python tips"]
    assert await _titles(api, sort="created_at") == ["Python tips", "Web notes"]


async def test_filters_by_author_tag_favourite_and_text(api: Api) -> None:
    ada = await _seed(api)
    assert await _titles(api, author="ADA") == ["Python tips"]
    assert await _titles(api, tag="Python") == ["Python tips"]
    assert await _titles(api, favorited_by="ada") == ["Web notes"]
    assert await _titles(api, q="TIPS") == ["Python tips"]
    assert await _titles(api, ada, status="draft") == ["Draft"]
    assert await _titles(api, status="draft") == []


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("%", ["Python tips"]),
        ("_", ["Web notes"]),
        ("\\", ["Web notes"]),
        ("'; DROP TABLE posts; --", []),
    ],
)
async def test_wildcards_and_sql_in_q_are_literal_text(
    api: Api, q: str, expected: list[str]
) -> None:
    await _seed(api)
    assert await _titles(api, q=q) == expected


@pytest.mark.parametrize(
    "params", [{"tag": "%"}, {"author": "a%"}, {"author": "'; --"}, {"favorited_by": "_"}]
)
async def test_metacharacters_in_filters_find_nothing_and_never_fail(
    api: Api, params: dict[str, str]
) -> None:
    await _seed(api)
    assert await _titles(api, **params) == []


async def test_offset_paging_and_totals(api: Api) -> None:
    await _seed(api)
    response = (
        await api.client.get(
            "/api/v1/posts", params={"limit": 1, "offset": 1, "include_total": True}
        )
    ).json()
    assert [p["title"] for p in response["items"]] == ["Python tips"]
    assert response["total"] == 2


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"limit": 0}, 422),
        ({"limit": 101}, 422),
        ({"sort": "title"}, 422),
        ({"status": "deleted"}, 422),
        ({"offset": -1}, 422),
        ({"offset": 10001}, 422),
        ({"cursor": "forged.cursor"}, 400),
        ({"created_after": "yesterday"}, 422),
    ],
)
async def test_bad_list_parameters_are_problems(
    api: Api, params: dict[str, Any], status: int
) -> None:
    response = await api.client.get("/api/v1/posts", params=params)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"


async def test_a_cursor_from_another_list_is_refused(api: Api) -> None:
    await _seed(api)
    page = (await api.client.get("/api/v1/posts", params={"limit": 1})).json()
    other = await api.client.get(
        "/api/v1/posts", params={"limit": 1, "sort": "created_at", "cursor": page["next_cursor"]}
    )
    assert other.status_code == 400 and other.json()["code"] == "invalid_cursor"


@pytest.mark.parametrize(
    "field",
    ["author", "id", "slug", "status", "version", "created_at", "published_at", "favorites_count"],
)
async def test_server_owned_fields_in_bodies_get_422_and_change_nothing(
    api: Api, field: str
) -> None:
    await api.sign_up("ada")
    headers = await api.login("ada")
    post = await write_post(api, headers)
    assert (
        await api.client.post(
            "/api/v1/posts", json={"title": "t", "body": "b", field: "x"}, headers=headers
        )
    ).status_code == 422
    patched = await api.client.patch(
        f"/api/v1/posts/{post['id']}", json={field: "x"}, headers=headers
    )
    assert patched.status_code == 422
    assert (await api.client.get(f"/api/v1/posts/{post['id']}")).json()["version"] == 1
    assert len(api.db.posts) == 1


@pytest.mark.parametrize(
    "body",
    [
        {"title": "", "body": "b"},
        {"title": "   ", "body": "b"},
        {"title": "t" * 201, "body": "b"},
        {"title": "t", "body": ""},
        {"title": "t", "body": "b" * 100_001},
        {"title": "t", "body": "b", "description": "d" * 301},
        {"title": "t", "body": "b", "tags": [f"t{i}" for i in range(11)]},
        {"title": "t", "body": "b", "tags": ["x" * 33]},
        {"title": "t", "body": "b", "tags": ["a,b"]},
        {"title": 5, "body": "b"},
    ],
)
async def test_invalid_posts_get_422_and_create_nothing(api: Api, body: dict[str, Any]) -> None:
    await api.sign_up("ada")
    response = await api.client.post("/api/v1/posts", json=body, headers=await api.login("ada"))
    assert response.status_code == 422
    assert api.db.posts == {}
