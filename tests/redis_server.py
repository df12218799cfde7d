"""The Redis named by INKPORT_TEST_REDIS_URL. Unset: Redis tests skip. Set but unreachable:
they fail, so CI cannot pass without really testing against Redis."""

from __future__ import annotations

import os
import random

import pytest
import redis

REDIS_URL_VARIABLE = "INKPORT_TEST_REDIS_URL"
# Nothing listens on port 1: connections are refused at once.
CLOSED_REDIS_URL = "redis://127.0.0.1:1/0"


def redis_server_url() -> str:
    """Call from a fixture: the URL of a Redis that answers, else skip or fail."""
    url = os.environ.get(REDIS_URL_VARIABLE)
    if not url:
        pytest.skip(f"{REDIS_URL_VARIABLE} not set: Redis tests skipped")
    try:
        with redis.Redis.from_url(url, socket_connect_timeout=2) as client:
            client.ping()
    except redis.RedisError as error:
        pytest.fail(f"{REDIS_URL_VARIABLE}={url} is set but Redis cannot be used: {error!r}")
    return url


def fresh_client_ip() -> str:
    """An address no earlier run used: counters that runs leave in a shared Redis (for
    up to their window) never meet this run's requests."""
    octets = (random.randrange(256), random.randrange(256), random.randrange(1, 255))
    return "10.{}.{}.{}".format(*octets)
