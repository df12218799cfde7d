"""Integers beyond what the storage holds and date-times beyond the calendar are a 422
(or a 404 for ids), never a 500, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from tests.e2e.conftest import Api, make_admin, write_post
from tests.e2e.sql_api import SqlDatabase, e2e_postgres, sql_api, sql_database, stored_rows

__all__ = ["e2e_postgres", "sql_database"]  # fixtures

BEYOND_UTC = ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59", "9999-12-31T23:00-01:00"]
CALENDAR_EDGES = [
    "0001-01-01T00:00:00Z",
    "0001-01-01T23:59:00+23:59",
    "9999-12-31T23:59:59.999999Z",
    "9999-12-31T00:00:01-23:59",
    "0001-01-01",
]


@pytest.fixture
async def api(sql_database: SqlDatabase | None, tmp_path: Path) -> AsyncIterator[Api]:
    async with sql_api(sql_database, tmp_path) as opened:
        yield opened


def _validation_problem(response: httpx.Response) -> None:
    assert response.status_code == 422, (response.request.url, response.text)
    assert response.json()["code"] == "validation_failed"


@pytest.mark.parametrize("moment", BEYOND_UTC)
@pytest.mark.parametrize("bound", ["created_before", "created_after"])
async def test_a_date_time_that_leaves_the_calendar_in_utc_is_422(
    api: Api, bound: str, moment: str
) -> None:
    _validation_problem(await api.client.get(f"/api/v1/posts?{bound}={quote(moment)}"))


async def test_date_times_at_the_edges_of_the_calendar_filter_as_asked(api: Api) -> None:
    await api.sign_up("ada")
    await write_post(api, await api.login("ada"), title="Now")
    for moment in CALENDAR_EDGES:
        for bound, expected in (("created_before", 0), ("created_after", 1)):
            if moment.startswith("9999"):
                expected = 1 - expected
            response = await api.client.get(f"/api/v1/posts?{bound}={quote(moment)}")
            assert response.status_code == 200, (moment, response.text)
            assert len(response.json()["items"]) == expected, (bound, moment)


@pytest.mark.parametrize("position", ["9223372036854775808", "99999999999999999999999", "0", "-1"])
async def test_a_parked_event_position_beyond_bigint_is_422(api: Api, position: str) -> None:
    admin = await make_admin(api)
    before = await stored_rows(api)
    response = await api.client.post(
        f"/api/v1/admin/outbox/parked/{position}/requeue", headers=admin
    )
    _validation_problem(response)
    assert await stored_rows(api) == before


async def test_the_largest_bigint_position_is_simply_not_found(api: Api) -> None:
    admin = await make_admin(api)
    response = await api.client.post(
        "/api/v1/admin/outbox/parked/9223372036854775807/requeue", headers=admin
    )
    assert response.status_code == 404, response.text
    assert response.json()["code"] == "parked_event_not_found"


@pytest.mark.parametrize("value", ["9223372036854775808", "-9223372036854775809", "1" * 5000])
async def test_page_sizes_and_offsets_out_of_range_are_422_on_both_apis(
    api: Api, value: str
) -> None:
    for name in ("limit", "offset"):
        _validation_problem(await api.client.get(f"/api/v1/posts?{name}={value}"))
        response = await api.client.get(f"/api/articles?{name}={value}")
        assert response.status_code == 422, response.text
        assert list(response.json()["errors"]) == [name]


async def test_a_realworld_comment_id_beyond_any_storage_is_404(api: Api) -> None:
    await api.sign_up("ada")
    post = await write_post(api, await api.login("ada"), title="Post")
    login = {"user": {"email": "ada@example.com", "password": "correct horse battery"}}
    token = (await api.client.post("/api/users/login", json=login)).json()["user"]["token"]
    for number in ("9223372036854775808", "-9223372036854775809", str(2**128)):
        response = await api.client.delete(
            f"/api/articles/{post['slug']}/comments/{number}",
            headers={"Authorization": f"Token {token}"},
        )
        assert response.status_code == 404, response.text
        assert response.json() == {"errors": {"comment": ["not found"]}}
