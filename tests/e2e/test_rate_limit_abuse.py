"""Abuse: a spoofed X-Forwarded-For buys nothing, a Redis outage neither stops the service
nor opens sign-in to guessing, and workers sharing Redis share their counters."""

from __future__ import annotations

import pytest

from tests.e2e.rate_limits import assert_limited, limited_settings, sign_in, sign_up, site
from tests.redis_server import CLOSED_REDIS_URL, fresh_client_ip, redis_server_url

PROXY = "10.0.0.7"


async def test_a_spoofed_forwarded_for_from_an_untrusted_peer_changes_nothing() -> None:
    settings = limited_settings(rate_limit_sign_in_per_ip="2/minute", trusted_proxies=[PROXY])
    async with site(settings) as s:
        client = s.at("203.0.113.1")
        for n in range(2):
            headers = {"X-Forwarded-For": f"198.51.100.{n}"}
            assert (await sign_in(client, "ada", "x" * 8, headers)).status_code == 401
        spoofed = {"X-Forwarded-For": "198.51.100.99, 10.0.0.7"}
        assert_limited(await sign_in(client, "ada", "x" * 8, spoofed), 2)


async def test_behind_a_trusted_proxy_the_forwarded_client_is_counted() -> None:
    settings = limited_settings(rate_limit_reads_per_ip="2/minute", trusted_proxies=["10.0.0.0/8"])
    async with site(settings) as s:
        proxy = s.at(PROXY)
        first = {"X-Forwarded-For": "198.51.100.1"}
        # What the client sent is on the left; the proxy appends the peer it saw.
        forged = {"X-Forwarded-For": "192.0.2.55, 198.51.100.1, 10.0.0.3"}
        for headers in (first, forged):
            assert (await proxy.get("/api/v1/tags", headers=headers)).status_code == 200
        assert_limited(await proxy.get("/api/v1/tags", headers=first), 2)
        other = {"X-Forwarded-For": "198.51.100.2"}
        assert (await proxy.get("/api/v1/tags", headers=other)).status_code == 200


async def test_with_redis_down_reads_fail_open_and_the_failures_are_counted() -> None:
    settings = limited_settings(rate_limit_reads_per_ip="1/minute", redis_url=CLOSED_REDIS_URL)
    async with site(settings) as s:
        client = s.at("203.0.113.1")
        for _ in range(3):
            assert (await client.get("/api/v1/tags")).status_code == 200
        assert s.container.adapters.rate_limit_failures().failed_open == 3


async def test_with_redis_down_sign_in_is_still_limited_in_process() -> None:
    settings = limited_settings(rate_limit_sign_in_per_ip="2/minute", redis_url=CLOSED_REDIS_URL)
    async with site(settings) as s:
        client = s.at("203.0.113.1")
        assert (await sign_up(client, "ada")).status_code == 201  # fails open
        for _ in range(2):
            assert (await sign_in(client, "ada", "wrong password")).status_code == 401
        assert_limited(await sign_in(client, "ada"), 2)
        assert s.container.adapters.rate_limit_failures().fell_back >= 3


@pytest.fixture
def redis_url() -> str:
    return redis_server_url()


async def test_two_workers_sharing_redis_share_the_limit(redis_url: str) -> None:
    settings = limited_settings(rate_limit_sign_up_per_ip="2/minute", redis_url=redis_url)
    ip = fresh_client_ip()
    async with site(settings) as one, site(settings) as two:
        assert (await sign_up(one.at(ip), "ada")).status_code == 201
        assert (await sign_up(two.at(ip), "bob")).status_code == 201
        assert_limited(await sign_up(one.at(ip), "cyd"), 2)
        assert_limited(await sign_up(two.at(ip), "dan"), 2)
