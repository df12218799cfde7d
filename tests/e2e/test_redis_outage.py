"""A real ``inkport serve`` (SQLite) whose cache and rate limits live in a private Redis
that the tests stop and start: without Redis the service is degraded, not down, and
answers as quickly as ever; once Redis is back it is used again without a restart."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest

from tests.e2e.metrics_scrape import parse, value
from tests.e2e.processes import inkport_server
from tests.outage_servers import PrivateRedis, private_redis

pytestmark = pytest.mark.slow

PASSWORD = "correct horse battery"
QUICK_SECONDS = 3.0
RECOVERY_SECONDS = 10.0
FAILURES = "inkport_rate_limit_storage_failures_total"


@pytest.fixture(scope="module")
def redis_server() -> Iterator[PrivateRedis]:
    with private_redis() as server:
        yield server


@pytest.fixture(scope="module")
def server(redis_server: PrivateRedis, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("redis_outage")
    settings = {
        "INKPORT_DATABASE_URL": f"sqlite+aiosqlite:///{workdir / 'inkport.db'}",
        "INKPORT_REDIS_URL": redis_server.url,
    }
    with inkport_server(settings, workdir) as base:
        yield base


@pytest.fixture(scope="module")
def author(server: str) -> dict[str, str]:
    body = {"username": "ada", "email": "ada@example.com", "password": PASSWORD}
    assert httpx.post(f"{server}/api/v1/users", json=body).status_code == 201
    return {"Authorization": f"Bearer {_sign_in(server).json()['access_token']}"}


def _sign_in(server: str) -> httpx.Response:
    form = {"username": "ada", "password": PASSWORD}
    return httpx.post(f"{server}/api/v1/auth/token", data=form, timeout=30)


def _write(server: str, headers: dict[str, str]) -> httpx.Response:
    post = {"title": f"Post {uuid.uuid4().hex[:8]}", "body": "Text.", "publish": True}
    return httpx.post(f"{server}/api/v1/posts", json=post, headers=headers, timeout=30)


def _metric(server: str, name: str, **labels: str) -> float:
    return value(parse(httpx.get(f"{server}/metrics").text), name, **labels)


def _cache_hits(server: str) -> float:
    return _metric(server, "inkport_cache_operations_total", result="hit")


def _limit_failures(server: str) -> float:
    samples = parse(httpx.get(f"{server}/metrics").text)
    return sum(v for (name, _), v in samples.items() if name == FAILURES)


def _ready(server: str) -> httpx.Response:
    return httpx.get(f"{server}/health/ready", timeout=30)


def _until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + RECOVERY_SECONDS
    while not condition():
        assert time.monotonic() < deadline, f"{what} not within {RECOVERY_SECONDS} s"
        time.sleep(0.1)


def test_while_redis_is_down_requests_still_succeed_quickly_and_readiness_says_degraded(
    server: str, redis_server: PrivateRedis, author: dict[str, str]
) -> None:
    post = _write(server, author).json()
    assert _ready(server).json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}}
    redis_server.stop()
    try:
        requests: dict[str, Callable[[], httpx.Response]] = {
            "read a post": lambda: httpx.get(f"{server}/api/v1/posts/{post['id']}", timeout=30),
            "list posts": lambda: httpx.get(f"{server}/api/v1/posts", timeout=30),
            "write a post": lambda: _write(server, author),
            "sign in": lambda: _sign_in(server),
        }
        for name, call in requests.items():
            started = time.monotonic()
            response = call()
            elapsed = time.monotonic() - started
            assert response.status_code in (200, 201), (name, response.text)
            assert elapsed < QUICK_SECONDS, (name, elapsed)

        started = time.monotonic()
        ready = _ready(server)
        assert time.monotonic() - started < QUICK_SECONDS
        assert ready.status_code == 200
        assert ready.json() == {
            "status": "degraded",
            "checks": {"database": "ok", "redis": "unavailable"},
        }
        # The post read was a counted cache error, answered from the database.
        assert _metric(server, "inkport_cache_operations_total", result="error") >= 1
        # Sign-in was still counted, in process; the other limits failed open.
        assert _metric(server, FAILURES, rule="sign_in_per_ip", handling="fell_back") >= 1
        assert _metric(server, FAILURES, rule="reads_per_ip", handling="failed_open") >= 1
    finally:
        redis_server.start()


def test_once_redis_is_back_it_is_used_again_without_a_restart(
    server: str, redis_server: PrivateRedis, author: dict[str, str]
) -> None:
    post = _write(server, author).json()
    redis_server.stop()
    assert httpx.get(f"{server}/api/v1/posts/{post['id']}").status_code == 200
    redis_server.start()

    _until(lambda: _ready(server).json()["status"] == "ok", "ready again")
    assert _ready(server).json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}}
    hits_before = _cache_hits(server)

    def read_hits_the_cache() -> bool:
        response = httpx.get(f"{server}/api/v1/posts/{post['id']}", timeout=30)
        assert response.status_code == 200
        return _cache_hits(server) > hits_before

    _until(read_hits_the_cache, "a cache hit")
    # The shared rate limits too: past the limiter's 1 s pause, no request fails open.
    time.sleep(1.1)
    failures_before = _limit_failures(server)
    assert _sign_in(server).status_code == 200
    assert httpx.get(f"{server}/api/v1/posts").status_code == 200
    assert _limit_failures(server) == failures_before


def test_a_redis_that_stops_answering_slows_no_request_down_for_long(
    server: str, redis_server: PrivateRedis, author: dict[str, str]
) -> None:
    post = _write(server, author).json()
    requests: list[Callable[[], httpx.Response]] = [
        lambda: httpx.get(f"{server}/api/v1/posts/{post['id']}", timeout=30),
        lambda: _write(server, author),
        lambda: _sign_in(server),
    ]
    with redis_server.frozen():
        for call in requests:
            started = time.monotonic()
            assert call().status_code in (200, 201)
            assert time.monotonic() - started < QUICK_SECONDS
        started = time.monotonic()
        ready = _ready(server)
        assert time.monotonic() - started < QUICK_SECONDS
        assert ready.status_code == 200 and ready.json()["status"] == "degraded"
    _until(lambda: _ready(server).json()["status"] == "ok", "ready again")
