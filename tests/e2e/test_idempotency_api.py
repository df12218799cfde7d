from __future__ import annotations

from application.ports.idempotency import IdempotencyClaim
from entrypoints.http.idempotency import fingerprint
from entrypoints.http.schemas.posts import CreatePostRequest
from tests.e2e.conftest import Api, write_post


async def test_a_retried_create_returns_the_first_response_and_creates_nothing(api: Api) -> None:
    await api.sign_up("ada")
    headers = {**await api.login("ada"), "Idempotency-Key": "create-1"}
    body = {"title": "Once", "body": "b"}
    first = await api.client.post("/api/v1/posts", json=body, headers=headers)
    retry = await api.client.post("/api/v1/posts", json=body, headers=headers)
    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert retry.headers["location"] == first.headers["location"]
    assert retry.headers["idempotent-replayed"] == "true"
    assert len(api.db.posts) == 1


async def test_the_same_key_with_another_body_is_422(api: Api) -> None:
    await api.sign_up("ada")
    headers = {**await api.login("ada"), "Idempotency-Key": "create-1"}
    await api.client.post("/api/v1/posts", json={"title": "One", "body": "b"}, headers=headers)
    other = await api.client.post(
        "/api/v1/posts", json={"title": "Two", "body": "b"}, headers=headers
    )
    assert other.status_code == 422 and other.json()["code"] == "idempotency_key_reused"
    assert len(api.db.posts) == 1


async def test_keys_belong_to_one_user(api: Api) -> None:
    await api.sign_up("ada")
    await api.sign_up("bob")
    body = {"title": "Mine", "body": "b"}
    for user in ("ada", "bob"):
        headers = {**await api.login(user), "Idempotency-Key": "shared"}
        assert (
            await api.client.post("/api/v1/posts", json=body, headers=headers)
        ).status_code == 201
    assert len(api.db.posts) == 2


async def test_a_retried_comment_is_stored_once(api: Api) -> None:
    await api.sign_up("ada")
    headers = await api.login("ada")
    post = await write_post(api, headers)
    keyed = {**headers, "Idempotency-Key": "comment-1"}
    url = f"/api/v1/posts/{post['id']}/comments"
    first = await api.client.post(url, json={"body": "hi"}, headers=keyed)
    retry = await api.client.post(url, json={"body": "hi"}, headers=keyed)
    assert retry.json()["id"] == first.json()["id"]
    assert len(api.db.comments) == 1


async def test_a_failed_request_frees_its_key(api: Api) -> None:
    await api.sign_up("ada")
    headers = {**await api.login("ada"), "Idempotency-Key": "k"}
    post = await write_post(api, await api.login("ada"), publish=False)
    url = f"/api/v1/posts/{post['id']}/comments"
    assert (await api.client.post(url, json={"body": "hi"}, headers=headers)).status_code == 404
    await api.client.post(f"/api/v1/posts/{post['id']}/publish", headers=await api.login("ada"))
    assert (await api.client.post(url, json={"body": "hi"}, headers=headers)).status_code == 201


async def test_a_malformed_key_is_422(api: Api) -> None:
    await api.sign_up("ada")
    headers = {**await api.login("ada"), "Idempotency-Key": "has space"}
    response = await api.client.post(
        "/api/v1/posts", json={"title": "t", "body": "b"}, headers=headers
    )
    assert response.status_code == 422
    assert api.db.posts == {}


async def test_a_duplicate_while_the_first_is_in_flight_is_409_and_creates_nothing(
    api: Api,
) -> None:
    await api.sign_up("ada")
    headers = {**await api.login("ada"), "Idempotency-Key": "busy"}
    body = {"title": "Once", "body": "b"}
    # The first request has claimed the key and not answered yet.
    ada = next(u for u in api.db.users.values() if u.username.value == "ada")
    store = api.container.adapters.idempotency_store()
    claim = IdempotencyClaim(
        ada.id,
        "create_post",
        "busy",
        fingerprint("/api/v1/posts", CreatePostRequest(**body).model_dump()),
    )
    assert await store.begin(claim, api.clock.now()) is None
    response = await api.client.post("/api/v1/posts", json=body, headers=headers)
    assert response.status_code == 409
    assert response.json()["code"] == "idempotent_request_in_flight"
    assert api.db.posts == {}
