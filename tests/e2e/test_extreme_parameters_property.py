"""Every path and query parameter of the OpenAPI document (native and RealWorld
operations alike), driven with extreme values, signed in and anonymous, on SQLite and
PostgreSQL: the answer is never a 5xx."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.e2e.conftest import PASSWORD, Api, make_admin, write_post
from tests.e2e.extreme_parameters import Operation, operations, requests
from tests.e2e.sql_api import SqlDatabase, e2e_postgres, sql_api, sql_database

__all__ = ["e2e_postgres", "sql_database"]  # fixtures

# Bodies that pass validation, so that the path parameters reach the handler.
VALID_BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("PATCH", "/api/v1/posts/{post_id}"): {"body": "edited"},
    ("PUT", "/api/v1/posts/{post_id}"): {"title": "T", "body": "B", "description": "", "tags": []},
    ("POST", "/api/v1/posts/{post_id}/comments"): {"body": "A comment"},
    ("PATCH", "/api/v1/users/{username}"): {},
    ("PUT", "/api/articles/{slug}"): {"article": {"body": "edited"}},
    ("POST", "/api/articles/{slug}/comments"): {"comment": {"body": "A comment"}},
}


class World:
    """The app with an admin, an author with a published post, the headers that sign
    in on either API (an admin on the native one), and the operations to drive."""

    def __init__(
        self, api: Api, signed_in: dict[str, dict[str, str]], ops: list[Operation]
    ) -> None:
        self.api = api
        self.signed_in = signed_in
        self.operations = ops

    def headers(self, operation: Operation, signed_in: bool) -> dict[str, str]:
        if not signed_in:
            return {}
        return self.signed_in["native" if operation.path.startswith("/api/v1/") else "realworld"]


@pytest.fixture
async def world(sql_database: SqlDatabase | None, tmp_path: Path) -> AsyncIterator[World]:
    async with sql_api(sql_database, tmp_path) as api:
        admin = await make_admin(api)
        await api.sign_up("ada")
        ada = await api.login("ada")
        post = await write_post(api, ada, title="Known post")
        comment = {"body": "Hi"}
        await api.client.post(f"/api/v1/posts/{post['id']}/comments", json=comment, headers=ada)
        login = {"user": {"email": "ada@example.com", "password": PASSWORD}}
        token = (await api.client.post("/api/users/login", json=login)).json()["user"]["token"]
        document = (await api.client.get("/openapi.json")).json()
        known = ["ada", "root", "ADA", post["id"], post["slug"], "1"]
        signed_in = {"native": admin, "realworld": {"Authorization": f"Token {token}"}}
        yield World(api, signed_in, operations(document, known))


@settings(
    max_examples=400,
    deadline=None,
    # The world is built once per database; examples only add to it.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
async def test_no_path_or_query_value_makes_the_server_fail(
    world: World, data: st.DataObject
) -> None:
    operation: Operation = data.draw(st.sampled_from(world.operations), label="operation")
    url = data.draw(requests(operation), label="url")
    signed_in = data.draw(st.booleans(), label="signed in")
    body = VALID_BODIES.get((operation.method, operation.path))
    headers = world.headers(operation, signed_in)
    response = await world.api.client.request(operation.method, url, headers=headers, json=body)
    assert response.status_code < 500, (operation.method, url[:300], signed_in, response.text)
