from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Api, promote, write_post


async def test_writing_a_post_answers_201_with_location_and_etag(api: Api) -> None:
    await api.sign_up("ada")
    headers = await api.login("ada")
    body = {
        "title": "Hello World",
        "body": "Text",
        "description": "d",
        "tags": ["Web", "python", "web"],
    }
    response = await api.client.post("/api/v1/posts", json=body, headers=headers)
    assert response.status_code == 201
    post = response.json()
    assert response.headers["location"] == f"/api/v1/posts/{post['id']}"
    assert response.headers["etag"] == '"1"'
    assert (post["status"], post["slug"], post["tags"]) == (
        "draft",
        f"hello-world--{post['id'].replace('-', '')}",
        ["python", "web"],
    )
    assert post["author"]["username"] == "ada" and post["published_at"] is None


async def test_a_post_is_readable_by_id_and_by_slug(api: Api) -> None:
    await api.sign_up("ada")
    post = await write_post(api, await api.login("ada"), title="Find Me")
    by_id = await api.client.get(f"/api/v1/posts/{post['id']}")
    by_slug = await api.client.get("/api/v1/posts/find-me")
    assert by_id.status_code == by_slug.status_code == 200
    assert by_id.json()["id"] == by_slug.json()["id"] == post["id"]
    assert by_id.headers["etag"] == '"1"'


async def test_two_posts_with_the_same_title_get_distinct_slugs(api: Api) -> None:
    await api.sign_up("ada")
    headers = await api.login("ada")
    first = await write_post(api, headers, title="Same")
    second = await write_post(api, headers, title="Same")
    assert first["slug"] == "same" and second["slug"].startswith("same-")


async def test_the_slug_of_a_new_post_does_not_reveal_someone_elses_draft(api: Api) -> None:
    await api.sign_up("ada")
    await api.sign_up("bob")
    ada, bob = await api.login("ada"), await api.login("bob")
    hidden = await write_post(api, ada, title="Draft plans", publish=False)
    fresh = await write_post(api, bob, title="Fresh plans")
    mine = await write_post(api, bob, title="Draft plans")
    assert (fresh["slug"], mine["slug"]) == ("fresh-plans", "draft-plans")
    bobs_draft = await write_post(api, bob, title="Draft plans", publish=False)
    assert bobs_draft["slug"] == f"draft-plans--{bobs_draft['id'].replace('-', '')}"
    published = await api.client.post(f"/api/v1/posts/{hidden['id']}/publish", headers=ada)
    assert published.json()["slug"] == f"draft-plans-{hidden['id'].replace('-', '')[:8]}"


async def test_drafts_are_invisible_to_others_but_not_to_editors(api: Api) -> None:
    await api.sign_up("ada")
    await api.sign_up("bob")
    await api.sign_up("eve")
    await promote(api, "eve", "editor")
    post = await write_post(api, await api.login("ada"), publish=False)
    url = f"/api/v1/posts/{post['id']}"
    assert (await api.client.get(url)).status_code == 404
    assert (await api.client.get(url, headers=await api.login("bob"))).status_code == 404
    assert (await api.client.get(url, headers=await api.login("eve"))).status_code == 200
    assert (await api.client.get(url, headers=await api.login("ada"))).status_code == 200


async def test_viewers_cannot_write_posts(api: Api) -> None:
    await api.sign_up("val")
    await promote(api, "val", "viewer")
    response = await api.client.post(
        "/api/v1/posts", json={"title": "t", "body": "b"}, headers=await api.login("val")
    )
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert api.db.posts == {}


async def test_patch_changes_only_what_was_sent_and_moves_the_etag(api: Api) -> None:
    await api.sign_up("ada")
    headers = await api.login("ada")
    post = await write_post(api, headers, description="keep")
    response = await api.client.patch(
        f"/api/v1/posts/{post['id']}",
        json={"body": "New body"},
        headers={**headers, "If-Match": '"1"'},
    )
    assert response.status_code == 200
    assert (response.json()["body"], response.json()["description"]) == ("New body", "keep")
    assert response.headers["etag"] == '"2"'


async def test_a_stale_if_match_gets_412_and_changes_nothing(api: Api) -> None:
    await api.sign_up("ada")
    headers = await api.login("ada")
    post = await write_post(api, headers)
    url = f"/api/v1/posts/{post['id']}"
    await api.client.patch(url, json={"body": "v2"}, headers=headers)
    for method, kwargs in [
        ("PATCH", {"json": {"body": "lost"}}),
        ("PUT", {"json": {"title": "t", "body": "b", "description": "", "tags": []}}),
        ("DELETE", {}),
    ]:
        response = await api.client.request(
            method, url, headers={**headers, "If-Match": '"1"'}, **kwargs
        )
        assert response.status_code == 412, method
        assert response.json()["code"] == "precondition_failed"
    assert (await api.client.get(url)).json()["body"] == "v2"


_WRITES = [
    ("PATCH", {"json": {"body": "lost"}}),
    ("PUT", {"json": {"title": "t", "body": "lost", "description": "", "tags": []}}),
    ("DELETE", {}),
]


@pytest.mark.parametrize(
    "if_match", ['W/"1"', '"stale"', '"2"', 'W/"1", "3"', "1", '"1', '*, "1"', "W/*"]
)
@pytest.mark.parametrize(("method", "kwargs"), _WRITES)
async def test_an_if_match_without_the_current_strong_etag_gets_412_and_changes_nothing(
    api: Api, if_match: str, method: str, kwargs: dict[str, Any]
) -> None:
    # Weak tags never match (strong comparison); tags that are not ETags of the post, and
    # values that are no entity-tag list at all, make the condition false (RFC 9110 §13.1.1).
    await api.sign_up("ada")
    headers = await api.login("ada")
    post = await write_post(api, headers, body="kept")
    url = f"/api/v1/posts/{post['id']}"
    response = await api.client.request(
        method, url, headers={**headers, "If-Match": if_match}, **kwargs
    )
    assert response.status_code == 412, response.text
    assert response.json()["code"] == "precondition_failed"
    after = await api.client.get(url)
    assert (after.json()["body"], after.headers["etag"]) == ("kept", '"1"')


@pytest.mark.parametrize("if_match", ['"1"', '"7", "1"', 'W/"1", "1"', "*", ' "1" , '])
@pytest.mark.parametrize(("method", "kwargs"), _WRITES)
async def test_an_if_match_holding_the_current_strong_etag_or_a_star_lets_the_write_through(
    api: Api, if_match: str, method: str, kwargs: dict[str, Any]
) -> None:
    await api.sign_up("ada")
    headers = await api.login("ada")
    post = await write_post(api, headers)
    url = f"/api/v1/posts/{post['id']}"
    response = await api.client.request(
        method, url, headers={**headers, "If-Match": if_match}, **kwargs
    )
    assert response.status_code in (200, 204), response.text
    after = await api.client.get(url)
    if method == "DELETE":
        assert after.status_code == 404
    else:
        assert after.json()["body"] == "lost"


async def test_an_if_match_on_a_missing_post_is_404_not_412(api: Api) -> None:
    await api.sign_up("ada")
    headers = {**await api.login("ada"), "If-Match": '"stale"'}
    url = "/api/v1/posts/00000000-0000-4000-8000-000000000000"
    assert (await api.client.delete(url, headers=headers)).status_code == 404


async def test_put_replaces_every_field(api: Api) -> None:
    await api.sign_up("ada")
    headers = await api.login("ada")
    post = await write_post(api, headers, description="old", tags=["a", "b"])
    body = {"title": "New", "body": "New body", "description": "", "tags": []}
    response = await api.client.put(f"/api/v1/posts/{post['id']}", json=body, headers=headers)
    assert response.status_code == 200
    assert {k: response.json()[k] for k in body} == body


async def test_delete_answers_204_and_the_post_is_gone(api: Api) -> None:
    await api.sign_up("ada")
    headers = await api.login("ada")
    post = await write_post(api, headers)
    assert (
        await api.client.delete(f"/api/v1/posts/{post['id']}", headers=headers)
    ).status_code == 204
    assert (await api.client.get(f"/api/v1/posts/{post['id']}")).status_code == 404


async def test_publish_and_unpublish_move_a_post_between_states(api: Api) -> None:
    await api.sign_up("ada")
    headers = await api.login("ada")
    post = await write_post(api, headers, publish=False)
    url = f"/api/v1/posts/{post['id']}"
    published = await api.client.post(f"{url}/publish", headers=headers)
    assert published.status_code == 200 and published.json()["status"] == "published"
    assert (await api.client.post(f"{url}/publish", headers=headers)).status_code == 409
    unpublished = await api.client.post(f"{url}/unpublish", headers=headers)
    assert unpublished.json()["status"] == "draft"
    assert unpublished.json()["slug"] == published.json()["slug"] == "a-post"


@pytest.mark.parametrize(
    "action",
    [
        ("PATCH", "", {"body": "x"}),
        ("DELETE", "", None),
        ("POST", "/unpublish", None),
        ("PUT", "", {"title": "t", "body": "b", "description": "", "tags": []}),
    ],
)
async def test_another_authors_post_cannot_be_changed(
    api: Api, action: tuple[str, str, Any]
) -> None:
    method, suffix, body = action
    await api.sign_up("ada")
    await api.sign_up("bob")
    post = await write_post(api, await api.login("ada"))
    response = await api.client.request(
        method, f"/api/v1/posts/{post['id']}{suffix}", json=body, headers=await api.login("bob")
    )
    assert response.status_code == 403
    assert (await api.client.get(f"/api/v1/posts/{post['id']}")).json()["version"] == 1


async def test_another_authors_draft_is_404_for_every_action(api: Api) -> None:
    await api.sign_up("ada")
    await api.sign_up("bob")
    post = await write_post(api, await api.login("ada"), publish=False)
    bob = await api.login("bob")
    for method, suffix in [
        ("PATCH", ""),
        ("DELETE", ""),
        ("POST", "/publish"),
        ("POST", "/favorite"),
    ]:
        response = await api.client.request(
            method,
            f"/api/v1/posts/{post['id']}{suffix}",
            json={"body": "x"} if method == "PATCH" else None,
            headers=bob,
        )
        assert response.status_code == 404, (method, suffix)


async def test_editors_may_edit_and_delete_anyones_post(api: Api) -> None:
    await api.sign_up("ada")
    await api.sign_up("eve")
    await promote(api, "eve", "editor")
    post = await write_post(api, await api.login("ada"))
    eve = await api.login("eve")
    assert (
        await api.client.patch(f"/api/v1/posts/{post['id']}", json={"title": "Edited"}, headers=eve)
    ).status_code == 200
    assert (await api.client.delete(f"/api/v1/posts/{post['id']}", headers=eve)).status_code == 204
