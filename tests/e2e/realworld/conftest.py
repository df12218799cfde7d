"""Helpers for the RealWorld API tests: the app is tests/e2e/conftest.py's ``api``."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx

from tests.e2e.conftest import PASSWORD, Api

Headers = dict[str, str]


def token_headers(token: str) -> Headers:
    return {"Authorization": f"Token {token}"}


async def register(api: Api, name: str, password: str = PASSWORD) -> Headers:
    user = {"username": name, "email": f"{name}@example.com", "password": password}
    response = await api.client.post("/api/users", json={"user": user})
    assert response.status_code == 201, response.text
    return token_headers(response.json()["user"]["token"])


async def write_article(api: Api, headers: Headers, **fields: Any) -> dict[str, Any]:
    article = {"title": "A Title", "description": "About it", "body": "Text", **fields}
    api.clock.advance(timedelta(seconds=1))  # distinct creation times give a defined order
    response = await api.client.post("/api/articles", json={"article": article}, headers=headers)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()["article"]
    return created


def errors_of(response: httpx.Response, status: int) -> dict[str, list[str]]:
    """The ``errors`` of a RealWorld error response, after checking its status and shape."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert list(body) == ["errors"], body
    errors: dict[str, list[str]] = body["errors"]
    return errors
