"""Control characters and unpaired surrogates in any text a client sends, on either API,
signed in or not, are a 422 that stores nothing, on SQLite and PostgreSQL (where U+0000
used to be a 500)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from tests.e2e.conftest import PASSWORD, Api, write_post
from tests.e2e.sql_api import SqlDatabase, e2e_postgres, sql_api, sql_database, stored_rows

__all__ = ["e2e_postgres", "sql_database"]  # fixtures

IN_JSON = ["\x00", "\x1b", "\x85", "\ud800"]  # NUL, ESC, NEL (C1), a lone surrogate
IN_URLS = ["\x00", "\x1b", "\x85"]  # a URL cannot carry a lone surrogate


@pytest.fixture
async def api(sql_database: SqlDatabase | None, tmp_path: Path) -> AsyncIterator[Api]:
    async with sql_api(sql_database, tmp_path) as opened:
        yield opened


def _json(body: dict[str, Any], headers: dict[str, str] | None = None) -> dict[str, Any]:
    # json.dumps writes a lone surrogate as the escape `\ud800`, as a hostile client would.
    return {
        "content": json.dumps(body),
        "headers": {"Content-Type": "application/json", **(headers or {})},
    }


def _native_refusal(response: httpx.Response) -> None:
    assert response.status_code == 422, (response.request.url, response.text)
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "validation_failed"
    assert len(response.json()["errors"]) == 1


def _realworld_refusal(response: httpx.Response) -> None:
    assert response.status_code == 422, (response.request.url, response.text)
    assert set(response.json()) == {"errors"}
    assert len(response.json()["errors"]) == 1


async def _signed_in(api: Api) -> tuple[dict[str, str], dict[str, str], dict[str, Any]]:
    await api.sign_up("ada")
    bearer = await api.login("ada")
    login = {"user": {"email": "ada@example.com", "password": PASSWORD}}
    token = (await api.client.post("/api/users/login", json=login)).json()["user"]["token"]
    post = await write_post(api, bearer, title="Hello")
    return bearer, {"Authorization": f"Token {token}"}, post


def _native_bodies(bad: str, post: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    path = f"/api/v1/posts/{post['id']}"
    return [
        ("POST", "/api/v1/posts", {"title": f"t{bad}", "body": "b"}),
        ("POST", "/api/v1/posts", {"title": "t", "body": f"b{bad}"}),
        ("POST", "/api/v1/posts", {"title": "t", "body": "b", "description": bad}),
        ("POST", "/api/v1/posts", {"title": "t", "body": "b", "tags": [f"x{bad}"]}),
        ("PATCH", path, {"title": f"t{bad}"}),
        ("PUT", path, {"title": "t", "body": f"b{bad}", "description": "", "tags": []}),
        ("POST", f"{path}/comments", {"body": f"c{bad}"}),
        ("PATCH", "/api/v1/users/me", {"full_name": f"Ada{bad}"}),
        ("PATCH", "/api/v1/users/me", {"bio": bad}),
        ("PATCH", "/api/v1/users/me", {"email": f"ada{bad}@example.com"}),
        ("PATCH", "/api/v1/users/me", {"image": f"https://example.com/{bad}"}),
        ("POST", "/api/v1/users/me/password", {"current_password": f"{PASSWORD}{bad}",
                                                "new_password": "a new password"}),
        ("POST", "/api/v1/users/me/password", {"current_password": PASSWORD,
                                                "new_password": f"new password{bad}"}),
        ("POST", "/api/v1/auth/refresh", {"refresh_token": f"token{bad}"}),
        ("POST", "/api/v1/auth/logout", {"refresh_token": f"token{bad}"}),
    ]  # fmt: skip


def _sign_up_bodies(bad: str) -> list[dict[str, Any]]:
    valid = {"username": "eve", "email": "eve@example.com", "password": PASSWORD}
    return [
        {**valid, "username": f"eve{bad}"},
        {**valid, "email": f"eve{bad}@example.com"},
        {**valid, "password": f"{PASSWORD}{bad}"},
        {**valid, "full_name": f"Eve{bad}"},
        {**valid, "bio": f"hi{bad}"},
    ]


@pytest.mark.parametrize("bad", IN_JSON, ids=repr)
async def test_native_json_text_with_controls_or_lone_surrogates_is_422_and_stores_nothing(
    api: Api, bad: str
) -> None:
    bearer, _, post = await _signed_in(api)
    before = await stored_rows(api)
    for method, path, body in _native_bodies(bad, post):
        _native_refusal(await api.client.request(method, path, **_json(body, bearer)))
    for body in _sign_up_bodies(bad):
        _native_refusal(await api.client.post("/api/v1/users", **_json(body)))
    assert await stored_rows(api) == before


@pytest.mark.parametrize("bad", IN_JSON, ids=repr)
async def test_realworld_json_text_with_controls_or_lone_surrogates_is_422_and_stores_nothing(
    api: Api, bad: str
) -> None:
    _, token, post = await _signed_in(api)
    article = f"/api/articles/{post['slug']}"
    new = {"title": "t", "description": "d", "body": "b"}
    signed_in = [
        ("POST", "/api/articles", {"article": {**new, "title": f"t{bad}"}}),
        ("POST", "/api/articles", {"article": {**new, "description": f"d{bad}"}}),
        ("POST", "/api/articles", {"article": {**new, "body": f"b{bad}"}}),
        ("POST", "/api/articles", {"article": {**new, "tagList": [f"x{bad}"]}}),
        ("PUT", article, {"article": {"body": f"b{bad}"}}),
        ("POST", f"{article}/comments", {"comment": {"body": f"c{bad}"}}),
        ("PUT", "/api/user", {"user": {"username": f"ada{bad}"}}),
        ("PUT", "/api/user", {"user": {"email": f"ada{bad}@example.com"}}),
        ("PUT", "/api/user", {"user": {"password": f"new password{bad}"}}),
        ("PUT", "/api/user", {"user": {"bio": f"hi{bad}"}}),
        ("PUT", "/api/user", {"user": {"image": f"https://example.com/{bad}"}}),
    ]  # fmt: skip
    before = await stored_rows(api)
    for method, path, body in signed_in:
        _realworld_refusal(await api.client.request(method, path, **_json(body, token)))
    for user in _sign_up_bodies(bad)[:3]:  # RealWorld has no full name or bio at sign-up
        _realworld_refusal(await api.client.post("/api/users", **_json({"user": user})))
    assert await stored_rows(api) == before


@pytest.mark.parametrize("bad", IN_URLS, ids=repr)
async def test_signing_in_with_controls_in_the_form_is_422_and_stores_nothing(
    api: Api, bad: str
) -> None:
    await api.sign_up("ada")
    before = await stored_rows(api)
    for username, password in ((f"ada{bad}", PASSWORD), ("ada", f"{PASSWORD}{bad}")):
        form = {"username": username, "password": password}
        _native_refusal(await api.client.post("/api/v1/auth/token", data=form))
    assert await stored_rows(api) == before


@pytest.mark.parametrize("bad", IN_JSON, ids=repr)
async def test_realworld_sign_in_with_controls_or_lone_surrogates_is_422_and_stores_nothing(
    api: Api, bad: str
) -> None:
    await api.sign_up("ada")
    before = await stored_rows(api)
    for email, password in ((f"ada{bad}@example.com", PASSWORD), ("ada@example.com", f"pw{bad}")):
        login = {"user": {"email": email, "password": password}}
        _realworld_refusal(await api.client.post("/api/users/login", **_json(login)))
    assert await stored_rows(api) == before


@pytest.mark.parametrize("bad", IN_URLS, ids=repr)
async def test_controls_in_paths_and_query_parameters_are_422_on_both_apis(
    api: Api, bad: str
) -> None:
    bearer, token, post = await _signed_in(api)
    text = quote(f"x{bad}", safe="")
    native = [
        ("GET", f"/api/v1/posts?q={text}"),
        ("GET", f"/api/v1/posts?author={text}"),
        ("GET", f"/api/v1/posts?tag={text}"),
        ("GET", f"/api/v1/posts?favorited_by={text}"),
        ("GET", f"/api/v1/posts?cursor={text}"),
        ("GET", f"/api/v1/posts/{post['id']}/comments?cursor={text}"),
        ("GET", f"/api/v1/posts/{text}"),
        ("POST", f"/api/v1/posts/{text}/favorite"),
        ("GET", f"/api/v1/users/{text}"),
        ("POST", f"/api/v1/users/{text}/follow"),
        ("GET", f"/api/v1/users?cursor={text}"),
    ]
    realworld = [
        ("GET", f"/api/articles?tag={text}"),
        ("GET", f"/api/articles?author={text}"),
        ("GET", f"/api/articles?favorited={text}"),
        ("GET", f"/api/articles/{text}"),
        ("POST", f"/api/articles/{text}/favorite"),
        ("GET", f"/api/articles/{text}/comments"),
        ("GET", f"/api/profiles/{text}"),
        ("POST", f"/api/profiles/{text}/follow"),
    ]
    before = await stored_rows(api)
    for method, path in native:
        _native_refusal(await api.client.request(method, path, headers=bearer))
        if method == "GET" and "/users?" not in path:  # anonymous readers too
            _native_refusal(await api.client.request(method, path))
    for method, path in realworld:
        _realworld_refusal(await api.client.request(method, path, headers=token))
        if method == "GET":
            _realworld_refusal(await api.client.request(method, path))
    assert await stored_rows(api) == before


async def test_text_with_tabs_and_line_breaks_is_still_accepted(api: Api) -> None:
    bearer, _, _ = await _signed_in(api)
    body = {"title": "Tabs\tand lines", "body": "one\r\ntwo\n\tthree", "tags": ["caf\u00e9"]}
    response = await api.client.post("/api/v1/posts", **_json(body, bearer))
    assert response.status_code == 201, response.text
    assert response.json()["body"] == "one\r\ntwo\n\tthree"
