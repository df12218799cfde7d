"""Each limited path answers 429 past its limit, keyed by the right thing, and a refused
request changes nothing."""

from __future__ import annotations

from tests.e2e.conftest import PASSWORD
from tests.e2e.rate_limits import (
    assert_limited,
    bearer,
    limited_settings,
    sign_in,
    sign_up,
    site,
)


async def test_sign_in_is_limited_per_client_ip() -> None:
    async with site(limited_settings(rate_limit_sign_in_per_ip="3/minute")) as s:
        ada, bob = s.at("203.0.113.1"), s.at("203.0.113.2")
        assert (await sign_up(ada, "ada")).status_code == 201
        for login in ("nobody", "someone", "ada"):
            response = await sign_in(ada, login, "wrong password")
            assert response.status_code == 401
            assert response.headers["ratelimit-limit"] == "3"
        refused = await sign_in(ada, "ada")  # even the right password
        assert_limited(refused, 3)
        assert "access_token" not in refused.json() and s.db.refresh_tokens == {}
        assert (await sign_in(bob, "ada")).status_code == 200


async def test_sign_in_is_limited_per_account_whatever_the_address() -> None:
    async with site(limited_settings(rate_limit_sign_in_per_account="2/minute")) as s:
        first, second = s.at("203.0.113.1"), s.at("203.0.113.2")
        for name in ("ada", "bob"):
            assert (await sign_up(first, name)).status_code == 201
        assert (await sign_in(first, "ada", "wrong password")).status_code == 401
        assert (await sign_in(second, "Ada", "wrong password")).status_code == 401
        assert_limited(await sign_in(second, " ADA ", PASSWORD), 2)
        assert (await sign_in(second, "bob")).status_code == 200


async def test_sign_up_is_limited_per_client_ip_and_a_refusal_creates_nobody() -> None:
    async with site(limited_settings(rate_limit_sign_up_per_ip="2/minute")) as s:
        client, other = s.at("203.0.113.1"), s.at("203.0.113.2")
        first = await sign_up(client, "ada")
        assert first.status_code == 201 and first.headers["ratelimit-remaining"] == "1"
        assert (await sign_up(client, "bob")).status_code == 201
        assert_limited(await sign_up(client, "cyd"), 2)
        assert (await client.get("/api/v1/users/cyd")).status_code == 404
        assert (await sign_up(other, "cyd")).status_code == 201


async def test_writes_are_limited_per_user_and_a_refusal_writes_nothing() -> None:
    async with site(limited_settings(rate_limit_writes_per_user="2/minute")) as s:
        client = s.at("203.0.113.1")
        ada, bob = await bearer(client, "ada"), await bearer(client, "bob")
        post = {"title": "T", "body": "B"}
        for remaining in ("1", "0"):
            response = await client.post("/api/v1/posts", json=post, headers=ada)
            assert response.status_code == 201
            assert response.headers["ratelimit-remaining"] == remaining
        assert_limited(await client.post("/api/v1/posts", json=post, headers=ada), 2)
        assert len(s.db.posts) == 2
        me = await client.patch("/api/v1/users/me", json={"bio": "x"}, headers=ada)
        assert_limited(me, 2)
        assert (await client.post("/api/v1/posts", json=post, headers=bob)).status_code == 201


async def test_anonymous_and_badly_signed_writes_are_not_counted_as_a_user() -> None:
    async with site(limited_settings(rate_limit_writes_per_user="1/minute")) as s:
        client = s.at("203.0.113.1")
        bad = {"Authorization": "Bearer not-a-token"}
        for _ in range(3):
            response = await client.post("/api/v1/posts", json={}, headers=bad)
            assert response.status_code == 401
            assert "ratelimit-limit" not in response.headers


async def test_reads_are_limited_per_client_ip() -> None:
    async with site(limited_settings(rate_limit_reads_per_ip="3/minute")) as s:
        client, other = s.at("203.0.113.1"), s.at("203.0.113.2")
        for path in ("/api/v1/posts", "/api/v1/tags", "/api/articles"):
            assert (await client.get(path)).status_code == 200
        assert_limited(await client.get("/api/v1/posts"), 3)
        assert (await other.get("/api/v1/posts")).status_code == 200
        assert (await client.get("/health/live")).status_code == 200  # ops: never limited


async def test_realworld_paths_answer_429_in_their_own_error_shape() -> None:
    settings = limited_settings(
        rate_limit_sign_in_per_ip="1/minute", rate_limit_sign_up_per_ip="1/minute"
    )
    async with site(settings) as s:
        client = s.at("203.0.113.1")
        user = {"username": "ada", "email": "ada@example.com", "password": PASSWORD}
        assert (await client.post("/api/users", json={"user": user})).status_code == 201
        again = {**user, "username": "bob", "email": "bob@example.com"}
        assert_limited(await client.post("/api/users", json={"user": again}), 1, realworld=True)
        assert len(s.db.users) == 1
        login = {"user": {"email": "ada@example.com", "password": PASSWORD}}
        assert (await client.post("/api/users/login", json=login)).status_code == 200
        refused = await client.post("/api/users/login", json=login)
        assert_limited(refused, 1, realworld=True)
