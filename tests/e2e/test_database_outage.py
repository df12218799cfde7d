"""A real ``inkport serve`` on a private PostgreSQL that the tests stop, freeze and start:
while the database is down every request that needs it is a 503 problem within its
timeouts and readiness says why; once it is back everything works again without
restarting inkport."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from tests.e2e.processes import inkport_server
from tests.outage_servers import PrivatePostgres, private_postgres

pytestmark = pytest.mark.slow

PASSWORD = "correct horse battery"
# Generous above the 5 s pool/connect timeouts, far below a hang.
OUTAGE_ANSWER_SECONDS = 7.0
RECOVERY_SECONDS = 10.0
# A lean read on a server that stopped answering waits out its 5 s statement limit.
FROZEN_READ_SECONDS = 8.0


@pytest.fixture(scope="module")
def postgres() -> Iterator[PrivatePostgres]:
    with private_postgres() as server:
        yield server


@pytest.fixture(scope="module")
def server(postgres: PrivatePostgres, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = {
        "INKPORT_DATABASE_URL": postgres.url,
        "INKPORT_RATE_LIMIT_SIGN_UP_PER_IP": "1000/hour",
        "INKPORT_RATE_LIMIT_WRITES_PER_USER": "1000/minute",
    }
    with inkport_server(settings, tmp_path_factory.mktemp("database_outage")) as base:
        yield base


@pytest.fixture(scope="module")
def author(server: str) -> dict[str, str]:
    """Authorization headers of an author with one published post."""
    body = {"username": "ada", "email": "ada@example.com", "password": PASSWORD}
    assert httpx.post(f"{server}/api/v1/users", json=body).status_code == 201
    form = {"username": "ada", "password": PASSWORD}
    tokens = httpx.post(f"{server}/api/v1/auth/token", data=form).json()
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def _write(server: str, headers: dict[str, str]) -> httpx.Response:
    post = {"title": f"Post {uuid.uuid4().hex[:8]}", "body": "Text.", "publish": True}
    return httpx.post(f"{server}/api/v1/posts", json=post, headers=headers, timeout=30)


def _requests_that_need_the_database(
    server: str, headers: dict[str, str]
) -> dict[str, Callable[[], httpx.Response]]:
    """Name -> a request; none of them can be answered from the cache."""
    unique = uuid.uuid4().hex
    sign_up = {"username": f"u{unique[:12]}", "email": f"{unique}@x.org", "password": PASSWORD}
    return {
        "write a post": lambda: _write(server, headers),
        "read me": lambda: httpx.get(f"{server}/api/v1/users/me", headers=headers, timeout=30),
        "list with a new filter": lambda: httpx.get(
            f"{server}/api/v1/posts", params={"q": unique}, timeout=30
        ),
        "sign up": lambda: httpx.post(f"{server}/api/v1/users", json=sign_up, timeout=30),
    }


async def _concurrent_lists(server: str, count: int) -> list[int]:
    """Enough parallel reads to open several connections in the read pool."""
    async with httpx.AsyncClient(base_url=server, timeout=30) as client:
        answers = await asyncio.gather(
            *(client.get("/api/v1/posts", params={"q": uuid.uuid4().hex}) for _ in range(count))
        )
    return [answer.status_code for answer in answers]


def test_while_postgres_is_down_requests_get_a_quick_503_problem_and_readiness_names_it(
    server: str, postgres: PrivatePostgres, author: dict[str, str]
) -> None:
    cached = _write(server, author).json()
    assert httpx.get(f"{server}/api/v1/posts/{cached['id']}").status_code == 200  # now cached
    postgres.stop()
    try:
        for name, call in _requests_that_need_the_database(server, author).items():
            started = time.monotonic()
            response = call()
            elapsed = time.monotonic() - started
            assert response.status_code == 503, (name, response.text)
            assert response.headers["content-type"].startswith("application/problem+json"), name
            assert response.json()["code"] == "service_unavailable", name
            assert int(response.headers["retry-after"]) > 0, name
            assert elapsed < OUTAGE_ANSWER_SECONDS, (name, elapsed)

        ready = httpx.get(f"{server}/health/ready", timeout=30)
        assert ready.status_code == 503 and ready.headers["retry-after"]
        assert ready.json() == {"status": "unavailable", "checks": {"database": "unavailable"}}
        assert httpx.get(f"{server}/health/live").status_code == 200
        # The read cache keeps answering for published posts it holds.
        still = httpx.get(f"{server}/api/v1/posts/{cached['id']}", timeout=30)
        assert still.status_code == 200 and still.json()["title"] == cached["title"]
    finally:
        postgres.start()


def test_once_postgres_is_back_reads_and_writes_recover_without_a_restart(
    server: str, postgres: PrivatePostgres, author: dict[str, str]
) -> None:
    # Fill both pools with connections the restart will kill.
    assert _write(server, author).status_code == 201
    assert asyncio.run(_concurrent_lists(server, 12)) == [200] * 12
    postgres.stop()
    assert _write(server, author).status_code == 503
    postgres.start()

    deadline = time.monotonic() + RECOVERY_SECONDS
    while httpx.get(f"{server}/health/ready", timeout=30).status_code != 200:
        assert time.monotonic() < deadline, "not ready again within the deadline"
        time.sleep(0.1)
    assert httpx.get(f"{server}/health/ready").json() == {
        "status": "ok",
        "checks": {"database": "ok"},
    }
    # Ready means served: no request meets a connection the restart killed.
    assert asyncio.run(_concurrent_lists(server, 12)) == [200] * 12
    for name, call in _requests_that_need_the_database(server, author).items():
        response = call()
        assert response.status_code in (200, 201), (name, response.text)


async def _timed(client: httpx.AsyncClient, method: str, url: str, **kw: Any) -> tuple[int, float]:
    started = time.monotonic()
    response = await client.request(method, url, **kw)
    return response.status_code, time.monotonic() - started


async def _while_frozen(server: str, headers: dict[str, str]) -> dict[str, tuple[int, float]]:
    post = {"title": "Frozen", "body": "Text."}
    async with httpx.AsyncClient(base_url=server, timeout=60) as client:
        calls = {
            "read me": _timed(client, "GET", "/api/v1/users/me", headers=headers),
            "list": _timed(client, "GET", "/api/v1/posts", params={"q": uuid.uuid4().hex}),
            "write": _timed(client, "POST", "/api/v1/posts", json=post, headers=headers),
            "ready": _timed(client, "GET", "/health/ready"),
        }
        answers = await asyncio.gather(*calls.values())
    return dict(zip(calls, answers, strict=True))


def test_a_postgres_that_stops_answering_costs_503s_not_hanging_requests(
    server: str, postgres: PrivatePostgres, author: dict[str, str]
) -> None:
    # Pooled connections that will meet the silent server first.
    assert asyncio.run(_concurrent_lists(server, 4)) == [200] * 4
    assert httpx.get(f"{server}/api/v1/users/me", headers=author).status_code == 200
    with postgres.frozen():
        answers = asyncio.run(_while_frozen(server, author))
    # Bounded by the ping + connect timeouts (1.5 + 5 s), reads by their 10 s limit.
    for name, (status, elapsed) in answers.items():
        limit = FROZEN_READ_SECONDS if name == "list" else OUTAGE_ANSWER_SECONDS
        assert status == 503 and elapsed < limit, (name, answers)
    assert httpx.get(f"{server}/health/ready", timeout=30).status_code == 200
    assert httpx.get(f"{server}/api/v1/users/me", headers=author, timeout=30).status_code == 200
    assert asyncio.run(_concurrent_lists(server, 4)) == [200] * 4
