"""Errors under /api/ take the RealWorld shape; the native /api/v1 keeps problem+json. The
OpenAPI document lists the RealWorld routes apart, with their own schemas."""

from __future__ import annotations

import json

import pytest

from entrypoints.realworld import is_realworld_path
from tests.e2e.conftest import Api
from tests.e2e.realworld.conftest import errors_of, register

PROBLEM = "application/problem+json"


@pytest.mark.parametrize(
    ("path", "realworld"),
    [("/api/articles", True), ("/api/user", True), ("/api/nothing/at/all", True),
     ("/api/v1", False), ("/api/v1/posts", False), ("/api", False), ("/health/live", False),
     ("/api/v10/x", True)],
)  # fmt: skip
def test_which_paths_are_the_realworld_apis(path: str, realworld: bool) -> None:
    assert is_realworld_path(path) is realworld


async def test_the_native_api_still_answers_problem_documents(api: Api) -> None:
    for response, status in [
        (await api.client.get("/api/v1/nothing"), 404),
        (await api.client.get("/api/v1/users/me"), 401),
        (await api.client.post("/api/v1/users", json={}), 422),
        (await api.client.delete("/api/v1/tags"), 405),
    ]:
        assert response.status_code == status
        assert response.headers["content-type"] == PROBLEM
        assert response.json()["status"] == status


async def test_unknown_routes_methods_and_unreadable_bodies_in_realworld_shape(api: Api) -> None:
    assert errors_of(await api.client.get("/api/nothing"), 404) == {"path": ["not found"]}
    patched = await api.client.patch("/api/articles")
    assert errors_of(patched, 405) == {"method": ["not allowed"]}
    assert set(patched.headers["allow"].split(", ")) == {"GET", "POST"}
    ada = await register(api, "ada")
    broken = await api.client.post(
        "/api/articles", content=b'{"article":', headers={**ada, "content-type": "application/json"}
    )
    assert errors_of(broken, 422) == {"body": ["is not valid JSON"]}


async def test_realworld_routes_are_documented_apart(api: Api) -> None:
    document = (await api.client.get("/openapi.json")).json()
    for path, operations in document["paths"].items():
        for operation in operations.values():
            text = json.dumps(operation)
            if is_realworld_path(path):
                assert operation["tags"] == ["RealWorld (Conduit)"], path
                assert "#/components/schemas/Problem" not in text, path
                assert "OAuth2PasswordBearer" not in text, path
            else:
                assert "Conduit" not in text and "RealWorldToken" not in text, path
    realworld = [p for p in document["paths"] if is_realworld_path(p)]
    assert len(realworld) == 12
    schemes = document["components"]["securitySchemes"]
    assert schemes["RealWorldToken"]["in"] == "header"
